"""Who sees what of a return: its partner sees its records, an administrator only its status,
analysts and board members never a return; and an accepted return exported from the database
comes back unchanged when uploaded again."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from polars.testing import assert_frame_equal

from oneworkforce.intelligence import services
from oneworkforce.intelligence.loading import stored_tables
from oneworkforce.intelligence.models import (
    Post,
    ReturnFormat,
    ReturnIssue,
    ReturnStatus,
    WorkforceReturn,
)
from oneworkforce.intelligence.tests.factories import (
    REPORTING_DATE,
    STAFF_VALID,
    STAFF_WITH_ERRORS,
    accepted_return,
    sample,
    status_shown,
)
from oneworkforce.partners.tests.conftest import shows

pytestmark = pytest.mark.django_db

RETURN_PAGES = ("return-detail", "return-records", "return-export", "return-issues-csv")


@pytest.fixture
def accepted(employer_actor, employer_organisation) -> WorkforceReturn:
    return accepted_return(
        actor=employer_actor, organisation=employer_organisation, content=sample(STAFF_VALID)
    )


@pytest.fixture
def rejected(employer_actor, employer_organisation) -> WorkforceReturn:
    return accepted_return(
        actor=employer_actor, organisation=employer_organisation, content=sample(STAFF_WITH_ERRORS)
    )


def page(client: Client, name: str, workforce_return: WorkforceReturn):
    return client.get(reverse(f"intelligence:{name}", args=[workforce_return.pk]))


class TestTheirOwnPartner:
    def test_sees_the_staff_records_of_its_return(self, employer_client, accepted):
        response = page(employer_client, "return-records", accepted)

        assert response.status_code == 200
        keys = Post.objects.filter(workforce_return=accepted).values_list("key", flat=True)
        assert len(keys) == 14
        assert all(
            f'<td class="govuk-table__cell">{key}</td>' in response.content.decode() for key in keys
        )

    def test_sees_its_returns_in_the_list(self, employer_client, accepted):
        response = employer_client.get(reverse("intelligence:return-list"))

        assert response.status_code == 200
        assert (
            reverse("intelligence:return-detail", args=[accepted.pk]) in response.content.decode()
        )

    def test_sees_the_values_in_its_report(self, employer_client, rejected):
        response = page(employer_client, "return-detail", rejected)

        assert '<td class="govuk-table__cell">ADD</td>' in response.content.decode()


class TestAnotherPartner:
    @pytest.mark.parametrize("name", RETURN_PAGES)
    def test_never_sees_a_return_of_this_partner(self, other_organisation_client, accepted, name):
        response = page(other_organisation_client, name, accepted)

        assert response.status_code == 404

    def test_does_not_see_this_partners_returns_in_the_list(
        self, other_organisation_client, accepted
    ):
        response = other_organisation_client.get(reverse("intelligence:return-list"))

        assert str(accepted.pk) not in response.content.decode()


class TestAnAdministrator:
    def test_sees_the_status_of_a_return(self, admin_client, accepted):
        response = page(admin_client, "return-detail", accepted)

        assert response.status_code == 200
        assert status_shown(response) == ReturnStatus.ACCEPTED.label

    def test_sees_every_partners_returns_in_the_list(self, admin_client, accepted):
        response = admin_client.get(reverse("intelligence:return-list"))

        assert (
            reverse("intelligence:return-detail", args=[accepted.pk]) in response.content.decode()
        )

    @pytest.mark.parametrize("name", ["return-records", "return-export", "return-issues-csv"])
    def test_does_not_see_the_records_of_a_return(self, admin_client, accepted, name):
        response = page(admin_client, name, accepted)

        assert response.status_code == 403

    def test_does_not_see_the_values_or_messages_in_a_report(self, admin_client, rejected):
        response = page(admin_client, "return-detail", rejected)

        assert status_shown(response) == ReturnStatus.REJECTED.label
        html = response.content.decode()
        assert '<td class="govuk-table__cell">ADD</td>' not in html
        for issue in ReturnIssue.objects.filter(workforce_return=rejected):
            assert not shows(response, issue.message)


class TestAnalystsAndBoardMembers:
    @pytest.mark.parametrize("reader", ["analyst_client", "board_member_client"])
    @pytest.mark.parametrize("name", RETURN_PAGES)
    def test_never_see_a_return_or_a_record(self, request, accepted, reader, name):
        client = request.getfixturevalue(reader)

        response = page(client, name, accepted)

        assert response.status_code == 403

    @pytest.mark.parametrize("reader", ["analyst_client", "board_member_client"])
    def test_never_see_the_list_of_returns(self, request, reader):
        client = request.getfixturevalue(reader)

        response = client.get(reverse("intelligence:return-list"))

        assert response.status_code == 403

    @pytest.mark.parametrize("reader", ["analyst_client", "board_member_client"])
    def test_see_the_dashboard(self, request, accepted, reader):
        client = request.getfixturevalue(reader)

        response = client.get(reverse("intelligence:dashboard"))

        assert response.status_code == 200


class TestExportRoundTrip:
    def test_an_exported_return_uploaded_again_is_accepted_with_no_errors(
        self, employer_client, employer_organisation, accepted, post_return
    ):
        exported = page(employer_client, "return-export", accepted)

        post_return(
            employer_client,
            organisation=employer_organisation,
            content=exported.content,
            reporting_date=date(2026, 6, 30),
        )

        again = WorkforceReturn.objects.get(reporting_date=date(2026, 6, 30))
        assert exported.status_code == 200
        assert exported["Content-Type"].startswith("text/csv")
        assert again.status == ReturnStatus.ACCEPTED
        assert again.error_count == 0

    def test_an_exported_return_uploaded_again_holds_the_same_posts_and_people(
        self, employer_client, employer_organisation, accepted, post_return
    ):
        exported = page(employer_client, "return-export", accepted)

        post_return(
            employer_client,
            organisation=employer_organisation,
            content=exported.content,
            reporting_date=date(2026, 6, 30),
        )

        again = WorkforceReturn.objects.get(reporting_date=date(2026, 6, 30))
        before, after = stored_tables(accepted), stored_tables(again)
        assert before.posts.height == 14
        for table in ("posts", "people", "qualifications"):
            assert_frame_equal(
                getattr(before, table).sort(pl_key(table)),
                getattr(after, table).sort(pl_key(table)),
            )

    def test_the_first_version_stays_accepted_for_its_own_date(
        self, employer_client, employer_organisation, accepted, post_return
    ):
        exported = page(employer_client, "return-export", accepted)

        post_return(
            employer_client,
            organisation=employer_organisation,
            content=exported.content,
            reporting_date=date(2026, 6, 30),
        )

        accepted.refresh_from_db()
        assert accepted.status == ReturnStatus.ACCEPTED
        assert accepted.reporting_date == REPORTING_DATE


def pl_key(table: str) -> list[str]:
    return {
        "posts": ["post_key"],
        "people": ["person_key"],
        "qualifications": ["person_key", "slot"],
    }[table]


class TestLiveStatus:
    def test_a_return_waiting_for_its_check_polls_for_its_status(
        self, employer_client, employer_actor, employer_organisation
    ):
        waiting, _ = services.return_upload(
            actor=employer_actor,
            organisation=employer_organisation,
            file_format=ReturnFormat.ASCWDS_STAFF,
            reporting_date=REPORTING_DATE,
            file_name="staff.csv",
            content=sample(STAFF_VALID),
            uploaded_at=timezone.now(),
        )

        response = employer_client.get(
            reverse("intelligence:return-detail", args=[waiting.pk]), HTTP_HX_REQUEST="true"
        )

        html = response.content.decode()
        assert status_shown(response) == ReturnStatus.QUEUED.label
        assert 'hx-trigger="every 1s"' in html
        assert "<html" not in html  # only the status, swapped into the page

    def test_an_accepted_return_stops_polling(self, employer_client, accepted):
        response = employer_client.get(
            reverse("intelligence:return-detail", args=[accepted.pk]), HTTP_HX_REQUEST="true"
        )

        assert status_shown(response) == ReturnStatus.ACCEPTED.label
        assert "hx-trigger" not in response.content.decode()
