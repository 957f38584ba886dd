"""Over a year of the demo district's recruitment pipeline, made from its seed.

Each month of the past fifteen, some of the employers' jobs were advertised again (copies of
their current vacancies, posted that month and long since filled or closed), and the demo
candidates applied or were suggested to them. Every application then walks the stages with
realistic conversion and drop-out, on dated steps a few days apart: about half of those who
apply are shortlisted, most shortlisted are interviewed, about half of those interviewed are
offered (never more offers than posts), most offers reach a start, and of those who start
about 85% are still in post at 3 months, fewer at 6 and 12. Drop-outs carry the reasons
people give. Live vacancies get early-stage applications (some interviews booked ahead), and
the partners offer a few paid placements that candidates have ranked, ready to allocate.

Rows are written in bulk (the demo builds in seconds), and the models' constraints hold them
to the rules the services enforce. Suggestions only name candidates whose current consent
covers every partner, as a suggestion through the service would require.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np

from oneworkforce.recruitment.models import Candidate, Consent, SharingScope
from oneworkforce.recruitment.pipeline.models import (
    AllocationRun,
    Application,
    CheckKind,
    CheckStatus,
    EmploymentCheck,
    LeavingReason,
    NextActor,
    Outcome,
    Placement,
    PlacementChoice,
    RejectionReason,
    RetentionPrompt,
    Stage,
    StageChange,
    WithdrawalReason,
)
from oneworkforce.recruitment.pipeline.services import add_months
from oneworkforce.recruitment.vacancies.models import Vacancy, VacancyStatus
from oneworkforce.reference.models import JobRole

# A different stream from the district's own, so adding the pipeline changes nothing else.
SEED_OFFSET = 8_101
HISTORY_MONTHS = 15
RETENTION_STAGES = (Stage.STARTED, Stage.RETAINED_3, Stage.RETAINED_6)
# A milestone that came in the last few weeks is left unanswered this often.
PROMPT_WINDOW_DAYS = 45
UNANSWERED_SHARE = 0.4
REPOSTS_PER_MONTH = 0.3  # of the current vacancies, re-advertised in each past month
APPLICANTS_PER_VACANCY = 7
SUGGESTED_SHARE = 0.2
# The chance of moving on from each stage to the next; the rest drop out there.
CONVERSION = {
    Stage.SUGGESTED: 0.55,
    Stage.APPLIED: 0.5,
    Stage.SHORTLISTED: 0.8,
    Stage.INTERVIEW: 0.55,
    Stage.OFFER: 0.92,
    Stage.CHECKS: 0.88,
    Stage.STARTED: 0.85,
    Stage.RETAINED_3: 0.88,
    Stage.RETAINED_6: 0.86,
}
# Days between one stage and the next: (fewest, most).
GAPS = {
    Stage.APPLIED: (0, 6),
    Stage.SHORTLISTED: (3, 12),
    Stage.INTERVIEW: (2, 9),
    Stage.OFFER: (1, 6),
    Stage.CHECKS: (1, 3),
    Stage.STARTED: (14, 40),
}
# Who leaves at each stage: the candidate (withdrawn) or the employer (rejected).
CANDIDATE_LEAVES = {
    Stage.SUGGESTED: 1.0,
    Stage.APPLIED: 0.3,
    Stage.SHORTLISTED: 0.5,
    Stage.INTERVIEW: 0.25,
    Stage.OFFER: 0.8,
    Stage.CHECKS: 0.5,
}
WITHDRAWALS = (
    (WithdrawalReason.OTHER_JOB, 0.35),
    (WithdrawalReason.HOURS, 0.15),
    (WithdrawalReason.TRAVEL, 0.15),
    (WithdrawalReason.PAY, 0.1),
    (WithdrawalReason.CIRCUMSTANCES, 0.1),
    (WithdrawalReason.NO_RESPONSE, 0.15),
)
REJECTIONS = {
    Stage.APPLIED: ((RejectionReason.EXPERIENCE, 0.6), (RejectionReason.REQUIREMENTS, 0.4)),
    Stage.SHORTLISTED: ((RejectionReason.DID_NOT_ATTEND, 0.6), (RejectionReason.EXPERIENCE, 0.4)),
    Stage.INTERVIEW: ((RejectionReason.INTERVIEW, 0.8), (RejectionReason.DID_NOT_ATTEND, 0.2)),
    Stage.OFFER: ((RejectionReason.CHECKS, 1.0),),
    Stage.CHECKS: ((RejectionReason.CHECKS, 1.0),),
}
LEAVINGS = (
    (LeavingReason.OTHER_CARE_JOB, 0.35),
    (LeavingReason.LEFT_CARE, 0.25),
    (LeavingReason.HOURS, 0.2),
    (LeavingReason.HEALTH, 0.1),
    (LeavingReason.DISMISSED, 0.1),
)
WAITING_ON = ((NextActor.CANDIDATE, 0.4), (NextActor.EMPLOYER, 0.3), (NextActor.THIRD_PARTY, 0.3))
PLACEMENTS = (
    ("care_home_provider", "care-worker", "Care home taster weeks", 3, "12.60"),
    ("home_care_agency", "care-worker", "Home care with a mentor", 2, "12.90"),
    ("care_home_provider", "cook", "Kitchen and housekeeping placement", 2, "12.60"),
    ("nhs_trust", "healthcare-assistant", "Ward placement as a healthcare assistant", 4, "12.75"),
)
PLACEMENT_RANKERS = 60


@dataclass(frozen=True)
class DemoPipeline:
    vacancies_reposted: int
    applications: int
    started: int
    retained_12: int
    placements: int
    placement_choices: int


def _pick(rng: np.random.Generator, weighted: Sequence[tuple[str, float]]) -> str:
    weights = np.array([weight for _, weight in weighted])
    return weighted[int(rng.choice(len(weighted), p=weights / weights.sum()))][0]


def _moment(day: date, rng: np.random.Generator, loaded_at: datetime) -> datetime:
    at = datetime.combine(day, datetime.min.time(), tzinfo=loaded_at.tzinfo)
    return at + timedelta(hours=int(rng.integers(8, 18)), minutes=int(rng.integers(0, 60)))


class _Rows:
    def __init__(self) -> None:
        self.applications: list[Application] = []
        self.changes: list[list[tuple[str, datetime]]] = []
        self.checks: list[list[EmploymentCheck]] = []
        self.prompts: list[list[RetentionPrompt]] = []


def _walk(
    rng: np.random.Generator,
    rows: _Rows,
    *,
    candidate_id: int,
    vacancy: Vacancy,
    first_day: date,
    suggested: bool,
    offers: dict[int, int],
    today: date,
    loaded_at: datetime,
) -> None:
    """One application from its first day to where it stops, no later than today."""
    stage = Stage.SUGGESTED if suggested else Stage.APPLIED
    day = first_day
    history = [(stage.value, _moment(day, rng, loaded_at))]
    fields: dict[str, object] = {}
    outcome, reason, ended = Outcome.ACTIVE, "", None
    order = list(Stage)
    while True:
        index = order.index(stage)
        if index + 1 >= len(order) or stage == Stage.RETAINED_12:
            break
        following = order[index + 1]
        if stage in (Stage.STARTED, Stage.RETAINED_3, Stage.RETAINED_6):
            months = {Stage.STARTED: 3, Stage.RETAINED_3: 6, Stage.RETAINED_6: 12}[stage]
            started = fields["started_date"]
            assert isinstance(started, date)
            next_day = add_months(started, months)
        else:
            low, high = GAPS[following]
            next_day = day + timedelta(days=int(rng.integers(low, high + 1)))
        if next_day > today:
            break
        recently_due = stage in RETENTION_STAGES and (today - next_day).days < PROMPT_WINDOW_DAYS
        if recently_due and rng.random() < UNANSWERED_SHARE:
            break  # the employer has not answered this prompt yet
        moves_on = rng.random() < CONVERSION[stage]
        if following == Stage.OFFER and offers.get(vacancy.pk, 0) >= vacancy.posts:
            moves_on = False
            outcome, reason = Outcome.REJECTED, RejectionReason.POSTS_FILLED
        if not moves_on:
            if outcome != Outcome.ACTIVE:
                pass  # already decided above: every post was offered
            elif stage in (Stage.STARTED, Stage.RETAINED_3, Stage.RETAINED_6):
                outcome, reason = Outcome.LEFT, _pick(rng, LEAVINGS)
                fields["left_date"] = day + timedelta(
                    days=int(rng.integers(1, (next_day - day).days))
                )
            elif rng.random() < CANDIDATE_LEAVES[stage]:
                outcome, reason = Outcome.WITHDRAWN, _pick(rng, WITHDRAWALS)
            else:
                outcome, reason = Outcome.REJECTED, _pick(rng, REJECTIONS[stage])
            ended = _moment(min(next_day, today), rng, loaded_at)
            break
        day, stage = next_day, following
        history.append((stage.value, _moment(day, rng, loaded_at)))
        if stage == Stage.INTERVIEW:
            fields["interview_at"] = _moment(day + timedelta(days=int(rng.integers(3, 10))), rng,
                                             loaded_at)  # fmt: skip
            fields["interview_place"] = vacancy.site.name
        elif stage == Stage.OFFER:
            offers[vacancy.pk] = offers.get(vacancy.pk, 0) + 1
            fields["offered_start_date"] = day + timedelta(days=21)
        elif stage == Stage.STARTED:
            fields["started_date"] = day
    if stage == Stage.INTERVIEW and outcome == Outcome.ACTIVE:
        # Interviews still to come are booked ahead of today, as the service requires.
        fields["interview_at"] = _moment(today + timedelta(days=int(rng.integers(1, 10))), rng,
                                         loaded_at)  # fmt: skip
    reached = {name for name, _ in history}
    checks: list[EmploymentCheck] = []
    if Stage.CHECKS in reached:
        done = Stage.STARTED in reached
        for kind in CheckKind.values:
            cleared = done or rng.random() < 0.5
            status = CheckStatus.CLEARED if cleared else CheckStatus.IN_PROGRESS
            if kind == CheckKind.REGISTRATION and vacancy.job_role.key.startswith("care"):
                status = CheckStatus.NOT_NEEDED
            finished = status in (CheckStatus.CLEARED, CheckStatus.NOT_NEEDED)
            waiting = _pick(rng, WAITING_ON)
            checks.append(
                EmploymentCheck(
                    kind=kind,
                    status=status,
                    status_date=history[-1][1].date(),
                    next_actor=NextActor.NOBODY if finished else waiting,
                )
            )
    prompts: list[RetentionPrompt] = []
    if outcome == Outcome.ACTIVE and "started_date" in fields and stage != Stage.RETAINED_12:
        months = {Stage.STARTED: 3, Stage.RETAINED_3: 6, Stage.RETAINED_6: 12}[Stage(stage)]
        started = fields["started_date"]
        assert isinstance(started, date)
        due = add_months(started, months)
        if due <= today:
            prompted_at = _moment(due, rng, loaded_at)
            prompts.append(RetentionPrompt(months=months, due_date=due, prompted_at=prompted_at))
    rows.applications.append(
        Application(
            candidate_id=candidate_id,
            vacancy=vacancy,
            stage=stage,
            stage_at=history[-1][1],
            outcome=outcome,
            reason=reason,
            ended_at=ended,
            created_at=history[0][1],
            **fields,
        )
    )
    rows.changes.append(history)
    rows.checks.append(checks)
    rows.prompts.append(prompts)


def _reposted(
    rng: np.random.Generator, templates: list[Vacancy], loaded_at: datetime
) -> list[Vacancy]:
    """Last year's adverts: copies of current vacancies, posted in each past month, filled."""
    copied_fields = [
        f.attname
        for f in Vacancy._meta.concrete_fields
        if f.attname not in ("id", "created_at", "updated_at")
    ]
    today = loaded_at.date()
    rows = []
    # Fifteen months back, so that the earliest starters have reached 12 months in post.
    for months_ago in range(HISTORY_MONTHS, 1, -1):
        month_start = add_months(today.replace(day=1), -months_ago)
        for template in templates:
            if rng.random() >= REPOSTS_PER_MONTH:
                continue
            posted = month_start + timedelta(days=int(rng.integers(0, 28)))
            closing = posted + timedelta(days=int(rng.integers(21, 43)))
            values = {name: getattr(template, name) for name in copied_fields}
            values.update(
                status=VacancyStatus.FILLED,
                posted_at=_moment(posted, rng, loaded_at),
                created_at=_moment(posted, rng, loaded_at),
                closing_date=closing,
                closed_date=closing,
                filled_date=closing + timedelta(days=int(rng.integers(5, 30))),
                withdrawn_date=None,
            )
            rows.append(Vacancy(**values))
    Vacancy.objects.bulk_create(rows, batch_size=2000)
    return rows


