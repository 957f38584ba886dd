"""Programme statistics: people moved forward at each step by each initiative, by equality
group, and money spent against budget, giving the cost per person into work and per person
still in work at 12 months. Every count of people goes through the disclosure library
(primary and secondary suppression); a cost per person is a statistic over the people it
divides by, hidden when they are too few. Money itself is not about people and is shown whole.
See docs/planning.md, "Programme statistics".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from oneworkforce.engines.disclosure import (
    DEFAULT_RULE,
    MARKER,
    DisclosureRule,
    ProtectedTable,
    protect_counts,
    protect_statistic,
)
from oneworkforce.intelligence.planning.steps import (
    CHARACTERISTICS,
    INTO_WORK,
    RETAINED_12_MONTHS,
    STEPS,
    StepRecord,
)

__all__ = [
    "MoneyRow",
    "ProgrammeFigures",
    "WorkstreamFigures",
    "programme_figures",
]


@dataclass(frozen=True)
class MoneyRow:
    year: int
    budget: Decimal | None
    spent: Decimal

    @property
    def left(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.spent


@dataclass(frozen=True)
class WorkstreamFigures:
    """One workstream's (or the whole programme's) figures, ready to render."""

    name: str
    initiatives: tuple[str, ...]
    money: tuple[MoneyRow, ...]
    steps: ProtectedTable
    by_group: ProtectedTable
    cost_per_into_work: str
    cost_per_retained: str

    @property
    def budget(self) -> Decimal:
        return sum((row.budget or Decimal(0) for row in self.money), Decimal(0))

    @property
    def spent(self) -> Decimal:
        return sum((row.spent for row in self.money), Decimal(0))

    def people_at(self, step: str) -> str:
        return self.steps.cell(STEPS[step]).display


@dataclass(frozen=True)
class ProgrammeFigures:
    until: date
    characteristic: str
    workstreams: tuple[WorkstreamFigures, ...]
    total: WorkstreamFigures


@dataclass(frozen=True)
class WorkstreamInput:
    """What the figures are made from, as the selectors read it."""

    name: str
    initiative_ids: tuple[int, ...]
    initiative_names: tuple[str, ...]
    budgets: dict[int, Decimal]
    spend: dict[int, Decimal]


def programme_figures(
    *,
    workstreams: Sequence[WorkstreamInput],
    records: Iterable[StepRecord],
    until: date,
    characteristic: str = "sex",
    rule: DisclosureRule = DEFAULT_RULE,
) -> ProgrammeFigures:
    """Each workstream's figures and the programme's, from its money and step records.

    A person counts once at a step per workstream (the first time they reach it) and once
    in the programme's total, however many initiatives moved them.

    >>> from decimal import Decimal
    >>> stream = WorkstreamInput("Academy", (1,), ("Cohort 1",), {2026: Decimal(1000)},
    ...                          {2026: Decimal(600)})
    >>> records = [StepRecord("t", 1, f"p{n}", "started", date(2026, 5, 1), sex="female")
    ...            for n in range(12)]
    >>> figures = programme_figures(workstreams=[stream], records=records, until=date(2027, 1, 1))
    >>> figures.total.people_at("started"), figures.total.cost_per_into_work
    ('12', '£50')

    Complexity: O(r + w·s·g) for r records, w workstreams, s steps and g groups.
    """
    by_initiative: dict[int, list[StepRecord]] = defaultdict(list)
    for record in records:
        if record.reached_date <= until and record.step in STEPS:
            by_initiative[record.initiative_id].append(record)
    made = []
    for stream in workstreams:
        stream_records = [r for i in stream.initiative_ids for r in by_initiative.get(i, [])]
        made.append(_figures(stream, stream_records, characteristic, rule))
    every = [record for stream in workstreams for i in stream.initiative_ids
             for record in by_initiative.get(i, [])]  # fmt: skip
    years = {year for stream in workstreams for year in (*stream.budgets, *stream.spend)}
    total_input = WorkstreamInput(
        name="Whole programme",
        initiative_ids=tuple(i for stream in workstreams for i in stream.initiative_ids),
        initiative_names=tuple(n for stream in workstreams for n in stream.initiative_names),
        budgets={
            year: sum((s.budgets.get(year, Decimal(0)) for s in workstreams), Decimal(0))
            for year in years
            if any(year in s.budgets for s in workstreams)
        },
        spend={
            year: sum((s.spend.get(year, Decimal(0)) for s in workstreams), Decimal(0))
            for year in years
        },
    )
    total = _figures(total_input, every, characteristic, rule)
    return ProgrammeFigures(
        until=until, characteristic=characteristic, workstreams=tuple(made), total=total
    )


def _figures(
    stream: WorkstreamInput,
    records: list[StepRecord],
    characteristic: str,
    rule: DisclosureRule,
) -> WorkstreamFigures:
    first: dict[tuple[str, str, str], StepRecord] = {}
    for record in sorted(records, key=lambda r: r.reached_date):
        first.setdefault((record.source, record.participant, record.step), record)
    per_step: dict[str, int] = defaultdict(int)
    per_group: dict[tuple[str, str], int] = defaultdict(int)
    groups = CHARACTERISTICS[characteristic]
    for record in first.values():
        per_step[STEPS[record.step]] += 1
        per_group[(STEPS[record.step], groups[record.group(characteristic)])] += 1
    steps = protect_counts(
        [(label, per_step.get(label, 0)) for label in STEPS.values()],
        dimensions=["step"],
        count="people",
        rule=rule,
        totals=False,
    )
    by_group = protect_counts(
        [(step, group, count) for (step, group), count in per_group.items()],
        dimensions=["step", "group"],
        count="people",
        rule=rule,
        totals=["group"],
        categories={"step": list(STEPS.values()), "group": list(dict.fromkeys(groups.values()))},
    )
    spent = sum(stream.spend.values(), Decimal(0))
    years = sorted(set(stream.budgets) | set(stream.spend))
    money = tuple(
        MoneyRow(year, stream.budgets.get(year), stream.spend.get(year, Decimal(0)))
        for year in years
    )
    return WorkstreamFigures(
        name=stream.name,
        initiatives=stream.initiative_names,
        money=money,
        steps=steps,
        by_group=by_group,
        cost_per_into_work=_cost(spent, per_step.get(STEPS[INTO_WORK], 0), rule),
        cost_per_retained=_cost(spent, per_step.get(STEPS[RETAINED_12_MONTHS], 0), rule),
    )


NO_ONE_YET = "none yet"


def _cost(spent: Decimal, people: int, rule: DisclosureRule) -> str:
    if people == 0:
        return NO_ONE_YET
    protected = protect_statistic(float(spent) / people, group_size=people, rule=rule, decimals=0)
    return MARKER if protected.shown is None else f"£{protected.shown:,.0f}"
