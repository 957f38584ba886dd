"""The ASC-WDS Staff file's rules: one row per rule, all validated in one file.

Each case changes the template's example row (which passes cleanly) so that it breaks one rule,
and says what the report must hold for that row: the rule, its severity and its message.
"""

from __future__ import annotations

import pytest

from oneworkforce.intelligence.returns.formats import ASCWDS_STAFF
from oneworkforce.intelligence.returns.report import Severity
from oneworkforce.intelligence.returns.rules.ascwds_staff import (
    ACHIEVED_ID_INVALID,
    ACHIEVED_NOTES_TOO_LONG,
    ACHIEVED_NOTES_WITHOUT,
    ACHIEVED_YEAR_BLANK,
    ACHIEVED_YEAR_INVALID,
    AMHP_MISSING,
    AMHP_NOT_A_SOCIAL_WORKER,
    CITIZENSHIP_FOR_BRITISH,
    DAYS_SICK_INVALID,
    DOB_BLANK,
    DOB_OUT_OF_RANGE,
    DOB_OVER_75,
    HOURLY_RATE_INVALID,
    HOURLY_RATE_WITHOUT_HOURLY,
    HOURS_IGNORED_CONTRACT,
    HOURS_INVALID,
    HOURS_OVER_75,
    HOURS_WITH_ZERO_HOURS,
    HOURS_WITHOUT_ZERO_HOURS_ANSWER,
    JOB_DESCRIPTION_IGNORED,
    JOB_DESCRIPTION_REQUIRED,
    L2_NOT_AN_ANSWER,
    L2_YEAR_IGNORED,
    L2_YEAR_INVALID,
    L2_YEAR_MISSING,
    NINUMBER_FORMAT,
    NMC_MISSING,
    NMC_NOT_A_NURSE,
    POSTCODE_BLANK,
    QUALIFICATION_BLANK,
    QUALIFICATION_LEVEL_IGNORED,
    QUALIFICATION_LEVEL_MISSING,
    QUALIFICATION_NOT_AN_ANSWER,
    SALARY_INVALID,
    SALARY_WITHOUT_ANNUAL,
    START_DATE_BLANK,
    START_DATE_FUTURE,
    START_DATE_TOO_YOUNG,
    START_IN_SECTOR_AFTER_START,
    START_IN_SECTOR_BLANK,
    START_IN_SECTOR_FUTURE,
    START_IN_SECTOR_INVALID,
    START_IN_SECTOR_TOO_YOUNG,
    TRANSFER_UNKNOWN,
    YEAR_OF_ENTRY_BEFORE_BIRTH,
    YEAR_OF_ENTRY_FUTURE,
    YEAR_OF_ENTRY_IGNORED,
    ZERO_HOURS_NO_WITH_NO_HOURS,
)
from oneworkforce.intelligence.returns.rules.common import (
    CODE_IGNORED,
    DUPLICATE_KEY,
    LEGACY_CODE,
    NOT_A_CODE,
    NOT_A_DATE,
    NOT_A_POSTCODE,
    NOT_A_WHOLE_NUMBER,
    NOT_A_YEAR,
    REQUIRED_BLANK,
    TOO_LONG,
    UNKNOWN_WORKPLACE,
)

from .conftest import Case, assert_case, check, example_row, on_line, upload, validate_cases

E, W = Severity.ERROR, Severity.WARNING
DAY = "31/03/2026"
IGNORED_DATE = NOT_A_DATE.replace("; enter", "; it will be ignored. Enter")


def code(column: str, value: str, noun: str, example: str) -> str:
    return NOT_A_CODE.format(column=column, value=value, list_title=noun, example=example)


def ignored_code(column: str, value: str, noun: str, example: str) -> str:
    return CODE_IGNORED.format(column=column, value=value, list_title=noun, example=example)


