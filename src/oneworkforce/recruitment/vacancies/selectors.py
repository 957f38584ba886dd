"""Reads of vacancies and campaigns, scoped by who is asking.

Vacancies are not personal data, but a partner's closed, filled and withdrawn vacancies are
its own business: anyone sees live vacancies (they are on the public careers site); an
employer sees its own organisation's others, and those of partners that share vacancy data
with it through an agreement in force; the partnership's central team sees them all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from oneworkforce.engines.disclosure import DEFAULT_RULE, ProtectedTable, protect_counts
from oneworkforce.partners import selectors as partners_selectors
from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import Organisation, Role, SharingScope, Site
from oneworkforce.recruitment import selectors as recruitment_selectors
from oneworkforce.recruitment.models import Candidate
from oneworkforce.recruitment.vacancies import matching
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.models import Campaign, Vacancy, VacancyStatus
from oneworkforce.recruitment.vacancies.services import CAMPAIGN_RUNNERS, may_manage
from oneworkforce.reference import postcodes
from oneworkforce.reference.models import JobRole

SEES_EVERY_VACANCY = (Role.PARTNERSHIP_ADMIN, Role.RECRUITMENT_ADVISER)


def _vacancies() -> QuerySet[Vacancy]:
    return Vacancy.objects.select_related("organisation", "site", "job_role")


def live_vacancies(*, on_date: date) -> QuerySet[Vacancy]:
    """Open vacancies whose closing date has not passed: the public careers site's."""
    return _vacancies().filter(status=VacancyStatus.OPEN, closing_date__gte=on_date)


def vacancies_visible_to(*, actor: Actor, on_date: date) -> QuerySet[Vacancy]:
    vacancies = _vacancies()
    if actor.has_role(*SEES_EVERY_VACANCY):
        return vacancies
    visible = Q(status=VacancyStatus.OPEN, closing_date__gte=on_date)
    for organisation_id in actor.organisation_ids(Role.EMPLOYER_USER):
        sharing = partners_selectors.organisations_sharing_with(
            recipient_id=organisation_id, scope=SharingScope.VACANCIES, on_date=on_date
        )
        visible |= Q(organisation_id__in=sharing)
    return vacancies.filter(visible)


def vacancies_managed_by(*, actor: Actor) -> QuerySet[Vacancy]:
    """The vacancies the actor may change: their employer's, or all for an administrator."""
    vacancies = _vacancies()
    if actor.is_partnership_admin:
        return vacancies
    return vacancies.filter(organisation_id__in=actor.organisation_ids(Role.EMPLOYER_USER))


def may_change(*, actor: Actor, vacancy: Vacancy) -> bool:
    return may_manage(actor, vacancy.organisation_id)


def sites_for_posting(*, actor: Actor) -> QuerySet[Site]:
    sites = Site.objects.select_related("organisation").filter(organisation__is_active=True)
    if not actor.is_partnership_admin:
        sites = sites.filter(organisation_id__in=actor.organisation_ids(Role.EMPLOYER_USER))
    return sites.order_by("organisation__name", "name")


def campaigns_open_to(*, organisation_ids: Sequence[int], on_date: date) -> QuerySet[Campaign]:
    """Campaigns not yet over that any of these organisations is an employer in."""
    return (
        Campaign.objects.filter(employers__in=organisation_ids, end_date__gte=on_date)
        .distinct()
        .order_by("start_date", "name")
    )


def campaigns_for_vacancy_form(*, actor: Actor, on_date: date) -> QuerySet[Campaign]:
    if actor.is_partnership_admin:
        return Campaign.objects.filter(end_date__gte=on_date).order_by("start_date", "name")
    return campaigns_open_to(
        organisation_ids=sorted(actor.organisation_ids(Role.EMPLOYER_USER)), on_date=on_date
    )


def campaigns_for_staff() -> QuerySet[Campaign]:
    """Campaigns are about employers, not people: every member of staff may read them."""
    return Campaign.objects.annotate(
        employer_count=Count("employers", distinct=True),
        vacancy_count=Count("vacancies", distinct=True),
    ).order_by("-start_date", "name")


def live_campaigns(*, on_date: date) -> QuerySet[Campaign]:
    return Campaign.objects.filter(start_date__lte=on_date, end_date__gte=on_date).order_by(
        "end_date", "name"
    )


def campaigns_started(*, on_date: date) -> QuerySet[Campaign]:
    """Campaigns whose page is public: from their start date on (after their end too, while
    any of their jobs are still open)."""
    return Campaign.objects.filter(start_date__lte=on_date)


def may_run_campaigns(*, actor: Actor) -> bool:
    return actor.has_role(*CAMPAIGN_RUNNERS)


def employers_for_campaigns() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True).exclude(kind="partnership").order_by("name")


def roles_with_live_vacancies(*, on_date: date) -> QuerySet[JobRole]:
    return (
        JobRole.objects.filter(
            vacancies__status=VacancyStatus.OPEN, vacancies__closing_date__gte=on_date
        )
        .distinct()
        .order_by("name")
    )


