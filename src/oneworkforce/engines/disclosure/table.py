"""The protected table every aggregate output renders: cells, note, and plain views of it.

A protected table holds no true value of a hidden cell, so whatever a renderer does with
it (page, CSV, PDF, chart, API answer) cannot leak one.
"""

from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

from oneworkforce.engines.disclosure.markers import MARKER, TOTAL, Flag
from oneworkforce.engines.disclosure.rules import DisclosureRule
from oneworkforce.engines.disclosure.structure import TableShape

__all__ = ["DISPLAY_COLUMN", "REASON_COLUMN", "Grid", "ProtectedCell", "ProtectedTable"]

DISPLAY_COLUMN = "display"
REASON_COLUMN = "reason"

Key = tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class ProtectedCell:
    """One cell as readers may see it.

    ``key`` holds the cell's label for each dimension (:data:`TOTAL` where the cell sums
    over that dimension); ``shown`` is the number to show, or None when hidden;
    ``display`` is what every renderer prints (the number, or :data:`MARKER`).
    ``flag`` says why, for the product's own use: never show it to readers.
    """

    key: Key
    shown: int | None
    flag: Flag
    display: str

    @property
    def hidden(self) -> bool:
        return self.shown is None

    @property
    def is_total(self) -> bool:
        return any(label is TOTAL for label in self.key)

    @classmethod
    def make(cls, key: Key, shown: int | None, flag: Flag) -> "ProtectedCell":
        return cls(key, shown, flag, MARKER if shown is None else str(shown))


@dataclass(frozen=True, slots=True)
class Grid:
    """A table laid out for rendering: row labels, column labels and cells by row.

    Labels are tuples (one label per dimension on that side), so hierarchies read
    ``("NHS", TOTAL)`` for a sector subtotal.
    """

    row_dimensions: tuple[str, ...]
    column_dimensions: tuple[str, ...]
    row_labels: tuple[Key, ...]
    column_labels: tuple[Key, ...]
    cells: tuple[tuple[ProtectedCell, ...], ...]


@dataclass(frozen=True)
class ProtectedTable:
    """A table of counts after disclosure control, ready for any renderer.

    Cells come in a stable order: axis by axis, parts before their (sub)totals.
    """

    dimensions: tuple[str, ...]
    count: str
    rule: DisclosureRule
    cells: tuple[ProtectedCell, ...]
    note: str
    shape: TableShape = field(repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.cells)

    @cached_property
    def _by_key(self) -> dict[Key, ProtectedCell]:
        return {cell.key: cell for cell in self.cells}

    def cell(self, *labels: Hashable) -> ProtectedCell:
        """The cell with these labels, one per dimension (:data:`TOTAL` for a total)."""
        return self._by_key[tuple(labels)]

    def count_flagged(self, flag: Flag) -> int:
        """How many cells carry ``flag``."""
        return sum(1 for cell in self.cells if cell.flag is flag)

    @property
    def hidden_count(self) -> int:
        return sum(1 for cell in self.cells if cell.hidden)

    def rows(
        self, *, total_label: Hashable = TOTAL, with_reasons: bool = False
    ) -> list[dict[str, Hashable]]:
        """One plain dict per cell: the dimensions, the count (None if hidden), the display.

        ``total_label`` replaces :data:`TOTAL` (for example ``"Total"`` for a CSV file, or
        None for JSON). ``with_reasons`` adds the flag, for audit trails and tests only.
        """
        result: list[dict[str, Hashable]] = []
        for cell in self.cells:
            row: dict[str, Hashable] = {
                name: total_label if label is TOTAL else label
                for name, label in zip(self.dimensions, cell.key, strict=True)
            }
            row[self.count] = cell.shown
            row[DISPLAY_COLUMN] = cell.display
            if with_reasons:
                row[REASON_COLUMN] = cell.flag.value
            result.append(row)
        return result

    def to_polars(self, *, with_reasons: bool = False) -> pl.DataFrame:
        """The cells as a DataFrame; a null in a dimension column means its total."""
        data: dict[str, list[Hashable]] = {name: [] for name in self.dimensions}
        for cell in self.cells:
            for name, label in zip(self.dimensions, cell.key, strict=True):
                data[name].append(None if label is TOTAL else label)
        data[self.count] = [cell.shown for cell in self.cells]
        data[DISPLAY_COLUMN] = [cell.display for cell in self.cells]
        schema_overrides: dict[str, type[pl.DataType]] = {
            self.count: pl.Int64,
            DISPLAY_COLUMN: pl.String,
        }
        if with_reasons:
            data[REASON_COLUMN] = [cell.flag.value for cell in self.cells]
            schema_overrides[REASON_COLUMN] = pl.String
        return pl.DataFrame(data, schema_overrides=schema_overrides, strict=False)

    def grid(self) -> Grid:
        """The table as rows by columns: the first axis down, the others across.

        >>> from oneworkforce.engines.disclosure import protect_counts
        >>> table = protect_counts([("A", 12), ("B", 9)], dimensions=["home"], count="n")
        >>> [(label, [cell.display for cell in row])
        ...  for label, row in zip(table.grid().row_labels, table.grid().cells)]
        [(('A',), ['12']), (('B',), ['9']), ((TOTAL,), ['21'])]
        """
        axes = self.shape.axes
        row_dimensions = axes[0].dimensions
        column_dimensions = tuple(name for axis in axes[1:] for name in axis.dimensions)
        width = len(self.cells) // axes[0].size if axes[0].size else 0
        row_positions = [self.dimensions.index(name) for name in row_dimensions]
        column_positions = [self.dimensions.index(name) for name in column_dimensions]
        by_row = tuple(tuple(self.cells[r * width : (r + 1) * width]) for r in range(axes[0].size))
        row_labels = tuple(tuple(row[0].key[p] for p in row_positions) for row in by_row if row)
        column_labels = (
            tuple(tuple(cell.key[p] for p in column_positions) for cell in by_row[0])
            if by_row
            else ()
        )
        return Grid(row_dimensions, column_dimensions, row_labels, column_labels, by_row)
