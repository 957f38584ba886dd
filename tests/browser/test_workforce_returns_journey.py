"""The workforce returns journey in a browser (issue 8): an employer user uploads a return with
errors, reads the report, fixes the file, uploads it again and sees "How we compare" change;
then uploads the same file once more, which changes nothing."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from oneworkforce.intelligence import services
from oneworkforce.intelligence.models import ReturnFormat, ReturnStatus, WorkforceReturn
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import OrganisationKind, Role, SharingScope
from oneworkforce.partners.tests.factories import (
    DataSharingAgreementFactory,
    MembershipFactory,
    OrganisationFactory,
    SiteFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).resolve().parents[2] / "src/oneworkforce/intelligence/returns/samples"
WITH_ERRORS = SAMPLES / "ascwds-staff-with-errors.csv"
VALID = SAMPLES / "ascwds-staff-valid.csv"
PARTNER = "Netherton Lodge Care Home"
EMPLOYER_NAME = "Esme Employer"
EMPLOYER_EMAIL = "esme.employer@netherton.example"
EMPLOYER_PASSWORD = "kettle-lantern-orchard-57"
REPORTING_DATE = date(2026, 3, 31)
LAST_QUARTER = date(2025, 12, 31)
# Last quarter's accepted return held the first six people of this quarter's file.
LAST_QUARTER_PEOPLE = 6
# The errors planted in the sample (its README), by line and column. Line 13's unknown
# LOCALESTID is an error only when the Staff file is checked against a Workplace file, which
# an upload on its own is not.
PLANTED_ERRORS = [
    ("3", "MAINJOBROLE"),
    ("4", "MAINJRDESC"),
    ("5", "EMPLSTATUS"),
    ("6", "UNIQUEWORKERID"),
    ("7", "GENDER"),
    ("8", "POSTCODE"),
    ("9", "NINUMBER"),
    ("10", "STATUS"),
    ("11", "SALARY"),
    ("12", "CONTHOURS/ZEROHRCONT"),
    ("14", "SCQUAL"),
]


def staff_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.fixture
def immediate_checks(settings, tmp_path) -> None:
    """Check each upload inside its own request (the job runs when the upload commits), and
    keep the uploaded files out of the working tree."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def employer(immediate_checks):
    """A care home partner with a site, sharing its workforce figures with the partnership; its
    employer user; and its accepted staff return for last quarter."""
    partnership = OrganisationFactory(
        name=settings.PARTNERSHIP_NAME, kind=OrganisationKind.PARTNERSHIP
    )
    care_home = OrganisationFactory(name=PARTNER, kind=OrganisationKind.CARE_HOME_PROVIDER)
    SiteFactory(organisation=care_home, name="Netherton Lodge")
    DataSharingAgreementFactory(
        provider=care_home,
        recipient=partnership,
        scope=SharingScope.WORKFORCE_AGGREGATES,
        start_date=date(2025, 4, 1),
        end_date=None,
    )
    user = UserFactory(email=EMPLOYER_EMAIL, full_name=EMPLOYER_NAME, password=EMPLOYER_PASSWORD)
    MembershipFactory(user=user, organisation=care_home, role=Role.EMPLOYER_USER)
    lines = VALID.read_bytes().splitlines(keepends=True)
    last_quarter, _ = services.return_upload(
        actor=actor_for_user(user),
        organisation=care_home,
        file_format=ReturnFormat.ASCWDS_STAFF,
        reporting_date=LAST_QUARTER,
        file_name="staff-december.csv",
        content=b"".join(lines[: 1 + LAST_QUARTER_PEOPLE]),
        uploaded_at=timezone.now(),
    )
    last_quarter.refresh_from_db()
    assert last_quarter.status == ReturnStatus.ACCEPTED
    return user


def sign_in(page: Page, *, email: str, password: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def open_from_menu(page: Page, label: str) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=label, exact=True).click()


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


def your_headcount(page: Page) -> str:
    """The total of the Headcount table under "Your workforce" on "How we compare"."""
    table = page.get_by_role("table", name=re.compile(r"^Headcount on "))
    expect(table).to_have_count(1)
    total = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Total"))
    return total.locator("td").last.inner_text().strip()


def upload(page: Page, path: Path) -> None:
    page.get_by_label("ASC-WDS staff file").check()
    page.get_by_label("The date the return describes").fill(f"{REPORTING_DATE:%d/%m/%Y}")
    page.get_by_label("The file").set_input_files(path)
    page.get_by_role("button", name="Upload and check").click()


def table_rows(page: Page, table_name: re.Pattern[str]) -> list[list[str]]:
    table = page.get_by_role("table", name=table_name)
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