class HoursBand:
    """The hours filter of the careers site: each band's key, label and range."""

    BANDS = {
        "up-to-16": (_("Up to 16 hours a week"), Decimal(0), Decimal(16)),
        "16-to-29": (_("16 to 29.5 hours a week"), Decimal(16), Decimal("29.5")),
        "30-or-more": (_("30 hours a week or more"), Decimal(30), Decimal(60)),
    }
    CHOICES = [(key, label) for key, (label, _low, _high) in BANDS.items()]


@dataclass(frozen=True)
class CareersQuery:
    """What a visitor searched for; every part is optional."""

    job_role: JobRole | None = None
    postcode: str = ""
    within_km: float | None = None
    hours: str = ""
    shifts: Sequence[str] = ()
    setting: str = ""
    campaign: Campaign | None = None


@dataclass(frozen=True)
class Found:
    vacancy: Vacancy
    distance_km: float | None


def _distance_km(origin: tuple[float, float], site: Site) -> float | None:
    if site.latitude is None or site.longitude is None:
        return None
    return float(postcodes.haversine_km(origin[0], origin[1], site.latitude, site.longitude))


def careers_search(*, query: CareersQuery, on_date: date) -> list[Found]:
    """Live vacancies matching the query: nearest first when a postcode is given, otherwise
    those closing soonest first. The postcode must have been checked (``postcodes.lookup``)."""
    vacancies = live_vacancies(on_date=on_date)
    if query.job_role is not None:
        vacancies = vacancies.filter(job_role=query.job_role)
    if query.setting:
        vacancies = vacancies.filter(setting=query.setting)
    if query.campaign is not None:
        vacancies = vacancies.filter(campaigns=query.campaign)
    if query.hours:
        _label, low, high = HoursBand.BANDS[query.hours]
        vacancies = vacancies.filter(hours_per_week__gte=low, hours_per_week__lte=high)
    rows = list(vacancies.order_by("closing_date", "-posted_at", "pk"))
    if query.shifts:
        wanted = 0
        for shift in query.shifts:
            wanted |= week.shift_mask(shift)
        rows = [vacancy for vacancy in rows if vacancy.shifts & wanted]
    if not query.postcode:
        return [Found(vacancy, None) for vacancy in rows]
    place = postcodes.lookup(query.postcode)
    if place.latitude is None or place.longitude is None:
        raise postcodes.PostcodeWithoutLocation(place.postcode)
    origin = (place.latitude, place.longitude)
    found = [Found(vacancy, _distance_km(origin, vacancy.site)) for vacancy in rows]
    if query.within_km is not None:
        limit = query.within_km
        found = [
            item for item in found if item.distance_km is not None and item.distance_km <= limit
        ]
    return sorted(
        found, key=lambda item: math.inf if item.distance_km is None else item.distance_km
    )


def campaign_vacancies(*, campaign: Campaign, on_date: date) -> QuerySet[Vacancy]:
    return live_vacancies(on_date=on_date).filter(campaigns=campaign).order_by("closing_date", "pk")


STATUS_ORDER = [status.label for status in VacancyStatus]


def campaign_statistics(*, campaign: Campaign) -> ProtectedTable:
    """Posts in the campaign by employer and status, with totals, after disclosure control:
    a filled post is a person hired, so small counts are hidden like any count of people."""
    rows = (
        campaign.vacancies.values("organisation__name", "status")
        .annotate(posts=Sum("posts"))
        .order_by()
    )
    labels = dict(VacancyStatus.choices)
    counts = [(row["organisation__name"], labels[row["status"]], int(row["posts"])) for row in rows]
    return protect_counts(
        counts,
        dimensions=["employer", "status"],
        count="posts",
        rule=DEFAULT_RULE,
        totals=True,
        categories={
            "employer": sorted(campaign.employers.values_list("name", flat=True)),
            "status": STATUS_ORDER,
        },
    )


def shortlist_pool(*, actor: Actor, vacancy: Vacancy) -> QuerySet[Candidate]:
    """The candidates a vacancy's shortlist may be drawn from: for the employer's own users,
    those whose current consent covers the vacancy's employer (not merely another organisation
    the user belongs to); for recruitment advisers, everyone on the register."""
    if actor.has_role(Role.RECRUITMENT_ADVISER):
        pool = recruitment_selectors.candidates_visible_to(actor=actor)
    elif vacancy.organisation_id in actor.organisation_ids(Role.EMPLOYER_USER):
        as_the_employer = Actor(
            label=actor.label,
            memberships=frozenset({(vacancy.organisation_id, Role.EMPLOYER_USER)}),
            user_id=actor.user_id,
            token_id=actor.token_id,
        )
        pool = recruitment_selectors.candidates_visible_to(actor=as_the_employer)
    else:
        return Candidate.objects.none()
    return pool.only(*matching.CANDIDATE_FIELDS)


def vacancy_for_shortlist(*, actor: Actor, pk: int, on_date: date) -> Vacancy | None:
    """An open vacancy the actor may shortlist for: their employer's, or any for an adviser."""
    if actor.has_role(Role.RECRUITMENT_ADVISER):
        vacancies = vacancies_visible_to(actor=actor, on_date=on_date)
    else:
        vacancies = _vacancies().filter(
            organisation_id__in=actor.organisation_ids(Role.EMPLOYER_USER)
        )
    return vacancies.filter(status=VacancyStatus.OPEN, pk=pk).first()