CASES = [
    # Identifiers and status: checked on every row.
    Case(
        "a blank LOCALESTID is an error",
        {"LOCALESTID": ""},
        "LOCALESTID.required",
        E,
        REQUIRED_BLANK.format(
            column="LOCALESTID",
            what="The LOCALESTID of the worker's workplace, as in the Workplace file",
            example="HOME01",
        ),
    ),
    Case(
        "a LOCALESTID over 50 characters is an error",
        {"LOCALESTID": "H" * 51},
        "LOCALESTID.length",
        E,
        TOO_LONG.format(column="LOCALESTID", length=51, limit=50),
        also=("LOCALESTID.unknown_workplace",),
    ),
    Case(
        "a LOCALESTID missing from the Workplace file is an error",
        {"LOCALESTID": "HOME99"},
        "LOCALESTID.unknown_workplace",
        E,
        UNKNOWN_WORKPLACE.format(value="HOME99"),
    ),
    Case(
        "a blank UNIQUEWORKERID is an error",
        {"UNIQUEWORKERID": ""},
        "UNIQUEWORKERID.required",
        E,
        REQUIRED_BLANK.format(
            column="UNIQUEWORKERID",
            what="Your own identifier for the worker, unique within the workplace",
            example="W0001",
        ),
    ),
    Case(
        "an unknown STATUS is an error",
        {"STATUS": "ADD"},
        "STATUS.code",
        E,
        code("STATUS", "ADD", "a record status", "NEW for New record"),
    ),
    Case(
        "a blank DISPLAYID is an error",
        {"DISPLAYID": ""},
        "DISPLAYID.required",
        E,
        REQUIRED_BLANK.format(
            column="DISPLAYID",
            what="The name or id ASC-WDS shows for the worker",
            example="CW-0001",
        ),
    ),
    # Personal details.
    Case(
        "a malformed NINUMBER is an error that never shows the number",
        {"NINUMBER": "QQ12345"},
        "NINUMBER.format",
        E,
        NINUMBER_FORMAT,
    ),
    Case("a blank POSTCODE is a warning", {"POSTCODE": ""}, "POSTCODE.blank", W, POSTCODE_BLANK),
    Case(
        "a malformed POSTCODE is an error",
        {"POSTCODE": "DY1"},
        "POSTCODE.postcode",
        E,
        NOT_A_POSTCODE.format(column="POSTCODE", value="DY1"),
    ),
    Case("a blank DOB is a warning", {"DOB": ""}, "DOB.blank", W, DOB_BLANK),
    Case(
        "an impossible DOB is a warning and is ignored",
        {"DOB": "31/02/1990"},
        "DOB.date",
        W,
        IGNORED_DATE.format(column="DOB", value="31/02/1990"),
    ),
    Case(
        "a DOB not in DD/MM/YYYY is a warning",
        {"DOB": "1990-05-14"},
        "DOB.date",
        W,
        IGNORED_DATE.format(column="DOB", value="1990-05-14"),
    ),
    Case(
        "a DOB giving an age under 14 is a warning and is ignored",
        {"DOB": "01/04/2015", "STARTDATE": "", "STARTINSECT": ""},
        "DOB.age_range",
        W,
        DOB_OUT_OF_RANGE.format(value="01/04/2015", age=10, reference_date=DAY),
        also=("STARTDATE.blank", "STARTINSECT.blank"),
    ),
    Case(
        "a DOB giving an age over 100 is a warning and is ignored",
        {"DOB": "30/03/1925"},
        "DOB.age_range",
        W,
        DOB_OUT_OF_RANGE.format(value="30/03/1925", age=101, reference_date=DAY),
    ),
    Case(
        "a DOB giving an age over 75 is a warning to check",
        {"DOB": "01/02/1948"},
        "DOB.over_75",
        W,
        DOB_OVER_75.format(value="01/02/1948", age=78, reference_date=DAY),
    ),
    Case(
        "an unknown GENDER is an error",
        {"GENDER": "5"},
        "GENDER.code",
        E,
        code("GENDER", "5", "a gender", "2 for Female"),
    ),
    Case(
        "an unknown ETHNICITY is an error",
        {"ETHNICITY": "50"},
        "ETHNICITY.code",
        E,
        code(
            "ETHNICITY",
            "50",
            "an ethnicity",
            "31 for English, Welsh, Scottish, Northern Irish or British",
        ),
    ),
    Case(
        "a NATIONALITY in words is an error",
        {"NATIONALITY": "British"},
        "NATIONALITY.whole_number",
        E,
        NOT_A_WHOLE_NUMBER.format(column="NATIONALITY", value="British", example="826"),
        also=(),
    ),
    Case(
        "BRITISHCITIZENSHIP for a British national is a warning",
        {"BRITISHCITIZENSHIP": "1"},
        "BRITISHCITIZENSHIP.british",
        W,
        CITIZENSHIP_FOR_BRITISH,
    ),
    Case(
        "an unknown BRITISHCITIZENSHIP is an error",
        {"NATIONALITY": "999", "BRITISHCITIZENSHIP": "3"},
        "BRITISHCITIZENSHIP.code",
        E,
        code("BRITISHCITIZENSHIP", "3", "a 1, 2 or 999 answer", "1 for Yes"),
    ),
    Case(
        "a YEAROFENTRY of two digits is an error",
        {"COUNTRYOFBIRTH": "999", "YEAROFENTRY": "19"},
        "YEAROFENTRY.year",
        E,
        NOT_A_YEAR.format(column="YEAROFENTRY", value="19"),
    ),
    Case(
        "a YEAROFENTRY after the reference year is an error",
        {"COUNTRYOFBIRTH": "999", "YEAROFENTRY": "2027"},
        "YEAROFENTRY.future",
        E,
        YEAR_OF_ENTRY_FUTURE.format(value="2027"),
    ),
    Case(
        "a YEAROFENTRY before birth is an error",
        {"COUNTRYOFBIRTH": "999", "YEAROFENTRY": "1980"},
        "YEAROFENTRY.before_birth",
        E,
        YEAR_OF_ENTRY_BEFORE_BIRTH.format(value="1980"),
    ),
    Case(
        "a YEAROFENTRY for someone born in the UK is a warning",
        {"YEAROFENTRY": "2019"},
        "YEAROFENTRY.ignored",
        W,
        YEAR_OF_ENTRY_IGNORED.format(country="826 (United Kingdom)"),
    ),
    Case(
        "an unknown DISABLED is an error",
        {"DISABLED": "4"},
        "DISABLED.code",
        E,
        code("DISABLED", "4", "a disability answer", "0 for No"),
    ),
    Case(
        "an unknown CARECERT is an error",
        {"CARECERT": "4"},
        "CARECERT.code",
        E,
        code("CARECERT", "4", "a Care Certificate answer", "1 for Completed"),
    ),
    Case(
        "an unknown L2CARECERT answer is an error",
        {"L2CARECERT": "4"},
        "L2CARECERT.answer",
        E,
        L2_NOT_AN_ANSWER.format(value="4"),
    ),
    Case(
        "an L2CARECERT year in the future is an error",
        {"L2CARECERT": "1;2099"},
        "L2CARECERT.year",
        E,
        L2_YEAR_INVALID.format(value="1;2099"),
    ),
    Case(
        "an L2CARECERT completed without a year is a warning",
        {"L2CARECERT": "1"},
        "L2CARECERT.year_missing",
        W,
        L2_YEAR_MISSING.format(value="1"),
    ),
    Case(
        "an L2CARECERT year for a started certificate is a warning",
        {"L2CARECERT": "2;2025"},
        "L2CARECERT.year_ignored",
        W,
        L2_YEAR_IGNORED.format(value="2;2025"),
    ),
    Case(
        "a RECSOURCE not on the ASC-WDS list is a warning and is ignored",
        {"RECSOURCE": "3"},
        "RECSOURCE.code",
        W,
        ignored_code(
            "RECSOURCE",
            "3",
            "a recruitment source",
            "8 for Internal promotion, transfer or career development",
        ),
    ),
    Case(
        "an unknown HANDCVISA is an error",
        {"HANDCVISA": "3"},
        "HANDCVISA.code",
        E,
        code("HANDCVISA", "3", "a 1, 2 or 999 answer", "2 for No"),
    ),
    Case(
        "an unknown INOUTUK is an error",
        {"INOUTUK": "3"},
        "INOUTUK.code",
        E,
        code("INOUTUK", "3", "an inside or outside the UK answer", "1 for Recruited inside the UK"),
    ),
    # Start dates: ASC-WDS ignores what it cannot use.
    Case(
        "a blank STARTDATE is a warning", {"STARTDATE": ""}, "STARTDATE.blank", W, START_DATE_BLANK
    ),
    Case(
        "a STARTDATE after the reference date is a warning",
        {"STARTDATE": "01/01/2027"},
        "STARTDATE.future",
        W,
        START_DATE_FUTURE.format(value="01/01/2027", reference_date=DAY),
    ),
    Case(
        "a STARTDATE before the 14th birthday is a warning",
        {"STARTDATE": "01/01/1995", "STARTINSECT": "999"},
        "STARTDATE.before_14",
        W,
        START_DATE_TOO_YOUNG.format(value="01/01/1995"),
    ),
    Case(
        "a blank STARTINSECT is a warning",
        {"STARTINSECT": ""},
        "STARTINSECT.blank",
        W,
        START_IN_SECTOR_BLANK,
    ),
    Case(
        "a STARTINSECT that is not a year is a warning",
        {"STARTINSECT": "15"},
        "STARTINSECT.invalid",
        W,
        START_IN_SECTOR_INVALID.format(value="15"),
    ),
    Case(
        "a STARTINSECT after the reference year is a warning",
        {"STARTINSECT": "2030"},
        "STARTINSECT.future",
        W,
        START_IN_SECTOR_FUTURE.format(value="2030"),
    ),
    Case(
        "a STARTINSECT after the STARTDATE year is a warning",
        {"STARTINSECT": "2023"},
        "STARTINSECT.after_start",
        W,
        START_IN_SECTOR_AFTER_START.format(value="2023"),
    ),
    Case(
        "a STARTINSECT before the worker turned 14 is a warning",
        {"STARTINSECT": "1990"},
        "STARTINSECT.before_14",
        W,
        START_IN_SECTOR_TOO_YOUNG.format(value="1990"),
    ),
    Case(
        "an unknown DHA is a warning and is ignored",
        {"DHA": "3"},
        "DHA.code",
        W,
        ignored_code("DHA", "3", "a 1, 2 or 999 answer", "2 for No"),
    ),
    Case(
        "an unknown APPRENTICE is a warning and is ignored",
        {"APPRENTICE": "3"},
        "APPRENTICE.code",
        W,
        ignored_code("APPRENTICE", "3", "a 1, 2 or 999 answer", "2 for No"),
    ),
    # Contract, hours and pay.
    Case(
        "a blank EMPLSTATUS is an error",
        {"EMPLSTATUS": ""},
        "EMPLSTATUS.required",
        E,
        REQUIRED_BLANK.format(column="EMPLSTATUS", what="Contract type", example="1 for Permanent"),
    ),
    Case(
        "an unknown EMPLSTATUS is an error",
        {"EMPLSTATUS": "9"},
        "EMPLSTATUS.code",
        E,
        code("EMPLSTATUS", "9", "a contract type", "1 for Permanent"),
    ),
    Case(
        "the old volunteer EMPLSTATUS is an error",
        {"EMPLSTATUS": "6"},
        "EMPLSTATUS.legacy_code",
        E,
        LEGACY_CODE.format(column="EMPLSTATUS", value="6", example="1 for Permanent"),
    ),
    Case(
        "an unknown ZEROHRCONT is an error",
        {"ZEROHRCONT": "3"},
        "ZEROHRCONT.code",
        E,
        code("ZEROHRCONT", "3", "a 1, 2 or 999 answer", "2 for No"),
    ),
    Case(
        "contracted hours without a ZEROHRCONT answer is a warning",
        {"ZEROHRCONT": ""},
        "ZEROHRCONT.missing",
        W,
        HOURS_WITHOUT_ZERO_HOURS_ANSWER,
    ),
    Case(
        "contracted hours on a zero-hours contract is an error",
        {"ZEROHRCONT": "1"},
        "ZEROHRCONT.conflict",
        E,
        HOURS_WITH_ZERO_HOURS.format(hours="37.5", value="1"),
        also=("CONTHOURS.zero_hours",),
    ),
    Case(
        "contracted hours with a don't-know ZEROHRCONT is an error",
        {"ZEROHRCONT": "999"},
        "ZEROHRCONT.conflict",
        E,
        HOURS_WITH_ZERO_HOURS.format(hours="37.5", value="999"),
    ),
    Case(
        "no hours on a contract said not to be zero hours is a warning",
        {"CONTHOURS": "0"},
        "ZEROHRCONT.no_without_hours",
        W,
        ZERO_HOURS_NO_WITH_NO_HOURS,
    ),
    Case(
        "DAYSSICK over 366 is a warning and is ignored",
        {"DAYSSICK": "400"},
        "DAYSSICK.invalid",
        W,
        DAYS_SICK_INVALID.format(value="400"),
    ),
    Case(
        "DAYSSICK in quarter days is a warning",
        {"DAYSSICK": "2.25"},
        "DAYSSICK.invalid",
        W,
        DAYS_SICK_INVALID.format(value="2.25"),
    ),
    Case(
        "an unknown SALARYINT is an error",
        {"SALARYINT": "2", "HOURLYRATE": ""},
        "SALARYINT.code",
        E,
        code("SALARYINT", "2", "a salary interval", "3 for Hourly rate"),
    ),
    Case(
        "a SALARY with an hourly SALARYINT is an error",
        {"SALARY": "21000"},
        "SALARY.interval",
        E,
        SALARY_WITHOUT_ANNUAL,
    ),
    Case(
        "a SALARY with a comma is an error",
        {"SALARYINT": "1", "HOURLYRATE": "", "SALARY": "21,000"},
        "SALARY.whole_pounds",
        E,
        SALARY_INVALID.format(value="21,000"),
    ),
    Case(
        "an HOURLYRATE with an annual SALARYINT is an error",
        {"SALARYINT": "1"},
        "HOURLYRATE.interval",
        E,
        HOURLY_RATE_WITHOUT_HOURLY,
    ),
    Case(
        "an HOURLYRATE with a pound sign is an error",
        {"HOURLYRATE": "£12"},
        "HOURLYRATE.pounds",
        E,
        HOURLY_RATE_INVALID.format(value="£12"),
    ),
    # Job role.
    Case(
        "a blank MAINJOBROLE is an error",
        {"MAINJOBROLE": ""},
        "MAINJOBROLE.required",
        E,
        REQUIRED_BLANK.format(
            column="MAINJOBROLE", what="Main job role", example="8 for Care worker"
        ),
    ),
    Case(
        "an unknown MAINJOBROLE is an error",
        {"MAINJOBROLE": "99"},
        "MAINJOBROLE.code",
        E,
        code("MAINJOBROLE", "99", "a main job role", "8 for Care worker"),
    ),
    Case(
        "a job role dropped from the bulk upload is an error",
        {"MAINJOBROLE": "22"},
        "MAINJOBROLE.legacy_code",
        E,
        LEGACY_CODE.format(column="MAINJOBROLE", value="22", example="8 for Care worker"),
    ),
    Case(
        "role 23 without MAINJRDESC is an error",
        {"MAINJOBROLE": "23"},
        "MAINJRDESC.required",
        E,
        JOB_DESCRIPTION_REQUIRED.format(role="23"),
    ),
    Case(
        "role 27 without MAINJRDESC is an error",
        {"MAINJOBROLE": "27"},
        "MAINJRDESC.required",
        E,
        JOB_DESCRIPTION_REQUIRED.format(role="27"),
    ),
    Case(
        "a MAINJRDESC over 120 characters is an error",
        {"MAINJOBROLE": "23", "MAINJRDESC": "d" * 121},
        "MAINJRDESC.length",
        E,
        TOO_LONG.format(column="MAINJRDESC", length=121, limit=120),
    ),
    Case(
        "a MAINJRDESC for a care worker is a warning",
        {"MAINJRDESC": "Days"},
        "MAINJRDESC.ignored",
        W,
        JOB_DESCRIPTION_IGNORED,
    ),
    Case(
        "CONTHOURS for an agency worker is a warning",
        {"EMPLSTATUS": "4"},
        "CONTHOURS.contract",
        W,
        HOURS_IGNORED_CONTRACT.format(
            column="CONTHOURS", contract="4", instead="give AVGHOURS instead"
        ),
    ),
    Case(
        "CONTHOURS in quarter hours is a warning",
        {"CONTHOURS": "37.25"},
        "CONTHOURS.invalid",
        W,
        HOURS_INVALID.format(column="CONTHOURS", value="37.25"),
    ),
    Case(
        "CONTHOURS over 75 is a warning and is ignored",
        {"CONTHOURS": "80"},
        "CONTHOURS.over_75",
        W,
        HOURS_OVER_75.format(column="CONTHOURS", value="80"),
    ),
    Case(
        "AVGHOURS for a permanent worker is a warning",
        {"AVGHOURS": "20"},
        "AVGHOURS.contract",
        W,
        HOURS_IGNORED_CONTRACT.format(
            column="AVGHOURS", contract="1", instead="give CONTHOURS instead"
        ),
    ),
    Case(
        "AVGHOURS over 75 for a bank worker is a warning",
        {"EMPLSTATUS": "3", "CONTHOURS": "", "AVGHOURS": "80"},
        "AVGHOURS.over_75",
        W,
        HOURS_OVER_75.format(column="AVGHOURS", value="80"),
    ),
    Case(
        "AVGHOURS in words for a bank worker is a warning",
        {"EMPLSTATUS": "3", "CONTHOURS": "", "AVGHOURS": "some"},
        "AVGHOURS.invalid",
        W,
        HOURS_INVALID.format(column="AVGHOURS", value="some"),
    ),
    Case(
        "NMCREG for a care worker is a warning",
        {"NMCREG": "1"},
        "NMCREG.not_a_nurse",
        W,
        NMC_NOT_A_NURSE,
    ),
    Case(
        "a nurse without NMCREG is a warning",
        {"MAINJOBROLE": "16"},
        "NMCREG.missing",
        W,
        NMC_MISSING,
    ),
    Case(
        "an unknown NMCREG for a nurse is a warning",
        {"MAINJOBROLE": "16", "NMCREG": "9"},
        "NMCREG.code",
        W,
        ignored_code("NMCREG", "9", "an NMC registration", "1 for Adult nurse"),
    ),
    Case(
        "AMHP for a care worker is a warning",
        {"AMHP": "1"},
        "AMHP.not_a_social_worker",
        W,
        AMHP_NOT_A_SOCIAL_WORKER,
    ),
    Case(
        "a social worker without AMHP is a warning",
        {"MAINJOBROLE": "6"},
        "AMHP.missing",
        W,
        AMHP_MISSING,
    ),
    Case(
        "an unknown AMHP for a social worker is a warning",
        {"MAINJOBROLE": "6", "AMHP": "5"},
        "AMHP.code",
        W,
        ignored_code("AMHP", "5", "a 1, 2 or 999 answer", "1 for Yes"),
    ),
    # Qualifications.
    Case("a blank SCQUAL is a warning", {"SCQUAL": ""}, "SCQUAL.blank", W, QUALIFICATION_BLANK),
    Case(
        "an unknown SCQUAL answer is an error",
        {"SCQUAL": "3"},
        "SCQUAL.answer",
        E,
        QUALIFICATION_NOT_AN_ANSWER.format(column="SCQUAL", value="3"),
    ),
    Case(
        "SCQUAL 1 without a level is an error",
        {"SCQUAL": "1"},
        "SCQUAL.level_missing",
        E,
        QUALIFICATION_LEVEL_MISSING,
    ),
    Case(
        "an unknown SCQUAL level is a warning",
        {"SCQUAL": "1;9"},
        "SCQUAL.level",
        W,
        QUALIFICATION_LEVEL_IGNORED.format(column="SCQUAL", value="1;9"),
    ),
    Case(
        "an unknown NONSCQUAL answer is an error",
        {"NONSCQUAL": "x"},
        "NONSCQUAL.answer",
        E,
        QUALIFICATION_NOT_AN_ANSWER.format(column="NONSCQUAL", value="x"),
    ),
    Case(
        "an unknown NONSCQUAL level is a warning",
        {"NONSCQUAL": "1;12"},
        "NONSCQUAL.level",
        W,
        QUALIFICATION_LEVEL_IGNORED.format(column="NONSCQUAL", value="1;12"),
    ),
    Case(
        "an unknown CWPCATEGORY is a warning",
        {"CWPCATEGORY": "8"},
        "CWPCATEGORY.code",
        W,
        ignored_code(
            "CWPCATEGORY", "8", "a Care Workforce Pathway category", "2 for Care or support worker"
        ),
    ),
    Case(
        "a QUALACH without an id is an error",
        {"QUALACH01": "abc;2020"},
        "QUALACH01.id",
        E,
        ACHIEVED_ID_INVALID.format(column="QUALACH01", value="abc;2020"),
    ),
    Case(
        "a QUALACH without a year is a warning",
        {"QUALACH02": "121"},
        "QUALACH02.year_blank",
        W,
        ACHIEVED_YEAR_BLANK.format(column="QUALACH02", value="121"),
    ),
    Case(
        "a QUALACH year over 100 years ago is an error",
        {"QUALACH03": "121;1900"},
        "QUALACH03.year",
        E,
        ACHIEVED_YEAR_INVALID.format(column="QUALACH03", value="121;1900"),
    ),
    Case(
        "QUALACH notes over 120 characters are a warning",
        {"QUALACH01": "121;2020", "QUALACH01NOTES": "n" * 121},
        "QUALACH01NOTES.length",
        W,
        ACHIEVED_NOTES_TOO_LONG.format(column="QUALACH01NOTES"),
    ),
    Case(
        "QUALACH notes without a qualification are a warning",
        {"QUALACH02NOTES": "NVQ"},
        "QUALACH02NOTES.without_qualification",
        W,
        ACHIEVED_NOTES_WITHOUT.format(column="QUALACH02NOTES", qualification="QUALACH02"),
    ),
]


