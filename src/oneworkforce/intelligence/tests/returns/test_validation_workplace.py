"""The ASC-WDS Workplace file's rules: one row per rule, all validated in one file."""

from __future__ import annotations

import pytest

from oneworkforce.intelligence.returns.formats import ASCWDS_WORKPLACE
from oneworkforce.intelligence.returns.report import Severity
from oneworkforce.intelligence.returns.rules.ascwds_workplace import (
    ALL_SERVICES_BLANK,
    COUNTS_INVALID,
    COUNTS_MISALIGNED,
    CQC_ID_FORMAT,
    CQC_ID_IGNORED,
    CQC_ID_MISSING,
    CWP_DESCRIPTION_IGNORED,
    CWP_USE_IGNORED,
    DHA_ACTIVITIES_IGNORED,
    MAIN_SERVICE_NOT_IN_ALL,
    MANAGER_VACANCY_IGNORED,
    NO_OTHER_SERVICES_CONFLICT,
    NOT_ONE_PER_SERVICE,
    OTHER_TYPE_IGNORED,
    OTHER_TYPE_MISSING,
    REASON_COUNTS_MISALIGNED,
    REASON_COUNTS_TOTAL,
    REASON_NOT_A_NUMBER,
    REASON_NOT_ON_LIST,
    REASONS_WITHOUT_LEAVERS,
    ROLE_NOT_A_CODE,
    ROLES_BLANK_WITH_COUNTS,
    SERVICE_ITEM_INVALID,
    SERVICE_NOT_A_CODE,
    SHAPE_IGNORED,
    TOTAL_NOT_A_COUNT,
    TOTAL_ZERO,
    USER_DESCRIPTIONS_MISALIGNED,
    WHOLE_IGNORED,
)
from oneworkforce.intelligence.returns.rules.common import (
    CODE_IGNORED,
    DUPLICATE_KEY,
    NOT_A_CODE,
    NOT_A_POSTCODE,
    REQUIRED_BLANK,
    TOO_LONG,
)

from .conftest import Case, assert_case, check, example_row, validate_cases

E, W = Severity.ERROR, Severity.WARNING
NOT_REGULATED = {"REGTYPE": "0", "PROVNUM": "", "LOCATIONID": ""}

