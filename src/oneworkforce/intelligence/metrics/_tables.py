"""The machinery every metric shares: protect counts by group, then derive the figures.

Three shapes of metric, one rule behind each: **a figure is shown only where the protected
counts it is made from are shown**, so a figure never tells a reader more than the counts
the disclosure library agreed to publish.

- Counts (headcount, filled posts, profiles): the protected table's cells are the figures.
- Rates (turnover, stability, shares): the counts of each ``measure`` (leavers and staff;
  12+ months and under) by group are protected together, with totals over the groups (and
  over the measures when they partition the denominator). A rate is shown when
  :func:`~oneworkforce.engines.disclosure.protect_rate` shows it and every count in its
  numerator and denominator is shown.
- Statistics (FTE, mean sickness, median time in post): the group sizes are protected with
  totals; a statistic is shown when its group's size cell is shown and the group is not
  under the threshold. Using the counts' suppression pattern stops a hidden group's
  statistic being worked out from the total's and the others'.
"""

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from itertools import product

import polars as pl

from oneworkforce.engines.disclosure import (
    MARKER,
    TOTAL,
    DisclosureRule,
    Method,
    ProtectedCell,
    ProtectedTable,
    protect_counts,
    protect_rate,
    protect_statistic,
    rate_note,
)
from oneworkforce.intelligence.metrics.definitions import MetricDefinition
from oneworkforce.intelligence.metrics.dimensions import label_column, ordered_categories
from oneworkforce.intelligence.metrics.result import (
    NOT_AVAILABLE,
    MetricResult,
    MetricRow,
    format_value,
    label_of,
)

__all__ = [
    "MEASURE",
    "coded",
    "count_by",
    "count_result",
    "grouped_values",
    "protect_grouped",
    "ratio_result",
    "statistic_result",
]

MEASURE = "measure"
SCOPE = "scope"
_SCOPE_LABEL = "All"
SECONDARY_RATES = (
    "Some other figures are hidden so that hidden counts cannot be worked out from totals."
)

Key = tuple[Hashable, ...]


def coded(*cases: pl.Expr) -> pl.Expr:
    """The position of the first true case, or the number of cases when none is true.

    A measure is worked out per row as a small integer (cheap), and named only once the
    rows are counted (see :func:`count_by`).
    """
    code = pl.lit(len(cases), pl.UInt8)
    for position in reversed(range(len(cases))):
        code = pl.when(cases[position]).then(pl.lit(position, pl.UInt8)).otherwise(code)
    return code.alias(MEASURE)


def _named(frame: pl.DataFrame, by: Sequence[str]) -> pl.DataFrame:
    return frame.rename({label_column(name): name for name in by}).with_columns(
        pl.col(name).cast(pl.String) for name in by
    )


def count_by(
    data: pl.LazyFrame,
    by: Sequence[str],
    count: str,
    value: pl.Expr | None = None,
    *,
    measures: Sequence[str] = (),
) -> pl.DataFrame:
    """``value`` (the number of rows by default) for each group of ``by``, collected.

    ``data`` holds the labels of ``by`` (from :meth:`.Workforce.lazy`); with ``measures``
    it also holds the :func:`coded` ``measure``, and the result names each code.
    """
    aggregate = (pl.len() if value is None else value).cast(pl.Int64).alias(count)
    keys = [label_column(name) for name in by] + ([MEASURE] if measures else [])
    grouped = data.group_by(keys).agg(aggregate) if keys else data.select(aggregate)
    counted = _named(grouped.collect(), by)
    if measures:
        names = dict(enumerate(measures))
        counted = counted.with_columns(
            pl.col(MEASURE).replace_strict(names, return_dtype=pl.String)
        )
    return counted


def grouped_values(data: pl.LazyFrame, by: Sequence[str], value: pl.Expr) -> dict[Key, float]:
    """``value`` aggregated over each group of ``by`` and every (sub)total, keyed as the cells.

    One query: the groups and every (sub)total are collected together.

    Complexity: 2^k aggregations over the rows for k breakdowns (k is 0 to 3 in practice).
    """
    masks = list(_subsets(len(by)))
    queries = []
    for mask in masks:
        kept = [label_column(name) for name, t in zip(by, mask, strict=True) if not t]
        aggregate = value.cast(pl.Float64).alias("_value")
        queries.append(data.group_by(kept).agg(aggregate) if kept else data.select(aggregate))
    result: dict[Key, float] = {}
    for mask, frame in zip(masks, pl.collect_all(queries), strict=True):
        kept = [name for name, t in zip(by, mask, strict=True) if not t]
        for row in _named(frame, kept).select(*kept, "_value").iter_rows():
            parts = iter(row[:-1])
            key = tuple(TOTAL if t else next(parts) for t in mask)
            if row[-1] is not None:
                result[key] = float(row[-1])
    return result


