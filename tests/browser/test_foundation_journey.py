"""The foundation journey in a browser: the administrator signs in, adds an organisation with a
site, adds a user to it; that user signs in and sees their home page. Then the same ground by
keyboard alone, on a phone, and with JavaScript off."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from oneworkforce.partners.models import OrganisationKind, Role
from oneworkforce.partners.tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from oneworkforce.reference.postcodes import NOT_A_POSTCODE

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "ada.administrator@partnership.example"
NEW_PARTNER = "Netherton Lodge Care Home"
NEW_SITE = "Netherton Lodge"
INVITEE_NAME = "Esme Employer"
INVITEE_EMAIL = "esme.employer@netherton.example"
INVITEE_PASSWORD = "kettle-lantern-orchard-57"
INVITATION_LINK = re.compile(r"https?://\S+/invitations/[^/\s]+/")
PHONE_WIDTH = 390
# Screenshots for a person to look at; kept out of the repository.
SCREENSHOTS = str(Path(tempfile.gettempdir()) / "oneworkforce-journey-{name}.png")


@pytest.fixture
def administrator():
    partnership = OrganisationFactory(
        name=settings.PARTNERSHIP_NAME, kind=OrganisationKind.PARTNERSHIP
    )
    user = UserFactory(email=ADMIN_EMAIL, full_name="Ada Administrator")
    MembershipFactory(user=user, organisation=partnership, role=Role.PARTNERSHIP_ADMIN)
    return user


def sign_in(page: Page, *, email: str, password: str = PASSWORD) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def menu_labels(page: Page) -> list[str]:
    return page.get_by_role("navigation", name="Menu").get_by_role("link").all_inner_texts()


def expect_error_summary_linked_to_fields(page: Page, errors: dict[str, str]) -> None:
    """The summary lists each message as a link to its field, and the field shows the same
    message and names it in aria-describedby."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    for field_id, message in errors.items():
        link = summary.get_by_role("link", name=message)
        expect(link).to_have_attribute("href", f"#{field_id}")
        expect(page.locator(f"#{field_id}")).to_have_count(1)
        error_id = re.sub(r"_\d+$", "", field_id) + "-error"
        expect(page.locator(f"#{error_id}")).to_contain_text(message)
        described = page.locator(f"[aria-describedby~='{error_id}']")
        expect(described).to_have_count(1)
    expect(page).to_have_title(re.compile(r"\bError\b"))


