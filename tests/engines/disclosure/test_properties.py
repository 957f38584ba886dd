"""Properties of protect_counts on random tables of every supported shape.

The attacker here is written independently of the library's own audit: it knows the leaf
combinations of the table, that each is a non-negative count, and every published cell
(a sum of leaves). For each small hidden cell it maximises and minimises that cell's sum
with HiGHS. It never reads the library's equations or certificates.
"""

import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog

from oneworkforce.engines.disclosure import (
    MARKER,
    TOTAL,
    DisclosureRule,
    Flag,
    Method,
    ProtectedTable,
    protect_counts,
)

RULES = [
    DisclosureRule(name="default"),
    DisclosureRule(name="skills-for-care-style", threshold=10),
    DisclosureRule(name="nhs-style", threshold=8),
    DisclosureRule(name="threshold-three", threshold=3),
    DisclosureRule(name="zeros-hidden", suppress_zeros=True),
]
ROUNDING_RULES = [
    DisclosureRule(name="ons-style", threshold=10, method=Method.ROUND, rounding_base=5),
    DisclosureRule(name="round-to-ten", threshold=5, method=Method.ROUND, rounding_base=10),
    DisclosureRule(name="round-to-four", threshold=3, method=Method.ROUND, rounding_base=4),
]

counts = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 80))


@dataclass(frozen=True)
class Example:
    """A random table: complete leaf rows, and how to call protect_counts on them."""

    rows: list[tuple[Hashable, ...]]
    dimensions: tuple[str, ...]
    hierarchy: dict[str, str]


@st.composite
def one_way(draw: st.DrawFn) -> Example:
    size = draw(st.integers(1, 9))
    rows = [(f"home {i}", draw(counts)) for i in range(size)]
    return Example(rows, ("home",), {})


@st.composite
def two_way(draw: st.DrawFn) -> Example:
    height, width = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    rows = [(f"role {i}", f"group {j}", draw(counts)) for i in range(height) for j in range(width)]
    return Example(rows, ("role", "group"), {})


@st.composite
def one_way_hierarchy(draw: st.DrawFn) -> Example:
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    rows = [
        (f"sector {g}", f"partner {g}.{i}", draw(counts))
        for g, size in enumerate(sizes)
        for i in range(size)
    ]
    return Example(rows, ("sector", "partner"), {"partner": "sector"})


@st.composite
def two_way_row_hierarchy(draw: st.DrawFn) -> Example:
    sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    width = draw(st.integers(1, 4))
    rows = [
        (f"sector {g}", f"partner {g}.{i}", f"band {j}", draw(counts))
        for g, size in enumerate(sizes)
        for i in range(size)
        for j in range(width)
    ]
    return Example(rows, ("sector", "partner", "band"), {"partner": "sector"})


shapes = st.one_of(one_way(), two_way(), one_way_hierarchy(), two_way_row_hierarchy())


def protect(example: Example, rule: DisclosureRule, rows: Sequence[tuple[Hashable, ...]] = ()):
    return protect_counts(
        list(rows) or example.rows,
        dimensions=example.dimensions,
        count="people",
        rule=rule,
        hierarchy=example.hierarchy,
    )


def members(example: Example, key: tuple[Hashable, ...]) -> list[int]:
    """The leaf rows a cell sums: every dimension either TOTAL or equal."""
    return [
        i
        for i, row in enumerate(example.rows)
        if all(label is TOTAL or label == value for label, value in zip(key, row, strict=False))
    ]


def true_value(example: Example, key: tuple[Hashable, ...]) -> int:
    return sum(int(example.rows[i][-1]) for i in members(example, key))


