"""A candidate registers in Urdu, takes the pre-employment assessment and sees their result;
an adviser reads it, adds a note and publishes a new version of the question bank. In a real
browser. The candidate's pages are right to left, checked with axe, photographed for people to
look at, and measured, so that labels, inputs and radios sit against the right-hand edge of
the column as Urdu readers expect (GOV.UK Frontend alone would leave them on the left).

The screenshots are written under the system's temporary folder (printed at the end), never
into the repository.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from tests.browser.conftest import PHONE

from oneworkforce.partners.models import OrganisationKind, Role
from oneworkforce.partners.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from oneworkforce.recruitment import services as recruitment_services
from oneworkforce.recruitment.assessment import documents
from oneworkforce.recruitment.assessment.models import Attempt, BankStatus, BankVersion
from oneworkforce.recruitment.assessment.tests.factories import best_answers, submitted_attempt
from oneworkforce.recruitment.models import Candidate
from oneworkforce.recruitment.tests.factories import CandidateFactory
from oneworkforce.reference import services as reference_services

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(tempfile.gettempdir()) / "oneworkforce-browser" / "urdu"
COLUMN = ".govuk-grid-column-two-thirds"
# A box is against an edge when it is within this many CSS pixels of it.
TOLERANCE = 3
PERSON = "نسرین اختر"


@pytest.fixture
def published_bank(db) -> BankVersion:
    # The live server's tests empty every table between them, the migrations' data included:
    # load the reference lists and publish the shipped bank again.
    reference_services.reference_data_load(loaded_at=timezone.now())
    now = timezone.now()
    version, _ = BankVersion.objects.get_or_create(
        number=1,
        defaults={
            "status": BankStatus.PUBLISHED,
            "document": documents.default_document(),
            "published_at": now,
            "created_at": now,
        },
    )
    return version


def _screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


_EDGES = """([selector, column]) => {
    const element = document.querySelector(selector);
    const box = document.querySelector(column);
    const style = getComputedStyle(box);
    const outer = box.getBoundingClientRect();
    let inner = element.getBoundingClientRect();
    if (element.tagName === "LABEL") {
        // A label's block is as wide as the column in either direction; where its words end
        // is what shows the alignment.
        const range = document.createRange();
        range.selectNodeContents(element);
        inner = range.getBoundingClientRect();
    }
    return {
        right: outer.right - parseFloat(style.paddingRight) - inner.right,
        left: inner.left - (outer.left + parseFloat(style.paddingLeft)),
    };
}"""


_READS_LEFT_TO_RIGHT = """([text, first, second]) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const at = node.textContent.indexOf(text);
        if (at < 0) continue;
        const box = (start, length) => {
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + length);
            return range.getBoundingClientRect();
        };
        const one = box(at + text.indexOf(first), first.length);
        const two = box(at + text.indexOf(second), second.length);
        return one.right <= two.left;
    }
    throw new Error(`no text ${text} on the page`);
}"""


def _gaps(page: Page, selector: str) -> dict[str, float]:
    """How far the first element matching ``selector`` (a label: its words) stops short of
    the right-hand and left-hand edges of the content column's text (0 when it touches)."""
    return page.evaluate(_EDGES, [selector, COLUMN])


def _right_edge_gap(page: Page, selector: str) -> float:
    return _gaps(page, selector)["right"]


def _left_edge_gap(page: Page, selector: str) -> float:
    return _gaps(page, selector)["left"]


def _assert_right_to_left(page: Page) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ur")
    expect(html).to_have_attribute("dir", "rtl")


def _fill_registration(page: Page) -> None:
    page.get_by_label("پورا نام").fill(PERSON)
    page.locator("#id_dob_day").fill("3")
    page.locator("#id_dob_month").fill("11")
    page.locator("#id_dob_year").fill("1968")
    page.get_by_label("پوسٹ کوڈ").fill("bd1 1hy")
    page.locator("[name=phone]").fill("07700 900321")
    choices = {
        "contact_method": "text",
        "language": "ur",
        "settings_of_interest": "home_care",
        "roles_of_interest": "care_worker",
        "hours_wanted": "part_time",
        "availability": "mon:early",
        "travel_mode": "public_transport",
        "right_to_work": "british_or_irish",
        "dbs_status": "none",
        "paid_care_experience": "none",
        "employment_status": "unemployed_long",
        "heard_from": "community_group",
    }
    for name, value in choices.items():
        page.locator(f"input[name={name}][value='{value}']").check()
    page.locator("[name=max_travel_miles]").fill("3")


