"""Workforce returns and what they hold: workplaces, people and their posts.

A partner uploads a return (one file of one format for one reporting date). A valid return is
loaded whole and becomes the accepted version for that partner, format and date; a later
upload for the same date supersedes it, and the history stays. Person, post and workplace are
kept apart, because one person may hold several posts at several partners: headcount counts
people, filled posts count posts, FTE sums posts' hours.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from oneworkforce.core.models import BaseModel


class ReturnFormat(models.TextChoices):
    # Values are the file formats' keys in ``intelligence.returns.formats``.
    ASCWDS_WORKPLACE = "ascwds-workplace", "ASC-WDS workplace file"
    ASCWDS_STAFF = "ascwds-staff", "ASC-WDS staff file"
    ASCWDS_TRAINING = "ascwds-training", "ASC-WDS training file"
    NHS_STAFF = "nhs-staff", "NHS staff file (ESR-shaped)"


STAFF_FORMATS = (ReturnFormat.ASCWDS_STAFF, ReturnFormat.NHS_STAFF)


class ReturnStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be checked"
    CHECKING = "checking", "Being checked"
    REJECTED = "rejected", "Not accepted: it has errors"
    LOADING = "loading", "Being loaded"
    ACCEPTED = "accepted", "Accepted"
    SUPERSEDED = "superseded", "Replaced by a later upload"
    FAILED = "failed", "Failed while loading: nothing was changed"


IN_PROGRESS = (ReturnStatus.QUEUED, ReturnStatus.CHECKING, ReturnStatus.LOADING)


class WorkforceReturn(BaseModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="workforce_returns"
    )
    format = models.CharField(max_length=24, choices=ReturnFormat.choices)
    reporting_date = models.DateField()
    uploaded_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    received_at = models.DateTimeField()
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    file_size = models.PositiveIntegerField()
    stored_file = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=ReturnStatus.choices)
    job = models.ForeignKey(
        "background.Job", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    row_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    issues_file = models.CharField(max_length=255, blank=True)
    failure = models.CharField(max_length=500, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status__in=["queued", "checking", "loading"]),
                name="return_one_upload_at_a_time_per_partner",
            ),
            models.UniqueConstraint(
                fields=["organisation", "format", "reporting_date"],
                condition=Q(status="accepted"),
                name="return_one_accepted_version_per_partner_format_date",
            ),
            models.CheckConstraint(
                condition=Q(format__in=ReturnFormat.values), name="return_format_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReturnStatus.values), name="return_status_known"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "format", "status"])]

    def __str__(self) -> str:
        return f"{self.get_format_display()} for {self.reporting_date:%d %B %Y}"

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS


class ReturnIssue(models.Model):
    """One problem found in an uploaded file: an error blocks the upload, a warning does not."""

    workforce_return = models.ForeignKey(
        WorkforceReturn, on_delete=models.CASCADE, related_name="issues"
    )
    is_error = models.BooleanField()
    line = models.PositiveIntegerField(null=True)
    column = models.CharField(max_length=40, blank=True)
    value = models.CharField(max_length=100, blank=True)
    message = models.CharField(max_length=500)

    class Meta:
        indexes = [models.Index(fields=["workforce_return", "is_error", "line"])]

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.message}"


class ReturnRow(models.Model):
    """A row of an accepted return. ``record`` keeps the whole normalised row, so the return
    can be exported again exactly; the typed fields are the ones queries need."""

    workforce_return = models.ForeignKey(
        WorkforceReturn, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    record = models.JSONField()

    class Meta:
        abstract = True


class Workplace(ReturnRow):
    """A workplace as the partner's workplace return describes it."""

    key = models.CharField(max_length=80)
    name = models.CharField(max_length=200)
    postcode = models.CharField(max_length=8, blank=True)
    local_authority_code = models.CharField(max_length=9, blank=True)
    main_service = models.CharField(max_length=80, blank=True)
    declared_staff = models.PositiveIntegerField(null=True)
    starters = models.PositiveIntegerField(null=True)
    leavers = models.PositiveIntegerField(null=True)
    vacancies = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workforce_return", "key"], name="workplace_unique_within_return"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Person(ReturnRow):
    """Someone who holds one or more posts, as one return records them. ``key`` identifies
    them within the partner; ``ni_number_hash`` (a keyed hash, never the number) recognises
    the same person at another partner."""

    key = models.CharField(max_length=120)
    ni_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    birth_date = models.DateField(null=True)
    sex = models.CharField(max_length=24, blank=True)
    ethnicity = models.CharField(max_length=80, blank=True)
    disability = models.CharField(max_length=24, blank=True)
    care_qualification_level = models.PositiveSmallIntegerField(null=True)
    has_leadership_qualification = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workforce_return", "key"], name="person_unique_within_return"
            ),
        ]

    def __str__(self) -> str:
        return f"person {self.pk}"


