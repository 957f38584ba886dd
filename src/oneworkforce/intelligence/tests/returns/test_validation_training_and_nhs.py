"""The rules of the ASC-WDS Training file and of the NHS staff file, one row per rule."""

from __future__ import annotations

import pytest

from oneworkforce.intelligence.returns.formats import ASCWDS_TRAINING, NHS_STAFF
from oneworkforce.intelligence.returns.report import Severity
from oneworkforce.intelligence.returns.rules.ascwds_training import (
    COMPLETED_IN_FUTURE,
    EXPIRY_NOT_AFTER_COMPLETED,
    PROVIDER_TOO_LONG,
    PROVIDER_WITHOUT_EXTERNAL,
    UNKNOWN_WORKER,
    VALIDITY_INVALID,
)
from oneworkforce.intelligence.returns.rules.common import (
    CODE_IGNORED,
    DUPLICATE_KEY,
    NOT_A_CODE,
    NOT_A_DATE,
    NOT_A_POSTCODE,
    REQUIRED_BLANK,
    TOO_LONG,
)
from oneworkforce.intelligence.returns.rules.nhs_staff import (
    BIRTH_DIFFERS,
    BIRTH_OUT_OF_RANGE,
    BIRTH_OVER_75,
    FTE_INVALID,
    FTE_OVER_LIMIT,
    FTE_OVER_ONE,
    IDENTIFIER_SHAPE,
    LEAVING_AFTER_REFERENCE,
    LEAVING_BEFORE_START,
    LEAVING_DETAIL_WITHOUT_DATE,
    LEAVING_REASON_MISSING,
    OCCUPATION_CODE_SHAPE,
    ORGANISATION_CODE_SHAPE,
    SICKNESS_INVALID,
    START_AFTER_REFERENCE,
)

from .conftest import Case, assert_case, check, example_row, validate_cases

E, W = Severity.ERROR, Severity.WARNING
DAY = "31/03/2026"

TRAINING_CASES = [
    Case(
        "a blank CATEGORY is an error",
        {"CATEGORY": ""},
        "CATEGORY.required",
        E,
        REQUIRED_BLANK.format(
            column="CATEGORY", what="Training category", example="6 for Fire safety"
        ),
    ),
    Case(
        "an unused CATEGORY is an error",
        {"CATEGORY": "3"},
        "CATEGORY.code",
        E,
        NOT_A_CODE.format(
            column="CATEGORY",
            value="3",
            list_title="a training category",
            example="6 for Fire safety",
        ),
    ),
    Case(
        "a blank TRAININGNAME is an error",
        {"TRAININGNAME": ""},
        "TRAININGNAME.required",
        E,
        REQUIRED_BLANK.format(
            column="TRAININGNAME", what="Name of the course", example="Fire safety awareness"
        ),
    ),
    Case(
        "an unknown ACCREDITED is an error",
        {"ACCREDITED": "2"},
        "ACCREDITED.code",
        E,
        NOT_A_CODE.format(
            column="ACCREDITED", value="2", list_title="an accredited answer", example="1 for Yes"
        ),
    ),
    Case(
        "an unknown WHODELIVERED is a warning",
        {"WHODELIVERED": "3", "PROVIDERNAME": ""},
        "WHODELIVERED.code",
        W,
        CODE_IGNORED.format(
            column="WHODELIVERED",
            value="3",
            list_title="a who-delivered answer",
            example="2 for External provider",
        ),
    ),
    Case(
        "a provider for in-house training is a warning",
        {"WHODELIVERED": "1"},
        "PROVIDERNAME.not_external",
        W,
        PROVIDER_WITHOUT_EXTERNAL,
    ),
    Case(
        "a provider name over 120 characters is a warning",
        {"PROVIDERNAME": "p" * 121},
        "PROVIDERNAME.length",
        W,
        PROVIDER_TOO_LONG,
    ),
    Case(
        "an unknown HOWDELIVERED is a warning",
        {"HOWDELIVERED": "3"},
        "HOWDELIVERED.code",
        W,
        CODE_IGNORED.format(
            column="HOWDELIVERED",
            value="3",
            list_title="a how-delivered answer",
            example="1 for Face to face",
        ),
    ),
    Case(
        "a VALIDITY in words is a warning",
        {"VALIDITY": "a year"},
        "VALIDITY.invalid",
        W,
        VALIDITY_INVALID.format(value="a year"),
    ),
    Case(
        "a DATECOMPLETED not in DD/MM/YYYY is an error",
        {"DATECOMPLETED": "15.01.2025"},
        "DATECOMPLETED.date",
        E,
        NOT_A_DATE.format(column="DATECOMPLETED", value="15.01.2025"),
    ),
    Case(
        "a DATECOMPLETED after the reference date is an error",
        {"DATECOMPLETED": "01/04/2026", "EXPIRYDATE": "01/04/2027"},
        "DATECOMPLETED.future",
        E,
        COMPLETED_IN_FUTURE.format(value="01/04/2026", reference_date=DAY),
    ),
    Case(
        "an EXPIRYDATE before DATECOMPLETED is an error",
        {"EXPIRYDATE": "15/01/2024"},
        "EXPIRYDATE.not_after_completed",
        E,
        EXPIRY_NOT_AFTER_COMPLETED.format(value="15/01/2024"),
    ),
    Case(
        "NOTES over 1000 characters are an error",
        {"NOTES": "n" * 1001},
        "NOTES.length",
        E,
        TOO_LONG.format(column="NOTES", length=1001, limit=1000),
    ),
]

