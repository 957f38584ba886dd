"""The outbox pages: administrators read every message sent; nobody else may."""

import pytest
from django.urls import reverse

from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import OutboxMessageFactory, member

pytestmark = pytest.mark.django_db


class TestOutboxPage:
    def test_lists_every_message_sent(self, admin_client):
        messages = OutboxMessageFactory.create_batch(3)

        response = admin_client.get(reverse("partners:outbox"))

        assert set(response.context["page"]) == set(messages)
        for message in messages:
            assert message.subject in response.content.decode()

    def test_opens_one_message(self, admin_client):
        message = OutboxMessageFactory(
            body="Join: https://ow.example/invitations/[one-time link hidden]"
        )

        response = admin_client.get(reverse("partners:outbox-message", args=[message.pk]))

        assert response.status_code == 200
        assert "[one-time link hidden]" in response.content.decode()

    @pytest.mark.parametrize(
        "role", [role for role in Role.values if role != Role.PARTNERSHIP_ADMIN]
    )
    def test_refuses_every_other_role(self, client, role):
        message = OutboxMessageFactory()
        client.force_login(member(role=role))

        listing = client.get(reverse("partners:outbox"))
        reading = client.get(reverse("partners:outbox-message", args=[message.pk]))

        assert (listing.status_code, reading.status_code) == (403, 403)

    def test_sends_an_anonymous_visitor_to_sign_in(self, client):
        response = client.get(reverse("partners:outbox"))

        assert response.url.startswith(reverse("partners:sign-in"))
