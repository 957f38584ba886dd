"""Hostile and malformed files through the whole path (page, background check, report): each
is refused with the reading module's own message, and nothing is loaded."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
import pytest

from oneworkforce.intelligence.models import (
    Person,
    Post,
    ReturnIssue,
    ReturnStatus,
    WorkforceReturn,
)
from oneworkforce.intelligence.returns import reading
from oneworkforce.intelligence.returns.formats import ASCWDS_STAFF
from oneworkforce.intelligence.tests.factories import STAFF_VALID, file_of, lines_of, sample
from oneworkforce.partners.tests.conftest import shows

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
SMALL_LIMIT = 1000  # bytes; the valid Staff sample is about twice that


def workbook_of(content: bytes) -> bytes:
    """The CSV's rows as a real .xlsx workbook, every cell as text."""
    book = openpyxl.Workbook()
    sheet = book.active
    for line in lines_of(content):
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_part(workbook: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook with one of its parts rewritten."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(data) if info.filename == name else data)
    return buffer.getvalue()


def with_entity(part: bytes) -> bytes:
    """The part with an internal DTD declaring an entity (the start of a billion laughs)."""
    return b'<!DOCTYPE worksheet [<!ENTITY boom "boom">]>' + part


def padded(part: bytes) -> bytes:
    """The part with 8 MB of spaces inside it: they compress about a thousand times."""
    return part.replace(b"</worksheet>", b" " * (8 << 20) + b"</worksheet>")


def ratio_of(workbook: bytes, name: str) -> float:
    info = zipfile.ZipFile(io.BytesIO(workbook)).getinfo(name)
    return info.file_size / max(info.compress_size, 1)


def header_swapped(content: bytes) -> bytes:
    """LOCALESTID and UNIQUEWORKERID swapped, in the header and in every row."""
    lines = []
    for line in lines_of(content):
        first, second, *rest = line.split(",")
        lines.append(",".join([second, first, *rest]))
    return file_of(lines)


@dataclass(frozen=True)
class Hostile:
    name: str
    content: bytes
    message: str


def entity_workbook() -> Hostile:
    return Hostile(
        "staff.xlsx",
        with_part(workbook_of(sample(STAFF_VALID)), SHEET, with_entity),
        reading.WORKBOOK_DECLARATION.format(member=SHEET),
    )


def zip_bomb() -> Hostile:
    bomb = with_part(workbook_of(sample(STAFF_VALID)), SHEET, padded)
    return Hostile(
        "staff.xlsx",
        bomb,
        reading.WORKBOOK_ZIP_BOMB.format(member=SHEET, ratio=ratio_of(bomb, SHEET)),
    )


def over_the_limit() -> Hostile:
    content = sample(STAFF_VALID)
    return Hostile(
        "staff.csv",
        content,
        reading.FILE_TOO_LARGE.format(size_mb=len(content) / 2**20, limit_mb=SMALL_LIMIT / 2**20),
    )


def header_out_of_order() -> Hostile:
    return Hostile(
        "staff.csv",
        header_swapped(sample(STAFF_VALID)),
        reading.HEADER_MISMATCH.format(
            title=ASCWDS_STAFF.title,
            details=reading.HEADER_MISPLACED.format(names="UNIQUEWORKERID, LOCALESTID"),
        ),
    )


@pytest.fixture(params=[entity_workbook, zip_bomb, over_the_limit, header_out_of_order])
def hostile(request, settings) -> Hostile:
    if request.param is over_the_limit:
        settings.WORKFORCE_RETURN_MAX_BYTES = SMALL_LIMIT
    return request.param()


class TestHostileFiles:
    def test_a_real_workbook_of_the_sample_is_accepted(
        self, employer_client, employer_organisation, post_return
    ):
        # The control: the workbooks below fail because of what was done to them.
        post_return(
            employer_client,
            organisation=employer_organisation,
            content=workbook_of(sample(STAFF_VALID)),
            name="staff.xlsx",
        )

        assert WorkforceReturn.objects.get().status == ReturnStatus.ACCEPTED

    def test_is_rejected_with_the_reading_modules_message(
        self, employer_client, employer_organisation, post_return, hostile
    ):
        post_return(
            employer_client,
            organisation=employer_organisation,
            content=hostile.content,
            name=hostile.name,
        )

        workforce_return = WorkforceReturn.objects.get()
        assert workforce_return.status == ReturnStatus.REJECTED
        assert workforce_return.error_count == 1
        assert list(ReturnIssue.objects.values_list("is_error", "line", "message")) == [
            (True, None, hostile.message)
        ]

    def test_loads_nothing(self, employer_client, employer_organisation, post_return, hostile):
        post_return(
            employer_client,
            organisation=employer_organisation,
            content=hostile.content,
            name=hostile.name,
        )

        assert (Post.objects.count(), Person.objects.count()) == (0, 0)

    def test_the_returns_page_shows_why(
        self, employer_client, employer_organisation, post_return, hostile
    ):
        response = post_return(
            employer_client,
            organisation=employer_organisation,
            content=hostile.content,
            name=hostile.name,
        )

        page = employer_client.get(response.url)

        assert page.status_code == 200
        assert shows(page, hostile.message)
