"""Load the reference lists shipped in ``reference/data/`` with the historical models.

When a later change to the data files needs a schema change, add the schema migration and a
new load migration after it, and make this one a no-op (see docs/decisions/0041).
"""

from django.db import migrations
from django.utils import timezone

from oneworkforce.reference import data_files, loading


def load_reference_data(apps, schema_editor):
    loading.load_reference_lists(
        get_model=apps.get_model,
        lists=data_files.read_reference_lists(),
        loaded_at=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0001_job_roles_qualifications_training_standards"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, reverse_code=migrations.RunPython.noop),
    ]
