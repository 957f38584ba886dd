"""Reading .xlsx returns, and refusing the workbooks that attack a reader."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook

from oneworkforce.intelligence.returns.formats import ASCWDS_TRAINING
from oneworkforce.intelligence.returns.reading import (
    CELL_FORMULA,
    WORKBOOK_DECLARATION,
    WORKBOOK_NOT_ZIP,
    WORKBOOK_TOO_BIG,
    WORKBOOK_XML_ENCODING,
    WORKBOOK_ZIP_BOMB,
    NotAWorkbook,
    WorkbookRefused,
    read_upload,
)

from .conftest import example_row

SHEET = "xl/worksheets/sheet1.xml"


def workbook_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(ASCWDS_TRAINING.names))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replace_member(content: bytes, name: str, data: bytes) -> bytes:
    """The workbook with one part swapped for ``data``."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(
                member.filename, data if member.filename == name else source.read(member)
            )
    return buffer.getvalue()


def read(content: bytes, **limits: int):
    return read_upload(
        content=content, filename="training.xlsx", file_format=ASCWDS_TRAINING, **limits
    )


def example_cells(**cells: object) -> list[object]:
    row: dict[str, object] = dict(example_row(ASCWDS_TRAINING))
    row.update(cells)
    return [row[name] for name in ASCWDS_TRAINING.names]


class TestWorkbooks:
    def test_reads_the_first_sheet_with_numbers_and_dates_as_a_return_writes_them(self) -> None:
        content = workbook_bytes(
            [
                example_cells(
                    CATEGORY=6, VALIDITY=12.0, DATECOMPLETED=datetime(2025, 1, 15), NOTES=2.5
                )
            ]
        )

        uploaded = read(content)

        row = uploaded.frame.row(0, named=True)
        assert (row["CATEGORY"], row["VALIDITY"], row["DATECOMPLETED"], row["NOTES"]) == (
            "6",
            "12",
            "15/01/2025",
            "2.5",
        )
        assert uploaded.encoding == "xlsx"

    def test_keeps_line_numbers_across_an_empty_row(self) -> None:
        content = workbook_bytes([example_cells(), [], example_cells(UNIQUEWORKERID="W2")])

        uploaded = read(content)

        assert uploaded.frame.get_column("line").to_list() == [2, 4]

    def test_reports_a_formula_instead_of_trusting_its_cached_value(self) -> None:
        content = workbook_bytes([example_cells(CATEGORY="=3+3")])

        uploaded = read(content)

        (issue,) = uploaded.issues
        assert (issue.line, issue.column, issue.rule) == (2, "CATEGORY", "cell.formula")
        assert issue.message == CELL_FORMULA.format(cell="C2", formula="=3+3")
        assert uploaded.frame.get_column("CATEGORY").to_list() == [""]

    def test_refuses_a_file_that_is_not_a_zip(self) -> None:
        with pytest.raises(NotAWorkbook) as refusal:
            read(b"LOCALESTID,UNIQUEWORKERID")

        assert refusal.value.message == WORKBOOK_NOT_ZIP.format(filename="training.xlsx")


class TestHostileWorkbooks:
    def test_refuses_a_zip_bomb_by_its_compression_ratio(self) -> None:
        bomb = b"<x>" + b"0" * (30 * 2**20) + b"</x>"
        content = replace_member(workbook_bytes([example_cells()]), SHEET, bomb)

        with pytest.raises(WorkbookRefused) as refusal:
            read(content)

        member = zipfile.ZipFile(io.BytesIO(content)).getinfo(SHEET)
        ratio = member.file_size / member.compress_size
        assert ratio > 500
        assert refusal.value.message == WORKBOOK_ZIP_BOMB.format(member=SHEET, ratio=ratio)

    def test_refuses_a_workbook_that_unpacks_beyond_the_limit(self) -> None:
        content = workbook_bytes([example_cells() for _ in range(50)])

        with pytest.raises(WorkbookRefused) as refusal:
            read(content, max_uncompressed_bytes=4096)

        assert refusal.value.message == WORKBOOK_TOO_BIG.format(limit_mb=4096 / 2**20)

    @pytest.mark.parametrize(
        "declaration",
        [
            b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>',
            b'<!DOCTYPE x SYSTEM "file:///etc/passwd">',
            b"<!entity  xxe SYSTEM 'http://example.org/'>",
        ],
        ids=["billion laughs", "external DTD", "external entity"],
    )
    def test_refuses_an_xml_part_declaring_a_doctype_or_entity(self, declaration: bytes) -> None:
        content = workbook_bytes([example_cells()])
        sheet = zipfile.ZipFile(io.BytesIO(content)).read(SHEET)
        prolog, _, body = sheet.partition(b"?>")
        poisoned = replace_member(content, SHEET, prolog + b"?>" + declaration + body)

        with pytest.raises(WorkbookRefused) as refusal:
            read(poisoned)

        assert refusal.value.message == WORKBOOK_DECLARATION.format(member=SHEET)

    def test_reads_xml_parts_that_declare_utf8_as_excel_writes_them(self) -> None:
        content = workbook_bytes([example_cells()])
        sheet = zipfile.ZipFile(io.BytesIO(content)).read(SHEET)
        declared = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            + sheet.split(b"?>", 1)[-1]
        )

        uploaded = read(replace_member(content, SHEET, declared))

        assert uploaded.rows == 1

    def test_refuses_an_xml_part_declaring_another_encoding(self) -> None:
        content = workbook_bytes([example_cells()])
        sheet = zipfile.ZipFile(io.BytesIO(content)).read(SHEET)
        latin = b'<?xml version="1.0" encoding="ISO-8859-1"?>' + sheet.split(b"?>", 1)[-1]

        with pytest.raises(WorkbookRefused) as refusal:
            read(replace_member(content, SHEET, latin))

        assert refusal.value.message == WORKBOOK_XML_ENCODING.format(member=SHEET)

    def test_refuses_an_xml_part_in_utf16_which_could_hide_a_declaration(self) -> None:
        content = workbook_bytes([example_cells()])
        sheet = zipfile.ZipFile(io.BytesIO(content)).read(SHEET).decode("utf-8")
        utf16 = sheet.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")

        with pytest.raises(WorkbookRefused) as refusal:
            read(replace_member(content, SHEET, utf16))

        assert refusal.value.message == WORKBOOK_XML_ENCODING.format(member=SHEET)
