from oneworkforce.engines.disclosure import (
    MARKER,
    TOTAL,
    DisclosureRule,
    Flag,
    Method,
    protect_counts,
)

ONS_STYLE = DisclosureRule(name="ons-style", threshold=10, method=Method.ROUND, rounding_base=5)


class TestProtectCountsWithRounding:
    def test_rounds_each_count_to_the_nearest_base(self) -> None:
        rows = [("Home A", 12), ("Home B", 18), ("Home C", 37)]

        table = protect_counts(rows, dimensions=["home"], count="staff", rule=ONS_STYLE)

        assert [cell.display for cell in table.cells[:3]] == ["10", "20", "35"]
        assert table.cell("Home A").flag is Flag.ROUNDED

    def test_hides_counts_under_the_threshold_as_the_marker(self) -> None:
        rows = [("Home A", 7), ("Home B", 18)]

        table = protect_counts(rows, dimensions=["home"], count="staff", rule=ONS_STYLE)

        assert table.cell("Home A").display == MARKER
        assert table.cell("Home A").flag is Flag.PRIMARY

    def test_rounds_totals_from_the_unrounded_counts(self) -> None:
        rows = [("Home A", 12), ("Home B", 12), ("Home C", 12)]

        table = protect_counts(rows, dimensions=["home"], count="staff", rule=ONS_STYLE)

        assert [cell.shown for cell in table.cells[:3]] == [10, 10, 10]
        assert table.cell(TOTAL).shown == 35

    def test_shows_a_true_zero_as_zero(self) -> None:
        rows = [("Home A", 0), ("Home B", 18)]

        table = protect_counts(rows, dimensions=["home"], count="staff", rule=ONS_STYLE)

        assert table.cell("Home A").display == "0"
        assert table.cell("Home A").flag is Flag.PUBLISHED

    def test_needs_no_secondary_suppression(self) -> None:
        rows = [("Home A", "Left", 3), ("Home A", "Stayed", 40)]
        rows += [("Home B", "Left", 12), ("Home B", "Stayed", 35)]

        table = protect_counts(rows, dimensions=["home", "outcome"], count="staff", rule=ONS_STYLE)

        assert table.count_flagged(Flag.SECONDARY) == 0
        assert table.note.startswith("Figures are rounded to the nearest 5")
