"""Property tests of stable and optimal allocation against brute-force oracles."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.engines.matching._jit import HAVE_NUMBA
from oneworkforce.engines.matching.allocation import optimal_allocation, stable_allocation
from oneworkforce.engines.matching.certificate import certify
from oneworkforce.engines.matching.types import AllocationInstance

BACKENDS = ["numpy", "numba"] if HAVE_NUMBA else ["numpy"]
# Large generated instances can be slow to draw on a shared two-core machine; that is not a
# failure of the code under test.
BUSY_MACHINE = [HealthCheck.too_slow, HealthCheck.data_too_large]


@dataclass
class Lists:
    """A small instance as plain lists, so the oracles below never touch the engine's arrays."""

    choices: list[list[int]]
    capacities: list[int]
    rankings: list[list[list[int]]]  # tiers, best first
    scores: dict[tuple[int, int], float]

    def instance(self) -> AllocationInstance:
        return AllocationInstance.from_lists(
            choices=self.choices,
            capacities=self.capacities,
            rankings=[[t if len(t) > 1 else t[0] for t in row] for row in self.rankings],
            scores=self.scores,
        )

    def tier(self, p: int, c: int) -> int | None:
        for t, group in enumerate(self.rankings[p]):
            if c in group:
                return t
        return None

    def acceptable(self, c: int, p: int) -> bool:
        return p in self.choices[c] and self.tier(p, c) is not None


@st.composite
def instances(draw: st.DrawFn, *, ties: bool = True, max_c: int = 6, max_p: int = 4) -> Lists:
    n = draw(st.integers(1, max_c))
    m = draw(st.integers(1, max_p))
    choices = [list(draw(st.permutations(range(m))))[: draw(st.integers(0, m))] for _ in range(n)]
    capacities = [draw(st.integers(0, 3)) for _ in range(m)]
    rankings = []
    for _ in range(m):
        ranked = draw(st.permutations(range(n)))[: draw(st.integers(0, n))]
        tiers: list[list[int]] = []
        for c in ranked:
            if tiers and ties and draw(st.booleans()):
                tiers[-1].append(c)
            else:
                tiers.append([c])
        rankings.append(tiers)
    scores = {(c, p): float(draw(st.integers(0, 20))) for c in range(n) for p in choices[c]}
    return Lists(choices, capacities, rankings, scores)


def all_matchings(lists: Lists) -> list[tuple[int, ...]]:
    n, m = len(lists.choices), len(lists.capacities)
    options = [[-1] + [p for p in lists.choices[c] if lists.acceptable(c, p)] for c in range(n)]
    found = []
    for combo in itertools.product(*options):
        load = [0] * m
        for p in combo:
            if p >= 0:
                load[p] += 1
        if all(load[p] <= lists.capacities[p] for p in range(m)):
            found.append(combo)
    return found


def prefers(lists: Lists, c: int, p: int, current: int) -> bool:
    """Does candidate c strictly prefer p to their current place (or to none)?"""
    row = lists.choices[c]
    return current < 0 or row.index(p) < row.index(current)


def oracle_blocking(lists: Lists, matching: tuple[int, ...] | list[int]) -> set[tuple[int, int]]:
    """Blocking pairs by the definition, pair by pair (weak stability with ties)."""
    pairs = set()
    for c in range(len(lists.choices)):
        for p in lists.choices[c]:
            if not lists.acceptable(c, p) or not prefers(lists, c, p, matching[c]):
                continue
            admitted = [d for d in range(len(matching)) if matching[d] == p]
            tier = lists.tier(p, c)
            assert tier is not None
            worst = max(
                (lists.tier(p, d) for d in admitted),
                default=-1,
                key=lambda t: -1 if t is None else t,
            )
            if len(admitted) < lists.capacities[p] or (worst is not None and tier < worst):
                pairs.add((c, p))
    return pairs


def rank_of(lists: Lists, c: int, p: int) -> int:
    return len(lists.choices[c]) if p < 0 else lists.choices[c].index(p)