def demo_pipeline_load(
    *, candidates: Sequence[Candidate], seed: int, loaded_at: datetime
) -> DemoPipeline:
    """Write a year of applications, their dated stages, checks and retention prompts, and
    the placements on offer with candidates' rankings; the same seed gives the same rows."""
    rng = np.random.default_rng(seed + SEED_OFFSET)
    today = loaded_at.date()
    if not candidates:
        return DemoPipeline(0, 0, 0, 0, 0, 0)
    templates = list(
        Vacancy.objects.select_related("site", "job_role", "organisation").order_by("pk")
    )
    history = _reposted(rng, templates, loaded_at)
    sites = {t.site_id: t.site for t in templates}
    roles = {t.job_role_id: t.job_role for t in templates}
    for vacancy in history:
        vacancy.site, vacancy.job_role = sites[vacancy.site_id], roles[vacancy.job_role_id]
    sharing_all = set(
        Consent.objects.filter(
            withdrawn_at__isnull=True, sharing=SharingScope.ALL_PARTNERS
        ).values_list("candidate_id", flat=True)
    )
    candidate_ids = [candidate.pk for candidate in candidates]
    suggestable = [pk for pk in candidate_ids if pk in sharing_all]
    rows = _Rows()
    offers: dict[int, int] = {}
    applied: set[tuple[int, int]] = set()
    live = [v for v in templates if v.status == VacancyStatus.OPEN and v.closing_date >= today]
    for vacancy in [*history, *live]:
        first = vacancy.posted_at.date()
        last = min(vacancy.closing_date, today)
        count = int(rng.poisson(APPLICANTS_PER_VACANCY))
        people = rng.choice(len(candidate_ids), size=min(count, len(candidate_ids)), replace=False)
        for person in sorted(people.tolist()):
            suggested = bool(suggestable) and rng.random() < SUGGESTED_SHARE
            candidate_id = (
                suggestable[int(rng.integers(len(suggestable)))]
                if suggested
                else candidate_ids[person]
            )
            if (candidate_id, vacancy.pk) in applied:
                continue
            applied.add((candidate_id, vacancy.pk))
            span = max((last - first).days, 0)
            _walk(
                rng,
                rows,
                candidate_id=candidate_id,
                vacancy=vacancy,
                first_day=first + timedelta(days=int(rng.integers(0, span + 1))),
                suggested=suggested,
                offers=offers,
                today=today,
                loaded_at=loaded_at,
            )
    Application.objects.bulk_create(rows.applications, batch_size=2000)
    StageChange.objects.bulk_create(
        (
            StageChange(application=application, stage=stage, entered_at=at, created_at=at)
            for application, changes in zip(rows.applications, rows.changes, strict=True)
            for stage, at in changes
        ),
        batch_size=5000,
    )
    for application, checks, prompts in zip(
        rows.applications, rows.checks, rows.prompts, strict=True
    ):
        for check in checks:
            check.application = application
        for prompt in prompts:
            prompt.application = application
    EmploymentCheck.objects.bulk_create(
        (check for checks in rows.checks for check in checks), batch_size=5000
    )
    RetentionPrompt.objects.bulk_create(
        (prompt for prompts in rows.prompts for prompt in prompts), batch_size=2000
    )
    placements, choices = _placements(rng, templates, candidate_ids, loaded_at)
    return DemoPipeline(
        vacancies_reposted=len(history),
        applications=len(rows.applications),
        started=sum(1 for a in rows.applications if a.started_date is not None),
        retained_12=sum(1 for a in rows.applications if a.stage == Stage.RETAINED_12),
        placements=placements,
        placement_choices=choices,
    )


