"""Fairness report for an allocation or a shortlist: selection rates by group and the
adverse-impact ratio against the best-placed group (the "four-fifths rule").

For each protected characteristic (age band, sex, ethnicity, disability...) the report
gives each group's selection rate (selected / considered) and its ratio to the highest
published rate in that characteristic; a ratio under 0.8 is flagged, as the US EEOC's
Uniform Guidelines (29 CFR 1607.4(D)) suggest as a rule of thumb for adverse impact.

Small groups are protected by the disclosure-control library: a rate is shown only when
:func:`oneworkforce.engines.disclosure.protect_rate` allows it (a big enough group, and
neither the selected nor the unselected count small); otherwise the rate and the ratio show
the library's marker. The best-placed group is chosen among published rates only, so a
ratio never reveals a hidden rate. Counts are not published, so no total can undo a hidden
cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from oneworkforce.engines.disclosure import DEFAULT_RULE, MARKER, DisclosureRule, protect_rate

from .types import BoolArray

__all__ = ["FOUR_FIFTHS", "FairnessReport", "GroupRate", "fairness_report"]

FOUR_FIFTHS = 0.8


@dataclass(frozen=True)
class GroupRate:
    """One group's selection rate and adverse-impact ratio, as readers may see them.

    ``rate`` (a percentage) and ``impact_ratio`` are None when suppressed; ``rate_display``
    and ``impact_display`` then show the disclosure marker. ``adverse`` is True when the
    published ratio is under four fifths, None when it cannot be published.
    """

    characteristic: str
    group: str
    rate: float | None
    rate_display: str
    impact_ratio: float | None
    impact_display: str
    adverse: bool | None
    best_placed: bool


@dataclass(frozen=True)
class FairnessReport:
    """Every group of every characteristic, in the order given, and the rule applied."""

    groups: tuple[GroupRate, ...]
    rule: DisclosureRule

    def adverse_groups(self) -> tuple[GroupRate, ...]:
        """The groups whose published ratio is under four fifths."""
        return tuple(g for g in self.groups if g.adverse)


def fairness_report(
    selected: BoolArray,
    characteristics: Mapping[str, Sequence[str]],
    *,
    considered: BoolArray | None = None,
    rule: DisclosureRule = DEFAULT_RULE,
) -> FairnessReport:
    """Selection rates and adverse-impact ratios by group, with small groups suppressed.

    ``selected[i]`` says whether person i was placed or shortlisted; ``considered`` (all by
    default) says who was in the pool; ``characteristics`` maps a name such as "sex" to one
    group label per person.

    >>> selected = np.array([True] * 30 + [False] * 10 + [True] * 12 + [False] * 18 + [True] * 3)
    >>> sex = ["Female"] * 40 + ["Male"] * 30 + ["Not known"] * 3
    >>> for row in fairness_report(selected, {"sex": sex}).groups:
    ...     print(row.group, row.rate_display, row.impact_display, row.adverse)
    Female 75.0 1.00 False
    Male 40.0 0.53 True
    Not known [c] [c] None

    Cost: O(n) per characteristic for n people.
    """
    selected = np.asarray(selected, dtype=bool)
    pool = (
        np.ones(selected.shape[0], dtype=bool)
        if considered is None
        else np.asarray(considered, dtype=bool)
    )
    rows: list[GroupRate] = []
    for name, labels in characteristics.items():
        label_array = np.asarray(labels, dtype=object)
        if label_array.shape[0] != selected.shape[0]:
            raise ValueError(
                f"{name} has {label_array.shape[0]} labels for {selected.shape[0]} people"
            )
        order: list[str] = list(dict.fromkeys(str(x) for x in label_array[pool]))
        published: dict[str, tuple[float | None, str]] = {}
        for group in order:
            members = pool & (label_array == group)
            protected = protect_rate(
                int(np.count_nonzero(selected & members)), int(np.count_nonzero(members)), rule=rule
            )
            published[group] = (protected.shown, protected.display)
        shown_rates = [rate for rate, _ in published.values() if rate is not None]
        best = max(shown_rates, default=None)
        for group in order:
            rate, display = published[group]
            if rate is None or best is None or best == 0:
                ratio, ratio_display, adverse = None, MARKER if rate is None else "-", None
            else:
                ratio = rate / best
                ratio_display = f"{ratio:.2f}"
                adverse = ratio < FOUR_FIFTHS
            rows.append(
                GroupRate(
                    characteristic=name,
                    group=group,
                    rate=rate,
                    rate_display=display,
                    impact_ratio=ratio,
                    impact_display=ratio_display,
                    adverse=adverse,
                    best_placed=rate is not None and rate == best,
                )
            )
    return FairnessReport(tuple(rows), rule)
