"""Posting vacancies, changing their status, and running joint campaigns.

Every service checks who is asking, checks the whole request before writing anything, writes
in one transaction, and records the change in the audit log. A broken rule raises
``VacancyError`` (or ``CampaignError``) with a message for the person who broke it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from oneworkforce.core.errors import DomainError
from oneworkforce.partners.access import Actor, NotAllowed
from oneworkforce.partners.audit import audit_record
from oneworkforce.partners.models import AuditAction, Organisation, Role, Site
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.models import (
    Campaign,
    CharterPoint,
    CheckLevel,
    ContractType,
    NhsBand,
    PayKind,
    Setting,
    SickPay,
    Vacancy,
    VacancyStatus,
)
from oneworkforce.reference.models import JobRole, Qualification

CLOSING_DATE_IN_PAST = "The closing date must be today or later"
CLOSING_DATE_TOO_FAR = "The closing date must be within a year of today"
SITE_NOT_YOURS = "Choose one of your organisation's sites"
SITE_MOVED_ORGANISATION = "Choose another site of {organisation}: a vacancy stays with its employer"
ROLE_RETIRED = "{role} is no longer on the list of job roles. Choose a current role"
HOURLY_RATE_NEEDED = "Enter the hourly rate, like 12.60"
HOURLY_RATE_WITH_BAND = "Give an hourly rate or an NHS band, not both"
BAND_NEEDED = "Choose the NHS band"
SALARY_NEEDED = "Enter the yearly salary the band pays, from and to, like 31049 to 37796"
SALARY_BACKWARDS = "The salary's upper figure must be at least its lower figure"
SHIFTS_NEEDED = "Choose at least one shift the job works"
HOURS_OUT_OF_RANGE = "Enter hours a week from 0 to 60"
MINIMUM_AGE_OUT_OF_RANGE = "Enter a minimum age from 16 to 25"
POSTS_OUT_OF_RANGE = "Enter a number of posts from 1 to 100"
CAR_NEEDS_LICENCE = "A job that needs a car needs a driving licence too: tick both"
UNKNOWN_CHARTER_POINT = "Choose charter points from the list"
CAMPAIGN_NOT_JOINED = "{organisation} is not one of the employers in {campaign}"
CAMPAIGN_OVER = "{campaign} ended on {end_date:%d %B %Y}"
VACANCY_NOT_OPEN = "This vacancy is {status}, so it can no longer be changed"
STATUS_CHANGE_REFUSED = "This vacancy is {status}, so it cannot be marked {new_status}"
EVENT_DATE_IN_FUTURE = "The date cannot be in the future"
EVENT_DATE_BEFORE_POSTED = "The date cannot be before the vacancy was posted on {posted:%d %B %Y}"
CAMPAIGN_END_BEFORE_START = "The end date must be on or after the start date"
CAMPAIGN_NAME_TAKEN = "There is already a campaign called {name}. Choose another name"
CAMPAIGN_NEEDS_EMPLOYERS = "Choose at least two employers: a joint campaign has several"

MAX_POSTS = 100
CAMPAIGN_RUNNERS = (Role.RECRUITMENT_ADVISER, Role.PARTNERSHIP_ADMIN)


class VacancyError(DomainError):
    pass


class CampaignError(DomainError):
    pass


@dataclass(frozen=True)
class VacancyDetails:
    """Everything an employer says about a vacancy, as the form or the API has cleaned it."""

    site: Site
    job_role: JobRole
    title: str
    description: str
    pay_kind: str
    contract_type: str
    hours_per_week: Decimal
    shifts: int
    setting: str
    check_level: int
    closing_date: date
    sick_pay: str
    hourly_rate: Decimal | None = None
    nhs_band: str = ""
    salary_from: int | None = None
    salary_to: int | None = None
    qualifications: Sequence[Qualification] = ()
    needs_driving_licence: bool = False
    needs_car: bool = False
    minimum_age: int = 18
    posts: int = 1
    guaranteed_hours: bool = False
    paid_travel_time: bool = False
    charter_points: Sequence[str] = ()
    campaigns: Sequence[Campaign] = field(default=())


# The fields copied onto the model as they are (the rest need handling of their own).
_PLAIN_FIELDS = tuple(
    name
    for name in (item.name for item in fields(VacancyDetails))
    if name not in {"qualifications", "campaigns", "charter_points"}
)


def may_manage(actor: Actor, organisation_id: int) -> bool:
    """Employer users manage their own organisation's vacancies; administrators any."""
    return actor.is_partnership_admin or organisation_id in actor.organisation_ids(
        Role.EMPLOYER_USER
    )