class TestWorkforceReturnsJourney:
    def test_an_employer_uploads_a_return_with_errors_fixes_it_and_sees_the_figures_change(
        self, page, assert_accessible, employer
    ):
        page.goto(reverse("partners:sign-in"))
        assert_accessible(page)
        sign_in(page, email=EMPLOYER_EMAIL, password=EMPLOYER_PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {EMPLOYER_NAME}")
        assert_accessible(page)

        # 1. Last quarter's figures, before this quarter's return.
        open_from_menu(page, "How we compare")
        expect(page.get_by_role("heading", level=1)).to_have_text("How your workforce compares")
        expect(page.get_by_role("heading", name="Your workforce", exact=True)).to_be_visible()
        expect(page.get_by_role("table", name="Headcount on 31 December 2025")).to_be_visible()
        before = your_headcount(page)
        assert before == str(LAST_QUARTER_PEOPLE)
        assert_accessible(page)

        # 2. The upload form, sent empty.
        open_from_menu(page, "Workforce returns")
        expect(page.get_by_role("heading", level=1)).to_have_text("Workforce returns")
        expect(page.get_by_role("table", name="1 upload")).to_contain_text("Accepted")
        assert_accessible(page)

        page.get_by_role("link", name="Upload a return").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Upload a return")
        # The only partner the employer may upload for is chosen already.
        expect(page.get_by_label("Partner")).to_have_value(
            str(employer.memberships.get().organisation_id)
        )
        assert_accessible(page)

        page.get_by_role("button", name="Upload and check").click()
        expect_error_summary_linked_to_fields(
            page,
            {
                "id_file_format_0": "Choose what kind of file this is",
                "id_reporting_date": "Enter the date the return describes",
                "id_file": "Choose the file to upload",
            },
        )
        page.locator(".govuk-error-summary").get_by_role(
            "link", name="Choose the file to upload"
        ).click()
        expect(page.get_by_label("The file")).to_be_focused()
        assert_accessible(page)

        # 3. The file with errors: nothing is saved, and the report lists every error.
        upload(page, WITH_ERRORS)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "ASC-WDS staff file for 31 March 2026"
        )
        expect(page.get_by_role("status")).to_have_text("Not accepted: it has errors")
        summary = page.locator(".govuk-error-summary")
        expect(summary.get_by_role("heading")).to_have_text("This return was not accepted")
        expect(summary).to_contain_text(f"It has {len(PLANTED_ERRORS)} errors")
        errors_on_page = [
            (line, column, message)
            for line, column, _value, kind, message in table_rows(
                page, re.compile(r"problems, errors first$")
            )
            if kind == "Error"
        ]
        assert [(line, column) for line, column, _ in errors_on_page] == PLANTED_ERRORS
        assert all(message for _, _, message in errors_on_page)
        expect(page.get_by_role("link", name="See the staff records it holds")).to_have_count(0)
        assert_accessible(page)

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Download the whole report (CSV)").click()
        download = download_info.value
        assert download.suggested_filename == f"report-{WITH_ERRORS.name}.csv"
        report = staff_rows(Path(download.path()))
        errors_in_report = [
            (row["line"], row["column"], row["message"])
            for row in report
            if row["severity"] == "error"
        ]
        assert errors_in_report == errors_on_page
        assert {row["severity"] for row in report} == {"error", "warning"}

        # 4. The corrected file is accepted, and its staff records are there to see.
        page.get_by_role("link", name="All returns").click()
        expect(page.get_by_role("table", name="2 uploads")).to_contain_text(
            "Not accepted: it has errors"
        )
        page.get_by_role("link", name="Upload a return").click()
        upload(page, VALID)
        expect(page.get_by_role("status")).to_have_text("Accepted")
        expect(page.get_by_role("heading", name="Return accepted")).to_be_visible()
        expect(page.locator(".govuk-panel")).to_contain_text(
            f"It is now {PARTNER}'s return for 31 March 2026"
        )
        assert_accessible(page)

        valid_rows = staff_rows(VALID)
        page.get_by_role("link", name="See the staff records it holds").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Staff records")
        records = page.get_by_role("table", name=f"{len(valid_rows)} posts")
        expect(records).to_be_visible()
        workers = records.locator("tbody tr td:first-child").all_inner_texts()
        assert len(workers) == len(valid_rows)
        for row in valid_rows:
            assert any(row["UNIQUEWORKERID"] in worker for worker in workers), row
        assert_accessible(page)

        # 5. "How we compare" now shows this quarter: every worker in the corrected file.
        open_from_menu(page, "How we compare")
        expect(page.get_by_role("table", name="Headcount on 31 March 2026")).to_be_visible()
        people = len({(row["LOCALESTID"], row["UNIQUEWORKERID"]) for row in valid_rows})
        assert people >= 5, "the headcount would be hidden as [c]"
        after = your_headcount(page)
        assert after == str(people)
        assert after != before
        assert_accessible(page)

        # 6. The same file again changes nothing.
        accepted = WorkforceReturn.objects.get(
            reporting_date=REPORTING_DATE, status=ReturnStatus.ACCEPTED
        )
        uploads = WorkforceReturn.objects.count()
        open_from_menu(page, "Workforce returns")
        page.get_by_role("link", name="Upload a return").click()
        upload(page, VALID)
        expect(page).to_have_url(re.compile(rf"/returns/{accepted.pk}/$"))
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            services.UPLOAD_UNCHANGED.format(
                format=accepted.get_format_display(),
                reporting_date=accepted.reporting_date,
                accepted_at=accepted.accepted_at,
            )
        )
        expect(page.get_by_role("status")).to_have_text("Accepted")
        assert WorkforceReturn.objects.count() == uploads
        assert_accessible(page)
