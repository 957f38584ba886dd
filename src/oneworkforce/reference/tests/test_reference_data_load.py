"""reference_data_load: idempotent, all or nothing, retiring rather than deleting."""

from __future__ import annotations

import csv
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import IntegrityError

from oneworkforce.reference import data_files, services
from oneworkforce.reference.models import (
    ApprenticeshipStandard,
    CodeList,
    CodeListItem,
    JobRole,
    Qualification,
    StaffGroup,
    TrainingSubject,
)

LOADED_AT = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
MODELS = (StaffGroup, JobRole, Qualification, ApprenticeshipStandard, TrainingSubject, CodeListItem)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data files that a test may edit."""
    return Path(shutil.copytree(data_files.DATA_DIR, tmp_path / "data"))


def edit_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = change(list(reader))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def rename_first_staff_group(rows: list[dict]) -> list[dict]:
    rows[0]["name"] = "Renamed before the failure"
    return rows


def snapshot() -> dict[str, list[tuple]]:
    return {
        model.__name__: sorted(model.objects.values_list("key", "updated_at", "retired_at"))
        for model in MODELS
    }


@pytest.mark.django_db
class TestReferenceDataLoad:
    def test_loading_over_the_migrated_data_changes_nothing(self):
        before = snapshot()

        report = services.reference_data_load(loaded_at=LOADED_AT)

        assert not report.changed
        assert snapshot() == before

    def test_loading_twice_changes_nothing(self, data_dir):
        edit_csv(data_dir / "codes" / "ascwds_gender.csv", lambda rows: rows[:-1])
        services.reference_data_load(loaded_at=LOADED_AT, data_dir=data_dir)
        after_first = snapshot()

        report = services.reference_data_load(loaded_at=LATER, data_dir=data_dir)

        assert not report.changed
        assert sum(c.unchanged for c in report.counts.values()) == sum(
            c.current for c in report.counts.values()
        )
        assert snapshot() == after_first

    def test_a_removed_row_is_retired_not_deleted(self, data_dir):
        edit_csv(
            data_dir / "job_roles_ascwds.csv",
            lambda rows: [row for row in rows if row["ascwds_code"] != "8"],
        )

        report = services.reference_data_load(loaded_at=LOADED_AT, data_dir=data_dir)

        care_worker = JobRole.objects.get(key="care-worker")
        assert care_worker.retired_at == LOADED_AT
        assert report.counts["ascwds_job_roles"].retired == 1
        assert JobRole.objects.filter(retired_at__isnull=True).count() == 38

    def test_a_retired_row_that_comes_back_is_current_again(self, data_dir):
        shipped = (data_dir / "job_roles_ascwds.csv").read_text(encoding="utf-8")
        edit_csv(
            data_dir / "job_roles_ascwds.csv",
            lambda rows: [row for row in rows if row["key"] != "care-worker"],
        )
        services.reference_data_load(loaded_at=LOADED_AT, data_dir=data_dir)
        (data_dir / "job_roles_ascwds.csv").write_text(shipped, encoding="utf-8")

        report = services.reference_data_load(loaded_at=LATER, data_dir=data_dir)

        assert JobRole.objects.get(key="care-worker").retired_at is None
        assert report.counts["ascwds_job_roles"].updated == 1

    def test_a_changed_row_is_updated_in_place(self, data_dir):
        care_worker_id = JobRole.objects.get(key="care-worker").pk

        def rename(rows):
            for row in rows:
                if row["key"] == "care-worker":
                    row["name"] = "Care worker (renamed)"
                    row["nhs_staff_groups"] = "additional-clinical-services;students"
            return rows

        edit_csv(data_dir / "job_roles_ascwds.csv", rename)

        report = services.reference_data_load(loaded_at=LOADED_AT, data_dir=data_dir)

        care_worker = JobRole.objects.get(key="care-worker")
        assert care_worker.pk == care_worker_id
        assert care_worker.name == "Care worker (renamed)"
        assert {g.key for g in care_worker.nhs_staff_groups.all()} == {
            "additional-clinical-services",
            "students",
        }
        assert report.counts["ascwds_job_roles"].updated == 1

    def test_a_code_can_pass_from_a_retired_row_to_a_new_one(self, data_dir):
        def rekey(rows):
            for row in rows:
                if row["code"] == "4":
                    row["key"] = "agency-worker"
            return rows

        edit_csv(data_dir / "codes" / "ascwds_contract_type.csv", rekey)

        services.reference_data_load(loaded_at=LOADED_AT, data_dir=data_dir)

        agency = CodeListItem.objects.filter(list_name=CodeList.CONTRACT_TYPE, code="4")
        assert agency.get(retired_at__isnull=True).key == "agency-worker"
        assert agency.get(retired_at__isnull=False).key == "agency"

    def test_a_new_source_date_is_recorded_on_every_row_of_its_list(self, data_dir):
        sources = data_dir / "sources.json"
        sources.write_text(
            sources.read_text(encoding="utf-8").replace(
                '"source_date": "2026-06-10"', '"source_date": "2026-11-01"'
            ),
            encoding="utf-8",
        )

        services.reference_data_load(loaded_at=LOADED_AT, data_dir=data_dir)

        dates = set(
            CodeListItem.objects.filter(list_name=CodeList.SERVICE).values_list(
                "source_date", flat=True
            )
        )
        assert [d.isoformat() for d in dates] == ["2026-11-01"]

    def test_a_file_naming_an_unknown_staff_group_writes_nothing(self, data_dir):
        before = snapshot()
        edit_csv(data_dir / "staff_groups_nhs.csv", rename_first_staff_group)

        def break_mapping(rows):
            rows[0]["nhs_staff_groups"] = "no-such-group"
            return rows

        edit_csv(data_dir / "job_roles_ascwds.csv", break_mapping)

        with pytest.raises(data_files.DataFileError, match="no-such-group"):
            services.reference_data_load(loaded_at=LOADED_AT, data_dir=data_dir)

        assert snapshot() == before

    def test_a_value_the_constraints_refuse_writes_nothing(self, data_dir):
        before = snapshot()

        def bad_sector(rows):
            rows = rename_first_staff_group(rows)
            rows[-1]["sector"] = "retail"
            return rows

        edit_csv(data_dir / "staff_groups_nhs.csv", bad_sector)

        with pytest.raises(IntegrityError):
            services.reference_data_load(loaded_at=LOADED_AT, data_dir=data_dir)

        assert snapshot() == before
