"""Applications from suggestion to twelve months in post, their pre-employment checks and
retention prompts, and paid work placements with the adviser's allocation runs.

An application's ``stage`` only moves forward, one step at a time, and every step is a dated
``StageChange`` row, so the partnership can say how long each step took. It ends early when the
candidate withdraws or the employer rejects (with a reason), or after starting when the person
leaves. Strings a candidate reads are marked for translation; staff-only labels are not.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from oneworkforce.core.models import BaseModel
from oneworkforce.partners.models import Organisation, Site, User
from oneworkforce.recruitment.models import Candidate
from oneworkforce.recruitment.vacancies.models import Vacancy
from oneworkforce.reference.models import JobRole


class Stage(models.TextChoices):
    """The steps in order: an application never skips one and never goes back."""

    SUGGESTED = "suggested", _("Suggested to you")
    APPLIED = "applied", _("Applied")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Interview booked")
    OFFER = "offer", _("Job offered")
    CHECKS = "checks", _("Pre-employment checks")
    STARTED = "started", _("Started work")
    RETAINED_3 = "retained_3", _("In post after 3 months")
    RETAINED_6 = "retained_6", _("In post after 6 months")
    RETAINED_12 = "retained_12", _("In post after 12 months")


STAGE_ORDER: tuple[str, ...] = tuple(Stage.values)
RETENTION_MONTHS = {3: Stage.RETAINED_3, 6: Stage.RETAINED_6, 12: Stage.RETAINED_12}


def stage_index(stage: str) -> int:
    return STAGE_ORDER.index(stage)


class Outcome(models.TextChoices):
    ACTIVE = "active", _("In progress")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Not successful")
    LEFT = "left", _("Left the job")


class WithdrawalReason(models.TextChoices):
    OTHER_JOB = "other_job", _("I found another job")
    HOURS = "hours", _("The hours do not suit me")
    TRAVEL = "travel", _("It is too far to travel")
    PAY = "pay", _("The pay is too low")
    CIRCUMSTANCES = "circumstances", _("My circumstances changed")
    NO_RESPONSE = "no_response", _("Stopped replying")
    OTHER = "other", _("Another reason")


class RejectionReason(models.TextChoices):
    EXPERIENCE = "experience", _("Other applicants had more of the experience needed")
    REQUIREMENTS = "requirements", _("The job's requirements were not met")
    INTERVIEW = "interview", _("The interview did not go well enough")
    DID_NOT_ATTEND = "did_not_attend", _("Did not come to the interview")
    CHECKS = "checks", _("A pre-employment check was not cleared")
    POSTS_FILLED = "posts_filled", _("All the posts were filled")
    OTHER = "other", _("Another reason")


class LeavingReason(models.TextChoices):
    OTHER_CARE_JOB = "other_care_job", _("Moved to another care job")
    LEFT_CARE = "left_care", _("Left care work")
    HOURS = "hours", _("The hours did not suit")
    HEALTH = "health", _("Health")
    DISMISSED = "dismissed", _("Dismissed")
    OTHER = "other", _("Another reason")


class Application(BaseModel):
    """One candidate and one vacancy. Suggested by an adviser or employer (within the
    candidate's consent), or applied for by the candidate themself."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    stage_at = models.DateTimeField()
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.ACTIVE)
    reason = models.CharField(max_length=20, blank=True)
    reason_note = models.CharField(max_length=300, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    suggested_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    adjustments = models.TextField(blank=True)
    interview_at = models.DateTimeField(null=True, blank=True)
    interview_place = models.CharField(max_length=200, blank=True)
    interview_reminded_at = models.DateTimeField(null=True, blank=True)
    offered_start_date = models.DateField(null=True, blank=True)
    started_date = models.DateField(null=True, blank=True)
    left_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "vacancy"], name="application_one_per_candidate_and_vacancy"
            ),
            models.CheckConstraint(
                condition=Q(stage__in=STAGE_ORDER), name="application_stage_known"
            ),
            models.CheckConstraint(
                condition=(Q(outcome=Outcome.ACTIVE, ended_at__isnull=True, reason=""))
                | (~Q(outcome=Outcome.ACTIVE) & Q(ended_at__isnull=False) & ~Q(reason="")),
                name="application_ended_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(
                    stage__in=[
                        Stage.SUGGESTED,
                        Stage.APPLIED,
                        Stage.SHORTLISTED,
                        Stage.INTERVIEW,
                        Stage.OFFER,
                        Stage.CHECKS,
                    ]
                )
                | Q(started_date__isnull=False),
                name="application_started_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.LEFT) | Q(left_date__isnull=False),
                name="application_leaver_has_date",
            ),
        ]
        indexes = [models.Index(fields=["vacancy", "stage"])]

    def __str__(self) -> str:
        return f"Application #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.outcome == Outcome.ACTIVE

    @property
    def reason_label(self) -> str:
        choices = {
            Outcome.WITHDRAWN: WithdrawalReason,
            Outcome.REJECTED: RejectionReason,
            Outcome.LEFT: LeavingReason,
        }.get(Outcome(self.outcome))
        if choices is None or not self.reason:
            return ""
        return str(choices(self.reason).label)


