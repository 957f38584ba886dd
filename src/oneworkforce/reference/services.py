"""Writes to the reference lists."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.db import transaction

from oneworkforce.reference import data_files, loading
from oneworkforce.reference.loading import LoadReport


@transaction.atomic
def reference_data_load(*, loaded_at: datetime, data_dir: Path | None = None) -> LoadReport:
    """Load every shipped list into the database, all or nothing.

    Running it again with the same files changes nothing; a changed file updates its rows; a
    row gone from its file is marked retired at ``loaded_at``. ``data_dir`` defaults to the
    files shipped in the package.
    """
    lists = data_files.read_reference_lists(data_dir or data_files.DATA_DIR)
    return loading.load_reference_lists(get_model=apps.get_model, lists=lists, loaded_at=loaded_at)
