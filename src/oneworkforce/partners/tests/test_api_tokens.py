"""Making and revoking API tokens: the key is shown once and only its hash is kept."""

import hashlib
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from oneworkforce.partners import services
from oneworkforce.partners.access import NotAllowed
from oneworkforce.partners.models import ApiToken, AuditAction, AuditEvent, Role
from oneworkforce.partners.tests.factories import api_token_for, token_header

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


class TestApiTokenCreate:
    def test_keeps_only_the_hash_and_a_short_prefix_of_the_key(
        self, admin_actor, employer_organisation
    ):
        token, key = services.api_token_create(
            actor=admin_actor,
            organisation=employer_organisation,
            role=Role.EMPLOYER_USER,
            name="Rota system",
            created_at=NOW,
        )

        assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
        assert token.key_prefix == key[:8]
        assert key not in str(ApiToken.objects.values().get())
        assert AuditEvent.objects.get().action == AuditAction.CREATED

    def test_refuses_an_employer_user(self, employer_actor, employer_organisation):
        with pytest.raises(NotAllowed):
            services.api_token_create(
                actor=employer_actor,
                organisation=employer_organisation,
                role=Role.PARTNERSHIP_ADMIN,
                name="Escalate",
                created_at=NOW,
            )

        assert not ApiToken.objects.exists()


class TestApiTokenForKey:
    def test_finds_a_live_token(self, employer_organisation):
        token, key = api_token_for(organisation=employer_organisation)

        assert services.api_token_for_key(key=key, on=NOW) == token

    def test_ignores_a_token_of_an_organisation_no_longer_active(self, employer_organisation):
        _, key = api_token_for(organisation=employer_organisation)
        employer_organisation.is_active = False
        employer_organisation.save()

        assert services.api_token_for_key(key=key, on=NOW) is None

    def test_a_token_expires_at_its_expiry_time(self, employer_organisation):
        _, key = api_token_for(organisation=employer_organisation, expires_at=NOW)

        assert services.api_token_for_key(key=key, on=NOW) is None


class TestTokenPages:
    def test_shows_the_key_once_and_keeps_it_out_of_caches(
        self, admin_client, employer_organisation
    ):
        response = admin_client.post(
            reverse("partners:token-create"),
            {
                "name": "Rota system",
                "organisation": employer_organisation.pk,
                "role": "employer_user",
            },
        )

        key = response.context["key"]
        assert response["Cache-Control"] == "no-store"
        assert key in response.content.decode()
        assert key not in admin_client.get(reverse("partners:token-list")).content.decode()

    def test_a_revoked_key_stops_working(self, admin_client, client, employer_organisation):
        token, key = api_token_for(organisation=employer_organisation)

        admin_client.post(reverse("partners:token-revoke", args=[token.pk]))

        token.refresh_from_db()
        assert token.revoked_at is not None
        assert client.get(reverse("api:organisation-list"), **token_header(key)).status_code == 401

    def test_the_revocation_is_logged(self, admin_client, employer_organisation):
        token, _ = api_token_for(organisation=employer_organisation)

        admin_client.post(reverse("partners:token-revoke", args=[token.pk]))

        assert AuditEvent.objects.filter(
            record_type="partners.apitoken", record_id=str(token.pk)
        ).exists()

    def test_refuses_an_employer_user(self, employer_client):
        assert employer_client.get(reverse("partners:token-list")).status_code == 403
