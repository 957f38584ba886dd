"""Array helpers shared by the solvers (never by the certificate, which recomputes alone)."""

from __future__ import annotations

import numpy as np

from ..types import AllocationInstance, IntArray

__all__ = ["Prepared", "acceptable_entries", "prepare", "ranges"]


def ranges(starts: IntArray, counts: IntArray) -> IntArray:
    """Concatenate ``arange(s, s + k)`` for every start ``s`` and count ``k``, without a loop.

    >>> ranges(np.array([5, 0, 9]), np.array([2, 0, 3])).tolist()
    [5, 6, 9, 10, 11]
    """
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    shift = np.repeat(starts - (ends - counts), counts)
    return shift + np.arange(total, dtype=np.int64)


class Prepared:
    """Mutually acceptable pairs with strict provider keys after the tie-breaking lottery.

    ``offsets``/``providers``/``keys`` are the candidates' lists cut to acceptable pairs, in the
    candidates' order; ``keys`` are the providers' strict preferences (lower is better),
    globally dense so that ``provider * len(keys) + key`` fits in int64. ``positions`` is each
    kept entry's place in the candidate's original list and ``entries`` its index in
    ``instance.choices``.
    """

    __slots__ = ("entries", "keys", "offsets", "positions", "providers", "rows")

    def __init__(self, instance: AllocationInstance, lottery: IntArray) -> None:
        n = instance.n_candidates
        m = instance.n_providers
        provider_rows = np.repeat(np.arange(m, dtype=np.int64), np.diff(instance.ranking_offsets))
        ranking_keys = provider_rows * n + instance.ranking
        order = np.argsort(ranking_keys, kind="stable")
        sorted_keys = ranking_keys[order]
        lengths = np.diff(instance.choice_offsets)
        candidate_rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        choice_keys = instance.choices * n + candidate_rows
        # searchsorted is fast only for sorted queries, so sort them and scatter back.
        query_order = np.argsort(choice_keys, kind="stable")
        where = np.empty(choice_keys.shape[0], dtype=np.int64)
        where[query_order] = np.searchsorted(sorted_keys, choice_keys[query_order])
        np.minimum(where, max(sorted_keys.shape[0] - 1, 0), out=where)
        if sorted_keys.shape[0]:
            found = sorted_keys[where] == choice_keys
        else:
            found = np.zeros(choice_keys.shape[0], dtype=bool)
        self.entries: IntArray = np.flatnonzero(found)
        self.rows: IntArray = candidate_rows[self.entries]
        self.providers: IntArray = instance.choices[self.entries]
        self.positions: IntArray = self.entries - instance.choice_offsets[self.rows]
        tiers = instance.ranking_tiers[order[where[self.entries]]]
        raw = tiers * max(n, 1) + lottery[self.rows]
        dense = np.empty(raw.shape[0], dtype=np.int64)
        dense[np.argsort(raw)] = np.arange(raw.shape[0], dtype=np.int64)
        self.keys: IntArray = dense
        self.offsets: IntArray = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.rows, minlength=n), out=self.offsets[1:])


def prepare(instance: AllocationInstance, lottery: IntArray) -> Prepared:
    """Cut the instance to acceptable pairs and break the providers' ties by ``lottery``."""
    return Prepared(instance, lottery)


def acceptable_entries(instance: AllocationInstance, *, compiled: bool) -> IntArray:
    """Indices into ``instance.choices`` of the pairs that both sides list."""
    if compiled:
        from . import _kernels

        entries = _kernels.keyed_entries(instance, np.zeros(instance.n_candidates, dtype=np.int64))
        return np.flatnonzero(entries[:, 1] >= 0)
    return Prepared(instance, np.zeros(instance.n_candidates, dtype=np.int64)).entries
