"""The one adapter between paid work placements and the matching engine's stable allocation.

Candidates rank the open placements they want; each placement ranks the people who chose it
in three tiers, in line with the programme's aim of moving people into work from
unemployment: first those out of work for 12 months or more, then others not in work, then
everyone else (docs/decisions/0096). Ties within a tier are broken by the engine's seeded
lottery, whose seed is stored with the run so the adviser's run can be repeated exactly.
Candidates propose, so every candidate gets the best placement they can have in any stable
allocation, and nobody gains by ranking dishonestly.

``allocation_run`` computes and stores a proposal with its certificate and fairness summary;
``allocation_confirm`` gives the places (and tells the candidates), refusing if anyone's
choices or any placement changed since the run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from django.db import transaction

from oneworkforce.core.errors import DomainError
from oneworkforce.engines import matching
from oneworkforce.engines.matching.allocation.stable import draw_seed
from oneworkforce.partners.access import Actor
from oneworkforce.partners.audit import audit_record
from oneworkforce.partners.models import AuditAction, Role
from oneworkforce.recruitment.models import (
    Candidate,
    EmploymentStatus,
    EqualityMonitoring,
    Ethnicity,
    Sex,
    YesNoPreferNot,
    age_band,
    age_on,
)
from oneworkforce.recruitment.pipeline import notices
from oneworkforce.recruitment.pipeline.models import (
    AllocationRun,
    PlacedCandidate,
    Placement,
    PlacementChoice,
    PlacementStatus,
)

NOTHING_TO_ALLOCATE = "No open placement has been chosen by anyone yet"
RUN_ALREADY_CONFIRMED = "This allocation was confirmed on {at:%d %B %Y at %H:%M}"
RUN_OUT_OF_DATE = (
    "Choices or placements have changed since this allocation was run. Run it again and check "
    "the new result before confirming"
)
CERTIFICATE_FAILED = "The certificate failed, so this allocation cannot be confirmed"
NOT_AN_ADVISER = "Only recruitment advisers allocate placements"

NOT_WORKING_LONG = (EmploymentStatus.UNEMPLOYED_LONG,)
NOT_WORKING = (
    EmploymentStatus.UNEMPLOYED_SHORT,
    EmploymentStatus.NOT_LOOKING,
    EmploymentStatus.EDUCATION,
)
NOT_STATED = "Not stated"


class AllocationError(DomainError):
    pass


@dataclass(frozen=True)
class Inputs:
    """The engine's instance and the rows each index stands for."""

    instance: matching.AllocationInstance
    candidate_ids: list[int]
    placements: list[Placement]
    ranks: dict[tuple[int, int], int]
    digest: str


def _tier(employment_status: str) -> int:
    if employment_status in NOT_WORKING_LONG:
        return 0
    if employment_status in NOT_WORKING:
        return 1
    return 2


def gather(*, today: date) -> Inputs:
    """Open placements starting after ``today`` and the choices made for them."""
    placements = list(
        Placement.objects.filter(status=PlacementStatus.OPEN, start_date__gt=today)
        .select_related("organisation")
        .order_by("pk")
    )
    provider_of = {placement.pk: index for index, placement in enumerate(placements)}
    rows = list(
        PlacementChoice.objects.filter(placement_id__in=provider_of)
        .order_by("candidate_id", "rank")
        .values_list("candidate_id", "placement_id", "rank", "candidate__employment_status")
    )
    candidate_ids = sorted({row[0] for row in rows})
    index_of = {pk: index for index, pk in enumerate(candidate_ids)}
    choices: list[list[int]] = [[] for _ in candidate_ids]
    tiers: list[list[list[int]]] = [[[], [], []] for _ in placements]
    ranks: dict[tuple[int, int], int] = {}
    for candidate_id, placement_id, rank, status in rows:
        c, p = index_of[candidate_id], provider_of[placement_id]
        choices[c].append(p)
        tiers[p][_tier(status)].append(c)
        ranks[(c, p)] = rank
    rankings = [[tier for tier in provider_tiers if tier] for provider_tiers in tiers]
    instance = matching.AllocationInstance.from_lists(
        choices=choices, capacities=[p.places for p in placements], rankings=rankings
    )
    fingerprint = repr(
        (rows, [(p.pk, p.places, p.status, p.start_date.isoformat()) for p in placements])
    )
    return Inputs(
        instance=instance,
        candidate_ids=candidate_ids,
        placements=placements,
        ranks=ranks,
        digest=hashlib.sha256(fingerprint.encode()).hexdigest(),
    )