class StageChange(BaseModel):
    """The day an application reached a stage: the pipeline's dated history."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="changes")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    entered_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage"], name="stage_change_once_per_stage"
            ),
        ]


class CheckKind(models.TextChoices):
    """The six NHS Employment Check Standards, in the order employers usually run them."""

    IDENTITY = "identity", _("Identity")
    RIGHT_TO_WORK = "right_to_work", _("Right to work")
    EMPLOYMENT_HISTORY = "employment_history", _("Employment history and references")
    REGISTRATION = "registration", _("Professional registration and qualifications")
    WORK_HEALTH = "work_health", _("Work health assessment")
    CRIMINAL_RECORD = "criminal_record", _("Criminal record check (DBS)")


class CheckStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    CLEARED = "cleared", _("Cleared")
    NOT_NEEDED = "not_needed", _("Not needed for this job")
    PROBLEM = "problem", _("Needs attention")


DONE_STATUSES = (CheckStatus.CLEARED, CheckStatus.NOT_NEEDED)


class NextActor(models.TextChoices):
    CANDIDATE = "candidate", _("You")
    EMPLOYER = "employer", _("The employer")
    THIRD_PARTY = "third_party", _("Someone else (a referee, the DBS or occupational health)")
    NOBODY = "nobody", _("Nobody: this check is done")


class EmploymentCheck(BaseModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=20, choices=CheckKind.choices)
    status = models.CharField(
        max_length=12, choices=CheckStatus.choices, default=CheckStatus.NOT_STARTED
    )
    status_date = models.DateField()
    next_actor = models.CharField(max_length=12, choices=NextActor.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"], name="employment_check_one_per_kind"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=DONE_STATUSES) | Q(next_actor=NextActor.NOBODY),
                name="employment_check_done_needs_nobody",
            ),
        ]


class RetentionPrompt(BaseModel):
    """A reminder to the employer that someone's 3, 6 or 12 months in post are due to be
    checked; answered when the employer records them still in post or gone."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="retention_prompts"
    )
    months = models.PositiveSmallIntegerField()
    due_date = models.DateField()
    prompted_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "months"], name="retention_prompt_once_per_milestone"
            ),
            models.CheckConstraint(
                condition=Q(months__in=[3, 6, 12]), name="retention_prompt_months_known"
            ),
        ]


class PlacementStatus(models.TextChoices):
    OPEN = "open", _("Open for choices")
    ALLOCATED = "allocated", _("Places given")


class Placement(BaseModel):
    """A paid work placement a partner offers: a role at a site for some weeks, for a number
    of people, at an hourly rate."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="placements"
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="placements")
    job_role = models.ForeignKey(JobRole, on_delete=models.PROTECT, related_name="placements")
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    places = models.PositiveSmallIntegerField()
    hourly_rate = models.DecimalField(max_digits=6, decimal_places=2)
    status = models.CharField(
        max_length=12, choices=PlacementStatus.choices, default=PlacementStatus.OPEN
    )
    offered_at = models.DateTimeField()
    offered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="placement_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="placement_at_least_one"),
            models.CheckConstraint(condition=Q(hourly_rate__gt=0), name="placement_is_paid"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}"

    def weeks(self) -> int:
        return ((self.end_date - self.start_date).days + 1 + 6) // 7

    def is_open_on(self, today: date) -> bool:
        return self.status == PlacementStatus.OPEN and self.start_date > today


class PlacementChoice(BaseModel):
    """A candidate's ranking: 1 is the placement they want most."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="choices")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "placement"], name="placement_choice_once_per_placement"
            ),
            models.UniqueConstraint(
                fields=["candidate", "rank"], name="placement_choice_one_per_rank"
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="placement_choice_rank_from_1"),
        ]


class AllocationRun(BaseModel):
    """One run of the stable allocation over the open placements, as the adviser saw it:
    the seed of the tie-breaking lottery, the certificate and the fairness summary. Nothing
    is given to anyone until the adviser confirms it."""

    run_at = models.DateTimeField()
    run_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    seed = models.BigIntegerField()
    inputs_digest = models.CharField(max_length=64)
    candidates = models.PositiveIntegerField()
    places = models.PositiveIntegerField()
    placed = models.PositiveIntegerField()
    stable = models.BooleanField()
    blocking_pairs = models.PositiveIntegerField()
    capacity_ok = models.BooleanField()
    acceptable_ok = models.BooleanField()
    by_rank = models.JSONField(default=list)
    fairness = models.JSONField(default=list)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    @property
    def certificate_valid(self) -> bool:
        return self.stable and self.capacity_ok and self.acceptable_ok


class PlacedCandidate(BaseModel):
    """One candidate's place in a run (proposed until the run is confirmed)."""

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="places_given")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    choice_rank = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "candidate"], name="placed_candidate_once_per_run"
            ),
        ]