def _categories(
    counts: pl.DataFrame, dims: Sequence[str], given: Mapping[str, Sequence[str]]
) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for name in dims:
        observed = counts.get_column(name).unique().to_list()
        if name in given:
            listed = list(given[name])
            result[name] = listed + sorted(set(observed) - set(listed))
        else:
            result[name] = ordered_categories(name, observed)
    return result


def protect_grouped(
    counts: pl.DataFrame,
    *,
    dims: Sequence[str],
    count: str,
    rule: DisclosureRule,
    totals: bool | Sequence[str] = True,
    categories: Mapping[str, Sequence[str]] | None = None,
) -> tuple[ProtectedTable, dict[Key, ProtectedCell]]:
    """Protect ``counts`` (one row per group, columns ``dims`` and ``count``).

    With no dimensions the table has one cell, for everything, keyed ``()``.
    """
    names = tuple(dims)
    if not names:
        counts = counts.with_columns(pl.lit(_SCOPE_LABEL).alias(SCOPE))
        names, totals = (SCOPE,), False
        categories = {SCOPE: [_SCOPE_LABEL]}
    elif totals is not True and not totals:
        totals = False
    table = protect_counts(
        counts.select(*names, count),
        dimensions=names,
        count=count,
        rule=rule,
        totals=totals if isinstance(totals, bool) else list(totals),
        categories=_categories(counts, names, categories or {}),
    )
    drop_scope = names == (SCOPE,)
    cells = {(() if drop_scope else cell.key): cell for cell in table.cells}
    return table, cells


def _subsets(size: int) -> Iterator[tuple[bool, ...]]:
    """Every choice of which positions are totals (True), parts first."""
    return product((False, True), repeat=size)


def true_sums(counts: pl.DataFrame, dims: Sequence[str], count: str) -> dict[Key, float]:
    """The sum of ``count`` for every group and every (sub)total over ``dims``."""
    sums: dict[Key, float] = {}
    for row in counts.select(*dims, count).iter_rows():
        key, value = row[:-1], row[-1] or 0
        for mask in _subsets(len(dims)):
            total_key = tuple(TOTAL if t else label for label, t in zip(key, mask, strict=True))
            sums[total_key] = sums.get(total_key, 0) + value
    return sums


def _row(key: Key, value: float | None, display: str, reason: str = "") -> MetricRow:
    labels = tuple(label_of(label) for label in key)
    is_total = not key or any(label is TOTAL for label in key)
    return MetricRow(labels, value, display, is_total, reason)


def _disclosure_notes(rule: DisclosureRule, *, rates: bool, secondary: bool) -> tuple[str, ...]:
    first = rate_note(rule) if rates else ""
    return tuple(note for note in (first, SECONDARY_RATES if secondary else "") if note)


def count_result(
    counts: pl.DataFrame,
    *,
    definition: MetricDefinition,
    as_of: date,
    dims: Sequence[str],
    count: str,
    rule: DisclosureRule,
    categories: Mapping[str, Sequence[str]] | None = None,
    notes: Sequence[str] = (),
) -> MetricResult:
    """A table of counts with every total: each cell is a figure."""
    table, cells = protect_grouped(counts, dims=dims, count=count, rule=rule, categories=categories)
    rows = tuple(
        _row(
            key,
            None if cell.shown is None else float(cell.shown),
            MARKER if cell.shown is None else format_value(cell.shown, definition.unit),
        )
        for key, cell in cells.items()
    )
    return MetricResult(definition, as_of, tuple(dims), rows, table, (table.note, *notes))


