"""The bridge from stored returns to the metrics engine: which returns are in scope, and
the workforce frame built from them (kept per process, keyed by the returns it was built
from, so a dashboard is computed from the database once and then from memory)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from threading import Lock

import polars as pl

from oneworkforce.core.frames import fetch_frame
from oneworkforce.intelligence import metrics
from oneworkforce.intelligence.models import (
    STAFF_FORMATS,
    Post,
    ReturnFormat,
    ReturnStatus,
    WorkforceReturn,
    Workplace,
)
from oneworkforce.partners import selectors as partners_selectors
from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import Organisation, OrganisationKind, SharingScope
from oneworkforce.reference import selectors as reference_selectors

SEXES = {"female", "male", "other"}
DISABILITY = {"yes": "yes", "no": "no"}
CACHE_SIZE = 8


@dataclass(frozen=True)
class Scope:
    """The returns a figure is made from: for each partner that shares its workforce figures
    with the partnership, its latest accepted staff and workplace returns on ``as_of``."""

    as_of: date
    return_ids: tuple[str, ...]
    organisation_ids: tuple[int, ...]


def reporting_dates() -> list[date]:
    """Every reporting date with an accepted staff return, latest first."""
    return sorted(
        set(
            WorkforceReturn.objects.filter(
                status__in=[ReturnStatus.ACCEPTED], format__in=STAFF_FORMATS
            ).values_list("reporting_date", flat=True)
        ),
        reverse=True,
    )


def partnership_ids() -> list[int]:
    return list(
        Organisation.objects.filter(kind=OrganisationKind.PARTNERSHIP).values_list("pk", flat=True)
    )


def sharing_partners(*, actor: Actor, on: date) -> set[int]:
    """Partners whose workforce figures the actor's organisation may see on ``on``: those with
    a data-sharing agreement in force with it (or with the partnership, for partnership
    staff), and the actor's own organisations."""
    recipients = set(actor.organisation_ids()) | set(partnership_ids())
    partners: set[int] = set(actor.organisation_ids())
    for recipient in recipients:
        partners |= partners_selectors.organisations_sharing_with(
            recipient_id=recipient, scope=SharingScope.WORKFORCE_AGGREGATES, on_date=on
        )
    return partners


def scope_for(*, actor: Actor, as_of: date, today: date) -> Scope:
    partners = sharing_partners(actor=actor, on=today)
    latest: dict[tuple[int, str], tuple[date, str]] = {}
    accepted = WorkforceReturn.objects.filter(
        status__in=[ReturnStatus.ACCEPTED],
        reporting_date__lte=as_of,
        organisation_id__in=partners,
        format__in=[*STAFF_FORMATS, ReturnFormat.ASCWDS_WORKPLACE],
    ).values_list("organisation_id", "format", "reporting_date", "pk")
    for organisation_id, file_format, reporting_date, pk in accepted:
        key = (organisation_id, file_format)
        if key not in latest or latest[key][0] < reporting_date:
            latest[key] = (reporting_date, str(pk))
    return Scope(
        as_of=as_of,
        return_ids=tuple(sorted(pk for _, pk in latest.values())),
        organisation_ids=tuple(sorted({organisation_id for organisation_id, _ in latest})),
    )


_cache: OrderedDict[tuple[str, ...], tuple[pl.DataFrame, pl.DataFrame]] = OrderedDict()
_lock = Lock()


