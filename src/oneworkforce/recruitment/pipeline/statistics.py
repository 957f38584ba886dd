"""The partnership's pipeline statistics: every figure through the disclosure-control library.

Counts of applications reaching each stage, by employer, job role, campaign or quarter, are a
protected table (small counts and their secondary partners hidden). A conversion rate is shown
only when both counts it divides are published, so a rate never reveals a hidden count.
Equality breakdowns use the matching engine's fairness report (rates by group, small groups
hidden); medians and retention rates need a group of at least the threshold.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

import polars as pl
from django.db import models
from django.db.models import Count, F
from django.db.models.functions import TruncQuarter

from oneworkforce.core.frames import fetch_frame
from oneworkforce.engines import matching
from oneworkforce.engines.disclosure import (
    DEFAULT_RULE,
    MARKER,
    TOTAL,
    ProtectedTable,
    protect_counts,
    protect_median,
    protect_rate,
)
from oneworkforce.recruitment.models import (
    EmploymentStatus,
    EqualityMonitoring,
    Ethnicity,
    Sex,
    YesNoPreferNot,
    age_band,
)
from oneworkforce.recruitment.pipeline.models import (
    RETENTION_MONTHS,
    Application,
    Stage,
    StageChange,
)
from oneworkforce.recruitment.pipeline.services import add_months

HIRING_STAGES = (
    Stage.APPLIED,
    Stage.SHORTLISTED,
    Stage.INTERVIEW,
    Stage.OFFER,
    Stage.CHECKS,
    Stage.STARTED,
)
BREAKDOWNS = {
    "employer": "Employer",
    "role": "Job role",
    "campaign": "Campaign",
    "quarter": "Quarter applied",
}
NOT_STATED = "Not stated"
UNEMPLOYED: dict[str, str] = {
    EmploymentStatus.UNEMPLOYED_LONG: "Out of work for 12 months or more",
    EmploymentStatus.UNEMPLOYED_SHORT: "Out of work for under 12 months",
}
OTHER_SITUATION = "In work, education or other"


def _quarter(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


# Each breakdown's group, read through a stage change's application. An application is counted
# once under each campaign its vacancy belongs to, and under none if it belongs to none.
GROUP_FIELDS = {
    "employer": "application__vacancy__organisation__name",
    "role": "application__vacancy__job_role__name",
    "campaign": "application__vacancy__campaigns__name",
}


def stage_counts(*, by: str) -> list[tuple[str, str, int]]:
    """(group, stage label, applications) for every group and hiring stage reached, sorted.

    The database counts (one grouped query); stage labels are looked up once per stage, not
    once per row, since at region size there are some 140,000 stage changes.
    """
    changes = StageChange.objects.filter(stage__in=[s.value for s in HIRING_STAGES])
    if by == "quarter":
        # Quarters of the partnership's own calendar (TIME_ZONE), not of UTC.
        grouped = changes.annotate(group=TruncQuarter("application__created_at"))
    else:
        field = GROUP_FIELDS[by]
        grouped = changes.filter(**{f"{field}__isnull": False}).annotate(group=F(field))
    labels = {stage.value: str(stage.label) for stage in HIRING_STAGES}
    reached: Counter[tuple[str, str]] = Counter()
    for group, stage, n in grouped.values_list("group", "stage").annotate(n=Count("pk")):
        key = _quarter(group) if by == "quarter" else str(group)
        reached[(key, labels[stage])] += n
    return [(group, stage, n) for (group, stage), n in sorted(reached.items())]


def stage_table(*, by: str) -> ProtectedTable:
    """Applications that reached each hiring stage, by group, with a total over the groups."""
    return protect_counts(
        stage_counts(by=by),
        dimensions=[by, "stage"],
        count="applications",
        rule=DEFAULT_RULE,
        totals=[by],
        categories={"stage": [str(stage.label) for stage in HIRING_STAGES]},
    )


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[str]


@dataclass(frozen=True)
class StageReport:
    columns: list[str]
    counts: list[Row]
    conversion: list[Row]
    note: str
    total_shown: list[float | None]
    total_display: list[str]


def _label(key: Hashable) -> str:
    return "Total" if key is TOTAL else str(key)


def stage_report(*, by: str) -> StageReport:
    table = stage_table(by=by)
    grid = table.grid()
    columns = [_label(key[0]) for key in grid.column_labels]
    counts, conversion = [], []
    totals: tuple[list[float | None], list[str]] = ([], [])
    for key, cells in zip(grid.row_labels, grid.cells, strict=True):
        label = _label(key[0])
        counts.append(Row(label, [cell.display for cell in cells]))
        rates = []
        for before, after in itertools.pairwise(cells):
            if before.shown is None or after.shown is None:
                rates.append(MARKER)
            else:
                rates.append(protect_rate(int(after.shown), int(before.shown)).display)
        conversion.append(Row(label, rates))
        if key[0] is TOTAL:
            totals = ([c.shown for c in cells], [c.display for c in cells])
    return StageReport(
        columns=columns,
        counts=counts,
        conversion=conversion,
        note=table.note,
        total_shown=totals[0],
        total_display=totals[1],
    )


@dataclass(frozen=True)
class Median:
    label: str
    days: str
    people: int


def median_days() -> list[Median]:
    """Median days from each hiring stage to the next, and from applying to starting, counted
    in the partnership's calendar days."""
    entered = fetch_frame(
        StageChange.objects.filter(stage__in=[s.value for s in HIRING_STAGES]),
        ("application_id", "stage", "entered_at"),
        local_dates=("entered_at",),
    )
    by_stage = (
        entered.pivot(
            on="stage", index="application_id", values="entered_at", aggregate_function="first"
        )
        if entered.height
        else pl.DataFrame()
    )
    pairs = [*itertools.pairwise(HIRING_STAGES), (Stage.APPLIED, Stage.STARTED)]
    medians = []
    for start, end in pairs:
        gaps: list[float] = []
        if start.value in by_stage.columns and end.value in by_stage.columns:
            gaps = (
                (by_stage[end.value] - by_stage[start.value])
                .dt.total_days()
                .drop_nulls()
                .cast(pl.Float64)
                .to_list()
            )
        protected = protect_median(gaps, decimals=0)
        medians.append(Median(f"{start.label} to {end.label}", protected.display, len(gaps)))
    return medians