class TestStableAllocation:
    @given(instances(), st.integers(0, 2**32), st.sampled_from(["candidates", "providers"]))
    def test_is_stable_on_random_instances_with_ties(
        self, lists: Lists, seed: int, side: str
    ) -> None:
        result = stable_allocation(lists.instance(), seed=seed, proposing=side)

        assert oracle_blocking(lists, result.provider_of.tolist()) == set()
        assert certify(lists.instance(), result.provider_of).valid

    @given(instances(ties=False))
    def test_candidate_proposing_gives_every_candidate_their_best_stable_place(
        self, lists: Lists
    ) -> None:
        stable_ones = [m for m in all_matchings(lists) if not oracle_blocking(lists, m)]

        result = stable_allocation(lists.instance(), seed=0).provider_of.tolist()

        assert tuple(result) in stable_ones
        for other in stable_ones:
            for c in range(len(result)):
                assert rank_of(lists, c, result[c]) <= rank_of(lists, c, other[c])

    @given(instances(ties=False))
    def test_provider_proposing_gives_every_candidate_their_worst_stable_place(
        self, lists: Lists
    ) -> None:
        stable_ones = [m for m in all_matchings(lists) if not oracle_blocking(lists, m)]

        result = stable_allocation(
            lists.instance(), seed=0, proposing="providers"
        ).provider_of.tolist()

        assert tuple(result) in stable_ones
        for other in stable_ones:
            for c in range(len(result)):
                assert rank_of(lists, c, result[c]) >= rank_of(lists, c, other[c])

    @given(
        instances(ties=False),
        st.randoms(use_true_random=False),
        st.sampled_from(["candidates", "providers"]),
    )
    def test_does_not_depend_on_the_order_of_the_input(self, lists: Lists, rnd, side: str) -> None:  # type: ignore[no-untyped-def]
        n, m = len(lists.choices), len(lists.capacities)
        c_perm = list(range(n))
        p_perm = list(range(m))
        rnd.shuffle(c_perm)
        rnd.shuffle(p_perm)
        shuffled = Lists(
            choices=[
                [p_perm[p] for p in lists.choices[c]]
                for c in sorted(range(n), key=c_perm.__getitem__)
            ],
            capacities=[lists.capacities[p] for p in sorted(range(m), key=p_perm.__getitem__)],
            rankings=[
                [[c_perm[c] for c in t] for t in lists.rankings[p]]
                for p in sorted(range(m), key=p_perm.__getitem__)
            ],
            scores={},
        )

        original = stable_allocation(lists.instance(), seed=5, proposing=side).provider_of
        moved = stable_allocation(shuffled.instance(), seed=9, proposing=side).provider_of

        for c in range(n):
            expected = -1 if original[c] < 0 else p_perm[original[c]]
            assert moved[c_perm[c]] == expected

    @given(instances(), st.integers(0, 2**63 - 1))
    def test_the_same_seed_gives_the_same_result(self, lists: Lists, seed: int) -> None:
        first = stable_allocation(lists.instance(), seed=seed)
        second = stable_allocation(lists.instance(), seed=seed)

        assert first.seed == second.seed == seed
        assert first.provider_of.tolist() == second.provider_of.tolist()

    def test_records_a_fresh_seed_when_none_is_given(self) -> None:
        lists = Lists([[0]], [1], [[[0]]], {})

        result = stable_allocation(lists.instance())

        assert isinstance(result.seed, int)

    @given(instances(), st.integers(0, 1000), st.data())
    def test_no_candidate_gains_by_truncating_or_reordering_their_list(
        self, lists: Lists, seed: int, data: st.DataObject
    ) -> None:
        c = data.draw(st.integers(0, len(lists.choices) - 1))
        truthful = stable_allocation(lists.instance(), seed=seed).provider_of[c]
        lie = data.draw(st.permutations(lists.choices[c]))[
            : data.draw(st.integers(0, len(lists.choices[c])))
        ]
        lying = Lists(
            [*lists.choices[:c], list(lie), *lists.choices[c + 1 :]],
            lists.capacities,
            lists.rankings,
            {},
        )

        outcome = stable_allocation(lying.instance(), seed=seed).provider_of[c]

        if outcome >= 0:
            assert not prefers(lists, c, int(outcome), int(truthful))

    @pytest.mark.slow
    @settings(max_examples=40, suppress_health_check=BUSY_MACHINE)
    @given(
        instances(max_c=30, max_p=8),
        st.integers(0, 1000),
        st.sampled_from(["candidates", "providers"]),
    )
    def test_numpy_and_compiled_backends_agree(self, lists: Lists, seed: int, side: str) -> None:
        results = [
            stable_allocation(
                lists.instance(), seed=seed, proposing=side, backend=b
            ).provider_of.tolist()
            for b in BACKENDS
        ]

        assert all(r == results[0] for r in results)


