"""Fixtures for the Django side of workforce returns and metrics: uploads through the page
(checked at once in the background), readers of aggregates, and clean caches."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import reverse

from oneworkforce.intelligence import workforce
from oneworkforce.intelligence.models import ReturnFormat
from oneworkforce.intelligence.tests.factories import (
    REPORTING_DATE,
    District,
    district_build,
    signed_in,
)
from oneworkforce.intelligence.views import dashboard as dashboard_views
from oneworkforce.partners.access import Actor, actor_for_user
from oneworkforce.partners.models import Organisation, Role, User
from oneworkforce.partners.tests.conftest import *  # noqa: F403
from oneworkforce.partners.tests.factories import member


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files are kept under the test's own directory, never the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _clear_caches() -> None:
    workforce._cache.clear()
    dashboard_views._figures.clear()
    dashboard_views._charts.clear()


@pytest.fixture(autouse=True)
def _fresh_figure_caches():
    """Frames and figures are cached per process by the returns they came from; each test
    starts and ends with none, so no figure leaks from one test into another."""
    _clear_caches()
    yield
    _clear_caches()


@pytest.fixture
def post_return(immediate_tasks, django_capture_on_commit_callbacks) -> Callable[..., HttpResponse]:
    """Upload a return through the page as ``client``; its check runs before this returns."""

    def post(
        client: Client,
        *,
        organisation: Organisation,
        content: bytes,
        file_format: str = ReturnFormat.ASCWDS_STAFF,
        reporting_date: date = REPORTING_DATE,
        name: str = "staff.csv",
    ) -> HttpResponse:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("intelligence:return-upload"),
                {
                    "organisation": organisation.pk,
                    "file_format": file_format,
                    "reporting_date": f"{reporting_date:%d/%m/%Y}",
                    "file": SimpleUploadedFile(name, content),
                },
            )

    return post


@pytest.fixture
def analyst_user(partnership) -> User:
    return member(role=Role.ANALYST, organisation=partnership, full_name="Ann Analyst")


@pytest.fixture
def board_member_user(partnership) -> User:
    return member(role=Role.BOARD_MEMBER, organisation=partnership, full_name="Bo Board")


@pytest.fixture
def analyst_actor(analyst_user) -> Actor:
    return actor_for_user(analyst_user)


@pytest.fixture
def other_organisation_actor(other_organisation_user) -> Actor:
    return actor_for_user(other_organisation_user)


@pytest.fixture
def analyst_client(analyst_user) -> Client:
    return signed_in(analyst_user)


@pytest.fixture
def board_member_client(board_member_user) -> Client:
    return signed_in(board_member_user)


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def district(django_db_setup, django_db_blocker, tmp_path_factory) -> District:
    """A few partners with accepted returns, built once for a module (about 10 uploads) and
    rolled back after it; each test's own changes are rolled back after the test."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield district_build()
        transaction.set_rollback(True)
