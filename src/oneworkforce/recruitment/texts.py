"""Text messages to candidates, through a pluggable sender.

The product ships no text-message gateway: ``OutboxTextSender`` records every text in the
outbox an administrator reads (with its one-time code hidden) and counts it as handed over.
A deployment with a gateway names its own sender class in the ``TEXT_MESSAGE_SENDER``
setting; tests use ``MemoryTextSender`` to read what was sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from oneworkforce.partners.models import OutboxChannel, OutboxMessage

HIDDEN_CODE = "[one-time code hidden]"
DEFAULT_SENDER = "oneworkforce.recruitment.texts.OutboxTextSender"


class TextSender(Protocol):
    def send(self, *, to: str, body: str, secret: str) -> None:
        """Send ``body`` to the phone number ``to``; ``secret`` is the part of the body that
        must never be stored or shown to staff."""


def _record(*, to: str, body: str, secret: str) -> None:
    OutboxMessage.objects.create(
        sent_at=timezone.now(),
        channel=OutboxChannel.TEXT,
        recipients=[to],
        subject="",
        body=body.replace(secret, HIDDEN_CODE) if secret else body,
        delivered=True,
    )


class OutboxTextSender:
    def send(self, *, to: str, body: str, secret: str) -> None:
        _record(to=to, body=body, secret=secret)


@dataclass(frozen=True)
class SentText:
    to: str
    body: str
    language: str


class MemoryTextSender:
    """Records in the outbox like the default, and keeps the full text for tests to read."""

    sent: ClassVar[list[SentText]] = []

    def send(self, *, to: str, body: str, secret: str) -> None:
        _record(to=to, body=body, secret=secret)
        language = translation.get_language() or settings.LANGUAGE_CODE
        MemoryTextSender.sent.append(SentText(to=to, body=body, language=language))


def text_sender() -> TextSender:
    sender: TextSender = import_string(getattr(settings, "TEXT_MESSAGE_SENDER", DEFAULT_SENDER))()
    return sender
