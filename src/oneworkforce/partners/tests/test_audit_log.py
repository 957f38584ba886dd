"""The audit log page: search it, and export what the search found as a background job."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from oneworkforce.background.models import Job, JobStatus
from oneworkforce.partners.models import AuditAction, AuditEvent, Role
from oneworkforce.partners.tasks import EXPORT_COLUMNS
from oneworkforce.partners.tests.factories import AuditEventFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db

AUDIT_LOG = reverse("partners:audit-log")
EXPORT = reverse("partners:audit-export")


def export(client, capture, filters):
    with capture(execute=True):
        response = client.post(EXPORT, filters)
    return response


def download(client, job):
    response = client.get(reverse("background:job-result", args=[job.pk]))
    text = b"".join(response.streaming_content).decode()
    return response, list(csv.reader(io.StringIO(text)))


class TestAuditLogPage:
    def test_searches_by_record_type_and_action(self, admin_client):
        wanted = AuditEventFactory(record_type="partners.site", action=AuditAction.CREATED)
        AuditEventFactory(record_type="partners.site", action=AuditAction.CHANGED)
        AuditEventFactory(record_type="partners.user", action=AuditAction.CREATED)

        response = admin_client.get(
            AUDIT_LOG, {"record_type": "partners.site", "action": "created"}
        )

        assert list(response.context["page"]) == [wanted]

    def test_searches_between_two_dates(self, admin_client):
        AuditEventFactory(occurred_at=datetime(2026, 4, 30, 12, tzinfo=UTC))
        wanted = AuditEventFactory(occurred_at=datetime(2026, 5, 1, 12, tzinfo=UTC))

        response = admin_client.get(AUDIT_LOG, {"since": "01/05/2026", "until": "01/05/2026"})

        assert list(response.context["page"]) == [wanted]

    def test_says_when_the_dates_are_the_wrong_way_round(self, admin_client):
        response = admin_client.get(AUDIT_LOG, {"since": "02/05/2026", "until": "01/05/2026"})

        assert (
            "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date"
            in response.content.decode()
        )

    def test_refuses_an_employer_user(self, employer_client):
        assert employer_client.get(AUDIT_LOG).status_code == 403


class TestAuditExport:
    def test_runs_in_the_background_and_gives_the_requester_a_csv(
        self, admin_client, immediate_tasks, django_capture_on_commit_callbacks
    ):
        AuditEventFactory(record_type="partners.site", record_id="41")
        AuditEventFactory(record_type="partners.user", record_id="42")

        response = export(
            admin_client, django_capture_on_commit_callbacks, {"record_type": "partners.site"}
        )

        job = Job.objects.get()
        assert response.url == reverse("background:job-detail", args=[job.pk])
        assert (job.status, job.steps_total, job.steps_done) == (JobStatus.SUCCEEDED, 1, 1)
        download_response, rows = download(admin_client, job)
        assert download_response.status_code == 200
        assert rows[0] == list(EXPORT_COLUMNS)
        assert [(row[2], row[3]) for row in rows[1:]] == [("partners.site", "41")]

    def test_neutralises_cells_a_spreadsheet_would_run_as_formulas(
        self, admin_client, immediate_tasks, django_capture_on_commit_callbacks
    ):
        hostile_partner = OrganisationFactory(name='=HYPERLINK("http://x.example")')
        AuditEventFactory(record_type="=cmd|' /C calc'!A0", record_organisation=hostile_partner)

        export(admin_client, django_capture_on_commit_callbacks, {})

        _, rows = download(admin_client, Job.objects.get())
        (row,) = rows[1:]
        assert row[2] == "'=cmd|' /C calc'!A0"
        assert row[4] == '\'=HYPERLINK("http://x.example")'

    def test_the_export_itself_is_logged(
        self, admin_client, admin_user, immediate_tasks, django_capture_on_commit_callbacks
    ):
        export(admin_client, django_capture_on_commit_callbacks, {})

        job = Job.objects.get()
        event = AuditEvent.objects.get(action=AuditAction.EXPORTED)
        assert (event.record_type, event.record_id, event.actor) == (
            "background.job",
            str(job.pk),
            admin_user,
        )

    def test_nobody_else_can_download_the_export(
        self, admin_client, immediate_tasks, django_capture_on_commit_callbacks, partnership
    ):
        export(admin_client, django_capture_on_commit_callbacks, {})
        second_admin = member(role=Role.PARTNERSHIP_ADMIN, organisation=partnership)
        admin_client.force_login(second_admin)

        response = admin_client.get(reverse("background:job-result", args=[Job.objects.get().pk]))

        assert response.status_code == 404

    def test_refuses_an_employer_user(
        self, employer_client, immediate_tasks, django_capture_on_commit_callbacks
    ):
        response = export(employer_client, django_capture_on_commit_callbacks, {})

        assert response.status_code == 403
        assert not Job.objects.exists()
