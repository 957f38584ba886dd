"""The candidate register in a browser (issue 6): a recruitment adviser registers a person who
has no e-mail address, records their consent for two named partners only, gives them a printed
sign-in code, and later withdraws the consent; the person signs in with the code and downloads
everything held about them. Every page is checked with axe; the adviser works with JavaScript
off, as the pages must allow."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import OrganisationKind, Role
from oneworkforce.partners.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from oneworkforce.recruitment import selectors
from oneworkforce.recruitment.models import Candidate, ContactMethod, SharingScope

pytestmark = pytest.mark.browser

ADVISER_EMAIL = "rita.adviser@partnership.example"
ADVISER_PASSWORD = "teapot-harbour-velvet-92"
NAMED = ("Netherton Lodge Care Home", "Airedale Home Care")
NOT_NAMED = "Sedgley Nursing Home"
PERSON = "Nasreen Akhtar"


@pytest.fixture
def partners(db) -> dict[str, object]:
    partnership = OrganisationFactory(
        name="Bradford Health and Care Partnership", kind=OrganisationKind.PARTNERSHIP
    )
    employers = {
        name: OrganisationFactory(name=name, kind=OrganisationKind.CARE_HOME_PROVIDER)
        for name in (*NAMED, NOT_NAMED)
    }
    adviser = UserFactory(email=ADVISER_EMAIL, full_name="Rita Adviser", password=ADVISER_PASSWORD)
    MembershipFactory(user=adviser, organisation=partnership, role=Role.RECRUITMENT_ADVISER)
    employer_users = {}
    for name, organisation in employers.items():
        user = UserFactory()
        MembershipFactory(user=user, organisation=organisation, role=Role.EMPLOYER_USER)
        employer_users[name] = actor_for_user(user)
    return {"employers": employers, "employer_actors": employer_users}


def sign_in(page: Page) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(ADVISER_EMAIL)
    page.get_by_label("Password").fill(ADVISER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def group(page: Page, legend: str):
    return page.get_by_role("group", name=legend)


def fill_registration(page: Page, *, by_adviser: bool = True) -> None:
    page.get_by_label("Full name").fill(PERSON)
    page.get_by_label("Day", exact=True).fill("3")
    page.get_by_label("Month", exact=True).fill("11")
    page.get_by_label("Year", exact=True).fill("1968")
    page.get_by_label("Postcode").fill("bd1 1hy")
    page.get_by_label("Phone number (if you have one)").fill("07700 900321")
    page.get_by_label("Text message").check()
    page.get_by_label("اردو (Urdu)").check()
    if by_adviser:
        page.get_by_label("Needs an interpreter at meetings").check()
    page.get_by_label("Care in people's own homes").check()
    page.get_by_label("Part time (under 30 hours a week)").check()
    page.get_by_label("Monday, Early (7am to 3pm)").check()
    page.get_by_label("Thursday, Early (7am to 3pm)").check()
    page.get_by_label("Bus or train").check()
    page.get_by_label("How far could you travel to work, in miles?").fill("3")
    page.get_by_label("Yes: British or Irish citizen").check()
    page.get_by_label("I do not have one").check()
    group(page, "How long have you worked in a paid care job?").get_by_label("None").check()
    page.get_by_label("Speaking or reading English").check()
    page.get_by_label("Not working, for 12 months or more").check()
    page.get_by_label("A community group or place of worship").check()


class TestAdviserRegistersSomeoneWithNoEmail:
    def test_registers_records_consent_for_two_partners_and_later_withdraws_it(
        self, partners, new_context, assert_accessible
    ) -> None:
        page = new_context(java_script_enabled=False).new_page()
        sign_in(page)
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Candidates").click()
        assert_accessible(page)
        page.get_by_role("button", name="Register a person").click()

        # Nothing ticked in the grid: a clear message, and nobody is registered.
        page.get_by_label("Full name").fill(PERSON)
        page.get_by_role("button", name="Register").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Tick at least one time of day you could work"
        )
        assert_accessible(page)
        assert not Candidate.objects.exists()

        fill_registration(page)
        page.get_by_role("button", name="Register").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Record their consent")
        candidate = Candidate.objects.get()
        assert candidate.email == ""
        assert candidate.contact_method == ContactMethod.TEXT
        assert candidate.language == "ur"
        assert_accessible(page)

        page.get_by_label("Only the employers I choose").check()
        for name in NAMED:
            page.get_by_label(name).check()
        group(page, "May we contact you about training courses?").get_by_label("Yes").check()
        group(page, "May we count you in statistics that do not name you?").get_by_label(
            "Yes"
        ).check()
        page.get_by_role("button", name="Record consent").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(PERSON)
        for name in NAMED:
            expect(page.get_by_role("listitem").filter(has_text=name)).to_have_count(1)
        expect(page.get_by_text(NOT_NAMED)).to_have_count(0)
        assert_accessible(page)
        actors = partners["employer_actors"]
        seen = {
            name: selectors.candidates_visible_to(actor=actor).filter(pk=candidate.pk).exists()
            for name, actor in actors.items()
        }
        assert seen == {NAMED[0]: True, NAMED[1]: True, NOT_NAMED: False}

        page.get_by_role("link", name="Give them a sign-in code").click()
        page.get_by_label("Print it for them now").check()
        page.get_by_role("button", name="Make the code").click()
        code = page.locator("#printed-code").inner_text().strip()
        expect(page.locator("#printed-reference")).to_have_text(candidate.reference)
        assert re.fullmatch(r"\d{6}", code)
        assert_accessible(page)

        page.goto(f"/candidates/{candidate.pk}/consent/")
        page.get_by_role("button", name="Withdraw their consent").click()
        expect(page.get_by_text("Their consent has been withdrawn")).to_be_visible()
        expect(page.get_by_role("table", name="Consent history")).to_contain_text(
            "Only the employers I choose"
        )
        assert_accessible(page)
        assert not any(
            selectors.candidates_visible_to(actor=actor).filter(pk=candidate.pk).exists()
            for actor in actors.values()
        )
        assert selectors.current_consent(candidate) is None
        assert candidate.consents.get().sharing == SharingScope.NAMED


class TestPersonRegistersThemselfOnAPhone:
    def test_registers_with_javascript_off_and_gets_a_code_to_write_down(
        self, partners, new_context, assert_accessible
    ) -> None:
        page = new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
        page = page.new_page()
        page.goto("/join/register/")
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"the form is {widths[0]}px wide on a 390px screen"
        assert_accessible(page)

        fill_registration(page, by_adviser=False)
        page.get_by_label("Full name").fill("Shazia Begum")
        group(page, "Which language should we write to you in?").get_by_label("English").check()
        page.get_by_role("button", name="Register").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("You are registered")
        candidate = Candidate.objects.get()
        expect(page.get_by_text(candidate.reference).first).to_be_visible()
        expect(page.locator(".ow-code")).to_have_text(re.compile(r"^\d{6}$"))
        assert_accessible(page)


class TestCandidateDownloadsTheirData:
    def test_signs_in_with_a_printed_code_and_downloads_everything_held(
        self, partners, page, assert_accessible
    ) -> None:
        from django.utils import timezone

        from oneworkforce.recruitment import services
        from oneworkforce.recruitment.tests.factories import consent_for, without_email

        adviser = actor_for_user(
            UserFactory._meta.model.objects.get(email=ADVISER_EMAIL)  # type: ignore[attr-defined]
        )
        candidate = without_email(full_name=PERSON, experience_notes="Cared for my father")
        consent_for(candidate, organisations=[partners["employers"][NAMED[0]]])
        code = services.sign_in_code_issue(
            actor=adviser, candidate=candidate, channel="printed", issued_at=timezone.now()
        )

        page.goto("/join/")
        assert_accessible(page)
        page.get_by_role("link", name="Sign in with your reference and code").click()
        page.get_by_label("Your reference").fill(candidate.reference)
        page.get_by_label("Your 6-digit code").fill(code)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
        assert_accessible(page)

        page.get_by_role("link", name="See and download everything we hold about you").click()
        expect(page.get_by_text("Cared for my father")).to_be_visible()
        assert_accessible(page)
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download your data (JSON file)").click()
        download = download_info.value
        document = json.loads(Path(download.path()).read_text(encoding="utf-8"))

        assert download.suggested_filename == f"my-data-{candidate.reference}.json"
        assert document["reference"] == candidate.reference
        profile = document["sections"]["recruitment.candidate"]["records"][0]
        assert profile["experience_notes"] == "Cared for my father"
        consents = document["sections"]["recruitment.consent"]["records"]
        assert consents[0]["organisations"] == [NAMED[0]]


class TestCandidateChoosesAmongManyEmployers:
    def test_opens_a_group_by_keyboard_and_shares_with_one_home_care_agency(
        self, partners, candidate_context, assert_accessible
    ) -> None:
        from oneworkforce.recruitment.tests.factories import CandidateFactory

        # Enough employers that the groups start closed, as in a region.
        for i in range(40):
            OrganisationFactory(name=f"Region Care Home {i:02d}")
        OrganisationFactory(name="Wibsey Home Care", kind=OrganisationKind.HOME_CARE_AGENCY)
        candidate = CandidateFactory(full_name="Imran Hussain")
        page = candidate_context(candidate, java_script_enabled=False).new_page()

        page.goto("/join/consent/")
        agencies = page.locator("summary", has_text="Home-care agency (1 employer)")
        expect(page.get_by_label("Wibsey Home Care")).to_be_hidden()
        assert_accessible(page)
        agencies.focus()
        page.keyboard.press("Enter")
        page.get_by_label("Only the employers I choose").check()
        page.get_by_label("Wibsey Home Care").check()
        group(page, "May we contact you about training courses?").get_by_label("No").check()
        group(page, "May we count you in statistics that do not name you?").get_by_label(
            "No"
        ).check()
        page.get_by_role("button", name="Save your choices").click()

        consent = selectors.current_consent(candidate)
        assert consent is not None
        assert [o.name for o in consent.organisations.all()] == ["Wibsey Home Care"]
        page.goto("/join/consent/")
        expect(page.get_by_text("Home-care agency (1 employer, 1 chosen)")).to_be_visible()
        expect(page.get_by_label("Wibsey Home Care")).to_be_checked()
        expect(page.get_by_label("Region Care Home 00")).to_be_hidden()
        assert_accessible(page)
