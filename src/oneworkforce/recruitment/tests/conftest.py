"""Fixtures for the candidate register's tests: the partners' people, plus an adviser and
clients signed in as a candidate."""

from __future__ import annotations

import pytest
from django.test import Client

from oneworkforce.partners.access import Actor, actor_for_user
from oneworkforce.partners.models import Role, User
from oneworkforce.partners.tests.conftest import *  # noqa: F403
from oneworkforce.partners.tests.factories import member
from oneworkforce.recruitment.candidate_session import SESSION_KEY
from oneworkforce.recruitment.models import Candidate
from oneworkforce.recruitment.texts import MemoryTextSender


@pytest.fixture
def adviser_user(partnership) -> User:
    return member(role=Role.RECRUITMENT_ADVISER, organisation=partnership, full_name="Rita Adviser")


@pytest.fixture
def adviser_actor(adviser_user) -> Actor:
    return actor_for_user(adviser_user)


@pytest.fixture
def adviser_client(adviser_user) -> Client:
    client = Client()
    client.force_login(adviser_user)
    return client


def candidate_client(candidate: Candidate) -> Client:
    """A browser signed in as ``candidate``, as a one-time code would leave it."""
    client = Client()
    session = client.session
    session[SESSION_KEY] = candidate.pk
    session.save()
    return client


@pytest.fixture
def text_messages(settings) -> list:
    """Texts sent during the test, in full (the outbox keeps them with the code hidden)."""
    settings.TEXT_MESSAGE_SENDER = "oneworkforce.recruitment.texts.MemoryTextSender"
    MemoryTextSender.sent.clear()
    return MemoryTextSender.sent
