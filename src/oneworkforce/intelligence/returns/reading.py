"""Read an uploaded return (CSV or .xlsx) into a table of text cells, treating the file as hostile.

Every refusal is an exception carrying a message that tells the person what to do; the message
templates sit beside the exceptions so that views and tests share them.

Decisions (docs/decisions/0051-reading-hostile-return-files.md):

- Size: files over ``max_bytes`` (50 MB unless told otherwise) are refused before anything else.
- CSV encodings: UTF-8 with or without a byte-order mark, read strictly; failing that,
  Windows-1252 (what Excel's plain "CSV" writes on Windows). UTF-16 and binary files are refused.
  Line endings may be CRLF, LF or CR.
- Cells are trimmed of surrounding spaces. A cell that starts with an apostrophe followed by
  ``= + - @``, a tab or a carriage return loses the apostrophe: that is how our own exports
  neutralise formulas, so an export
  read back gives the stored value again (the value is neutralised again on every export).
- The header must be the format's columns, exactly and in order; a wrong header is refused with
  the missing, unexpected and misplaced columns named. Empty trailing header cells are ignored.
- Rows: wholly empty rows are skipped; a row with more cells than the header is reported (an
  unquoted comma); a row with fewer is read with its missing cells blank, as spreadsheets
  drop trailing empty cells.
- .xlsx: before openpyxl opens it, the zip is inspected: too many members, a total uncompressed
  size over ``max_uncompressed_bytes``, or any member compressed more than ``max_ratio`` times
  (a zip bomb) is refused; every XML part is decompressed with a byte budget and refused if it
  declares a DOCTYPE or ENTITY, or is not UTF-8 (a UTF-16 part could hide one). openpyxl then
  reads the first sheet in read-only mode (and parses through defusedxml as well).
- Formulas: a cell holding a formula is reported on its row ("replace formulas by values"),
  never evaluated and never trusted for its cached value, which any tool can forge.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath

import polars as pl

from oneworkforce.intelligence.returns.formats import FileFormat
from oneworkforce.intelligence.returns.report import Issue, Severity, truncate_value

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "FileTooLarge",
    "HeaderMismatch",
    "NotAWorkbook",
    "UnreadableFile",
    "UploadRefused",
    "UploadedFile",
    "WorkbookRefused",
    "read_upload",
]

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_RATIO = 100
MAX_MEMBERS = 2_000
CHUNK = 1 << 20

FILE_TOO_LARGE = (
    "This file is {size_mb:.0f} MB; the limit is {limit_mb:.0f} MB. Split it or ask your"
    " administrator."
)
FILE_EMPTY = "This file is empty. Upload the {title} with its header row and your rows."
FILE_TYPE_UNKNOWN = "{filename} is not a CSV or .xlsx file. Save your return as CSV or .xlsx."
FILE_TYPE_OLD_EXCEL = (
    "{filename} is an older Excel or other spreadsheet format. Save it as .xlsx or CSV and"
    " upload it again."
)
FILE_IS_WORKBOOK = (
    "{filename} is an Excel workbook with a .csv name. Rename it to .xlsx, or save it as CSV."
)
FILE_NOT_TEXT = (
    "This file holds binary data, not text. Save your return as CSV (UTF-8) and upload it again."
)
FILE_UTF16 = "This file is saved as UTF-16 (Unicode text). Save it as CSV UTF-8 and upload again."
FILE_ENCODING_UNKNOWN = (
    "This file is neither UTF-8 nor Windows-1252 text. Save it as CSV UTF-8 and upload again."
)
FILE_NOT_CSV = (
    "This file could not be read as CSV ({problem}). Check for a stray double quote, save it"
    " again as CSV and upload it."
)
TOO_MANY_ROWS = "This file has more than {limit:,} rows. Split it into smaller files."
HEADER_MISMATCH = (
    "The header row does not match the {title}. {details} Download the template to see the"
    " columns in order."
)
HEADER_MISSING = "Missing: {names}."
HEADER_UNEXPECTED = "Not part of the format: {names}."
HEADER_MISPLACED = "In the wrong place: {names}."
HEADER_REPEATED = "Given twice: {names}."
WORKBOOK_NOT_ZIP = "{filename} is not a valid .xlsx workbook. Save it again from Excel as .xlsx."
WORKBOOK_TOO_MANY_PARTS = "This workbook has too many parts to be a return. Save it as CSV."
WORKBOOK_TOO_BIG = (
    "This workbook unpacks to more than {limit_mb:.0f} MB. Split it, or save it as CSV."
)
WORKBOOK_ZIP_BOMB = (
    "A part of this workbook ({member}) is compressed {ratio:.0f} times, far more than a real"
    " return; it was refused as unsafe. Save the sheet as CSV and upload that."
)
WORKBOOK_DECLARATION = (
    "A part of this workbook ({member}) declares a DOCTYPE or ENTITY, which returns never"
    " need; it was refused as unsafe. Save the sheet as CSV and upload that."
)
WORKBOOK_XML_ENCODING = (
    "A part of this workbook ({member}) is not UTF-8 XML; it was refused as unsafe. Save the"
    " sheet as CSV and upload that."
)
WORKBOOK_NO_SHEET = "This workbook has no worksheet. Put your return on the first sheet."
ROW_EXTRA_CELLS = (
    "This row has more cells than the header's {count} columns, often because a value holds an"
    " unquoted comma. Put that value in double quotes or remove the comma."
)
CELL_FORMULA = (
    "Cell {cell} holds a formula ({formula}). Replace formulas by their values (Copy, then"
    " Paste Special, Values) and upload again."
)

_EXCEL_SUFFIXES = {".xls", ".xlsm", ".xlsb", ".ods", ".numbers"}
_ZIP_MAGIC = b"PK\x03\x04"
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
# The apostrophe our exports put before a value a spreadsheet would run as a formula.
_NEUTRALISED = r"^'[=+\-@\t\r]"


class UploadRefused(Exception):
    """The file cannot be read as a return; ``message`` tells the person what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FileTooLarge(UploadRefused):
    pass


