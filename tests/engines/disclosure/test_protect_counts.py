import polars as pl
import pytest

from oneworkforce.engines.disclosure import (
    MARKER,
    TOTAL,
    DisclosureRule,
    Flag,
    find_disclosures,
    is_protected,
    protect_counts,
)

LEAVERS = [
    ("Home A", "Left", 3),
    ("Home A", "Stayed", 40),
    ("Home A", "Moved", 9),
    ("Home B", "Left", 12),
    ("Home B", "Stayed", 35),
    ("Home B", "Moved", 15),
]


def hidden_keys(table):
    return {cell.key for cell in table.cells if cell.hidden}


class TestProtectCounts:
    def test_hides_a_count_of_three_and_its_cheapest_partner_in_the_row(self) -> None:
        rows = LEAVERS

        table = protect_counts(rows, dimensions=["home", "outcome"], count="staff")

        assert hidden_keys(table) == {
            ("Home A", "Left"),
            ("Home A", "Moved"),
            ("Home B", "Left"),
            ("Home B", "Moved"),
        }
        assert table.cell("Home A", "Left").flag is Flag.PRIMARY
        assert table.cell("Home A", "Moved").flag is Flag.SECONDARY

    def test_publishes_every_total_as_its_true_value(self) -> None:
        rows = LEAVERS

        table = protect_counts(rows, dimensions=["home", "outcome"], count="staff")

        assert table.cell("Home A", TOTAL).shown == 52
        assert table.cell(TOTAL, "Left").shown == 15
        assert table.cell(TOTAL, TOTAL).shown == 114

    def test_hides_a_small_count_in_a_one_way_table_and_the_smallest_cell_that_covers_it(
        self,
    ) -> None:
        rows = [("Home A", 2), ("Home B", 30), ("Home C", 6), ("Home D", 8)]

        table = protect_counts(rows, dimensions=["home"], count="staff")

        assert hidden_keys(table) == {("Home A",), ("Home C",)}
        assert table.cell(TOTAL).shown == 46

    def test_shows_a_true_zero_and_never_hides_it_to_protect_another_cell(self) -> None:
        rows = [("Home A", 0), ("Home B", 3), ("Home C", 20)]

        table = protect_counts(rows, dimensions=["home"], count="staff")

        assert table.cell("Home A").display == "0"
        assert table.cell("Home A").flag is Flag.PUBLISHED
        assert hidden_keys(table) == {("Home B",), ("Home C",)}

    def test_hides_zeros_too_when_the_rule_says_so(self) -> None:
        rows = [("Home A", 0), ("Home B", 30), ("Home C", 20)]
        rule = DisclosureRule(name="zeros-hidden", suppress_zeros=True)

        table = protect_counts(rows, dimensions=["home"], count="staff", rule=rule)

        assert table.cell("Home A").flag is Flag.PRIMARY
        assert table.cell("Home A").display == MARKER
        assert is_protected(table)

    def test_hides_only_small_counts_when_the_table_has_no_totals(self) -> None:
        rows = LEAVERS

        table = protect_counts(rows, dimensions=["home", "outcome"], count="staff", totals=False)

        assert hidden_keys(table) == {("Home A", "Left")}
        assert len(table) == 6

    def test_adds_totals_only_over_the_dimensions_named(self) -> None:
        rows = LEAVERS

        table = protect_counts(rows, dimensions=["home", "outcome"], count="staff", totals=["home"])

        assert table.cell(TOTAL, "Left").shown == 15
        assert ("Home A", TOTAL) not in {cell.key for cell in table.cells}
        assert is_protected(table)

    def test_hides_a_small_total_and_whatever_would_reveal_it(self) -> None:
        rows = [("Home A", "Left", 3), ("Home A", "Stayed", 0), ("Home B", "Left", 20)]
        rows += [("Home B", "Stayed", 25), ("Home C", "Left", 14), ("Home C", "Stayed", 30)]

        table = protect_counts(rows, dimensions=["home", "outcome"], count="staff")

        assert table.cell("Home A", TOTAL).flag is Flag.PRIMARY
        assert is_protected(table)

    def test_hides_a_total_only_when_no_other_cell_can_protect_a_small_one(self) -> None:
        rows = [("Home A", "Left", 3), ("Home A", "Stayed", 10)]
        rows += [("Home B", "Left", 0), ("Home B", "Stayed", 0)]

        table = protect_counts(rows, dimensions=["home", "outcome"], count="staff")

        assert table.cell(TOTAL, "Left").flag is Flag.PRIMARY
        assert table.cell(TOTAL, "Stayed").flag is Flag.SECONDARY
        assert table.cell(TOTAL, TOTAL).shown == 13
        assert is_protected(table)

    def test_protects_a_small_subtotal_in_a_hierarchy(self) -> None:
        rows = [
            {"sector": "Care homes", "partner": "Home A", "staff": 3},
            {"sector": "NHS", "partner": "Trust A", "staff": 40},
            {"sector": "NHS", "partner": "Trust B", "staff": 25},
            {"sector": "Voluntary", "partner": "Charity A", "staff": 11},
            {"sector": "Voluntary", "partner": "Charity B", "staff": 7},
        ]

        table = protect_counts(
            rows, dimensions=["sector", "partner"], count="staff", hierarchy={"partner": "sector"}
        )

        assert table.cell("Care homes", TOTAL).flag is Flag.PRIMARY
        assert table.cell(TOTAL, TOTAL).shown == 86
        assert is_protected(table)

    def test_protects_a_table_with_hierarchies_on_both_axes(self) -> None:
        rows = [
            (sector, partner, group, role, (7 * i + 3 * j) % 23)
            for i, (sector, partner) in enumerate(
                [("NHS", "Trust A"), ("NHS", "Trust B"), ("Care", "Home A"), ("Care", "Home B")]
            )
            for j, (group, role) in enumerate(
                [("Direct care", "Carer"), ("Direct care", "Senior carer"), ("Nursing", "Nurse")]
            )
        ]

        table = protect_counts(
            rows,
            dimensions=["sector", "partner", "role_group", "role"],
            count="staff",
            hierarchy={"partner": "sector", "role": "role_group"},
        )

        assert table.count_flagged(Flag.PRIMARY) > 0
        assert find_disclosures(table) == ()

    def test_protects_a_three_way_table(self) -> None:
        rows = [
            (home, sex, band, (5 * h + 7 * s + 3 * b) % 17)
            for h, home in enumerate(["Home A", "Home B", "Home C"])
            for s, sex in enumerate(["Female", "Male"])
            for b, band in enumerate(["16-24", "25-54", "55+"])
        ]

        table = protect_counts(rows, dimensions=["home", "sex", "age_band"], count="staff")

        assert table.count_flagged(Flag.PRIMARY) > 0
        assert find_disclosures(table) == ()

    def test_adds_categories_with_no_rows_as_zeros_in_the_order_given(self) -> None:
        rows = [("16-24", 12), ("55+", 30)]

        table = protect_counts(
            rows,
            dimensions=["age_band"],
            count="staff",
            categories={"age_band": ["16-24", "25-54", "55+"]},
        )

        assert [cell.key for cell in table.cells] == [("16-24",), ("25-54",), ("55+",), (TOTAL,)]
        assert table.cell("25-54").shown == 0

    def test_reads_a_polars_dataframe_and_dicts_as_it_reads_tuples(self) -> None:
        frame = pl.DataFrame(
            {
                "home": [row[0] for row in LEAVERS],
                "outcome": [row[1] for row in LEAVERS],
                "staff": [row[2] for row in LEAVERS],
            }
        )
        dicts = frame.to_dicts()

        tables = [
            protect_counts(source, dimensions=["home", "outcome"], count="staff")
            for source in (frame, dicts, LEAVERS)
        ]

        assert tables[0].cells == tables[1].cells == tables[2].cells

    def test_reads_a_pandas_dataframe_when_pandas_is_installed(self) -> None:
        pandas = pytest.importorskip("pandas")
        frame = pandas.DataFrame(LEAVERS, columns=["home", "outcome", "staff"])

        table = protect_counts(frame, dimensions=["home", "outcome"], count="staff")

        assert (
            table.cells
            == protect_counts(LEAVERS, dimensions=["home", "outcome"], count="staff").cells
        )

    def test_gives_the_same_answer_every_time(self) -> None:
        rows = LEAVERS

        first = protect_counts(rows, dimensions=["home", "outcome"], count="staff")
        second = protect_counts(list(reversed(rows)), dimensions=["home", "outcome"], count="staff")

        assert first.cells == second.cells
