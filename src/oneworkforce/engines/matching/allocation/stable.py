"""Stable allocation with capacities by deferred acceptance (Gale and Shapley 1962).

Candidate-proposing deferred acceptance is the mechanism of the NRMP (Roth and Peranson 1999):
it gives every candidate the best place they can have in any stable allocation, and no
candidate can gain by misreporting their list. The provider-proposing variant gives every
provider its best stable set instead, and is offered for comparison.

Ties in a provider's ranking are broken by one lottery over candidates, shared by every
provider (single tie-breaking; Abdulkadiroğlu, Pathak and Roth 2009). The lottery is drawn
from ``numpy.random.default_rng(seed)`` and the seed is recorded in the result.

Both variants run in synchronous rounds over arrays: in a round every free proposer makes its
next proposal at once, and each receiver keeps its best offers within capacity. Deferred
acceptance ends in the same allocation whatever the order of proposals, so the rounds give
exactly the sequential algorithm's result. No recursion, no copies of the input. When numba
is installed the sequential kernels in ``_kernels.py`` run instead (``backend="auto"``); the
two backends give identical allocations.
"""

from __future__ import annotations

import secrets

import numpy as np

from .._jit import resolve_backend
from ..types import Allocation, AllocationInstance, IntArray
from ..validation import check_instance
from . import _kernels
from ._arrays import Prepared, prepare, ranges

__all__ = ["PROPOSING_SIDES", "draw_seed", "lottery", "stable_allocation"]

PROPOSING_SIDES = ("candidates", "providers")


def draw_seed() -> int:
    """A fresh seed for the tie-breaking lottery, to be recorded with the result."""
    return secrets.randbits(63)


def lottery(n_candidates: int, seed: int) -> IntArray:
    """Each candidate's lottery number (a permutation of 0..n-1); lower wins a tie.

    >>> lottery(5, seed=7).tolist() == lottery(5, seed=7).tolist()
    True
    """
    return np.random.default_rng(seed).permutation(n_candidates).astype(np.int64)


def _candidates_propose(prep: Prepared, capacities: IntArray, n_providers: int) -> IntArray:
    offsets, providers, keys = prep.offsets, prep.providers, prep.keys
    n = offsets.shape[0] - 1
    lengths = np.diff(offsets)
    pointer = np.zeros(n, dtype=np.int64)
    slot_offsets = np.zeros(n_providers + 1, dtype=np.int64)
    np.cumsum(capacities, out=slot_offsets[1:])
    slots = np.full(int(slot_offsets[-1]), -1, dtype=np.int64)
    stride = max(keys.shape[0], 1)
    mark = np.zeros(n_providers, dtype=bool)
    free = np.flatnonzero(lengths > 0)
    while free.size:
        entry = offsets[free] + pointer[free]
        wanted = providers[entry]
        mark[wanted] = True
        touched = np.flatnonzero(mark)
        mark[touched] = False
        held_at = ranges(slot_offsets[touched], capacities[touched])
        holders = slots[held_at]
        holding = holders >= 0
        holders = holders[holding]
        holder_providers = np.repeat(touched, capacities[touched])[holding]
        everyone = np.concatenate((free, holders))
        their_provider = np.concatenate((wanted, holder_providers))
        their_key = np.concatenate((keys[entry], keys[offsets[holders] + pointer[holders]]))
        order = np.argsort(their_provider * stride + their_key)
        sorted_provider = their_provider[order]
        sorted_candidate = everyone[order]
        count = sorted_provider.shape[0]
        group_start = np.flatnonzero(
            np.concatenate(([True], sorted_provider[1:] != sorted_provider[:-1]))
        )
        place = np.arange(count, dtype=np.int64) - np.repeat(
            group_start, np.diff(np.append(group_start, count))
        )
        kept = place < capacities[sorted_provider]
        slots[held_at] = -1
        slots[slot_offsets[sorted_provider[kept]] + place[kept]] = sorted_candidate[kept]
        rejected = sorted_candidate[~kept]
        pointer[rejected] += 1
        free = rejected[pointer[rejected] < lengths[rejected]]
    provider_of = np.full(n, -1, dtype=np.int64)
    slot_provider = np.repeat(np.arange(n_providers, dtype=np.int64), capacities)
    filled = slots >= 0
    provider_of[slots[filled]] = slot_provider[filled]
    return provider_of


