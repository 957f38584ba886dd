"""The pipeline in a real browser, with axe on every page: an employer moves an applicant from
shortlist through the six pre-employment checks to started (an interview in the past and a
start before the checks refused on the way), and the candidate follows it on their tracker;
a recruitment adviser runs the placement allocation, reads its certificate and fairness
summary, and confirms it, then reads the pipeline statistics; a placed candidate sees their
placement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import OrganisationKind, Role
from oneworkforce.partners.tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    SiteFactory,
    UserFactory,
)
from oneworkforce.recruitment.models import EmploymentStatus
from oneworkforce.recruitment.pipeline import allocation, services
from oneworkforce.recruitment.pipeline.models import CheckKind
from oneworkforce.recruitment.pipeline.tests.factories import applied, placement
from oneworkforce.recruitment.tests.factories import CandidateFactory
from oneworkforce.recruitment.vacancies.tests.factories import posted
from oneworkforce.reference import services as reference_services

pytestmark = pytest.mark.browser

EMPLOYER_EMAIL = "esme.employer@netherton.example"
ADVISER_EMAIL = "rita.adviser@partnership.example"


@pytest.fixture
def employer(db):
    # The live server's tests empty every table between them: load the reference lists again.
    reference_services.reference_data_load(loaded_at=timezone.now())
    home = OrganisationFactory(
        name="Netherton Lodge Care Home", kind=OrganisationKind.CARE_HOME_PROVIDER
    )
    SiteFactory(organisation=home, name="Netherton Lodge", town="Dudley")
    user = UserFactory(email=EMPLOYER_EMAIL, full_name="Esme Employer")
    MembershipFactory(user=user, organisation=home, role=Role.EMPLOYER_USER)
    return user


@pytest.fixture
def adviser(employer):
    partnership = OrganisationFactory(name="The Partnership", kind=OrganisationKind.PARTNERSHIP)
    user = UserFactory(email=ADVISER_EMAIL, full_name="Rita Adviser")
    MembershipFactory(user=user, organisation=partnership, role=Role.RECRUITMENT_ADVISER)
    return user


def sign_in(page: Page, *, email: str) -> None:
    page.goto(reverse("partners:sign-in"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def clear_check(page: Page, label: str) -> None:
    check = page.locator("fieldset").filter(has=page.locator("legend", has_text=label))
    check.get_by_label("Status").select_option(label="Cleared")
    check.get_by_label("Who acts next").select_option(label="Nobody: the check is done")
    check.get_by_role("button").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{label} check updated")


class TestEmployerJourney:
    def test_an_employer_moves_an_applicant_through_the_checks_to_started(
        self, page, candidate_context, assert_accessible, employer
    ):
        site = employer.memberships.get().organisation.sites.get()
        vacancy = posted(actor=actor_for_user(employer), site=site, title="Care assistant")
        candidate = CandidateFactory(full_name="Asha Begum")
        applied(candidate, vacancy)
        sign_in(page, email=EMPLOYER_EMAIL)

        page.goto(reverse("vacancies:detail", args=[vacancy.pk]))
        page.get_by_role("link", name="See the applications").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Applications")
        assert_accessible(page)
        page.get_by_role("link", name="Asha Begum").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Asha Begum")
        assert_accessible(page)

        page.get_by_role("button", name="Shortlist").click()
        yesterday = timezone.localdate() - timedelta(days=1)
        page.get_by_label("Date").fill(f"{yesterday:%d/%m/%Y}")
        page.get_by_label("Time").fill("10:30")
        page.get_by_label("Where").fill("Netherton Lodge, the office")
        page.get_by_role("button", name="Book and invite").click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text(services.INTERVIEW_IN_PAST)
        assert_accessible(page)

        in_two_days = timezone.localdate() + timedelta(days=2)
        page.get_by_label("Date").fill(f"{in_two_days:%d/%m/%Y}")
        page.get_by_role("button", name="Book and invite").click()
        page.get_by_label("Start date offered").fill(f"{in_two_days:%d/%m/%Y}")
        page.get_by_role("button", name="Make the offer").click()
        page.get_by_role("button", name="Start the checks").click()
        expect(page.get_by_role("heading", name="Pre-employment checks")).to_be_visible()
        assert_accessible(page)

        page.get_by_label("Day they started").fill(f"{timezone.localdate():%d/%m/%Y}")
        page.get_by_role("button", name="Record the start").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("not cleared yet")
        assert_accessible(page)

        for kind in CheckKind:
            clear_check(page, str(kind.label))
        page.get_by_label("Day they started").fill(f"{timezone.localdate():%d/%m/%Y}")
        page.get_by_role("button", name="Record the start").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("started work")
        expect(page.locator(".ow-tracker")).to_contain_text("Started work")
        assert_accessible(page)

        mine = candidate_context(candidate, bypass_csp=True).new_page()
        mine.goto(reverse("recruitment:profile"))
        mine.get_by_role("link", name="Your applications").click()
        mine.get_by_role("link", name="Care assistant").click()
        expect(mine.get_by_role("table", name="Pre-employment checks")).to_contain_text(
            "Criminal record check (DBS)"
        )
        expect(mine.locator(".ow-tracker")).to_contain_text("Started work")
        assert_accessible(mine)


class TestAdviserJourney:
    def test_an_adviser_runs_a_placement_allocation_and_confirms_it(
        self, page, candidate_context, assert_accessible, employer, adviser
    ):
        site = employer.memberships.get().organisation.sites.get()
        employer_actor = actor_for_user(employer)
        taster = placement(actor=employer_actor, site=site, title="Care home taster", places=1)
        kitchen = placement(actor=employer_actor, site=site, title="Kitchen placement", places=1)
        chosen = CandidateFactory(
            full_name="Bilal Khan", employment_status=EmploymentStatus.UNEMPLOYED_LONG
        )
        other = CandidateFactory(
            full_name="Carys Jones", employment_status=EmploymentStatus.EMPLOYED_PART_TIME
        )
        for person in (chosen, other):
            services.placement_choices_save(
                candidate=person, placements=[taster, kitchen], chosen_at=timezone.now()
            )
        sign_in(page, email=ADVISER_EMAIL)

        page.goto(reverse("pipeline:placement-list"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Paid work placements")
        assert_accessible(page)
        page.get_by_role("link", name="Allocate places").click()
        expect(page.get_by_text("2 candidates ranked 2 open placements")).to_be_visible()
        assert_accessible(page)

        page.get_by_role("button", name="Run the allocation").click()
        certificate = page.locator(".govuk-summary-list")
        expect(certificate).to_contain_text("Yes: no candidate and placement would both")
        expect(page.get_by_role("table", name="Placement rates by group")).to_be_visible()
        expect(page.get_by_role("table", name="Who goes where")).to_contain_text("Bilal Khan")
        assert_accessible(page)

        page.get_by_role("button", name="Confirm and tell the candidates").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Places given")
        expect(page.get_by_text("the candidates have been told")).to_be_visible()
        assert_accessible(page)
        assert allocation.AllocationRun.objects.get().confirmed_at is not None

        page.get_by_role("navigation", name="Menu").get_by_role(
            "link", name="Pipeline statistics"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Pipeline statistics")
        page.get_by_label("Break down by").select_option(label="Job role")
        page.get_by_role("button", name="Show").click()
        expect(
            page.get_by_role("table", name="Applications reaching each stage, by job role")
        ).to_be_visible()
        assert_accessible(page)

        mine = candidate_context(chosen, bypass_csp=True).new_page()
        mine.goto(reverse("recruitment:profile"))
        mine.get_by_role("link", name="Paid work placements").click()
        expect(mine.locator(".govuk-panel")).to_contain_text("Care home taster")
        assert_accessible(mine)
