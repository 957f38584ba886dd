"""The assessment API: advisers read sent attempts and bank versions; employers cannot; the
schema describes both."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners import services as partners_services
from oneworkforce.partners.models import AuditEvent, Role
from oneworkforce.recruitment.assessment import services
from oneworkforce.recruitment.assessment.tests.factories import submitted_attempt
from oneworkforce.recruitment.tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


def _token_client(client, admin_actor, organisation, role):
    _, key = partners_services.api_token_create(
        actor=admin_actor, organisation=organisation, role=role, name="t", created_at=timezone.now()
    )
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
    return client


class TestAttempts:
    def test_an_adviser_token_reads_a_candidates_results_and_notes(
        self, client, admin_actor, partnership, adviser_actor
    ):
        candidate = CandidateFactory(reference="CABC1234")
        attempt = submitted_attempt(candidate)
        services.note_add(
            actor=adviser_actor, attempt=attempt, text="Keen", written_at=timezone.now()
        )
        submitted_attempt(CandidateFactory())
        api = _token_client(client, admin_actor, partnership, Role.RECRUITMENT_ADVISER)

        body = api.get(reverse("api:assessment-attempt-list"), {"candidate": "CABC1234"}).json()

        assert body["count"] == 1
        found = body["results"][0]
        assert (found["candidate"], found["bank_version"], found["level"]) == (
            "CABC1234",
            1,
            "ready_now",
        )
        assert found["notes"][0]["text"] == "Keen"
        assert found["result"]["recommendations"]["roles"][0] == "care-worker"

    def test_reading_one_attempt_is_written_to_the_audit_log(
        self, client, admin_actor, partnership
    ):
        attempt = submitted_attempt(CandidateFactory())
        api = _token_client(client, admin_actor, partnership, Role.RECRUITMENT_ADVISER)

        api.get(reverse("api:assessment-attempt-detail", args=[attempt.pk]))

        assert AuditEvent.objects.filter(action="viewed", record_id=str(attempt.pk)).exists()

    def test_an_employer_token_is_refused(self, client, admin_actor, employer_organisation):
        submitted_attempt(CandidateFactory())
        api = _token_client(client, admin_actor, employer_organisation, Role.EMPLOYER_USER)

        assert api.get(reverse("api:assessment-attempt-list")).status_code == 403


class TestBankVersions:
    def test_lists_versions_with_their_whole_document(self, client, admin_actor, partnership):
        api = _token_client(client, admin_actor, partnership, Role.RECRUITMENT_ADVISER)

        body = api.get(reverse("api:assessment-bank-version-detail", args=[1])).json()

        assert body["status"] == "published"
        assert body["document"]["scoring"] == {"strong_percent": 75, "concern_percent": 40}


def test_the_schema_describes_both_endpoints(client):
    schema = client.get(reverse("api:schema")).content.decode()

    assert "/api/assessment-attempts/{id}/" in schema
    assert "/api/assessment-bank-versions/{number}/" in schema
