"""An independent certificate for any allocation, checked against the original lists.

This module imports nothing from the solvers: it recomputes acceptability, ranks, capacities
and blocking pairs from the instance as given, so a bug in a solver cannot hide here.

A pair (candidate c, provider p) blocks the allocation when both list each other, c strictly
prefers p to their place (or has none, or holds a place they never listed), and p either has
a free place or strictly prefers c to the worst candidate it admitted. Ties in p's ranking do
not block: "stable" here is weak stability, the notion that deferred acceptance with any
tie-breaking achieves.

Two implementations, written apart from each other and from the solvers, must agree (the tests
compare them): a NumPy one that joins the two sides' lists by sorting, and a compiled one
(numba, when installed) that walks each side's lists once.
"""

from __future__ import annotations

import numpy as np

from ._jit import jit_parallel, parallel_range, prefetch, resolve_backend
from .types import AllocationInstance, BoolArray, Certificate, IntArray
from .validation import check_instance

__all__ = ["certify"]


def _join(left_keys: IntArray, right_keys: IntArray) -> IntArray:
    """For each left key, the index of the equal right key, or -1 (right keys are unique)."""
    right_order = np.argsort(right_keys, kind="stable")
    right_sorted = right_keys[right_order]
    left_order = np.argsort(left_keys, kind="stable")
    result = np.full(left_keys.shape[0], -1, dtype=np.int64)
    if right_sorted.shape[0] == 0 or left_keys.shape[0] == 0:
        return result
    where = np.searchsorted(right_sorted, left_keys[left_order])
    np.minimum(where, right_sorted.shape[0] - 1, out=where)
    hit = right_sorted[where] == left_keys[left_order]
    result[left_order[hit]] = right_order[where[hit]]
    return result


def certify(
    instance: AllocationInstance,
    provider_of: IntArray,
    *,
    validate: bool = True,
    backend: str = "auto",
) -> Certificate:
    """Check ``provider_of`` (a provider per candidate, -1 for none) against ``instance``.

    >>> from oneworkforce.engines.matching.types import AllocationInstance
    >>> instance = AllocationInstance.from_lists(
    ...     choices=[[0, 1], [0]], capacities=[1, 1], rankings=[[1, 0], [0]]
    ... )
    >>> good = certify(instance, np.array([1, 0]))
    >>> good.stable, good.capacity_ok, good.by_rank.tolist()
    (True, True, [1, 1])
    >>> bad = certify(instance, np.array([0, -1]))
    >>> bad.stable, bad.blocking_pairs.tolist()
    (False, [[1, 0]])

    Cost: O(L log L) time and O(L) memory for L list entries with NumPy; with numba, one
    pass over each side's lists, scanning a candidate's list only for pairs that could block.
    """
    if validate:
        check_instance(instance)
    n, m = instance.n_candidates, instance.n_providers
    provider_of = np.asarray(provider_of, dtype=np.int64)
    if provider_of.shape != (n,) or np.any((provider_of < -1) | (provider_of >= m)):
        raise ValueError(f"provider_of must hold {n} values from -1 to {m - 1}")
    if resolve_backend(backend, instance.choices.shape[0]) == "numba":
        return _certify_compiled(instance, provider_of)
    placed = provider_of >= 0

    # Capacities.
    load = np.bincount(provider_of[placed], minlength=m)
    over_capacity = np.flatnonzero(load > instance.capacities)

    # Each candidate's rank of their own place (their list length when unplaced or unlisted).
    lengths = np.diff(instance.choice_offsets)
    candidate_rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    position = np.arange(instance.choices.shape[0], dtype=np.int64) - np.repeat(
        instance.choice_offsets[:-1], lengths
    )
    own = instance.choices == provider_of[candidate_rows]
    own_rank = lengths.copy()
    own_rank[candidate_rows[own]] = position[own]
    listed_by_candidate = np.zeros(n, dtype=bool)
    listed_by_candidate[candidate_rows[own]] = True

    # Each placed candidate's tier in their provider's ranking; each provider's worst tier.
    provider_rows = np.repeat(np.arange(m, dtype=np.int64), np.diff(instance.ranking_offsets))
    admitted = provider_of[instance.ranking] == provider_rows
    listed_by_provider = np.zeros(n, dtype=bool)
    listed_by_provider[instance.ranking[admitted]] = True
    worst_tier = np.full(m, -1, dtype=np.int64)
    np.maximum.at(worst_tier, provider_rows[admitted], instance.ranking_tiers[admitted])
    unacceptable = np.flatnonzero(placed & ~(listed_by_candidate & listed_by_provider))

    # Blocking pairs: candidate entries better than the candidate's own place.
    better = position < own_rank[candidate_rows]
    rows = candidate_rows[better]
    wanted = instance.choices[better]
    match = _join(wanted * max(n, 1) + rows, provider_rows * max(n, 1) + instance.ranking)
    mutual = match >= 0
    rows, wanted, match = rows[mutual], wanted[mutual], match[mutual]
    tier = instance.ranking_tiers[match]
    # A provider holding someone it never ranked is treated as full and indifferent to them,
    # so the pair is reported as unacceptable rather than as a blocking pair.
    has_room = load[wanted] < instance.capacities[wanted]
    blocks = has_room | ((worst_tier[wanted] >= 0) & (tier < worst_tier[wanted]))
    blocking = _sorted_pairs(rows[blocks], wanted[blocks])

    accepted = placed & listed_by_candidate & listed_by_provider
    width = int(lengths.max()) if n and lengths.size else 0
    by_rank = (
        np.bincount(own_rank[accepted], minlength=width)[:width] if width else np.zeros(0, np.int64)
    )
    return Certificate(
        stable=blocking.shape[0] == 0,
        blocking_pairs=blocking.astype(np.int64),
        capacity_ok=over_capacity.size == 0,
        over_capacity=over_capacity,
        acceptable_ok=unacceptable.size == 0,
        unacceptable=unacceptable,
        by_rank=by_rank.astype(np.int64),
        placed=int(np.count_nonzero(placed)),
        unplaced=int(n - np.count_nonzero(placed)),
    )