class TestCandidateInUrdu:
    def test_registers_takes_the_assessment_and_sees_the_result_right_to_left(
        self, published_bank, page, assert_accessible
    ) -> None:
        page.goto(reverse("recruitment:join"))
        page.get_by_role("navigation", name="Choose a language").get_by_role(
            "button", name="اردو"
        ).click()
        _assert_right_to_left(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("صحت اور کیئر میں کام تلاش کریں")
        _screenshot(page, "01-join")
        assert_accessible(page)

        page.goto(reverse("recruitment:register"))
        _assert_right_to_left(page)
        _screenshot(page, "02-register")
        assert_accessible(page)
        # The postcode box is narrow: it starts at the right, as the label's words do.
        assert abs(_right_edge_gap(page, "#id_postcode")) <= TOLERANCE
        assert abs(_right_edge_gap(page, "label[for=id_postcode]")) <= TOLERANCE
        assert abs(_right_edge_gap(page, "#id_contact_method_0")) <= TOLERANCE + 10
        # The day, the first part of a date, is the right-most box.
        day = page.locator("#id_dob_day").bounding_box()
        date_parts = page.locator(".govuk-date-input").bounding_box()
        assert day is not None
        assert date_parts is not None
        assert abs((date_parts["x"] + date_parts["width"]) - (day["x"] + day["width"])) <= TOLERANCE

        # Nothing ticked in the availability grid: the message is in Urdu, nobody registered.
        page.get_by_label("پورا نام").fill(PERSON)
        page.get_by_role("button", name="رجسٹر ہوں").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "دن کا کم از کم ایک ایسا وقت منتخب کریں جب آپ کام کر سکتے ہوں"
        )
        _screenshot(page, "03-register-errors")
        assert_accessible(page)
        # The red bar of a field in error is on the right.
        bar = page.locator(".govuk-form-group--error").first
        assert bar.evaluate("el => getComputedStyle(el).borderRightWidth") == "5px"
        assert bar.evaluate("el => getComputedStyle(el).borderLeftWidth") == "0px"
        assert not Candidate.objects.exists()

        _fill_registration(page)
        page.get_by_role("button", name="رجسٹر ہوں").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("آپ رجسٹر ہو گئے ہیں")
        _assert_right_to_left(page)
        assert_accessible(page)
        candidate = Candidate.objects.get()
        assert candidate.language == "ur"

        # Consent, profile, the data held and the erasure request, in Urdu too.
        page.get_by_role("button", name="منتخب کریں کہ آپ کی پروفائل کون دیکھ سکتا ہے").click()
        _assert_right_to_left(page)
        _screenshot(page, "03a-consent")
        assert_accessible(page)
        page.locator("input[name=sharing][value='adviser_only']").check()
        page.locator("input[name=contact_about_training][value='yes']").check()
        page.locator("input[name=anonymised_statistics][value='yes']").check()
        page.get_by_role("button", name="اپنے انتخاب محفوظ کریں").click()
        for name, url in (
            ("03b-profile", reverse("recruitment:profile")),
            ("03c-my-data", reverse("recruitment:my-data")),
            ("03d-erasure-request", reverse("recruitment:erasure-request")),
        ):
            page.goto(url)
            _assert_right_to_left(page)
            _screenshot(page, name)
            assert_accessible(page)
        assert candidate.consents.get().sharing == "adviser_only"
        # A phone number keeps its order: "07700" left of "900321", as it is written.
        page.goto(reverse("recruitment:profile"))
        assert page.evaluate(_READS_LEFT_TO_RIGHT, ["07700 900321", "07700", "900321"])

        page.goto(reverse("assessment:start"))
        _assert_right_to_left(page)
        _screenshot(page, "04-assessment-start")
        assert_accessible(page)
        page.get_by_role("button", name="جائزہ شروع کریں").click()

        answers = best_answers(published_bank.document)
        for number, option in enumerate(answers.values(), start=1):
            expect(page.locator(".govuk-caption-l")).to_contain_text(
                f"سوال {number} از {len(answers)}"
            )
            if number == 1:
                _assert_right_to_left(page)
                _screenshot(page, "05-question")
                assert_accessible(page)
                # The radio sits at the right of its answer, against the column's edge.
                first_radio = "#id_answer_0"
                assert abs(_right_edge_gap(page, first_radio)) <= TOLERANCE + 10
                radio = page.locator(first_radio).bounding_box()
                label = page.locator("label[for=id_answer_0]").bounding_box()
                assert radio is not None
                assert label is not None
                assert label["x"] + label["width"] <= radio["x"] + TOLERANCE
                # Saying nothing gets an Urdu message and saves nothing.
                page.get_by_role("button", name="محفوظ کریں اور آگے بڑھیں").click()
                expect(page.locator(".govuk-error-summary")).to_contain_text(
                    "جوابات میں سے ایک منتخب کریں"
                )
                _screenshot(page, "06-question-error")
                assert_accessible(page)
                assert Attempt.objects.get().answers == {}
            page.locator(f"input[name=answer][value='{option}']").check()
            page.get_by_role("button", name="محفوظ کریں اور آگے بڑھیں").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("اپنے جوابات دیکھ لیں")
        _screenshot(page, "07-check-answers")
        assert_accessible(page)
        page.get_by_role("button", name="میرے جوابات بھیجیں").click()

        expect(page.locator(".govuk-panel__title")).to_have_text("ابھی کیئر کی نوکری کے لیے تیار")
        _assert_right_to_left(page)
        expect(page.get_by_role("listitem").filter(has_text="کیئر ورکر")).not_to_have_count(0)
        _screenshot(page, "08-result")
        assert_accessible(page)
        attempt = Attempt.objects.get()
        assert (attempt.language, attempt.level) == ("ur", "ready_now")
        print(f"\nScreenshots of the Urdu pages: {SCREENSHOTS}")

    def test_the_same_page_in_english_keeps_its_boxes_on_the_left(
        self, published_bank, page
    ) -> None:
        # The measurements above can fail: in English the narrow box starts at the left.
        page.goto(reverse("recruitment:register"))

        expect(page.locator("html")).to_have_attribute("dir", "ltr")
        assert abs(_left_edge_gap(page, "#id_postcode")) <= TOLERANCE
        assert _right_edge_gap(page, "#id_postcode") > 100


