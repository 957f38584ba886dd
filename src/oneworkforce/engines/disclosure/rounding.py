"""Rounding as an alternative to suppression: every count rounded, small counts hidden."""

import numpy as np
import numpy.typing as npt

from oneworkforce.engines.disclosure.markers import Flag
from oneworkforce.engines.disclosure.primary import primary_mask
from oneworkforce.engines.disclosure.rules import DisclosureRule

__all__ = ["round_half_up", "round_values"]


def round_half_up(value: int, base: int) -> int:
    """``value`` rounded to the nearest multiple of ``base``, halves rounded up.

    >>> round_half_up(7, 5), round_half_up(8, 5), round_half_up(15, 10), round_half_up(14, 10)
    (5, 10, 20, 10)
    """
    return (value + base // 2) // base * base


def round_values(
    values: npt.NDArray[np.int64], rule: DisclosureRule
) -> tuple[npt.NDArray[np.int64], list[Flag]]:
    """Shown values (-1 where hidden) and flags for cells whose true values are ``values``.

    Totals are rounded from their true (unrounded) values, like every other cell, so a
    rounded total need not equal the sum of the rounded parts.

    >>> from oneworkforce.engines.disclosure.rules import DisclosureRule, Method
    >>> rule = DisclosureRule(name="ons-style", threshold=10, method=Method.ROUND)
    >>> shown, flags = round_values(np.array([0, 7, 12, 18, 37]), rule)
    >>> shown.tolist(), [flag.value for flag in flags]
    ([0, -1, 10, 20, 35], ['published', 'primary', 'rounded', 'rounded', 'rounded'])

    Complexity: linear in the number of cells.
    """
    base = rule.rounding_base
    small = primary_mask(values, rule)
    rounded = (values + base // 2) // base * base
    shown = np.where(small, -1, np.where(values == 0, 0, rounded))
    flags = [
        Flag.PRIMARY if is_small else Flag.PUBLISHED if value == 0 else Flag.ROUNDED
        for is_small, value in zip(small.tolist(), values.tolist(), strict=True)
    ]
    return shown.astype(np.int64), flags
