"""Our deferred acceptance agrees with the `matching` package's hospital-resident solver."""

from __future__ import annotations

import warnings

from hypothesis import given
from hypothesis import strategies as st
from matching.games import HospitalResident

from oneworkforce.engines.matching.allocation import stable_allocation
from oneworkforce.engines.matching.types import AllocationInstance


@st.composite
def mutual_instances(draw: st.DrawFn) -> tuple[list[list[int]], list[list[int]], list[int]]:
    """Strict lists where each provider ranks exactly the candidates who chose it (as HR needs)."""
    n = draw(st.integers(1, 25))
    m = draw(st.integers(1, 8))
    choices = [list(draw(st.permutations(range(m))))[: draw(st.integers(1, m))] for _ in range(n)]
    rankings = []
    for p in range(m):
        chose = [c for c in range(n) if p in choices[c]]
        rankings.append(list(draw(st.permutations(chose))))
    capacities = [draw(st.integers(1, 4)) for _ in range(m)]
    return choices, rankings, capacities


def solve_with_package(choices, rankings, capacities, optimal):  # type: ignore[no-untyped-def]
    residents = {f"c{c}": [f"p{p}" for p in row] for c, row in enumerate(choices) if row}
    hospitals = {f"p{p}": [f"c{c}" for c in row] for p, row in enumerate(rankings) if row}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            residents,
            hospitals,
            {f"p{p}": capacities[p] for p in range(len(capacities)) if rankings[p]},
        )
        solved = game.solve(optimal=optimal)
    provider_of = [-1] * len(choices)
    for hospital, matched in solved.items():
        for resident in matched:
            provider_of[int(resident.name[1:])] = int(hospital.name[1:])
    return provider_of


class TestAgreementWithTheMatchingPackage:
    @given(mutual_instances())
    def test_candidate_optimal_results_are_identical(self, data) -> None:  # type: ignore[no-untyped-def]
        choices, rankings, capacities = data
        instance = AllocationInstance.from_lists(
            choices=choices, capacities=capacities, rankings=rankings
        )

        ours = stable_allocation(instance, seed=0).provider_of.tolist()

        assert ours == solve_with_package(choices, rankings, capacities, "resident")

    @given(mutual_instances())
    def test_provider_optimal_results_are_identical(self, data) -> None:  # type: ignore[no-untyped-def]
        choices, rankings, capacities = data
        instance = AllocationInstance.from_lists(
            choices=choices, capacities=capacities, rankings=rankings
        )

        ours = stable_allocation(instance, seed=0, proposing="providers").provider_of.tolist()

        assert ours == solve_with_package(choices, rankings, capacities, "hospital")
