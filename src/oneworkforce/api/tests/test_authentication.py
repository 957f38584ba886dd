"""API tokens: ``Authorization: Token <key>``, one organisation and one role each."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.api.authentication import TOKEN_NOT_VALID
from oneworkforce.partners.tests.factories import api_token_for, token_header

pytestmark = pytest.mark.django_db

ORGANISATIONS = reverse("api:organisation-list")


def refusal(message):
    return {"errors": [{"field": None, "message": message}]}


class TestTokenAuthentication:
    def test_a_live_token_is_let_in(self, client, employer_organisation):
        _, key = api_token_for(organisation=employer_organisation)

        response = client.get(ORGANISATIONS, **token_header(key))

        assert response.status_code == 200

    def test_a_revoked_token_is_refused(self, client, employer_organisation):
        _, key = api_token_for(organisation=employer_organisation, revoked_at=timezone.now())

        response = client.get(ORGANISATIONS, **token_header(key))

        assert response.status_code == 401
        assert response.json() == refusal(TOKEN_NOT_VALID)
        assert response["WWW-Authenticate"] == "Token"

    def test_an_expired_token_is_refused(self, client, employer_organisation):
        _, key = api_token_for(
            organisation=employer_organisation, expires_at=timezone.now() - timedelta(seconds=1)
        )

        response = client.get(ORGANISATIONS, **token_header(key))

        assert response.status_code == 401
        assert response.json() == refusal(TOKEN_NOT_VALID)

    def test_a_made_up_key_is_refused(self, client):
        response = client.get(ORGANISATIONS, **token_header("ow_made-up"))

        assert response.json() == refusal(TOKEN_NOT_VALID)

    def test_a_header_without_a_key_is_refused(self, client):
        response = client.get(ORGANISATIONS, HTTP_AUTHORIZATION="Token")

        assert response.status_code == 401
        assert response.json() == refusal("Send the header as: Authorization: Token <key>")

    def test_a_request_without_credentials_is_refused(self, client, employer_organisation):
        response = client.get(ORGANISATIONS)

        assert response.status_code == 401
        assert response.json()["errors"][0]["field"] is None

    def test_records_when_the_token_was_last_used(self, client, employer_organisation):
        token, key = api_token_for(organisation=employer_organisation)

        client.get(ORGANISATIONS, **token_header(key))

        token.refresh_from_db()
        assert timezone.now() - token.last_used_at < timedelta(minutes=1)