def _groups(candidate_ids: list[int], today: date) -> dict[str, list[str]]:
    """Each candidate's age band, sex, ethnicity and disability, for the fairness summary
    only (it shows rates by group, with small groups hidden, never a person's answers)."""
    births = dict(Candidate.objects.filter(pk__in=candidate_ids).values_list("pk", "date_of_birth"))
    answers = {
        row[0]: row[1:]
        for row in EqualityMonitoring.objects.filter(candidate_id__in=candidate_ids).values_list(
            "candidate_id", "sex", "ethnicity", "disability"
        )
    }

    def label(choices: type, value: str) -> str:
        return str(choices(value).label) if value else NOT_STATED

    groups: dict[str, list[str]] = {"Age band": [], "Sex": [], "Ethnicity": [], "Disability": []}
    for pk in candidate_ids:
        sex, ethnicity, disability = answers.get(pk, ("", "", ""))
        groups["Age band"].append(str(age_band(age_on(births[pk], today)).label))
        groups["Sex"].append(label(Sex, sex))
        groups["Ethnicity"].append(label(Ethnicity, ethnicity))
        groups["Disability"].append(label(YesNoPreferNot, disability))
    return groups


@transaction.atomic
def allocation_run(*, actor: Actor, run_at: datetime, seed: int | None = None) -> AllocationRun:
    """Run the candidate-proposing stable allocation and store it, unconfirmed."""
    if not actor.has_role(Role.RECRUITMENT_ADVISER):
        raise AllocationError(NOT_AN_ADVISER)
    today = run_at.date()
    inputs = gather(today=today)
    if inputs.instance.n_candidates == 0:
        raise AllocationError(NOTHING_TO_ALLOCATE)
    seed = draw_seed() if seed is None else seed
    result = matching.stable_allocation(inputs.instance, proposing="candidates", seed=seed)
    certificate = matching.certify(inputs.instance, result.provider_of)
    report = matching.fairness_report(result.provider_of >= 0, _groups(inputs.candidate_ids, today))
    run = AllocationRun.objects.create(
        run_at=run_at,
        run_by_id=actor.user_id,
        seed=seed,
        inputs_digest=inputs.digest,
        candidates=inputs.instance.n_candidates,
        places=int(inputs.instance.capacities.sum()),
        placed=certificate.placed,
        stable=certificate.stable,
        blocking_pairs=int(certificate.blocking_pairs.shape[0]),
        capacity_ok=certificate.capacity_ok,
        acceptable_ok=certificate.acceptable_ok,
        by_rank=[int(n) for n in certificate.by_rank],
        fairness=[
            {
                "characteristic": group.characteristic,
                "group": group.group,
                "rate": group.rate_display,
                "ratio": group.impact_display,
                "adverse": group.adverse,
            }
            for group in report.groups
        ],
    )
    placed = np.flatnonzero(result.provider_of >= 0)
    PlacedCandidate.objects.bulk_create(
        PlacedCandidate(
            run=run,
            placement=inputs.placements[int(result.provider_of[c])],
            candidate_id=inputs.candidate_ids[int(c)],
            choice_rank=inputs.ranks[(int(c), int(result.provider_of[c]))],
        )
        for c in placed
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=run,
        record_organisation_id=None,
        occurred_at=run_at,
    )
    return run


@transaction.atomic
def allocation_confirm(
    *, actor: Actor, run: AllocationRun, confirmed_at: datetime
) -> AllocationRun:
    """Give the places: the placements are allocated and each placed candidate is told."""
    if not actor.has_role(Role.RECRUITMENT_ADVISER):
        raise AllocationError(NOT_AN_ADVISER)
    run = AllocationRun.objects.select_for_update().get(pk=run.pk)
    if run.confirmed_at is not None:
        raise AllocationError(RUN_ALREADY_CONFIRMED.format(at=run.confirmed_at))
    if not run.certificate_valid:
        raise AllocationError(CERTIFICATE_FAILED)
    inputs = gather(today=run.run_at.date())
    if inputs.digest != run.inputs_digest:
        raise AllocationError(RUN_OUT_OF_DATE)
    run.confirmed_at = confirmed_at
    run.confirmed_by_id = actor.user_id
    run.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    allocated = Placement.objects.filter(pk__in=[p.pk for p in inputs.placements])
    allocated.update(status=PlacementStatus.ALLOCATED)
    audit_record(
        actor=actor,
        action=AuditAction.CHANGED,
        record=run,
        record_organisation_id=None,
        occurred_at=confirmed_at,
        fields_changed=["confirmed_at"],
    )
    given = run.places_given.select_related("candidate", "placement__organisation")
    for place in given.order_by("pk"):
        notices.placement_given(
            place.candidate,
            title=place.placement.title,
            employer=place.placement.organisation.name,
            start=place.placement.start_date,
        )
    return run
