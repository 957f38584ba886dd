"""Rules of the ASC-WDS Staff file, and the values its normalised rows store.

Severities follow ASC-WDS's own validator (``lambdas/bulkUpload/classes/workerCSVValidator.js``):
where it says a value "will be ignored" the rule is a warning and the value is not stored;
where it refuses the row the rule is an error. Our additions are marked "(ours)".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import polars as pl

from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.formats import ASCWDS_STAFF
from oneworkforce.intelligence.returns.rules.common import (
    ERROR,
    WARNING,
    Context,
    Rule,
    age_on,
    blank,
    checked_rows,
    code_key,
    column_rules,
    date_rule,
    date_value,
    duplicate_rule,
    fill,
    given,
    is_code,
    items,
    number,
    postcode,
    postcode_rule,
    unknown_workplace_rule,
    whole,
    whole_number_rule,
    year_value,
)

NINUMBER_FORMAT = (
    "NINUMBER is not a National Insurance number; enter two letters, six digits and a letter,"
    " like QQ123456C, or leave it blank."
)
POSTCODE_BLANK = "POSTCODE is blank; add the worker's home postcode, like DY1 2AB."
DOB_BLANK = "DOB is blank; add the date of birth, like 14/05/1985."
DOB_OUT_OF_RANGE = (
    "DOB {value} gives an age of {age} on {reference_date}; ages 14 to 100 are accepted, so it"
    " will be ignored. Check the date of birth."
)
DOB_OVER_75 = "DOB {value} gives an age of {age} on {reference_date}; check it is right."
CITIZENSHIP_FOR_BRITISH = (
    "BRITISHCITIZENSHIP will be ignored because NATIONALITY is 826 (British); leave it blank."
)
YEAR_OF_ENTRY_FUTURE = "YEAROFENTRY {value} is after the reference year; correct the year."
YEAR_OF_ENTRY_BEFORE_BIRTH = (
    "YEAROFENTRY {value} is before the year of birth in DOB; correct one of them."
)
YEAR_OF_ENTRY_IGNORED = (
    "YEAROFENTRY will be ignored because COUNTRYOFBIRTH is {country}; give the country of"
    " birth, or leave YEAROFENTRY blank."
)
L2_NOT_AN_ANSWER = (
    "L2CARECERT {value} is not an answer; use 1;year for completed (like 1;2025), 2 for"
    " started or 3 for no."
)
L2_YEAR_INVALID = (
    "L2CARECERT {value} has a year that is not a past year; write the year completed after 1;,"
    " like 1;2025."
)
L2_YEAR_MISSING = "L2CARECERT {value} gives no year; add the year completed, like 1;2025."
L2_YEAR_IGNORED = "L2CARECERT {value}: a year is only kept for 1 (completed); it will be ignored."
START_DATE_BLANK = "STARTDATE is blank; add the date the worker started this job, like 01/09/2021."
START_DATE_FUTURE = (
    "STARTDATE {value} is after the reference date {reference_date}, so it will be ignored;"
    " correct the date."
)
START_DATE_TOO_YOUNG = (
    "STARTDATE {value} is before the worker's 14th birthday, so it will be ignored; check"
    " STARTDATE and DOB."
)
START_IN_SECTOR_BLANK = (
    "STARTINSECT is blank; give the year the worker started in social care, or 999."
)
START_IN_SECTOR_INVALID = (
    "STARTINSECT {value} is not a year or 999, so it will be ignored; enter a year like 2015."
)
START_IN_SECTOR_FUTURE = (
    "STARTINSECT {value} is after the reference year, so it will be ignored; correct the year."
)
START_IN_SECTOR_AFTER_START = (
    "STARTINSECT {value} is after the year of STARTDATE, so it will be ignored; correct it."
)
START_IN_SECTOR_TOO_YOUNG = (
    "STARTINSECT {value} is before the worker turned 14, so it will be ignored; check it and DOB."
)
HOURS_WITHOUT_ZERO_HOURS_ANSWER = (
    "CONTHOURS is given but ZEROHRCONT is blank; enter 2 if the worker is not on a zero-hours"
    " contract."
)
HOURS_WITH_ZERO_HOURS = (
    "CONTHOURS is {hours} but ZEROHRCONT is {value} (zero hours or don't know); enter 2 in"
    " ZEROHRCONT, or leave CONTHOURS blank."
)
ZERO_HOURS_NO_WITH_NO_HOURS = (
    "CONTHOURS is 0 but ZEROHRCONT is 2 (no); enter 1 if the worker is on a zero-hours contract."
)
DAYS_SICK_INVALID = (
    "DAYSSICK {value} is not a number of days from 0 to 366 in half days, or 999, so it will be"
    " ignored; enter a number like 4.5."
)
SALARY_WITHOUT_ANNUAL = (
    "SALARY is given but SALARYINT is not 1 (annual); set SALARYINT to 1 or clear SALARY."
)
SALARY_INVALID = "SALARY {value} is not whole pounds; enter digits only, like 23500."
HOURLY_RATE_WITHOUT_HOURLY = (
    "HOURLYRATE is given but SALARYINT is not 3 (hourly); set SALARYINT to 3 or clear HOURLYRATE."
)
HOURLY_RATE_INVALID = "HOURLYRATE {value} is not pounds and pence; enter a number like 12.60."
JOB_DESCRIPTION_REQUIRED = (
    "MAINJRDESC is blank, but MAINJOBROLE {role} is an 'Other' role that needs a description;"
    " describe the job in MAINJRDESC."
)
JOB_DESCRIPTION_IGNORED = (
    "MAINJRDESC will be ignored because MAINJOBROLE is not 23 or 27 (Other); leave it blank."
)
HOURS_IGNORED_ZERO_HOURS = (
    "{column} will be ignored because ZEROHRCONT is 1 (zero-hours contract); leave it blank."
)
HOURS_IGNORED_CONTRACT = "{column} will be ignored for EMPLSTATUS {contract}; {instead}."
HOURS_INVALID = (
    "{column} {value} is not weekly hours in half hours, so it will be ignored; enter a number"
    " like 37.5, or 999 if not known."
)
HOURS_OVER_75 = (
    "{column} {value} is over 75 hours a week, so it will be ignored; enter 0 to 75, or 999 if"
    " not known."
)
NMC_MISSING = (
    "NMCREG is blank for a registered nurse (MAINJOBROLE 16); add it, like 1 for Adult nurse."
)
NMC_NOT_A_NURSE = (
    "NMCREG will be ignored because MAINJOBROLE is not 16 (Registered nurse); leave it blank."
)
AMHP_MISSING = "AMHP is blank for a social worker (MAINJOBROLE 6); enter 1, 2 or 999."
AMHP_NOT_A_SOCIAL_WORKER = (
    "AMHP will be ignored because MAINJOBROLE is not 6 (Social worker); leave it blank."
)
QUALIFICATION_BLANK = "SCQUAL is blank; enter 1;level, 2 for none or 999 for don't know."
QUALIFICATION_NOT_AN_ANSWER = (
    "{column} {value} is not an answer; enter 1;level (like 1;3), 2 for none or 999 for don't know."
)
QUALIFICATION_LEVEL_MISSING = "SCQUAL is 1 (yes) but gives no level; write it after 1;, like 1;3."
QUALIFICATION_LEVEL_IGNORED = (
    "{column} {value} has a level that is not 0 to 8 or 999, so the level will be ignored;"
    " write it like 1;3."
)
ACHIEVED_ID_INVALID = (
    "{column} {value} does not start with a qualification id; write id;year, like 121;2023."
)
ACHIEVED_YEAR_BLANK = "{column} {value} gives no year; write id;year, like 121;2023."
ACHIEVED_YEAR_INVALID = (
    "{column} {value} has a year that is not within the last 100 years; write id;year, like"
    " 121;2023."
)
ACHIEVED_NOTES_TOO_LONG = "{column} is over 120 characters, so it will be ignored; shorten it."
ACHIEVED_NOTES_WITHOUT = "{column} will be ignored because {qualification} is blank."
TRANSFER_UNKNOWN = (
    "TRANSFERSTAFFRECORD {value} is not a LOCALESTID in the Workplace file; correct it, or add"
    " the workplace there."
)

NURSE = "16"
SOCIAL_WORKER = "6"
CONTRACTED = ("1", "2")  # permanent and temporary: contracted hours apply
NOT_CONTRACTED = ("3", "4", "7")  # bank, agency, other: average hours apply
_NI = r"^[A-Za-z]{2}\s*(?:\d\s*){6}[A-Za-z]?$"
_HALF = r"^\d{1,3}(\.[05]0?)?$"


def known_ids_rules(context: Context) -> Iterator[Rule]:
    """The rules that check workplace ids against the Workplace file (none when the context
    has none); part of ``rules``, and built apart since they change with every partner while
    the others change only with the reference date."""
    if (unknown := unknown_workplace_rule(context)) is not None:
        yield unknown
        yield Rule(
            "TRANSFERSTAFFRECORD.unknown_workplace",
            "TRANSFERSTAFFRECORD",
            "TRANSFERSTAFFRECORD",
            ERROR,
            given("TRANSFERSTAFFRECORD")
            & ~pl.col("TRANSFERSTAFFRECORD").is_in(sorted(context.workplace_ids or ())),
            TRANSFER_UNKNOWN,
        )


def rules(context: Context) -> Iterator[Rule]:
    """Every rule of the Staff file, for ``context.reference_date``."""
    spec = ASCWDS_STAFF
    checked = checked_rows(spec)
    ref = context.reference_date
    ref_text = ref.strftime("%d/%m/%Y")
    role = pl.col("MAINJOBROLE")
    zero_hours = pl.col("ZEROHRCONT") == "1"
    contract = pl.col("EMPLSTATUS")

    for name in ("LOCALESTID", "UNIQUEWORKERID", "STATUS", "DISPLAYID"):
        yield from column_rules(spec.column(name), checked=checked, always=True)
    for optional in spec.optional_columns:
        yield from column_rules(optional, checked=checked, always=True)
    yield duplicate_rule(
        "UNIQUEWORKERID.duplicate",
        ("LOCALESTID", "UNIQUEWORKERID"),
        scope=" in this workplace",
        thing="worker",
    )
    yield from known_ids_rules(context)

    yield Rule(
        "NINUMBER.format",
        "NINUMBER",
        "NINUMBER",
        ERROR,
        checked & given("NINUMBER") & ~pl.col("NINUMBER").str.contains(_NI),
        NINUMBER_FORMAT,
        value=pl.lit("(not shown)"),
    )
    yield Rule(
        "POSTCODE.blank",
        "POSTCODE",
        "POSTCODE",
        WARNING,
        checked & blank("POSTCODE"),
        POSTCODE_BLANK,
    )
    yield postcode_rule("POSTCODE", checked=checked)

    dob = date_value("DOB")
    age = age_on(dob, ref)
    age_fields = {"age": age.cast(pl.String)}
    yield Rule("DOB.blank", "DOB", "DOB", WARNING, checked & blank("DOB"), DOB_BLANK)
    yield date_rule(spec.column("DOB"), checked=checked, severity=WARNING)
    yield Rule(
        "DOB.age_range",
        "DOB",
        "DOB",
        WARNING,
        checked & dob.is_not_null() & ~age.is_between(14, 100),
        fill(DOB_OUT_OF_RANGE, reference_date=ref_text),
        fields=age_fields,
    )
    yield Rule(
        "DOB.over_75",
        "DOB",
        "DOB",
        WARNING,
        checked & age.is_between(76, 100),
        fill(DOB_OVER_75, reference_date=ref_text),
        fields=age_fields,
    )

    for name in (
        "GENDER",
        "ETHNICITY",
        "DISABLED",
        "CARECERT",
        "HANDCVISA",
        "INOUTUK",
        "EMPLSTATUS",
        "SALARYINT",
        "MAINJOBROLE",
        "BRITISHCITIZENSHIP",
        "ZEROHRCONT",
    ):
        yield from column_rules(spec.column(name), checked=checked)
    # A recruitment source outside the list is only warned about: the list is read from the
    # service's code, not a published specification (docs/reference-data.md).
    for name in ("DHA", "APPRENTICE", "CWPCATEGORY", "RECSOURCE"):
        yield from column_rules(spec.column(name), checked=checked, code_severity=WARNING)
    for name in ("NATIONALITY", "COUNTRYOFBIRTH"):
        yield whole_number_rule(spec.column(name), checked=checked)

    yield Rule(
        "BRITISHCITIZENSHIP.british",
        "BRITISHCITIZENSHIP",
        "BRITISHCITIZENSHIP",
        WARNING,
        checked & given("BRITISHCITIZENSHIP") & (pl.col("NATIONALITY") == "826"),
        CITIZENSHIP_FOR_BRITISH,
    )

    entry = year_value("YEAROFENTRY")
    yield Rule(
        "YEAROFENTRY.year",
        "YEAROFENTRY",
        "YEAROFENTRY",
        ERROR,
        checked & given("YEAROFENTRY") & entry.is_null(),
        fill("{column} {value} is not a year; enter four digits, like 2019.", column="YEAROFENTRY"),
    )
    yield Rule(
        "YEAROFENTRY.future",
        "YEAROFENTRY",
        "YEAROFENTRY",
        ERROR,
        checked & (entry > ref.year),
        YEAR_OF_ENTRY_FUTURE,
    )
    yield Rule(
        "YEAROFENTRY.before_birth",
        "YEAROFENTRY",
        "YEAROFENTRY",
        ERROR,
        checked & (entry < dob.dt.year()),
        YEAR_OF_ENTRY_BEFORE_BIRTH,
    )
    entry_ignored = (
        checked
        & entry.is_between(1900, ref.year)
        & ((pl.col("COUNTRYOFBIRTH") == "") | (pl.col("COUNTRYOFBIRTH") == "826"))
    )
    yield Rule(
        "YEAROFENTRY.ignored",
        "YEAROFENTRY",
        "YEAROFENTRY",
        WARNING,
        entry_ignored & ~(entry < dob.dt.year()).fill_null(False),
        YEAR_OF_ENTRY_IGNORED,
        fields={
            "country": pl.when(blank("COUNTRYOFBIRTH"))
            .then(pl.lit("blank"))
            .otherwise(pl.lit("826 (United Kingdom)"))
        },
    )

    yield from _level_2_certificate(checked, ref.year)
    yield from _start_dates(checked, ref, ref_text, dob)
    yield from _pay(checked)
    yield from _hours(checked, zero_hours, contract)

    needs_description = [job.code for job in reference().job_roles if job.needs_description]
    yield Rule(
        "MAINJRDESC.required",
        "MAINJRDESC",
        "MAINJRDESC",
        ERROR,
        checked & role.is_in(needs_description) & blank("MAINJRDESC"),
        JOB_DESCRIPTION_REQUIRED,
        fields={"role": role},
    )
    yield from (r for r in column_rules(spec.column("MAINJRDESC"), checked=checked))
    yield Rule(
        "MAINJRDESC.ignored",
        "MAINJRDESC",
        "MAINJRDESC",
        WARNING,
        checked
        & given("MAINJRDESC")
        & ~role.is_in(needs_description)
        & is_code("MAINJOBROLE", reference()["ascwds_job_role"]),
        JOB_DESCRIPTION_IGNORED,
    )

    yield Rule(
        "NMCREG.missing",
        "NMCREG",
        "NMCREG",
        WARNING,
        checked & (role == NURSE) & blank("NMCREG"),
        NMC_MISSING,
    )
    yield Rule(
        "NMCREG.not_a_nurse",
        "NMCREG",
        "NMCREG",
        WARNING,
        checked & (role != NURSE) & given("NMCREG"),
        NMC_NOT_A_NURSE,
    )
    yield from (
        rule
        for rule in column_rules(
            spec.column("NMCREG"), checked=checked & (role == NURSE), code_severity=WARNING
        )
    )
    yield Rule(
        "AMHP.missing",
        "AMHP",
        "AMHP",
        WARNING,
        checked & (role == SOCIAL_WORKER) & blank("AMHP"),
        AMHP_MISSING,
    )
    yield Rule(
        "AMHP.not_a_social_worker",
        "AMHP",
        "AMHP",
        WARNING,
        checked & (role != SOCIAL_WORKER) & given("AMHP"),
        AMHP_NOT_A_SOCIAL_WORKER,
    )
    yield from column_rules(
        spec.column("AMHP"), checked=checked & (role == SOCIAL_WORKER), code_severity=WARNING
    )

    yield from _qualifications(checked, ref.year)


def _level_2_certificate(checked: pl.Expr, year: int) -> Iterator[Rule]:
    parts = items("L2CARECERT")
    answer = parts.list.get(0, null_on_oob=True)
    completed_in = parts.list.get(1, null_on_oob=True)
    answered = checked & given("L2CARECERT")
    yield Rule(
        "L2CARECERT.answer",
        "L2CARECERT",
        "L2CARECERT",
        ERROR,
        answered & (~answer.is_in(["1", "2", "3"]) | (parts.list.len() > 2)),
        L2_NOT_AN_ANSWER,
    )
    year_given = (answer == "1") & (parts.list.len() == 2) & (completed_in != "")
    yield Rule(
        "L2CARECERT.year",
        "L2CARECERT",
        "L2CARECERT",
        ERROR,
        answered & year_given & ~year_value(completed_in).is_between(1900, year).fill_null(False),
        L2_YEAR_INVALID,
    )
    yield Rule(
        "L2CARECERT.year_missing",
        "L2CARECERT",
        "L2CARECERT",
        WARNING,
        answered & (answer == "1") & (parts.list.len() <= 2) & ~year_given,
        L2_YEAR_MISSING,
    )
    yield Rule(
        "L2CARECERT.year_ignored",
        "L2CARECERT",
        "L2CARECERT",
        WARNING,
        answered & answer.is_in(["2", "3"]) & (parts.list.len() == 2) & (completed_in != ""),
        L2_YEAR_IGNORED,
    )


def _start_dates(checked: pl.Expr, ref: date, ref_text: str, dob: pl.Expr) -> Iterator[Rule]:
    start = date_value("STARTDATE")
    yield Rule(
        "STARTDATE.blank",
        "STARTDATE",
        "STARTDATE",
        WARNING,
        checked & blank("STARTDATE"),
        START_DATE_BLANK,
    )
    yield date_rule(ASCWDS_STAFF.column("STARTDATE"), checked=checked, severity=WARNING)
    yield Rule(
        "STARTDATE.future",
        "STARTDATE",
        "STARTDATE",
        WARNING,
        checked & (start > pl.lit(ref)),
        fill(START_DATE_FUTURE, reference_date=ref_text),
    )
    yield Rule(
        "STARTDATE.before_14",
        "STARTDATE",
        "STARTDATE",
        WARNING,
        checked & (start <= pl.lit(ref)) & (start < dob.dt.offset_by("14y")),
        START_DATE_TOO_YOUNG,
    )
    sector = pl.col("STARTINSECT")
    sector_year = year_value("STARTINSECT")
    valid_sector = (sector == "999") | sector_year.is_between(1900, 2099)
    yield Rule(
        "STARTINSECT.blank",
        "STARTINSECT",
        "STARTINSECT",
        WARNING,
        checked & blank("STARTINSECT"),
        START_IN_SECTOR_BLANK,
    )
    yield Rule(
        "STARTINSECT.invalid",
        "STARTINSECT",
        "STARTINSECT",
        WARNING,
        checked & given("STARTINSECT") & ~valid_sector.fill_null(False),
        START_IN_SECTOR_INVALID,
    )
    yield Rule(
        "STARTINSECT.future",
        "STARTINSECT",
        "STARTINSECT",
        WARNING,
        checked & sector_year.is_between(ref.year + 1, 2099) & (sector != "999"),
        START_IN_SECTOR_FUTURE,
    )
    yield Rule(
        "STARTINSECT.after_start",
        "STARTINSECT",
        "STARTINSECT",
        WARNING,
        checked
        & (sector != "999")
        & (sector_year > start.dt.year())
        & (sector_year <= ref.year)
        & (start <= pl.lit(ref)),
        START_IN_SECTOR_AFTER_START,
    )
    yield Rule(
        "STARTINSECT.before_14",
        "STARTINSECT",
        "STARTINSECT",
        WARNING,
        checked
        & (sector != "999")
        & sector_year.is_between(1900, ref.year)
        & (sector_year < dob.dt.year() + 14),
        START_IN_SECTOR_TOO_YOUNG,
    )


def _pay(checked: pl.Expr) -> Iterator[Rule]:
    interval = pl.col("SALARYINT")
    yield Rule(
        "SALARY.interval",
        "SALARY",
        "SALARY",
        ERROR,
        checked & given("SALARY") & (interval != "1"),
        SALARY_WITHOUT_ANNUAL,
    )
    yield Rule(
        "SALARY.whole_pounds",
        "SALARY",
        "SALARY",
        ERROR,
        checked & given("SALARY") & (interval == "1") & whole("SALARY").is_null(),
        SALARY_INVALID,
    )
    yield Rule(
        "HOURLYRATE.interval",
        "HOURLYRATE",
        "HOURLYRATE",
        ERROR,
        checked & given("HOURLYRATE") & (interval != "3"),
        HOURLY_RATE_WITHOUT_HOURLY,
    )
    yield Rule(
        "HOURLYRATE.pounds",
        "HOURLYRATE",
        "HOURLYRATE",
        ERROR,
        checked & given("HOURLYRATE") & (interval == "3") & number("HOURLYRATE").is_null(),
        HOURLY_RATE_INVALID,
    )
    yield Rule(
        "DAYSSICK.invalid",
        "DAYSSICK",
        "DAYSSICK",
        WARNING,
        checked & given("DAYSSICK") & days_sick().is_null() & (pl.col("DAYSSICK") != "999"),
        DAYS_SICK_INVALID,
    )


def hours(name: str) -> pl.Expr:
    """Weekly hours in half hours, 0 to 75; null for 999, blank or anything else."""
    value = pl.when(pl.col(name).str.contains(_HALF)).then(
        pl.col(name).cast(pl.Float64, strict=False)
    )
    return pl.when(value <= 75).then(value)


def days_sick() -> pl.Expr:
    value = pl.when(pl.col("DAYSSICK").str.contains(_HALF)).then(
        pl.col("DAYSSICK").cast(pl.Float64, strict=False)
    )
    return pl.when(value <= 366).then(value)


def hours_apply(name: str) -> pl.Expr:
    """Whether ASC-WDS keeps a value in CONTHOURS or AVGHOURS for this row's contract."""
    zero_hours = pl.col("ZEROHRCONT") == "1"
    contract = pl.col("EMPLSTATUS")
    if name == "CONTHOURS":
        return ~zero_hours & ~contract.is_in(NOT_CONTRACTED)
    return zero_hours | ~contract.is_in(CONTRACTED)


