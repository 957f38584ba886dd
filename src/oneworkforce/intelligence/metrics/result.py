"""What every metric returns: its definition, its protected counts, and rows ready to render.

A renderer (page, CSV, PDF, chart, API answer) shows ``row.display`` for each row (a
number, :data:`~oneworkforce.engines.disclosure.MARKER` ``[c]`` when hidden to protect
privacy, or :data:`NOT_AVAILABLE` ``[x]`` when not computed, with ``row.reason``), plots
``row.value`` (None when either), and prints ``result.notes`` under the figure and
``result.definition.definition`` beside it. Nothing in a result holds a hidden figure.
"""

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

from oneworkforce.engines.disclosure import MARKER, TOTAL, ProtectedTable
from oneworkforce.intelligence.metrics.definitions import MetricDefinition, Unit

__all__ = ["NOT_AVAILABLE", "TOTAL_LABEL", "MetricResult", "MetricRow", "format_value"]

NOT_AVAILABLE = "[x]"
"""Shown where a figure is not computed (records disagree with the declared total, a start
date is missing, no group to compare with). The UK Government Analysis Function's symbol
for "not available", beside ``[c]`` for "confidential"."""

TOTAL_LABEL = "Total"
"""The label of a dimension in a total row."""


def format_value(value: float, unit: Unit) -> str:
    """The display string of a shown value.

    >>> format_value(1234, Unit.PEOPLE), format_value(25.0, Unit.PERCENT)
    ('1,234', '25.0%')
    >>> format_value(1234.56, Unit.FTE), format_value(4.25, Unit.DAYS)
    ('1,234.6', '4.2')
    """
    if unit in (Unit.PEOPLE, Unit.POSTS):
        return f"{int(value):,}"
    if unit is Unit.PERCENT:
        return f"{value:.1f}%"
    return f"{value:,.1f}"


def label_of(label: Hashable) -> str:
    """A cell label as text: ``TOTAL`` becomes :data:`TOTAL_LABEL`."""
    return TOTAL_LABEL if label is TOTAL else str(label)


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One figure for one group.

    ``labels`` holds one label per dimension of the result (:data:`TOTAL_LABEL` where the
    row sums over that dimension). ``value`` is the number to plot, None when hidden or
    not available; ``display`` is what to print; ``reason`` says why a figure is
    :data:`NOT_AVAILABLE` (empty otherwise: never explain an individual ``[c]``).
    """

    labels: tuple[str, ...]
    value: float | None
    display: str
    is_total: bool = False
    reason: str = ""

    @property
    def hidden(self) -> bool:
        """True when the figure is hidden to protect privacy."""
        return self.display == MARKER

    @property
    def available(self) -> bool:
        """False when the figure was not computed (see ``reason``)."""
        return self.display != NOT_AVAILABLE


@dataclass(frozen=True)
class MetricResult:
    """A metric computed over a frame on a date, after disclosure control.

    - ``definition``: the metric's meaning, numerator, denominator, source and unit.
    - ``as_of``: the date the figures describe.
    - ``dimensions``: the breakdowns, in the order of each row's ``labels``.
    - ``rows``: the figures, parts before their totals.
    - ``table``: the protected counts behind the figures (for a rate, its numerator and
      denominator by group, as a ``measure`` dimension; for an average, the group sizes),
      for renderers that show them; None for FTE, whose counts are not published.
    - ``notes``: sentences to print under the figure: the disclosure note first, then any
      caveat (groups not computed, partners left out).
    """

    definition: MetricDefinition
    as_of: date
    dimensions: tuple[str, ...]
    rows: tuple[MetricRow, ...]
    table: ProtectedTable | None
    notes: tuple[str, ...]

    def row(self, *labels: str) -> MetricRow:
        """The row with these labels (:data:`TOTAL_LABEL` for a total); KeyError if none."""
        for row in self.rows:
            if row.labels == labels:
                return row
        raise KeyError(labels)

    @property
    def total(self) -> MetricRow:
        """The row over everything (every label a total, or the single row when not broken down)."""
        return self.row(*(TOTAL_LABEL for _ in self.dimensions))
