"""The e-mail backend every message goes through: it records each message in the outbox an
administrator can read, then hands it to the configured delivery backend (file, console or
SMTP)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from oneworkforce.partners.models import OutboxChannel, OutboxMessage

# One-time links sign people in; an administrator reading the outbox must not be able to
# use them, so the token part is masked in the stored copy.
_ONE_TIME_LINK = re.compile(r"(/(?:account/reset|invitations|join/sign-in/link)/)[^\s]+")
MASKED_LINK = r"\1[one-time link hidden]"


def mask_one_time_links(text: str) -> str:
    """Hide the secret part of sign-in links.

    >>> mask_one_time_links("Open https://x.test/invitations/abc123/ to join")
    'Open https://x.test/invitations/[one-time link hidden] to join'
    """
    return _ONE_TIME_LINK.sub(MASKED_LINK, text)


class OutboxBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently)
        self._delivery = get_connection(
            settings.OUTBOX_DELIVERY_BACKEND, fail_silently=fail_silently, **kwargs
        )

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            failure = ""
            try:
                delivered = bool(self._delivery.send_messages([message]))
            except Exception as error:  # the outbox records the failure, then re-raises
                delivered, failure = False, f"{type(error).__name__}: {error}"[:300]
                self._record(message, delivered=False, failure=failure)
                if not self.fail_silently:
                    raise
                continue
            self._record(message, delivered=delivered, failure=failure)
            sent += int(delivered)
        return sent

    @staticmethod
    def _record(message: EmailMessage, *, delivered: bool, failure: str) -> None:
        OutboxMessage.objects.create(
            sent_at=timezone.now(),
            channel=OutboxChannel.EMAIL,
            recipients=list(message.recipients()),
            subject=str(message.subject)[:300],
            body=mask_one_time_links(str(message.body)),
            delivered=delivered,
            failure=failure,
        )
