"""Rates, percentages, means and medians: shown only when their group is big enough.

A rate is hidden when its denominator (or a statistic's group) is under the threshold.
A proportion is also hidden when it would reveal a small count: with the denominator
published, 3 of 200 (1.5%) reveals the 3, and 196 of 200 (98%) reveals the 4 who are not
counted, so a small numerator or a small remainder hides it too.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from oneworkforce.engines.disclosure.markers import MARKER, Flag
from oneworkforce.engines.disclosure.reading import whole_number
from oneworkforce.engines.disclosure.rules import DEFAULT_RULE, DisclosureRule

__all__ = ["ProtectedValue", "protect_mean", "protect_median", "protect_rate", "protect_statistic"]


@dataclass(frozen=True, slots=True)
class ProtectedValue:
    """A single figure as readers may see it: ``shown`` is None when hidden."""

    shown: float | None
    flag: Flag
    display: str

    @property
    def hidden(self) -> bool:
        return self.shown is None


def _shown(value: float, decimals: int) -> ProtectedValue:
    rounded = round(value, decimals)
    return ProtectedValue(rounded, Flag.PUBLISHED, f"{rounded:.{decimals}f}")


def _hidden(flag: Flag) -> ProtectedValue:
    return ProtectedValue(None, flag, MARKER)


def protect_rate(
    numerator: int,
    denominator: int,
    *,
    rule: DisclosureRule = DEFAULT_RULE,
    per: float = 100.0,
    decimals: int = 1,
) -> ProtectedValue:
    """``numerator / denominator * per`` (a percentage by default), or the marker.

    >>> protect_rate(12, 40).display, protect_rate(3, 4).flag.value
    ('30.0', 'rate_base_too_small')
    >>> protect_rate(3, 200).display, protect_rate(196, 200).display
    ('[c]', '[c]')
    >>> protect_rate(0, 200).display
    '0.0'

    Complexity: constant.
    """
    top = whole_number(numerator, where="protect_rate", column="numerator")
    bottom = whole_number(denominator, where="protect_rate", column="denominator")
    if bottom < rule.threshold:
        return _hidden(Flag.RATE_BASE_TOO_SMALL)
    if rule.is_small(top) or (top <= bottom and rule.is_small(bottom - top)):
        return _hidden(Flag.PRIMARY)
    return _shown(top / bottom * per, decimals)


def protect_statistic(
    value: float, *, group_size: int, rule: DisclosureRule = DEFAULT_RULE, decimals: int = 1
) -> ProtectedValue:
    """A statistic already computed over ``group_size`` people (a mean from SQL, say).

    >>> protect_statistic(31.25, group_size=8).display
    '31.2'
    >>> protect_statistic(31.25, group_size=4).display
    '[c]'

    Complexity: constant.
    """
    size = whole_number(group_size, where="protect_statistic", column="group_size")
    if size < rule.threshold:
        return _hidden(Flag.RATE_BASE_TOO_SMALL)
    return _shown(value, decimals)


def protect_mean(
    values: Sequence[float], *, rule: DisclosureRule = DEFAULT_RULE, decimals: int = 1
) -> ProtectedValue:
    """The mean of one value per person, hidden for a group under the threshold.

    >>> protect_mean([30, 41, 52, 38, 44]).display, protect_mean([30, 41]).display
    ('41.0', '[c]')

    Complexity: linear in the number of values.
    """
    if len(values) < rule.threshold or not values:
        return _hidden(Flag.RATE_BASE_TOO_SMALL)
    return _shown(statistics.fmean(values), decimals)


def protect_median(
    values: Sequence[float], *, rule: DisclosureRule = DEFAULT_RULE, decimals: int = 1
) -> ProtectedValue:
    """The median of one value per person, hidden for a group under the threshold.

    A median of a small group is one person's own value, so it is never shown.

    >>> protect_median([30, 41, 52, 38, 44]).display
    '41.0'

    Complexity: O(n log n) for n values.
    """
    if len(values) < rule.threshold or not values:
        return _hidden(Flag.RATE_BASE_TOO_SMALL)
    return _shown(statistics.median(values), decimals)
