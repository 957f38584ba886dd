"""Rules of the ASC-WDS Training file, and the values its normalised rows store.

Severities follow ``lambdas/bulkUpload/classes/trainingCSVValidator.js``: identifiers, category,
name, accreditation and dates are errors. The columns ASC-WDS added later (who and how it was
delivered, the provider, validity) are warnings whose value is ignored (ours, following its
practice for other late additions such as DHA and the Care Workforce Pathway).
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.formats import ASCWDS_TRAINING
from oneworkforce.intelligence.returns.rules.common import (
    ERROR,
    WARNING,
    Context,
    Rule,
    code_key,
    column_rules,
    date_rule,
    date_value,
    fill,
    given,
    person_key,
    person_key_text,
    unknown_workplace_rule,
    whole,
)

COMPLETED_IN_FUTURE = (
    "DATECOMPLETED {value} is after the reference date {reference_date}; correct it."
)
EXPIRY_NOT_AFTER_COMPLETED = (
    "EXPIRYDATE {value} is not after DATECOMPLETED; correct one of the dates, or leave"
    " EXPIRYDATE blank."
)
PROVIDER_WITHOUT_EXTERNAL = (
    "PROVIDERNAME will be ignored because WHODELIVERED is not 2 (external provider)."
)
PROVIDER_TOO_LONG = "PROVIDERNAME is over 120 characters, so it will be ignored; shorten it."
VALIDITY_INVALID = (
    "VALIDITY {value} is not a number of months or none, so it will be ignored; enter a whole"
    " number of months like 12, or none."
)
UNKNOWN_WORKER = (
    "UNIQUEWORKERID {value} is not in the Staff file for LOCALESTID {workplace}; add the worker"
    " there, or correct the ids."
)


def known_ids_rules(context: Context) -> Iterator[Rule]:
    """The rules that check the file's ids against the Workplace and Staff files (none when
    the context has neither); part of ``rules``, and built apart since they change with
    every partner while the others change only with the reference date."""
    if (unknown := unknown_workplace_rule(context)) is not None:
        yield unknown
    if context.staff_keys is not None:
        known = sorted(person_key_text(*pair) for pair in context.staff_keys)
        key = person_key()
        yield Rule(
            "UNIQUEWORKERID.unknown_worker",
            "UNIQUEWORKERID",
            "UNIQUEWORKERID",
            ERROR,
            given("UNIQUEWORKERID") & ~key.is_in(known),
            UNKNOWN_WORKER,
            fields={"workplace": pl.col("LOCALESTID")},
        )


def rules(context: Context) -> Iterator[Rule]:
    spec = ASCWDS_TRAINING
    everyone = pl.lit(True)
    for name in ("LOCALESTID", "UNIQUEWORKERID", "CATEGORY", "TRAININGNAME", "ACCREDITED", "NOTES"):
        yield from column_rules(spec.column(name), checked=everyone)
    for name in ("WHODELIVERED", "HOWDELIVERED"):
        yield from column_rules(spec.column(name), checked=everyone, code_severity=WARNING)
    yield from known_ids_rules(context)
    yield Rule(
        "PROVIDERNAME.length",
        "PROVIDERNAME",
        "PROVIDERNAME",
        WARNING,
        pl.col("PROVIDERNAME").str.len_chars() > 120,
        PROVIDER_TOO_LONG,
    )
    yield Rule(
        "PROVIDERNAME.not_external",
        "PROVIDERNAME",
        "PROVIDERNAME",
        WARNING,
        given("PROVIDERNAME") & (pl.col("WHODELIVERED") != "2"),
        PROVIDER_WITHOUT_EXTERNAL,
    )
    yield Rule(
        "VALIDITY.invalid",
        "VALIDITY",
        "VALIDITY",
        WARNING,
        given("VALIDITY") & validity_months().is_null() & ~never_expires(),
        VALIDITY_INVALID,
    )
    completed = date_value("DATECOMPLETED")
    expiry = date_value("EXPIRYDATE")
    yield date_rule(spec.column("DATECOMPLETED"), checked=everyone)
    yield date_rule(spec.column("EXPIRYDATE"), checked=everyone)
    yield Rule(
        "DATECOMPLETED.future",
        "DATECOMPLETED",
        "DATECOMPLETED",
        ERROR,
        completed > pl.lit(context.reference_date),
        fill(COMPLETED_IN_FUTURE, reference_date=context.reference_date.strftime("%d/%m/%Y")),
    )
    yield Rule(
        "EXPIRYDATE.not_after_completed",
        "EXPIRYDATE",
        "EXPIRYDATE",
        ERROR,
        expiry <= completed,
        EXPIRY_NOT_AFTER_COMPLETED,
    )


def never_expires() -> pl.Expr:
    return pl.col("VALIDITY").str.to_lowercase() == "none"


def validity_months() -> pl.Expr:
    months = whole("VALIDITY")
    return pl.when(months.is_between(1, 999)).then(months)


def values(context: Context) -> dict[str, pl.Expr]:
    codes = reference()
    category = codes["ascwds_training_category"]
    return {
        "training_category": code_key("CATEGORY", category),
        "ascwds_training_category_code": pl.when(
            pl.col("CATEGORY").is_in(list(category.accepted))
        ).then(pl.col("CATEGORY").cast(pl.Int64, strict=False)),
        "name": pl.col("TRAININGNAME"),
        "accredited": code_key("ACCREDITED", codes["ascwds_accredited"]),
        "delivered_by": code_key("WHODELIVERED", codes["ascwds_who_delivered"]),
        "provider_name": pl.when(
            (pl.col("WHODELIVERED") == "2")
            & given("PROVIDERNAME")
            & (pl.col("PROVIDERNAME").str.len_chars() <= 120)
        ).then(pl.col("PROVIDERNAME")),
        "delivery_method": code_key("HOWDELIVERED", codes["ascwds_how_delivered"]),
        "validity_months": validity_months(),
        "does_not_expire": pl.when(
            given("VALIDITY") & (validity_months().is_not_null() | never_expires())
        ).then(never_expires()),
        "completed_date": date_value("DATECOMPLETED"),
        "expiry_date": date_value("EXPIRYDATE"),
        "notes": pl.when(given("NOTES")).then(pl.col("NOTES")),
    }