def _check(details: VacancyDetails, *, organisation: Organisation, today: date) -> None:
    """Every rule of a vacancy's details, first broken rule first; raises VacancyError."""
    if details.closing_date < today:
        raise VacancyError(CLOSING_DATE_IN_PAST, field="closing_date")
    if details.closing_date > today + timedelta(days=365):
        raise VacancyError(CLOSING_DATE_TOO_FAR, field="closing_date")
    if details.job_role.retired_at is not None:
        raise VacancyError(ROLE_RETIRED.format(role=details.job_role.name), field="job_role")
    if details.pay_kind == PayKind.HOURLY:
        if details.hourly_rate is None or details.hourly_rate <= 0:
            raise VacancyError(HOURLY_RATE_NEEDED, field="hourly_rate")
        if details.nhs_band:
            raise VacancyError(HOURLY_RATE_WITH_BAND, field="nhs_band")
    else:
        PayKind(details.pay_kind)
        if details.hourly_rate is not None:
            raise VacancyError(HOURLY_RATE_WITH_BAND, field="hourly_rate")
        if details.nhs_band not in NhsBand.values:
            raise VacancyError(BAND_NEEDED, field="nhs_band")
        if not details.salary_from or not details.salary_to:
            raise VacancyError(SALARY_NEEDED, field="salary_from")
        if details.salary_to < details.salary_from:
            raise VacancyError(SALARY_BACKWARDS, field="salary_to")
    ContractType(details.contract_type)
    Setting(details.setting)
    SickPay(details.sick_pay)
    CheckLevel(details.check_level)
    if not 0 <= details.hours_per_week <= 60:
        raise VacancyError(HOURS_OUT_OF_RANGE, field="hours_per_week")
    if not 0 < details.shifts <= week.FULL_WEEK:
        raise VacancyError(SHIFTS_NEEDED, field="shifts")
    if not 16 <= details.minimum_age <= 25:
        raise VacancyError(MINIMUM_AGE_OUT_OF_RANGE, field="minimum_age")
    if not 1 <= details.posts <= MAX_POSTS:
        raise VacancyError(POSTS_OUT_OF_RANGE, field="posts")
    if details.needs_car and not details.needs_driving_licence:
        raise VacancyError(CAR_NEEDS_LICENCE, field="needs_driving_licence")
    if not set(details.charter_points) <= set(CharterPoint.values):
        raise VacancyError(UNKNOWN_CHARTER_POINT, field="charter_points")
    for campaign in details.campaigns:
        if not campaign.employers.filter(pk=organisation.pk).exists():
            raise VacancyError(
                CAMPAIGN_NOT_JOINED.format(organisation=organisation.name, campaign=campaign.name),
                field="campaigns",
            )
        if campaign.end_date < today:
            raise VacancyError(
                CAMPAIGN_OVER.format(campaign=campaign.name, end_date=campaign.end_date),
                field="campaigns",
            )


def _write_details(vacancy: Vacancy, details: VacancyDetails) -> set[str]:
    """Copy the details onto the vacancy and save it; return the names of changed fields."""
    changed = set()
    for name in _PLAIN_FIELDS:
        value = getattr(details, name)
        if getattr(vacancy, name, None) != value:
            changed.add(name)
        setattr(vacancy, name, value)
    points = sorted(set(details.charter_points))
    if vacancy.charter_points != points:
        changed.add("charter_points")
    vacancy.charter_points = points
    vacancy.save()
    wanted = {qualification.pk for qualification in details.qualifications}
    if set(vacancy.qualifications.values_list("pk", flat=True)) != wanted:
        changed.add("qualifications")
        vacancy.qualifications.set(wanted)
    campaigns = {campaign.pk for campaign in details.campaigns}
    if set(vacancy.campaigns.values_list("pk", flat=True)) != campaigns:
        changed.add("campaigns")
        vacancy.campaigns.set(campaigns)
    return changed


@transaction.atomic
def vacancy_post(*, actor: Actor, details: VacancyDetails, posted_at: datetime) -> Vacancy:
    """Post an open vacancy at one of the actor's organisation's sites."""
    organisation = details.site.organisation
    if not may_manage(actor, organisation.pk):
        if actor.has_role(Role.EMPLOYER_USER):
            raise VacancyError(SITE_NOT_YOURS, field="site")
        raise NotAllowed()
    _check(details, organisation=organisation, today=timezone.localdate(posted_at))
    vacancy = Vacancy(
        organisation=organisation,
        status=VacancyStatus.OPEN,
        posted_at=posted_at,
        posted_by_id=actor.user_id,
        created_at=posted_at,
    )
    _write_details(vacancy, details)
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=vacancy,
        record_organisation_id=organisation.pk,
        occurred_at=posted_at,
    )
    return vacancy


