"""The checker beside the solver: is a projection internally consistent?

It reads nothing but the projection itself, so it can check a projection from any
source (a test, a cached result, a future faster solver). The property tests call it on
every projection they generate.
"""

from itertools import pairwise
from typing import SupportsIndex

import numpy as np

from oneworkforce.engines.projection.types import Projection

__all__ = ["check_projection"]

# Relative to the largest figure in the projection: the model's arithmetic is exact up to
# floating-point rounding over at most a few hundred steps.
RELATIVE_TOLERANCE = 1e-9


def check_projection(projection: Projection) -> list[str]:
    """Every way the projection breaks its own rules; empty when it is consistent.

    The rules: years are consecutive; every array has one row per role group and one
    column per year; figures are finite; supply and the flows are never negative; the
    base year has no flows; ``gap == demand - supply``; and the stock-flow identity
    ``supply(t) = supply(t-1) - leavers(t) - retirements(t) + starters(t)`` holds, with
    no more people leaving or retiring in a year than there were at its start.

    >>> from oneworkforce.engines.projection.types import Projection
    >>> good = Projection(
    ...     scenario_name="s", years=(2025, 2026), role_groups=("Nurse",),
    ...     demand=[[10, 12]], supply=[[8, 7]], gap=[[2, 5]],
    ...     leavers=[[0, 2]], retirements=[[0, 1]], starters=[[0, 2]],
    ... )
    >>> check_projection(good)
    []
    >>> bad = Projection(
    ...     scenario_name="s", years=(2025, 2026), role_groups=("Nurse",),
    ...     demand=[[10, 12]], supply=[[8, 9]], gap=[[2, 3]],
    ...     leavers=[[0, 2]], retirements=[[0, 1]], starters=[[0, 2]],
    ... )
    >>> check_projection(bad)
    ["'Nurse' in 2026: supply 9 is not 8 - 2 leavers - 1 retirements + 2 starters = 7"]

    Complexity: O(G·T) for G role groups and T years.
    """
    problems: list[str] = []
    years = projection.years
    role_groups = projection.role_groups
    if any(b != a + 1 for a, b in pairwise(years)):
        problems.append(f"years are not consecutive: {list(years)}")
    arrays = {
        "demand": projection.demand,
        "supply": projection.supply,
        "gap": projection.gap,
        "leavers": projection.leavers,
        "retirements": projection.retirements,
        "starters": projection.starters,
    }
    shape = (len(role_groups), len(years))
    for name, array in arrays.items():
        if array.shape != shape:
            problems.append(f"{name} has shape {array.shape}, not {shape}")
        elif not np.isfinite(array).all():
            problems.append(f"{name} has figures that are not finite")
    if problems:
        return problems

    scale = max(1.0, *(float(np.abs(array).max(initial=0.0)) for array in arrays.values()))
    tolerance = RELATIVE_TOLERANCE * scale

    def where(g: SupportsIndex, t: SupportsIndex) -> str:
        return f"{role_groups[int(g)]!r} in {years[int(t)]}"

    for name in ("supply", "leavers", "retirements", "starters"):
        for g, t in zip(*np.nonzero(arrays[name] < -tolerance), strict=True):
            problems.append(f"{where(g, t)}: {name} is negative ({arrays[name][g, t]:g})")
    for name in ("leavers", "retirements", "starters"):
        for g in np.nonzero(np.abs(arrays[name][:, 0]) > tolerance)[0]:
            problems.append(f"{where(g, 0)}: the base year has {name} ({arrays[name][g, 0]:g})")
    gap_error = np.abs(projection.gap - (projection.demand - projection.supply))
    for g, t in zip(*np.nonzero(gap_error > tolerance), strict=True):
        problems.append(
            f"{where(g, t)}: gap {projection.gap[g, t]:g} is not demand "
            f"{projection.demand[g, t]:g} - supply {projection.supply[g, t]:g}"
        )
    supply = projection.supply
    expected = (
        supply[:, :-1]
        - projection.leavers[:, 1:]
        - projection.retirements[:, 1:]
        + projection.starters[:, 1:]
    )
    for g, t in zip(*np.nonzero(np.abs(supply[:, 1:] - expected) > tolerance), strict=True):
        problems.append(
            f"{where(g, t + 1)}: supply {supply[g, t + 1]:g} is not {supply[g, t]:g} - "
            f"{projection.leavers[g, t + 1]:g} leavers - "
            f"{projection.retirements[g, t + 1]:g} retirements + "
            f"{projection.starters[g, t + 1]:g} starters = {expected[g, t]:g}"
        )
    exits = projection.leavers[:, 1:] + projection.retirements[:, 1:]
    for g, t in zip(*np.nonzero(exits > supply[:, :-1] + tolerance), strict=True):
        problems.append(
            f"{where(g, t + 1)}: {exits[g, t]:g} left or retired, more than the "
            f"{supply[g, t]:g} there were"
        )
    return problems
