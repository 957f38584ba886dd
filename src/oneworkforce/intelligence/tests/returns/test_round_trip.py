"""An export uploaded again is accepted unchanged: export → read → validate → normalise gives the
same normalised tables (all but ``ni_number_hash``: the NI number is never stored, so never
exported)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.export import (
    export_staff,
    export_training,
    export_workplaces,
)
from oneworkforce.intelligence.returns.formats import (
    ASCWDS_STAFF,
    ASCWDS_TRAINING,
    ASCWDS_WORKPLACE,
    FileFormat,
)
from oneworkforce.intelligence.returns.normalised import NormalisedReturn, normalise
from oneworkforce.intelligence.returns.reading import read_upload
from oneworkforce.intelligence.returns.templates import template_csv
from oneworkforce.intelligence.returns.validation import validate

from .conftest import REFERENCE_DATE, csv_bytes

SAMPLES = Path(__file__).resolve().parents[2] / "returns" / "samples"
TABLES = ("workplaces", "workplace_roles", "people", "posts", "qualifications", "training")


def load(file_format: FileFormat, content: bytes) -> NormalisedReturn:
    uploaded = read_upload(content=content, filename="return.csv", file_format=file_format)
    report = validate(uploaded, reference_date=REFERENCE_DATE)
    assert report.is_valid, report.errors[:5]
    return normalise(uploaded, report=report, reference_date=REFERENCE_DATE, ni_hash_key=b"key")


def export(file_format: FileFormat, result: NormalisedReturn) -> bytes:
    if file_format is ASCWDS_WORKPLACE:
        return export_workplaces(
            workplaces=result.workplaces, workplace_roles=result.workplace_roles
        )
    if file_format is ASCWDS_STAFF:
        return export_staff(
            people=result.people, posts=result.posts, qualifications=result.qualifications
        )
    return export_training(training=result.training)


def assert_same_tables(first: NormalisedReturn, second: NormalisedReturn) -> None:
    for name in TABLES:
        before, after = getattr(first, name), getattr(second, name)
        if name == "people":
            before, after = before.drop("ni_number_hash"), after.drop("ni_number_hash")
        assert_frame_equal(before, after, check_row_order=True)


class TestFixedExamples:
    def test_the_sample_workplace_file_comes_back_unchanged(self) -> None:
        original = load(ASCWDS_WORKPLACE, (SAMPLES / "ascwds-workplace-valid.csv").read_bytes())

        again = load(ASCWDS_WORKPLACE, export(ASCWDS_WORKPLACE, original))

        assert_same_tables(original, again)

    def test_the_sample_staff_file_comes_back_unchanged(self) -> None:
        original = load(ASCWDS_STAFF, (SAMPLES / "ascwds-staff-valid.csv").read_bytes())

        exported = export(ASCWDS_STAFF, original)
        again = load(ASCWDS_STAFF, exported)

        assert_same_tables(original, again)
        assert export(ASCWDS_STAFF, again) == exported

    def test_the_training_template_comes_back_unchanged(self) -> None:
        original = load(ASCWDS_TRAINING, template_csv(ASCWDS_TRAINING))

        again = load(ASCWDS_TRAINING, export(ASCWDS_TRAINING, original))

        assert_same_tables(original, again)


# Valid Staff rows, drawn field by field within the rules that would make them errors.

_CODES = reference()
_ROLES = list(_CODES["ascwds_job_role"].accepted)
_DESCRIBED = {role.code for role in _CODES.job_roles if role.needs_description}
_TEXT = (
    st.text(
        alphabet=st.characters(
            codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters=";"
        ),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
_FORMULA_TEXT = st.one_of(
    _TEXT, st.sampled_from("=+-@").flatmap(lambda start: _TEXT.map(lambda text: start + text))
)


def _day(low: date, high: date) -> st.SearchStrategy[str]:
    return st.integers(0, (high - low).days).map(
        lambda days: (low + timedelta(days)).strftime("%d/%m/%Y")
    )


def _maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), strategy)


@st.composite
def staff_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    rows = []
    for number in range(draw(st.integers(1, 8))):
        role = draw(st.sampled_from(_ROLES))
        contract = draw(st.sampled_from(["1", "2", "3", "4", "7"]))
        zero_hours = draw(st.sampled_from(["", "1", "2", "999"]))
        hours = (
            ["", "0", "999"] if zero_hours in {"1", "999"} else ["", "0", "16", "37.5", "999", "80"]
        )
        interval = draw(st.sampled_from(["", "1", "3", "999"]))
        rows.append(
            {
                "LOCALESTID": draw(st.sampled_from(["HOME01", "DOM01"])),
                "UNIQUEWORKERID": f"W{number:04}",
                "STATUS": draw(st.sampled_from(["NEW", "UPDATE", "NOCHANGE", "DELETE"])),
                "DISPLAYID": draw(_FORMULA_TEXT),
                "NINUMBER": draw(_maybe(st.just("QQ123456C"))),
                "POSTCODE": draw(_maybe(st.sampled_from(["DY1 1AA", "b1 1bb", "WV10 6QH"]))),
                "DOB": draw(_maybe(_day(date(1920, 1, 1), date(2015, 12, 31)))),
                "GENDER": draw(_maybe(st.sampled_from(_CODES["ascwds_gender"].accepted))),
                "ETHNICITY": draw(_maybe(st.sampled_from(_CODES["ascwds_ethnicity"].accepted))),
                "NATIONALITY": draw(st.sampled_from(["", "826", "999"])),
                "DISABLED": draw(_maybe(st.sampled_from(_CODES["ascwds_disability"].accepted))),
                "L2CARECERT": draw(st.sampled_from(["", "1", "1;2025", "2", "3"])),
                "STARTDATE": draw(_maybe(_day(date(1990, 1, 1), date(2027, 1, 1)))),
                "STARTINSECT": draw(st.sampled_from(["", "999", "2010", "2020"])),
                "EMPLSTATUS": contract,
                "ZEROHRCONT": zero_hours,
                "DAYSSICK": draw(st.sampled_from(["", "0", "4.5", "999", "400"])),
                "SALARYINT": interval,
                "SALARY": "23500" if interval == "1" else "",
                "HOURLYRATE": "12.60" if interval == "3" else "",
                "MAINJOBROLE": role,
                "MAINJRDESC": draw(_FORMULA_TEXT) if role in _DESCRIBED else "",
                "CONTHOURS": draw(st.sampled_from(hours)),
                "AVGHOURS": draw(st.sampled_from(["", "12.5", "999"])),
                "NMCREG": draw(_maybe(st.sampled_from(["1", "2"]))) if role == "16" else "",
                "AMHP": draw(st.sampled_from(["", "1", "999"])) if role == "6" else "",
                "SCQUAL": draw(st.sampled_from(["", "2", "999", "1;3", "1;999"])),
                "NONSCQUAL": draw(st.sampled_from(["", "2", "1", "1;4"])),
                "CWPCATEGORY": draw(
                    _maybe(st.sampled_from(_CODES["ascwds_care_workforce_pathway"].accepted))
                ),
                "QUALACH01": draw(st.sampled_from(["", "121;2020", "122"])),
                "QUALACH01NOTES": draw(_maybe(_FORMULA_TEXT)),
            }
        )
    return rows


def survives_the_round_trip(rows: list[dict[str, str]]) -> None:
    original = load(ASCWDS_STAFF, csv_bytes(ASCWDS_STAFF, rows))

    again = load(ASCWDS_STAFF, export(ASCWDS_STAFF, original))

    assert_same_tables(original, again)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=staff_rows())
def test_any_valid_staff_file_survives_export_and_upload_unchanged(
    rows: list[dict[str, str]],
) -> None:
    survives_the_round_trip(rows)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=staff_rows())
def test_many_valid_staff_files_survive_export_and_upload_unchanged(
    rows: list[dict[str, str]],
) -> None:
    survives_the_round_trip(rows)
