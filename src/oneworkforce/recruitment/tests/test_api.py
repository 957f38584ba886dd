from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import api_token_for
from oneworkforce.recruitment import services
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for

pytestmark = pytest.mark.django_db


def _token_client(organisation, role=Role.EMPLOYER_USER) -> Client:
    _, key = api_token_for(organisation=organisation, role=role)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


class TestCandidateApi:
    def test_an_employer_token_lists_only_candidates_whose_consent_names_it(
        self, employer_organisation, other_organisation
    ) -> None:
        named = CandidateFactory()
        consent_for(named, organisations=[employer_organisation])
        consent_for(CandidateFactory(), organisations=[other_organisation])

        response = _token_client(employer_organisation).get(reverse("api:candidate-list"))

        assert response.status_code == 200
        assert [row["reference"] for row in response.json()["results"]] == [named.reference]

    def test_a_withdrawal_removes_the_candidate_from_the_next_answer(
        self, employer_organisation
    ) -> None:
        candidate = CandidateFactory()
        consent_for(candidate, organisations=[employer_organisation])
        client = _token_client(employer_organisation)
        detail = reverse("api:candidate-detail", args=[candidate.pk])
        assert client.get(detail).status_code == 200

        services.consent_withdraw(
            actor=services.candidate_actor(candidate),
            candidate=candidate,
            withdrawn_at=timezone.now(),
        )

        assert client.get(detail).status_code == 404
        assert client.get(reverse("api:candidate-list")).json()["results"] == []

    def test_never_answers_with_support_needs_benefits_or_date_of_birth(
        self, employer_organisation
    ) -> None:
        candidate = CandidateFactory(support_notes="Anxious on the phone", benefits=["pip"])
        consent_for(candidate, organisations=[employer_organisation])

        row = (
            _token_client(employer_organisation)
            .get(reverse("api:candidate-detail", args=[candidate.pk]))
            .json()
        )

        assert not {"support_notes", "barriers", "benefits", "date_of_birth"} & set(row)
        assert "Anxious" not in str(row)

    def test_an_analyst_token_is_refused(self, partnership) -> None:
        CandidateFactory()

        response = _token_client(partnership, role=Role.ANALYST).get(reverse("api:candidate-list"))

        assert response.status_code == 403

    def test_the_schema_describes_the_candidate_endpoints(self, client) -> None:
        schema = client.get(reverse("api:schema")).content.decode()

        assert "/api/candidates/" in schema
        assert "/api/candidates/{id}/" in schema
