import dataclasses

from oneworkforce.engines.disclosure import (
    TOTAL,
    Flag,
    ProtectedCell,
    find_disclosures,
    hidden_intervals,
    is_protected,
    protect_counts,
)

ROWS = [
    ("Home A", "Left", 3),
    ("Home A", "Stayed", 40),
    ("Home B", "Left", 12),
    ("Home B", "Stayed", 35),
    ("Home C", "Left", 8),
    ("Home C", "Stayed", 20),
]
TRUTH = {(home, outcome): staff for home, outcome, staff in ROWS}


def protected():
    return protect_counts(ROWS, dimensions=["home", "outcome"], count="staff")


def with_secondary_cells_published(table):
    cells = tuple(
        ProtectedCell.make(cell.key, TRUTH[cell.key], Flag.PUBLISHED)
        if cell.flag is Flag.SECONDARY
        else cell
        for cell in table.cells
    )
    return dataclasses.replace(table, cells=cells)


class TestFindDisclosures:
    def test_finds_nothing_in_a_protected_table(self) -> None:
        table = protected()

        found = find_disclosures(table)

        assert found == ()

    def test_finds_a_small_count_leaked_through_the_row_total_by_primary_suppression_alone(
        self,
    ) -> None:
        naive = with_secondary_cells_published(protected())

        found = find_disclosures(naive)

        assert [(d.key, d.low, d.high) for d in found] == [(("Home A", "Left"), 3.0, 3.0)]
        assert not is_protected(naive)

    def test_finds_a_small_count_shown_as_a_number(self) -> None:
        table = protected()
        cells = tuple(
            ProtectedCell.make(cell.key, 3, Flag.PUBLISHED)
            if cell.key == ("Home A", "Left")
            else cell
            for cell in table.cells
        )

        found = find_disclosures(dataclasses.replace(table, cells=cells))

        assert [d.key for d in found] == [("Home A", "Left")]


class TestHiddenIntervals:
    def test_gives_the_range_a_reader_can_narrow_each_hidden_cell_to(self) -> None:
        table = protected()

        intervals = hidden_intervals(table)

        assert intervals[("Home A", "Left")] == (0.0, 11.0)
        assert intervals[("Home C", "Stayed")] == (17.0, 28.0)
        assert ("Home A", TOTAL) not in intervals
