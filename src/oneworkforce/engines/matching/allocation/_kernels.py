"""Sequential deferred-acceptance kernels, compiled by numba when it is installed.

They follow the textbook algorithm (McVitie and Wilson's one-proposal-at-a-time form of
Gale and Shapley's deferred acceptance) with a max-heap of admitted keys per provider, so a
proposal costs O(log capacity). At a million candidates the time goes in waiting for memory,
not in arithmetic, so the candidate-proposing kernels are laid out for the cache: blocks of
candidates joined while they are in it, and several proposals' reads in flight at once. The
NumPy round-based solvers in ``stable.py`` give the same allocation; the tests compare the two.
"""

from __future__ import annotations

import numpy as np

from .._jit import jit, jit_parallel, parallel_range, prefetch
from ..types import AllocationInstance, BoolArray, IntArray

__all__ = [
    "candidates_propose",
    "entry_keys",
    "keyed_entries",
    "placed_entries",
    "provider_lists",
    "providers_propose",
]


@jit
def _by_candidate(
    n: int, ranking_offsets: IntArray, ranking: IntArray, tiers: IntArray
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """The providers' ranking entries regrouped by candidate (a counting sort).

    Returns ``start`` (n + 1 offsets), and per slot the provider, the ranking entry and its tier.
    Reading candidates' lists against this is sequential, where looking each candidate up in
    each provider's ranking would jump about memory.
    """
    total = ranking.shape[0]
    start = np.zeros(n + 1, dtype=np.int64)
    for e in range(total):
        start[ranking[e] + 1] += 1
    for c in range(n):
        start[c + 1] += start[c]
    fill = start[:-1].copy()
    provider = np.empty(total, dtype=np.int64)
    entry = np.empty(total, dtype=np.int64)
    tier = np.empty(total, dtype=np.int64)
    for p in range(ranking_offsets.shape[0] - 1):
        for e in range(ranking_offsets[p], ranking_offsets[p + 1]):
            c = ranking[e]
            slot = fill[c]
            fill[c] += 1
            provider[slot] = p
            entry[slot] = e
            tier[slot] = tiers[e]
    return start, provider, entry, tier


def keyed_entries(instance: AllocationInstance, lottery: IntArray) -> IntArray:
    """Each candidate entry's provider and the provider's key of the candidate (-1: unranked),
    as :func:`entry_keys` fills them, in 32-bit integers whenever every key and entry fits."""
    n = instance.n_candidates
    top_tier = int(instance.ranking_tiers.max()) if instance.ranking_tiers.size else 0
    limit = np.iinfo(np.int32).max
    narrow = (top_tier + 1) * max(n, 1) <= limit and instance.choices.shape[0] <= limit
    out = np.empty((instance.choices.shape[0], 2), dtype=np.int32 if narrow else np.int64)
    entry_keys(
        n,
        instance.choice_offsets,
        instance.choices,
        instance.ranking_offsets,
        instance.ranking,
        instance.ranking_tiers,
        lottery,
        out,
    )
    return out


# Candidates per block in ``entry_keys``: a block's regrouped entries (about 40,000 for lists
# of ten) fit in one core's cache, which a regrouping of every candidate at once does not.
BLOCK_SHIFT = 12

# Candidates in flight in ``candidates_propose``.
LANES = 16


@jit_parallel
def entry_keys(
    n: int,
    choice_offsets: IntArray,
    choices: IntArray,
    ranking_offsets: IntArray,
    ranking: IntArray,
    tiers: IntArray,
    lottery: IntArray,
    out: IntArray,
) -> None:
    """Fill ``out[j]`` with candidate entry j's provider and that provider's strict key of the
    candidate (its tier, then the lottery; -1 when the provider does not rank the candidate).

    ``out`` is int32 when every key fits, else int64 (the caller chooses). The providers'
    entries are first dealt into blocks of 2**BLOCK_SHIFT candidates, in one sequential pass;
    each block is then regrouped by candidate and joined to the candidates' own lists while it
    is still in the cache, the blocks in parallel.
    """
    total = ranking.shape[0]
    blocks = (n >> BLOCK_SHIFT) + 1
    width = 1 << BLOCK_SHIFT
    block_start = np.zeros(blocks + 1, dtype=np.int64)
    for e in range(total):
        block_start[(ranking[e] >> BLOCK_SHIFT) + 1] += 1
    for b in range(blocks):
        block_start[b + 1] += block_start[b]
    fill = block_start[:-1].copy()
    dealt = np.empty((total, 3), dtype=out.dtype)  # candidate, provider, tier
    for p in range(ranking_offsets.shape[0] - 1):
        for e in range(ranking_offsets[p], ranking_offsets[p + 1]):
            c = ranking[e]
            b = c >> BLOCK_SHIFT
            slot = fill[b]
            fill[b] = slot + 1
            dealt[slot, 0] = c
            dealt[slot, 1] = p
            dealt[slot, 2] = tiers[e]
    for b in parallel_range(blocks):
        lo = block_start[b]
        hi = block_start[b + 1]
        first = b << BLOCK_SHIFT
        start = np.zeros(width + 1, dtype=np.int64)
        for s in range(lo, hi):
            start[dealt[s, 0] - first + 1] += 1
        for i in range(width):
            start[i + 1] += start[i]
        place = start[:-1].copy()
        grouped = np.empty((hi - lo, 2), dtype=out.dtype)  # provider, tier
        for s in range(lo, hi):
            i = dealt[s, 0] - first
            slot = place[i]
            place[i] = slot + 1
            grouped[slot, 0] = dealt[s, 1]
            grouped[slot, 1] = dealt[s, 2]
        for c in range(first, min(first + width, n)):
            i = c - first
            for j in range(choice_offsets[c], choice_offsets[c + 1]):
                p = choices[j]
                out[j, 0] = p
                out[j, 1] = -1
                for slot in range(start[i], start[i + 1]):
                    if grouped[slot, 0] == p:
                        out[j, 1] = grouped[slot, 1] * n + lottery[c]
                        break


@jit
def _sift_up(heap: IntArray, base: int, i: int, key: int, candidate: int, entry: int) -> None:
    """Place (key, candidate, entry) at slot i of the max-heap at ``base`` and sift it up."""
    while i > 0:
        parent = (i - 1) // 2
        if heap[base + parent, 0] >= key:
            break
        for column in range(3):
            heap[base + i, column] = heap[base + parent, column]
        i = parent
    heap[base + i, 0] = key
    heap[base + i, 1] = candidate
    heap[base + i, 2] = entry


@jit
def _sift_down(heap: IntArray, base: int, count: int, key: int, candidate: int, entry: int) -> None:
    """Replace the root of the max-heap of ``count`` rows at ``base`` and sift it down."""
    i = 0
    while True:
        child = 2 * i + 1
        if child >= count:
            break
        if child + 1 < count and heap[base + child + 1, 0] > heap[base + child, 0]:
            child += 1
        if heap[base + child, 0] <= key:
            break
        for column in range(3):
            heap[base + i, column] = heap[base + child, column]
        i = child
    heap[base + i, 0] = key
    heap[base + i, 1] = candidate
    heap[base + i, 2] = entry


@jit
def candidates_propose(
    choice_offsets: IntArray, entries: IntArray, capacities: IntArray
) -> IntArray:
    """Candidate-proposing deferred acceptance; returns each candidate's provider or -1.

    ``entries`` is :func:`entry_keys`' output. Each provider keeps a max-heap of the entries it
    has admitted (key, candidate, entry) after a header row (size, capacity), so one proposal
    reads one place in memory. At a million candidates that place is rarely in the cache, so
    LANES candidates are in flight at once, each proposal in three steps taken in turn across
    the lanes: find the candidate's next entry (its memory asked for ahead), find the provider
    (its heap asked for ahead), then propose. Deferred acceptance ends in the same allocation
    whatever the order of proposals, so the interleaving changes only the speed.
    """
    n = choice_offsets.shape[0] - 1
    m = capacities.shape[0]
    head_of = np.empty(m, dtype=np.int64)
    rows = 0
    for p in range(m):
        head_of[p] = rows
        rows += capacities[p] + 1
    heap = np.empty((rows, 3), dtype=entries.dtype)
    for p in range(m):
        heap[head_of[p], 0] = 0
        heap[head_of[p], 1] = capacities[p]
    lane_candidate = np.zeros(LANES, dtype=np.int64)
    lane_entry = np.zeros(LANES, dtype=np.int64)
    lane_provider = np.zeros(LANES, dtype=np.int64)
    lane_step = np.zeros(LANES, dtype=np.int64)  # 0 idle, 1 find the entry, 2 propose
    fresh = 0
    busy = 0
    while busy > 0 or fresh < n:
        for s in range(LANES):
            step = lane_step[s]
            if step == 0:
                if fresh < n:
                    lane_candidate[s] = fresh
                    lane_entry[s] = choice_offsets[fresh]
                    prefetch(entries, choice_offsets[fresh])
                    fresh += 1
                    lane_step[s] = 1
                    busy += 1
            elif step == 1:
                c = lane_candidate[s]
                e = lane_entry[s]
                end = choice_offsets[c + 1]
                while e < end and entries[e, 1] < 0:
                    e += 1
                if e < end:
                    lane_entry[s] = e
                    lane_provider[s] = entries[e, 0]
                    prefetch(heap, head_of[entries[e, 0]])
                    lane_step[s] = 2
                else:  # rejected everywhere: unplaced
                    lane_step[s] = 0
                    busy -= 1
            else:
                c = lane_candidate[s]
                e = lane_entry[s]
                k = entries[e, 1]
                head = head_of[lane_provider[s]]
                base = head + 1
                count = heap[head, 0]
                capacity = heap[head, 1]
                if count < capacity:
                    # Push onto the provider's max-heap; the candidate is held.
                    heap[head, 0] = count + 1
                    _sift_up(heap, base, count, k, c, e)
                    lane_step[s] = 0
                    busy -= 1
                elif capacity > 0 and k < heap[base, 0]:
                    # Evict the worst admitted candidate and sift the newcomer down; the lane
                    # goes on with the evicted candidate's next entry.
                    evicted = heap[base, 1]
                    evicted_next = heap[base, 2] + 1
                    _sift_down(heap, base, count, k, c, e)
                    lane_candidate[s] = evicted
                    lane_entry[s] = evicted_next
                    prefetch(entries, evicted_next)
                    prefetch(choice_offsets, evicted + 1)
                    lane_step[s] = 1
                else:
                    lane_entry[s] = e + 1
                    lane_step[s] = 1
    provider_of = np.full(n, -1, dtype=np.int64)
    for p in range(m):
        head = head_of[p]
        for i in range(heap[head, 0]):
            provider_of[heap[head + 1 + i, 1]] = p
    return provider_of


@jit
def provider_lists(
    n: int,
    choice_offsets: IntArray,
    choices: IntArray,
    ranking_offsets: IntArray,
    ranking: IntArray,
    tiers: IntArray,
    lottery: IntArray,
) -> tuple[IntArray, IntArray, IntArray]:
    """Each provider's acceptable candidates in strict order, with the candidates' ranks of it."""
    m = ranking_offsets.shape[0] - 1
    start, provider, entry, _ = _by_candidate(n, ranking_offsets, ranking, tiers)
    # Each ranking entry's place in the candidate's own list (-1 when the candidate did not
    # choose that provider).
    place = np.full(ranking.shape[0], -1, dtype=np.int64)
    for c in range(n):
        for slot in range(start[c], start[c + 1]):
            p = provider[slot]
            for j in range(choice_offsets[c], choice_offsets[c + 1]):
                if choices[j] == p:
                    place[entry[slot]] = j - choice_offsets[c]
                    break
    offsets = np.zeros(m + 1, dtype=np.int64)
    listed = np.empty(ranking.shape[0], dtype=np.int64)
    rank = np.empty(ranking.shape[0], dtype=np.int64)
    out = 0
    for p in range(m):
        lo = ranking_offsets[p]
        hi = ranking_offsets[p + 1]
        keys = np.empty(hi - lo, dtype=np.int64)
        who = np.empty(hi - lo, dtype=np.int64)
        where = np.empty(hi - lo, dtype=np.int64)
        count = 0
        for e in range(lo, hi):
            if place[e] >= 0:
                c = ranking[e]
                keys[count] = tiers[e] * n + lottery[c]
                who[count] = c
                where[count] = place[e]
                count += 1
        order = np.argsort(keys[:count])
        for i in range(count):
            listed[out] = who[order[i]]
            rank[out] = where[order[i]]
            out += 1
        offsets[p + 1] = out
    return offsets, listed[:out], rank[:out]


@jit
def providers_propose(
    offsets: IntArray, listed: IntArray, rank: IntArray, capacities: IntArray, n: int
) -> IntArray:
    """Provider-proposing deferred acceptance; returns each candidate's provider or -1."""
    m = capacities.shape[0]
    holder = np.full(n, -1, dtype=np.int64)
    holder_rank = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    held = np.zeros(m, dtype=np.int64)
    pointer = offsets[:-1].copy()
    waiting = np.ones(m, dtype=np.bool_)
    stack = np.empty(m, dtype=np.int64)
    for i in range(m):
        stack[i] = m - 1 - i
    top = m
    while top > 0:
        top -= 1
        p = stack[top]
        waiting[p] = False
        while held[p] < capacities[p] and pointer[p] < offsets[p + 1]:
            c = listed[pointer[p]]
            r = rank[pointer[p]]
            pointer[p] += 1
            if r < holder_rank[c]:
                previous = holder[c]
                holder[c] = p
                holder_rank[c] = r
                held[p] += 1
                if previous >= 0:
                    held[previous] -= 1
                    if not waiting[previous]:
                        waiting[previous] = True
                        stack[top] = previous
                        top += 1
    return holder


@jit
def placed_entries(choice_offsets: IntArray, choices: IntArray, provider_of: IntArray) -> BoolArray:
    """True at each candidate's entry for the provider they were placed with."""
    placed = np.zeros(choices.shape[0], dtype=np.bool_)
    for c in range(choice_offsets.shape[0] - 1):
        p = provider_of[c]
        if p >= 0:
            for j in range(choice_offsets[c], choice_offsets[c + 1]):
                if choices[j] == p:
                    placed[j] = True
                    break
    return placed
