"""An employer posts a vacancy and a visitor finds it on the public careers site: in a real
browser, with axe on every page; the careers search on a phone with JavaScript off; the
employer's shortlist and a candidate's matches."""

from __future__ import annotations

import json
import re
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
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for
from oneworkforce.recruitment.vacancies import services
from oneworkforce.recruitment.vacancies.tests.factories import posted
from oneworkforce.reference import services as reference_services

pytestmark = pytest.mark.browser

EMPLOYER_EMAIL = "esme.employer@netherton.example"
JOB_TITLE = "Night care assistant"


@pytest.fixture
def employer(db):
    # The live server's tests empty every table between them, the reference lists that the
    # migrations loaded included: load them again.
    reference_services.reference_data_load(loaded_at=timezone.now())
    home = OrganisationFactory(
        name="Netherton Lodge Care Home", kind=OrganisationKind.CARE_HOME_PROVIDER
    )
    SiteFactory(organisation=home, name="Netherton Lodge", town="Dudley")
    user = UserFactory(email=EMPLOYER_EMAIL, full_name="Esme Employer")
    MembershipFactory(user=user, organisation=home, role=Role.EMPLOYER_USER)
    return user


def sign_in(page: Page, *, email: str) -> None:
    page.goto(reverse("partners:sign-in"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def fill_the_vacancy(page: Page, *, closing: str) -> None:
    page.get_by_label("Job role").select_option(label="Care worker")
    page.get_by_label("Job title").fill(JOB_TITLE)
    page.get_by_label("About the job").fill("Nights with our residents, with a full induction.")
    page.get_by_label("Setting").select_option(label="Nursing home")
    page.get_by_label("Permanent").check()
    page.get_by_label("An hourly rate").check()
    page.get_by_label("Hourly rate, in pounds (for hourly pay)").fill("13.10")
    page.get_by_label("Hours a week").fill("33")
    for day in ("Friday", "Saturday", "Sunday"):
        page.get_by_label(f"{day} night").check()
    page.get_by_label("Enhanced with barred lists").check()
    page.get_by_label("Statutory sick pay only").check()
    page.get_by_label("Closing date").fill(closing)


class TestVacancyJourney:
    def test_an_employer_posts_a_vacancy_and_it_appears_on_the_careers_site(
        self, page, new_context, assert_accessible, employer
    ):
        sign_in(page, email=EMPLOYER_EMAIL)
        page.goto(reverse("vacancies:list"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Vacancies")
        assert_accessible(page)

        page.get_by_role("link", name="Post a vacancy").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Post a vacancy")
        assert_accessible(page)

        last_week = timezone.localdate() - timedelta(days=7)
        fill_the_vacancy(page, closing=f"{last_week:%d/%m/%Y}")
        page.get_by_role("button", name="Post the vacancy").click()
        summary = page.locator(".govuk-error-summary")
        expect(summary.get_by_role("link", name=services.CLOSING_DATE_IN_PAST)).to_have_attribute(
            "href", "#id_closing_date"
        )
        expect(page.get_by_label("Friday night")).to_be_checked()
        assert_accessible(page)

        in_three_weeks = timezone.localdate() + timedelta(days=21)
        page.get_by_label("Closing date").fill(f"{in_three_weeks:%d/%m/%Y}")
        page.get_by_role("button", name="Post the vacancy").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(JOB_TITLE)
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Vacancy posted")
        assert_accessible(page)

        visitor = new_context(bypass_csp=True).new_page()
        visitor.goto(reverse("careers:search"))
        expect(visitor.get_by_role("heading", level=1)).to_have_text("Health and care jobs")
        assert_accessible(visitor)

        visitor.get_by_label("Your postcode").fill("dy1 1hf")
        visitor.get_by_label("Night").check()
        visitor.get_by_role("button", name="Search jobs").click()
        expect(visitor.get_by_role("status")).to_contain_text("1 job found, nearest first")
        assert_accessible(visitor)

        visitor.get_by_role("link", name=JOB_TITLE).click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text(JOB_TITLE)
        posting = json.loads(
            visitor.locator("script[type='application/ld+json']").text_content() or ""
        )
        assert posting["@type"] == "JobPosting"
        assert posting["title"] == JOB_TITLE
        assert posting["validThrough"].startswith(in_three_weeks.isoformat())
        assert_accessible(visitor)

        # Someone already registered applies with their profile, after signing in.
        visitor.get_by_role("link", name="Apply for this job with your profile").click()
        expect(visitor.get_by_role("heading", level=1)).to_be_visible()
        assert "/sign-in/" in visitor.url

    def test_the_careers_search_works_on_a_phone_without_javascript(
        self, new_context, assert_accessible, employer
    ):
        site = employer.memberships.get().organisation.sites.get()
        posted(actor=actor_for_user(employer), site=site, title=JOB_TITLE)
        page = new_context(
            java_script_enabled=False, viewport={"width": 390, "height": 844}
        ).new_page()

        page.goto(reverse("careers:search"))
        page.get_by_label("Your postcode").fill("not a postcode")
        page.get_by_role("button", name="Search jobs").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a real postcode")
        assert_accessible(page)

        page.get_by_label("Your postcode").fill("DY1 1HF")
        page.get_by_role("button", name="Search jobs").click()
        expect(page.get_by_role("link", name=JOB_TITLE)).to_be_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert re.search(r"postcode=DY1", page.url)
        assert_accessible(page)


class TestMatchingPages:
    def test_the_employer_reads_the_shortlist_and_the_candidate_applies_from_their_matches(
        self, page, candidate_context, assert_accessible, employer
    ):
        home = employer.memberships.get().organisation
        vacancy = posted(actor=actor_for_user(employer), site=home.sites.get(), title=JOB_TITLE)
        candidate = CandidateFactory(
            full_name="Amina Hussain",
            postcode="DY1 1HF",
            availability=[f"{day}:early" for day in ("mon", "tue", "wed", "thu", "fri")],
            settings_of_interest=["residential"],
        )
        consent_for(candidate, organisations=[home])

        sign_in(page, email=EMPLOYER_EMAIL)
        page.goto(reverse("vacancies:detail", args=[vacancy.pk]))
        page.get_by_role("link", name="See the shortlist").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Shortlist")
        expect(page.get_by_role("link", name="Amina Hussain")).to_be_visible()
        expect(page.get_by_text("Covers 5 of the 5 shifts")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("link", name="See the applications for this job").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Applications")

        mine = candidate_context(candidate, bypass_csp=True).new_page()
        mine.goto(reverse("careers:my-matches"))
        expect(mine.get_by_role("heading", level=1)).to_have_text("Jobs that suit you")
        expect(mine.get_by_role("link", name=JOB_TITLE)).to_be_visible()
        assert_accessible(mine)

        mine.get_by_role("link", name=JOB_TITLE).click()
        mine.get_by_role("link", name="Apply for this job with your profile").click()
        expect(mine.get_by_role("heading", level=1)).to_have_text(f"Apply for {JOB_TITLE}")
        assert_accessible(mine)
        mine.get_by_role("button", name="Send my application").click()
        mine.goto(reverse("pipeline:my-applications"))
        expect(mine.get_by_role("link", name=JOB_TITLE)).to_be_visible()
        assert_accessible(mine)
