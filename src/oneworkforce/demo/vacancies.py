"""The demo district's vacancies and joint campaigns, made deterministically from its seed.

Every employer gets a few vacancies shaped like its kind of work: care homes recruit care
workers and nurses on early, late and night shifts; home-care agencies recruit drivers on
early and late calls with paid travel; NHS trusts post banded nursing and therapy jobs. Most
are open; some closed, filled or were withdrawn in the weeks before the demo was built, so
the staff pages show every status. Two campaigns run: a winter home-care drive and a nursing
campaign. Rows are written in bulk (the demo must build in seconds), and the model's
constraints hold them to the same rules the services enforce.

Pay figures are illustrative, not a pay table: hourly rates around the National Living
Wage, and NHS salaries near the Agenda for Change bands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np

from oneworkforce.demo.generator import District
from oneworkforce.partners.models import Organisation, Site
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.models import Campaign, Vacancy, VacancyStatus
from oneworkforce.reference.models import JobRole, Qualification


@dataclass(frozen=True)
class Job:
    role: str
    title: str
    setting: str
    shifts: tuple[str, ...]
    hours: tuple[float, float]
    check_level: int = 4
    hourly: tuple[float, float] | None = (12.60, 14.20)
    band: tuple[str, int, int] | None = None
    driver: bool = False
    qualifications: tuple[str, ...] = ()


DAYS = ("early", "late")
NIGHTS = ("night",)
JOBS: dict[str, tuple[Job, ...]] = {
    "care_home_provider": (
        Job("care-worker", "Care assistant", "residential", DAYS, (20, 37.5)),
        Job("care-worker", "Night care assistant", "nursing", NIGHTS, (24, 36)),
        Job(
            "senior-care-worker",
            "Senior carer",
            "residential",
            DAYS,
            (30, 40),
            hourly=(13.40, 15.10),
            qualifications=("level-3-diploma-adult-care",),
        ),
        Job(
            "registered-nurse",
            "Registered nurse, nursing home",
            "nursing",
            ("early", "late", "night"),
            (24, 37.5),
            hourly=(21.50, 25.00),
            qualifications=("nmc-registered-nurse-adult",),
        ),
        Job("ancillary", "Kitchen assistant", "residential", ("early",), (16, 30), check_level=2),
    ),
    "home_care_agency": (
        Job("care-worker", "Home care worker", "home_care", DAYS, (16, 37.5), driver=True),
        Job("care-worker", "Weekend home care worker", "home_care", DAYS, (8, 16), driver=True),
        Job("care-coordinator", "Care coordinator", "office", ("early",), (37.5, 37.5), 2),
    ),
    "nhs_trust": (
        Job(
            "registered-nurse",
            "Staff nurse",
            "hospital",
            ("early", "late", "night"),
            (30, 37.5),
            hourly=None,
            band=("5", 31049, 37796),
            qualifications=("nmc-registered-nurse-adult",),
        ),
        Job(
            "nursing-assistant",
            "Healthcare support worker",
            "hospital",
            ("early", "late", "night"),
            (22.5, 37.5),
            hourly=None,
            band=("3", 24937, 26598),
        ),
        Job(
            "occupational-therapist",
            "Community occupational therapist",
            "community",
            ("early",),
            (37.5, 37.5),
            hourly=None,
            band=("6", 38682, 46580),
            driver=True,
            qualifications=("degree-occupational-therapy",),
        ),
    ),
    "council": (
        Job(
            "social-worker",
            "Social worker, adult social care",
            "community",
            ("early",),
            (37, 37),
            hourly=(19.80, 23.40),
            driver=True,
            qualifications=("degree-social-work",),
        ),
        Job("support-worker", "Day service support worker", "day_services", ("early",), (20, 37)),
    ),
    "voluntary_group": (
        Job("support-worker", "Support worker", "supported_living", DAYS, (16, 30)),
        Job("activities-worker", "Activities coordinator", "day_services", ("early",), (16, 25)),
    ),
    "gp_practice": (
        Job(
            "registered-nurse",
            "Practice nurse",
            "gp_practice",
            ("early",),
            (22.5, 37.5),
            hourly=(20.00, 23.50),
            qualifications=("nmc-registered-nurse-adult",),
        ),
        Job("administrative", "Receptionist", "gp_practice", ("early", "late"), (16, 30), 1),
    ),
}
# How many vacancies an employer of each kind has posted over the last two months.
PER_EMPLOYER = {
    "care_home_provider": (1, 4),
    "home_care_agency": (1, 4),
    "nhs_trust": (4, 10),
    "council": (2, 5),
    "voluntary_group": (0, 2),
    "gp_practice": (0, 2),
}
STATUS_SHARES = {"open": 0.7, "closed": 0.1, "filled": 0.15, "withdrawn": 0.05}
DESCRIPTION = (
    "Join {employer} as a {title_lower} in {town}. You will work with a friendly team, with a "
    "paid induction, the Care Certificate if you are new to care, and a named person to "
    "support you in your first months.\n\nNo experience? We welcome people new to care: "
    "kindness and reliability matter most."
)


@dataclass(frozen=True)
class CampaignSeed:
    slug: str
    name: str
    summary: str
    employer_kinds: tuple[str, ...]
    roles: tuple[str, ...]


CAMPAIGNS = (
    CampaignSeed(
        "winter-home-care-drive",
        "Winter home care drive",
        "Home-care agencies and the council recruiting carers together this winter.",
        ("home_care_agency", "council"),
        ("care-worker", "support-worker"),
    ),
    CampaignSeed(
        "nursing-campaign",
        "Nursing in the district",
        "Hospital, community, GP and nursing-home nurses: one campaign, every employer.",
        ("nhs_trust", "care_home_provider", "gp_practice"),
        ("registered-nurse", "nursing-assistant"),
    ),
)
# A different stream from the district's own, so adding vacancies changes nothing else.
SEED_OFFSET = 7_001


@dataclass(frozen=True)
class DemoVacancies:
    vacancies: int
    open: int
    campaigns: int


def _pattern(rng: np.random.Generator, shifts: tuple[str, ...]) -> int:
    """A week of the job's shifts: five to seven days, or weekends for a short-hours job."""
    days = sorted(rng.choice(7, size=int(rng.integers(5, 8)), replace=False).tolist())
    slots = [f"{week.DAY_KEYS[day]}-{shift}" for day in days for shift in shifts]
    return week.mask_of(slots)


