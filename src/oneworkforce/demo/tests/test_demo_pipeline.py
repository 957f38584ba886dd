"""The demo district's year of pipeline history: the same seed gives the same rows, every
stage and ending appears, conversion narrows at each step, no vacancy has more offers than
posts, and the placements are ready to allocate."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Count, F, Q
from django.utils import timezone

from oneworkforce.demo import services
from oneworkforce.recruitment.pipeline.models import (
    Application,
    Outcome,
    PlacementChoice,
    RetentionPrompt,
    Stage,
    StageChange,
    stage_index,
)
from oneworkforce.recruitment.vacancies.models import Vacancy

pytestmark = pytest.mark.django_db


def _load(seed: int = 5) -> services.DemoLoaded:
    return services.demo_district_load(
        size="small", seed=seed, replace=True, loaded_at=timezone.now(), with_returns=False
    )


def _rows() -> list[tuple]:
    return list(
        Application.objects.order_by("pk").values_list(
            "candidate__reference", "vacancy__title", "stage", "outcome", "reason"
        )
    )


class TestDemoPipeline:
    def test_the_same_seed_gives_the_same_applications(self):
        _load()
        first = _rows()

        _load()

        assert first
        assert _rows() == first

    def test_every_stage_and_every_ending_appears_and_is_reported(self):
        loaded = _load()

        stages = set(Application.objects.values_list("stage", flat=True))
        endings = set(Application.objects.values_list("outcome", flat=True))
        assert stages == set(Stage.values)
        assert endings == set(Outcome.values)
        assert loaded.pipeline is not None
        assert loaded.pipeline.applications == Application.objects.count()

    def test_fewer_people_reach_each_later_stage(self):
        _load()

        reached = Counter(StageChange.objects.values_list("stage", flat=True))

        hiring = [Stage.APPLIED, Stage.SHORTLISTED, Stage.INTERVIEW, Stage.OFFER, Stage.STARTED]
        counts = [reached[stage] for stage in hiring]
        assert counts == sorted(counts, reverse=True)
        assert counts[-1] > 0

    def test_no_vacancy_has_more_offers_than_posts(self):
        _load()
        offered = [s for s in Stage.values if stage_index(s) >= stage_index(Stage.OFFER)]

        over = Vacancy.objects.annotate(
            offers=Count(
                "applications",
                filter=Q(applications__stage__in=offered)
                & ~Q(applications__outcome=Outcome.REJECTED),
            )
        ).filter(offers__gt=F("posts"))

        assert not over.exists()

    def test_retention_prompts_and_placement_choices_are_there_to_act_on(self):
        loaded = _load()

        assert RetentionPrompt.objects.filter(answered_at__isnull=True).exists()
        assert loaded.pipeline is not None
        assert PlacementChoice.objects.count() == loaded.pipeline.placement_choices > 0