def _hours(checked: pl.Expr, zero_hours: pl.Expr, contract: pl.Expr) -> Iterator[Rule]:
    contracted = number("CONTHOURS")
    answered = pl.col("ZEROHRCONT")
    some_hours = (contracted > 0) & (pl.col("CONTHOURS") != "999")
    yield Rule(
        "ZEROHRCONT.missing",
        "ZEROHRCONT",
        "ZEROHRCONT",
        WARNING,
        checked & some_hours & blank("ZEROHRCONT"),
        HOURS_WITHOUT_ZERO_HOURS_ANSWER,
    )
    yield Rule(
        "ZEROHRCONT.conflict",
        "CONTHOURS/ZEROHRCONT",
        "ZEROHRCONT",
        ERROR,
        checked & some_hours & answered.is_in(["1", "999"]),
        HOURS_WITH_ZERO_HOURS,
        fields={"hours": pl.col("CONTHOURS")},
    )
    yield Rule(
        "ZEROHRCONT.no_without_hours",
        "CONTHOURS/ZEROHRCONT",
        "ZEROHRCONT",
        WARNING,
        checked & (contracted == 0) & (answered == "2"),
        ZERO_HOURS_NO_WITH_NO_HOURS,
    )
    for name in ("CONTHOURS", "AVGHOURS"):
        value = pl.col(name)
        present = checked & given(name)
        if name == "CONTHOURS":
            yield Rule(
                f"{name}.zero_hours",
                name,
                name,
                WARNING,
                present & zero_hours,
                fill(HOURS_IGNORED_ZERO_HOURS, column=name),
            )
            not_applicable = ~zero_hours & contract.is_in(NOT_CONTRACTED)
            instead = "give AVGHOURS instead"
        else:
            not_applicable = ~zero_hours & contract.is_in(CONTRACTED)
            instead = "give CONTHOURS instead"
        yield Rule(
            f"{name}.contract",
            name,
            name,
            WARNING,
            present & not_applicable,
            fill(HOURS_IGNORED_CONTRACT, column=name, instead=instead),
            fields={"contract": contract},
        )
        applies = present & hours_apply(name) & (value != "999")
        yield Rule(
            f"{name}.invalid",
            name,
            name,
            WARNING,
            applies & ~value.str.contains(_HALF),
            fill(HOURS_INVALID, column=name),
        )
        yield Rule(
            f"{name}.over_75",
            name,
            name,
            WARNING,
            applies & value.str.contains(_HALF) & (value.cast(pl.Float64, strict=False) > 75),
            fill(HOURS_OVER_75, column=name),
        )


