"""The pipeline's API: the pages' scoping and refusals, through organisation tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.tests.factories import api_token_for
from oneworkforce.recruitment.pipeline import services
from oneworkforce.recruitment.pipeline.models import Stage
from oneworkforce.recruitment.pipeline.tests.factories import applied, taken_to
from oneworkforce.recruitment.services import candidate_actor, consent_withdraw
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for

pytestmark = pytest.mark.django_db


def _token_client(organisation) -> Client:
    _, key = api_token_for(organisation=organisation)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


class TestApplicationApi:
    def test_an_employer_token_reads_its_applications_with_their_dated_stages(
        self, employer_organisation, candidate, vacancy
    ):
        application = applied(candidate, vacancy)

        response = _token_client(employer_organisation).get(
            reverse("api:application-detail", args=[application.pk])
        )

        assert response.status_code == 200
        assert [change["stage"] for change in response.json()["changes"]] == [Stage.APPLIED]

    def test_a_suggested_candidate_leaves_the_answer_when_consent_is_withdrawn(
        self, adviser_actor, employer_organisation, vacancy
    ):
        suggested = CandidateFactory()
        consent_for(suggested, organisations=[employer_organisation])
        services.application_suggest(
            actor=adviser_actor, candidate=suggested, vacancy=vacancy, suggested_at=timezone.now()
        )
        client = _token_client(employer_organisation)
        before = client.get(reverse("api:application-list")).json()["results"]

        consent_withdraw(
            actor=candidate_actor(suggested), candidate=suggested, withdrawn_at=timezone.now()
        )

        after = client.get(reverse("api:application-list")).json()["results"]
        assert [row["candidate_reference"] for row in before] == [suggested.reference]
        assert after == []

    def test_an_offer_beyond_the_posts_is_refused_with_the_message(
        self, employer_actor, employer_organisation, vacancy
    ):
        start = timezone.now() - timedelta(days=20)
        taken_to(Stage.OFFER, candidate=CandidateFactory(), vacancy=vacancy,
                 actor=employer_actor, at=start)  # fmt: skip
        second = taken_to(Stage.INTERVIEW, candidate=CandidateFactory(), vacancy=vacancy,
                          actor=employer_actor, at=start)  # fmt: skip

        response = _token_client(employer_organisation).post(
            reverse("api:application-offer", args=[second.pk]),
            {"start_date": (timezone.localdate() + timedelta(days=9)).isoformat()},
            content_type="application/json",
        )

        assert response.status_code == 400
        assert response.json()["errors"][0]["message"] == services.MORE_OFFERS_THAN_POSTS.format(
            posts=1
        )
        second.refresh_from_db()
        assert second.stage == Stage.INTERVIEW

    def test_the_schema_describes_every_stage_move(self, client):
        schema = client.get(reverse("api:schema"), {"format": "json"}).json()

        detail = "/api/applications/{id}/"
        moves = {path for path in schema["paths"] if path.startswith(detail) and path != detail}
        assert moves == {
            f"/api/applications/{{id}}/{step}/"
            for step in (
                "shortlist", "interview", "offer", "checks", "check", "start", "retained",
                "reject",
            )
        }  # fmt: skip
