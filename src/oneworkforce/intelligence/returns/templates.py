"""A template file per format: the header row and one example row, as CSV bytes.

The example row is the formats' ``example`` values; it passes validation with no errors and no
warnings on any reference date from 2026 on (a test holds it to that), so a person can start from
it. Templates are UTF-8 without a byte-order mark, like the exports.
"""

from __future__ import annotations

import polars as pl

from oneworkforce.intelligence.returns.export import neutralise
from oneworkforce.intelligence.returns.formats import FileFormat

__all__ = ["template_csv", "template_filename"]


def template_filename(file_format: FileFormat) -> str:
    """
    >>> from oneworkforce.intelligence.returns.formats import ASCWDS_STAFF
    >>> template_filename(ASCWDS_STAFF)
    'ascwds-staff-template.csv'
    """
    return f"{file_format.key}-template.csv"


def template_csv(file_format: FileFormat) -> bytes:
    """The header and one example row of a format.

    >>> from oneworkforce.intelligence.returns.formats import ASCWDS_TRAINING
    >>> print(template_csv(ASCWDS_TRAINING).decode())  # doctest: +NORMALIZE_WHITESPACE
    LOCALESTID,UNIQUEWORKERID,CATEGORY,TRAININGNAME,ACCREDITED,WHODELIVERED,PROVIDERNAME,HOWDELIVERED,VALIDITY,DATECOMPLETED,EXPIRYDATE,NOTES
    HOME01,W0001,6,Fire safety awareness,1,2,Dudley Training Ltd,1,12,15/01/2025,15/01/2026,
    """
    row = pl.DataFrame(
        {column.name: [column.example] for column in file_format.columns},
        schema={column.name: pl.String for column in file_format.columns},
    )
    cells = row.select(
        neutralise(pl.col(name).replace("", None)).alias(name) for name in file_format.names
    )
    return cells.write_csv(quote_style="necessary", line_terminator="\r\n").encode("utf-8")