def attacker_range(example: Example, table: ProtectedTable, key: tuple[Hashable, ...]):
    """The least and greatest value of a cell, given every published cell."""
    leaves = len(example.rows)
    published = [cell for cell in table.cells if cell.shown is not None]
    equalities = np.zeros((len(published), leaves))
    for row, cell in enumerate(published):
        equalities[row, members(example, cell.key)] = 1.0
    right = np.array([float(cell.shown) for cell in published])
    objective = np.zeros(leaves)
    objective[members(example, key)] = 1.0
    bounds = [(0, None)] * leaves
    options = {"A_eq": equalities, "b_eq": right} if published else {}
    low = linprog(objective, bounds=bounds, method="highs", **options)
    high = linprog(-objective, bounds=bounds, method="highs", **options)
    assert low.status == 0, low.message
    return low.fun, (np.inf if high.status == 3 else -high.fun)


class TestSuppressionProperties:
    @given(example=shapes, rule=st.sampled_from(RULES))
    def test_never_publishes_a_small_count(self, example: Example, rule: DisclosureRule) -> None:
        table = protect(example, rule)

        shown = [cell.shown for cell in table.cells if cell.shown is not None]

        assert not [value for value in shown if rule.is_small(value)]

    @given(example=shapes, rule=st.sampled_from(RULES))
    def test_publishes_every_figure_it_shows_exactly(
        self, example: Example, rule: DisclosureRule
    ) -> None:
        table = protect(example, rule)

        wrong = [
            cell.key
            for cell in table.cells
            if cell.shown is not None and cell.shown != true_value(example, cell.key)
        ]

        assert wrong == []

    @given(example=shapes, rule=st.sampled_from(RULES))
    def test_leaves_no_small_hidden_count_narrowed_below_the_threshold_or_pinned(
        self, example: Example, rule: DisclosureRule
    ) -> None:
        table = protect(example, rule)

        exposed = []
        for cell in table.cells:
            if cell.flag is Flag.PRIMARY:
                low, high = attacker_range(example, table, cell.key)
                if high < rule.threshold - 1e-7 or high - low < 1e-7:
                    exposed.append((cell.key, low, high))

        assert exposed == []

    @given(example=shapes, rule=st.sampled_from(RULES), seed=st.integers(0, 2**32 - 1))
    def test_hides_the_same_cells_whatever_the_order_of_the_rows(
        self, example: Example, rule: DisclosureRule, seed: int
    ) -> None:
        shuffled = list(example.rows)
        random.Random(seed).shuffle(shuffled)

        first, again, reordered = (
            protect(example, rule),
            protect(example, rule),
            protect(example, rule, shuffled),
        )

        assert first.cells == again.cells == reordered.cells

    @given(example=shapes, rule=st.sampled_from(RULES))
    def test_shows_the_marker_exactly_where_a_cell_is_hidden(
        self, example: Example, rule: DisclosureRule
    ) -> None:
        table = protect(example, rule)

        mismatched = [
            cell.key
            for cell in table.cells
            if (cell.display == MARKER) != (cell.shown is None) or cell.hidden != cell.flag.hidden
        ]

        assert mismatched == []


class TestRoundingProperties:
    @given(example=shapes, rule=st.sampled_from(ROUNDING_RULES))
    def test_shows_multiples_of_the_base_within_half_a_base_of_the_truth(
        self, example: Example, rule: DisclosureRule
    ) -> None:
        table = protect(example, rule)

        wrong = [
            (cell.key, cell.shown)
            for cell in table.cells
            if cell.shown is not None
            and (
                cell.shown % rule.rounding_base != 0
                or abs(cell.shown - true_value(example, cell.key)) > rule.rounding_base / 2
            )
        ]

        assert wrong == []

    @given(example=shapes, rule=st.sampled_from(ROUNDING_RULES))
    def test_rounds_totals_from_the_unrounded_sum_and_hides_only_small_counts(
        self, example: Example, rule: DisclosureRule
    ) -> None:
        table = protect(example, rule)

        wrong = []
        for cell in table.cells:
            truth = true_value(example, cell.key)
            base = rule.rounding_base
            expected = None if rule.is_small(truth) else (truth + base // 2) // base * base
            if cell.shown != expected:
                wrong.append((cell.key, truth, cell.shown))

        assert wrong == []
