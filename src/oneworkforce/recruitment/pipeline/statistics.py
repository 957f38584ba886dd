"""The partnership's pipeline statistics: every figure through the disclosure-control library.

Counts of applications reaching each stage, by employer, job role, campaign or quarter, are a
protected table (small counts and their secondary partners hidden). A conversion rate is shown
only when both counts it divides are published, so a rate never reveals a hidden count.
Equality breakdowns use the matching engine's fairness report (rates by group, small groups
hidden); medians and retention rates need a group of at least the threshold.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

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
    age_on,
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


def _group_keys(by: str) -> dict[int, list[str]]:
    """Each application's group(s) under ``by``: one, or several campaigns, or none."""
    applications = Application.objects.all()
    groups: dict[int, list[str]] = defaultdict(list)
    rows: Iterable[tuple[int, object]]
    if by == "employer":
        rows = applications.values_list("pk", "vacancy__organisation__name")
    elif by == "role":
        rows = applications.values_list("pk", "vacancy__job_role__name")
    elif by == "campaign":
        rows = applications.filter(vacancy__campaigns__isnull=False).values_list(
            "pk", "vacancy__campaigns__name"
        )
    else:
        rows = (
            (pk, _quarter(at.date())) for pk, at in applications.values_list("pk", "created_at")
        )
    for pk, label in rows:
        groups[pk].append(str(label))
    return groups


def stage_table(*, by: str) -> ProtectedTable:
    """Applications that reached each hiring stage, by group, with a total over the groups."""
    groups = _group_keys(by)
    reached: Counter[tuple[str, str]] = Counter()
    for application_id, stage in StageChange.objects.filter(
        stage__in=[s.value for s in HIRING_STAGES]
    ).values_list("application_id", "stage"):
        for group in groups.get(application_id, ()):
            reached[(group, str(Stage(stage).label))] += 1
    counts = [(group, stage, n) for (group, stage), n in sorted(reached.items())]
    return protect_counts(
        counts,
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


def _entered() -> dict[int, dict[str, date]]:
    entered: dict[int, dict[str, date]] = defaultdict(dict)
    for application_id, stage, at in StageChange.objects.values_list(
        "application_id", "stage", "entered_at"
    ):
        entered[application_id][stage] = at.date()
    return entered


@dataclass(frozen=True)
class Median:
    label: str
    days: str
    people: int


def median_days() -> list[Median]:
    """Median days from each hiring stage to the next, and from applying to starting."""
    entered = _entered()
    pairs = [*itertools.pairwise(HIRING_STAGES), (Stage.APPLIED, Stage.STARTED)]
    medians = []
    for start, end in pairs:
        gaps = [
            float((days[end] - days[start]).days)
            for days in entered.values()
            if start in days and end in days
        ]
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
    entered = _entered()
    rows = []
    for months, stage in RETENTION_MONTHS.items():
        due = [pk for pk, start in started if add_months(start, months) <= today]
        retained = sum(1 for pk in due if stage in entered.get(pk, {}))
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
    sex, ethnicity and disability (rates only; groups too small to publish hidden)."""
    applicants = list(
        Application.objects.filter(changes__stage=Stage.APPLIED)
        .values_list("candidate_id", "candidate__date_of_birth", "started_date", "created_at")
        .order_by("pk")
    )
    answers = {
        row[0]: row[1:]
        for row in EqualityMonitoring.objects.values_list(
            "candidate_id", "sex", "ethnicity", "disability"
        )
    }

    def label(choices: type, value: str) -> str:
        return str(choices(value).label) if value else NOT_STATED

    groups: dict[str, list[str]] = {
        "Age band": [],
        "Mature applicants (50 and over)": [],
        "Sex": [],
        "Ethnicity": [],
        "Disability": [],
    }
    for candidate_id, born, _, applied_at in applicants:
        age = age_on(born, applied_at.date())
        sex, ethnicity, disability = answers.get(candidate_id, ("", "", ""))
        groups["Age band"].append(str(age_band(age).label))
        groups["Mature applicants (50 and over)"].append("50 and over" if age >= 50 else "Under 50")
        groups["Sex"].append(label(Sex, sex))
        groups["Ethnicity"].append(label(Ethnicity, ethnicity))
        groups["Disability"].append(label(YesNoPreferNot, disability))
    started = np.array([row[2] is not None for row in applicants], dtype=bool)
    return matching.fairness_report(started, groups)
