"""Load the shipped lists again, for databases migrated before the recruitment-source list was.

The loader reconciles every list with its file (a row missing from the files is retired), so it
is handed all of them; rows that have not changed are left as they are. A new database already
loaded the list in ``0002``, which reads today's files.
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
        ("reference", "0004_recruitment_source_list"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, reverse_code=migrations.RunPython.noop),
    ]
