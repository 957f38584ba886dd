"""Reading CSV returns: limits, encodings, line endings, the header, and odd rows."""

from __future__ import annotations

import codecs

import pytest

from oneworkforce.intelligence.returns.formats import ASCWDS_STAFF, ASCWDS_TRAINING
from oneworkforce.intelligence.returns.reading import (
    FILE_EMPTY,
    FILE_ENCODING_UNKNOWN,
    FILE_IS_WORKBOOK,
    FILE_NOT_TEXT,
    FILE_TOO_LARGE,
    FILE_TYPE_OLD_EXCEL,
    FILE_TYPE_UNKNOWN,
    FILE_UTF16,
    HEADER_MISMATCH,
    HEADER_MISPLACED,
    HEADER_MISSING,
    HEADER_REPEATED,
    HEADER_UNEXPECTED,
    ROW_EXTRA_CELLS,
    TOO_MANY_ROWS,
    FileTooLarge,
    HeaderMismatch,
    UnreadableFile,
    read_upload,
)

from .conftest import csv_bytes, example_row

TRAINING_HEADER = ",".join(ASCWDS_TRAINING.names)


def read_training(content: bytes, filename: str = "training.csv", **limits: int):
    return read_upload(content=content, filename=filename, file_format=ASCWDS_TRAINING, **limits)


class TestLimits:
    def test_refuses_a_file_over_the_size_limit_saying_how_big_it_is(self) -> None:
        content = b"x" * (3 * 2**20)

        with pytest.raises(FileTooLarge) as refusal:
            read_training(content, max_bytes=2 * 2**20)

        assert refusal.value.message == FILE_TOO_LARGE.format(size_mb=3, limit_mb=2)
        assert refusal.value.message.startswith("This file is 3 MB; the limit is 2 MB.")

    def test_refuses_more_rows_than_the_limit(self) -> None:
        rows = [example_row(ASCWDS_TRAINING, UNIQUEWORKERID=f"W{n}") for n in range(4)]

        with pytest.raises(UnreadableFile) as refusal:
            read_training(csv_bytes(ASCWDS_TRAINING, rows), max_rows=3)

        assert refusal.value.message == TOO_MANY_ROWS.format(limit=3)

    def test_refuses_an_empty_file(self) -> None:
        with pytest.raises(UnreadableFile) as refusal:
            read_training(b"  \r\n")

        assert refusal.value.message == FILE_EMPTY.format(title=ASCWDS_TRAINING.title)


class TestFileTypes:
    def test_refuses_an_unknown_extension(self) -> None:
        with pytest.raises(UnreadableFile) as refusal:
            read_training(b"a,b", filename="return.pdf")

        assert refusal.value.message == FILE_TYPE_UNKNOWN.format(filename="return.pdf")

    def test_asks_for_xlsx_instead_of_an_old_excel_file(self) -> None:
        with pytest.raises(UnreadableFile) as refusal:
            read_training(b"\xd0\xcf\x11\xe0", filename="return.xls")

        assert refusal.value.message == FILE_TYPE_OLD_EXCEL.format(filename="return.xls")

    def test_spots_a_workbook_saved_with_a_csv_name(self) -> None:
        with pytest.raises(UnreadableFile) as refusal:
            read_training(b"PK\x03\x04rest of a zip", filename="return.csv")

        assert refusal.value.message == FILE_IS_WORKBOOK.format(filename="return.csv")

    def test_refuses_binary_data(self) -> None:
        with pytest.raises(UnreadableFile) as refusal:
            read_training(TRAINING_HEADER.encode() + b"\r\nHOME01\x00,W1")

        assert refusal.value.message == FILE_NOT_TEXT