class TestOptimalAllocation:
    @given(instances(max_c=5, max_p=3), st.sampled_from(BACKENDS))
    def test_places_the_most_and_then_scores_the_most(self, lists: Lists, backend: str) -> None:
        def value(m: tuple[int, ...]) -> tuple[int, float]:
            return (
                sum(p >= 0 for p in m),
                sum(lists.scores[(c, p)] for c, p in enumerate(m) if p >= 0),
            )

        best = max(value(m) for m in all_matchings(lists))

        result = optimal_allocation(lists.instance(), backend=backend)

        assert value(tuple(result.provider_of.tolist())) == best
        assert result.total_score == best[1]
        assert certify(lists.instance(), result.provider_of).capacity_ok


class TestCertificate:
    @given(instances(), st.data(), st.sampled_from(BACKENDS))
    def test_agrees_with_the_definition_on_any_allocation(
        self, lists: Lists, data: st.DataObject, backend: str
    ) -> None:
        n, m = len(lists.choices), len(lists.capacities)
        provider_of = data.draw(st.lists(st.integers(-1, m - 1), min_size=n, max_size=n))

        certificate = certify(lists.instance(), np.array(provider_of), backend=backend)

        load = [provider_of.count(p) for p in range(m)]
        assert certificate.capacity_ok == all(load[p] <= lists.capacities[p] for p in range(m))
        acceptable = [p < 0 or lists.acceptable(c, p) for c, p in enumerate(provider_of)]
        assert certificate.acceptable_ok == all(acceptable)
        if all(acceptable):
            expected = oracle_blocking(lists, provider_of)
            assert {tuple(x) for x in certificate.blocking_pairs.tolist()} == expected
            assert certificate.stable == (not expected)

    @given(instances(), st.integers(0, 100), st.data())
    def test_flags_a_removed_pair(self, lists: Lists, seed: int, data: st.DataObject) -> None:
        provider_of = stable_allocation(lists.instance(), seed=seed).provider_of
        placed = np.flatnonzero(provider_of >= 0)
        if not placed.size:
            return
        victim = data.draw(st.sampled_from(placed.tolist()))
        broken = provider_of.copy()
        broken[victim] = -1

        certificates = [certify(lists.instance(), broken, backend=b) for b in BACKENDS]

        for certificate in certificates:
            assert not certificate.stable
            assert [victim, provider_of[victim]] in certificate.blocking_pairs.tolist()

    @given(instances(), st.integers(0, 100), st.data())
    def test_both_backends_list_the_same_blocking_pairs(
        self, lists: Lists, seed: int, data: st.DataObject
    ) -> None:
        m = len(lists.capacities)
        provider_of = stable_allocation(lists.instance(), seed=seed).provider_of
        broken = provider_of.copy()
        broken[data.draw(st.integers(0, len(broken) - 1))] = data.draw(st.integers(-1, m - 1))

        certificates = [certify(lists.instance(), broken, backend=b) for b in BACKENDS]

        for certificate in certificates[1:]:
            assert certificate.blocking_pairs.tolist() == certificates[0].blocking_pairs.tolist()
            assert certificate.by_rank.tolist() == certificates[0].by_rank.tolist()
            assert certificate.unacceptable.tolist() == certificates[0].unacceptable.tolist()
            assert certificate.over_capacity.tolist() == certificates[0].over_capacity.tolist()

    @given(instances(), st.integers(0, 100), st.data())
    def test_flags_a_swap_that_breaks_the_rules(
        self, lists: Lists, seed: int, data: st.DataObject
    ) -> None:
        provider_of = stable_allocation(lists.instance(), seed=seed).provider_of
        n = len(provider_of)
        a, b = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
        swapped = provider_of.copy()
        swapped[a], swapped[b] = provider_of[b], provider_of[a]

        certificate = certify(lists.instance(), swapped)

        ok = all(p < 0 or lists.acceptable(c, p) for c, p in enumerate(swapped.tolist()))
        assert certificate.valid == (ok and not oracle_blocking(lists, swapped.tolist()))

    def test_flags_an_exceeded_capacity(self) -> None:
        lists = Lists([[0], [0]], [1], [[[0], [1]]], {})

        certificate = certify(lists.instance(), np.array([0, 0]))

        assert not certificate.capacity_ok
        assert certificate.over_capacity.tolist() == [0]
        assert not certificate.valid

    def test_counts_places_by_the_rank_received(self) -> None:
        lists = Lists([[0, 1], [0, 1], [1]], [1, 1], [[[0], [1]], [[1], [2]]], {})

        certificate = certify(lists.instance(), np.array([0, 1, -1]))

        assert certificate.by_rank.tolist() == [1, 1]
        assert (certificate.placed, certificate.unplaced) == (2, 1)


