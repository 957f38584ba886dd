"""Every route, called by everyone who must not see it, is refused.

The table below classifies every URL pattern the resolver knows. A route that is missing from
the table fails the build: whoever adds a page or an endpoint must say who may open it. For
every route that is not public, the test calls it as an anonymous visitor, as each role that
is not allowed, and (for routes about one organisation's records) as an allowed role at
another organisation, and expects a refusal each time: a redirect to sign in, 401, 403 or
404 (404 where even confirming that a record exists would leak it).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from oneworkforce.background.models import Job
from oneworkforce.intelligence.models import (
    Initiative,
    Person,
    Post,
    Scenario,
    WorkforceReturn,
    Workstream,
)
from oneworkforce.partners import services as partners_services
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import (
    DataSharingAgreement,
    Invitation,
    Membership,
    Organisation,
    OutboxMessage,
    Role,
    Site,
    User,
)
from oneworkforce.recruitment.assessment.tests.factories import submitted_attempt
from oneworkforce.recruitment.candidate_session import SESSION_KEY as CANDIDATE_SESSION_KEY
from oneworkforce.recruitment.models import ErasureRequest, LikelyDuplicate
from oneworkforce.recruitment.pipeline.models import AllocationRun
from oneworkforce.recruitment.pipeline.tests import factories as pipeline_factories
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for
from oneworkforce.recruitment.vacancies import services as vacancy_services
from oneworkforce.recruitment.vacancies.models import Vacancy
from oneworkforce.recruitment.vacancies.tests.factories import campaign as campaign_for
from oneworkforce.recruitment.vacancies.tests.factories import posted as vacancy_posted

ALL_STAFF = frozenset(Role.values)
EMPLOYER = frozenset({Role.EMPLOYER_USER})
UPLOADERS = frozenset({Role.EMPLOYER_USER, Role.PARTNERSHIP_ADMIN})
READERS = frozenset({Role.ANALYST, Role.BOARD_MEMBER, Role.PARTNERSHIP_ADMIN})
ADMIN = frozenset({Role.PARTNERSHIP_ADMIN})
PLANNERS = frozenset({Role.ANALYST, Role.PARTNERSHIP_ADMIN})
PUBLIC = None
SIGNED_IN = frozenset({"any signed-in account"})
REFUSED = {302, 401, 403, 404, 405}
# Signed in with a one-time code as a candidate, not with a staff account.
CANDIDATE = frozenset({"candidate"})
ADVISER = frozenset({Role.RECRUITMENT_ADVISER})
SEES_CANDIDATES = frozenset({Role.RECRUITMENT_ADVISER, Role.EMPLOYER_USER})


@dataclass(frozen=True)
class World:
    """Two organisations of the same kind, a partnership, and a person in every role."""

    partnership: Organisation
    home: Organisation
    other: Organisation
    site: Site
    users: dict[str, User]
    other_employer: User
    agreement: DataSharingAgreement
    invitation: Invitation
    membership: Membership
    outbox_message: OutboxMessage
    token_id: int
    job: Job


@dataclass(frozen=True)
class Rule:
    """Who may open a route: ``PUBLIC``, ``SIGNED_IN``, or a set of roles. ``scoped`` routes
    show one organisation's records, so an allowed role elsewhere is refused too."""

    allowed: frozenset[str] | None
    method: str = "GET"
    scoped: bool = False
    kwargs: Callable[[World], dict[str, object]] = field(default=lambda world: {})


def _org(world: World) -> dict[str, object]:
    return {"pk": world.home.pk}


def _home_return(world: World) -> dict[str, object]:
    """An accepted return of the home organisation, with one staff record in it."""
    workforce_return, created = WorkforceReturn.objects.get_or_create(
        organisation=world.home,
        format="ascwds-staff",
        reporting_date=date(2026, 3, 31),
        defaults={
            "received_at": timezone.now(),
            "file_name": "staff.csv",
            "file_sha256": "0" * 64,
            "file_size": 1,
            "stored_file": "none.csv",
            "status": "accepted",
        },
    )
    if created:
        person = Person.objects.create(
            workforce_return=workforce_return, organisation=world.home, key="p1", record={}
        )
        Post.objects.create(
            workforce_return=workforce_return,
            organisation=world.home,
            person=person,
            key="w1",
            sector="social_care",
            record={},
        )
    return {"pk": workforce_return.pk}