@dataclass(frozen=True)
class Retention:
    months: int
    due: str
    retained: str
    rate: str


def retention(*, today: date) -> list[Retention]:
    """Of those whose 3, 6 or 12 months have come, the share still in post."""
    started = [
        (pk, start)
        for pk, start in Application.objects.filter(started_date__isnull=False).values_list(
            "pk", "started_date"
        )
        if start is not None
    ]
    confirmed = set(
        StageChange.objects.filter(stage__in=list(RETENTION_MONTHS.values())).values_list(
            "application_id", "stage"
        )
    )
    rows = []
    for months, stage in RETENTION_MONTHS.items():
        due = [pk for pk, start in started if add_months(start, months) <= today]
        retained = sum(1 for pk in due if (pk, stage) in confirmed)
        table = protect_counts(
            [("Still in post", retained), ("Left or not yet confirmed", len(due) - retained)],
            dimensions=["outcome"],
            count="people",
        )
        kept = table.cell("Still in post")
        everyone = table.cell(TOTAL)
        rate = (
            protect_rate(retained, len(due)).display
            if kept.shown is not None and everyone.shown is not None
            else MARKER
        )
        rows.append(Retention(months, everyone.display, kept.display, rate))
    return rows


def into_work_from_unemployment() -> ProtectedTable:
    """People who started work, by their situation when they registered."""
    starters = (
        Application.objects.filter(started_date__isnull=False)
        .values("candidate_id", "candidate__employment_status")
        .distinct()
    )
    situations = Counter(
        UNEMPLOYED.get(row["candidate__employment_status"], OTHER_SITUATION) for row in starters
    )
    return protect_counts(
        list(situations.items()),
        dimensions=["situation"],
        count="people",
        categories={"situation": [*UNEMPLOYED.values(), OTHER_SITUATION]},
    )


def into_work_rows() -> tuple[list[tuple[str, str]], str]:
    """The table above as (situation, figure) rows with its total, and its note."""
    table = into_work_from_unemployment()
    grid = table.grid()
    rows = [
        (_label(key[0]), cells[0].display)
        for key, cells in zip(grid.row_labels, grid.cells, strict=True)
    ]
    return rows, table.note


def equality() -> matching.FairnessReport:
    """The share of applicants who started work, by age band, the mature applicants group,
    sex, ethnicity and disability (rates only; groups too small to publish hidden).

    Ages are on the day each applied, in the partnership's calendar. At region size (60,000
    applicants) the rows are read through the driver and ages worked out per column.
    """
    applicants = fetch_frame(
        Application.objects.filter(changes__stage=Stage.APPLIED).order_by("pk"),
        ("candidate_id", "candidate__date_of_birth", "started_date", "created_at"),
        dates=("candidate__date_of_birth", "started_date"),
        local_dates=("created_at",),
    ).cast({"candidate_id": pl.Int64, "started_date": pl.Date})
    answers = fetch_frame(
        EqualityMonitoring.objects.all(), ("candidate_id", "sex", "ethnicity", "disability")
    ).cast(  # typed even when nobody has answered yet (no rows give untyped columns)
        {
            "candidate_id": pl.Int64,
            "sex": pl.String,
            "ethnicity": pl.String,
            "disability": pl.String,
        }
    )
    # Groups are listed in the order applicants first appear, as the page has always shown.
    people = applicants.join(answers, on="candidate_id", how="left", maintain_order="left")
    born, applied = pl.col("candidate__date_of_birth"), pl.col("created_at")

    def day_of_year(day: pl.Expr) -> pl.Expr:  # month and day as one number, 101 to 1231
        return day.dt.month().cast(pl.Int32) * 100 + day.dt.day().cast(pl.Int32)

    ages = people.select(
        (
            applied.dt.year().cast(pl.Int32)
            - born.dt.year().cast(pl.Int32)
            - (day_of_year(applied) < day_of_year(born)).cast(pl.Int32)
        ).alias("age")
    )["age"]

    # Labels are translated once per value, not once per applicant.
    def labelled(column: str, choices: type[models.TextChoices]) -> list[str]:
        names = {value: str(label) for value, label in choices.choices}
        return people[column].replace_strict(names, default=NOT_STATED).to_list()

    bands = {age: str(age_band(age).label) for age in ages.unique().to_list()}
    groups: dict[str, list[str]] = {
        "Age band": ages.replace_strict(bands, return_dtype=pl.String).to_list(),
        "Mature applicants (50 and over)": [
            "50 and over" if age >= 50 else "Under 50" for age in ages.to_list()
        ],
        "Sex": labelled("sex", Sex),
        "Ethnicity": labelled("ethnicity", Ethnicity),
        "Disability": labelled("disability", YesNoPreferNot),
    }
    started = people["started_date"].is_not_null().to_numpy()
    return matching.fairness_report(started, groups)