class TestEncodings:
    def test_reads_utf8_with_a_byte_order_mark(self) -> None:
        content = codecs.BOM_UTF8 + csv_bytes(
            ASCWDS_TRAINING, [example_row(ASCWDS_TRAINING, TRAININGNAME="Sécurité incendie")]
        )

        uploaded = read_training(content)

        assert uploaded.encoding == "utf-8-sig"
        assert uploaded.frame.get_column("TRAININGNAME").to_list() == ["Sécurité incendie"]

    def test_reads_utf8_without_a_byte_order_mark(self) -> None:
        content = csv_bytes(ASCWDS_TRAINING, [example_row(ASCWDS_TRAINING, NOTES="café")])

        uploaded = read_training(content)

        assert uploaded.encoding == "utf-8"
        assert uploaded.frame.get_column("NOTES").to_list() == ["café"]

    # The right quotation mark is 0x92 in Windows-1252 and absent from Latin-1, which is the point.
    def test_reads_windows_1252_with_an_accented_letter(self) -> None:
        content = csv_bytes(
            ASCWDS_TRAINING,
            [example_row(ASCWDS_TRAINING, NOTES="Renée’s café, 12 £")],  # noqa: RUF001
            encoding="cp1252",
        )

        uploaded = read_training(content)

        assert uploaded.encoding == "windows-1252"
        assert uploaded.frame.get_column("NOTES").to_list() == ["Renée’s café, 12 £"]  # noqa: RUF001

    def test_refuses_utf16_asking_for_csv_utf8(self) -> None:
        content = TRAINING_HEADER.encode("utf-16")

        with pytest.raises(UnreadableFile) as refusal:
            read_training(content)

        assert refusal.value.message == FILE_UTF16

    def test_refuses_bytes_that_are_neither_utf8_nor_windows_1252(self) -> None:
        content = TRAINING_HEADER.encode() + b"\r\nHOME01,W1,6,Fire \x81 safety,,,,,,,,\r\n"

        with pytest.raises(UnreadableFile) as refusal:
            read_training(content)

        assert refusal.value.message == FILE_ENCODING_UNKNOWN


class TestLineEndings:
    @pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"], ids=["CRLF", "LF", "CR"])
    def test_reads_every_line_ending(self, newline: str) -> None:
        rows = [example_row(ASCWDS_TRAINING, UNIQUEWORKERID=f"W{n}") for n in range(3)]

        uploaded = read_training(csv_bytes(ASCWDS_TRAINING, rows, newline=newline))

        assert uploaded.frame.get_column("UNIQUEWORKERID").to_list() == ["W0", "W1", "W2"]
        assert uploaded.frame.get_column("line").to_list() == [2, 3, 4]


class TestHeader:
    def test_names_the_missing_unexpected_and_misplaced_columns(self) -> None:
        names = list(ASCWDS_TRAINING.names)
        names.remove("NOTES")
        names[2], names[3] = names[3], names[2]
        names.append("COST")

        with pytest.raises(HeaderMismatch) as refusal:
            read_training(",".join(names).encode())

        assert refusal.value.missing == ("NOTES",)
        assert refusal.value.unexpected == ("COST",)
        assert refusal.value.misplaced == ("TRAININGNAME", "CATEGORY")
        details = " ".join(
            (
                HEADER_MISSING.format(names="NOTES"),
                HEADER_UNEXPECTED.format(names="COST"),
                HEADER_MISPLACED.format(names="TRAININGNAME, CATEGORY"),
            )
        )
        assert refusal.value.message == HEADER_MISMATCH.format(
            title=ASCWDS_TRAINING.title, details=details
        )

    def test_names_a_column_given_twice(self) -> None:
        names = [*ASCWDS_TRAINING.names, "NOTES"]

        with pytest.raises(HeaderMismatch) as refusal:
            read_training(",".join(names).encode())

        assert refusal.value.repeated == ("NOTES",)
        assert HEADER_REPEATED.format(names="NOTES") in refusal.value.message

    def test_is_case_sensitive_as_asc_wds_is(self) -> None:
        with pytest.raises(HeaderMismatch):
            read_training(TRAINING_HEADER.lower().encode())

    def test_ignores_spaces_around_names_and_empty_trailing_header_cells(self) -> None:
        header = ", ".join(ASCWDS_TRAINING.names) + ",,,"

        uploaded = read_training(f"{header}\r\n".encode())

        assert uploaded.header == ASCWDS_TRAINING.names
        assert uploaded.rows == 0

    def test_accepts_the_staff_files_optional_columns_and_fills_them_when_absent(self) -> None:
        plain = read_upload(
            content=csv_bytes(ASCWDS_STAFF, [example_row(ASCWDS_STAFF)]),
            filename="staff.csv",
            file_format=ASCWDS_STAFF,
        )
        header = list(ASCWDS_STAFF.names)
        header[2:2] = ["CHGUNIQUEWRKID"]
        renamed = read_upload(
            content=csv_bytes(
                ASCWDS_STAFF, [example_row(ASCWDS_STAFF) | {"CHGUNIQUEWRKID": "W9"}], header=header
            ),
            filename="staff.csv",
            file_format=ASCWDS_STAFF,
        )

        assert plain.frame.get_column("CHGUNIQUEWRKID").to_list() == [""]
        assert renamed.frame.get_column("CHGUNIQUEWRKID").to_list() == ["W9"]
        assert renamed.frame.columns == plain.frame.columns

    def test_refuses_the_transfer_column_without_the_rename_column_before_it(self) -> None:
        header = list(ASCWDS_STAFF.names)
        header[2:2] = ["TRANSFERSTAFFRECORD"]

        with pytest.raises(HeaderMismatch):
            read_upload(
                content=",".join(header).encode(), filename="staff.csv", file_format=ASCWDS_STAFF
            )


