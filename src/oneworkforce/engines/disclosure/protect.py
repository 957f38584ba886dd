"""The one entry point for tables of counts: :func:`protect_counts`."""

from collections.abc import Collection, Hashable, Mapping, Sequence

from oneworkforce.engines.disclosure.errors import (
    PROTECTION_FAILED,
    RESERVED_COLUMN,
    UNKNOWN_DIMENSION,
    InvalidTableError,
    ProtectionFailedError,
)
from oneworkforce.engines.disclosure.markers import Flag
from oneworkforce.engines.disclosure.notes import table_note
from oneworkforce.engines.disclosure.primary import primary_mask
from oneworkforce.engines.disclosure.reading import Rows, read_counts
from oneworkforce.engines.disclosure.rounding import round_values
from oneworkforce.engines.disclosure.rules import DEFAULT_RULE, DisclosureRule, Method
from oneworkforce.engines.disclosure.secondary import suppress_secondary, unproven_primaries
from oneworkforce.engines.disclosure.structure import build_shape
from oneworkforce.engines.disclosure.table import (
    DISPLAY_COLUMN,
    REASON_COLUMN,
    ProtectedCell,
    ProtectedTable,
)

__all__ = ["protect_counts"]


def protect_counts(
    rows: Rows,
    *,
    dimensions: Sequence[str],
    count: str,
    rule: DisclosureRule = DEFAULT_RULE,
    totals: bool | Collection[str] = True,
    hierarchy: Mapping[str, str] | None = None,
    categories: Mapping[str, Sequence[Hashable]] | None = None,
) -> ProtectedTable:
    """Protect a table of counts of people, adding its totals, for any renderer.

    ``rows`` hold one count per combination of ``dimensions`` (a Polars or pandas
    DataFrame, dicts, or tuples laid out as the dimensions then the count); combinations
    with no row count as zero. ``totals`` adds a total over every dimension (True), over
    none (False), or over the named ones. ``hierarchy`` nests a dimension within another
    (``{"partner": "sector"}``), adding subtotals. ``categories`` orders a dimension's values
    (and, for a dimension that is not nested, adds values with no rows, as zeros).

    Worked example: three care homes, and who left or stayed. Hiding only the 3 leaks
    it, because Home A's total (43) minus its published "Stayed" (40) is 3:

    >>> rows = [
    ...     ("Home A", "Left", 3), ("Home A", "Stayed", 40),
    ...     ("Home B", "Left", 12), ("Home B", "Stayed", 35),
    ...     ("Home C", "Left", 8), ("Home C", "Stayed", 20),
    ... ]
    >>> table = protect_counts(rows, dimensions=["home", "outcome"], count="staff")
    >>> grid = table.grid()
    >>> for label, row in zip(grid.row_labels, grid.cells):
    ...     print(f"{label[0]!s:7}", *(f"{cell.display:>5}" for cell in row))
    Home A    [c]   [c]    43
    Home B     12    35    47
    Home C    [c]   [c]    28
    Total      23    95   118

    The 3's cheapest partners were hidden too: 40 in its row, 8 in its column, and the 20
    that closes the rectangle. Every total is still true, yet the hidden Home A "Left" could
    be anything from 0 to 11 for all a reader can tell:

    >>> from oneworkforce.engines.disclosure import TOTAL
    >>> table.cell("Home A", TOTAL).shown, table.count_flagged(Flag.SECONDARY)
    (43, 3)
    >>> table.note
    'Figures between 1 and 4 are hidden as [c] to protect privacy; some other figures are hidden so those cannot be worked out from totals.'

    Complexity: O(cells) to read and lay out; secondary suppression is O(p * r * c) for p
    small cells in an r x c table (see :func:`.secondary.suppress_secondary`); rounding is
    O(cells).
    """  # noqa: E501
    names = tuple(dimensions)
    if len(set(names)) != len(names) or count in names:
        duplicate = next(n for n in (*names, count) if (*names, count).count(n) > 1)
        raise InvalidTableError(
            UNKNOWN_DIMENSION.format(argument="dimensions", name=duplicate, dimensions=list(names))
        )
    for name in (*names, count):
        if name in (DISPLAY_COLUMN, REASON_COLUMN):
            raise InvalidTableError(RESERVED_COLUMN.format(name=name))

    counts = read_counts(rows, dimensions=names, count=count)
    shape = build_shape(
        list(counts), dimensions=names, hierarchy=hierarchy, totals=totals, categories=categories
    )
    values = shape.aggregate(counts)

    if rule.method is Method.ROUND:
        rounded, flags = round_values(values, rule)
        shown: list[int | None] = [None if v < 0 else v for v in rounded.tolist()]
        secondary = False
    else:
        primary = primary_mask(values, rule)
        result = suppress_secondary(shape, values, primary, rule)
        failures = unproven_primaries(shape, values, primary, result, rule)
        if failures:
            raise ProtectionFailedError(PROTECTION_FAILED.format(cells=len(failures)))
        flags = [
            Flag.PRIMARY if is_primary else Flag.SECONDARY if is_hidden else Flag.PUBLISHED
            for is_primary, is_hidden in zip(primary.tolist(), result.hidden.tolist(), strict=True)
        ]
        shown = [
            None if hidden else value
            for hidden, value in zip(result.hidden.tolist(), values.tolist(), strict=True)
        ]
        secondary = Flag.SECONDARY in flags

    cells = tuple(
        ProtectedCell.make(key, value, flag)
        for key, value, flag in zip(shape.keys, shown, flags, strict=True)
    )
    return ProtectedTable(
        dimensions=names,
        count=count,
        rule=rule,
        cells=cells,
        note=table_note(rule, secondary=secondary),
        shape=shape,
    )