NHS_CASES = [
    Case(
        "a malformed ORGANISATION_CODE is an error",
        {"ORGANISATION_CODE": "R-XK"},
        "ORGANISATION_CODE.shape",
        E,
        ORGANISATION_CODE_SHAPE.format(value="R-XK"),
    ),
    Case(
        "a PERSON_ID with spaces is an error",
        {"PERSON_ID": "1029 3847"},
        "PERSON_ID.shape",
        E,
        IDENTIFIER_SHAPE.format(column="PERSON_ID", value="1029 3847", example="10293847"),
    ),
    Case(
        "a blank STAFF_GROUP is an error",
        {"STAFF_GROUP": ""},
        "STAFF_GROUP.required",
        E,
        REQUIRED_BLANK.format(
            column="STAFF_GROUP",
            what="NHS staff group: its key or its name",
            example="nursing-midwifery-registered for Nursing and Midwifery Registered",
        ),
    ),
    Case(
        "an unknown STAFF_GROUP is an error",
        {"STAFF_GROUP": "Nurses"},
        "STAFF_GROUP.code",
        E,
        NOT_A_CODE.format(
            column="STAFF_GROUP",
            value="Nurses",
            list_title="an NHS staff group",
            example="nursing-midwifery-registered for Nursing and Midwifery Registered",
        ),
    ),
    Case(
        "a four-character OCCUPATION_CODE is an error",
        {"OCCUPATION_CODE": "N0AB"},
        "OCCUPATION_CODE.shape",
        E,
        OCCUPATION_CODE_SHAPE.format(value="N0AB"),
    ),
    Case(
        "an unknown AFC_BAND is an error",
        {"AFC_BAND": "Band 10"},
        "AFC_BAND.code",
        E,
        NOT_A_CODE.format(
            column="AFC_BAND",
            value="Band 10",
            list_title="an Agenda for Change band",
            example="Band 5",
        ),
    ),
    Case(
        "an FTE in words is an error",
        {"FTE": "full"},
        "FTE.number",
        E,
        FTE_INVALID.format(value="full"),
    ),
    Case(
        "an FTE with three decimals is an error",
        {"FTE": "0.625"},
        "FTE.number",
        E,
        FTE_INVALID.format(value="0.625"),
    ),
    Case(
        "an FTE over 1.5 is an error",
        {"FTE": "2.0"},
        "FTE.over_limit",
        E,
        FTE_OVER_LIMIT.format(value="2.0"),
    ),
    Case(
        "an FTE over 1 is a warning",
        {"FTE": "1.2"},
        "FTE.over_one",
        W,
        FTE_OVER_ONE.format(value="1.2"),
    ),
    Case(
        "an unknown CONTRACT_TYPE is an error",
        {"CONTRACT_TYPE": "Zero hours"},
        "CONTRACT_TYPE.code",
        E,
        NOT_A_CODE.format(
            column="CONTRACT_TYPE",
            value="Zero hours",
            list_title="a contract type",
            example="Permanent",
        ),
    ),
    Case(
        "a start date in ISO form is an error",
        {"ASSIGNMENT_START_DATE": "2021-01-04"},
        "ASSIGNMENT_START_DATE.date",
        E,
        NOT_A_DATE.format(column="ASSIGNMENT_START_DATE", value="2021-01-04"),
    ),
    Case(
        "a start after the reference date is a warning",
        {"ASSIGNMENT_START_DATE": "01/05/2026"},
        "ASSIGNMENT_START_DATE.after_reference",
        W,
        START_AFTER_REFERENCE.format(value="01/05/2026", reference_date=DAY),
    ),
    Case(
        "a leaving date before the start is an error",
        {"LEAVING_DATE": "01/01/2020", "LEAVING_REASON": "Retirement Age"},
        "LEAVING_DATE.before_start",
        E,
        LEAVING_BEFORE_START.format(value="01/01/2020"),
    ),
    Case(
        "a leaving date after the reference date is a warning",
        {"LEAVING_DATE": "30/04/2026", "LEAVING_REASON": "Retirement Age"},
        "LEAVING_DATE.after_reference",
        W,
        LEAVING_AFTER_REFERENCE.format(value="30/04/2026", reference_date=DAY),
    ),
    Case(
        "a leaver without a reason is a warning",
        {"LEAVING_DATE": "28/02/2026"},
        "LEAVING_REASON.missing",
        W,
        LEAVING_REASON_MISSING,
    ),
    Case(
        "a destination without a leaving date is a warning",
        {"DESTINATION_ON_LEAVING": "NHS Organisation"},
        "DESTINATION_ON_LEAVING.without_leaving_date",
        W,
        LEAVING_DETAIL_WITHOUT_DATE.format(column="DESTINATION_ON_LEAVING"),
    ),
    Case(
        "a date of birth giving an age under 14 is a warning",
        {"DATE_OF_BIRTH": "01/01/2015"},
        "DATE_OF_BIRTH.age_range",
        W,
        BIRTH_OUT_OF_RANGE.format(value="01/01/2015", age=11, reference_date=DAY),
    ),
    Case(
        "a date of birth giving an age over 75 is a warning",
        {"DATE_OF_BIRTH": "02/02/1950"},
        "DATE_OF_BIRTH.over_75",
        W,
        BIRTH_OVER_75.format(value="02/02/1950", age=76, reference_date=DAY),
    ),
    Case(
        "an unknown GENDER is an error",
        {"GENDER": "F"},
        "GENDER.code",
        E,
        NOT_A_CODE.format(column="GENDER", value="F", list_title="a gender", example="Female"),
    ),
    Case(
        "an unknown ETHNIC_ORIGIN is an error",
        {"ETHNIC_ORIGIN": "Q"},
        "ETHNIC_ORIGIN.code",
        E,
        NOT_A_CODE.format(
            column="ETHNIC_ORIGIN",
            value="Q",
            list_title="an NHS ethnic category",
            example="A for White: British",
        ),
    ),
    Case(
        "a malformed SITE_POSTCODE is an error",
        {"SITE_POSTCODE": "Dudley"},
        "SITE_POSTCODE.postcode",
        E,
        NOT_A_POSTCODE.format(column="SITE_POSTCODE", value="Dudley"),
    ),
    Case(
        "sickness in quarter days is an error",
        {"SICKNESS_DAYS_12M": "1.25"},
        "SICKNESS_DAYS_12M.days",
        E,
        SICKNESS_INVALID.format(value="1.25"),
    ),
]