class UnreadableFile(UploadRefused):
    pass


class HeaderMismatch(UploadRefused):
    def __init__(
        self,
        message: str,
        *,
        missing: tuple[str, ...],
        unexpected: tuple[str, ...],
        misplaced: tuple[str, ...],
        repeated: tuple[str, ...],
    ) -> None:
        super().__init__(message)
        self.missing = missing
        self.unexpected = unexpected
        self.misplaced = misplaced
        self.repeated = repeated


class NotAWorkbook(UploadRefused):
    pass


class WorkbookRefused(UploadRefused):
    """A workbook that could attack the reader: a zip bomb, an XML declaration, an odd encoding."""


@dataclass(frozen=True)
class UploadedFile:
    """A file read into text cells: ``frame`` has ``line`` then every column of the format
    (optional columns the file left out are blank), all strings."""

    file_format: FileFormat
    frame: pl.DataFrame
    issues: tuple[Issue, ...]
    header: tuple[str, ...]
    encoding: str

    @property
    def rows(self) -> int:
        return self.frame.height


def read_upload(
    *,
    content: bytes,
    filename: str,
    file_format: FileFormat,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_uncompressed_bytes: int | None = None,
    max_ratio: float = MAX_RATIO,
) -> UploadedFile:
    """Read an uploaded CSV or .xlsx return, or raise ``UploadRefused`` saying why.

    >>> from oneworkforce.intelligence.returns.formats import ASCWDS_TRAINING
    >>> header = ",".join(ASCWDS_TRAINING.names)
    >>> row = "HOME01,W0001,6,Fire safety,1,2,Acme,1,12,15/01/2025,15/01/2026,"
    >>> uploaded = read_upload(
    ...     content=f"{header}\\r\\n{row}\\r\\n".encode(), filename="training.csv",
    ...     file_format=ASCWDS_TRAINING)
    >>> uploaded.frame.select("line", "CATEGORY", "NOTES").row(0)
    (2, '6', '')

    Time and memory are linear in the file's size; a CSV is parsed by polars in native code.
    """
    if len(content) > max_bytes:
        raise FileTooLarge(
            FILE_TOO_LARGE.format(size_mb=len(content) / 2**20, limit_mb=max_bytes / 2**20)
        )
    if not content.strip():
        raise UnreadableFile(FILE_EMPTY.format(title=file_format.title))
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        limit = max_uncompressed_bytes if max_uncompressed_bytes is not None else 10 * max_bytes
        return _read_workbook(
            content,
            filename=filename,
            file_format=file_format,
            max_rows=max_rows,
            max_uncompressed_bytes=limit,
            max_ratio=max_ratio,
        )
    if suffix in _EXCEL_SUFFIXES:
        raise UnreadableFile(FILE_TYPE_OLD_EXCEL.format(filename=filename))
    if suffix not in {".csv", ".txt"}:
        raise UnreadableFile(FILE_TYPE_UNKNOWN.format(filename=filename))
    if content.startswith(_ZIP_MAGIC):
        raise UnreadableFile(FILE_IS_WORKBOOK.format(filename=filename))
    return _read_csv(content, file_format=file_format, max_rows=max_rows)