def frames(scope: Scope) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The workforce and workplaces frames of ``scope`` (returns never change once
    accepted, so the returns' ids are a complete cache key)."""
    key = scope.return_ids
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    built = (_workforce_frame(scope), _workplaces_frame(scope))
    with _lock:
        _cache[key] = built
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return built


def _ethnicity_groups() -> dict[str, str]:
    groups = {}
    for item in reference_selectors.code_list_items("ascwds_ethnicity", include_legacy=True):
        groups[item.key] = item.group if item.group in metrics.frame.ETHNICITY_GROUPS else "unknown"
    return groups


def _workforce_frame(scope: Scope) -> pl.DataFrame:
    columns = (
        "pk", "person__key", "person__ni_number_hash", "organisation_id", "organisation__name",
        "organisation__kind", "workplace_key", "site_postcode", "local_authority_code", "sector",
        "job_role", "staff_group", "role_group", "is_care_providing", "is_manager",
        "contract_type", "is_zero_hours", "contracted_hours", "fte", "pay_band", "start_date",
        "left_date", "leaving_reason", "leaving_destination", "recruitment_source",
        "sickness_days", "person__care_qualification_level",
        "person__has_leadership_qualification", "person__birth_date", "person__sex",
        "person__ethnicity", "person__disability",
    )  # fmt: skip
    raw = fetch_frame(
        Post.objects.filter(workforce_return_id__in=scope.return_ids),
        columns,
        dates=("start_date", "left_date", "person__birth_date"),
    )
    if raw.is_empty():
        return metrics.empty_workforce_frame()
    ethnicity = _ethnicity_groups()
    text = pl.col
    frame = raw.select(
        pl.col("pk").cast(pl.String).alias("post_id"),
        # The same person at two partners shares a national insurance hash.
        pl.when(text("person__ni_number_hash") != "")
        .then(pl.lit("ni:") + text("person__ni_number_hash"))
        .otherwise(pl.col("organisation_id").cast(pl.String) + ":" + text("person__key"))
        .alias("person_key"),
        pl.col("organisation_id").cast(pl.String),
        text("organisation__name").alias("organisation_name"),
        text("organisation__kind").alias("organisation_kind"),
        text("workplace_key").alias("workplace_id"),
        text("site_postcode"),
        text("local_authority_code"),
        text("sector"),
        pl.when(text("job_role") != "")
        .then(text("job_role"))
        .otherwise(text("staff_group"))
        .alias("job_role"),
        text("role_group"),
        pl.col("is_care_providing").cast(pl.Boolean),
        pl.col("is_manager").cast(pl.Boolean),
        pl.when(text("contract_type").is_in(metrics.frame.CONTRACT_TYPES))
        .then(text("contract_type"))
        .otherwise(pl.lit("other"))
        .alias("contract_type"),
        pl.col("is_zero_hours").cast(pl.Boolean),
        pl.col("contracted_hours").cast(pl.Float64),
        pl.col("fte").cast(pl.Float64).fill_null(0.0),
        text("pay_band"),
        pl.col("start_date"),
        pl.col("left_date"),
        text("leaving_reason"),
        text("leaving_destination"),
        text("recruitment_source"),
        pl.col("sickness_days").cast(pl.Float64).round(0).cast(pl.Int64),
        pl.col("person__care_qualification_level").cast(pl.Int64).alias("care_qualification_level"),
        pl.col("person__has_leadership_qualification")
        .cast(pl.Boolean)
        .alias("has_leadership_qualification"),
        pl.col("person__birth_date").alias("birth_date"),
        pl.when(text("person__sex").is_in(SEXES))
        .then(text("person__sex"))
        .otherwise(pl.lit("unknown"))
        .alias("sex"),
        text("person__ethnicity")
        .replace_strict(ethnicity, default="unknown")
        .alias("ethnicity_group"),
        text("person__disability")
        .replace_strict(DISABILITY, default="unknown")
        .alias("disability"),
    )
    return metrics.validate_frame(frame)


def _workplaces_frame(scope: Scope) -> pl.DataFrame:
    rows = Workplace.objects.filter(workforce_return_id__in=scope.return_ids).values_list(
        "organisation_id", "key", "declared_staff", "vacancies", "starters", "leavers"
    )
    frame = pl.DataFrame(
        list(rows),
        schema={
            "organisation_id": pl.Int64,
            "workplace_id": pl.String,
            "declared_staff": pl.Int64,
            "vacancies": pl.Int64,
            "starters": pl.Int64,
            "leavers": pl.Int64,
        },
        orient="row",
    )
    return frame.with_columns(pl.col("organisation_id").cast(pl.String))