@pytest.fixture(scope="module")
def training_cases() -> dict:
    return validate_cases(ASCWDS_TRAINING, TRAINING_CASES, key_columns=("UNIQUEWORKERID",))


@pytest.fixture(scope="module")
def nhs_cases() -> dict:
    return validate_cases(NHS_STAFF, NHS_CASES, key_columns=("ASSIGNMENT_NUMBER", "PERSON_ID"))


@pytest.mark.parametrize("case", TRAINING_CASES, ids=[case.says for case in TRAINING_CASES])
def test_the_training_file_reports(case: Case, training_cases: dict) -> None:
    assert_case(case, training_cases[case.says])


@pytest.mark.parametrize("case", NHS_CASES, ids=[case.says for case in NHS_CASES])
def test_the_nhs_staff_file_reports(case: Case, nhs_cases: dict) -> None:
    assert_case(case, nhs_cases[case.says])


class TestAcrossRows:
    def test_refuses_training_for_a_worker_not_in_the_staff_file(self) -> None:
        rows = [example_row(ASCWDS_TRAINING), example_row(ASCWDS_TRAINING, UNIQUEWORKERID="W0404")]

        report = check(ASCWDS_TRAINING, rows, staff_keys={("HOME01", "W0001")})

        (issue,) = report.errors
        assert (issue.line, issue.rule) == (3, "UNIQUEWORKERID.unknown_worker")
        assert issue.message == UNKNOWN_WORKER.format(value="W0404", workplace="HOME01")

    def test_refuses_an_assignment_number_given_twice(self) -> None:
        rows = [example_row(NHS_STAFF), example_row(NHS_STAFF, PERSON_ID="10293848")]

        report = check(NHS_STAFF, rows)

        (issue,) = report.errors
        assert issue.message == DUPLICATE_KEY.format(
            column="ASSIGNMENT_NUMBER",
            value="10293847-1",
            scope="",
            first_line=2,
            thing="assignment",
        )

    def test_accepts_one_person_in_two_posts(self) -> None:
        rows = [
            example_row(NHS_STAFF, FTE="0.60"),
            example_row(
                NHS_STAFF, ASSIGNMENT_NUMBER="10293847-2", FTE="0.40", CONTRACT_TYPE="Bank"
            ),
        ]

        report = check(NHS_STAFF, rows)

        assert report.errors == ()
        assert report.warnings == ()

    def test_warns_when_one_person_has_two_dates_of_birth(self) -> None:
        rows = [
            example_row(NHS_STAFF),
            example_row(NHS_STAFF, ASSIGNMENT_NUMBER="10293847-2", DATE_OF_BIRTH="24/07/1990"),
        ]

        report = check(NHS_STAFF, rows)

        assert [issue.line for issue in report.warnings] == [2, 3]
        assert report.warnings[0].message == BIRTH_DIFFERS.format(value="10293847")

    def test_accepts_staff_group_names_and_bands_in_any_case(self) -> None:
        row = example_row(
            NHS_STAFF, STAFF_GROUP="nursing and midwifery registered", AFC_BAND="band 8A"
        )

        report = check(NHS_STAFF, [row])

        assert report.errors == ()
