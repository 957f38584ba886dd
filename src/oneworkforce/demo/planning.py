"""The demo district's planning data: the illustrative population file, three scenarios
like the ones the issue names, and the partnership's programme (Bradford's three
workstreams) with budgets, spending and participants moving through the journey's steps.

Made from the district's seed, so the same demo always shows the same figures. Participants
are pseudonymous references only; their equality groups follow a district-like mix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np

from oneworkforce.demo.generator import District
from oneworkforce.intelligence.metrics.dimensions import AGE_BANDS
from oneworkforce.intelligence.models import (
    Initiative,
    InitiativeKind,
    ParticipantStep,
    PopulationProjection,
    Scenario,
    SpendEntry,
    Workstream,
    WorkstreamBudget,
)
from oneworkforce.intelligence.planning import services as planning_services
from oneworkforce.partners.access import Actor
from oneworkforce.recruitment.vacancies.models import Campaign

__all__ = ["DemoPlanning", "demo_planning_clear", "demo_planning_load"]

# The demo's joint recruitment campaign each campaign initiative is credited with (its
# applications count in the programme statistics through the pipeline's step source).
CAMPAIGN_OF = {"Joint care worker campaign": "winter-home-care-drive"}
# (workstream, its initiatives as (name, kind, months before the reference date it began,
# participants in the district demo), budget a year in pounds).
PROGRAMME = (
    (
        "Inclusive community recruitment",
        "One-stop matching of local people to vacancies, pre-employment assessment and "
        "employer-led campaigns",
        (
            ("Joint care worker campaign", InitiativeKind.CAMPAIGN, 20, 160),
            ("Paid work placements", InitiativeKind.PLACEMENT, 16, 60),
        ),
        450_000,
    ),
    (
        "One Workforce Academy",
        "Joint learning and development for recruits and existing staff",
        (
            ("Care certificate cohorts", InitiativeKind.ACADEMY_COHORT, 18, 120),
            ("Level 2 to level 3 progression", InitiativeKind.ACADEMY_COHORT, 14, 50),
        ),
        400_000,
    ),
    (
        "System-wide recruitment",
        "Careers profile, shortages and shared apprenticeships",
        (("Shared apprenticeship scheme", InitiativeKind.APPRENTICESHIP, 22, 70),),
        300_000,
    ),
)
# The share of those at a step who reach the next one.
STEP_ODDS = (
    ("registered", 1.0),
    ("assessed", 0.85),
    ("trained", 0.8),
    ("applied", 0.85),
    ("interviewed", 0.8),
    ("offered", 0.75),
    ("started", 0.85),
    ("retained_6_months", 0.85),
    ("retained_12_months", 0.85),
)
STEP_GAP_DAYS = {"retained_6_months": 182, "retained_12_months": 183}
SEX_MIX = {"female": 0.78, "male": 0.2, "unknown": 0.02}
ETHNICITY_MIX = {
    "white": 0.7, "asian": 0.14, "black": 0.07, "mixed": 0.04, "other": 0.02, "unknown": 0.03,
}  # fmt: skip
DISABILITY_MIX = {"no": 0.82, "yes": 0.12, "unknown": 0.06}
AGE_MIX = dict(zip((*AGE_BANDS, "unknown"), (0.26, 0.24, 0.2, 0.15, 0.1, 0.02, 0.03), strict=True))
SCALE = {"small": 0.4, "district": 1.0, "region": 3.0}


@dataclass(frozen=True)
class DemoPlanning:
    scenarios: int
    workstreams: int
    participant_steps: int
    spend_entries: int


def demo_planning_clear() -> None:
    ParticipantStep.objects.all().delete()
    SpendEntry.objects.all().delete()
    WorkstreamBudget.objects.all().delete()
    Initiative.objects.all().delete()
    Workstream.objects.all().delete()
    Scenario.objects.all().delete()
    PopulationProjection.objects.all().delete()


def _pick(rng: np.random.Generator, mix: dict[str, float]) -> str:
    keys = list(mix)
    return keys[int(rng.choice(len(keys), p=np.array(list(mix.values())) / sum(mix.values())))]


def _scenarios(district: District, actor: Actor, at: datetime) -> int:
    apprentices = round(200 * SCALE.get(district.size, 1.0) / 10) * 10
    changes = (
        ("Turnover down 5 points", "Better retention across the partnership",
         {"turnover_points": -5.0}),
        (f"{apprentices} more apprentices a year",
         "The shared apprenticeship scheme grown to its target",
         {"extra_programme_starters": float(apprentices)}),
        ("International recruitment halved", "Fewer staff recruited from abroad",
         {"international_factor": 0.5}),
    )  # fmt: skip
    for name, description, values in changes:
        planning_services.scenario_create(
            actor=actor, name=name, values={"description": description, **values}, created_at=at
        )
    return len(changes)


def demo_planning_load(*, district: District, actor: Actor, loaded_at: datetime) -> DemoPlanning:
    """The planning data of the demo district, written through the services."""
    rng = np.random.default_rng(district.seed + 9)
    planning_services.population_load_illustrative(actor=actor, loaded_at=loaded_at)
    scenarios = _scenarios(district, actor, loaded_at)
    today = loaded_at.date()
    scale = SCALE.get(district.size, 1.0)
    steps: list[ParticipantStep] = []
    spend_entries = 0
    for name, description, initiatives, yearly in PROGRAMME:
        workstream = planning_services.workstream_create(
            actor=actor, name=name, description=description, created_at=loaded_at
        )
        first_year = (today - timedelta(days=730)).year
        for year in range(first_year, today.year + 1):
            planning_services.budget_set(
                actor=actor, workstream=workstream, year=year, amount=Decimal(yearly),
                set_at=loaded_at,
            )  # fmt: skip
        for initiative_name, kind, months, people in initiatives:
            start = today - timedelta(days=30 * months)
            initiative = planning_services.initiative_create(
                actor=actor, workstream=workstream, name=initiative_name, kind=kind,
                start_date=start, created_at=loaded_at,
                campaign=Campaign.objects.filter(
                    slug=CAMPAIGN_OF.get(initiative_name, "")
                ).first(),
            )  # fmt: skip
            steps.extend(
                _participants(rng, initiative, start, today, round(people * scale), loaded_at)
            )
            monthly = yearly / 12 / len(initiatives)
            month = start
            while month <= today:
                SpendEntry.objects.create(
                    workstream=workstream,
                    initiative=initiative,
                    spent_date=month,
                    amount=Decimal(round(monthly * rng.uniform(0.6, 1.1), 2)).quantize(
                        Decimal("0.01")
                    ),
                    description=f"{initiative_name}: month's costs",
                    created_at=loaded_at,
                )
                spend_entries += 1
                month += timedelta(days=30)
    ParticipantStep.objects.bulk_create(steps, batch_size=2000)
    return DemoPlanning(
        scenarios=scenarios,
        workstreams=len(PROGRAMME),
        participant_steps=len(steps),
        spend_entries=spend_entries,
    )


def _participants(
    rng: np.random.Generator,
    initiative: Initiative,
    start: date,
    today: date,
    people: int,
    loaded_at: datetime,
) -> list[ParticipantStep]:
    made = []
    window = max(1, (today - start).days - 60)
    for number in range(people):
        reference = f"{initiative.pk}-{number + 1:04d}"
        groups = {
            "age_band": _pick(rng, AGE_MIX),
            "sex": _pick(rng, SEX_MIX),
            "ethnicity_group": _pick(rng, ETHNICITY_MIX),
            "disability": _pick(rng, DISABILITY_MIX),
        }
        reached = start + timedelta(days=int(rng.integers(0, window)))
        for step, odds in STEP_ODDS:
            if rng.random() > odds:
                break
            reached += timedelta(days=STEP_GAP_DAYS.get(step, int(rng.integers(3, 30))))
            if reached > today:
                break
            made.append(
                ParticipantStep(
                    initiative=initiative,
                    participant_ref=reference,
                    step=step,
                    reached_date=reached,
                    created_at=loaded_at,
                    **groups,
                )
            )
    return made
