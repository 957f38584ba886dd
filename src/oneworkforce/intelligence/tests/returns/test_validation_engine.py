"""The validation engine: every bad row of a large file, line numbers, ordering, robustness."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandera.config import config_context

from oneworkforce.intelligence.returns.formats import ASCWDS_STAFF, ASCWDS_TRAINING, FORMATS
from oneworkforce.intelligence.returns.reading import UploadRefused, read_upload
from oneworkforce.intelligence.returns.report import VALUE_LIMIT
from oneworkforce.intelligence.returns.rules.common import NOT_A_CODE, Context
from oneworkforce.intelligence.returns.validation import (
    _compiled,
    rules_for,
    validate,
    validate_frame,
)

from .conftest import REFERENCE_DATE, check, csv_bytes, example_row

MISTAKES = (
    {"MAINJOBROLE": "99"},
    {"GENDER": "9"},
    {"EMPLSTATUS": ""},
    {"POSTCODE": "DY1"},
    {"SCQUAL": "1"},
)


def staff_file(rows: int, every: int) -> tuple[bytes, set[int]]:
    """A Staff file with a mistake on every ``every``-th row; the lines of the mistakes."""
    base = example_row(ASCWDS_STAFF)
    planted: set[int] = set()
    content = []
    for number in range(rows):
        row = dict(base, UNIQUEWORKERID=f"W{number:07}")
        if number % every == every - 1:
            row.update(MISTAKES[(number // every) % len(MISTAKES)])
            planted.add(number + 2)
        content.append(row)
    return csv_bytes(ASCWDS_STAFF, content), planted


class TestLargeFiles:
    def test_lists_every_bad_row_of_twenty_thousand_with_its_line(self) -> None:
        content, planted = staff_file(20_000, every=100)
        uploaded = read_upload(content=content, filename="staff.csv", file_format=ASCWDS_STAFF)

        report = validate(uploaded, reference_date=REFERENCE_DATE)

        assert len(planted) == 200
        assert set(report.lines_with_errors) == planted
        assert len(report.errors) == 200
        assert report.warnings == ()

    @pytest.mark.slow
    def test_lists_every_bad_row_of_a_hundred_thousand_with_its_line(self) -> None:
        content, planted = staff_file(100_000, every=100)
        uploaded = read_upload(content=content, filename="staff.csv", file_format=ASCWDS_STAFF)

        report = validate(uploaded, reference_date=REFERENCE_DATE)

        assert set(report.lines_with_errors) == planted
        assert len(report.errors) == 1_000


class TestRulesBuiltOncePerDate:
    @pytest.mark.parametrize("key", sorted(FORMATS))
    @pytest.mark.parametrize(
        "context",
        [
            Context(reference_date=REFERENCE_DATE),
            Context(
                reference_date=REFERENCE_DATE,
                workplace_ids=frozenset({"HOME01"}),
                staff_keys=frozenset({("HOME01", "W0001")}),
            ),
        ],
        ids=["alone", "with the other files' ids"],
    )
    def test_are_the_rules_of_the_format_and_context(self, key, context) -> None:
        file_format = FORMATS[key]

        compiled = _compiled(file_format, context)

        assert sorted(rule.key for rule in compiled) == sorted(
            rule.key for rule in rules_for(file_format, context)
        )

    def test_check_each_files_ids_against_its_own_partners_workplaces(self) -> None:
        row = example_row(ASCWDS_TRAINING, LOCALESTID="HOME02")
        uploaded = read_upload(
            content=csv_bytes(ASCWDS_TRAINING, [row]),
            filename="t.csv",
            file_format=ASCWDS_TRAINING,
        )

        first = validate(uploaded, reference_date=REFERENCE_DATE, workplace_ids={"HOME02"})
        second = validate(uploaded, reference_date=REFERENCE_DATE, workplace_ids={"HOME01"})

        assert [issue.rule for issue in first.errors] == []
        assert [issue.rule for issue in second.errors] == ["LOCALESTID.unknown_workplace"]


class TestReport:
    def test_sorts_issues_by_line_then_by_the_columns_order(self) -> None:
        rows = [
            example_row(ASCWDS_STAFF, UNIQUEWORKERID="W1", MAINJOBROLE="99", GENDER="9"),
            example_row(ASCWDS_STAFF, UNIQUEWORKERID="W2", STATUS="ADD"),
        ]

        report = check(ASCWDS_STAFF, rows)

        assert [(issue.line, issue.column) for issue in report.errors] == [
            (2, "GENDER"),
            (2, "MAINJOBROLE"),
            (3, "STATUS"),
        ]

    def test_shows_a_long_value_truncated(self) -> None:
        row = example_row(ASCWDS_TRAINING, CATEGORY="x" * 200)

        report = check(ASCWDS_TRAINING, [row])

        (issue,) = report.errors
        assert len(issue.value) == VALUE_LIMIT
        assert issue.value.endswith("…")
        assert issue.message == NOT_A_CODE.format(
            column="CATEGORY",
            value=issue.value,
            list_title="a training category",
            example="6 for Fire safety",
        )

    def test_carries_the_problems_found_while_reading(self) -> None:
        row = ",".join(example_row(ASCWDS_TRAINING).values())
        content = f"{','.join(ASCWDS_TRAINING.names)}\r\n{row},extra\r\n".encode()
        uploaded = read_upload(content=content, filename="t.csv", file_format=ASCWDS_TRAINING)

        report = validate(uploaded, reference_date=REFERENCE_DATE)

        assert [issue.rule for issue in report.errors] == ["row.extra_cells"]

    def test_validates_even_when_pandera_is_switched_off(self) -> None:
        row = example_row(ASCWDS_TRAINING, CATEGORY="99")

        with config_context(validation_enabled=False):
            report = check(ASCWDS_TRAINING, [row])

        assert [issue.rule for issue in report.errors] == ["CATEGORY.code"]

    def test_refuses_a_frame_without_a_column_of_its_format(self) -> None:
        uploaded = read_upload(
            content=csv_bytes(ASCWDS_TRAINING, [example_row(ASCWDS_TRAINING)]),
            filename="t.csv",
            file_format=ASCWDS_TRAINING,
        )

        with pytest.raises(RuntimeError, match="not of its format"):
            validate_frame(
                uploaded.frame.drop("CATEGORY"), ASCWDS_TRAINING, reference_date=REFERENCE_DATE
            )

    def test_refuses_a_frame_with_empty_cells_as_nulls(self) -> None:
        uploaded = read_upload(
            content=csv_bytes(ASCWDS_TRAINING, [example_row(ASCWDS_TRAINING)]),
            filename="t.csv",
            file_format=ASCWDS_TRAINING,
        )
        frame = uploaded.frame.with_columns(pl.lit(None, dtype=pl.String).alias("NOTES"))

        with pytest.raises(RuntimeError, match="nulls in \\['NOTES'\\]"):
            validate_frame(frame, ASCWDS_TRAINING, reference_date=REFERENCE_DATE)

    def test_counts_no_rows_in_an_empty_file(self) -> None:
        report = check(ASCWDS_STAFF, [])

        assert (report.rows, report.errors, report.warnings) == (0, (), ())


# Cells that are often meaningful somewhere, mixed with arbitrary text.
_CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "1",
            "2",
            "8",
            "16",
            "999",
            "1;2",
            "1;",
            ";",
            "01/01/2000",
            "31/02/2020",
            "00/00/0000",
            "29/02/2024",
            "37.5",
            "-1",
            "1e9",
            "99999999999999999999",
            "NEW",
            "DELETE",
            "Band 5",
            "DY1 1AA",
            "none",
            "1;2;3;4",
            "4;8;7",
            "=1+1",
            "'",
            "é",
        ]
    ),
    st.text(max_size=12),
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), key=st.sampled_from(sorted(FORMATS)))
def test_validation_reports_instead_of_raising_on_any_text(data: st.DataObject, key: str) -> None:
    file_format = FORMATS[key]
    names = [column.name for column in file_format.all_columns]
    rows = data.draw(
        st.lists(st.fixed_dictionaries(dict.fromkeys(names, _CELLS)), min_size=1, max_size=20)
    )
    frame = pl.DataFrame(
        {
            "line": list(range(2, len(rows) + 2)),
            **{name: [row[name] for row in rows] for name in names},
        },
        schema={"line": pl.Int64, **dict.fromkeys(names, pl.String)},
    )

    report = validate_frame(frame, file_format, reference_date=REFERENCE_DATE)

    assert report.rows == len(rows)
    assert {issue.line for issue in (*report.errors, *report.warnings)} <= set(frame["line"])


@settings(max_examples=60, deadline=None)
@given(body=st.binary(max_size=300))
def test_reading_refuses_or_reads_but_never_fails_otherwise(body: bytes) -> None:
    content = ",".join(ASCWDS_TRAINING.names).encode() + b"\r\n" + body

    try:
        uploaded = read_upload(content=content, filename="t.csv", file_format=ASCWDS_TRAINING)
    except UploadRefused:
        return
    assert uploaded.frame.columns[0] == "line"
