"""Export to the ASC-WDS bulk-upload files: columns, codes, dates, 999, and formula safety."""

from __future__ import annotations

import csv
import io

import pytest

from oneworkforce.intelligence.returns.export import (
    FORMULA_STARTS,
    export_staff,
    export_training,
    export_workplaces,
    neutralise_cell,
)
from oneworkforce.intelligence.returns.formats import (
    ASCWDS_STAFF,
    ASCWDS_TRAINING,
    ASCWDS_WORKPLACE,
)
from oneworkforce.intelligence.returns.normalised import NormalisedReturn, normalise
from oneworkforce.intelligence.returns.validation import validate

from .conftest import REFERENCE_DATE, example_row, upload


def tables(file_format, rows) -> NormalisedReturn:
    uploaded = upload(file_format, rows)
    report = validate(uploaded, reference_date=REFERENCE_DATE)
    assert report.is_valid, report.errors
    return normalise(uploaded, report=report, reference_date=REFERENCE_DATE, ni_hash_key=b"k")


def exported_staff(*rows: dict[str, str]) -> list[dict[str, str]]:
    result = tables(ASCWDS_STAFF, rows)
    content = export_staff(
        people=result.people, posts=result.posts, qualifications=result.qualifications
    )
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


class TestNeutralise:
    @pytest.mark.parametrize("start", FORMULA_STARTS)
    def test_puts_an_apostrophe_before_every_formula_start(self, start: str) -> None:
        assert neutralise_cell(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"

    def test_leaves_other_text_alone(self) -> None:
        assert neutralise_cell("Care worker, days") == "Care worker, days"


class TestStaffExport:
    def test_writes_the_published_columns_in_order_as_utf8_without_a_bom(self) -> None:
        result = tables(ASCWDS_STAFF, [example_row(ASCWDS_STAFF)])

        content = export_staff(
            people=result.people, posts=result.posts, qualifications=result.qualifications
        )

        assert not content.startswith(b"\xef\xbb\xbf")
        assert content.split(b"\r\n")[0].decode() == ",".join(ASCWDS_STAFF.names)

    def test_writes_codes_and_dates_as_asc_wds_does(self) -> None:
        (row,) = exported_staff(example_row(ASCWDS_STAFF, DOB="4/5/1985"))

        assert (
            row["DOB"],
            row["MAINJOBROLE"],
            row["EMPLSTATUS"],
            row["SCQUAL"],
            row["HOURLYRATE"],
        ) == (
            "04/05/1985",
            "8",
            "1",
            "1;2",
            "12.60",
        )

    def test_never_writes_the_ni_number(self) -> None:
        (row,) = exported_staff(example_row(ASCWDS_STAFF, NINUMBER="QQ123456C"))

        assert row["NINUMBER"] == ""

    def test_writes_999_where_a_number_applies_but_is_not_known(self) -> None:
        permanent, bank = exported_staff(
            example_row(ASCWDS_STAFF, CONTHOURS="", STARTINSECT="", DAYSSICK=""),
            example_row(
                ASCWDS_STAFF, UNIQUEWORKERID="W2", EMPLSTATUS="3", CONTHOURS="", AVGHOURS=""
            ),
        )

        assert (
            permanent["CONTHOURS"],
            permanent["AVGHOURS"],
            permanent["STARTINSECT"],
            permanent["DAYSSICK"],
        ) == (
            "999",
            "",
            "999",
            "999",
        )
        assert (bank["CONTHOURS"], bank["AVGHOURS"]) == ("", "999")

    def test_neutralises_formulas_in_every_text_cell(self) -> None:
        (row,) = exported_staff(
            example_row(
                ASCWDS_STAFF,
                DISPLAYID='=HYPERLINK("http://evil")',
                MAINJOBROLE="23",
                MAINJRDESC="+44 night shifts",
                QUALACH01="121;2019",
                QUALACH01NOTES="@SUM(A1)",
            )
        )

        assert row["DISPLAYID"] == '\'=HYPERLINK("http://evil")'
        assert row["MAINJRDESC"] == "'+44 night shifts"
        assert row["QUALACH01NOTES"] == "'@SUM(A1)"

    def test_writes_the_optional_columns_only_when_a_worker_uses_them(self) -> None:
        header = list(ASCWDS_STAFF.names)
        header[2:2] = ["CHGUNIQUEWRKID", "TRANSFERSTAFFRECORD"]
        row = example_row(ASCWDS_STAFF) | {"CHGUNIQUEWRKID": "W0009", "TRANSFERSTAFFRECORD": ""}
        uploaded = upload(ASCWDS_STAFF, [row], header=header)
        result = normalise(
            uploaded,
            report=validate(uploaded, reference_date=REFERENCE_DATE),
            reference_date=REFERENCE_DATE,
        )

        content = export_staff(
            people=result.people, posts=result.posts, qualifications=result.qualifications
        )

        assert content.decode().split(",")[:4] == [
            "LOCALESTID",
            "UNIQUEWORKERID",
            "CHGUNIQUEWRKID",
            "STATUS",
        ]

    def test_can_mark_every_record_for_update(self) -> None:
        result = tables(ASCWDS_STAFF, [example_row(ASCWDS_STAFF)])

        content = export_staff(
            people=result.people,
            posts=result.posts,
            qualifications=result.qualifications,
            status="UPDATE",
        )

        assert next(csv.DictReader(io.StringIO(content.decode())))["STATUS"] == "UPDATE"


class TestWorkplaceExport:
    def test_writes_counts_per_role_with_999_for_dont_know(self) -> None:
        result = tables(
            ASCWDS_WORKPLACE,
            [example_row(ASCWDS_WORKPLACE, LEAVERS="999", REASONS="", REASONNOS="")],
        )

        content = export_workplaces(
            workplaces=result.workplaces, workplace_roles=result.workplace_roles
        )

        row = next(csv.DictReader(io.StringIO(content.decode())))
        assert list(row) == list(ASCWDS_WORKPLACE.names)
        assert (row["ALLJOBROLES"], row["STARTERS"], row["LEAVERS"], row["VACANCIES"]) == (
            "4;8;7",
            "0;5;1",
            "999",
            "0;3;0",
        )
        assert (row["ESTTYPE"], row["REGTYPE"], row["PERMCQC"], row["ALLSERVICES"]) == (
            "6",
            "2",
            "1",
            "2",
        )

    def test_neutralises_formulas_in_workplace_text(self) -> None:
        result = tables(
            ASCWDS_WORKPLACE, [example_row(ASCWDS_WORKPLACE, ESTNAME="-2+3 Court", ADDRESS2="=1+1")]
        )

        content = export_workplaces(
            workplaces=result.workplaces, workplace_roles=result.workplace_roles
        )

        row = next(csv.DictReader(io.StringIO(content.decode())))
        assert (row["ESTNAME"], row["ADDRESS2"]) == ("'-2+3 Court", "'=1+1")


class TestTrainingExport:
    def test_writes_validity_as_months_or_none_and_neutralises_notes(self) -> None:
        result = tables(
            ASCWDS_TRAINING,
            [
                example_row(ASCWDS_TRAINING, NOTES="=cmd"),
                example_row(ASCWDS_TRAINING, VALIDITY="none"),
            ],
        )

        content = export_training(training=result.training)

        rows = list(csv.DictReader(io.StringIO(content.decode())))
        assert [row["VALIDITY"] for row in rows] == ["12", "none"]
        assert rows[0]["NOTES"] == "'=cmd"
        assert rows[0]["DATECOMPLETED"] == "15/01/2025"
