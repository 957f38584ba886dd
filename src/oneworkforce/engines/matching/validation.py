"""Validation of an allocation instance given as arrays.

The JSON layer (:mod:`.instance_json`) names problems by id; this module checks the arrays
that every solver and the certificate take, in O(L log L) for L list entries.
"""

from __future__ import annotations

import numpy as np

from . import errors
from ._jit import HAVE_NUMBA, SMALL_WORK, jit, prefetch
from .types import AllocationInstance, IntArray

__all__ = ["check_instance", "instance_problems"]


def _row_ids(offsets: IntArray) -> IntArray:
    return np.repeat(np.arange(offsets.shape[0] - 1, dtype=np.int64), np.diff(offsets))


def _shape_problem(name: str, array: np.ndarray, expected: int) -> list[str]:
    if array.ndim != 1 or array.shape[0] != expected:
        return [errors.ARRAY_SHAPE_BAD.format(name=name, expected=expected, shape=array.shape)]
    return []


def _list_problems(
    name: str, offsets: IntArray, flat: IntArray, rows: int, limit: int
) -> list[str]:
    problems = _shape_problem(f"{name}_offsets", offsets, rows + 1)
    if problems:
        return problems
    if offsets[0] != 0 or offsets[-1] != flat.shape[0] or np.any(np.diff(offsets) < 0):
        return [errors.ARRAY_OFFSETS_BAD.format(name=f"{name}_offsets", expected=flat.shape[0])]
    compiled = HAVE_NUMBA and flat.shape[0] >= SMALL_WORK
    if compiled:
        outside = _outside_compiled(flat, limit)
    else:
        outside = int(np.count_nonzero((flat < 0) | (flat >= limit)))
    if outside:
        return [errors.ARRAY_ID_OUT_OF_RANGE.format(name=name, count=outside, limit=limit - 1)]
    if compiled:
        stamp = np.int32 if rows < np.iinfo(np.int32).max else np.int64
        count, first_row = _repeats_compiled(offsets, flat, np.full(max(limit, 1), -1, stamp))
    else:
        keys = _row_ids(offsets) * max(limit, 1) + flat
        keys.sort()
        repeated = np.flatnonzero(keys[1:] == keys[:-1])
        count = int(repeated.size)
        first_row = int(keys[repeated[0]] // max(limit, 1)) if count else -1
    if count:
        return [errors.ARRAY_LIST_DUPLICATE.format(name=name, count=count, row=first_row)]
    return []


@jit
def _outside_compiled(flat: IntArray, limit: int) -> int:
    """How many ids fall outside 0..limit-1, in one pass with no temporary arrays."""
    count = 0
    for e in range(flat.shape[0]):
        if flat[e] < 0 or flat[e] >= limit:
            count += 1
    return count


@jit
def _tiers_bad_compiled(offsets: IntArray, tiers: IntArray) -> bool:
    """True when a tier is negative, reaches its list's length, or falls within one list."""
    for row in range(offsets.shape[0] - 1):
        previous = 0
        length = offsets[row + 1] - offsets[row]
        for e in range(offsets[row], offsets[row + 1]):
            if tiers[e] < previous or tiers[e] >= length:
                return True
            previous = tiers[e]
    return False


@jit
def _repeats_compiled(offsets: IntArray, flat: IntArray, seen: IntArray) -> tuple[int, int]:
    """Repeated ids within lists, by stamping each id in ``seen`` (all -1, one per id, wide
    enough for a row number) with the row that last saw it: O(L)."""
    count = 0
    first_row = -1
    total = flat.shape[0]
    for row in range(offsets.shape[0] - 1):
        for e in range(offsets[row], offsets[row + 1]):
            # The stamps of a million ids outgrow the cache: ask for one a few entries ahead.
            if e + 32 < total:
                prefetch(seen, flat[e + 32])
            if seen[flat[e]] == row:
                count += 1
                if first_row < 0:
                    first_row = row
            seen[flat[e]] = row
    return count, first_row


def instance_problems(instance: AllocationInstance) -> list[str]:
    """Every problem with the instance's arrays, as plain sentences; empty when it is sound.

    >>> from oneworkforce.engines.matching.types import AllocationInstance
    >>> bad = AllocationInstance.from_lists(choices=[[0, 0]], capacities=[-1], rankings=[[0]])
    >>> for problem in instance_problems(bad):
    ...     print(problem)
    choices repeats an id within one list 1 times (first in list 0)
    1 capacities are negative (first: provider 0)

    Cost: O(L log L) time and O(L) memory for L list entries.
    """
    n, m = instance.n_candidates, instance.n_providers
    problems = _list_problems("choices", instance.choice_offsets, instance.choices, n, m)
    ranking_problems = _list_problems("ranking", instance.ranking_offsets, instance.ranking, m, n)
    problems += ranking_problems
    capacity_problems = _shape_problem("capacities", instance.capacities, m)
    problems += capacity_problems
    if not capacity_problems:
        negative = np.flatnonzero(instance.capacities < 0)
        if negative.size:
            problems.append(
                errors.ARRAY_CAPACITY_NEGATIVE.format(count=negative.size, first=int(negative[0]))
            )
    tiers = instance.ranking_tiers
    problems += _shape_problem("ranking_tiers", tiers, instance.ranking.shape[0])
    # Tiers are read against the rankings' offsets, so only once those are known sound.
    if tiers.shape == instance.ranking.shape and tiers.size and not ranking_problems:
        if HAVE_NUMBA and tiers.shape[0] >= SMALL_WORK:
            tiers_bad = _tiers_bad_compiled(instance.ranking_offsets, tiers)
        else:
            lengths = np.diff(instance.ranking_offsets)
            starts = np.zeros(tiers.shape[0], dtype=bool)
            starts[instance.ranking_offsets[:-1][lengths > 0]] = True
            step = np.diff(tiers, prepend=0)
            tiers_bad = bool(
                np.any(tiers < 0)
                or np.any((step < 0) & ~starts)
                or np.any(tiers >= np.repeat(lengths, lengths))
            )
        if tiers_bad:
            problems.append(errors.ARRAY_TIERS_BAD)
    if instance.scores is not None:
        problems += _shape_problem("scores", instance.scores, instance.choices.shape[0])
    return problems


def check_instance(instance: AllocationInstance) -> None:
    """Raise :class:`~.errors.InvalidInstanceError` naming every problem, if there are any."""
    problems = instance_problems(instance)
    if problems:
        raise errors.InvalidInstanceError(problems)