def _home_vacancy(world: World, *, status: str = "open") -> dict[str, object]:
    """A vacancy of the home organisation; a closed one only its own people may see."""
    actor = actor_for_user(world.users[Role.EMPLOYER_USER])
    vacancy = vacancy_posted(actor=actor, site=world.site, title=f"A {status} vacancy")
    if status == "closed":
        vacancy_services.vacancy_close(
            actor=actor, vacancy=vacancy, on_date=timezone.localdate(), recorded_at=timezone.now()
        )
    return {"pk": vacancy.pk}


def _closed_vacancy(world: World) -> dict[str, object]:
    return _home_vacancy(world, status="closed")


def _campaign(world: World) -> dict[str, object]:
    return {"slug": campaign_for(employers=[world.home, world.other]).slug}


def _candidate(world: World) -> dict[str, object]:
    """A candidate whose consent names the home organisation only."""
    candidate = CandidateFactory()
    consent_for(candidate, organisations=[world.home])
    return {"pk": candidate.pk}


def _home_application(world: World) -> dict[str, object]:
    """An application by a new candidate to an open vacancy of the home organisation."""
    vacancy_pk = _home_vacancy(world)["pk"]
    vacancy = Vacancy.objects.get(pk=vacancy_pk)
    return {"pk": pipeline_factories.applied(CandidateFactory(), vacancy).pk}


def _open_vacancy(world: World) -> dict[str, object]:
    return {"vacancy_pk": _home_vacancy(world)["pk"]}


def _placement(world: World) -> dict[str, object]:
    actor = actor_for_user(world.users[Role.EMPLOYER_USER])
    return {"pk": pipeline_factories.placement(actor=actor, site=world.site).pk}


def _allocation_run(world: World) -> dict[str, object]:
    run = AllocationRun.objects.create(
        run_at=timezone.now(),
        seed=1,
        inputs_digest="0" * 64,
        candidates=0,
        places=0,
        placed=0,
        stable=True,
        blocking_pairs=0,
        capacity_ok=True,
        acceptable_ok=True,
    )
    return {"pk": run.pk}


def _duplicate_pair(world: World) -> dict[str, object]:
    pair = LikelyDuplicate.objects.create(
        candidate_id=_candidate(world)["pk"],
        existing_id=_candidate(world)["pk"],
        found_at=timezone.now(),
    )
    return {"pk": pair.pk}


def _erasure_request(world: World) -> dict[str, object]:
    candidate_id = _candidate(world)["pk"]
    erasure = ErasureRequest.objects.create(
        candidate_id=candidate_id, candidate_reference="CM", requested_at=timezone.now()
    )
    return {"pk": erasure.pk}


def _scenario(world: World) -> dict[str, object]:
    scenario, _ = Scenario.objects.get_or_create(name="Turnover down 5 points", turnover_points=-5)
    return {"pk": scenario.pk}


def _workstream(world: World) -> dict[str, object]:
    workstream, _ = Workstream.objects.get_or_create(name="Inclusive recruitment")
    return {"pk": workstream.pk}


def _initiative(world: World) -> dict[str, object]:
    workstream = Workstream.objects.get(pk=_workstream(world)["pk"])
    initiative, _ = Initiative.objects.get_or_create(
        workstream=workstream, name="Spring campaign", kind="campaign", start_date=date(2026, 4, 1)
    )
    return {"pk": initiative.pk}


def _board_report(world: World) -> dict[str, object]:
    """A board report the partnership administrator asked for: nobody else's to open."""
    job, _ = Job.objects.get_or_create(
        kind="board_report",
        title="Board report",
        requested_by=world.users[Role.PARTNERSHIP_ADMIN],
        defaults={"status": "succeeded", "result_file": "jobs/none.pdf", "result_name": "r.pdf"},
    )
    return {"pk": job.pk}