def ratio_result(
    counts: pl.DataFrame,
    *,
    definition: MetricDefinition,
    as_of: date,
    by: Sequence[str],
    measures: Sequence[str],
    numerator: Sequence[str],
    denominator: Sequence[str],
    partition: bool,
    rule: DisclosureRule,
    count: str = "posts",
    categories: Mapping[str, Sequence[str]] | None = None,
    not_available: Callable[[Mapping[str, float]], str] | None = None,
    extra_rows: Sequence[MetricRow] = (),
    notes: Sequence[str] = (),
) -> MetricResult:
    """Rates by group from the counts of each measure (columns ``by``, MEASURE, ``count``).

    ``partition`` says the numerator's and denominator's measures add up to the denominator
    (stayed + left), so the table has totals over the measures too; otherwise (leavers
    against staff) only over groups. Measures in neither (start date not known) stay out of
    the table; ``not_available`` sees every measure's count and returns a reason when a
    group's rate must not be computed.
    """
    dims = (*by, MEASURE)
    needed = tuple(dict.fromkeys((*numerator, *denominator)))
    table, cells = protect_grouped(
        counts.filter(pl.col(MEASURE).is_in(needed)),
        dims=dims,
        count=count,
        rule=rule,
        totals=True if partition else list(by),
        categories={**(categories or {}), MEASURE: [m for m in measures if m in needed]},
    )
    truth = true_sums(counts, dims, count)
    groups = dict.fromkeys(key[:-1] for key in cells)
    rows: list[MetricRow] = []
    unavailable: list[str] = []
    secondary = False
    for group in groups:
        values = {m: truth.get((*group, m), 0) for m in measures}
        reason = not_available(values) if not_available else ""
        if reason:
            rows.append(_row(group, None, NOT_AVAILABLE, reason))
            unavailable.append(", ".join(label_of(label) for label in group) or "all staff")
            continue
        needed_cells = [cells[(*group, m)] for m in needed]
        if any(cell.hidden for cell in needed_cells):
            true_rate = protect_rate(
                int(sum(values[m] for m in numerator)),
                int(sum(values[m] for m in denominator)),
                rule=rule,
            )
            secondary = secondary or not true_rate.hidden
            rows.append(_row(group, None, MARKER))
            continue
        # The rate comes from the published counts (rounded ones under a rounding rule), so
        # it never tells a reader more than the counts beside it do.
        shown = {m: cell.shown or 0 for m, cell in zip(needed, needed_cells, strict=True)}
        rate = protect_rate(
            sum(shown[m] for m in numerator), sum(shown[m] for m in denominator), rule=rule
        )
        if rate.shown is None:
            rows.append(_row(group, None, MARKER))
        else:
            rows.append(_row(group, rate.shown, format_value(rate.shown, definition.unit)))
    caveats = list(notes)
    if unavailable and not_available:
        caveats.append(
            f"{definition.title} is not computed ({NOT_AVAILABLE}) for: {'; '.join(unavailable)}."
        )
    return MetricResult(
        definition,
        as_of,
        tuple(by),
        (*rows, *extra_rows),
        table,
        (*_disclosure_notes(rule, rates=True, secondary=secondary), *caveats),
    )


def statistic_result(
    sizes: pl.DataFrame,
    values: Mapping[Key, float],
    *,
    definition: MetricDefinition,
    as_of: date,
    by: Sequence[str],
    count: str,
    rule: DisclosureRule,
    publish_table: bool = True,
    extra_rows: Sequence[MetricRow] = (),
    notes: Sequence[str] = (),
) -> MetricResult:
    """A statistic by group (a sum, mean or median), shown where its group's size is shown.

    ``sizes`` has one row per group (columns ``by`` and ``count``: the people or posts the
    statistic is computed over); ``values`` maps each group and (sub)total to the statistic.
    The sizes are protected with totals; ``publish_table`` False keeps them out of the
    result (they still set what is shown). Under a rounding rule a statistic is also hidden
    where suppression would hide its size, since rounding does not stop a sum being worked
    out by subtraction.
    """
    table, cells = protect_grouped(sizes, dims=by, count=count, rule=rule)
    pattern = cells
    if rule.method is not Method.SUPPRESS:
        # Rounding the sizes does not stop the total's sum minus the shown groups' sums
        # giving a small group's sum away, so statistics follow the suppression pattern.
        suppress = replace(rule, method=Method.SUPPRESS)
        _, pattern = protect_grouped(sizes, dims=by, count=count, rule=suppress)
    truth = true_sums(sizes, by, count)
    rows: list[MetricRow] = []
    secondary = False
    for key, cell in cells.items():
        value = values.get(key)
        if value is None:
            rows.append(_row(key, None, MARKER))
            continue
        statistic = protect_statistic(value, group_size=int(truth.get(key, 0)), rule=rule)
        hidden = cell.hidden or pattern[key].hidden
        secondary = secondary or (not statistic.hidden and hidden)
        if statistic.hidden or hidden:
            rows.append(_row(key, None, MARKER))
        else:
            assert statistic.shown is not None
            rows.append(_row(key, statistic.shown, format_value(value, definition.unit)))
    return MetricResult(
        definition,
        as_of,
        tuple(by),
        (*rows, *extra_rows),
        table if publish_table else None,
        (*_disclosure_notes(rule, rates=True, secondary=secondary), *notes),
    )