def _sorted_pairs(candidates: IntArray, providers: IntArray) -> IntArray:
    order = np.lexsort((providers, candidates))
    pairs: IntArray = np.stack((candidates[order], providers[order]), axis=1).astype(np.int64)
    return pairs


def _certify_compiled(instance: AllocationInstance, provider_of: IntArray) -> Certificate:
    n = instance.n_candidates
    load, own_rank, listed_by_candidate, listed_by_provider, blocking = _check(
        instance.choice_offsets,
        instance.choices,
        instance.ranking_offsets,
        instance.ranking,
        instance.ranking_tiers,
        instance.capacities,
        provider_of,
    )
    flagged = np.flatnonzero(blocking)
    flagged_provider = np.searchsorted(instance.ranking_offsets, flagged, side="right") - 1
    placed = provider_of >= 0
    over_capacity = np.flatnonzero(load > instance.capacities)
    unacceptable = np.flatnonzero(placed & ~(listed_by_candidate & listed_by_provider))
    accepted = placed & listed_by_candidate & listed_by_provider
    lengths = np.diff(instance.choice_offsets)
    width = int(lengths.max()) if n else 0
    by_rank = np.bincount(own_rank[accepted], minlength=width)[:width].astype(np.int64)
    pairs = _sorted_pairs(instance.ranking[flagged], flagged_provider.astype(np.int64))
    return Certificate(
        stable=pairs.shape[0] == 0,
        blocking_pairs=pairs,
        capacity_ok=over_capacity.size == 0,
        over_capacity=over_capacity,
        acceptable_ok=unacceptable.size == 0,
        unacceptable=unacceptable,
        by_rank=by_rank,
        placed=int(np.count_nonzero(placed)),
        unplaced=int(n - np.count_nonzero(placed)),
    )


# How many ranking entries ahead ``_check`` asks for a candidate's place.
AHEAD = 32


@jit_parallel
def _check(
    choice_offsets: IntArray,
    choices: IntArray,
    ranking_offsets: IntArray,
    ranking: IntArray,
    tiers: IntArray,
    capacities: IntArray,
    provider_of: IntArray,
) -> tuple[IntArray, IntArray, BoolArray, BoolArray, BoolArray]:
    """One pass over each side; a candidate's list is read again only for a pair that could
    block (the provider has room or ranks the candidate above its worst admitted tier).

    Candidates, then providers, are checked in parallel: each writes only its own entries.
    """
    n = choice_offsets.shape[0] - 1
    m = ranking_offsets.shape[0] - 1
    load = np.zeros(m, dtype=np.int64)
    for c in range(n):
        if provider_of[c] >= 0:
            load[provider_of[c]] += 1
    own_rank = np.empty(n, dtype=np.int64)
    listed_by_candidate = np.zeros(n, dtype=np.bool_)
    for c in parallel_range(n):
        own_rank[c] = choice_offsets[c + 1] - choice_offsets[c]
        p = provider_of[c]
        if p >= 0:
            for j in range(choice_offsets[c], choice_offsets[c + 1]):
                if choices[j] == p:
                    own_rank[c] = j - choice_offsets[c]
                    listed_by_candidate[c] = True
                    break
    listed_by_provider = np.zeros(n, dtype=np.bool_)
    blocking = np.zeros(ranking.shape[0], dtype=np.bool_)
    total = ranking.shape[0]
    for p in parallel_range(m):
        # p's worst admitted tier, then p's list again while it is still in the cache. Each
        # entry's candidate's place is somewhere in a large array: ask for it ahead.
        worst = -1
        for e in range(ranking_offsets[p], ranking_offsets[p + 1]):
            if e + AHEAD < total:
                prefetch(provider_of, ranking[e + AHEAD])
            c = ranking[e]
            if provider_of[c] == p:
                listed_by_provider[c] = True
                if tiers[e] > worst:
                    worst = tiers[e]
        room = load[p] < capacities[p]
        for e in range(ranking_offsets[p], ranking_offsets[p + 1]):
            if not (room or (worst >= 0 and tiers[e] < worst)):
                continue
            c = ranking[e]
            if provider_of[c] == p:
                continue
            for j in range(choice_offsets[c], choice_offsets[c] + own_rank[c]):
                if choices[j] == p:
                    blocking[e] = True
                    break
    return load, own_rank, listed_by_candidate, listed_by_provider, blocking
