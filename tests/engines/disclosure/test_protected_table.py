import polars as pl

from oneworkforce.engines.disclosure import MARKER, TOTAL, protect_counts

LEAVERS = [
    ("Home A", "Left", 3),
    ("Home A", "Stayed", 40),
    ("Home B", "Left", 12),
    ("Home B", "Stayed", 35),
]


def leavers_table():
    return protect_counts(LEAVERS, dimensions=["home", "outcome"], count="staff")


class TestProtectedTableRows:
    def test_gives_plain_dicts_with_none_for_a_hidden_count(self) -> None:
        table = leavers_table()

        rows = table.rows()

        assert rows[0] == {"home": "Home A", "outcome": "Left", "staff": None, "display": MARKER}

    def test_labels_totals_as_the_caller_asks(self) -> None:
        table = leavers_table()

        rows = table.rows(total_label="Total")

        assert rows[-1] == {"home": "Total", "outcome": "Total", "staff": 90, "display": "90"}

    def test_leaves_out_the_reasons_unless_asked_for_them(self) -> None:
        table = leavers_table()

        plain, audited = table.rows(), table.rows(with_reasons=True)

        assert "reason" not in plain[0]
        assert audited[0]["reason"] == "primary"


class TestProtectedTableToPolars:
    def test_uses_null_for_totals_and_for_hidden_counts(self) -> None:
        table = leavers_table()

        frame = table.to_polars()

        assert frame.columns == ["home", "outcome", "staff", "display"]
        assert frame.schema["staff"] == pl.Int64
        assert frame.row(0) == ("Home A", "Left", None, MARKER)
        assert frame.row(-1) == (None, None, 90, "90")


class TestProtectedTableGrid:
    def test_lays_out_rows_by_columns_with_totals_last(self) -> None:
        table = leavers_table()

        grid = table.grid()

        assert grid.row_labels == (("Home A",), ("Home B",), (TOTAL,))
        assert grid.column_labels == (("Left",), ("Stayed",), (TOTAL,))
        assert [[cell.display for cell in row] for row in grid.cells] == [
            [MARKER, MARKER, "43"],
            [MARKER, MARKER, "47"],
            ["15", "75", "90"],
        ]


class TestProtectedTableNote:
    def test_mentions_cells_hidden_to_protect_others_only_when_there_are_some(self) -> None:
        no_totals = protect_counts(
            LEAVERS, dimensions=["home", "outcome"], count="staff", totals=False
        )

        with_totals = leavers_table()

        assert no_totals.note == "Figures between 1 and 4 are hidden as [c] to protect privacy."
        assert with_totals.note.endswith("so those cannot be worked out from totals.")
