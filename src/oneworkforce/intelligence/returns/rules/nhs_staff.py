"""Rules of the NHS staff file (ESR-shaped), and the values its normalised rows store.

This is the product's own format, so it is strict: a cell that cannot be read is an error.
Warnings are kept for values that are readable but worth a second look (an FTE over 1, a start
date after the reference date, an age over 75), and for dates of birth outside 14 to 100, which are
ignored as ASC-WDS ignores them, so both sectors count ages alike.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.formats import NHS_STAFF
from oneworkforce.intelligence.returns.rules.common import (
    ERROR,
    WARNING,
    Context,
    Rule,
    age_on,
    blank,
    code_key,
    column_rules,
    date_rule,
    date_value,
    duplicate_rule,
    fill,
    given,
    postcode,
    postcode_rule,
)

ORGANISATION_CODE_SHAPE = (
    "ORGANISATION_CODE {value} is not an ODS code; enter three to five letters or digits, like RXK."
)
IDENTIFIER_SHAPE = (
    "{column} {value} is not an identifier of up to 30 letters, digits and hyphens; enter one"
    " like {example}."
)
OCCUPATION_CODE_SHAPE = (
    "OCCUPATION_CODE {value} is not an ESR occupation code; enter three letters or digits, like"
    " N0A."
)
FTE_INVALID = "FTE {value} is not a number with up to two decimals; enter one like 0.80."
FTE_OVER_LIMIT = "FTE {value} is over 1.5; enter the assignment's whole-time equivalent, like 1.00."
FTE_OVER_ONE = "FTE {value} is over 1; check the assignment's whole-time equivalent."
START_AFTER_REFERENCE = (
    "ASSIGNMENT_START_DATE {value} is after the reference date {reference_date}; check it."
)
LEAVING_BEFORE_START = (
    "LEAVING_DATE {value} is before ASSIGNMENT_START_DATE; correct one of the dates."
)
LEAVING_AFTER_REFERENCE = (
    "LEAVING_DATE {value} is after the reference date {reference_date}; check it."
)
LEAVING_DETAIL_WITHOUT_DATE = (
    "{column} will be ignored because LEAVING_DATE is blank; give the leaving date or clear it."
)
LEAVING_REASON_MISSING = "LEAVING_REASON is blank for a leaver; add ESR's leaving reason."
BIRTH_OUT_OF_RANGE = (
    "DATE_OF_BIRTH {value} gives an age of {age} on {reference_date}; ages 14 to 100 are"
    " accepted, so it will be ignored. Check it."
)
BIRTH_OVER_75 = (
    "DATE_OF_BIRTH {value} gives an age of {age} on {reference_date}; check it is right."
)
BIRTH_DIFFERS = (
    "PERSON_ID {value} has a different DATE_OF_BIRTH on another row; one person has one date"
    " of birth, so correct the rows."
)
SICKNESS_INVALID = (
    "SICKNESS_DAYS_12M {value} is not days from 0 to 366 in half days; enter a number like 4.5."
)

_ORGANISATION = r"^[A-Za-z0-9]{3,5}$"
_IDENTIFIER = r"^[A-Za-z0-9-]{1,30}$"
_OCCUPATION = r"^[A-Za-z0-9]{3}$"
_FTE = r"^\d(\.\d{1,2})?$"
_HALF_DAYS = r"^\d{1,3}(\.[05]0?)?$"


def fte() -> pl.Expr:
    value = pl.when(pl.col("FTE").str.contains(_FTE)).then(
        pl.col("FTE").cast(pl.Float64, strict=False)
    )
    return pl.when(value <= 1.5).then(value)


def sickness_days() -> pl.Expr:
    value = pl.when(pl.col("SICKNESS_DAYS_12M").str.contains(_HALF_DAYS)).then(
        pl.col("SICKNESS_DAYS_12M").cast(pl.Float64, strict=False)
    )
    return pl.when(value <= 366).then(value)


def rules(context: Context) -> Iterator[Rule]:
    spec = NHS_STAFF
    everyone = pl.lit(True)
    ref = context.reference_date
    ref_text = ref.strftime("%d/%m/%Y")
    for column in spec.columns:
        yield from column_rules(column, checked=everyone)
    yield Rule(
        "ORGANISATION_CODE.shape",
        "ORGANISATION_CODE",
        "ORGANISATION_CODE",
        ERROR,
        given("ORGANISATION_CODE") & ~pl.col("ORGANISATION_CODE").str.contains(_ORGANISATION),
        ORGANISATION_CODE_SHAPE,
    )
    for name in ("ASSIGNMENT_NUMBER", "PERSON_ID"):
        yield Rule(
            f"{name}.shape",
            name,
            name,
            ERROR,
            given(name) & ~pl.col(name).str.contains(_IDENTIFIER),
            fill(IDENTIFIER_SHAPE, column=name, example=spec.column(name).example),
        )
    yield duplicate_rule(
        "ASSIGNMENT_NUMBER.duplicate", ("ASSIGNMENT_NUMBER",), scope="", thing="assignment"
    )
    yield Rule(
        "OCCUPATION_CODE.shape",
        "OCCUPATION_CODE",
        "OCCUPATION_CODE",
        ERROR,
        given("OCCUPATION_CODE") & ~pl.col("OCCUPATION_CODE").str.contains(_OCCUPATION),
        OCCUPATION_CODE_SHAPE,
    )
    number = pl.when(pl.col("FTE").str.contains(_FTE)).then(
        pl.col("FTE").cast(pl.Float64, strict=False)
    )
    yield Rule("FTE.number", "FTE", "FTE", ERROR, given("FTE") & number.is_null(), FTE_INVALID)
    yield Rule("FTE.over_limit", "FTE", "FTE", ERROR, number > 1.5, FTE_OVER_LIMIT)
    yield Rule("FTE.over_one", "FTE", "FTE", WARNING, (number > 1) & (number <= 1.5), FTE_OVER_ONE)

    start = date_value("ASSIGNMENT_START_DATE")
    leaving = date_value("LEAVING_DATE")
    for name in ("ASSIGNMENT_START_DATE", "LEAVING_DATE", "DATE_OF_BIRTH"):
        yield date_rule(spec.column(name), checked=everyone)
    yield Rule(
        "ASSIGNMENT_START_DATE.after_reference",
        "ASSIGNMENT_START_DATE",
        "ASSIGNMENT_START_DATE",
        WARNING,
        start > pl.lit(ref),
        fill(START_AFTER_REFERENCE, reference_date=ref_text),
    )
    yield Rule(
        "LEAVING_DATE.before_start",
        "LEAVING_DATE",
        "LEAVING_DATE",
        ERROR,
        leaving < start,
        LEAVING_BEFORE_START,
    )
    yield Rule(
        "LEAVING_DATE.after_reference",
        "LEAVING_DATE",
        "LEAVING_DATE",
        WARNING,
        leaving > pl.lit(ref),
        fill(LEAVING_AFTER_REFERENCE, reference_date=ref_text),
    )
    for name in ("LEAVING_REASON", "DESTINATION_ON_LEAVING"):
        yield Rule(
            f"{name}.without_leaving_date",
            name,
            name,
            WARNING,
            given(name) & blank("LEAVING_DATE"),
            fill(LEAVING_DETAIL_WITHOUT_DATE, column=name),
        )
    yield Rule(
        "LEAVING_REASON.missing",
        "LEAVING_REASON",
        "LEAVING_REASON",
        WARNING,
        leaving.is_not_null() & blank("LEAVING_REASON"),
        LEAVING_REASON_MISSING,
    )
    born = date_value("DATE_OF_BIRTH")
    age = age_on(born, ref)
    yield Rule(
        "DATE_OF_BIRTH.age_range",
        "DATE_OF_BIRTH",
        "DATE_OF_BIRTH",
        WARNING,
        born.is_not_null() & ~age.is_between(14, 100),
        fill(BIRTH_OUT_OF_RANGE, reference_date=ref_text),
        fields={"age": age},
    )
    yield Rule(
        "DATE_OF_BIRTH.over_75",
        "DATE_OF_BIRTH",
        "DATE_OF_BIRTH",
        WARNING,
        age.is_between(76, 100),
        fill(BIRTH_OVER_75, reference_date=ref_text),
        fields={"age": age},
    )
    yield Rule(
        "PERSON_ID.date_of_birth_differs",
        "PERSON_ID",
        "PERSON_ID",
        WARNING,
        given("PERSON_ID")
        & (pl.col("DATE_OF_BIRTH").filter(given("DATE_OF_BIRTH")).n_unique().over("PERSON_ID") > 1),
        BIRTH_DIFFERS,
    )
    yield postcode_rule("SITE_POSTCODE", checked=everyone)
    yield Rule(
        "SICKNESS_DAYS_12M.days",
        "SICKNESS_DAYS_12M",
        "SICKNESS_DAYS_12M",
        ERROR,
        given("SICKNESS_DAYS_12M") & sickness_days().is_null(),
        SICKNESS_INVALID,
    )


def values(context: Context) -> dict[str, pl.Expr]:
    codes = reference()
    born = date_value("DATE_OF_BIRTH")
    leaving = date_value("LEAVING_DATE")
    return {
        "organisation_code": pl.col("ORGANISATION_CODE").str.to_uppercase(),
        "date_of_birth": pl.when(age_on(born, context.reference_date).is_between(14, 100)).then(
            born
        ),
        "gender": code_key("GENDER", codes["nhs_gender"]),
        "ethnicity": code_key("ETHNIC_ORIGIN", codes["nhs_ethnic_category"]),
        "disability": code_key("DISABILITY", codes["nhs_disability"]),
        "staff_group_key": code_key("STAFF_GROUP", codes["nhs_staff_group"]),
        "occupation_code": pl.col("OCCUPATION_CODE").str.to_uppercase(),
        "afc_band": code_key("AFC_BAND", codes["nhs_afc_band"]),
        "fte": fte(),
        "contract_type": code_key("CONTRACT_TYPE", codes["nhs_contract_type"]),
        "start_date": date_value("ASSIGNMENT_START_DATE"),
        "leaving_date": leaving,
        "leaving_reason": pl.when(leaving.is_not_null() & given("LEAVING_REASON")).then(
            pl.col("LEAVING_REASON")
        ),
        "leaving_destination": pl.when(
            leaving.is_not_null() & given("DESTINATION_ON_LEAVING")
        ).then(pl.col("DESTINATION_ON_LEAVING")),
        "site_postcode": postcode("SITE_POSTCODE"),
        "sickness_days": sickness_days(),
    }
