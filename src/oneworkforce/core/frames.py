"""Reading many rows through the database driver into a Polars frame.

The ORM converts each value of each row as it reads it (a date parsed, a time made aware, a
flag made a bool): at 100,000 rows and more that costs seconds. Reading the query's rows as
the driver gives them and converting column by column in Polars costs a small fraction.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

__all__ = ["fetch_frame"]


def fetch_frame(
    rows: QuerySet[Any, Any],
    columns: tuple[str, ...],
    *,
    dates: tuple[str, ...] = (),
    local_dates: tuple[str, ...] = (),
) -> pl.DataFrame:
    """The rows of ``rows.values_list(*columns)`` as a frame, one column per name.

    ``dates`` name date columns (SQLite gives them as ISO text, PostgreSQL as dates).
    ``local_dates`` name date-time columns to read as the day they fall on in the site's
    time zone (``TIME_ZONE``): Django stores them in UTC, and the drivers give them as naive
    date-times (SQLite) or aware ones (PostgreSQL). Flags come as 0/1 or as booleans.
    """
    try:
        sql, params = rows.values_list(*columns).query.sql_with_params()
    except EmptyResultSet:  # the ORM's way to say "nothing can match", as for ``__in=()``
        fetched = []
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
    # Column by column: polars builds a typed column from a list faster than a frame from rows.
    values = list(zip(*fetched, strict=True)) if fetched else [() for _ in columns]
    frame = pl.DataFrame(
        [
            pl.Series(name, column, strict=False)
            for name, column in zip(columns, values, strict=True)
        ]
    )
    return frame.with_columns(
        *(
            pl.col(name).str.to_date("%Y-%m-%d")
            if frame.schema[name] == pl.String
            else pl.col(name).cast(pl.Date)
            for name in dates
        ),
        *(_local_date(name, frame.schema[name]) for name in local_dates),
    )


def _local_date(name: str, dtype: pl.DataType) -> pl.Expr:
    column = pl.col(name)
    if dtype == pl.String:
        # "2026-03-01 10:00:00" or with microseconds after: the seconds are enough for a day.
        utc = column.str.slice(0, 19).str.to_datetime("%Y-%m-%d %H:%M:%S", time_zone="UTC")
    elif dtype == pl.Null:
        utc = column.cast(pl.Datetime("us", "UTC"))
    elif isinstance(dtype, pl.Datetime) and dtype.time_zone is None:
        # SQLite's converter gives naive date-times, which Django stored in UTC.
        utc = column.dt.replace_time_zone("UTC")
    else:
        utc = column.dt.convert_time_zone("UTC")
    return utc.dt.convert_time_zone(settings.TIME_ZONE).dt.date().alias(name)
