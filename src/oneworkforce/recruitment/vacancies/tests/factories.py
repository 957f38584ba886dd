"""Builders for vacancy tests: a vacancy's details with sensible defaults, vacancies posted
through the real service, and campaigns."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import Organisation, Site
from oneworkforce.partners.tests.factories import SiteFactory
from oneworkforce.recruitment.vacancies import services
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.models import Campaign, Vacancy
from oneworkforce.reference.models import JobRole

EARLIES_ON_WEEKDAYS = week.mask_of([f"{day}-early" for day in week.DAY_KEYS[:5]])
NIGHTS_AT_WEEKENDS = week.mask_of(["sat-night", "sun-night"])


def care_worker() -> JobRole:
    return JobRole.objects.get(key="care-worker")


def details(*, site: Site, **overrides: Any) -> services.VacancyDetails:
    """A care worker's job at ``site``, closing in four weeks, with ``overrides``."""
    base = services.VacancyDetails(
        site=site,
        job_role=care_worker(),
        title="Care assistant",
        description="Helping residents with daily life, with a full induction.",
        pay_kind="hourly",
        hourly_rate=Decimal("12.90"),
        contract_type="permanent",
        hours_per_week=Decimal("37.5"),
        shifts=EARLIES_ON_WEEKDAYS,
        setting="residential",
        check_level=3,
        closing_date=timezone.localdate() + timedelta(days=28),
        sick_pay="enhanced",
    )
    return replace(base, **overrides)


def posted(
    *, actor: Actor, site: Site, posted_at: datetime | None = None, **overrides: Any
) -> Vacancy:
    return services.vacancy_post(
        actor=actor, details=details(site=site, **overrides), posted_at=posted_at or timezone.now()
    )


def site_of(organisation: Organisation, **fields: Any) -> Site:
    return SiteFactory(organisation=organisation, **fields)


def campaign(
    *, employers: list[Organisation], name: str = "Winter home care drive", **fields: Any
) -> Campaign:
    today = timezone.localdate()
    made = Campaign.objects.create(
        name=name,
        slug=fields.pop("slug", name.lower().replace(" ", "-")),
        summary=fields.pop("summary", "Home-care agencies recruiting together this winter."),
        description=fields.pop("description", "Apply once for jobs with several employers."),
        start_date=fields.pop("start_date", today - timedelta(days=7)),
        end_date=fields.pop("end_date", today + timedelta(days=60)),
        **fields,
    )
    made.employers.set(employers)
    return made


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)
