"""A candidate registers in Urdu, takes the pre-employment assessment and sees their result,
in a real browser: every page right to left, checked with axe, photographed for people to
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

from oneworkforce.recruitment.assessment import documents
from oneworkforce.recruitment.assessment.models import Attempt, BankStatus, BankVersion
from oneworkforce.recruitment.assessment.tests.factories import best_answers
from oneworkforce.recruitment.models import Candidate
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