CASES = [
    Case(
        "a blank ESTNAME is an error",
        {"ESTNAME": ""},
        "ESTNAME.required",
        E,
        REQUIRED_BLANK.format(column="ESTNAME", what="Workplace name", example="Rosewood House"),
    ),
    Case(
        "an ADDRESS1 over 40 characters is an error",
        {"ADDRESS1": "a" * 41},
        "ADDRESS1.length",
        E,
        TOO_LONG.format(column="ADDRESS1", length=41, limit=40),
    ),
    Case(
        "a malformed POSTCODE is an error",
        {"POSTCODE": "DY11"},
        "POSTCODE.postcode",
        E,
        NOT_A_POSTCODE.format(column="POSTCODE", value="DY11"),
    ),
    Case(
        "an unused ESTTYPE code is an error",
        {"ESTTYPE": "2"},
        "ESTTYPE.code",
        E,
        NOT_A_CODE.format(
            column="ESTTYPE",
            value="2",
            list_title="an employer type",
            example="6 for Private sector",
        ),
    ),
    Case(
        "ESTTYPE 8 without OTHERTYPE is a warning",
        {"ESTTYPE": "8"},
        "OTHERTYPE.missing",
        W,
        OTHER_TYPE_MISSING,
    ),
    Case(
        "OTHERTYPE for a private employer is a warning",
        {"OTHERTYPE": "Family firm"},
        "OTHERTYPE.ignored",
        W,
        OTHER_TYPE_IGNORED,
    ),
    Case(
        "an unknown PERMCQC is an error",
        {"PERMCQC": "2"},
        "PERMCQC.code",
        E,
        NOT_A_CODE.format(
            column="PERMCQC", value="2", list_title="a 0 or 1 answer", example="1 for Yes"
        ),
    ),
    Case(
        "an unknown REGTYPE is an error",
        {"REGTYPE": "1"},
        "REGTYPE.code",
        E,
        NOT_A_CODE.format(
            column="REGTYPE",
            value="1",
            list_title="a CQC registration type",
            example="2 for Regulated by CQC (PROVNUM and LOCATIONID required)",
        ),
    ),
    Case(
        "REGTYPE 2 without PROVNUM is an error",
        {"PROVNUM": ""},
        "PROVNUM.missing",
        E,
        CQC_ID_MISSING.format(column="PROVNUM", example="1-101234567"),
    ),
    Case(
        "REGTYPE 2 without LOCATIONID is an error",
        {"LOCATIONID": ""},
        "LOCATIONID.missing",
        E,
        CQC_ID_MISSING.format(column="LOCATIONID", example="1-987654321"),
    ),
    Case(
        "a head office needs no LOCATIONID",
        {
            "LOCATIONID": "",
            "MAINSERVICE": "72",
            "ALLSERVICES": "72",
            "CAPACITY": "",
            "UTILISATION": "",
            "OTHERTYPE": "x",
        },
        "OTHERTYPE.ignored",
        W,
        OTHER_TYPE_IGNORED,
    ),
    Case(
        "a malformed PROVNUM is an error",
        {"PROVNUM": "1101234567"},
        "PROVNUM.format",
        E,
        CQC_ID_FORMAT.format(column="PROVNUM", value="1101234567", example="1-101234567"),
    ),
    Case(
        "a CQC id for an unregulated workplace is a warning",
        {"REGTYPE": "0", "LOCATIONID": ""},
        "PROVNUM.ignored",
        W,
        CQC_ID_IGNORED.format(column="PROVNUM"),
    ),
    Case(
        "an unknown MAINSERVICE is an error",
        {"MAINSERVICE": "3", "ALLSERVICES": "3"},
        "MAINSERVICE.code",
        E,
        NOT_A_CODE.format(
            column="MAINSERVICE",
            value="3",
            list_title="a service",
            example="2 for Care home without nursing",
        ),
        also=("ALLSERVICES.code",),
    ),
    Case(
        "an unknown service in ALLSERVICES is an error",
        {"ALLSERVICES": "2;3", "CAPACITY": "", "UTILISATION": ""},
        "ALLSERVICES.code",
        E,
        SERVICE_NOT_A_CODE.format(value="2;3"),
    ),
    Case(
        "ALLSERVICES without the main service is an error",
        {"ALLSERVICES": "8"},
        "ALLSERVICES.main_service",
        E,
        MAIN_SERVICE_NOT_IN_ALL.format(value="8", main="2"),
    ),
    Case(
        "ALLSERVICES with 0 and other services is an error",
        {"ALLSERVICES": "2;8;0", "CAPACITY": "", "UTILISATION": ""},
        "ALLSERVICES.none_and_others",
        E,
        NO_OTHER_SERVICES_CONFLICT.format(value="2;8;0"),
    ),
    Case(
        "a blank ALLSERVICES is an error",
        {"ALLSERVICES": "", "CAPACITY": "", "UTILISATION": ""},
        "ALLSERVICES.required",
        E,
        ALL_SERVICES_BLANK,
        also=("ALLSERVICES.main_service",),
    ),
    Case(
        "two capacities for one service is an error",
        {"CAPACITY": "30;10"},
        "CAPACITY.per_service",
        E,
        NOT_ONE_PER_SERVICE.format(column="CAPACITY", value="30;10", count=2, services=1),
    ),
    Case(
        "a capacity in words is an error",
        {"UTILISATION": "most"},
        "UTILISATION.whole",
        E,
        SERVICE_ITEM_INVALID.format(column="UTILISATION", value="most"),
    ),
    Case(
        "service users that are not codes are a warning",
        {"SERVICEUSERS": "older people"},
        "SERVICEUSERS.shape",
        W,
        SHAPE_IGNORED.format(column="SERVICEUSERS", value="older people"),
    ),
    Case(
        "descriptions not one per service user are an error",
        {"SERVICEUSERS": "1;3", "OTHERUSERDESC": "x"},
        "OTHERUSERDESC.per_user",
        E,
        USER_DESCRIPTIONS_MISALIGNED.format(count=1, users=2),
    ),
    Case(
        "an unknown DHA is a warning",
        {"DHA": "4"},
        "DHA.code",
        W,
        CODE_IGNORED.format(
            column="DHA", value="4", list_title="a 1, 2 or 999 answer", example="2 for No"
        ),
    ),
    Case(
        "DHAACTIVITIES without DHA 1 is a warning",
        {"DHAACTIVITIES": "1;2"},
        "DHAACTIVITIES.ignored",
        W,
        DHA_ACTIVITIES_IGNORED,
    ),
    Case(
        "a blank TOTALPERMTEMP is an error",
        {"TOTALPERMTEMP": ""},
        "TOTALPERMTEMP.required",
        E,
        REQUIRED_BLANK.format(
            column="TOTALPERMTEMP",
            what="Total permanent and temporary staff, 0 to 999",
            example="25",
        ),
    ),
    Case(
        "a TOTALPERMTEMP in words is an error",
        {"TOTALPERMTEMP": "twelve"},
        "TOTALPERMTEMP.count",
        E,
        TOTAL_NOT_A_COUNT.format(value="twelve"),
    ),
    Case(
        "no staff outside a head office is an error",
        {"TOTALPERMTEMP": "0"},
        "TOTALPERMTEMP.zero",
        E,
        TOTAL_ZERO,
    ),
    Case(
        "an unknown job role in ALLJOBROLES is an error",
        {"ALLJOBROLES": "4;99;7"},
        "ALLJOBROLES.code",
        E,
        ROLE_NOT_A_CODE.format(value="4;99;7"),
    ),
    Case(
        "counts without job roles are an error",
        {
            "ALLJOBROLES": "",
            "STARTERS": "3",
            "LEAVERS": "0",
            "VACANCIES": "0",
            "REASONS": "",
            "REASONNOS": "",
        },
        "ALLJOBROLES.blank_with_counts",
        E,
        ROLES_BLANK_WITH_COUNTS,
    ),
    Case(
        "fewer starters than job roles is an error",
        {"STARTERS": "0;5"},
        "STARTERS.per_role",
        E,
        COUNTS_MISALIGNED.format(column="STARTERS", value="0;5", count=2, roles=3),
    ),
    Case(
        "more vacancies than job roles is an error",
        {"VACANCIES": "0;3;0;1"},
        "VACANCIES.per_role",
        E,
        COUNTS_MISALIGNED.format(column="VACANCIES", value="0;3;0;1", count=4, roles=3),
    ),
    Case(
        "a negative leavers count is an error",
        {"LEAVERS": "0;-4;0", "REASONS": "", "REASONNOS": ""},
        "LEAVERS.count",
        E,
        COUNTS_INVALID.format(column="LEAVERS", value="0;-4;0"),
    ),
    Case(
        "a registered manager vacancy outside CQC is a warning",
        NOT_REGULATED | {"VACANCIES": "1;3;0"},
        "VACANCIES.registered_manager",
        W,
        MANAGER_VACANCY_IGNORED,
    ),
    Case(
        "a reason that is not a number is an error",
        {"REASONS": "pay;10"},
        "REASONS.number",
        E,
        REASON_NOT_A_NUMBER.format(value="pay;10"),
    ),
    Case(
        "a reason off the shipped list is a warning",
        {"REASONS": "8;40"},
        "REASONS.on_list",
        W,
        REASON_NOT_ON_LIST.format(value="8;40"),
    ),
    Case(
        "reason counts not one per reason are an error",
        {"REASONNOS": "4"},
        "REASONNOS.per_reason",
        E,
        REASON_COUNTS_MISALIGNED.format(value="4", count=1, reasons=2),
        also=("REASONNOS.total",),
    ),
    Case(
        "reason counts adding up to other than the leavers are an error",
        {"REASONNOS": "2;1"},
        "REASONNOS.total",
        E,
        REASON_COUNTS_TOTAL.format(reason_total=3, leaver_total=4),
    ),
    Case(
        "reasons with no leavers are a warning",
        {"LEAVERS": "0;0;0"},
        "REASONS.without_leavers",
        W,
        REASONS_WITHOUT_LEAVERS,
    ),
    Case(
        "an unknown REPEATTRAINING is a warning",
        {"REPEATTRAINING": "5"},
        "REPEATTRAINING.code",
        W,
        CODE_IGNORED.format(
            column="REPEATTRAINING",
            value="5",
            list_title="a repeat-training answer",
            example="2 for Yes, very often",
        ),
    ),
    Case(
        "a CWPAWARE in words is a warning",
        {"CWPAWARE": "aware"},
        "CWPAWARE.whole",
        W,
        WHOLE_IGNORED.format(column="CWPAWARE", value="aware"),
    ),
    Case(
        "an unknown CWPUSE is a warning",
        {"CWPUSE": "3"},
        "CWPUSE.shape",
        W,
        CWP_USE_IGNORED.format(value="3"),
    ),
    Case(
        "CWPUSEDESC without reason 10 is a warning",
        {"CWPUSE": "1;2", "CWPUSEDESC": "Training plans"},
        "CWPUSEDESC.ignored",
        W,
        CWP_DESCRIPTION_IGNORED,
    ),
    Case(
        "an unknown SICKPAY is a warning",
        {"SICKPAY": "maybe"},
        "SICKPAY.code",
        W,
        CODE_IGNORED.format(
            column="SICKPAY",
            value="maybe",
            list_title="a 1, 0 or unknown answer",
            example="1 for Yes",
        ),
    ),
    Case(
        "a HOLIDAY in words is a warning",
        {"HOLIDAY": "28 days"},
        "HOLIDAY.whole",
        W,
        WHOLE_IGNORED.format(column="HOLIDAY", value="28 days"),
    ),
]