def _providers_propose(prep: Prepared, capacities: IntArray, n_providers: int) -> IntArray:
    n = prep.offsets.shape[0] - 1
    # Each provider's acceptable candidates in its strict order, with the candidate's rank of it.
    order = np.argsort(prep.providers * max(prep.keys.shape[0], 1) + prep.keys)
    ranked_candidate = prep.rows[order]
    candidate_rank = prep.positions[order]
    provider_offsets = np.zeros(n_providers + 1, dtype=np.int64)
    np.cumsum(np.bincount(prep.providers, minlength=n_providers), out=provider_offsets[1:])
    lengths = np.diff(provider_offsets)
    pointer = np.zeros(n_providers, dtype=np.int64)
    held = np.zeros(n_providers, dtype=np.int64)
    holder = np.full(n, -1, dtype=np.int64)
    holder_rank = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    stride = int(candidate_rank.max()) + 1 if candidate_rank.size else 1
    while True:
        want = np.minimum(capacities - held, lengths - pointer)
        active = np.flatnonzero(want > 0)
        if not active.size:
            break
        asked = ranges(provider_offsets[active] + pointer[active], want[active])
        pointer[active] += want[active]
        offered = ranked_candidate[asked]
        offer_rank = candidate_rank[asked]
        offer_provider = np.repeat(active, want[active])
        best = np.argsort(offered * stride + offer_rank)
        offered, offer_rank, offer_provider = offered[best], offer_rank[best], offer_provider[best]
        first = np.concatenate(([True], offered[1:] != offered[:-1]))
        offered, offer_rank, offer_provider = (
            offered[first],
            offer_rank[first],
            offer_provider[first],
        )
        better = offer_rank < holder_rank[offered]
        offered, offer_rank, offer_provider = (
            offered[better],
            offer_rank[better],
            offer_provider[better],
        )
        previous = holder[offered]
        held -= np.bincount(previous[previous >= 0], minlength=n_providers)
        held += np.bincount(offer_provider, minlength=n_providers)
        holder[offered] = offer_provider
        holder_rank[offered] = offer_rank
    return holder


def stable_allocation(
    instance: AllocationInstance,
    *,
    proposing: str = "candidates",
    seed: int | None = None,
    validate: bool = True,
    backend: str = "auto",
) -> Allocation:
    """The stable allocation found by deferred acceptance, with ties broken by a seeded lottery.

    Candidate 0 and 1 both want provider 0 (one place); it prefers candidate 1:

    >>> from oneworkforce.engines.matching.types import AllocationInstance
    >>> instance = AllocationInstance.from_lists(
    ...     choices=[[0, 1], [0]], capacities=[1, 1], rankings=[[1, 0], [0]]
    ... )
    >>> stable_allocation(instance, seed=1).provider_of.tolist()
    [1, 0]

    ``proposing="providers"`` runs the provider-proposing variant. Cost: O(L log L) for L
    list entries to prepare, then one sort per round over the proposals and the places of the
    providers they reach; memory O(L + total capacity).
    """
    if proposing not in PROPOSING_SIDES:
        raise ValueError(f"proposing must be one of {PROPOSING_SIDES}; got {proposing!r}")
    if validate:
        check_instance(instance)
    if seed is None:
        seed = draw_seed()
    draw = lottery(instance.n_candidates, seed)
    capacities = instance.capacities.astype(np.int64, copy=False)
    compiled = resolve_backend(backend, instance.choices.shape[0]) == "numba"
    if compiled:
        provider_of = _compiled(instance, draw, capacities, proposing)
    else:
        prep = prepare(instance, draw)
        if proposing == "candidates":
            provider_of = _candidates_propose(prep, capacities, instance.n_providers)
        else:
            provider_of = _providers_propose(prep, capacities, instance.n_providers)
    return Allocation(
        provider_of=provider_of,
        method="stable",
        proposing=proposing,
        seed=seed,
        total_score=total_score(instance, provider_of, compiled=compiled),
    )


def _compiled(
    instance: AllocationInstance, draw: IntArray, capacities: IntArray, proposing: str
) -> IntArray:
    if proposing == "candidates":
        entries = _kernels.keyed_entries(instance, draw)
        return _kernels.candidates_propose(instance.choice_offsets, entries, capacities)
    offsets, listed, rank = _kernels.provider_lists(
        instance.n_candidates,
        instance.choice_offsets,
        instance.choices,
        instance.ranking_offsets,
        instance.ranking,
        instance.ranking_tiers,
        draw,
    )
    return _kernels.providers_propose(offsets, listed, rank, capacities, instance.n_candidates)


def total_score(
    instance: AllocationInstance, provider_of: IntArray, *, compiled: bool = False
) -> float | None:
    """The sum of the placed pairs' scores, or None when the instance has no scores."""
    if instance.scores is None:
        return None
    if compiled:
        placed = _kernels.placed_entries(instance.choice_offsets, instance.choices, provider_of)
    else:
        rows = np.repeat(
            np.arange(instance.n_candidates, dtype=np.int64), np.diff(instance.choice_offsets)
        )
        placed = instance.choices == provider_of[rows]
    # The same NumPy sum on either path, so both backends report the same total.
    return float(np.nansum(instance.scores[placed]))
