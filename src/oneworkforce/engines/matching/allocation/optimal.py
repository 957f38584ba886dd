"""Optimal allocation: the most people placed, then the highest total score, by min-cost flow.

The network has a source, one node per candidate and per provider, and a sink: source to
candidate (capacity 1), candidate to provider for every mutually acceptable pair (capacity 1),
provider to sink (the provider's capacity). First a maximum flow (OR-Tools' push-relabel
``SimpleMaxFlow``) finds K, the most candidates any allocation can place; then a minimum-cost
flow of exactly K units (OR-Tools' cost-scaling ``SimpleMinCostFlow``; Ahuja, Magnanti and
Orlin 1993, ch. 7 and 9-10), with each pair's cost the highest score minus its score in
hundredths, maximises the total score among allocations that place K. Costs are integers, so
the optimum is exact; scores are compared to two decimal places. (This is a little faster here
than OR-Tools' one-call ``solve_max_flow_with_min_cost``, which gives the same optimum.)

The optimum ignores preferences beyond acceptability, so it is usually not stable; compare it
with the stable allocation by :func:`compare` before choosing.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow

from .. import errors
from .._jit import resolve_backend
from ..types import Allocation, AllocationInstance, Comparison
from ..validation import check_instance
from ._arrays import acceptable_entries

__all__ = ["SCORE_SCALE", "compare", "optimal_allocation"]

SCORE_SCALE = 100


def optimal_allocation(
    instance: AllocationInstance, *, validate: bool = True, backend: str = "auto"
) -> Allocation:
    """Place the most candidates, and among those maximise the total score.

    Two candidates want provider 0's single place; candidate 1 also accepts provider 1, so the
    optimum places both:

    >>> from oneworkforce.engines.matching.types import AllocationInstance
    >>> instance = AllocationInstance.from_lists(
    ...     choices=[[0], [0, 1]], capacities=[1, 1], rankings=[[1, 0], [1]],
    ...     scores={(0, 0): 50.0, (1, 0): 90.0, (1, 1): 10.0},
    ... )
    >>> result = optimal_allocation(instance)
    >>> result.provider_of.tolist(), result.total_score
    ([0, 1], 60.0)

    Cost: the flow network has V = n + m + 2 nodes and E + n + m arcs for E acceptable pairs;
    push-relabel maximum flow is O(V^2 sqrt(E)) and cost scaling O(V^2 E log(V C)) in the worst
    case, both far faster in practice.
    """
    if validate:
        check_instance(instance)
    if instance.scores is None:
        raise errors.InvalidInstanceError(
            [errors.SCORE_MISSING.format(candidate="*", provider="*")]
        )
    n, m = instance.n_candidates, instance.n_providers
    entries = acceptable_entries(
        instance, compiled=resolve_backend(backend, instance.choices.shape[0]) == "numba"
    )
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(instance.choice_offsets))[entries]
    heads = instance.choices[entries]
    scores = instance.scores[entries]
    missing = np.flatnonzero(~np.isfinite(scores))
    if missing.size:
        raise errors.InvalidInstanceError(
            [
                errors.SCORE_MISSING.format(candidate=int(rows[i]), provider=int(heads[i]))
                for i in missing
            ]
        )
    source, sink = n + m, n + m + 1
    pair_count = entries.shape[0]
    tails = np.concatenate((np.full(n, source), rows, np.arange(n, n + m))).astype(np.int32)
    arc_heads = np.concatenate((np.arange(n), heads + n, np.full(m, sink))).astype(np.int32)
    capacities = np.concatenate(
        (np.ones(n + pair_count, dtype=np.int64), instance.capacities.astype(np.int64))
    )
    most = max_flow.SimpleMaxFlow()
    most.add_arcs_with_capacity(tails, arc_heads, capacities)
    if most.solve(source, sink) != most.OPTIMAL:
        raise RuntimeError("the maximum-flow solver did not finish")
    placeable = int(most.optimal_flow())
    scaled = np.rint(scores * SCORE_SCALE).astype(np.int64)
    highest = int(scaled.max()) if scaled.size else 0
    gaps = highest - scaled
    # Dividing every cost by their greatest common divisor keeps the same optimum and
    # shortens cost scaling, whose number of phases grows with the largest cost (scores
    # given to one decimal place have costs all multiples of ten).
    common = int(np.gcd.reduce(gaps)) if gaps.size else 0
    if common > 1:
        gaps //= common
    costs = np.concatenate((np.zeros(n, dtype=np.int64), gaps, np.zeros(m, dtype=np.int64)))
    network = min_cost_flow.SimpleMinCostFlow()
    network.add_arcs_with_capacity_and_unit_cost(tails, arc_heads, capacities, costs)
    network.set_node_supply(source, placeable)
    network.set_node_supply(sink, -placeable)
    status = network.solve()
    if status != network.OPTIMAL:
        raise RuntimeError(f"the min-cost flow solver stopped with status {status}")
    flows = network.flows(np.arange(n, n + pair_count, dtype=np.int32))
    used = flows > 0
    provider_of = np.full(n, -1, dtype=np.int64)
    provider_of[rows[used]] = heads[used]
    return Allocation(
        provider_of=provider_of,
        method="optimal",
        proposing=None,
        seed=None,
        total_score=float(scores[used].sum()),
    )


def compare(
    *,
    stable: Allocation,
    optimal: Allocation,
    stable_blocking_pairs: int,
    optimal_blocking_pairs: int,
) -> Comparison:
    """The stable and optimal allocations side by side: placed, unplaced, scores and the gap.

    >>> a = Allocation(np.array([0, -1]), "stable", "candidates", 1, 50.0)
    >>> b = Allocation(np.array([0, 1]), "optimal", None, None, 60.0)
    >>> compare(stable=a, optimal=b, stable_blocking_pairs=0, optimal_blocking_pairs=1)
    ... # doctest: +NORMALIZE_WHITESPACE
    Comparison(stable_placed=1, optimal_placed=2, stable_unplaced=1, optimal_unplaced=0,
               stable_total_score=50.0, optimal_total_score=60.0, score_gap=10.0,
               stable_blocking_pairs=0, optimal_blocking_pairs=1)
    """
    n = stable.provider_of.shape[0]
    stable_total = stable.total_score or 0.0
    optimal_total = optimal.total_score or 0.0
    return Comparison(
        stable_placed=stable.placed,
        optimal_placed=optimal.placed,
        stable_unplaced=n - stable.placed,
        optimal_unplaced=n - optimal.placed,
        stable_total_score=stable_total,
        optimal_total_score=optimal_total,
        score_gap=round(optimal_total - stable_total, 6),
        stable_blocking_pairs=stable_blocking_pairs,
        optimal_blocking_pairs=optimal_blocking_pairs,
    )
