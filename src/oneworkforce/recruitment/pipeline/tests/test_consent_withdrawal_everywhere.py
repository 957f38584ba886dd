"""Withdrawing consent takes a candidate out of another employer's sight everywhere at once:
the vacancy's shortlist, the applications they were only suggested for (page and API), and the
candidates API. Nothing is stored that could keep them (match lists are computed on request,
decision 0097), so one withdrawal is enough."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.tests.factories import api_token_for
from oneworkforce.recruitment.pipeline import services
from oneworkforce.recruitment.services import candidate_actor, consent_withdraw
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.tests.factories import posted, site_of
from oneworkforce.reference import postcodes

pytestmark = pytest.mark.django_db


def _token_client(organisation) -> Client:
    _, key = api_token_for(organisation=organisation)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


class TestConsentWithdrawal:
    def test_removes_the_candidate_from_every_view_of_the_employer_at_once(
        self, adviser_actor, employer_user, employer_client, employer_organisation
    ):
        place = postcodes.lookup("DY1 1HF")
        site = site_of(
            employer_organisation,
            postcode=place.postcode,
            latitude=place.latitude,
            longitude=place.longitude,
        )
        vacancy = posted(actor=actor_for_user(employer_user), site=site)
        candidate = CandidateFactory(
            full_name="Withdraws Everywhere",
            postcode="DY2 9PP",
            max_travel_miles=5,
            travel_mode="public_transport",
            availability=[f"{day}:early" for day in week.DAY_KEYS[:5]],
            hours_wanted="full_time",
            settings_of_interest=["residential"],
            roles_of_interest=["care_worker"],
            date_of_birth=date(1990, 5, 1),
        )
        consent_for(candidate, organisations=[employer_organisation])
        services.application_suggest(
            actor=adviser_actor, candidate=candidate, vacancy=vacancy, suggested_at=timezone.now()
        )
        api = _token_client(employer_organisation)
        views = {
            "shortlist": reverse("vacancies:shortlist", args=[vacancy.pk]),
            "applications page": reverse("pipeline:vacancy-applications", args=[vacancy.pk]),
        }
        seen_before = {
            name: "Withdraws Everywhere" in employer_client.get(url).content.decode()
            for name, url in views.items()
        }
        api_before = api.get(reverse("api:application-list")).json()["results"]
        candidates_before = api.get(reverse("api:candidate-list")).json()["results"]

        consent_withdraw(
            actor=candidate_actor(candidate), candidate=candidate, withdrawn_at=timezone.now()
        )

        assert seen_before == {"shortlist": True, "applications page": True}
        assert [row["candidate_reference"] for row in api_before] == [candidate.reference]
        assert [row["reference"] for row in candidates_before] == [candidate.reference]
        for name, url in views.items():
            assert "Withdraws Everywhere" not in employer_client.get(url).content.decode(), name
        assert api.get(reverse("api:application-list")).json()["results"] == []
        assert api.get(reverse("api:candidate-list")).json()["results"] == []