@pytest.fixture(scope="module")
def workplace_cases() -> dict:
    return validate_cases(ASCWDS_WORKPLACE, CASES, key_columns=("LOCALESTID",))


@pytest.mark.parametrize("case", CASES, ids=[case.says for case in CASES])
def test_the_workplace_file_reports(case: Case, workplace_cases: dict) -> None:
    assert_case(case, workplace_cases[case.says])


class TestWorkplacesAcrossRows:
    def test_refuses_a_workplace_id_given_twice(self) -> None:
        rows = [example_row(ASCWDS_WORKPLACE), example_row(ASCWDS_WORKPLACE, ESTNAME="Annexe")]

        report = check(ASCWDS_WORKPLACE, rows)

        (issue,) = report.errors
        assert issue.line == 3
        assert issue.message == DUPLICATE_KEY.format(
            column="LOCALESTID",
            value="HOME01",
            scope=" in this file",
            first_line=2,
            thing="workplace",
        )

    def test_accepts_999_for_starters_leavers_and_vacancies_of_every_role(self) -> None:
        row = example_row(
            ASCWDS_WORKPLACE,
            STARTERS="999",
            LEAVERS="999",
            VACANCIES="999",
            REASONS="",
            REASONNOS="",
        )

        report = check(ASCWDS_WORKPLACE, [row])

        assert report.errors == ()
        assert report.warnings == ()

    def test_accepts_a_capacity_list_with_a_trailing_semicolon(self) -> None:
        row = example_row(ASCWDS_WORKPLACE, CAPACITY="30;", UTILISATION="27;")

        report = check(ASCWDS_WORKPLACE, [row])

        assert report.errors == ()
