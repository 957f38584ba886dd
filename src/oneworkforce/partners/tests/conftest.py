"""Fixtures for any app's tests: people in each role, and clients signed in as them.

Other apps' test packages reuse these with
``from oneworkforce.partners.tests.conftest import *  # noqa: F403``.
"""

from __future__ import annotations

from html import escape

import pytest
from django.http import HttpResponse
from django.test import Client

from oneworkforce.partners.access import Actor, actor_for_user
from oneworkforce.partners.models import AuditEvent, Organisation, OrganisationKind, Role, User
from oneworkforce.partners.tests.factories import OrganisationFactory, member

__all__ = [
    "admin_actor",
    "admin_client",
    "admin_user",
    "employer_actor",
    "employer_client",
    "employer_organisation",
    "employer_user",
    "fast_password_hasher",
    "immediate_tasks",
    "other_organisation",
    "other_organisation_client",
    "other_organisation_user",
    "outbox_backend",
    "partnership",
]


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hashing is slow on purpose; tests need it fast, not strong."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def outbox_backend(settings):
    """Send through the product's outbox backend, delivering to ``django.core.mail.outbox``
    (pytest-django otherwise swaps the outbox backend out for the in-memory one)."""
    settings.EMAIL_BACKEND = "oneworkforce.partners.mail.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def immediate_tasks(settings, tmp_path):
    """Run background tasks at once, in the test, writing results under ``tmp_path``.

    Jobs are queued on commit: wrap the request in
    ``django_capture_on_commit_callbacks(execute=True)``."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def partnership(db) -> Organisation:
    return OrganisationFactory(
        name="Dudley Health and Care Partnership", kind=OrganisationKind.PARTNERSHIP
    )


@pytest.fixture
def admin_user(partnership) -> User:
    return member(
        role=Role.PARTNERSHIP_ADMIN, organisation=partnership, full_name="Ada Administrator"
    )


@pytest.fixture
def employer_organisation(db) -> Organisation:
    return OrganisationFactory(
        name="Netherton Lodge Care Home", kind=OrganisationKind.CARE_HOME_PROVIDER
    )


@pytest.fixture
def employer_user(employer_organisation) -> User:
    return member(
        role=Role.EMPLOYER_USER, organisation=employer_organisation, full_name="Esme Employer"
    )


@pytest.fixture
def other_organisation(db) -> Organisation:
    return OrganisationFactory(name="Sedgley Home Care", kind=OrganisationKind.HOME_CARE_AGENCY)


@pytest.fixture
def other_organisation_user(other_organisation) -> User:
    return member(role=Role.EMPLOYER_USER, organisation=other_organisation, full_name="Otto Other")


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(admin_user) -> Client:
    """Signed in as the partnership administrator (replaces pytest-django's own)."""
    return _signed_in(admin_user)


@pytest.fixture
def employer_client(employer_user) -> Client:
    return _signed_in(employer_user)


@pytest.fixture
def other_organisation_client(other_organisation_user) -> Client:
    return _signed_in(other_organisation_user)


@pytest.fixture
def admin_actor(admin_user) -> Actor:
    return actor_for_user(admin_user)


@pytest.fixture
def employer_actor(employer_user) -> Actor:
    return actor_for_user(employer_user)


def shows(response: HttpResponse, message: str) -> bool:
    """Whether the page shows ``message`` as a person reads it (the HTML escapes quotes)."""
    return escape(message) in response.content.decode()


def personal_content_in(event: AuditEvent, *people: User) -> list[str]:
    """Every name or e-mail address of ``people`` that appears anywhere in ``event``'s row."""
    row = " ".join(str(getattr(event, field.attname)) for field in event._meta.concrete_fields)
    return [
        text
        for person in people
        for text in (person.full_name, person.email)
        if text and text.lower() in row.lower()
    ]