# Advisers support every candidate, and administrators oversee the question bank.
ASSESSORS = frozenset({Role.RECRUITMENT_ADVISER, Role.PARTNERSHIP_ADMIN})


def _attempt(world: World) -> dict[str, object]:
    """A sent assessment of a new candidate."""
    return {"pk": submitted_attempt(CandidateFactory()).pk}


ROUTES: dict[str, Rule] = {
    "web:start": Rule(PUBLIC),
    "web:accessibility": Rule(PUBLIC),
    "web:privacy": Rule(PUBLIC),
    "web:about": Rule(PUBLIC),
    "web:home": Rule(ALL_STAFF),
    "reference:index": Rule(PUBLIC),
    "reference:list": Rule(PUBLIC, kwargs=lambda world: {"name": "ascwds_job_roles"}),
    "partners:sign-in": Rule(PUBLIC),
    "partners:sign-out": Rule(PUBLIC, method="POST"),
    "partners:password-reset": Rule(PUBLIC),
    "partners:password-reset-sent": Rule(PUBLIC),
    "partners:password-reset-confirm": Rule(
        PUBLIC, kwargs=lambda world: {"uidb64": "MQ", "token": "set-password"}
    ),
    "partners:password-reset-complete": Rule(PUBLIC),
    "partners:accept-invitation": Rule(PUBLIC, kwargs=lambda world: {"token": "not-a-token"}),
    "partners:two-factor-setup": Rule(SIGNED_IN),
    "partners:two-factor-verify": Rule(SIGNED_IN),
    "partners:organisation-list": Rule(ADMIN),
    "partners:organisation-create": Rule(ADMIN),
    "partners:organisation-detail": Rule(ALL_STAFF, scoped=True, kwargs=_org),
    "partners:organisation-edit": Rule(ADMIN, kwargs=_org),
    "partners:site-create": Rule(ADMIN, kwargs=_org),
    "partners:invitation-create": Rule(ADMIN, kwargs=_org),
    "partners:invitation-cancel": Rule(
        ADMIN, method="POST", kwargs=lambda world: {"pk": world.invitation.pk}
    ),
    "partners:membership-end": Rule(
        ADMIN, method="POST", kwargs=lambda world: {"pk": world.membership.pk}
    ),
    "partners:user-detail": Rule(
        ADMIN, kwargs=lambda world: {"pk": world.users[Role.EMPLOYER_USER].pk}
    ),
    "partners:user-deactivate": Rule(
        ADMIN, method="POST", kwargs=lambda world: {"pk": world.users[Role.EMPLOYER_USER].pk}
    ),
    "partners:user-reactivate": Rule(
        ADMIN, method="POST", kwargs=lambda world: {"pk": world.users[Role.EMPLOYER_USER].pk}
    ),
    "partners:agreement-list": Rule(ADMIN),
    "partners:agreement-create": Rule(ADMIN),
    "partners:agreement-end": Rule(ADMIN, kwargs=lambda world: {"pk": world.agreement.pk}),
    "partners:audit-log": Rule(ADMIN),
    "partners:audit-export": Rule(ADMIN, method="POST"),
    "partners:outbox": Rule(ADMIN),
    "partners:outbox-message": Rule(ADMIN, kwargs=lambda world: {"pk": world.outbox_message.pk}),
    "partners:token-list": Rule(ADMIN),
    "partners:token-create": Rule(ADMIN),
    "partners:token-revoke": Rule(
        ADMIN, method="POST", kwargs=lambda world: {"pk": world.token_id}
    ),
    "background:job-detail": Rule(
        frozenset({Role.PARTNERSHIP_ADMIN}), scoped=True, kwargs=lambda world: {"pk": world.job.pk}
    ),
    "background:job-result": Rule(
        frozenset({Role.PARTNERSHIP_ADMIN}), scoped=True, kwargs=lambda world: {"pk": world.job.pk}
    ),
    "intelligence:return-list": Rule(UPLOADERS),
    "intelligence:return-upload": Rule(UPLOADERS),
    "intelligence:return-detail": Rule(UPLOADERS, scoped=True, kwargs=_home_return),
    "intelligence:return-issues-csv": Rule(EMPLOYER, scoped=True, kwargs=_home_return),
    "intelligence:return-records": Rule(EMPLOYER, scoped=True, kwargs=_home_return),
    "intelligence:return-export": Rule(EMPLOYER, scoped=True, kwargs=_home_return),
    "intelligence:dashboard": Rule(READERS),
    "intelligence:dashboard-csv": Rule(READERS, kwargs=lambda world: {"metric_id": "headcount"}),
    "intelligence:dashboard-chart": Rule(
        READERS, kwargs=lambda world: {"metric_id": "age_profile"}
    ),
    "intelligence:benchmarks": Rule(EMPLOYER),
    "intelligence:benchmark-chart": Rule(
        EMPLOYER, kwargs=lambda world: {"metric_id": "turnover_rate"}
    ),
    "intelligence:format-list": Rule(PUBLIC),
    "intelligence:format-detail": Rule(PUBLIC, kwargs=lambda world: {"key": "ascwds-staff"}),
    "intelligence:format-template": Rule(PUBLIC, kwargs=lambda world: {"key": "ascwds-staff"}),
    "intelligence:projection": Rule(PLANNERS),
    "intelligence:projection-csv": Rule(PLANNERS),
    "intelligence:scenario-compare": Rule(PLANNERS),
    "intelligence:scenario-list": Rule(PLANNERS),
    "intelligence:scenario-create": Rule(PLANNERS),
    "intelligence:scenario-edit": Rule(PLANNERS, kwargs=_scenario),
    "intelligence:scenario-delete": Rule(PLANNERS, method="POST", kwargs=_scenario),
    "intelligence:population": Rule(PLANNERS),
    "intelligence:population-illustrative": Rule(PLANNERS),
    "intelligence:programme": Rule(PLANNERS),
    "intelligence:workstream-create": Rule(PLANNERS, method="POST"),
    "intelligence:workstream-detail": Rule(PLANNERS, kwargs=_workstream),
    "intelligence:workstream-budget": Rule(PLANNERS, method="POST", kwargs=_workstream),
    "intelligence:workstream-spend": Rule(PLANNERS, method="POST", kwargs=_workstream),
    "intelligence:initiative-create": Rule(PLANNERS, method="POST", kwargs=_workstream),
    "intelligence:initiative-detail": Rule(PLANNERS, kwargs=_initiative),
    "intelligence:initiative-step": Rule(PLANNERS, method="POST", kwargs=_initiative),
    "intelligence:initiative-import": Rule(PLANNERS, method="POST", kwargs=_initiative),
    "intelligence:board-report": Rule(PLANNERS),
    "intelligence:board-report-detail": Rule(PLANNERS, scoped=True, kwargs=_board_report),
    "intelligence:board-report-pack": Rule(PLANNERS, scoped=True, kwargs=_board_report),
    "api:projections": Rule(PLANNERS),
    "api:scenario-list": Rule(PLANNERS),
    "api:scenario-detail": Rule(PLANNERS, kwargs=_scenario),
    "set_language": Rule(PUBLIC, method="POST"),
    "vacancies:list": Rule(ALL_STAFF),
    "vacancies:post": Rule(UPLOADERS),
    "vacancies:detail": Rule(ALL_STAFF, scoped=True, kwargs=_closed_vacancy),
    "vacancies:edit": Rule(UPLOADERS, scoped=True, kwargs=_home_vacancy),
    "vacancies:status": Rule(UPLOADERS, scoped=True, kwargs=_home_vacancy),
    "vacancies:campaign-list": Rule(ALL_STAFF),
    "vacancies:campaign-create": Rule(
        frozenset({Role.RECRUITMENT_ADVISER, Role.PARTNERSHIP_ADMIN})
    ),
    "vacancies:campaign-detail": Rule(ALL_STAFF, kwargs=_campaign),
    "careers:search": Rule(PUBLIC),
    "careers:feed": Rule(PUBLIC),
    "careers:vacancy": Rule(PUBLIC, kwargs=_home_vacancy),
    "careers:campaign": Rule(PUBLIC, kwargs=_campaign),
    "api:vacancy-list": Rule(ALL_STAFF),
    "api:vacancy-detail": Rule(ALL_STAFF, scoped=True, kwargs=_closed_vacancy),
    "vacancies:shortlist": Rule(
        frozenset({Role.EMPLOYER_USER, Role.RECRUITMENT_ADVISER}), scoped=True, kwargs=_home_vacancy
    ),
    "careers:my-matches": Rule(CANDIDATE),
    "recruitment:join": Rule(PUBLIC),
    "recruitment:register": Rule(PUBLIC),
    "recruitment:registered": Rule(CANDIDATE),
    "recruitment:sign-in": Rule(PUBLIC),
    "recruitment:sign-in-email": Rule(PUBLIC),
    "recruitment:sign-in-link": Rule(PUBLIC, kwargs=lambda world: {"token": "not-a-token"}),
    "recruitment:sign-out": Rule(PUBLIC, method="POST"),
    "recruitment:profile": Rule(CANDIDATE),
    "recruitment:profile-edit": Rule(CANDIDATE),
    "recruitment:consent": Rule(CANDIDATE),
    "recruitment:consent-withdraw": Rule(CANDIDATE, method="POST"),
    "recruitment:equality": Rule(CANDIDATE),
    "recruitment:my-data": Rule(CANDIDATE),
    "recruitment:my-data-download": Rule(CANDIDATE),
    "recruitment:erasure-request": Rule(CANDIDATE),
    "recruitment:candidate-list": Rule(SEES_CANDIDATES),
    "recruitment:candidate-register": Rule(ADVISER),
    "recruitment:candidate-detail": Rule(SEES_CANDIDATES, scoped=True, kwargs=_candidate),
    "recruitment:candidate-edit": Rule(ADVISER, kwargs=_candidate),
    "recruitment:candidate-consent": Rule(ADVISER, kwargs=_candidate),
    "recruitment:candidate-consent-withdraw": Rule(ADVISER, method="POST", kwargs=_candidate),
    "recruitment:candidate-sign-in-code": Rule(ADVISER, kwargs=_candidate),
    "recruitment:candidate-data": Rule(ADVISER, kwargs=_candidate),
    "recruitment:candidate-erasure-request": Rule(ADVISER, method="POST", kwargs=_candidate),
    "recruitment:statistics": Rule(
        frozenset(
            {Role.RECRUITMENT_ADVISER, Role.ANALYST, Role.BOARD_MEMBER, Role.PARTNERSHIP_ADMIN}
        )
    ),
    "recruitment:duplicate-list": Rule(ADVISER),
    "recruitment:duplicate-merge": Rule(ADVISER, method="POST", kwargs=_duplicate_pair),
    "recruitment:duplicate-keep-apart": Rule(ADVISER, method="POST", kwargs=_duplicate_pair),
    "recruitment:erasure-list": Rule(ADVISER),
    "recruitment:erasure-confirm": Rule(ADVISER, method="POST", kwargs=_erasure_request),
    "pipeline:my-applications": Rule(CANDIDATE),
    "pipeline:my-application": Rule(CANDIDATE, kwargs=_home_application),
    "pipeline:apply": Rule(CANDIDATE, kwargs=_open_vacancy),
    "pipeline:my-placements": Rule(CANDIDATE),
    "pipeline:vacancy-applications": Rule(SEES_CANDIDATES, scoped=True, kwargs=_home_vacancy),
    "pipeline:application-detail": Rule(SEES_CANDIDATES, scoped=True, kwargs=_home_application),
    "pipeline:retention": Rule(SEES_CANDIDATES),
    "pipeline:placement-list": Rule(ALL_STAFF),
    "pipeline:placement-offer": Rule(UPLOADERS),
    "pipeline:allocation-list": Rule(ADVISER),
    "pipeline:allocation-detail": Rule(ADVISER, kwargs=_allocation_run),
    "pipeline:allocation-confirm": Rule(ADVISER, method="POST", kwargs=_allocation_run),
    "pipeline:statistics": Rule(READERS | ADVISER),
    "pipeline:statistics-csv": Rule(READERS | ADVISER),
    "api:application-list": Rule(SEES_CANDIDATES),
    "api:application-detail": Rule(SEES_CANDIDATES, scoped=True, kwargs=_home_application),
    "api:application-shortlist": Rule(
        SEES_CANDIDATES, method="POST", scoped=True, kwargs=_home_application
    ),
    "api:application-interview": Rule(
        SEES_CANDIDATES, method="POST", scoped=True, kwargs=_home_application
    ),
    "api:application-offer": Rule(
        SEES_CANDIDATES, method="POST", scoped=True, kwargs=_home_application
    ),
    "api:application-checks": Rule(
        SEES_CANDIDATES, method="POST", scoped=True, kwargs=_home_application
    ),
    "api:application-check-update": Rule(
        SEES_CANDIDATES, method="POST", scoped=True, kwargs=_home_application
    ),
    "api:application-start": Rule(
        SEES_CANDIDATES, method="POST", scoped=True, kwargs=_home_application
    ),
    "api:application-retained": Rule(
        SEES_CANDIDATES, method="POST", scoped=True, kwargs=_home_application
    ),
    "api:application-reject": Rule(
        SEES_CANDIDATES, method="POST", scoped=True, kwargs=_home_application
    ),
    "api:placement-list": Rule(ALL_STAFF),
    "api:placement-detail": Rule(ALL_STAFF, kwargs=_placement),
    "assessment:start": Rule(CANDIDATE),
    "assessment:question": Rule(CANDIDATE, kwargs=lambda world: {"key": "refuses-wash"}),
    "assessment:check": Rule(CANDIDATE),
    "assessment:result": Rule(CANDIDATE, kwargs=_attempt),
    "assessment:attempt-list": Rule(ASSESSORS),
    "assessment:attempt-detail": Rule(ASSESSORS, kwargs=_attempt),
    "assessment:bank-list": Rule(ASSESSORS),
    "assessment:bank-detail": Rule(ASSESSORS, kwargs=lambda world: {"number": 1}),
    "assessment:bank-question-add": Rule(ASSESSORS, kwargs=lambda world: {"number": 1}),
    "assessment:bank-question-edit": Rule(
        ASSESSORS, kwargs=lambda world: {"number": 1, "key": "door-opens"}
    ),
    "assessment:bank-question-remove": Rule(
        ASSESSORS, method="POST", kwargs=lambda world: {"number": 1, "key": "door-opens"}
    ),
    "assessment:bank-thresholds": Rule(ASSESSORS, kwargs=lambda world: {"number": 1}),
    "assessment:bank-document": Rule(ASSESSORS, kwargs=lambda world: {"number": 1}),
    "assessment:bank-document-upload": Rule(ASSESSORS, kwargs=lambda world: {"number": 1}),
    "assessment:bank-publish": Rule(ASSESSORS, method="POST", kwargs=lambda world: {"number": 1}),
    "assessment:bank-discard": Rule(ASSESSORS, method="POST", kwargs=lambda world: {"number": 1}),
    "api:assessment-attempt-list": Rule(ASSESSORS),
    "api:assessment-attempt-detail": Rule(ASSESSORS, kwargs=_attempt),
    "api:assessment-bank-version-list": Rule(ASSESSORS),
    "api:assessment-bank-version-detail": Rule(ASSESSORS, kwargs=lambda world: {"number": 1}),
    "api:candidate-list": Rule(SEES_CANDIDATES),
    "api:candidate-detail": Rule(SEES_CANDIDATES, scoped=True, kwargs=_candidate),
    "api:schema": Rule(PUBLIC),
    "api:postcode-detail": Rule(PUBLIC, kwargs=lambda world: {"postcode": "DY1 1HF"}),
    "api:postcode-distance": Rule(PUBLIC),
    "api:api-root": Rule(SIGNED_IN),
    "api:organisation-list": Rule(ALL_STAFF),
    "api:organisation-detail": Rule(ALL_STAFF, scoped=True, kwargs=_org),
    "api:site-list": Rule(ALL_STAFF),
    "api:workforce-return-list": Rule(UPLOADERS),
    "api:workforce-return-detail": Rule(UPLOADERS, scoped=True, kwargs=_home_return),
    "api:workforce-metrics": Rule(READERS),
    "api:site-detail": Rule(ALL_STAFF, scoped=True, kwargs=lambda world: {"pk": world.site.pk}),
}

