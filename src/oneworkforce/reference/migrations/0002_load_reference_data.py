"""Load the reference lists shipped in ``reference/data/`` with the historical models.

When a later change to the data files needs a schema change, add the schema migration and a
new load migration after it, and make this one a no-op (see docs/decisions/0041).
"""

from django.db import migrations

from oneworkforce.reference import loading


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0001_job_roles_qualifications_training_standards"),
    ]

    operations = [
        migrations.RunPython(loading.load_in_migration, reverse_code=migrations.RunPython.noop),
    ]
