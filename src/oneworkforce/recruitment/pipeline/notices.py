"""Messages to candidates about their applications: written in the candidate's own language,
sent the way they asked to be contacted (e-mail, or a text through the configured sender),
and recorded in the outbox by the senders themselves.

A person who asked for letters or to be reached through a support worker still gets an
e-mail or a text when they have an address or a number; with neither, nothing is sent and
the caller is told, so an adviser can ring or write instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from django.core.mail import send_mail
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from oneworkforce.recruitment.models import Candidate, ContactMethod
from oneworkforce.recruitment.pipeline.models import Application
from oneworkforce.recruitment.texts import text_sender

WRITTEN = "written"
NOT_SENT = "not_sent"


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _moment(value: datetime) -> str:
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'l j F Y')}, {formats.time_format(local, 'H:i')}"


def _send(candidate: Candidate, subject: str, body: str) -> str:
    """Deliver one message by the candidate's own channel; which channel was used."""
    wants_text = candidate.contact_method in (ContactMethod.TEXT, ContactMethod.PHONE)
    if candidate.phone and (wants_text or not candidate.email):
        text_sender().send(to=candidate.phone, body=f"{subject}. {body}", secret="")
        return "text"
    if candidate.email:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[candidate.email])
        return "email"
    return NOT_SENT


def _in_language(candidate: Candidate, write: Callable[[], tuple[str, str]]) -> str:
    with translation.override(candidate.language):
        subject, body = write()
        return _send(candidate, subject, body)


def suggested(application: Application) -> str:
    candidate, vacancy = application.candidate, application.vacancy

    def write() -> tuple[str, str]:
        return gettext("A job that may suit you"), gettext(
            "Hello %(name)s, %(employer)s would like you to apply for %(title)s. "
            "Sign in to your profile to read about it and apply."
        ) % {
            "name": candidate.full_name,
            "employer": vacancy.organisation.name,
            "title": vacancy.title,
        }

    return _in_language(candidate, write)


def interview_invitation(application: Application) -> str:
    candidate, vacancy = application.candidate, application.vacancy
    assert application.interview_at is not None

    def write() -> tuple[str, str]:
        body = gettext(
            "Hello %(name)s, %(employer)s invites you to an interview for %(title)s on "
            "%(when)s at %(place)s."
        ) % {
            "name": candidate.full_name,
            "employer": vacancy.organisation.name,
            "title": vacancy.title,
            "when": _moment(application.interview_at),  # type: ignore[arg-type]
            "place": application.interview_place,
        }
        if application.adjustments:
            body += " " + gettext("The employer knows about the adjustments you asked for.")
        return gettext("Invitation to an interview"), body

    return _in_language(candidate, write)


def interview_reminder(application: Application) -> str:
    candidate, vacancy = application.candidate, application.vacancy
    assert application.interview_at is not None

    def write() -> tuple[str, str]:
        return gettext("Reminder: your interview"), gettext(
            "Hello %(name)s, a reminder that your interview for %(title)s with %(employer)s "
            "is on %(when)s at %(place)s."
        ) % {
            "name": candidate.full_name,
            "title": vacancy.title,
            "employer": vacancy.organisation.name,
            "when": _moment(application.interview_at),  # type: ignore[arg-type]
            "place": application.interview_place,
        }

    return _in_language(candidate, write)


def offer(application: Application) -> str:
    candidate, vacancy = application.candidate, application.vacancy
    assert application.offered_start_date is not None

    def write() -> tuple[str, str]:
        return gettext("You have been offered a job"), gettext(
            "Congratulations %(name)s: %(employer)s offers you the job of %(title)s, starting "
            "on %(start)s once your pre-employment checks are done. Sign in to your profile "
            "to follow the checks."
        ) % {
            "name": candidate.full_name,
            "employer": vacancy.organisation.name,
            "title": vacancy.title,
            "start": _day(application.offered_start_date),  # type: ignore[arg-type]
        }

    return _in_language(candidate, write)


def placement_given(candidate: Candidate, *, title: str, employer: str, start: date) -> str:
    def write() -> tuple[str, str]:
        return gettext("You have a paid work placement"), gettext(
            "Hello %(name)s, you have a place on the paid work placement %(title)s with "
            "%(employer)s, starting on %(start)s."
        ) % {
            "name": candidate.full_name,
            "title": title,
            "employer": employer,
            "start": _day(start),
        }

    return _in_language(candidate, write)