# Lists scoped by organisation: allowed roles elsewhere get an answer, but never these rows.
SCOPED_LISTS = {"api:organisation-list", "api:site-list"}


def _route_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _route_names(pattern.url_patterns, inner)
        else:
            yield f"{namespace}{pattern.name}"


def test_every_route_is_classified() -> None:
    routes = set(_route_names(get_resolver().url_patterns))

    unclassified = sorted(routes - ROUTES.keys())
    stale = sorted(ROUTES.keys() - routes)

    assert not unclassified, f"Classify these routes in tests/test_access_matrix.py: {unclassified}"
    assert not stale, f"These classified routes no longer exist: {stale}"


@pytest.fixture
def world(db: None) -> World:
    partnership = Organisation.objects.create(name="Test Partnership", kind="partnership")
    home = Organisation.objects.create(name="Home Care Home", kind="care_home_provider")
    other = Organisation.objects.create(name="Other Care Home", kind="care_home_provider")
    site = Site.objects.create(
        organisation=home,
        name="Main",
        address_line_1="1 High St",
        town="Dudley",
        postcode="DY1 1HF",
    )
    Site.objects.create(
        organisation=other,
        name="Other",
        address_line_1="2 High St",
        town="Dudley",
        postcode="DY1 1HF",
    )
    users = {}
    for role in Role.values:
        organisation = partnership if role != Role.EMPLOYER_USER else home
        user = User.objects.create_user(f"{role}@example.org", None, full_name=f"Test {role}")
        Membership.objects.create(user=user, organisation=organisation, role=role)
        users[role] = user
    other_employer = User.objects.create_user("other@example.org", None, full_name="Other employer")
    Membership.objects.create(user=other_employer, organisation=other, role=Role.EMPLOYER_USER)
    spare = User.objects.create_user("spare@example.org", None, full_name="Spare")
    membership = Membership.objects.create(user=spare, organisation=home, role=Role.EMPLOYER_USER)
    agreement = DataSharingAgreement.objects.create(
        provider=home,
        recipient=partnership,
        scope="workforce_aggregates",
        purpose="Planning",
        start_date=date(2026, 1, 1),
    )
    invitation = Invitation.objects.create(
        email="invited@example.org",
        full_name="Invited",
        organisation=home,
        role=Role.EMPLOYER_USER,
        token_hash=uuid.uuid4().hex,
        expires_at=timezone.now(),
    )
    outbox_message = OutboxMessage.objects.create(
        sent_at=timezone.now(),
        channel="email",
        recipients=["x@example.org"],
        subject="Hello",
        body="Hello",
        delivered=True,
    )
    token, _ = partners_services.api_token_create(
        actor=actor_for_user(users[Role.PARTNERSHIP_ADMIN]),
        organisation=home,
        role=Role.EMPLOYER_USER,
        name="Test",
        created_at=timezone.now(),
    )
    job = Job.objects.create(
        kind="audit_export",
        title="Export",
        requested_by=users[Role.PARTNERSHIP_ADMIN],
        organisation=partnership,
        status="succeeded",
        result_file="jobs/none.csv",
        result_name="x.csv",
    )
    return World(
        partnership,
        home,
        other,
        site,
        users,
        other_employer,
        agreement,
        invitation,
        membership,
        outbox_message,
        token.pk,
        job,
    )