def qualification_level(name: str) -> pl.Expr:
    """The level code after ``1;`` in SCQUAL or NONSCQUAL, when it is on the list."""
    return items(name).list.get(1, null_on_oob=True)


def _qualifications(checked: pl.Expr, year: int) -> Iterator[Rule]:
    levels = list(reference()["ascwds_qualification_level"].accepted)
    yield Rule(
        "SCQUAL.blank", "SCQUAL", "SCQUAL", WARNING, checked & blank("SCQUAL"), QUALIFICATION_BLANK
    )
    for name in ("SCQUAL", "NONSCQUAL"):
        parts = items(name)
        answer = parts.list.get(0, null_on_oob=True)
        level = parts.list.get(1, null_on_oob=True)
        answered = checked & given(name)
        yield Rule(
            f"{name}.answer",
            name,
            name,
            ERROR,
            answered & (~answer.is_in(["1", "2", "999"]) | (parts.list.len() > 2)),
            fill(QUALIFICATION_NOT_AN_ANSWER, column=name),
        )
        if name == "SCQUAL":
            yield Rule(
                "SCQUAL.level_missing",
                name,
                name,
                ERROR,
                answered
                & (answer == "1")
                & (parts.list.len() <= 2)
                & (level.is_null() | (level == "")),
                QUALIFICATION_LEVEL_MISSING,
            )
        yield Rule(
            f"{name}.level",
            name,
            name,
            WARNING,
            answered
            & (answer == "1")
            & (parts.list.len() == 2)
            & (level != "")
            & ~level.is_in(levels),
            fill(QUALIFICATION_LEVEL_IGNORED, column=name),
        )
    for number_ in ("01", "02", "03"):
        name = f"QUALACH{number_}"
        notes = f"{name}NOTES"
        parts = items(name)
        present = checked & given(name)
        achieved = parts.list.get(1, null_on_oob=True)
        yield Rule(
            f"{name}.id",
            name,
            name,
            ERROR,
            present
            & (whole(parts.list.get(0, null_on_oob=True)).is_null() | (parts.list.len() > 2)),
            fill(ACHIEVED_ID_INVALID, column=name),
        )
        yield Rule(
            f"{name}.year_blank",
            name,
            name,
            WARNING,
            present & (parts.list.len() <= 2) & (achieved.is_null() | (achieved == "")),
            fill(ACHIEVED_YEAR_BLANK, column=name),
        )
        yield Rule(
            f"{name}.year",
            name,
            name,
            ERROR,
            present
            & (achieved != "")
            & ~year_value(achieved).is_between(year - 100, year).fill_null(False),
            fill(ACHIEVED_YEAR_INVALID, column=name),
        )
        yield Rule(
            f"{notes}.length",
            notes,
            notes,
            WARNING,
            checked & (pl.col(notes).str.len_chars() > 120),
            fill(ACHIEVED_NOTES_TOO_LONG, column=notes),
        )
        yield Rule(
            f"{notes}.without_qualification",
            notes,
            notes,
            WARNING,
            checked & given(notes) & blank(name),
            fill(ACHIEVED_NOTES_WITHOUT, column=notes, qualification=name),
        )