@transaction.atomic
def vacancy_update(
    *, actor: Actor, vacancy: Vacancy, details: VacancyDetails, updated_at: datetime
) -> Vacancy:
    """Change an open vacancy's details. Its employer stays the same."""
    if not may_manage(actor, vacancy.organisation_id):
        raise NotAllowed()
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != VacancyStatus.OPEN:
        raise VacancyError(VACANCY_NOT_OPEN.format(status=vacancy.get_status_display().lower()))
    if details.site.organisation_id != vacancy.organisation_id:
        raise VacancyError(
            SITE_MOVED_ORGANISATION.format(organisation=vacancy.organisation.name), field="site"
        )
    _check(details, organisation=vacancy.organisation, today=timezone.localdate(updated_at))
    changed = _write_details(vacancy, details)
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.CHANGED,
            record=vacancy,
            record_organisation_id=vacancy.organisation_id,
            occurred_at=updated_at,
            fields_changed=changed,
        )
    return vacancy


# Which statuses each change may start from, and the date field it records.
_CHANGES = {
    VacancyStatus.CLOSED: ((VacancyStatus.OPEN,), "closed_date"),
    VacancyStatus.FILLED: ((VacancyStatus.OPEN, VacancyStatus.CLOSED), "filled_date"),
    VacancyStatus.WITHDRAWN: ((VacancyStatus.OPEN, VacancyStatus.CLOSED), "withdrawn_date"),
}


def _change_status(
    *, actor: Actor, vacancy: Vacancy, status: VacancyStatus, on_date: date, recorded_at: datetime
) -> Vacancy:
    if not may_manage(actor, vacancy.organisation_id):
        raise NotAllowed()
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    allowed_from, date_field = _CHANGES[status]
    if vacancy.status not in allowed_from:
        raise VacancyError(
            STATUS_CHANGE_REFUSED.format(
                status=vacancy.get_status_display().lower(), new_status=status.label.lower()
            )
        )
    if on_date > timezone.localdate(recorded_at):
        raise VacancyError(EVENT_DATE_IN_FUTURE, field="on_date")
    posted = timezone.localdate(vacancy.posted_at)
    if on_date < posted:
        raise VacancyError(EVENT_DATE_BEFORE_POSTED.format(posted=posted), field="on_date")
    vacancy.status = status
    setattr(vacancy, date_field, on_date)
    vacancy.save(update_fields=["status", date_field, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CHANGED,
        record=vacancy,
        record_organisation_id=vacancy.organisation_id,
        occurred_at=recorded_at,
        fields_changed=["status", date_field],
    )
    return vacancy


@transaction.atomic
def vacancy_close(
    *, actor: Actor, vacancy: Vacancy, on_date: date, recorded_at: datetime
) -> Vacancy:
    """Stop taking applications (the posts are not yet filled)."""
    return _change_status(
        actor=actor,
        vacancy=vacancy,
        status=VacancyStatus.CLOSED,
        on_date=on_date,
        recorded_at=recorded_at,
    )


@transaction.atomic
def vacancy_fill(
    *, actor: Actor, vacancy: Vacancy, on_date: date, recorded_at: datetime
) -> Vacancy:
    """Record that every post of the vacancy is filled."""
    return _change_status(
        actor=actor,
        vacancy=vacancy,
        status=VacancyStatus.FILLED,
        on_date=on_date,
        recorded_at=recorded_at,
    )


@transaction.atomic
def vacancy_withdraw(
    *, actor: Actor, vacancy: Vacancy, on_date: date, recorded_at: datetime
) -> Vacancy:
    """Take the vacancy back without filling it (the job is no longer needed)."""
    return _change_status(
        actor=actor,
        vacancy=vacancy,
        status=VacancyStatus.WITHDRAWN,
        on_date=on_date,
        recorded_at=recorded_at,
    )


@transaction.atomic
def campaign_create(
    *,
    actor: Actor,
    name: str,
    summary: str,
    description: str,
    start_date: date,
    end_date: date,
    employers: Sequence[Organisation],
    created_at: datetime,
) -> Campaign:
    """Start a joint campaign of several employers; their users then add vacancies to it."""
    actor.require(*CAMPAIGN_RUNNERS)
    name = " ".join(name.split())
    if end_date < start_date:
        raise CampaignError(CAMPAIGN_END_BEFORE_START, field="end_date")
    if len({employer.pk for employer in employers}) < 2:
        raise CampaignError(CAMPAIGN_NEEDS_EMPLOYERS, field="employers")
    slug = slugify(name)[:80]
    if Campaign.objects.filter(slug=slug).exists():
        raise CampaignError(CAMPAIGN_NAME_TAKEN.format(name=name), field="name")
    campaign = Campaign.objects.create(
        name=name,
        slug=slug,
        summary=summary,
        description=description,
        start_date=start_date,
        end_date=end_date,
        created_by_id=actor.user_id,
        created_at=created_at,
    )
    campaign.employers.set(employers)
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=campaign,
        record_organisation_id=actor.primary_organisation_id,
        occurred_at=created_at,
    )
    return campaign


__all__ = [
    "CampaignError",
    "VacancyDetails",
    "VacancyError",
    "campaign_create",
    "may_manage",
    "vacancy_close",
    "vacancy_fill",
    "vacancy_post",
    "vacancy_update",
    "vacancy_withdraw",
]
