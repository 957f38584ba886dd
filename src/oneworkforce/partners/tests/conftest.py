"""Fixtures for any app's tests: people in each role, and clients signed in as them.

Other apps' test packages reuse these with
``from oneworkforce.partners.tests.conftest import *  # noqa: F403``.
"""

from __future__ import annotations

import pytest
from django.test import Client

from oneworkforce.partners.models import Organisation, OrganisationKind, Role, User
from oneworkforce.partners.tests.factories import OrganisationFactory, member

__all__ = [
    "admin_client",
    "admin_user",
    "employer_client",
    "employer_organisation",
    "employer_user",
    "fast_password_hasher",
    "other_organisation",
    "other_organisation_client",
    "other_organisation_user",
    "partnership",
]


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hashing is slow on purpose; tests need it fast, not strong."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