def values(context: Context) -> dict[str, pl.Expr]:
    """The value stored for each field of a checked row; null where a rule ignores it."""
    ref = context.reference_date
    codes = reference()
    dob = date_value("DOB")
    kept_dob = pl.when(age_on(dob, ref).is_between(14, 100)).then(dob)
    start = date_value("STARTDATE")
    kept_start = pl.when(
        (start <= pl.lit(ref)) & ~(start < kept_dob.dt.offset_by("14y")).fill_null(False)
    ).then(start)
    sector = year_value("STARTINSECT")
    kept_sector = pl.when(
        sector.is_between(1900, ref.year)
        & ~(sector > kept_start.dt.year()).fill_null(False)
        & ~(sector < kept_dob.dt.year() + 14).fill_null(False)
    ).then(sector)
    entry = year_value("YEAROFENTRY")
    l2 = items("L2CARECERT")
    l2_answer = l2.list.get(0, null_on_oob=True)
    l2_year = year_value(l2.list.get(1, null_on_oob=True))
    role = pl.col("MAINJOBROLE")
    needs_description = [job.code for job in codes.job_roles if job.needs_description]
    levels = codes["ascwds_qualification_level"]
    return {
        "display_id": pl.col("DISPLAYID"),
        "ni_number": pl.when(pl.col("NINUMBER").str.contains(_NI)).then(
            pl.col("NINUMBER").str.replace_all(r"\s", "").str.to_uppercase()
        ),
        "home_postcode": postcode("POSTCODE"),
        "date_of_birth": kept_dob,
        "gender": code_key("GENDER", codes["ascwds_gender"]),
        "ethnicity": code_key("ETHNICITY", codes["ascwds_ethnicity"]),
        "nationality_code": whole("NATIONALITY"),
        "british_citizenship": pl.when(pl.col("NATIONALITY") != "826").then(
            code_key("BRITISHCITIZENSHIP", codes["ascwds_yes_no_dont_know"])
        ),
        "country_of_birth_code": whole("COUNTRYOFBIRTH"),
        "year_of_entry": pl.when(
            entry.is_between(1900, ref.year)
            & ~pl.col("COUNTRYOFBIRTH").is_in(["", "826"])
            & ~(entry < dob.dt.year()).fill_null(False)
        ).then(entry),
        "disability": code_key("DISABLED", codes["ascwds_disability"]),
        "care_certificate": code_key("CARECERT", codes["ascwds_care_certificate"]),
        "level_2_care_certificate": pl.when(l2.list.len() <= 2).then(
            code_key(l2_answer, codes["ascwds_l2_care_certificate"])
        ),
        "level_2_care_certificate_year": pl.when(
            (l2_answer == "1") & (l2.list.len() == 2) & l2_year.is_between(1900, ref.year)
        ).then(l2_year),
        "recruitment_source_code": whole("RECSOURCE"),
        "health_and_care_visa": code_key("HANDCVISA", codes["ascwds_yes_no_dont_know"]),
        "recruited_from": code_key("INOUTUK", codes["ascwds_inside_outside_uk"]),
        "year_started_in_sector": kept_sector,
        "social_care_qualification": _qualification_answer("SCQUAL"),
        "social_care_qualification_level": _qualification_level_value("SCQUAL", levels.accepted),
        "other_qualification": _qualification_answer("NONSCQUAL"),
        "other_qualification_level": _qualification_level_value("NONSCQUAL", levels.accepted),
        # posts
        "job_role_code": pl.when(is_code("MAINJOBROLE", codes["ascwds_job_role"])).then(role),
        "job_role_description": pl.when(
            role.is_in(needs_description)
            & given("MAINJRDESC")
            & (pl.col("MAINJRDESC").str.len_chars() <= 120)
        ).then(pl.col("MAINJRDESC")),
        "contract_code": pl.when(is_code("EMPLSTATUS", codes["ascwds_contract_type"])).then(
            pl.col("EMPLSTATUS")
        ),
        "contracted_hours": pl.when(hours_apply("CONTHOURS")).then(hours("CONTHOURS")),
        "average_hours": pl.when(hours_apply("AVGHOURS")).then(hours("AVGHOURS")),
        "start_date": kept_start,
        "zero_hours_contract": code_key("ZEROHRCONT", codes["ascwds_yes_no_dont_know"]),
        "sickness_days": days_sick(),
        "salary_interval": code_key("SALARYINT", codes["ascwds_salary_interval"]),
        "annual_salary": pl.when(pl.col("SALARYINT") == "1").then(whole("SALARY")),
        "hourly_rate": pl.when(pl.col("SALARYINT") == "3").then(number("HOURLYRATE")),
        "apprentice": code_key("APPRENTICE", codes["ascwds_yes_no_dont_know"]),
        "delegated_healthcare_activities": code_key("DHA", codes["ascwds_yes_no_dont_know"]),
        "nmc_registration": pl.when(role == NURSE).then(
            code_key("NMCREG", codes["ascwds_nmc_registration"])
        ),
        "approved_mental_health_professional": pl.when(role == SOCIAL_WORKER).then(
            code_key("AMHP", codes["ascwds_yes_no_dont_know"])
        ),
        "care_workforce_pathway_category": code_key(
            "CWPCATEGORY", codes["ascwds_care_workforce_pathway"]
        ),
    }


