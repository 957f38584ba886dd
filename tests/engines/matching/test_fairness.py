"""The fairness report: selection rates, four-fifths ratios, and small groups suppressed."""

from __future__ import annotations

import numpy as np

from oneworkforce.engines.disclosure import MARKER, DisclosureRule
from oneworkforce.engines.matching.fairness import fairness_report


class TestFairnessReport:
    def test_flags_a_group_selected_at_under_four_fifths_of_the_best_rate(self) -> None:
        selected = np.array([True] * 50 + [False] * 50 + [True] * 30 + [False] * 70)
        disability = ["No"] * 100 + ["Yes"] * 100

        report = fairness_report(selected, {"disability": disability})

        no, yes = report.groups
        assert (no.rate, no.impact_ratio, no.best_placed) == (50.0, 1.0, True)
        assert (yes.rate, yes.impact_ratio, yes.adverse) == (30.0, 0.6, True)
        assert report.adverse_groups() == (yes,)

    def test_suppresses_a_small_group_and_never_compares_against_it(self) -> None:
        selected = np.array([True] * 3 + [False] * 20 + [True] * 10)
        age_band = ["16-24"] * 3 + ["25-34"] * 30

        report = fairness_report(selected, {"age band": age_band})

        small, large = report.groups
        assert (small.rate, small.rate_display, small.impact_display) == (None, MARKER, MARKER)
        assert small.adverse is None
        assert large.best_placed
        assert large.impact_ratio == 1.0

    def test_follows_the_rule_it_is_given(self) -> None:
        selected = np.array([True] * 6 + [False] * 6)
        sex = ["Female"] * 12

        strict = fairness_report(
            selected, {"sex": sex}, rule=DisclosureRule(name="board", threshold=10)
        )

        assert strict.groups[0].rate_display == MARKER

    def test_counts_only_the_people_considered(self) -> None:
        selected = np.array([True] * 10 + [False] * 10 + [False] * 100)
        considered = np.array([True] * 20 + [False] * 100)

        report = fairness_report(selected, {"sex": ["Male"] * 120}, considered=considered)

        assert report.groups[0].rate == 50.0