# CSV


def _decode(content: bytes) -> tuple[str, str]:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(FILE_UTF16)
    if content.startswith(codecs.BOM_UTF8):
        try:
            return content[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as problem:
            raise UnreadableFile(FILE_ENCODING_UNKNOWN) from problem
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as problem:
        raise UnreadableFile(FILE_ENCODING_UNKNOWN) from problem


def _read_csv(content: bytes, *, file_format: FileFormat, max_rows: int) -> UploadedFile:
    text, encoding = _decode(content)
    if "\x00" in text:
        raise UnreadableFile(FILE_NOT_TEXT)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        raw_header = next(csv.reader(io.StringIO(text)), [])
    except csv.Error as problem:
        raise UnreadableFile(FILE_NOT_CSV.format(problem=problem)) from problem
    header = _check_header(raw_header, file_format)
    width = len(raw_header) + 1  # one more than the header, to catch rows with extra cells
    try:
        cells = pl.read_csv(
            text.encode("utf-8"),
            has_header=False,
            schema={f"c{index}": pl.String for index in range(width)},
            empty_string_is_null=False,
            truncate_ragged_lines=True,
            missing_columns="insert",
            n_rows=max_rows + 2,
            raise_if_empty=False,
            quote_char='"',
        )
    except (pl.exceptions.ComputeError, pl.exceptions.PolarsError) as problem:
        raise UnreadableFile(FILE_NOT_CSV.format(problem=str(problem).splitlines()[0])) from None
    if cells.height - 1 > max_rows:
        raise UnreadableFile(TOO_MANY_ROWS.format(limit=max_rows))
    names = {f"c{index}": name for index, name in enumerate(header)}
    extra = [f"c{index}" for index in range(len(header), width)]
    return _finish(
        cells.with_row_index("line", offset=1).slice(1),
        names=names,
        extra=extra,
        file_format=file_format,
        header=header,
        encoding=encoding,
        issues=[],
    )


def _check_header(raw: list[str], file_format: FileFormat) -> tuple[str, ...]:
    names = [name.strip().lstrip("\ufeff").strip() for name in raw]
    while names and not names[-1]:
        names.pop()
    header = tuple(names)
    if header in file_format.accepted_headers():
        return header
    known = {column.name for column in file_format.all_columns}
    expected = max(
        file_format.accepted_headers(), key=lambda option: len(set(option) & set(header))
    )
    missing = tuple(name for name in expected if name not in header)
    unexpected = tuple(dict.fromkeys(name or "(blank)" for name in header if name not in known))
    repeated = tuple(dict.fromkeys(name for name in header if name and header.count(name) > 1))
    present = list(dict.fromkeys(name for name in header if name in expected))
    wanted = [name for name in expected if name in present]
    misplaced = tuple(
        dict.fromkeys(
            name
            for name, want in zip(present, wanted, strict=True)
            if name != want and name not in repeated
        )
    )
    details = " ".join(
        template.format(names=", ".join(names))
        for template, names in (
            (HEADER_MISSING, missing),
            (HEADER_UNEXPECTED, unexpected),
            (HEADER_MISPLACED, misplaced),
            (HEADER_REPEATED, repeated),
        )
        if names
    )
    raise HeaderMismatch(
        HEADER_MISMATCH.format(title=file_format.title, details=details),
        missing=missing,
        unexpected=unexpected,
        misplaced=misplaced,
        repeated=repeated,
    )


def _finish(
    cells: pl.DataFrame,
    *,
    names: dict[str, str],
    extra: list[str],
    file_format: FileFormat,
    header: tuple[str, ...],
    encoding: str,
    issues: list[Issue],
) -> UploadedFile:
    """Trim cells, drop empty rows, report extra cells, add left-out optional columns."""
    text_columns = [*names, *extra]
    cells = cells.with_columns(
        pl.col(text_columns).fill_null("").str.strip_chars().cast(pl.String)
    ).filter(pl.any_horizontal(pl.col(text_columns) != ""))
    if extra:
        overflowing = cells.filter(pl.any_horizontal(pl.col(extra) != ""))
        issues.extend(
            Issue(
                line=line,
                column="(row)",
                value=truncate_value(value),
                message=ROW_EXTRA_CELLS.format(count=len(names)),
                rule="row.extra_cells",
                severity=Severity.ERROR,
            )
            for line, value in overflowing.select(
                "line", pl.coalesce([pl.when(pl.col(c) != "").then(pl.col(c)) for c in extra])
            ).iter_rows()
        )
    frame = cells.select(
        pl.col("line").cast(pl.Int64),
        *(
            pl.when(pl.col(source).str.contains(_NEUTRALISED))
            .then(pl.col(source).str.slice(1))
            .otherwise(pl.col(source))
            .alias(name)
            for source, name in names.items()
        ),
    )
    absent = [column.name for column in file_format.all_columns if column.name not in header]
    frame = frame.with_columns(pl.lit("", dtype=pl.String).alias(name) for name in absent)
    frame = frame.select("line", *(column.name for column in file_format.all_columns))
    issues.sort(key=lambda issue: issue.line)
    return UploadedFile(
        file_format=file_format,
        frame=frame,
        issues=tuple(issues),
        header=header,
        encoding=encoding,
    )


# Workbooks


def _inspect_workbook(
    content: bytes, *, filename: str, max_uncompressed_bytes: int, max_ratio: float
) -> None:
    """Refuse zip bombs, XML declarations and non-UTF-8 parts before any XML parser runs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError) as problem:
        raise NotAWorkbook(WORKBOOK_NOT_ZIP.format(filename=filename)) from problem
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise WorkbookRefused(WORKBOOK_TOO_MANY_PARTS)
        if sum(member.file_size for member in members) > max_uncompressed_bytes:
            raise WorkbookRefused(WORKBOOK_TOO_BIG.format(limit_mb=max_uncompressed_bytes / 2**20))
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > CHUNK and ratio > max_ratio:
                raise WorkbookRefused(WORKBOOK_ZIP_BOMB.format(member=member.filename, ratio=ratio))
        budget = max_uncompressed_bytes
        for member in members:
            if member.filename.lower().endswith((".xml", ".rels", ".vml")):
                budget -= _scan_xml_part(archive, member, budget)


def _scan_xml_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int) -> int:
    """Decompress one part in chunks, counting real bytes (a header can lie about its size)."""
    seen = 0
    tail = b""
    try:
        with archive.open(member) as stream:
            first = True
            while chunk := stream.read(CHUNK):
                seen += len(chunk)
                if seen > budget:
                    raise WorkbookRefused(WORKBOOK_TOO_BIG.format(limit_mb=budget / 2**20))
                if first:
                    _check_xml_encoding(chunk, member.filename)
                    first = False
                window = tail + chunk
                if _DECLARATION.search(window):
                    raise WorkbookRefused(WORKBOOK_DECLARATION.format(member=member.filename))
                tail = window[-32:]
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
        raise NotAWorkbook(WORKBOOK_NOT_ZIP.format(filename=member.filename)) from error
    return seen


def _check_xml_encoding(start: bytes, member: str) -> None:
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in start[:4]:
        raise WorkbookRefused(WORKBOOK_XML_ENCODING.format(member=member))
    declared = _XML_ENCODING.match(start.removeprefix(codecs.BOM_UTF8))
    if declared and declared.group(1).lower().replace(b"_", b"-") not in {b"utf-8", b"utf8"}:
        raise WorkbookRefused(WORKBOOK_XML_ENCODING.format(member=member))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def _read_workbook(
    content: bytes,
    *,
    filename: str,
    file_format: FileFormat,
    max_rows: int,
    max_uncompressed_bytes: int,
    max_ratio: float,
) -> UploadedFile:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    _inspect_workbook(
        content,
        filename=filename,
        max_uncompressed_bytes=max_uncompressed_bytes,
        max_ratio=max_ratio,
    )
    try:
        workbook = load_workbook(
            io.BytesIO(content), read_only=True, data_only=False, keep_links=False
        )
    except Exception as problem:  # openpyxl raises many kinds for a damaged file
        raise NotAWorkbook(WORKBOOK_NOT_ZIP.format(filename=filename)) from problem
    try:
        if not workbook.worksheets:
            raise UnreadableFile(WORKBOOK_NO_SHEET)
        rows = workbook.worksheets[0].iter_rows()
        first = next(rows, ())
        raw_header = [_cell_text(cell.value) for cell in first]
        header = _check_header(raw_header, file_format)
        width = len(raw_header) + 1
        columns: list[list[str]] = [[] for _ in range(width)]
        lines: list[int] = []
        issues: list[Issue] = []
        for line, row in enumerate(rows, start=2):
            if line - 1 > max_rows:
                raise UnreadableFile(TOO_MANY_ROWS.format(limit=max_rows))
            values = [""] * width
            for position, cell in enumerate(row):
                if cell.value is None:
                    continue
                text = _cell_text(cell.value)
                if getattr(cell, "data_type", None) == "f":
                    name = header[position] if position < len(header) else "(row)"
                    issues.append(
                        Issue(
                            line=line,
                            column=name,
                            value=truncate_value(text),
                            message=CELL_FORMULA.format(
                                cell=f"{get_column_letter(position + 1)}{line}",
                                formula=truncate_value(text),
                            ),
                            rule="cell.formula",
                        )
                    )
                    text = ""
                values[min(position, width - 1)] = text or values[min(position, width - 1)]
            lines.append(line)
            for position in range(width):
                columns[position].append(values[position])
    finally:
        workbook.close()
    cells = pl.DataFrame(
        {"line": lines, **{f"c{index}": column for index, column in enumerate(columns)}},
        schema={"line": pl.Int64, **{f"c{index}": pl.String for index in range(width)}},
    )
    names = {f"c{index}": name for index, name in enumerate(header)}
    extra = [f"c{index}" for index in range(len(header), width)]
    return _finish(
        cells,
        names=names,
        extra=extra,
        file_format=file_format,
        header=header,
        encoding="xlsx",
        issues=issues,
    )
