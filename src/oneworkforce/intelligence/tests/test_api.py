"""The API of workforce returns (upload and status, for employer tokens) and of the protected
workforce metrics (for readers of aggregates), with organisation-scoped tokens."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from oneworkforce.engines.disclosure import DEFAULT_RULE, MARKER
from oneworkforce.intelligence import metrics, services
from oneworkforce.intelligence.models import ReturnStatus, WorkforceReturn
from oneworkforce.intelligence.tests.factories import STAFF_VALID, STAFF_WITH_ERRORS, sample
from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import api_token_for, token_header

pytestmark = pytest.mark.django_db

RETURNS = "/api/workforce-returns/"
METRICS = "/api/workforce-metrics/"
COUNTED = {metrics.Unit.PEOPLE, metrics.Unit.POSTS}


@pytest.fixture
def api_upload(immediate_tasks, django_capture_on_commit_callbacks):
    """POST a return to the API with ``key``; its check runs before this returns."""

    def upload(key: str, *, organisation, content: bytes = b"", name: str = "staff.csv"):
        with django_capture_on_commit_callbacks(execute=True):
            return Client().post(
                RETURNS,
                {
                    "organisation": organisation.pk,
                    "file_format": "ascwds-staff",
                    "reporting_date": "2026-03-31",
                    "file": SimpleUploadedFile(name, content or sample(STAFF_VALID)),
                },
                **token_header(key),
            )

    return upload


def is_publishable(display: str) -> bool:
    """A count a reader may see: 0, the threshold or more, or hidden."""
    if display == MARKER:
        return True
    count = int(display.replace(",", ""))
    return count == 0 or count >= DEFAULT_RULE.threshold


class TestReturnUploadByApi:
    def test_an_employer_token_uploads_a_return_that_is_checked_in_the_background(
        self, employer_organisation, api_upload
    ):
        _, key = api_token_for(organisation=employer_organisation)

        response = api_upload(key, organisation=employer_organisation)

        assert response.status_code == 202
        assert response.json()["status"] == ReturnStatus.QUEUED
        assert WorkforceReturn.objects.get(pk=response.json()["id"]).status == ReturnStatus.ACCEPTED

    def test_its_status_reads_accepted_once_the_check_has_run(
        self, employer_organisation, api_upload
    ):
        _, key = api_token_for(organisation=employer_organisation)
        created = api_upload(key, organisation=employer_organisation).json()

        response = Client().get(f"{RETURNS}{created['id']}/", **token_header(key))

        assert response.status_code == 200
        assert response.json()["status"] == ReturnStatus.ACCEPTED
        assert response.json()["row_count"] == 14

    def test_the_report_of_a_rejected_return_lists_every_issue(
        self, employer_organisation, api_upload
    ):
        _, key = api_token_for(organisation=employer_organisation)
        created = api_upload(
            key, organisation=employer_organisation, content=sample(STAFF_WITH_ERRORS)
        ).json()

        body = Client().get(f"{RETURNS}{created['id']}/", **token_header(key)).json()

        assert body["status"] == ReturnStatus.REJECTED
        errors = [issue for issue in body["issues"] if issue["kind"] == "error"]
        assert len(errors) == body["error_count"] > 0
        assert all(issue["line"] and issue["column"] and issue["message"] for issue in errors)

    def test_an_analyst_token_cannot_upload(self, partnership, employer_organisation, api_upload):
        _, key = api_token_for(organisation=partnership, role=Role.ANALYST)

        response = api_upload(key, organisation=employer_organisation)

        assert response.status_code == 403
        assert not WorkforceReturn.objects.exists()

    def test_an_employer_token_cannot_upload_for_another_partner(
        self, employer_organisation, other_organisation, api_upload
    ):
        _, key = api_token_for(organisation=other_organisation)

        response = api_upload(key, organisation=employer_organisation)

        assert response.status_code == 400
        assert not WorkforceReturn.objects.exists()

    def test_a_second_upload_while_the_first_is_checked_is_refused_with_the_reason(
        self, employer_organisation, api_upload
    ):
        _, key = api_token_for(organisation=employer_organisation)
        # Without running the background check, the first upload stays queued.
        Client().post(
            RETURNS,
            {
                "organisation": employer_organisation.pk,
                "file_format": "ascwds-staff",
                "reporting_date": "2026-03-31",
                "file": SimpleUploadedFile("first.csv", sample(STAFF_WITH_ERRORS)),
            },
            **token_header(key),
        )

        response = api_upload(key, organisation=employer_organisation)

        assert response.status_code == 400
        assert response.json()["errors"][0]["message"] == services.UPLOAD_IN_PROGRESS.format(
            organisation=employer_organisation.name
        )
        assert WorkforceReturn.objects.count() == 1

    def test_an_administrators_token_sees_the_status_but_not_the_issues(
        self, partnership, employer_organisation, api_upload
    ):
        _, employer_key = api_token_for(organisation=employer_organisation)
        created = api_upload(
            employer_key, organisation=employer_organisation, content=sample(STAFF_WITH_ERRORS)
        ).json()
        _, admin_key = api_token_for(organisation=partnership, role=Role.PARTNERSHIP_ADMIN)

        body = Client().get(f"{RETURNS}{created['id']}/", **token_header(admin_key)).json()

        assert body["status"] == ReturnStatus.REJECTED
        assert body["issues"] is None


class TestWorkforceMetricsByApi:
    def test_an_analyst_token_gets_every_metric(self, district):
        _, key = api_token_for(organisation=district.partnership, role=Role.ANALYST)

        response = Client().get(METRICS, **token_header(key))

        assert response.status_code == 200
        assert sorted(item["id"] for item in response.json()) == sorted(metrics.DEFINITIONS)

    def test_every_count_it_gives_is_zero_at_least_the_threshold_or_hidden(self, district):
        _, key = api_token_for(organisation=district.partnership, role=Role.ANALYST)

        answers = [
            Client().get(METRICS, {"by": by}, **token_header(key)).json()
            for by in ("sector", "organisation_name", "role_group")
        ]

        counts = [
            row["display"]
            for answer in answers
            for item in answer
            if item["unit"] in COUNTED
            for row in item["rows"]
        ]
        assert MARKER in counts  # the district is small enough for something to be hidden
        assert [display for display in counts if not is_publishable(display)] == []

    def test_an_employer_token_cannot_read_the_partnerships_metrics(self, district):
        _, key = api_token_for(organisation=district.care_home)

        response = Client().get(METRICS, **token_header(key))

        assert response.status_code == 403