@pytest.fixture(scope="module")
def staff_cases() -> dict:
    return validate_cases(
        ASCWDS_STAFF, CASES, key_columns=("UNIQUEWORKERID",), workplace_ids={"HOME01"}
    )


@pytest.mark.parametrize("case", CASES, ids=[case.says for case in CASES])
def test_the_staff_file_reports(case: Case, staff_cases: dict) -> None:
    assert_case(case, staff_cases[case.says])


class TestRowsNotCheckedFurther:
    @pytest.mark.parametrize("status", ["DELETE", "NOCHANGE", "UNCHECKED", "nochange"])
    def test_checks_only_identifiers_and_status_on_a_row_that_changes_nothing(
        self, status: str
    ) -> None:
        row = example_row(
            ASCWDS_STAFF, STATUS=status, MAINJOBROLE="99", DOB="yesterday", GENDER="x"
        )

        report = check(ASCWDS_STAFF, [row])

        assert report.errors == ()
        assert report.warnings == ()
        assert report.rows_not_checked == 1

    def test_still_checks_the_identifiers_of_such_a_row(self) -> None:
        row = example_row(ASCWDS_STAFF, STATUS="DELETE", UNIQUEWORKERID="", MAINJOBROLE="99")

        report = check(ASCWDS_STAFF, [row])

        assert [issue.rule for issue in report.errors] == ["UNIQUEWORKERID.required"]

    def test_checks_every_field_of_a_row_whose_status_is_unknown(self) -> None:
        row = example_row(ASCWDS_STAFF, STATUS="ADD", MAINJOBROLE="99")

        report = check(ASCWDS_STAFF, [row])

        assert [issue.rule for issue in report.errors] == ["STATUS.code", "MAINJOBROLE.code"]