def _qualification_answer(name: str) -> pl.Expr:
    parts = items(name)
    answer = parts.list.get(0, null_on_oob=True)
    return pl.when(parts.list.len() <= 2).then(
        code_key(answer, reference()["ascwds_yes_no_dont_know"])
    )


def _qualification_level_value(name: str, levels: tuple[str, ...]) -> pl.Expr:
    parts = items(name)
    level = parts.list.get(1, null_on_oob=True)
    known = [code for code in levels if code != "999"]
    return pl.when(
        (parts.list.get(0, null_on_oob=True) == "1") & (parts.list.len() == 2) & level.is_in(known)
    ).then(level.cast(pl.Int64, strict=False))


def achieved(number_: str, year: int) -> dict[str, pl.Expr]:
    """One QUALACHnn slot: the qualification id, the year (if valid) and the notes."""
    name = f"QUALACH{number_}"
    parts = items(name)
    achieved_year = year_value(parts.list.get(1, null_on_oob=True))
    valid = (
        given(name)
        & (parts.list.len() <= 2)
        & whole(parts.list.get(0, null_on_oob=True)).is_not_null()
    )
    return {
        "qualification_id": pl.when(valid).then(whole(parts.list.get(0, null_on_oob=True))),
        "year_achieved": pl.when(valid & achieved_year.is_between(year - 100, year)).then(
            achieved_year
        ),
        "notes": pl.when(
            valid & given(f"{name}NOTES") & (pl.col(f"{name}NOTES").str.len_chars() <= 120)
        ).then(pl.col(f"{name}NOTES")),
    }
