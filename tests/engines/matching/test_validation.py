"""Array validation names every problem, on small instances and on large ones alike."""

from __future__ import annotations

import numpy as np
import pytest

from oneworkforce.engines.matching import errors
from oneworkforce.engines.matching.types import AllocationInstance
from oneworkforce.engines.matching.validation import check_instance, instance_problems


def large_instance(n: int = 4000, m: int = 400) -> AllocationInstance:
    rng = np.random.default_rng(1)
    choices = [rng.choice(m, size=10, replace=False).tolist() for _ in range(n)]
    rankings: list[list[int]] = [[] for _ in range(m)]
    for c, row in enumerate(choices):
        for p in row:
            rankings[p].append(c)
    return AllocationInstance.from_lists(choices=choices, capacities=[5] * m, rankings=rankings)


class TestInstanceProblems:
    def test_a_sound_instance_has_none(self) -> None:
        assert instance_problems(large_instance()) == []

    def test_finds_repeats_within_lists_in_a_large_instance(self) -> None:
        instance = large_instance()
        instance.choices[7] = instance.choices[8]
        instance.ranking[30] = instance.ranking[31]

        problems = instance_problems(instance)

        assert problems[0] == errors.ARRAY_LIST_DUPLICATE.format(name="choices", count=1, row=0)
        assert problems[1].startswith("ranking repeats an id within one list 1 times")

    def test_finds_ids_out_of_range_and_negative_capacities(self) -> None:
        instance = AllocationInstance.from_lists(
            choices=[[0, 5]], capacities=[-1, 2], rankings=[[0], [0]]
        )

        with pytest.raises(errors.InvalidInstanceError) as raised:
            check_instance(instance)

        assert raised.value.problems == (
            errors.ARRAY_ID_OUT_OF_RANGE.format(name="choices", count=1, limit=1),
            errors.ARRAY_CAPACITY_NEGATIVE.format(count=1, first=0),
        )

    def test_finds_tiers_that_go_backwards(self) -> None:
        instance = AllocationInstance.from_lists(
            choices=[[0], [0]], capacities=[1], rankings=[[0, 1]]
        )
        instance.ranking_tiers[1] = -1

        assert errors.ARRAY_TIERS_BAD in instance_problems(instance)

    def test_finds_a_tier_as_large_as_its_ranking(self) -> None:
        # Tiers number the groups of a ranking, so a list of two has tiers 0 and 1 at most;
        # a larger one would also overflow the keys the solvers build from tiers.
        instance = AllocationInstance.from_lists(
            choices=[[0], [0]], capacities=[1], rankings=[[0, 1]]
        )
        instance.ranking_tiers[1] = 2

        assert instance_problems(instance) == [errors.ARRAY_TIERS_BAD]

    def test_finds_a_tier_as_large_as_its_ranking_in_a_large_instance(self) -> None:
        instance = large_instance()
        end = int(instance.ranking_offsets[6])
        instance.ranking_tiers[end - 1] = 2**40

        assert instance_problems(instance) == [errors.ARRAY_TIERS_BAD]

    def test_finds_ids_out_of_range_in_a_large_instance(self) -> None:
        instance = large_instance()
        instance.choices[[3, 9]] = [-1, 400]

        problems = instance_problems(instance)

        assert problems[0] == errors.ARRAY_ID_OUT_OF_RANGE.format(
            name="choices", count=2, limit=399
        )

    def test_finds_tiers_that_go_backwards_in_a_large_instance(self) -> None:
        instance = large_instance()
        start = int(instance.ranking_offsets[5])
        instance.ranking_tiers[start + 2] = instance.ranking_tiers[start + 1] - 1

        assert instance_problems(instance) == [errors.ARRAY_TIERS_BAD]

    def test_a_tier_may_fall_back_where_a_new_list_begins_in_a_large_instance(self) -> None:
        instance = large_instance()

        # Each provider's list starts again from tier 0, below where the last one ended.
        assert instance.ranking_tiers[int(instance.ranking_offsets[1])] == 0
        assert instance_problems(instance) == []


def test_an_empty_tie_in_a_ranking_built_from_lists_is_no_tier_at_all() -> None:
    instance = AllocationInstance.from_lists(
        choices=[[0], [0]], capacities=[1], rankings=[[[], 1, [], 0]]
    )

    assert instance.ranking_tiers.tolist() == [0, 1]
    assert instance_problems(instance) == []
