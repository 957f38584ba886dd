"""The checker beside the solver: can anything small be read from a published table?

It uses only what the table publishes (shown values and the shape's equations) plus the
flags, which say which hidden cells were small. Tests call it on every table they build;
an output can call it before publishing something unusual.
"""

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np

from oneworkforce.engines.disclosure.audit import AttackerModel
from oneworkforce.engines.disclosure.markers import Flag
from oneworkforce.engines.disclosure.rules import Method
from oneworkforce.engines.disclosure.table import ProtectedTable

__all__ = ["Disclosure", "find_disclosures", "hidden_intervals", "is_protected"]

_TOLERANCE = 1e-6


@dataclass(frozen=True, slots=True)
class Disclosure:
    """A cell a reader can learn too much about: shown small, or hidden but narrowed."""

    key: tuple[Hashable, ...]
    low: float
    high: float


def _attacker(table: ProtectedTable) -> AttackerModel:
    hidden = np.array([cell.hidden for cell in table.cells])
    published = np.array([0.0 if cell.shown is None else float(cell.shown) for cell in table.cells])
    return AttackerModel(table.shape.equations, published, hidden)


def hidden_intervals(table: ProtectedTable) -> dict[tuple[Hashable, ...], tuple[float, float]]:
    """For every hidden cell, the range a reader can narrow it to (LP over the table).

    Complexity: two LPs per hidden cell, each over its connected part of the table.
    """
    attacker = _attacker(table)
    return {
        cell.key: attacker.interval(index) for index, cell in enumerate(table.cells) if cell.hidden
    }


def find_disclosures(table: ProtectedTable) -> tuple[Disclosure, ...]:
    """Every cell that gives away a small count.

    A published cell discloses when it shows a small count. For a suppressed table, a
    small hidden cell discloses when a reader can pin it to one value, or narrow it to a
    range wholly under the threshold. Rounded tables are checked for shown small counts
    only: rounding, not suppression, protects their other cells.

    >>> from oneworkforce.engines.disclosure import protect_counts
    >>> table = protect_counts([("A", 3), ("B", 9), ("C", 12)], dimensions=["home"], count="n")
    >>> find_disclosures(table)
    ()

    Complexity: two LPs per small hidden cell (see :func:`hidden_intervals`).
    """
    rule = table.rule
    found = [
        Disclosure(cell.key, float(cell.shown), float(cell.shown))
        for cell in table.cells
        if cell.shown is not None and cell.flag is not Flag.ROUNDED and rule.is_small(cell.shown)
    ]
    if rule.method is Method.SUPPRESS:
        attacker = _attacker(table)
        for index, cell in enumerate(table.cells):
            if cell.flag is not Flag.PRIMARY:
                continue
            low, high = attacker.interval(index)
            if high < rule.threshold - _TOLERANCE or high - low <= _TOLERANCE:
                found.append(Disclosure(cell.key, low, high))
    return tuple(found)


def is_protected(table: ProtectedTable) -> bool:
    """True when :func:`find_disclosures` finds nothing."""
    return not find_disclosures(table)
