"""Normalised tables: people, posts and workplaces kept apart, and counted separately."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

import polars as pl
import pytest

from oneworkforce.intelligence.returns.formats import (
    ASCWDS_STAFF,
    ASCWDS_TRAINING,
    ASCWDS_WORKPLACE,
    NHS_STAFF,
)
from oneworkforce.intelligence.returns.normalised import (
    PEOPLE_SCHEMA,
    POSTS_SCHEMA,
    QUALIFICATIONS_SCHEMA,
    RETURN_NOT_VALID,
    TRAINING_SCHEMA,
    WORKPLACE_ROLES_SCHEMA,
    WORKPLACES_SCHEMA,
    NormalisedReturn,
    ReturnNotValid,
    WorkforceCounts,
    count_workforce,
    normalise,
)
from oneworkforce.intelligence.returns.validation import validate

from .conftest import REFERENCE_DATE, example_row, upload

KEY = b"installation key"


def tables(file_format, rows, *, ni_hash_key: bytes | None = KEY) -> NormalisedReturn:
    uploaded = upload(file_format, rows)
    report = validate(uploaded, reference_date=REFERENCE_DATE)
    assert report.is_valid, report.errors
    return normalise(
        uploaded, report=report, reference_date=REFERENCE_DATE, ni_hash_key=ni_hash_key
    )


def staff(**cells: str) -> dict[str, str]:
    return example_row(ASCWDS_STAFF, **cells)


class TestStaff:
    def test_gives_each_worker_record_one_person_and_one_post(self) -> None:
        result = tables(ASCWDS_STAFF, [staff(), staff(UNIQUEWORKERID="W0002")])

        assert result.people.get_column("person_key").to_list() == [
            "6:HOME01:W0001",
            "6:HOME01:W0002",
        ]
        assert (
            result.posts.get_column("post_key").to_list()
            == result.people.get_column("person_key").to_list()
        )

    def test_stores_a_keyed_hash_of_the_ni_number_and_never_the_number(self) -> None:
        result = tables(ASCWDS_STAFF, [staff(NINUMBER="qq 12 34 56 c")])

        expected = hmac.new(KEY, b"QQ123456C", hashlib.sha256).hexdigest()
        assert result.people.get_column("ni_number_hash").to_list() == [expected]
        assert not any("QQ123456" in str(value) for value in result.people.row(0))

    def test_drops_the_ni_number_when_the_installation_has_no_key(self) -> None:
        result = tables(ASCWDS_STAFF, [staff(NINUMBER="QQ123456C")], ni_hash_key=None)

        assert result.people.get_column("ni_number_hash").to_list() == [None]

    @pytest.mark.parametrize(
        ("cells", "fte", "basis"),
        [
            ({"CONTHOURS": "37.5"}, 1.0, "contracted-hours"),
            ({"CONTHOURS": "22.5"}, 0.6, "contracted-hours"),
            ({"CONTHOURS": "45"}, 1.0, "contracted-hours"),
            ({"EMPLSTATUS": "3", "CONTHOURS": "", "AVGHOURS": "15"}, 0.4, "average-hours"),
            ({"CONTHOURS": "999"}, None, None),
        ],
        ids=[
            "full time",
            "half time",
            "capped at one",
            "bank worker on average hours",
            "don't know",
        ],
    )
    def test_derives_fte_from_hours_over_37_5(self, cells, fte, basis) -> None:
        result = tables(ASCWDS_STAFF, [staff(**cells)])

        post = result.posts.row(0, named=True)
        assert (post["fte"], post["fte_basis"]) == (fte, basis)

    def test_maps_codes_to_the_reference_keys(self) -> None:
        result = tables(ASCWDS_STAFF, [staff()])

        post = result.posts.row(0, named=True)
        person = result.people.row(0, named=True)
        assert (post["job_role_key"], post["staff_group_key"], post["is_care_providing"]) == (
            "care-worker",
            "additional-clinical-services",
            True,
        )
        assert (post["contract_type"], post["is_directly_employed"], post["is_zero_hours"]) == (
            "permanent",
            True,
            False,
        )
        assert (
            person["gender"],
            person["date_of_birth"],
            person["social_care_qualification_level"],
        ) == (
            "female",
            date(1985, 5, 14),
            2,
        )

    def test_stores_nothing_for_a_value_a_warning_ignores(self) -> None:
        result = tables(ASCWDS_STAFF, [staff(CONTHOURS="80", DOB="01/01/1900")])

        assert result.posts.row(0, named=True)["contracted_hours"] is None
        assert result.people.row(0, named=True)["date_of_birth"] is None

    def test_keeps_only_the_identifiers_of_a_deleted_record(self) -> None:
        result = tables(ASCWDS_STAFF, [staff(STATUS="DELETE")])

        post = result.posts.row(0, named=True)
        assert (post["status"], post["job_role_key"], post["contracted_hours"]) == (
            "DELETE",
            None,
            None,
        )
        assert result.people.row(0, named=True)["display_id"] == "CW-0001"

    def test_keeps_the_readable_values_of_an_unchecked_record(self) -> None:
        result = tables(ASCWDS_STAFF, [staff(STATUS="UNCHECKED", GENDER="9")])

        person = result.people.row(0, named=True)
        assert (person["status"], person["gender"], person["ethnicity"]) == (
            "UNCHECKED",
            None,
            "english-welsh-scottish-northern-irish-or-british",
        )

    def test_puts_achieved_qualifications_in_their_own_table(self) -> None:
        result = tables(
            ASCWDS_STAFF, [staff(QUALACH01="121;2019", QUALACH03="122", QUALACH03NOTES="Level 3")]
        )

        assert result.qualifications.rows() == [
            ("6:HOME01:W0001", 1, 121, 2019, None),
            ("6:HOME01:W0001", 3, 122, None, "Level 3"),
        ]

    def test_fills_every_table_with_its_schema(self) -> None:
        result = tables(ASCWDS_STAFF, [staff()])

        assert dict(result.people.schema) == PEOPLE_SCHEMA
        assert dict(result.posts.schema) == POSTS_SCHEMA
        assert dict(result.qualifications.schema) == QUALIFICATIONS_SCHEMA
        assert result.workplaces.is_empty()
        assert dict(result.workplaces.schema) == WORKPLACES_SCHEMA


class TestWorkplaces:
    def test_gives_one_row_per_job_role_with_its_counts(self) -> None:
        result = tables(ASCWDS_WORKPLACE, [example_row(ASCWDS_WORKPLACE, VACANCIES="999")])

        assert dict(result.workplace_roles.schema) == WORKPLACE_ROLES_SCHEMA
        assert result.workplace_roles.select(
            "job_role_key", "starters", "leavers", "vacancies"
        ).rows() == [
            ("registered-manager", 0, 0, None),
            ("care-worker", 5, 4, None),
            ("senior-care-worker", 1, 0, None),
        ]

    def test_keeps_the_workplace_its_services_and_totals(self) -> None:
        result = tables(ASCWDS_WORKPLACE, [example_row(ASCWDS_WORKPLACE, VACANCIES="999")])

        workplace = result.workplaces.row(0, named=True)
        assert (
            workplace["workplace_key"],
            workplace["employer_type"],
            workplace["cqc_regulated"],
        ) == (
            "HOME01",
            "private-sector",
            True,
        )
        assert workplace["services"] == ["care-home-without-nursing"]
        assert (
            workplace["starters_total"],
            workplace["leavers_total"],
            workplace["vacancies_total"],
        ) == (
            6,
            4,
            None,
        )


class TestNhsStaff:
    def test_keeps_one_person_with_two_posts_apart(self) -> None:
        rows = [
            example_row(NHS_STAFF, FTE="0.60"),
            example_row(
                NHS_STAFF, ASSIGNMENT_NUMBER="10293847-2", FTE="0.40", CONTRACT_TYPE="Bank"
            ),
            example_row(
                NHS_STAFF,
                ASSIGNMENT_NUMBER="20000001-1",
                PERSON_ID="20000001",
                ORGANISATION_CODE="rna",
            ),
        ]

        result = tables(NHS_STAFF, rows)

        assert result.people.get_column("person_key").to_list() == ["10293847", "20000001"]
        assert result.posts.select("post_key", "person_key", "fte", "contract_type").rows() == [
            ("10293847-1", "10293847", 0.6, "permanent"),
            ("10293847-2", "10293847", 0.4, "pool-or-bank"),
            ("20000001-1", "20000001", 1.0, "permanent"),
        ]
        assert result.workplaces.get_column("workplace_key").to_list() == ["RXK", "RNA"]

    def test_counts_headcount_filled_posts_and_fte_separately(self) -> None:
        rows = [
            example_row(NHS_STAFF, FTE="0.60"),
            example_row(NHS_STAFF, ASSIGNMENT_NUMBER="10293847-2", FTE="0.40"),
            example_row(
                NHS_STAFF,
                ASSIGNMENT_NUMBER="30000001-1",
                PERSON_ID="30000001",
                LEAVING_DATE="28/02/2026",
                LEAVING_REASON="Retirement Age",
            ),
        ]
        result = tables(NHS_STAFF, rows)

        counts = count_workforce(people=result.people, posts=result.posts, on=REFERENCE_DATE)

        assert counts == WorkforceCounts(headcount=1, filled_posts=2, fte=1.0, posts_without_fte=0)


class TestTraining:
    def test_keeps_each_record_against_its_worker(self) -> None:
        result = tables(
            ASCWDS_TRAINING,
            [example_row(ASCWDS_TRAINING), example_row(ASCWDS_TRAINING, VALIDITY="none")],
        )

        assert dict(result.training.schema) == TRAINING_SCHEMA
        assert result.training.select(
            "person_key", "training_category", "validity_months", "does_not_expire"
        ).rows() == [
            ("6:HOME01:W0001", "fire-safety", 12, False),
            ("6:HOME01:W0001", "fire-safety", None, True),
        ]


class TestRefusals:
    def test_refuses_to_normalise_a_return_with_errors(self) -> None:
        uploaded = upload(
            ASCWDS_STAFF, [staff(MAINJOBROLE="99"), staff(UNIQUEWORKERID="W2", GENDER="9")]
        )
        report = validate(uploaded, reference_date=REFERENCE_DATE)

        with pytest.raises(ReturnNotValid) as refusal:
            normalise(uploaded, report=report, reference_date=REFERENCE_DATE)

        assert refusal.value.message == RETURN_NOT_VALID.format(count=2)

    def test_refuses_a_report_of_another_file(self) -> None:
        uploaded = upload(ASCWDS_STAFF, [staff()])
        other = validate(
            upload(ASCWDS_STAFF, [staff(), staff(UNIQUEWORKERID="W2")]),
            reference_date=REFERENCE_DATE,
        )

        with pytest.raises(ValueError, match="another file"):
            normalise(uploaded, report=other, reference_date=REFERENCE_DATE)


def test_counts_a_deleted_post_nowhere() -> None:
    posts = pl.DataFrame(
        {
            "person_key": ["a", "b"],
            "status": ["NEW", "DELETE"],
            "start_date": [None, None],
            "leaving_date": [None, None],
            "fte": [1.0, 1.0],
        },
        schema_overrides={"start_date": pl.Date, "leaving_date": pl.Date},
    )

    counts = count_workforce(people=posts.select("person_key"), posts=posts, on=date(2026, 3, 31))

    assert (counts.headcount, counts.filled_posts, counts.fte) == (1, 1, 1.0)
