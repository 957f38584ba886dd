"""Uploading a return through the page: checked in the background, loaded all or nothing,
one at a time per partner, and the same file twice changes nothing."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.background.models import Job
from oneworkforce.intelligence import services
from oneworkforce.intelligence.models import (
    Person,
    Post,
    ReturnFormat,
    ReturnIssue,
    ReturnStatus,
    WorkforceReturn,
    Workplace,
)
from oneworkforce.intelligence.returns.formats import FORMATS
from oneworkforce.intelligence.returns.reading import read_upload
from oneworkforce.intelligence.returns.validation import validate
from oneworkforce.intelligence.tests.factories import (
    NHS_VALID,
    REPORTING_DATE,
    STAFF_VALID,
    STAFF_WITH_ERRORS,
    WORKPLACE_VALID,
    accepted_return,
    sample,
    status_shown,
    with_cell,
    without_lines,
)
from oneworkforce.partners.access import NotAllowed
from oneworkforce.partners.models import OrganisationKind, Role
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

STAFF_ROWS = 14  # the valid Staff sample: 14 posts, one person each


def rows_stored() -> tuple[int, int, int]:
    return Post.objects.count(), Person.objects.count(), Workplace.objects.count()


def the_return() -> WorkforceReturn:
    return WorkforceReturn.objects.get()


class TestReturnUpload:
    def test_a_valid_staff_file_is_checked_in_the_background_and_accepted(
        self, employer_client, employer_organisation, post_return
    ):
        response = post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_VALID)
        )

        workforce_return = the_return()
        assert response.status_code == 302
        assert response.url == reverse("intelligence:return-detail", args=[workforce_return.pk])
        assert workforce_return.status == ReturnStatus.ACCEPTED
        assert workforce_return.organisation == employer_organisation
        assert Job.objects.get(pk=workforce_return.job_id).status == "succeeded"

    def test_the_page_of_the_accepted_return_says_accepted(
        self, employer_client, employer_organisation, post_return
    ):
        response = post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_VALID)
        )

        page = employer_client.get(response.url)

        assert page.status_code == 200
        assert status_shown(page) == ReturnStatus.ACCEPTED.label

    def test_stores_the_posts_and_people_of_a_staff_file_for_its_partner(
        self, employer_client, employer_organisation, post_return
    ):
        post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_VALID)
        )

        workforce_return = the_return()
        posts = Post.objects.filter(workforce_return=workforce_return)
        assert posts.count() == STAFF_ROWS
        assert Person.objects.filter(workforce_return=workforce_return).count() == STAFF_ROWS
        assert set(posts.values_list("organisation", flat=True)) == {employer_organisation.pk}
        assert set(posts.values_list("sector", flat=True)) == {"social_care"}
        assert workforce_return.row_count == STAFF_ROWS

    def test_stores_the_workplaces_of_a_workplace_file(
        self, employer_client, employer_organisation, post_return
    ):
        post_return(
            employer_client,
            organisation=employer_organisation,
            content=sample(WORKPLACE_VALID),
            file_format=ReturnFormat.ASCWDS_WORKPLACE,
        )

        assert the_return().status == ReturnStatus.ACCEPTED
        assert set(Workplace.objects.values_list("key", flat=True)) == {"HOME01", "DOM01", "HEAD01"}

    def test_stores_the_posts_people_and_workplaces_of_an_nhs_staff_file(
        self, employer_client, employer_user, post_return
    ):
        trust = OrganisationFactory(name="Dudley Group NHS Trust", kind=OrganisationKind.NHS_TRUST)
        MembershipFactory(user=employer_user, organisation=trust, role=Role.EMPLOYER_USER)

        post_return(
            employer_client, organisation=trust, content=sample(NHS_VALID), file_format="nhs-staff"
        )

        assert the_return().status == ReturnStatus.ACCEPTED
        # Two lines of the sample are one person with two assignments.
        assert rows_stored() == (9, 8, 2)
        assert set(Post.objects.values_list("sector", flat=True)) == {"health"}


class TestAllOrNothing:
    def test_a_file_with_errors_is_rejected_and_stores_nothing(
        self, employer_client, employer_organisation, post_return
    ):
        post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_WITH_ERRORS)
        )

        assert the_return().status == ReturnStatus.REJECTED
        assert rows_stored() == (0, 0, 0)

    def test_its_report_holds_every_error_the_validator_finds_with_line_column_and_message(
        self, employer_client, employer_organisation, post_return
    ):
        content = sample(STAFF_WITH_ERRORS)
        expected = validate(
            read_upload(content=content, filename="staff.csv", file_format=FORMATS["ascwds-staff"]),
            reference_date=REPORTING_DATE,
        )

        post_return(employer_client, organisation=employer_organisation, content=content)

        issues = ReturnIssue.objects.filter(workforce_return=the_return())
        stored_errors = sorted(
            issues.filter(is_error=True).values_list("line", "column", "message")
        )
        assert stored_errors == sorted((i.line, i.column, i.message) for i in expected.errors)
        stored_warnings = sorted(
            issues.filter(is_error=False).values_list("line", "column", "message")
        )
        assert stored_warnings == sorted((i.line, i.column, i.message) for i in expected.warnings)
        assert the_return().error_count == len(expected.errors) > 0

    def test_its_page_lists_every_error_with_its_line_column_and_message(
        self, employer_client, employer_organisation, post_return
    ):
        response = post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_WITH_ERRORS)
        )

        page = employer_client.get(response.url)

        assert status_shown(page) == ReturnStatus.REJECTED.label
        html = page.content.decode()
        for issue in ReturnIssue.objects.filter(is_error=True):
            row = (
                f'<td class="govuk-table__cell">{issue.line}</td>'
                f'<td class="govuk-table__cell">{issue.column}</td>'
            )
            assert row in html
            assert shows(page, issue.message)

    def test_warnings_alone_do_not_block(self, employer_client, employer_organisation, post_return):
        # An age of 78 on the reporting date is worth checking, not a reason to refuse.
        content = with_cell(sample(STAFF_VALID), line=3, column="DOB", value="01/02/1948")

        post_return(employer_client, organisation=employer_organisation, content=content)

        workforce_return = the_return()
        assert workforce_return.status == ReturnStatus.ACCEPTED
        assert (workforce_return.error_count, workforce_return.warning_count) == (0, 1)
        assert ReturnIssue.objects.get().line == 3
        assert Post.objects.count() == STAFF_ROWS

    def test_the_report_download_lists_every_issue(
        self, employer_client, employer_organisation, post_return
    ):
        post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_WITH_ERRORS)
        )
        workforce_return = the_return()

        response = employer_client.get(
            reverse("intelligence:return-issues-csv", args=[workforce_return.pk])
        )

        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        header, *rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert header == ["line", "column", "value", "severity", "message"]
        expected = [
            [str(issue.line), issue.column, "error" if issue.is_error else "warning", issue.message]
            for issue in ReturnIssue.objects.filter(workforce_return=workforce_return)
        ]
        assert sorted([line, column, kind, message] for line, column, _, kind, message in rows) == (
            sorted(expected)
        )

    def test_the_report_download_neutralises_formulas(
        self, employer_client, employer_organisation, post_return
    ):
        formula = "=HYPERLINK(x)"
        content = with_cell(sample(STAFF_VALID), line=2, column="GENDER", value=formula)
        post_return(employer_client, organisation=employer_organisation, content=content)
        workforce_return = the_return()

        response = employer_client.get(
            reverse("intelligence:return-issues-csv", args=[workforce_return.pk])
        )

        assert workforce_return.status == ReturnStatus.REJECTED
        cells = [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
        assert f"'{formula}" in cells
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]


class TestSameFileTwice:
    def test_the_same_file_twice_changes_nothing(
        self, employer_client, employer_organisation, post_return
    ):
        post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_VALID)
        )
        accepted = the_return()
        jobs = Job.objects.count()

        response = post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_VALID)
        )

        assert response.url == reverse("intelligence:return-detail", args=[accepted.pk])
        assert list(WorkforceReturn.objects.all()) == [accepted]
        assert Job.objects.count() == jobs
        assert Post.objects.count() == STAFF_ROWS

    def test_the_page_says_the_file_changed_nothing(
        self, employer_client, employer_organisation, post_return
    ):
        post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_VALID)
        )
        accepted = the_return()

        response = post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_VALID)
        )
        page = employer_client.get(response.url)

        assert shows(
            page,
            services.UPLOAD_UNCHANGED.format(
                format=accepted.get_format_display(),
                reporting_date=accepted.reporting_date,
                accepted_at=accepted.accepted_at,
            ),
        )

    def test_the_same_file_after_a_rejected_one_is_checked_again(
        self, employer_client, employer_organisation, post_return
    ):
        post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_WITH_ERRORS)
        )

        post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_WITH_ERRORS)
        )

        assert WorkforceReturn.objects.filter(status=ReturnStatus.REJECTED).count() == 2


class TestVersions:
    def test_a_different_file_for_the_same_date_supersedes_the_accepted_version(
        self, employer_client, employer_organisation, post_return
    ):
        post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_VALID)
        )
        first = the_return()

        post_return(
            employer_client,
            organisation=employer_organisation,
            content=without_lines(sample(STAFF_VALID), 15),
        )

        first.refresh_from_db()
        second = WorkforceReturn.objects.exclude(pk=first.pk).get()
        assert first.status == ReturnStatus.SUPERSEDED
        assert first.superseded_at == second.accepted_at
        assert second.status == ReturnStatus.ACCEPTED

    def test_the_superseded_version_keeps_its_rows(
        self, employer_client, employer_organisation, post_return
    ):
        post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_VALID)
        )
        first = the_return()

        post_return(
            employer_client,
            organisation=employer_organisation,
            content=without_lines(sample(STAFF_VALID), 15),
        )

        assert Post.objects.filter(workforce_return=first).count() == STAFF_ROWS
        assert Post.objects.exclude(workforce_return=first).count() == STAFF_ROWS - 1

    def test_a_file_for_another_date_does_not_supersede(
        self, employer_client, employer_organisation, post_return
    ):
        post_return(
            employer_client, organisation=employer_organisation, content=sample(STAFF_VALID)
        )

        post_return(
            employer_client,
            organisation=employer_organisation,
            content=sample(STAFF_VALID),
            reporting_date=date(2025, 12, 31),
        )

        assert sorted(WorkforceReturn.objects.values_list("reporting_date", "status")) == [
            (date(2025, 12, 31), ReturnStatus.ACCEPTED),
            (REPORTING_DATE, ReturnStatus.ACCEPTED),
        ]

    def test_another_partners_file_for_the_same_date_does_not_supersede(
        self, employer_actor, admin_actor, employer_organisation, other_organisation
    ):
        accepted_return(
            actor=employer_actor, organisation=employer_organisation, content=sample(STAFF_VALID)
        )

        accepted_return(
            actor=admin_actor,
            organisation=other_organisation,
            content=without_lines(sample(STAFF_VALID), 15),
        )

        assert set(WorkforceReturn.objects.values_list("status", flat=True)) == {
            ReturnStatus.ACCEPTED
        }


def queued_return(actor, organisation) -> WorkforceReturn:
    """A return waiting for its check (its job has not run)."""
    workforce_return, _ = services.return_upload(
        actor=actor,
        organisation=organisation,
        file_format=ReturnFormat.ASCWDS_STAFF,
        reporting_date=REPORTING_DATE,
        file_name="first.csv",
        content=sample(STAFF_VALID),
        uploaded_at=timezone.now(),
    )
    return workforce_return


class TestOneUploadAtATime:
    @pytest.mark.parametrize("status", [ReturnStatus.QUEUED, ReturnStatus.CHECKING])
    def test_refuses_a_second_upload_while_the_first_is_being_checked(
        self,
        employer_client,
        employer_actor,
        employer_organisation,
        post_return,
        status,
        media_root,
    ):
        first = queued_return(employer_actor, employer_organisation)
        WorkforceReturn.objects.filter(pk=first.pk).update(status=status)

        response = post_return(
            employer_client,
            organisation=employer_organisation,
            content=without_lines(sample(STAFF_VALID), 15),
        )

        assert response.status_code == 200
        assert shows(
            response, services.UPLOAD_IN_PROGRESS.format(organisation=employer_organisation.name)
        )
        assert list(WorkforceReturn.objects.all()) == [first]
        assert rows_stored() == (0, 0, 0)
        assert [path.name for path in media_root.rglob("*.csv")] == [Path(first.stored_file).name]

    def test_another_partner_can_upload_meanwhile(
        self,
        employer_actor,
        employer_organisation,
        other_organisation,
        other_organisation_client,
        post_return,
    ):
        queued_return(employer_actor, employer_organisation)

        post_return(
            other_organisation_client, organisation=other_organisation, content=sample(STAFF_VALID)
        )

        theirs = WorkforceReturn.objects.get(organisation=other_organisation)
        assert theirs.status == ReturnStatus.ACCEPTED
        assert Post.objects.filter(organisation=other_organisation).count() == STAFF_ROWS


class TestRefusedUploads:
    def test_refuses_a_reporting_date_in_the_future(
        self, employer_client, employer_organisation, post_return
    ):
        tomorrow = timezone.localdate() + timedelta(days=1)

        response = post_return(
            employer_client,
            organisation=employer_organisation,
            content=sample(STAFF_VALID),
            reporting_date=tomorrow,
        )

        assert response.status_code == 200
        assert shows(response, services.REPORTING_DATE_IN_FUTURE)
        assert not WorkforceReturn.objects.exists()

    def test_accepts_a_reporting_date_of_today(
        self, employer_client, employer_organisation, post_return
    ):
        response = post_return(
            employer_client,
            organisation=employer_organisation,
            content=sample(STAFF_VALID),
            reporting_date=timezone.localdate(),
        )

        assert response.status_code == 302
        assert the_return().reporting_date == timezone.localdate()

    def test_a_user_of_another_partner_cannot_upload_for_this_partner(
        self, other_organisation_client, employer_organisation, post_return
    ):
        response = post_return(
            other_organisation_client,
            organisation=employer_organisation,
            content=sample(STAFF_VALID),
        )

        assert response.status_code == 200
        assert response.context["form"].errors["organisation"]
        assert not WorkforceReturn.objects.exists()
        assert rows_stored() == (0, 0, 0)

    def test_the_service_refuses_a_user_of_another_partner(
        self, other_organisation_actor, employer_organisation
    ):
        with pytest.raises(NotAllowed):
            services.return_upload(
                actor=other_organisation_actor,
                organisation=employer_organisation,
                file_format=ReturnFormat.ASCWDS_STAFF,
                reporting_date=REPORTING_DATE,
                file_name="staff.csv",
                content=sample(STAFF_VALID),
                uploaded_at=timezone.now(),
            )

        assert not WorkforceReturn.objects.exists()

    def test_an_analyst_cannot_open_the_upload_page(self, analyst_client):
        response = analyst_client.get(reverse("intelligence:return-upload"))

        assert response.status_code == 403
