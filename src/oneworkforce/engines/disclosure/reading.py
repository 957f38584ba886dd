"""Reading an input table (Polars, pandas or plain rows) into validated leaf counts."""

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from numbers import Integral, Real
from typing import Any

import polars as pl

from oneworkforce.engines.disclosure.errors import (
    DUPLICATE_CELL,
    EMPTY_DIMENSION_VALUE,
    MISSING_COLUMN,
    NEGATIVE_COUNT,
    NOT_A_WHOLE_NUMBER,
    UNSUPPORTED_ROWS,
    WRONG_ROW_LENGTH,
    DuplicateCellError,
    InvalidCountError,
    InvalidTableError,
)

__all__ = ["Rows", "read_counts", "whole_number"]

Key = tuple[Hashable, ...]

Rows = pl.DataFrame | Iterable[Mapping[str, Any]] | Iterable[Sequence[Any]]
"""What :func:`read_counts` accepts: a Polars DataFrame, plain rows, or a pandas DataFrame."""


def _is_pandas_frame(rows: object) -> bool:
    # Checked by module name so that pandas is never imported, nor required.
    return type(rows).__module__.split(".")[0] == "pandas" and hasattr(rows, "to_dict")


def _records(rows: object, columns: Sequence[str]) -> Iterator[Mapping[str, Any]]:
    if isinstance(rows, pl.DataFrame):
        yield from rows.iter_rows(named=True)
        return
    if _is_pandas_frame(rows):
        yield from rows.to_dict("records")  # type: ignore[attr-defined]
        return
    if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
        raise InvalidTableError(UNSUPPORTED_ROWS.format(kind=type(rows).__name__))
    for number, row in enumerate(rows, start=1):
        if isinstance(row, Mapping):
            yield row
        elif isinstance(row, Sequence) and not isinstance(row, str | bytes):
            if len(row) != len(columns):
                raise InvalidTableError(
                    WRONG_ROW_LENGTH.format(row=number, length=len(row), expected=len(columns))
                )
            yield dict(zip(columns, row, strict=True))
        else:
            raise InvalidTableError(UNSUPPORTED_ROWS.format(kind=type(row).__name__))


def whole_number(value: object, *, where: str, column: str) -> int:
    """``value`` as an int, if it is a whole number of zero or more; else a clear error."""
    number: int | None = None
    if type(value) is int:  # the common case, checked first because the others are slow
        number = value
    elif isinstance(value, bool):
        number = None
    elif isinstance(value, Integral):
        number = int(value)
    elif isinstance(value, Real) and float(value).is_integer():
        number = int(float(value))
    elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        number = int(value)
    if number is None:
        raise InvalidCountError(NOT_A_WHOLE_NUMBER.format(where=where, value=value, column=column))
    if number < 0:
        raise InvalidCountError(NEGATIVE_COUNT.format(where=where, value=value, column=column))
    return number


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def read_counts(rows: object, *, dimensions: Sequence[str], count: str) -> dict[Key, int]:
    """Validated counts keyed by their dimension values, in ``dimensions`` order.

    >>> read_counts([("Care home A", 3), ("Care home B", 12)], dimensions=["home"], count="n")
    {('Care home A',): 3, ('Care home B',): 12}
    >>> read_counts([{"home": "A", "n": -1}], dimensions=["home"], count="n")
    Traceback (most recent call last):
    ...
    oneworkforce.engines.disclosure.errors.InvalidCountError: Row 1: the count -1 in 'n' is negative; pass counts of people, which are zero or more

    Complexity: linear in the number of rows.
    """  # noqa: E501
    columns = [*dimensions, count]
    counts: dict[Key, int] = {}
    first_row: dict[Key, int] = {}
    for number, record in enumerate(_records(rows, columns), start=1):
        for column in columns:
            if column not in record:
                raise InvalidTableError(MISSING_COLUMN.format(row=number, column=column))
        key: Key = tuple(record[dimension] for dimension in dimensions)
        for dimension, value in zip(dimensions, key, strict=True):
            if _is_empty(value):
                raise InvalidTableError(EMPTY_DIMENSION_VALUE.format(row=number, column=dimension))
        if key in counts:
            raise DuplicateCellError(
                DUPLICATE_CELL.format(first=first_row[key], second=number, key=key)
            )
        counts[key] = whole_number(record[count], where=f"Row {number}", column=count)
        first_row[key] = number
    return counts
