"""From a validated return to the tables the lead loads: workplaces, people, posts and more.

Person, post and workplace are kept apart, so headcount (people), filled posts (posts) and FTE
(the posts' FTE) are counted separately; one person may hold several posts (ESR assignments with
one PERSON_ID), and ASC-WDS's one-record-one-main-job gives one post per worker record.

Decisions (docs/decisions/0052-normalised-return-tables.md):

- Person key: ASC-WDS has no person id across workplaces, so a worker is the pair (LOCALESTID,
  UNIQUEWORKERID), written ``5:HOME1:W01`` (the workplace id length-prefixed, so no two pairs
  collide). ESR's PERSON_ID is the person key of the NHS staff file.
- NINUMBER is never stored. With a per-installation key, an HMAC-SHA256 of the normalised number
  is kept (``ni_number_hash``) so that one person's records at several partners can be linked;
  without a key nothing is kept. The export therefore leaves NINUMBER blank.
- FTE: ASC-WDS has none, so it is contracted hours ÷ 37.5, capped at 1; workers without
  contracted hours (bank, agency, zero hours) use their average hours, and ``fte_basis`` says
  which. The NHS staff file gives FTE, which is used as given.
- Codes are stored as the product's keys (``care-worker``, ``permanent``), 999 (don't know) as
  its key where the list has one, and null where a numeric field was 999 or blank.
- Rows marked DELETE keep only their identifiers and status. NOCHANGE and UNCHECKED rows, which
  validation does not check (as in ASC-WDS), keep every value that can be read; a value that
  cannot be read is stored as null. Values a warning says "will be ignored" are null.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import polars as pl

from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.formats import FileFormat
from oneworkforce.intelligence.returns.reading import UploadedFile
from oneworkforce.intelligence.returns.report import ValidationReport
from oneworkforce.intelligence.returns.rules import (
    ascwds_staff,
    ascwds_training,
    ascwds_workplace,
    nhs_staff,
)
from oneworkforce.intelligence.returns.rules.common import Context, person_key

__all__ = [
    "FULL_TIME_HOURS",
    "PEOPLE_SCHEMA",
    "POSTS_SCHEMA",
    "QUALIFICATIONS_SCHEMA",
    "TRAINING_SCHEMA",
    "WORKPLACES_SCHEMA",
    "WORKPLACE_ROLES_SCHEMA",
    "NormalisedReturn",
    "ReturnNotValid",
    "WorkforceCounts",
    "count_workforce",
    "normalise",
    "normalise_frame",
]

FULL_TIME_HOURS = 37.5

RETURN_NOT_VALID = (
    "This return has {count} errors, so nothing was saved. Correct them and upload it again."
)
REPORT_MISMATCH = "This validation report is for another file; validate the file again."

TEXT, WHOLE, REAL, FLAG, DAY = pl.String(), pl.Int64(), pl.Float64(), pl.Boolean(), pl.Date()

_ASCWDS_WORKPLACE_EXTRA = (
    "capacity",
    "utilisation",
    "servicedesc",
    "serviceusers",
    "otheruserdesc",
    "dhaactivities",
    "reasons",
    "reasonnos",
    "repeattraining",
    "cwpaware",
    "cwpuse",
    "cwpusedesc",
    "sickpay",
    "pension",
    "actualcont",
    "optoutpen",
    "holiday",
    "sleepins",
    "sleepinpay",
    "traveltime",
    "ttdiffrate",
)

WORKPLACES_SCHEMA: dict[str, pl.DataType] = {
    "workplace_key": TEXT,
    "source_format": TEXT,
    "status": TEXT,
    "name": TEXT,
    "address_1": TEXT,
    "address_2": TEXT,
    "address_3": TEXT,
    "post_town": TEXT,
    "postcode": TEXT,
    "employer_type": TEXT,
    "employer_type_other": TEXT,
    "shares_data_with_cqc": FLAG,
    "shares_data_with_local_authority": FLAG,
    "cqc_regulated": FLAG,
    "cqc_provider_id": TEXT,
    "cqc_location_id": TEXT,
    "main_service": TEXT,
    "services": pl.List(pl.String),
    "delegated_healthcare_activities": TEXT,
    "total_permanent_and_temporary_staff": WHOLE,
    "starters_total": WHOLE,
    "leavers_total": WHOLE,
    "vacancies_total": WHOLE,
    # ASC-WDS answers carried unchanged (as their keys or validated text) for the export.
    **{f"ascwds_{name}": TEXT for name in _ASCWDS_WORKPLACE_EXTRA},
}
WORKPLACE_ROLES_SCHEMA: dict[str, pl.DataType] = {
    "workplace_key": TEXT,
    "position": WHOLE,
    "job_role_key": TEXT,
    "ascwds_job_role_code": WHOLE,
    "starters": WHOLE,
    "leavers": WHOLE,
    "vacancies": WHOLE,
}
PEOPLE_SCHEMA: dict[str, pl.DataType] = {
    "person_key": TEXT,
    "source_format": TEXT,
    "workplace_key": TEXT,
    "local_person_id": TEXT,
    "status": TEXT,
    "display_id": TEXT,
    "ni_number_hash": TEXT,
    "home_postcode": TEXT,
    "date_of_birth": DAY,
    "gender": TEXT,
    "ethnicity": TEXT,
    "nationality_code": WHOLE,
    "british_citizenship": TEXT,
    "country_of_birth_code": WHOLE,
    "year_of_entry": WHOLE,
    "disability": TEXT,
    "care_certificate": TEXT,
    "level_2_care_certificate": TEXT,
    "level_2_care_certificate_year": WHOLE,
    "recruitment_source_code": WHOLE,
    "health_and_care_visa": TEXT,
    "recruited_from": TEXT,
    "year_started_in_sector": WHOLE,
    "social_care_qualification": TEXT,
    "social_care_qualification_level": WHOLE,
    "other_qualification": TEXT,
    "other_qualification_level": WHOLE,
}
POSTS_SCHEMA: dict[str, pl.DataType] = {
    "post_key": TEXT,
    "person_key": TEXT,
    "workplace_key": TEXT,
    "source_format": TEXT,
    "status": TEXT,
    "job_role_key": TEXT,
    "ascwds_job_role_code": WHOLE,
    "job_role_description": TEXT,
    "staff_group_key": TEXT,
    "occupation_code": TEXT,
    "afc_band": TEXT,
    "contract_type": TEXT,
    "is_directly_employed": FLAG,
    "contracted_hours": REAL,
    "average_hours": REAL,
    "fte": REAL,
    "fte_basis": TEXT,
    "start_date": DAY,
    "leaving_date": DAY,
    "leaving_reason": TEXT,
    "leaving_destination": TEXT,
    "zero_hours_contract": TEXT,
    "is_zero_hours": FLAG,
    "sickness_days": REAL,
    "is_care_providing": FLAG,
    "salary_interval": TEXT,
    "annual_salary": WHOLE,
    "hourly_rate": REAL,
    "apprentice": TEXT,
    "delegated_healthcare_activities": TEXT,
    "nmc_registration": TEXT,
    "approved_mental_health_professional": TEXT,
    "care_workforce_pathway_category": TEXT,
    "change_worker_id": TEXT,
    "transfer_to_workplace_key": TEXT,
    "site_postcode": TEXT,
}
QUALIFICATIONS_SCHEMA: dict[str, pl.DataType] = {
    "person_key": TEXT,
    "slot": WHOLE,
    "ascwds_qualification_id": WHOLE,
    "year_achieved": WHOLE,
    "notes": TEXT,
}
TRAINING_SCHEMA: dict[str, pl.DataType] = {
    "person_key": TEXT,
    "workplace_key": TEXT,
    "local_person_id": TEXT,
    "training_category": TEXT,
    "ascwds_training_category_code": WHOLE,
    "name": TEXT,
    "accredited": TEXT,
    "delivered_by": TEXT,
    "provider_name": TEXT,
    "delivery_method": TEXT,
    "validity_months": WHOLE,
    "does_not_expire": FLAG,
    "completed_date": DAY,
    "expiry_date": DAY,
    "notes": TEXT,
}


class ReturnNotValid(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def _shaped(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return frame.select(pl.col(name).cast(dtype) for name, dtype in schema.items())


@dataclass(frozen=True)
class NormalisedReturn:
    """The tables of one file; the tables its format does not fill are empty, with their schema."""

    workplaces: pl.DataFrame
    workplace_roles: pl.DataFrame
    people: pl.DataFrame
    posts: pl.DataFrame
    qualifications: pl.DataFrame
    training: pl.DataFrame

    @classmethod
    def empty(cls) -> NormalisedReturn:
        return _no_tables()


@cache
def _no_tables() -> NormalisedReturn:
    """Made once: building a frame from a schema costs about a millisecond a table, and every
    file leaves four or five tables empty (frames are never changed in place here)."""
    return NormalisedReturn(
        workplaces=_empty(WORKPLACES_SCHEMA),
        workplace_roles=_empty(WORKPLACE_ROLES_SCHEMA),
        people=_empty(PEOPLE_SCHEMA),
        posts=_empty(POSTS_SCHEMA),
        qualifications=_empty(QUALIFICATIONS_SCHEMA),
        training=_empty(TRAINING_SCHEMA),
    )


_VALUES: dict[str, Callable[[Context], dict[str, pl.Expr]]] = {
    "ascwds-workplace": ascwds_workplace.values,
    "ascwds-staff": ascwds_staff.values,
    "ascwds-training": ascwds_training.values,
    "nhs-staff": nhs_staff.values,
}


@lru_cache(maxsize=32)
def _cached_values(format_key: str, context: Context) -> tuple[tuple[str, pl.Expr], ...]:
    return tuple(_VALUES[format_key](context).items())


def _values(format_key: str, context: Context) -> dict[str, pl.Expr]:
    """A format's value expressions for a context, built once per context (building them
    costs more than evaluating them on a file of a few hundred rows); a copy to change."""
    return dict(_cached_values(format_key, context))


def normalise(
    uploaded: UploadedFile,
    *,
    report: ValidationReport,
    reference_date: date,
    ni_hash_key: bytes | None = None,
) -> NormalisedReturn:
    """The normalised tables of a file whose report has no errors; otherwise ``ReturnNotValid``.

    >>> from oneworkforce.intelligence.returns.formats import NHS_STAFF
    >>> from oneworkforce.intelligence.returns.reading import read_upload
    >>> from oneworkforce.intelligence.returns.validation import validate
    >>> header = ",".join(NHS_STAFF.names)
    >>> rows = ["RXK,1-1,P1,Nursing and Midwifery Registered,N0A,Band 5,0.60,Permanent,"
    ...         "04/01/2021,,,,23/07/1990,Female,A,No,DY1 2HQ,2",
    ...         "RXK,1-2,P1,Nursing and Midwifery Registered,N0A,Band 5,0.40,Bank,"
    ...         "04/01/2022,,,,23/07/1990,Female,A,No,DY1 2HQ,0"]
    >>> uploaded = read_upload(content="\\n".join([header, *rows]).encode(),
    ...                        filename="esr.csv", file_format=NHS_STAFF)
    >>> day = date(2026, 3, 31)
    >>> tables = normalise(uploaded, report=validate(uploaded, reference_date=day),
    ...                    reference_date=day)
    >>> count_workforce(people=tables.people, posts=tables.posts, on=day)
    WorkforceCounts(headcount=1, filled_posts=2, fte=1.0, posts_without_fte=0)

    Linear in the number of rows; hashing NI numbers is one HMAC per distinct number.
    """
    if report.file_format != uploaded.file_format.key or report.rows != uploaded.rows:
        raise ValueError(REPORT_MISMATCH)
    if not report.is_valid:
        raise ReturnNotValid(RETURN_NOT_VALID.format(count=len(report.errors)))
    return normalise_frame(
        uploaded.frame,
        uploaded.file_format,
        reference_date=reference_date,
        ni_hash_key=ni_hash_key,
    )


def normalise_frame(
    frame: pl.DataFrame,
    file_format: FileFormat,
    *,
    reference_date: date,
    ni_hash_key: bytes | None = None,
) -> NormalisedReturn:
    """``normalise`` without the report check, for a frame already known to be valid."""
    context = Context(reference_date=reference_date)
    if file_format.key == "ascwds-workplace":
        return _workplace(frame, context)
    if file_format.key == "ascwds-staff":
        return _staff(frame, context, ni_hash_key)
    if file_format.key == "ascwds-training":
        return _training(frame, context)
    if file_format.key == "nhs-staff":
        return _nhs_staff(frame, context)
    raise ValueError(f"no normalisation for {file_format.key}")


def _status() -> pl.Expr:
    return pl.col("STATUS").str.to_uppercase()


def _unless_deleted(values: dict[str, pl.Expr]) -> list[pl.Expr]:
    deleted = _status() == "DELETE"
    return [pl.when(~deleted).then(expr).alias(name) for name, expr in values.items()]


def _workplace(frame: pl.DataFrame, context: Context) -> NormalisedReturn:
    workplaces = frame.select(
        pl.col("LOCALESTID").alias("workplace_key"),
        pl.lit("ascwds-workplace").alias("source_format"),
        _status().alias("status"),
        *_unless_deleted(_values("ascwds-workplace", context)),
    )
    keys = reference()["ascwds_job_role"].keys_by_code()
    counts = ascwds_workplace.role_counts()
    roles = (
        frame.filter(_status() != "DELETE")
        .select(pl.col("LOCALESTID").alias("workplace_key"), **counts)
        .with_columns(position=pl.int_ranges(pl.col("roles").list.len()))
        .explode("roles", "position")
        .drop_nulls("roles")
        .select(
            "workplace_key",
            "position",
            pl.col("roles")
            .replace_strict(keys, default=None, return_dtype=pl.String)
            .alias("job_role_key"),
            pl.col("roles").cast(pl.Int64, strict=False).alias("ascwds_job_role_code"),
            *(
                pl.col(name).list.get(pl.col("position"), null_on_oob=True).alias(name)
                for name in ("starters", "leavers", "vacancies")
            ),
        )
    )
    empty = NormalisedReturn.empty()
    return NormalisedReturn(
        workplaces=_shaped(workplaces, WORKPLACES_SCHEMA),
        workplace_roles=_shaped(roles, WORKPLACE_ROLES_SCHEMA),
        people=empty.people,
        posts=empty.posts,
        qualifications=empty.qualifications,
        training=empty.training,
    )


def _hash_ni_numbers(numbers: pl.Series, key: bytes | None) -> pl.Series:
    """HMAC-SHA256 of each distinct number, hex; one Python call per distinct number."""
    if key is None:
        return pl.Series(numbers.name, [None] * len(numbers), dtype=pl.String)
    distinct = numbers.drop_nulls().unique().to_list()
    digests = {
        number: hmac.new(key, number.encode(), hashlib.sha256).hexdigest() for number in distinct
    }
    return numbers.replace_strict(digests, default=None, return_dtype=pl.String)


def _staff(frame: pl.DataFrame, context: Context, ni_hash_key: bytes | None) -> NormalisedReturn:
    codes = reference()
    roles = {role.code: role for role in codes.job_roles}
    values = _values("ascwds-staff", context)
    display_id = values.pop("display_id")
    # Lazily, so that polars computes once the sub-expressions the values share.
    base = (
        frame.lazy()
        .select(
            person_key().alias("person_key"),
            pl.col("LOCALESTID").alias("workplace_key"),
            pl.col("UNIQUEWORKERID").alias("local_person_id"),
            _status().alias("status"),
            display_id.alias("display_id"),
            pl.when(pl.col("CHGUNIQUEWRKID") != "")
            .then(pl.col("CHGUNIQUEWRKID"))
            .alias("change_worker_id"),
            pl.when(pl.col("TRANSFERSTAFFRECORD") != "")
            .then(pl.col("TRANSFERSTAFFRECORD"))
            .alias("transfer_to_workplace_key"),
            *_unless_deleted(values),
        )
        .collect()
    )
    base = base.with_columns(
        _hash_ni_numbers(base.get_column("ni_number"), ni_hash_key).alias("ni_number_hash"),
        pl.col("job_role_code")
        .replace_strict(
            {code: role.key for code, role in roles.items()}, default=None, return_dtype=pl.String
        )
        .alias("job_role_key"),
        pl.col("job_role_code")
        .replace_strict(
            {code: role.staff_group for code, role in roles.items()},
            default=None,
            return_dtype=pl.String,
        )
        .alias("staff_group_key"),
        pl.col("job_role_code")
        .replace_strict(
            {code: role.is_care_providing for code, role in roles.items()},
            default=None,
            return_dtype=pl.Boolean,
        )
        .alias("is_care_providing"),
        pl.col("contract_code")
        .replace_strict(
            codes["ascwds_contract_type"].keys_by_code(), default=None, return_dtype=pl.String
        )
        .alias("contract_type"),
    ).drop("ni_number")
    hours = pl.coalesce("contracted_hours", "average_hours")
    posts = base.with_columns(
        pl.col("person_key").alias("post_key"),
        pl.lit("ascwds-staff").alias("source_format"),
        pl.col("job_role_code").cast(pl.Int64, strict=False).alias("ascwds_job_role_code"),
        pl.col("contract_type").is_in(["permanent", "temporary"]).alias("is_directly_employed"),
        # min_horizontal skips nulls, so a post without hours is kept without an FTE.
        pl.when(hours.is_not_null())
        .then(pl.min_horizontal(hours / FULL_TIME_HOURS, pl.lit(1.0)).round(4))
        .alias("fte"),
        pl.when(pl.col("contracted_hours").is_not_null())
        .then(pl.lit("contracted-hours"))
        .when(pl.col("average_hours").is_not_null())
        .then(pl.lit("average-hours"))
        .alias("fte_basis"),
        pl.when(pl.col("zero_hours_contract") == "yes")
        .then(True)
        .when(pl.col("zero_hours_contract") == "no")
        .then(False)
        .alias("is_zero_hours"),
        *(
            pl.lit(None, dtype=pl.String).alias(name)
            for name in (
                "occupation_code",
                "afc_band",
                "leaving_reason",
                "leaving_destination",
                "site_postcode",
            )
        ),
        pl.lit(None, dtype=pl.Date).alias("leaving_date"),
    )
    people = base.with_columns(pl.lit("ascwds-staff").alias("source_format"))
    checked = frame.select(person_key().alias("person_key"), _status().alias("status"), pl.all())
    slots = []
    for slot, number_ in enumerate(("01", "02", "03"), start=1):
        achieved = ascwds_staff.achieved(number_, context.reference_date.year)
        slots.append(
            checked.filter(pl.col("status") != "DELETE").select(
                "person_key",
                pl.lit(slot, dtype=pl.Int64).alias("slot"),
                achieved["qualification_id"].alias("ascwds_qualification_id"),
                achieved["year_achieved"].alias("year_achieved"),
                achieved["notes"].alias("notes"),
            )
        )
    qualifications = (
        pl.concat(slots).drop_nulls("ascwds_qualification_id").sort("person_key", "slot")
    )
    empty = NormalisedReturn.empty()
    return NormalisedReturn(
        workplaces=empty.workplaces,
        workplace_roles=empty.workplace_roles,
        people=_shaped(people, PEOPLE_SCHEMA),
        posts=_shaped(posts, POSTS_SCHEMA),
        qualifications=_shaped(qualifications, QUALIFICATIONS_SCHEMA),
        training=empty.training,
    )


def _training(frame: pl.DataFrame, context: Context) -> NormalisedReturn:
    training = frame.select(
        person_key().alias("person_key"),
        pl.col("LOCALESTID").alias("workplace_key"),
        pl.col("UNIQUEWORKERID").alias("local_person_id"),
        *(expr.alias(name) for name, expr in _values("ascwds-training", context).items()),
    )
    empty = NormalisedReturn.empty()
    return NormalisedReturn(
        workplaces=empty.workplaces,
        workplace_roles=empty.workplace_roles,
        people=empty.people,
        posts=empty.posts,
        qualifications=empty.qualifications,
        training=_shaped(training, TRAINING_SCHEMA),
    )


def _nhs_staff(frame: pl.DataFrame, context: Context) -> NormalisedReturn:
    base = frame.select(
        pl.col("line"),
        pl.col("PERSON_ID").alias("person_key"),
        pl.col("ASSIGNMENT_NUMBER").alias("post_key"),
        *(expr.alias(name) for name, expr in _values("nhs-staff", context).items()),
    ).with_columns(pl.col("organisation_code").alias("workplace_key"))
    posts = base.with_columns(
        pl.lit("nhs-staff").alias("source_format"),
        pl.col("contract_type").is_in(["permanent", "temporary"]).alias("is_directly_employed"),
        pl.when(pl.col("fte").is_not_null()).then(pl.lit("given")).alias("fte_basis"),
        *(
            pl.lit(None).alias(name)
            for name in POSTS_SCHEMA
            if name
            not in {
                "post_key",
                "person_key",
                "workplace_key",
                "source_format",
                "staff_group_key",
                "occupation_code",
                "afc_band",
                "contract_type",
                "is_directly_employed",
                "fte",
                "fte_basis",
                "start_date",
                "leaving_date",
                "leaving_reason",
                "leaving_destination",
                "sickness_days",
                "site_postcode",
            }
        ),
    )
    people = (
        base.sort("line")
        .group_by("person_key", maintain_order=True)
        .agg(
            pl.col("workplace_key").first(),
            *(
                pl.col(name).drop_nulls().first()
                for name in ("date_of_birth", "gender", "ethnicity", "disability")
            ),
        )
        .with_columns(
            pl.lit("nhs-staff").alias("source_format"),
            pl.col("person_key").alias("local_person_id"),
            *(
                pl.lit(None).alias(name)
                for name in PEOPLE_SCHEMA
                if name
                not in {
                    "person_key",
                    "source_format",
                    "workplace_key",
                    "local_person_id",
                    "date_of_birth",
                    "gender",
                    "ethnicity",
                    "disability",
                }
            ),
        )
    )
    workplaces = (
        base.select("workplace_key")
        .unique(maintain_order=True)
        .with_columns(
            pl.lit("nhs-staff").alias("source_format"),
            *(
                pl.lit(None).alias(name)
                for name in WORKPLACES_SCHEMA
                if name not in {"workplace_key", "source_format"}
            ),
        )
    )
    empty = NormalisedReturn.empty()
    return NormalisedReturn(
        workplaces=_shaped(workplaces, WORKPLACES_SCHEMA),
        workplace_roles=empty.workplace_roles,
        people=_shaped(people, PEOPLE_SCHEMA),
        posts=_shaped(posts, POSTS_SCHEMA),
        qualifications=empty.qualifications,
        training=empty.training,
    )


@dataclass(frozen=True)
class WorkforceCounts:
    headcount: int
    filled_posts: int
    fte: float
    posts_without_fte: int


def count_workforce(*, people: pl.DataFrame, posts: pl.DataFrame, on: date) -> WorkforceCounts:
    """Headcount, filled posts and FTE on a day, counted separately.

    A post is filled on ``on`` when its record is not being deleted, it has started (or has no
    start date) and it has not ended. Headcount counts the distinct people holding a filled post.
    Across partners, people can be matched by ``ni_number_hash`` as well; that is the lead's.

    >>> posts = pl.DataFrame({"person_key": ["a", "a", "b"], "status": ["NEW"] * 3,
    ...     "start_date": [None] * 3, "leaving_date": [None] * 3, "fte": [0.6, 0.4, None]},
    ...     schema_overrides={"start_date": pl.Date, "leaving_date": pl.Date})
    >>> count_workforce(people=posts.select("person_key").unique(), posts=posts,
    ...                 on=date(2026, 3, 31))
    WorkforceCounts(headcount=2, filled_posts=3, fte=1.0, posts_without_fte=1)
    """
    filled = posts.filter(
        (pl.col("status").fill_null("") != "DELETE")
        & (pl.col("start_date").is_null() | (pl.col("start_date") <= on))
        & (pl.col("leaving_date").is_null() | (pl.col("leaving_date") > on))
    )
    people_in_posts = (
        filled.select("person_key")
        .unique()
        .join(people.select("person_key").unique(), on="person_key", how="inner")
    )
    return WorkforceCounts(
        headcount=people_in_posts.height,
        filled_posts=filled.height,
        fte=round(float(filled.get_column("fte").fill_null(0).sum()), 4),
        posts_without_fte=int(filled.get_column("fte").is_null().sum()),
    )
