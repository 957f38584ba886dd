"""Writes for planning: population versions, scenarios, workstreams, initiatives, budgets,
spend and participant steps. Each checks the actor, writes in one transaction, and records
the change in the audit log; a bad file or figure writes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction

from oneworkforce.core.errors import DomainError
from oneworkforce.intelligence.models import (
    Initiative,
    ParticipantStep,
    PopulationFigure,
    PopulationProjection,
    Scenario,
    SpendEntry,
    Workstream,
    WorkstreamBudget,
)
from oneworkforce.intelligence.planning import participants, population
from oneworkforce.intelligence.planning.selectors import PLANNERS
from oneworkforce.partners.access import Actor
from oneworkforce.partners.audit import audit_record
from oneworkforce.partners.models import AuditAction
from oneworkforce.recruitment.vacancies.models import Campaign

__all__ = [
    "SCENARIO_FIELDS",
    "budget_set",
    "initiative_create",
    "participant_step_record",
    "participants_import",
    "population_upload",
    "scenario_create",
    "scenario_delete",
    "scenario_update",
    "spend_record",
    "workstream_create",
]

SCENARIO_FIELDS = (
    "description",
    "turnover_points",
    "extra_programme_starters",
    "international_factor",
    "external_factor",
    "retirement_factor",
    "demand_growth_factor",
    "demand_weights",
)
SCENARIO_NAME_TAKEN = "There is already a scenario called {name!r}; choose another name"
WORKSTREAM_NAME_TAKEN = "There is already a workstream called {name!r}; choose another name"
INITIATIVE_NAME_TAKEN = "{workstream} already has an initiative called {name!r}; choose another"
SPEND_INITIATIVE_ELSEWHERE = "{initiative} is not part of {workstream}; choose one of its own"


class PlanningError(DomainError):
    pass


class PopulationUploadError(PlanningError):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(messages[0], field="file")
        self.messages = messages


class ParticipantImportError(PlanningError):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(messages[0], field="file")
        self.messages = messages


def _audit(
    actor: Actor, action: str, record: object, at: datetime, fields: tuple[str, ...] = ()
) -> None:
    audit_record(
        actor=actor,
        action=AuditAction(action),
        record=record,  # type: ignore[arg-type]
        record_organisation_id=None,
        occurred_at=at,
        fields_changed=fields,
    )


@transaction.atomic
def population_upload(
    *,
    actor: Actor,
    name: str,
    source: str,
    file_name: str,
    content: bytes,
    uploaded_at: datetime,
    is_illustrative: bool = False,
) -> PopulationProjection:
    """A new version of the population figures, used from now on; the old ones are kept."""
    actor.require(*PLANNERS)
    try:
        rows = population.read_population_csv(content)
    except population.PopulationFileError as error:
        raise PopulationUploadError(error.messages) from error
    version = PopulationProjection.objects.create(
        name=name,
        source=source,
        is_illustrative=is_illustrative,
        file_name=file_name[:255],
        uploaded_by_id=actor.user_id,
        uploaded_at=uploaded_at,
        row_count=len(rows),
        created_at=uploaded_at,
    )
    PopulationFigure.objects.bulk_create(
        [
            PopulationFigure(
                projection=version,
                local_authority_code=row.local_authority_code,
                age_band=row.age_band,
                year=row.year,
                population=row.population,
            )
            for row in rows
        ],
        batch_size=2000,
    )
    _audit(actor, AuditAction.CREATED, version, uploaded_at)
    return version


def population_load_illustrative(*, actor: Actor, loaded_at: datetime) -> PopulationProjection:
    """The shipped illustrative file as a version (the demo district's population)."""
    return population_upload(
        actor=actor,
        name=population.ILLUSTRATIVE_NAME,
        source=population.ILLUSTRATIVE_SOURCE,
        file_name=population.ILLUSTRATIVE_FILE.name,
        content=population.ILLUSTRATIVE_FILE.read_bytes(),
        uploaded_at=loaded_at,
        is_illustrative=True,
    )


@transaction.atomic
def scenario_create(
    *, actor: Actor, name: str, values: Mapping[str, object], created_at: datetime
) -> Scenario:
    actor.require(*PLANNERS)
    if Scenario.objects.filter(name__iexact=name).exists():
        raise PlanningError(SCENARIO_NAME_TAKEN.format(name=name), field="name")
    scenario = Scenario(name=name, created_by_id=actor.user_id, created_at=created_at)
    for field in SCENARIO_FIELDS:
        if field in values:
            setattr(scenario, field, values[field])
    scenario.save()
    _audit(actor, AuditAction.CREATED, scenario, created_at)
    return scenario


@transaction.atomic
def scenario_update(
    *,
    actor: Actor,
    scenario: Scenario,
    name: str,
    values: Mapping[str, object],
    changed_at: datetime,
) -> Scenario:
    actor.require(*PLANNERS)
    if Scenario.objects.filter(name__iexact=name).exclude(pk=scenario.pk).exists():
        raise PlanningError(SCENARIO_NAME_TAKEN.format(name=name), field="name")
    changed = [] if scenario.name == name else ["name"]
    scenario.name = name
    for field in SCENARIO_FIELDS:
        if field in values and getattr(scenario, field) != values[field]:
            setattr(scenario, field, values[field])
            changed.append(field)
    scenario.save()
    _audit(actor, AuditAction.CHANGED, scenario, changed_at, tuple(changed))
    return scenario


@transaction.atomic
def scenario_delete(*, actor: Actor, scenario: Scenario, deleted_at: datetime) -> None:
    actor.require(*PLANNERS)
    _audit(actor, AuditAction.DELETED, scenario, deleted_at)
    scenario.delete()


@transaction.atomic
def workstream_create(
    *, actor: Actor, name: str, description: str, created_at: datetime
) -> Workstream:
    actor.require(*PLANNERS)
    if Workstream.objects.filter(name__iexact=name).exists():
        raise PlanningError(WORKSTREAM_NAME_TAKEN.format(name=name), field="name")
    workstream = Workstream.objects.create(
        name=name, description=description, created_at=created_at
    )
    _audit(actor, AuditAction.CREATED, workstream, created_at)
    return workstream


@transaction.atomic
def initiative_create(
    *,
    actor: Actor,
    workstream: Workstream,
    name: str,
    kind: str,
    start_date: date,
    created_at: datetime,
    campaign: Campaign | None = None,
) -> Initiative:
    actor.require(*PLANNERS)
    if workstream.initiatives.filter(name__iexact=name).exists():
        raise PlanningError(
            INITIATIVE_NAME_TAKEN.format(workstream=workstream.name, name=name), field="name"
        )
    initiative = Initiative.objects.create(
        workstream=workstream,
        name=name,
        kind=kind,
        start_date=start_date,
        campaign=campaign,
        created_at=created_at,
    )
    _audit(actor, AuditAction.CREATED, initiative, created_at)
    return initiative


@transaction.atomic
def budget_set(
    *, actor: Actor, workstream: Workstream, year: int, amount: Decimal, set_at: datetime
) -> WorkstreamBudget:
    """The workstream's budget for the financial year starting in ``year`` (replacing any)."""
    actor.require(*PLANNERS)
    budget, created = WorkstreamBudget.objects.update_or_create(
        workstream=workstream, year=year, defaults={"amount": amount}
    )
    _audit(
        actor, AuditAction.CREATED if created else AuditAction.CHANGED, budget, set_at,
        () if created else ("amount",),
    )  # fmt: skip
    return budget


@transaction.atomic
def spend_record(
    *,
    actor: Actor,
    workstream: Workstream,
    initiative: Initiative | None,
    spent_date: date,
    amount: Decimal,
    description: str,
    recorded_at: datetime,
) -> SpendEntry:
    actor.require(*PLANNERS)
    if initiative is not None and initiative.workstream_id != workstream.pk:
        raise PlanningError(
            SPEND_INITIATIVE_ELSEWHERE.format(initiative=initiative.name, workstream=workstream),
            field="initiative",
        )
    entry = SpendEntry.objects.create(
        workstream=workstream,
        initiative=initiative,
        spent_date=spent_date,
        amount=amount,
        description=description,
        created_at=recorded_at,
    )
    _audit(actor, AuditAction.CREATED, entry, recorded_at)
    return entry


def _upsert(initiative: Initiative, row: participants.ParticipantRow, at: datetime) -> bool:
    _, created = ParticipantStep.objects.update_or_create(
        initiative=initiative,
        participant_ref=row.participant_ref,
        step=row.step,
        defaults={
            "reached_date": row.reached_date,
            "age_band": row.age_band,
            "sex": row.sex,
            "ethnicity_group": row.ethnicity_group,
            "disability": row.disability,
        },
        create_defaults={
            "reached_date": row.reached_date,
            "age_band": row.age_band,
            "sex": row.sex,
            "ethnicity_group": row.ethnicity_group,
            "disability": row.disability,
            "created_at": at,
        },
    )
    return created


@transaction.atomic
def participant_step_record(
    *,
    actor: Actor,
    initiative: Initiative,
    row: participants.ParticipantRow,
    recorded_at: datetime,
) -> None:
    actor.require(*PLANNERS)
    _upsert(initiative, row, recorded_at)
    _audit(actor, AuditAction.CHANGED, initiative, recorded_at, ("participant steps",))


@transaction.atomic
def participants_import(
    *, actor: Actor, initiative: Initiative, content: bytes, imported_at: datetime
) -> tuple[int, int]:
    """Every row of the file recorded against ``initiative``, or nothing; returns how many
    steps were new and how many updated."""
    actor.require(*PLANNERS)
    try:
        rows = participants.read_participants_csv(content, today=imported_at.date())
    except participants.ParticipantFileError as error:
        raise ParticipantImportError(error.messages) from error
    created = sum(_upsert(initiative, row, imported_at) for row in rows)
    _audit(actor, AuditAction.CHANGED, initiative, imported_at, ("participant steps",))
    return created, len(rows) - created