class TestWorkersAcrossRows:
    def test_refuses_a_worker_id_given_twice_in_one_workplace(self) -> None:
        first = example_row(ASCWDS_STAFF)
        other_workplace = example_row(ASCWDS_STAFF, LOCALESTID="DOM01")
        again = example_row(ASCWDS_STAFF, DISPLAYID="CW-0002")

        report = check(ASCWDS_STAFF, [first, other_workplace, again])

        (issue,) = report.errors
        assert (issue.line, issue.column, issue.value) == (4, "UNIQUEWORKERID", "W0001")
        assert issue.message == DUPLICATE_KEY.format(
            column="UNIQUEWORKERID",
            value="W0001",
            scope=" in this workplace",
            first_line=2,
            thing="worker",
        )

    def test_checks_workplaces_only_when_the_workplace_file_is_given(self) -> None:
        row = example_row(ASCWDS_STAFF, LOCALESTID="HOME99")

        alone = check(ASCWDS_STAFF, [row])
        with_workplaces = check(ASCWDS_STAFF, [row], workplace_ids={"HOME01"})

        assert alone.errors == ()
        assert [issue.rule for issue in with_workplaces.errors] == ["LOCALESTID.unknown_workplace"]

    def test_refuses_a_transfer_to_a_workplace_not_in_the_workplace_file(self) -> None:
        header = list(ASCWDS_STAFF.names)
        header[2:2] = ["CHGUNIQUEWRKID", "TRANSFERSTAFFRECORD"]
        row = example_row(ASCWDS_STAFF) | {"CHGUNIQUEWRKID": "", "TRANSFERSTAFFRECORD": "DOM09"}
        uploaded = upload(ASCWDS_STAFF, [row], header=header)

        from oneworkforce.intelligence.returns.validation import validate

        report = validate(
            uploaded,
            reference_date=__import__("datetime").date(2026, 3, 31),
            workplace_ids={"HOME01"},
        )

        (issue,) = on_line(report, 2)
        assert issue.rule == "TRANSFERSTAFFRECORD.unknown_workplace"
        assert issue.message == TRANSFER_UNKNOWN.format(value="DOM09")
