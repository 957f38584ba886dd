"""The planning journey in a browser (issue 9): an analyst opens the projection, saves a
scenario and changes it, compares it with the baseline, and downloads the board report,
whose PDF holds the report's headings in order; every page passes axe, and the projection
and comparison work with JavaScript off."""

from __future__ import annotations

import io
import re
import zipfile

import pypdf
import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from oneworkforce.intelligence.planning import selectors
from oneworkforce.intelligence.planning.forms import WEIGHTS_OVER_100
from oneworkforce.intelligence.tests.factories import district_build
from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

ANALYST_EMAIL = "ada.analyst@partnership.example"
ANALYST_PASSWORD = "lantern-harbour-meadow-42"
SCENARIO = "Turnover down 5 points"
# A report job makes charts and a PDF: give it longer than one page load.
REPORT_TIMEOUT_MS = 90_000
REPORT_HEADINGS = [
    "Workforce board report",
    "Headline workforce figures",
    "Trend over the latest reporting dates",
    "Supply and demand: the gap by scenario",
    "Scenario: Baseline",
    f"Scenario: {SCENARIO}",
    "Programme statistics and investment",
    "About these figures",
]


@pytest.fixture
def analyst(settings, tmp_path):
    """A district with accepted returns, and an analyst of its partnership who can sign in."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    selectors._bases.clear()
    district = district_build()
    user = UserFactory(email=ANALYST_EMAIL, full_name="Ada Analyst", password=ANALYST_PASSWORD)
    MembershipFactory(user=user, organisation=district.partnership, role=Role.ANALYST)
    yield user
    selectors._bases.clear()


def sign_in(page: Page) -> None:
    page.goto(reverse("partners:sign-in"))
    page.get_by_label("Email address").fill(ANALYST_EMAIL)
    page.get_by_label("Password").fill(ANALYST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def planning_link(page: Page, label: str) -> None:
    page.get_by_role("navigation", name="Planning").get_by_role("link", name=label).click()


def headings_of(pdf: bytes) -> list[tuple[str, str]]:
    """The PDF's headings in the order of its structure tree, with their levels."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    levels: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        tag = str(node.get("/S", ""))
        if re.fullmatch(r"/H\d", tag):
            levels.append(tag[1:])
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    found = sorted((text.find(title), title) for title in REPORT_HEADINGS if title in text)
    return list(zip(levels, [title for _, title in found], strict=False))


def test_an_analyst_plans_compares_and_downloads_the_board_report(
    page: Page, scriptless_page: Page, assert_accessible, analyst
):
    sign_in(page)
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Workforce planning", exact=True
    ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Workforce projection")
    expect(page.get_by_role("img", name=re.compile(r"^Line chart: Gap"))).to_be_visible()
    expect(page.get_by_role("table", name=re.compile(r"^Gap: posts needed"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Create a scenario").click()
    page.get_by_label("Name").fill(SCENARIO)
    page.get_by_label("Change in turnover, in percentage points").fill("-5")
    page.get_by_text("Change the demand weights of a role group").click()
    page.get_by_label("Care providing: % of demand following people aged 65 to 84").fill("60")
    page.get_by_label("Care providing: % of demand following people aged 85 and over").fill("60")
    page.get_by_label("Care providing: % of demand following working-age people (18 to 64)").fill(
        "0"
    )
    page.get_by_role("button", name="Save and show the projection").click()

    message = WEIGHTS_OVER_100.format(group="care providing", total=120)
    expect(page.locator(".govuk-error-summary")).to_contain_text(message)
    assert_accessible(page)

    page.get_by_label("Care providing: % of demand following people aged 65 to 84").fill("30")
    page.get_by_role("button", name="Save and show the projection").click()

    expect(page.get_by_role("heading", level=2, name=SCENARIO)).to_be_visible()
    expect(page.get_by_text("Turnover down 5 percentage points").first).to_be_visible()

    page.get_by_role("link", name="Change this scenario").click()
    page.get_by_label("More starters a year from the partnership's programmes").fill("20")
    page.get_by_role("button", name="Save and show the projection").click()

    expect(page.get_by_text("20 more programme starters a year").first).to_be_visible()
    assert_accessible(page)

    planning_link(page, "Compare scenarios")
    page.get_by_label("Baseline").check()
    page.get_by_label(SCENARIO).check()
    page.get_by_role("button", name="Compare").click()

    expect(page.get_by_role("heading", name=f"Assumptions: {SCENARIO}").first).to_be_visible()
    expect(page.get_by_role("heading", name="Assumptions: Baseline").first).to_be_visible()
    expect(
        page.get_by_role("table", name=re.compile(r"every role group, by scenario$")).first
    ).to_be_visible()
    assert_accessible(page)

    # The same comparison with JavaScript off: a plain GET form and images.
    scriptless_page.context.add_cookies(page.context.cookies())
    scriptless_page.goto(page.url)
    expect(scriptless_page.get_by_role("img", name=re.compile(r"^Line chart: Gap"))).to_have_count(
        3
    )
    assert_accessible(scriptless_page)

    planning_link(page, "Board report")
    page.get_by_role("button", name="Make a board report").click()
    pdf_link = page.get_by_role("link", name=re.compile(r"^Download board-report-.*\.pdf$"))
    expect(pdf_link).to_be_visible(timeout=REPORT_TIMEOUT_MS)
    assert_accessible(page)

    with page.expect_download() as pdf_download:
        pdf_link.click()
    with page.expect_download() as pack_download:
        page.get_by_role("link", name="Download the same figures as CSV files (zip)").click()

    with open(pdf_download.value.path(), "rb") as file:
        pdf = file.read()
    assert headings_of(pdf)[:6] == [
        ("H1", "Workforce board report"),
        ("H2", "Headline workforce figures"),
        ("H3", "Trend over the latest reporting dates"),
        ("H2", "Supply and demand: the gap by scenario"),
        ("H3", "Scenario: Baseline"),
        ("H3", f"Scenario: {SCENARIO}"),
    ]
    with zipfile.ZipFile(pack_download.value.path()) as pack:
        assert "projection_gap.csv" in pack.namelist()
        assert SCENARIO in pack.read("projection_gap.csv").decode()
