"""Vacancies partners post, and joint campaigns several partners recruit through together.

A vacancy belongs to one organisation and one of its sites. It is posted open, and then
closes, fills or is withdrawn, each on a recorded date. Open vacancies whose closing date has
not passed appear on the public careers site. A campaign gathers several employers and some
of their vacancies behind one page and one way to apply.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from oneworkforce.core.models import BaseModel
from oneworkforce.partners.models import Organisation, Site, User
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.reference.models import JobRole, Qualification


class PayKind(models.TextChoices):
    HOURLY = "hourly", "An hourly rate"
    NHS_BAND = "nhs_band", "An NHS Agenda for Change band"


class NhsBand(models.TextChoices):
    BAND_2 = "2", _("Band 2")
    BAND_3 = "3", _("Band 3")
    BAND_4 = "4", _("Band 4")
    BAND_5 = "5", _("Band 5")
    BAND_6 = "6", _("Band 6")
    BAND_7 = "7", _("Band 7")
    BAND_8A = "8a", _("Band 8a")
    BAND_8B = "8b", _("Band 8b")
    BAND_8C = "8c", _("Band 8c")
    BAND_8D = "8d", _("Band 8d")
    BAND_9 = "9", _("Band 9")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed term")
    BANK = "bank", _("Bank or relief")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")


class Setting(models.TextChoices):
    """Where the work happens. The values are those of the candidate register's settings of
    interest where one fits, so a candidate's interests match without translation; the order
    is the matching engine's setting code: never reorder, only add at the end."""

    RESIDENTIAL = "residential", _("Residential care home")
    NURSING = "nursing", _("Nursing home")
    HOME_CARE = "home_care", _("Care in people's own homes")
    HOSPITAL = "hospital", _("Hospital")
    COMMUNITY = "community", _("Community health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    LEARNING_DISABILITY = "learning_disability", _("Learning disability support")
    DAY_SERVICES = "day_services", _("Day services")
    GP_PRACTICE = "gp_practice", _("GP practice")
    SUPPORTED_LIVING = "supported_living", _("Supported living")
    OFFICE = "office", _("Office or headquarters")


class CheckLevel(models.IntegerChoices):
    """Criminal record check levels (DBS), as the matching engine numbers them."""

    NONE = 0, _("No check needed")
    BASIC = 1, _("Basic")
    STANDARD = 2, _("Standard")
    ENHANCED = 3, _("Enhanced")
    ENHANCED_BARRED = 4, _("Enhanced with barred lists")


class SickPay(models.TextChoices):
    STATUTORY = "statutory", _("Statutory sick pay only")
    ENHANCED = "enhanced", _("Sick pay above the statutory minimum")


class CharterPoint(models.TextChoices):
    """Points of UNISON's Ethical Care Charter an employer may have signed up to."""

    NEEDS_NOT_MINUTES = "needs_not_minutes", _("Visits are set by people's needs, not minutes")
    NO_FLYING_VISITS = "no_flying_visits", _("No visits of 15 minutes or less")
    PAID_TRAVEL = "paid_travel", _("Paid for travel time")
    SAME_CARE_WORKER = "same_care_worker", _("People see the same care workers")
    NO_ZERO_HOURS = "no_zero_hours", _("No zero-hours contracts unless asked for")
    TRAINING_PAID = "training_paid", _("Training is free and in paid time")
    TIME_TO_SHARE = "time_to_share", _("Time to meet colleagues and share practice")
    SICK_PAY = "sick_pay", _("Occupational sick pay")
    LIVING_WAGE = "living_wage", _("At least the Real Living Wage")
    TRADE_UNIONS = "trade_unions", _("Free to join a trade union")
    RAISE_CONCERNS = "raise_concerns", _("A way to raise concerns about people's care")


class VacancyStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    FILLED = "filled", "Filled"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Vacancy(BaseModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="vacancies"
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="vacancies")
    job_role = models.ForeignKey(JobRole, on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(max_length=120)
    description = models.TextField()
    pay_kind = models.CharField(max_length=16, choices=PayKind.choices)
    hourly_rate = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    nhs_band = models.CharField(max_length=4, choices=NhsBand.choices, blank=True)
    salary_from = models.PositiveIntegerField(
        null=True, blank=True, help_text="Whole pounds a year"
    )
    salary_to = models.PositiveIntegerField(null=True, blank=True, help_text="Whole pounds a year")
    contract_type = models.CharField(max_length=16, choices=ContractType.choices)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    shifts = models.PositiveIntegerField(help_text="Days by shifts worked, as in shifts.py")
    setting = models.CharField(max_length=20, choices=Setting.choices)
    qualifications = models.ManyToManyField(Qualification, blank=True, related_name="vacancies")
    needs_driving_licence = models.BooleanField(default=False)
    needs_car = models.BooleanField(default=False)
    check_level = models.PositiveSmallIntegerField(choices=CheckLevel.choices)
    minimum_age = models.PositiveSmallIntegerField(default=18)
    closing_date = models.DateField()
    posts = models.PositiveSmallIntegerField(default=1)
    guaranteed_hours = models.BooleanField(default=False)
    paid_travel_time = models.BooleanField(default=False)
    sick_pay = models.CharField(max_length=16, choices=SickPay.choices)
    charter_points = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=VacancyStatus.choices)
    posted_at = models.DateTimeField()
    posted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_date = models.DateField(null=True, blank=True)
    filled_date = models.DateField(null=True, blank=True)
    withdrawn_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VacancyStatus.values), name="vacancy_status_known"
            ),
            models.CheckConstraint(
                condition=(
                    Q(pay_kind=PayKind.HOURLY, hourly_rate__gt=0, nhs_band="")
                    | (
                        Q(pay_kind=PayKind.NHS_BAND, hourly_rate__isnull=True)
                        & ~Q(nhs_band="")
                        & Q(salary_from__gt=0, salary_to__gte=F("salary_from"))
                    )
                ),
                name="vacancy_pay_hourly_or_band",
            ),
            models.CheckConstraint(
                condition=Q(shifts__lte=week.FULL_WEEK), name="vacancy_shifts_in_one_week"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=0, hours_per_week__lte=60),
                name="vacancy_hours_0_to_60",
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__gte=16, minimum_age__lte=25),
                name="vacancy_minimum_age_16_to_25",
            ),
            models.CheckConstraint(condition=Q(posts__gte=1), name="vacancy_at_least_one_post"),
            models.CheckConstraint(
                condition=Q(check_level__gte=0, check_level__lte=4), name="vacancy_check_known"
            ),
            models.CheckConstraint(
                condition=Q(needs_car=False) | Q(needs_driving_licence=True),
                name="vacancy_car_needs_licence",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=VacancyStatus.OPEN, closed_date=None, filled_date=None)
                    | Q(status=VacancyStatus.CLOSED, closed_date__isnull=False, filled_date=None)
                    | Q(status=VacancyStatus.FILLED, filled_date__isnull=False)
                    | Q(status=VacancyStatus.WITHDRAWN, withdrawn_date__isnull=False)
                ),
                name="vacancy_status_has_its_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "closing_date"])]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}"

    def is_live_on(self, today: date) -> bool:
        """Open and not past its closing date: what the careers site shows."""
        return self.status == VacancyStatus.OPEN and self.closing_date >= today

    @property
    def shift_summary(self) -> str:
        return week.describe(self.shifts)

    @property
    def pay_summary(self) -> str:
        if self.pay_kind == PayKind.HOURLY:
            return gettext("£%(rate)s an hour") % {"rate": f"{self.hourly_rate:.2f}"}
        return gettext("NHS %(band)s, £%(low)s to £%(high)s a year") % {
            "band": self.get_nhs_band_display(),
            "low": f"{self.salary_from:,}",
            "high": f"{self.salary_to:,}",
        }

    @property
    def charter_point_labels(self) -> list[str]:
        return [CharterPoint(point).label for point in self.charter_points]


class Campaign(BaseModel):
    """Employers recruiting together: one page, shared vacancies, one way to apply."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(max_length=300)
    description = models.TextField()
    start_date = models.DateField()
    end_date = models.DateField()
    employers = models.ManyToManyField(Organisation, related_name="campaigns")
    vacancies = models.ManyToManyField(Vacancy, blank=True, related_name="campaigns")
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="campaign_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_running_on(self, today: date) -> bool:
        return self.start_date <= today <= self.end_date
