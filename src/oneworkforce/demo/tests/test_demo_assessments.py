"""The demo's assessment results: the same seed gives the same results, every readiness
level appears, some are in Urdu, some retaken, some part-way, and each result is what the
engine gives for its answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from oneworkforce.demo import assessments
from oneworkforce.engines import assessment as engine
from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import member
from oneworkforce.recruitment.assessment.models import AdviserNote, Attempt
from oneworkforce.recruitment.tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def candidates():
    registered = NOW - timedelta(days=200)
    return [
        CandidateFactory(language="ur" if n % 4 == 0 else "en-gb", created_at=registered)
        for n in range(160)
    ]


@pytest.fixture
def adviser_ids(partnership):
    return [member(role=Role.RECRUITMENT_ADVISER, organisation=partnership).pk]


def _load(candidates, adviser_ids, seed=11):
    assessments.demo_assessments_clear()
    return assessments.demo_assessments_load(
        candidates=candidates, adviser_ids=adviser_ids, seed=seed, loaded_at=NOW
    )


def _rows():
    return list(
        Attempt.objects.order_by("candidate_id", "started_at").values_list(
            "candidate_id", "level", "answers", "started_at"
        )
    )


class TestDemoAssessments:
    def test_the_same_seed_gives_the_same_results(self, candidates, adviser_ids):
        _load(candidates, adviser_ids)
        first = _rows()

        _load(candidates, adviser_ids)

        assert _rows() == first

    def test_every_level_appears_with_retakes_unfinished_attempts_and_notes(
        self, candidates, adviser_ids
    ):
        loaded = _load(candidates, adviser_ids)

        assert set(loaded.by_level) == {"ready_now", "ready_with_support", "needs_preparation"}
        assert loaded.retakes > 0
        assert loaded.unfinished > 0
        assert loaded.notes == AdviserNote.objects.count() > 0
        assert Attempt.objects.filter(language="ur").exclude(level="").exists()

    def test_each_result_is_the_engines_score_of_its_answers(self, candidates, adviser_ids):
        _load(candidates, adviser_ids)

        for attempt in Attempt.objects.exclude(level="").select_related("bank_version"):
            bank = engine.parse_bank(attempt.bank_version.document)
            assert attempt.level == engine.score(bank, attempt.answers).level.value

    def test_no_attempt_is_dated_after_the_demo_was_built(self, candidates, adviser_ids):
        _load(candidates, adviser_ids)

        assert not Attempt.objects.filter(submitted_at__gt=NOW).exists()
        assert not Attempt.objects.filter(started_at__gt=NOW).exists()