class TestRows:
    def test_counts_lines_as_a_spreadsheet_does_even_with_a_line_break_in_a_cell(self) -> None:
        rows = [
            example_row(ASCWDS_TRAINING, NOTES="first line\nsecond line"),
            example_row(ASCWDS_TRAINING, UNIQUEWORKERID="W2"),
        ]

        uploaded = read_training(csv_bytes(ASCWDS_TRAINING, rows))

        assert uploaded.frame.get_column("line").to_list() == [2, 3]
        assert uploaded.frame.get_column("NOTES").to_list() == ["first line\nsecond line", ""]

    def test_skips_empty_rows_but_keeps_the_line_numbers_of_the_others(self) -> None:
        row = ",".join(example_row(ASCWDS_TRAINING).values())
        content = f"{TRAINING_HEADER}\r\n\r\n{',' * 11}\r\n{row}\r\n".encode()

        uploaded = read_training(content)

        assert uploaded.frame.get_column("line").to_list() == [4]

    def test_reports_a_row_with_more_cells_than_the_header(self) -> None:
        row = ",".join(example_row(ASCWDS_TRAINING).values())
        content = f"{TRAINING_HEADER}\r\n{row}\r\n{row},unquoted comma\r\n".encode()

        uploaded = read_training(content)

        (issue,) = uploaded.issues
        assert (issue.line, issue.column, issue.value) == (3, "(row)", "unquoted comma")
        assert issue.message == ROW_EXTRA_CELLS.format(count=12)

    def test_reads_a_short_row_with_its_missing_cells_blank(self) -> None:
        content = f"{TRAINING_HEADER}\r\nHOME01,W1,6\r\n".encode()

        uploaded = read_training(content)

        assert uploaded.frame.row(0, named=True)["TRAININGNAME"] == ""
        assert uploaded.issues == ()

    def test_trims_the_spaces_around_every_cell(self) -> None:
        content = csv_bytes(ASCWDS_TRAINING, [example_row(ASCWDS_TRAINING, CATEGORY="  6 ")])

        uploaded = read_training(content)

        assert uploaded.frame.get_column("CATEGORY").to_list() == ["6"]

    def test_takes_off_the_apostrophe_an_export_puts_before_a_formula(self) -> None:
        content = csv_bytes(
            ASCWDS_TRAINING,
            [example_row(ASCWDS_TRAINING, NOTES="'=SUM(A1:A9)", TRAININGNAME="'Tis the season")],
        )

        uploaded = read_training(content)

        assert uploaded.frame.get_column("NOTES").to_list() == ["=SUM(A1:A9)"]
        assert uploaded.frame.get_column("TRAININGNAME").to_list() == ["'Tis the season"]