def _call(client: Client, name: str, rule: Rule, world: World) -> int:
    url = reverse(name, kwargs=rule.kwargs(world))
    response = client.post(url) if rule.method == "POST" else client.get(url)
    return response.status_code


def _client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _token_client(world: World, role: str, organisation: Organisation) -> Client:
    admin = actor_for_user(world.users[Role.PARTNERSHIP_ADMIN])
    _, key = partners_services.api_token_create(
        actor=admin,
        organisation=organisation,
        role=role,
        name=f"{role} token",
        created_at=timezone.now(),
    )
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


NON_PUBLIC = sorted(name for name, rule in ROUTES.items() if rule.allowed is not PUBLIC)


@pytest.mark.django_db
@pytest.mark.parametrize("name", NON_PUBLIC)
class TestRefusals:
    def test_refuses_an_anonymous_visitor(self, name: str, world: World) -> None:
        rule = ROUTES[name]

        status = _call(_client_for(None), name, rule, world)

        assert status in REFUSED, f"{name} answered {status} to an anonymous visitor"

    def test_refuses_a_signed_in_candidate_every_staff_route(self, name: str, world: World) -> None:
        rule = ROUTES[name]
        if rule.allowed is CANDIDATE:
            return
        client = Client()
        session = client.session
        session[CANDIDATE_SESSION_KEY] = _candidate(world)["pk"]
        session.save()

        status = _call(client, name, rule, world)

        assert status in REFUSED, f"{name} answered {status} to a signed-in candidate"

    def test_refuses_every_role_that_must_not_see_it(self, name: str, world: World) -> None:
        rule = ROUTES[name]
        if rule.allowed is SIGNED_IN:
            return
        assert rule.allowed is not None
        forbidden = sorted(set(Role.values) - rule.allowed)

        answers = {
            role: _call(_client_for(world.users[role]), name, rule, world) for role in forbidden
        }
        if name.startswith("api:"):
            answers |= {
                f"{role} token": _call(_token_client(world, role, world.home), name, rule, world)
                for role in forbidden
            }

        allowed_through = {who: status for who, status in answers.items() if status not in REFUSED}
        assert not allowed_through, f"{name} let these in: {allowed_through}"

    def test_refuses_an_allowed_role_at_another_organisation(self, name: str, world: World) -> None:
        rule = ROUTES[name]
        if not rule.scoped:
            return
        assert rule.allowed is not None
        outsiders: dict[str, Client] = {}
        if Role.EMPLOYER_USER in rule.allowed:
            outsiders["employer elsewhere"] = _client_for(world.other_employer)
            if name.startswith("api:"):
                outsiders["employer token elsewhere"] = _token_client(
                    world, Role.EMPLOYER_USER, world.other
                )
        else:
            # Jobs belong to the person who asked for them: any other user is an outsider.
            outsiders["another administrator"] = _client_for(_second_admin(world))

        answers = {who: _call(client, name, rule, world) for who, client in outsiders.items()}

        allowed_through = {who: status for who, status in answers.items() if status not in REFUSED}
        assert not allowed_through, f"{name} let these in: {allowed_through}"


def _second_admin(world: World) -> User:
    user = User.objects.create_user("admin2@example.org", None, full_name="Second admin")
    Membership.objects.create(
        user=user, organisation=world.partnership, role=Role.PARTNERSHIP_ADMIN
    )
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SCOPED_LISTS))
def test_scoped_lists_hold_nothing_of_another_organisation(name: str, world: World) -> None:
    client = _client_for(world.other_employer)

    response = client.get(reverse(name))

    assert response.status_code == 200
    ids = {row.get("organisation", row["id"]) for row in response.json()["results"]}
    assert world.home.pk not in ids