@pytest.mark.slow
@settings(max_examples=8, suppress_health_check=BUSY_MACHINE)
@given(instances(max_c=300, max_p=40), st.integers(0, 1000))
def test_larger_instances_are_certified_stable(lists: Lists, seed: int) -> None:
    for side in ("candidates", "providers"):
        result = stable_allocation(lists.instance(), seed=seed, proposing=side)
        assert certify(lists.instance(), result.provider_of).valid


def many_candidates(n: int, m: int, rng: np.random.Generator) -> AllocationInstance:
    """n candidates listing 6 of m providers; providers rank everyone who chose them, with ties,
    and have 1-4 places, so most proposals are refused and candidates are evicted often."""
    choices = [rng.choice(m, size=6, replace=False).tolist() for _ in range(n)]
    rankings: list[list[int | list[int]]] = [[] for _ in range(m)]
    for c in rng.permutation(n).tolist():
        for p in choices[c]:
            if rankings[p] and rng.random() < 0.2 and isinstance(rankings[p][-1], int):
                rankings[p][-1] = [rankings[p][-1], c]  # tied with the one before
            else:
                rankings[p].append(c)
    return AllocationInstance.from_lists(
        choices=choices, capacities=rng.integers(1, 5, size=m).tolist(), rankings=rankings
    )


@pytest.mark.parametrize("side", ["candidates", "providers"])
def test_the_backends_agree_across_many_blocks_of_candidates(side: str) -> None:
    # 20,000 candidates span five of the compiled join's blocks of 4,096.
    instance = many_candidates(20_000, 2_000, np.random.default_rng(5))

    compiled = stable_allocation(instance, seed=3, proposing=side, backend="numba")
    plain = stable_allocation(instance, seed=3, proposing=side, backend="numpy")

    assert compiled.provider_of.tolist() == plain.provider_of.tolist()
    assert certify(instance, compiled.provider_of).valid


def test_keys_too_large_for_32_bits_give_the_same_allocation() -> None:
    # One provider ranks 50,000 candidates: its last tier times the number of candidates
    # passes 2**31, so the compiled kernels must hold keys in 64 bits.
    n = 50_000
    instance = AllocationInstance.from_lists(
        choices=[[0, 1] for _ in range(n)],
        capacities=[3, 2],
        rankings=[list(range(n - 1, -1, -1)), list(range(n))],
    )

    compiled = stable_allocation(instance, seed=1, backend="numba")
    plain = stable_allocation(instance, seed=1, backend="numpy")

    assert compiled.provider_of.tolist() == plain.provider_of.tolist()
    assert sorted(np.flatnonzero(compiled.provider_of == 0).tolist()) == [n - 3, n - 2, n - 1]
    assert sorted(np.flatnonzero(compiled.provider_of == 1).tolist()) == [0, 1]
