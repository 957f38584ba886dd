"""Writing a generated district into the database, with one demo login for every role."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from oneworkforce.demo import assessments as demo_assessments
from oneworkforce.demo import candidates as demo_candidates
from oneworkforce.demo import pipeline as demo_pipeline
from oneworkforce.demo import planning as demo_planning
from oneworkforce.demo import returns as demo_returns
from oneworkforce.demo import vacancies as demo_vacancies
from oneworkforce.demo.generator import District, generate
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import (
    DataSharingAgreement,
    Membership,
    Organisation,
    Role,
    SharingScope,
    Site,
    User,
)
from oneworkforce.reference import postcodes

# Printed on the console for the demo; never a real account's password.
DEMO_PASSWORD = "care-together-2026"
DEMO_EMAIL_DOMAIN = "demo.oneworkforce.test"
PARTNERSHIP_NAME = "Dudley Health and Care Partnership"
NOT_A_DEMO_DATABASE = (
    "This database holds accounts that are not demo accounts, so --replace will not delete it. "
    "Use a new database for the demo."
)
ALREADY_LOADED = (
    "The database already holds partner organisations. Run with --replace to delete the demo "
    "district and build it again."
)


class DemoError(Exception):
    pass


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    organisation: str


@dataclass(frozen=True)
class DemoLoaded:
    logins: list[DemoLogin]
    returns: demo_returns.DemoReturns | None
    vacancies: demo_vacancies.DemoVacancies | None = None
    candidates: demo_candidates.DemoCandidates | None = None
    assessments: demo_assessments.DemoAssessments | None = None
    pipeline: demo_pipeline.DemoPipeline | None = None


# Which kind of organisation each role's demo login belongs to.
LOGIN_HOME = {
    Role.PARTNERSHIP_ADMIN: "partnership",
    Role.RECRUITMENT_ADVISER: "partnership",
    Role.EMPLOYER_USER: "care_home_provider",
    Role.ACADEMY_COORDINATOR: "college",
    Role.ANALYST: "partnership",
    Role.BOARD_MEMBER: "partnership",
}


def _clear() -> None:
    if User.objects.exclude(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").exists():
        raise DemoError(NOT_A_DEMO_DATABASE)
    # Returns and vacancies protect the partners they belong to, so they go first.
    demo_planning.demo_planning_clear()
    demo_returns.demo_returns_clear()
    demo_pipeline.demo_pipeline_clear()
    demo_vacancies.demo_vacancies_clear()
    demo_assessments.demo_assessments_clear()
    demo_candidates.demo_candidates_clear()
    DataSharingAgreement.objects.all().delete()
    Membership.objects.all().delete()
    User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").delete()
    Site.objects.all().delete()
    Organisation.objects.all().delete()


@transaction.atomic
def demo_district_load(
    *, size: str, seed: int, replace: bool, loaded_at: datetime, with_returns: bool = True
) -> DemoLoaded:
    """Build the district of ``size`` from ``seed`` into the database, with a year of
    workforce returns unless told not to, and return its logins and what the returns loaded."""
    if Organisation.objects.exists():
        if not replace:
            raise DemoError(ALREADY_LOADED)
        _clear()
    district = generate(size, seed)
    partnership = Organisation.objects.create(name=PARTNERSHIP_NAME, kind="partnership")
    organisations = {"partnership": partnership}
    for seed_org in district.organisations:
        organisations[seed_org.key] = Organisation(
            name=seed_org.name,
            kind=seed_org.kind,
            cqc_provider_id=seed_org.cqc_provider_id,
            ods_code=seed_org.ods_code,
            ascwds_workplace_id=seed_org.ascwds_workplace_id,
        )
    Organisation.objects.bulk_create(
        [org for key, org in organisations.items() if key != "partnership"]
    )
    sites = []
    for seed_org in district.organisations:
        for seed_site in seed_org.sites:
            place = postcodes.lookup(seed_site.postcode)
            sites.append(
                Site(
                    organisation=organisations[seed_org.key],
                    name=seed_site.name,
                    address_line_1=seed_site.address_line_1,
                    town=seed_site.town,
                    postcode=place.postcode,
                    latitude=place.latitude,
                    longitude=place.longitude,
                    local_authority_code=place.local_authority_code or "",
                    cqc_location_id=seed_site.cqc_location_id,
                )
            )
    Site.objects.bulk_create(sites, batch_size=2000)
    logins = _demo_users(district, organisations)
    _demo_agreements(district, organisations, loaded_at.date())
    advisers = User.objects.filter(memberships__role=Role.RECRUITMENT_ADVISER)
    candidates = demo_candidates.demo_candidates_load(
        district=district,
        organisations=organisations,
        adviser_ids=list(advisers.values_list("pk", flat=True)),
        loaded_at=loaded_at,
    )
    assessments = demo_assessments.demo_assessments_load(
        candidates=candidates.candidates,
        adviser_ids=list(advisers.values_list("pk", flat=True)),
        seed=district.seed,
        loaded_at=loaded_at,
    )
    vacancies = demo_vacancies.demo_vacancies_load(
        district=district, organisations=organisations, loaded_at=loaded_at
    )
    pipeline = demo_pipeline.demo_pipeline_load(
        candidates=candidates.candidates, seed=district.seed, loaded_at=loaded_at
    )
    # Last year's adverts, which the pipeline's history needs, are vacancies of the district too.
    vacancies = dataclasses.replace(
        vacancies, vacancies=vacancies.vacancies + pipeline.vacancies_reposted
    )
    _write_roster(district)
    planner = User.objects.get(email=f"analyst@{DEMO_EMAIL_DOMAIN}")
    demo_planning.demo_planning_load(
        district=district, actor=actor_for_user(planner), loaded_at=loaded_at
    )
    if not with_returns:
        return DemoLoaded(
            logins=logins,
            returns=None,
            vacancies=vacancies,
            candidates=candidates,
            assessments=assessments,
            pipeline=pipeline,
        )
    admin = User.objects.get(email=f"partnership.admin@{DEMO_EMAIL_DOMAIN}")
    returns = demo_returns.demo_returns_load(
        district=district,
        organisations=organisations,
        uploaded_by=actor_for_user(admin),
        loaded_at=loaded_at,
    )
    return DemoLoaded(
        logins=logins,
        returns=returns,
        vacancies=vacancies,
        candidates=candidates,
        assessments=assessments,
        pipeline=pipeline,
    )


def _demo_users(district: District, organisations: dict[str, Organisation]) -> list[DemoLogin]:
    # One hash for every demo account: hashing is deliberately slow, and they share a password.
    password = make_password(DEMO_PASSWORD)
    by_kind: dict[str, Organisation] = {"partnership": organisations["partnership"]}
    for seed_org in district.organisations:
        by_kind.setdefault(seed_org.kind, organisations[seed_org.key])
    logins = []
    users = []
    memberships = []
    for role, kind in LOGIN_HOME.items():
        organisation = by_kind[kind]
        email = f"{role.replace('_', '.')}@{DEMO_EMAIL_DOMAIN}"
        user = User(email=email, full_name=f"Demo {Role(role).label.lower()}", password=password)
        users.append(user)
        memberships.append((user, organisation, role))
        logins.append(DemoLogin(Role(role).label, email, organisation.name))
    # Every employer has an employer user, so its pages have people on them.
    for seed_org in district.organisations:
        if seed_org.kind in {"partnership", "college", "university", "icb"}:
            continue
        email = f"employer.{seed_org.key}@{DEMO_EMAIL_DOMAIN}"
        user = User(
            email=email, full_name=f"Employer contact, {seed_org.name}"[:200], password=password
        )
        users.append(user)
        memberships.append((user, organisations[seed_org.key], Role.EMPLOYER_USER))
    User.objects.bulk_create(users, batch_size=2000)
    Membership.objects.bulk_create(
        [Membership(user=user, organisation=org, role=role) for user, org, role in memberships],
        batch_size=2000,
    )
    return logins


def demo_logins() -> list[DemoLogin]:
    """The demo logins already in the database, one per role."""
    logins = []
    for role in LOGIN_HOME:
        email = f"{role.replace('_', '.')}@{DEMO_EMAIL_DOMAIN}"
        membership = (
            Membership.objects.filter(user__email=email, role=role)
            .select_related("organisation")
            .first()
        )
        if membership is not None:
            logins.append(DemoLogin(Role(role).label, email, membership.organisation.name))
    return logins


def _demo_agreements(
    district: District, organisations: dict[str, Organisation], today: date
) -> None:
    """Every provider shares workforce figures with the partnership; a few agreements have
    ended, so the pages show both states."""
    partnership = organisations["partnership"]
    agreements = []
    for index, seed_org in enumerate(district.organisations):
        ended = index % 9 == 4
        agreements.append(
            DataSharingAgreement(
                provider=organisations[seed_org.key],
                recipient=partnership,
                scope=SharingScope.WORKFORCE_AGGREGATES,
                purpose="Workforce planning across the partnership (demo agreement).",
                start_date=date(today.year - 2, 4, 1),
                end_date=today - timedelta(days=30) if ended else None,
            )
        )
    DataSharingAgreement.objects.bulk_create(agreements, batch_size=2000)


def roster_path(district: District) -> Path:
    return Path(settings.VAR_DIR) / "demo" / f"staff-{district.size}-seed{district.seed}.csv"


def _write_roster(district: District) -> None:
    """The synthetic staff roster, for the workforce returns capability to load."""
    path = roster_path(district)
    path.parent.mkdir(parents=True, exist_ok=True)
    district.staff.write_csv(path)