def _placements(
    rng: np.random.Generator,
    templates: list[Vacancy],
    candidate_ids: list[int],
    loaded_at: datetime,
) -> tuple[int, int]:
    today = loaded_at.date()
    by_kind: dict[str, Vacancy] = {}
    for vacancy in templates:
        by_kind.setdefault(vacancy.organisation.kind, vacancy)
    roles = dict(JobRole.objects.values_list("key", "pk"))
    offered = []
    for kind, role_key, title, places, rate in PLACEMENTS:
        host = by_kind.get(kind)
        if host is None:
            continue
        start = today + timedelta(days=int(rng.integers(21, 50)))
        offered.append(
            Placement(
                organisation_id=host.organisation_id,
                site_id=host.site_id,
                job_role_id=roles.get(role_key, host.job_role_id),
                title=title,
                description="Paid weeks alongside experienced staff, with a mentor.",
                start_date=start,
                end_date=start + timedelta(days=27),
                places=places,
                hourly_rate=Decimal(rate),
                offered_at=loaded_at - timedelta(days=int(rng.integers(5, 20))),
            )
        )
    Placement.objects.bulk_create(offered)
    choices: list[PlacementChoice] = []
    if offered:
        rankers = rng.choice(
            len(candidate_ids), size=min(PLACEMENT_RANKERS, len(candidate_ids)), replace=False
        )
        for person in sorted(rankers.tolist()):
            wanted = rng.permutation(len(offered))[: int(rng.integers(1, min(3, len(offered)) + 1))]
            choices.extend(
                PlacementChoice(
                    candidate_id=candidate_ids[person], placement=offered[int(p)], rank=rank
                )
                for rank, p in enumerate(wanted.tolist(), start=1)
            )
    PlacementChoice.objects.bulk_create(choices)
    return len(offered), len(choices)


def demo_pipeline_clear() -> None:
    """Delete every application and placement (they protect vacancies and partners)."""
    AllocationRun.objects.all().delete()
    PlacementChoice.objects.all().delete()
    Placement.objects.all().delete()
    Application.objects.all().delete()
