"""Fixtures for the pipeline's tests: the partners' people, an adviser, a candidate and an
open vacancy at the employer's site."""

from __future__ import annotations

import pytest

from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.tests.conftest import *  # noqa: F403
from oneworkforce.recruitment.models import Candidate
from oneworkforce.recruitment.tests.conftest import (  # noqa: F401
    adviser_actor,
    adviser_client,
    adviser_user,
    text_messages,
)
from oneworkforce.recruitment.tests.factories import CandidateFactory
from oneworkforce.recruitment.vacancies.models import Vacancy
from oneworkforce.recruitment.vacancies.tests.factories import posted, site_of


@pytest.fixture
def candidate(db) -> Candidate:
    return CandidateFactory(full_name="Asha Candidate")


@pytest.fixture
def vacancy(employer_user, employer_organisation) -> Vacancy:
    return posted(actor=actor_for_user(employer_user), site=site_of(employer_organisation), posts=1)