def _status_dates(
    rng: np.random.Generator, status: str, posted: date, closing: date, today: date
) -> dict[str, date | None]:
    ended = min(today, posted + timedelta(days=int(rng.integers(7, 30))))
    return {
        "closed_date": ended if status in ("closed", "filled") else None,
        "filled_date": min(today, ended + timedelta(days=int(rng.integers(0, 10))))
        if status == "filled"
        else None,
        "withdrawn_date": ended if status == "withdrawn" else None,
    }


def demo_vacancies_load(
    *, district: District, organisations: Mapping[str, Organisation], loaded_at: datetime
) -> DemoVacancies:
    """Write the district's vacancies and campaigns; the same district gives the same rows."""
    rng = np.random.default_rng(district.seed + SEED_OFFSET)
    today = loaded_at.date()
    roles = {role.key: role for role in JobRole.objects.filter(retired_at__isnull=True)}
    qualifications = {item.key: item for item in Qualification.objects.all()}
    sites: dict[int, list[Site]] = {}
    for site in Site.objects.filter(organisation__in=list(organisations.values())).order_by("pk"):
        sites.setdefault(site.organisation_id, []).append(site)
    statuses = list(STATUS_SHARES)
    shares = np.array(list(STATUS_SHARES.values()))
    rows: list[Vacancy] = []
    wanted: list[tuple[str, ...]] = []
    for seed_org in district.organisations:
        if seed_org.kind not in JOBS:
            continue
        organisation = organisations[seed_org.key]
        low, high = PER_EMPLOYER[seed_org.kind]
        for _ in range(int(rng.integers(low, high + 1))):
            job = JOBS[seed_org.kind][int(rng.integers(len(JOBS[seed_org.kind])))]
            site = sites[organisation.pk][int(rng.integers(len(sites[organisation.pk])))]
            status = statuses[int(rng.choice(len(statuses), p=shares))]
            age_days = int(rng.integers(1, 60))
            posted = today - timedelta(days=age_days)
            closing = posted + timedelta(days=int(rng.integers(28, 57)))
            if status == "open" and closing < today:
                closing = today + timedelta(days=int(rng.integers(3, 21)))
            hours = float(rng.uniform(*job.hours)) if job.hours[0] != job.hours[1] else job.hours[0]
            pay: dict[str, object] = {"pay_kind": "hourly", "nhs_band": ""}
            if job.band is not None:
                band, salary_from, salary_to = job.band
                pay = {
                    "pay_kind": "nhs_band",
                    "nhs_band": band,
                    "salary_from": salary_from,
                    "salary_to": salary_to,
                }
            elif job.hourly is not None:
                pay["hourly_rate"] = Decimal(str(round(float(rng.uniform(*job.hourly)), 2)))
            rows.append(
                Vacancy(
                    organisation=organisation,
                    site=site,
                    job_role=roles[job.role],
                    title=job.title,
                    description=DESCRIPTION.format(
                        employer=organisation.name, title_lower=job.title.lower(), town=site.town
                    ),
                    contract_type="permanent" if rng.random() < 0.8 else "bank",
                    hours_per_week=Decimal(str(round(hours * 2) / 2)),
                    shifts=_pattern(rng, job.shifts),
                    setting=job.setting,
                    needs_driving_licence=job.driver,
                    needs_car=job.driver,
                    check_level=job.check_level,
                    minimum_age=18,
                    closing_date=closing,
                    posts=int(rng.integers(1, 4)),
                    guaranteed_hours=bool(rng.random() < 0.6),
                    paid_travel_time=job.driver,
                    sick_pay="enhanced"
                    if seed_org.kind in ("nhs_trust", "council")
                    else "statutory",
                    charter_points=sorted(
                        ["paid_travel", "no_flying_visits", "training_paid"]
                        if seed_org.kind == "home_care_agency" and rng.random() < 0.5
                        else []
                    ),
                    status=status,
                    posted_at=loaded_at - timedelta(days=age_days),
                    created_at=loaded_at - timedelta(days=age_days),
                    **pay,
                    **_status_dates(rng, status, posted, closing, today),
                )
            )
            wanted.append(job.qualifications)
    Vacancy.objects.bulk_create(rows, batch_size=2000)
    links = Vacancy.qualifications.through
    links.objects.bulk_create(
        [
            links(vacancy_id=vacancy.pk, qualification_id=qualifications[key].pk)
            for vacancy, keys in zip(rows, wanted, strict=True)
            for key in keys
        ],
        batch_size=2000,
    )
    campaigns = _demo_campaigns(district, organisations, rows, today)
    return DemoVacancies(
        vacancies=len(rows),
        open=sum(1 for row in rows if row.status == VacancyStatus.OPEN),
        campaigns=campaigns,
    )


def _demo_campaigns(
    district: District,
    organisations: Mapping[str, Organisation],
    vacancies: list[Vacancy],
    today: date,
) -> int:
    for seed in CAMPAIGNS:
        employers = [
            organisations[seed_org.key]
            for seed_org in district.organisations
            if seed_org.kind in seed.employer_kinds
        ]
        campaign = Campaign.objects.create(
            name=seed.name,
            slug=seed.slug,
            summary=seed.summary,
            description=(
                f"{seed.summary} Register once and the partnership's recruitment team will "
                "match you to every job in the campaign near you, and help you apply."
            ),
            start_date=today - timedelta(days=21),
            end_date=today + timedelta(days=70),
        )
        campaign.employers.set(employers)
        members = {employer.pk for employer in employers}
        campaign.vacancies.set(
            [
                vacancy
                for vacancy in vacancies
                if vacancy.organisation_id in members and vacancy.job_role.key in seed.roles
            ]
        )
    return len(CAMPAIGNS)


def demo_vacancies_clear() -> None:
    """Delete every campaign and vacancy (they protect the partners they belong to)."""
    Campaign.objects.all().delete()
    Vacancy.objects.all().delete()
