"""The outbox backend: every message is recorded with its one-time links masked, then
handed to the delivery backend."""

from unittest import mock

import pytest
from django.core import mail
from django.core.mail import send_mail

from oneworkforce.partners.mail import mask_one_time_links
from oneworkforce.partners.models import OutboxChannel, OutboxMessage

pytestmark = pytest.mark.django_db


class TestMaskOneTimeLinks:
    def test_hides_the_token_of_a_password_reset_link(self):
        text = "Reset here: https://ow.example/account/reset/MQ/c4x-9f1e2/ within a day"

        assert mask_one_time_links(text) == (
            "Reset here: https://ow.example/account/reset/[one-time link hidden] within a day"
        )

    def test_leaves_other_links_alone(self):
        text = "See https://ow.example/partners/12/ and https://ow.example/privacy/"

        assert mask_one_time_links(text) == text


class TestOutboxBackend:
    def test_records_and_delivers_each_message(self, outbox_backend):
        sent = send_mail(
            "Your invitation",
            "Join: https://ow.example/invitations/s3cret-token/",
            None,
            ["nadia.khan@netherton.example"],
        )

        stored = OutboxMessage.objects.get()
        assert sent == 1
        assert mail.outbox[0].body == "Join: https://ow.example/invitations/s3cret-token/"
        assert (stored.channel, stored.recipients, stored.subject, stored.delivered) == (
            OutboxChannel.EMAIL,
            ["nadia.khan@netherton.example"],
            "Your invitation",
            True,
        )
        assert "s3cret-token" not in stored.body

    def test_records_a_failed_delivery_then_raises(self, outbox_backend):
        with (
            mock.patch(
                "django.core.mail.backends.locmem.EmailBackend.send_messages",
                side_effect=ConnectionRefusedError("mail server down"),
            ),
            pytest.raises(ConnectionRefusedError),
        ):
            send_mail("Hello", "Body", None, ["nadia.khan@netherton.example"])

        stored = OutboxMessage.objects.get()
        assert (stored.delivered, stored.failure) == (
            False,
            "ConnectionRefusedError: mail server down",
        )

    def test_records_a_failure_quietly_when_told_to_fail_silently(self, outbox_backend):
        with mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=ConnectionRefusedError("mail server down"),
        ):
            sent = send_mail(
                "Hello", "Body", None, ["nadia.khan@netherton.example"], fail_silently=True
            )

        assert sent == 0
        assert OutboxMessage.objects.get().delivered is False