ADVISER_EMAIL = "rita.adviser@partnership.example"
ADVISER_PASSWORD = "teapot-harbour-velvet-92"


@pytest.fixture
def adviser(published_bank):
    partnership = OrganisationFactory(
        name="Bradford Health and Care Partnership", kind=OrganisationKind.PARTNERSHIP
    )
    user = UserFactory(email=ADVISER_EMAIL, full_name="Rita Adviser", password=ADVISER_PASSWORD)
    MembershipFactory(user=user, organisation=partnership, role=Role.RECRUITMENT_ADVISER)
    return user


class TestAdviser:
    def test_reads_a_result_adds_a_note_and_publishes_a_new_version_of_the_bank(
        self, adviser, published_bank, new_context, assert_accessible
    ) -> None:
        candidate = CandidateFactory(full_name="Nasreen Akhtar", language="ur")
        attempt = submitted_attempt(candidate, language="ur")
        page = new_context(java_script_enabled=False).new_page()
        page.goto(reverse("partners:sign-in"))
        page.get_by_label("Email address").fill(ADVISER_EMAIL)
        page.get_by_label("Password").fill(ADVISER_PASSWORD)
        page.get_by_role("button", name="Sign in").click()

        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Assessments").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Assessment results")
        assert_accessible(page)
        page.get_by_role("link", name="Nasreen Akhtar").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ready for a care job now")
        assert_accessible(page)
        page.get_by_role("button", name="Add note").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a note")
        assert_accessible(page)
        page.get_by_label("Add a note").fill("Booked onto shadow shifts at Netherton Lodge.")
        page.get_by_role("button", name="Add note").click()
        expect(page.locator(".govuk-inset-text")).to_contain_text("Booked onto shadow shifts")
        assert attempt.notes.count() == 1

        page.get_by_role("link", name="Version 1").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Question bank version 1")
        assert_accessible(page)
        page.get_by_role("link", name="Back to the question bank").click()
        page.get_by_role("button", name="Start a new draft").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Question bank version 2")
        assert_accessible(page)
        page.get_by_role("link", name="Change the scoring thresholds").click()
        page.get_by_label("Strong from (per cent of the most points)").fill("80")
        page.get_by_label("Why the change").fill("Employers asked for a higher bar.")
        page.get_by_role("button", name="Save in the draft").click()
        page.get_by_role("link", name="Change question 6").click()
        assert_accessible(page)
        page.get_by_label("Points of answer 1").fill("dignity 3, courage 2")
        page.get_by_role("button", name="Save in the draft").click()
        page.get_by_role("button", name="Publish version 2").click()
        expect(page.locator(".govuk-caption-l")).to_have_text("Published: used by new attempts")

        attempt.refresh_from_db()
        assert attempt.bank_version == published_bank
        assert published_bank.document == documents.default_document()
        current = BankVersion.objects.get(number=2)
        assert current.document["scoring"]["strong_percent"] == 80
        assert current.document["questions"][5]["options"][0]["scores"] == {
            "dignity": 3,
            "courage": 2,
        }


class TestOnAPhone:
    def test_a_candidate_signs_in_with_a_code_and_answers_in_urdu_without_sideways_scrolling(
        self, published_bank, new_context, assert_accessible
    ) -> None:
        # JavaScript off, as on a basic phone: the pages must work and stay readable.
        candidate = CandidateFactory(language="ur")
        code = recruitment_services.sign_in_code_issue(
            actor=recruitment_services.candidate_actor(candidate),
            candidate=candidate,
            channel="printed",
            issued_at=timezone.now(),
        )
        page = new_context(java_script_enabled=False, viewport=PHONE).new_page()

        page.goto(reverse("recruitment:sign-in"))
        page.locator("[name=reference]").fill(candidate.reference)
        page.locator("[name=code]").fill(code)
        page.locator("form button[type=submit]").last.click()
        _assert_right_to_left(page)
        page.goto(reverse("assessment:start"))
        page.get_by_role("button", name="جائزہ شروع کریں").click()
        page.locator("input[name=answer][value='ask-why']").check()
        page.get_by_role("button", name="محفوظ کریں اور آگے بڑھیں").click()

        expect(page.locator(".govuk-caption-l")).to_contain_text("سوال 2 از 19")
        _assert_right_to_left(page)
        _screenshot(page, "09-question-on-a-phone")
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert Attempt.objects.get().answers == {"refuses-wash": "ask-why"}
