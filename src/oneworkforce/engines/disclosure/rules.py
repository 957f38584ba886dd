"""Disclosure rules: what counts as small, and whether to hide or round.

Partners follow different rules, and rules change, so a rule has a name (the output or
setting it belongs to) and the date it takes effect. :func:`select_rule` picks the rule in
force on a given day; the caller passes the day in.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from oneworkforce.engines.disclosure.errors import (
    INVALID_RULE,
    NO_RULE_IN_FORCE,
    UNKNOWN_METHOD,
    InvalidRuleError,
    NoRuleInForceError,
    UnknownMethodError,
)

__all__ = ["DEFAULT_RULE", "DisclosureRule", "Method", "select_rule"]


class Method(StrEnum):
    """How a table is protected."""

    SUPPRESS = "suppress"
    """Hide small counts, and enough other cells that they cannot be worked out."""
    ROUND = "round"
    """Round every count (totals from unrounded data) and hide small counts."""


@dataclass(frozen=True, slots=True)
class DisclosureRule:
    """A disclosure rule for one output, in force from ``effective_from``.

    ``threshold`` is the smallest count that may be shown: counts from 1 to
    ``threshold - 1`` are hidden (and 0 too when ``suppress_zeros``).

    >>> rule = DisclosureRule(name="board-report", threshold=10, method=Method.ROUND)
    >>> rule.is_small(9), rule.is_small(10), rule.is_small(0)
    (True, False, False)
    >>> DisclosureRule(name="x", method="median")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    UnknownMethodError: Unknown disclosure method 'median'; use one of: suppress, round
    """

    name: str
    threshold: int = 5
    method: Method = Method.SUPPRESS
    rounding_base: int = 5
    suppress_zeros: bool = False
    effective_from: date | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.method, Method):
            try:
                object.__setattr__(self, "method", Method(self.method))
            except ValueError:
                raise UnknownMethodError(
                    UNKNOWN_METHOD.format(
                        method=self.method, choices=", ".join(m.value for m in Method)
                    )
                ) from None
        for field_name in ("threshold", "rounding_base"):
            value = getattr(self, field_name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InvalidRuleError(
                    INVALID_RULE.format(name=self.name, field=field_name, value=value)
                )

    def is_small(self, value: int) -> bool:
        """True when a count of ``value`` people must not be shown."""
        return value < self.threshold and (value > 0 or self.suppress_zeros)

    @classmethod
    def from_setting(cls, setting: Mapping[str, object]) -> "DisclosureRule":
        """Build a rule from a settings mapping (strings for the method and ISO date).

        >>> DisclosureRule.from_setting(
        ...     {"name": "ons-style", "threshold": 10, "method": "round",
        ...      "effective_from": "2025-04-01"}
        ... )  # doctest: +NORMALIZE_WHITESPACE
        DisclosureRule(name='ons-style', threshold=10, method=<Method.ROUND: 'round'>,
                       rounding_base=5, suppress_zeros=False,
                       effective_from=datetime.date(2025, 4, 1))
        """
        raw_from = setting.get("effective_from")
        effective_from = date.fromisoformat(raw_from) if isinstance(raw_from, str) else raw_from
        return cls(
            name=str(setting["name"]),
            threshold=setting.get("threshold", 5),  # type: ignore[arg-type]
            method=setting.get("method", Method.SUPPRESS),  # type: ignore[arg-type]
            rounding_base=setting.get("rounding_base", 5),  # type: ignore[arg-type]
            suppress_zeros=bool(setting.get("suppress_zeros", False)),
            effective_from=effective_from,  # type: ignore[arg-type]
        )


DEFAULT_RULE = DisclosureRule(name="default")
"""Hide counts from 1 to 4, and whatever would reveal them (the product's default)."""


def select_rule(rules: Iterable[DisclosureRule], *, name: str, on: date) -> DisclosureRule:
    """The rule called ``name`` in force on ``on``: the latest ``effective_from`` not after it.

    A rule without ``effective_from`` has always been in force.

    >>> old = DisclosureRule(name="workforce", threshold=5)
    >>> new = DisclosureRule(name="workforce", threshold=10, effective_from=date(2025, 4, 1))
    >>> select_rule([new, old], name="workforce", on=date(2025, 3, 31)).threshold
    5
    >>> select_rule([new, old], name="workforce", on=date(2025, 4, 1)).threshold
    10

    Complexity: linear in the number of rules.
    """
    in_force = [
        rule
        for rule in rules
        if rule.name == name and (rule.effective_from is None or rule.effective_from <= on)
    ]
    if not in_force:
        raise NoRuleInForceError(NO_RULE_IN_FORCE.format(name=name, on=on))
    return max(in_force, key=lambda rule: rule.effective_from or date.min)