class TestFoundationJourney:
    def test_the_administrator_adds_a_partner_with_a_site_and_invites_someone_who_signs_in(
        self, page, assert_accessible, administrator, mailoutbox
    ):
        page.goto(reverse("web:start"))
        assert_accessible(page)

        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
        assert_accessible(page)

        sign_in(page, email=ADMIN_EMAIL)
        expect(page).to_have_url(re.compile(r"/home/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada Administrator")
        assert_accessible(page)

        page.get_by_role("navigation", name="Menu").get_by_role(
            "link", name="Partners", exact=True
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Partners")
        assert_accessible(page)

        page.get_by_role("link", name="Add a partner").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Add a partner")
        assert_accessible(page)

        page.get_by_role("button", name="Save").click()
        expect_error_summary_linked_to_fields(
            page,
            {"id_name": "Enter the partner's name", "id_kind_0": "Choose the type of organisation"},
        )
        # GOV.UK Frontend moves focus to the summary, and its links move focus to the field.
        assert page.evaluate("() => !!document.activeElement.closest('.govuk-error-summary')")
        page.locator(".govuk-error-summary").get_by_role(
            "link", name="Enter the partner's name"
        ).click()
        expect(page.locator("#id_name")).to_be_focused()
        assert_accessible(page)

        page.get_by_label("Name", exact=True).fill(NEW_PARTNER)
        page.get_by_label("Care home provider").check()
        page.get_by_label("CQC provider ID (optional)").fill("1-101613245")
        page.get_by_label("ASC-WDS workplace ID (optional)").fill("j1234567")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(NEW_PARTNER)
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            f"{NEW_PARTNER} has been added."
        )
        expect(page.locator(".govuk-summary-list")).to_contain_text("J1234567")
        assert_accessible(page)

        page.get_by_role("link", name="Add a site").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Add a site")
        assert_accessible(page)

        page.get_by_label("Site name").fill(NEW_SITE)
        page.get_by_label("Address line 1").fill("1 Castle Street")
        page.get_by_label("Town or city").fill("Dudley")
        page.get_by_label("Postcode").fill("not a postcode")
        page.get_by_role("button", name="Add the site").click()
        expect_error_summary_linked_to_fields(page, {"id_postcode": NOT_A_POSTCODE})
        expect(page.get_by_label("Site name")).to_have_value(NEW_SITE)
        assert_accessible(page)

        page.get_by_label("Postcode").fill("dy1 1hf")
        page.get_by_role("button", name="Add the site").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(NEW_PARTNER)
        sites = page.get_by_role("table", name=f"Sites of {NEW_PARTNER}")
        expect(sites.get_by_role("row", name=NEW_SITE)).to_contain_text("DY1 1HF")
        assert_accessible(page)

        page.get_by_role("link", name="Invite someone").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone")
        assert_accessible(page)

        page.get_by_label("Full name").fill(INVITEE_NAME)
        page.get_by_label("Email address").fill(INVITEE_EMAIL)
        page.get_by_label("Employer user").check()
        page.get_by_role("button", name="Send the invitation").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            f"An invitation has been sent to {INVITEE_EMAIL}."
        )
        expect(page.get_by_text(f"{INVITEE_NAME} ({INVITEE_EMAIL}), employer user")).to_be_visible()
        assert_accessible(page)
        page.screenshot(
            path=SCREENSHOTS.format(name="organisation-as-administrator"), full_page=True
        )

        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [INVITEE_EMAIL]
        invitation_link = INVITATION_LINK.search(mailoutbox[0].body).group(0)

        page.get_by_role("button", name="Sign out").click()
        expect(page).to_have_url(re.compile(r"/$"))
        expect(page.get_by_role("link", name="Sign in")).to_be_visible()

        page.goto(invitation_link)
        expect(page.get_by_role("heading", level=1)).to_have_text("Choose your password")
        expect(page.get_by_text(f"You are joining {NEW_PARTNER} as employer user")).to_be_visible()
        assert_accessible(page)

        page.get_by_label("Choose a password").fill(INVITEE_PASSWORD)
        page.get_by_label("Type the password again").fill(INVITEE_PASSWORD)
        page.get_by_role("button", name="Create my account").click()
        expect(page).to_have_url(re.compile(r"/home/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {INVITEE_NAME}")
        expect(
            page.get_by_text(f"You are signed in as employer user at {NEW_PARTNER}.")
        ).to_be_visible()
        assert menu_labels(page) == [
            "Home",
            "My organisation",
            "Candidates",
            "Vacancies",
            "Placements",
            "Retention checks",
            "Workforce returns",
            "How we compare",
            "Reference data",
        ]
        expect(page.get_by_role("link", name="Partners", exact=True)).to_have_count(0)
        assert_accessible(page)
        page.screenshot(path=SCREENSHOTS.format(name="home"), full_page=True)

        page.get_by_role("navigation", name="Menu").get_by_role(
            "link", name="My organisation"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(NEW_PARTNER)
        expect(page.get_by_role("link", name="Add a site")).to_have_count(0)
        assert_accessible(page)
        page.screenshot(path=SCREENSHOTS.format(name="organisation"), full_page=True)


class TestKeyboard:
    def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(self, page):
        page.goto(reverse("web:start"))

        page.keyboard.press("Tab")
        skip_link = page.locator(":focus")
        expect(skip_link).to_have_text("Skip to main content")
        box = skip_link.bounding_box()
        page.keyboard.press("Enter")

        assert box is not None
        assert box["height"] > 1, "the focused skip link must be visible"
        expect(page.locator("main")).to_be_focused()

    def test_sign_in_can_be_completed_with_the_keyboard_alone(self, page, administrator):
        page.goto(reverse("partners:sign-in"))

        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.id") == "id_username":
                break
        expect(page.get_by_label("Email address")).to_be_focused()
        page.keyboard.type(ADMIN_EMAIL)
        page.keyboard.press("Tab")
        expect(page.get_by_label("Password")).to_be_focused()
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")

        expect(page).to_have_url(re.compile(r"/home/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada Administrator")


class TestPhone:
    def test_the_home_page_fits_the_screen_and_its_menu_opens(
        self, phone_page, assert_accessible, administrator
    ):
        phone_page.goto(reverse("partners:sign-in"))
        sign_in(phone_page, email=ADMIN_EMAIL)
        expect(phone_page).to_have_url(re.compile(r"/home/$"))

        widths = phone_page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert widths[1] == PHONE_WIDTH
        assert widths[0] <= widths[1], f"the home page is {widths[0]}px wide on a 390px screen"
        assert_accessible(phone_page)

        menu = phone_page.get_by_role("navigation", name="Menu")
        toggle = menu.get_by_role("button", name="Menu")
        expect(toggle).to_be_visible()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(menu.get_by_role("link", name="Partners", exact=True)).to_be_hidden()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        menu.get_by_role("link", name="Partners", exact=True).click()
        expect(phone_page.get_by_role("heading", level=1)).to_have_text("Partners")


class TestWithoutJavaScript:
    def test_the_administrator_signs_in_and_adds_a_partner(
        self, scriptless_page, assert_accessible, administrator
    ):
        page = scriptless_page
        page.goto(reverse("partners:sign-in"))
        assert_accessible(page)

        sign_in(page, email=ADMIN_EMAIL)
        expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada Administrator")
        assert_accessible(page)
        # Without JavaScript the menu is a plain list of links, with no toggle button.
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        page.get_by_role("navigation", name="Menu").get_by_role(
            "link", name="Partners", exact=True
        ).click()
        assert_accessible(page)
        page.get_by_role("link", name="Add a partner").click()
        assert_accessible(page)

        page.get_by_role("button", name="Save").click()
        expect_error_summary_linked_to_fields(
            page,
            {"id_name": "Enter the partner's name", "id_kind_0": "Choose the type of organisation"},
        )
        assert_accessible(page)

        page.get_by_label("Name", exact=True).fill(NEW_PARTNER)
        page.get_by_label("Home-care agency").check()
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(NEW_PARTNER)
        expect(page.locator(".govuk-summary-list")).to_be_visible()
        expect(page.get_by_text("Home-care agency · Social care")).to_be_visible()
        assert_accessible(page)
