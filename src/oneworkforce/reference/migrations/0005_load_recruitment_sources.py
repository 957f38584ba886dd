"""Load the shipped lists again, for databases migrated before the recruitment-source list was.

The loader reconciles every list with its file (a row missing from the files is retired), so it
is handed all of them; rows that have not changed are left as they are. A new database already
loaded the list in ``0002``, which reads today's files.
"""

from django.db import migrations

from oneworkforce.reference import loading


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0004_recruitment_source_list"),
    ]

    operations = [
        migrations.RunPython(loading.load_in_migration, reverse_code=migrations.RunPython.noop),
    ]