class Post(ReturnRow):
    """One person's employment in one role at one partner, as of a return."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    key = models.CharField(max_length=120)
    workplace_key = models.CharField(max_length=80, blank=True)
    sector = models.CharField(max_length=16)
    job_role = models.CharField(max_length=80, blank=True)
    staff_group = models.CharField(max_length=80, blank=True)
    role_group = models.CharField(max_length=32, blank=True)
    is_care_providing = models.BooleanField(default=False)
    is_manager = models.BooleanField(default=False)
    contract_type = models.CharField(max_length=24, blank=True)
    is_zero_hours = models.BooleanField(default=False)
    contracted_hours = models.FloatField(null=True)
    fte = models.FloatField(null=True)
    pay_band = models.CharField(max_length=16, blank=True)
    start_date = models.DateField(null=True)
    left_date = models.DateField(null=True)
    leaving_reason = models.CharField(max_length=80, blank=True)
    leaving_destination = models.CharField(max_length=80, blank=True)
    recruitment_source = models.CharField(max_length=80, blank=True)
    sickness_days = models.FloatField(null=True)
    site_postcode = models.CharField(max_length=8, blank=True)
    local_authority_code = models.CharField(max_length=9, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workforce_return", "key"], name="post_unique_within_return"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "workforce_return"])]

    def __str__(self) -> str:
        return f"post {self.key}"


class TrainingRecord(ReturnRow):
    person_key = models.CharField(max_length=120)
    category = models.CharField(max_length=80, blank=True)
    completed_date = models.DateField(null=True)
    expiry_date = models.DateField(null=True)

    def __str__(self) -> str:
        return f"{self.category} for {self.person_key}"


# Planning: population projections, scenarios, and the partnership's programmes and money.
# (The views, services and selectors are in ``intelligence.planning``.)


class PopulationProjection(BaseModel):
    """One version of the population figures the projection is driven by. Every upload is
    kept; the latest is the one in use."""

    name = models.CharField(max_length=200)
    source = models.CharField(max_length=500)
    is_illustrative = models.BooleanField(default=False)
    file_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    row_count = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name


class PopulationFigure(models.Model):
    projection = models.ForeignKey(
        PopulationProjection, on_delete=models.CASCADE, related_name="figures"
    )
    local_authority_code = models.CharField(max_length=9)
    age_band = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    population = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["projection", "local_authority_code", "age_band", "year"],
                name="population_figure_once_per_area_band_year",
            ),
            # The bands of engines.projection.POPULATION_BANDS.
            models.CheckConstraint(
                condition=Q(age_band__in=["0-17", "18-64", "65-84", "85+"]),
                name="population_figure_band_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.local_authority_code} {self.age_band} {self.year}"


class Scenario(BaseModel):
    """A named set of changes to the baseline that an analyst saved. ``demand_weights``
    overrides the default weights per role group: ``{role_group: {"aged_65_84": 0.4, ...}}``."""

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=500, blank=True)
    turnover_points = models.FloatField(default=0.0)
    extra_programme_starters = models.FloatField(default=0.0)
    international_factor = models.FloatField(default=1.0)
    external_factor = models.FloatField(default=1.0)
    retirement_factor = models.FloatField(default=1.0)
    demand_growth_factor = models.FloatField(default=1.0)
    demand_weights = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(extra_programme_starters__gte=0)
                & Q(international_factor__gte=0)
                & Q(external_factor__gte=0)
                & Q(retirement_factor__gte=0)
                & Q(demand_growth_factor__gte=0),
                name="scenario_factors_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(turnover_points__gte=-100) & Q(turnover_points__lte=100),
                name="scenario_turnover_points_within_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Workstream(BaseModel):
    name = models.CharField(max_length=200, unique=True)
    description = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.name


class InitiativeKind(models.TextChoices):
    CAMPAIGN = "campaign", "Recruitment campaign"
    ACADEMY_COHORT = "academy_cohort", "Academy cohort"
    PLACEMENT = "placement", "Work placements"
    APPRENTICESHIP = "apprenticeship", "Apprenticeships"
    OTHER = "other", "Other"


class Initiative(BaseModel):
    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="initiatives")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=InitiativeKind.choices)
    start_date = models.DateField()
    # The joint recruitment campaign whose applications count as this initiative's steps.
    # PROTECT: deleting a campaign must not silently take people out of figures the board
    # has already seen; unlink it from the initiative first, deliberately.
    campaign = models.ForeignKey(
        "vacancies.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "name"], name="initiative_name_unique_in_workstream"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=InitiativeKind.values), name="initiative_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WorkstreamBudget(BaseModel):
    """The money a workstream has for one financial year (``year`` is the year it starts:
    2026 is April 2026 to March 2027)."""

    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="budgets")
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "year"], name="budget_once_per_workstream_year"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.workstream} {self.year}"


class SpendEntry(BaseModel):
    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="spend")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, null=True, blank=True, related_name="spend"
    )
    spent_date = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    description = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="spend_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.amount})"


class ParticipantStep(BaseModel):
    """One participant of an initiative reaching one step of the journey, with the equality
    groups the programme statistics are broken down by. ``participant_ref`` is the
    programme's own pseudonymous reference, never a name."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="steps")
    participant_ref = models.CharField(max_length=64)
    step = models.CharField(max_length=24)
    reached_date = models.DateField()
    age_band = models.CharField(max_length=16)
    sex = models.CharField(max_length=16)
    ethnicity_group = models.CharField(max_length=16)
    disability = models.CharField(max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "participant_ref", "step"],
                name="participant_reaches_a_step_once",
            ),
            # The steps of intelligence.planning.steps.STEPS.
            models.CheckConstraint(
                condition=Q(
                    step__in=[
                        "registered",
                        "assessed",
                        "trained",
                        "applied",
                        "interviewed",
                        "offered",
                        "started",
                        "retained_6_months",
                        "retained_12_months",
                    ]
                ),
                name="participant_step_known",
            ),
        ]
        indexes = [models.Index(fields=["initiative", "step"])]

    def __str__(self) -> str:
        return f"{self.participant_ref} {self.step}"
