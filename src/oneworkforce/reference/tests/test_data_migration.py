"""The data migration: a migrated database holds every shipped list."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from oneworkforce.reference import data_files
from oneworkforce.reference.models import (
    ApprenticeshipStandard,
    CodeListItem,
    JobRole,
    Qualification,
    StaffGroup,
    TrainingSubject,
)

MODEL_OF_KIND = {
    "staff_groups": StaffGroup,
    "job_roles": JobRole,
    "qualifications": Qualification,
    "apprenticeship_standards": ApprenticeshipStandard,
    "training_subjects": TrainingSubject,
    "code_list": CodeListItem,
}


def shipped_row_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in data_files.read_reference_lists():
        model = MODEL_OF_KIND[item.meta.kind].__name__
        counts[model] = counts.get(model, 0) + len(item.rows)
    return counts


@pytest.mark.django_db
class TestLoadReferenceDataMigration:
    def test_the_migrated_database_holds_every_shipped_row(self):
        held = {model.__name__: model.objects.count() for model in MODEL_OF_KIND.values()}

        assert held == shipped_row_counts()

    def test_it_loads_an_empty_database_with_the_historical_models(self):
        ApprenticeshipStandard.objects.all().delete()
        for model in (JobRole, StaffGroup, Qualification, TrainingSubject, CodeListItem):
            model.objects.all().delete()
        state = MigrationLoader(connection).project_state(("reference", "0002_load_reference_data"))
        migration = importlib.import_module(
            "oneworkforce.reference.migrations.0002_load_reference_data"
        )

        (load,) = migration.Migration.operations
        load.code(state.apps, None)

        held = {model.__name__: model.objects.count() for model in MODEL_OF_KIND.values()}
        assert held == shipped_row_counts()
        assert JobRole.objects.get(ascwds_code=8).nhs_staff_groups.count() == 1
