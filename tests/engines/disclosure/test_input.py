import pytest

from oneworkforce.engines.disclosure import (
    DuplicateCellError,
    InvalidCountError,
    InvalidTableError,
    protect_counts,
)
from oneworkforce.engines.disclosure.errors import (
    DUPLICATE_CELL,
    EMPTY_DIMENSION_VALUE,
    MISSING_COLUMN,
    NEGATIVE_COUNT,
    NOT_A_WHOLE_NUMBER,
    RESERVED_COLUMN,
    UNKNOWN_CATEGORY,
    UNKNOWN_DIMENSION,
    UNSUPPORTED_HIERARCHY,
    UNSUPPORTED_ROWS,
    WRONG_ROW_LENGTH,
)


class TestProtectCountsRefusesBadInput:
    def test_refuses_a_negative_count(self) -> None:
        rows = [("Home A", 12), ("Home B", -2)]

        with pytest.raises(InvalidCountError) as raised:
            protect_counts(rows, dimensions=["home"], count="staff")

        assert str(raised.value) == NEGATIVE_COUNT.format(where="Row 2", value=-2, column="staff")

    @pytest.mark.parametrize("count", [2.5, None, "7", True, float("nan")])
    def test_refuses_a_count_that_is_not_a_whole_number(self, count: object) -> None:
        rows = [("Home A", count)]

        with pytest.raises(InvalidCountError) as raised:
            protect_counts(rows, dimensions=["home"], count="staff")

        assert str(raised.value) == NOT_A_WHOLE_NUMBER.format(
            where="Row 1", value=count, column="staff"
        )

    def test_accepts_a_whole_number_stored_as_a_float(self) -> None:
        rows = [("Home A", 12.0)]

        table = protect_counts(rows, dimensions=["home"], count="staff")

        assert table.cells[0].shown == 12

    def test_refuses_two_rows_with_the_same_dimension_values(self) -> None:
        rows = [("Home A", 12), ("Home B", 9), ("Home A", 3)]

        with pytest.raises(DuplicateCellError) as raised:
            protect_counts(rows, dimensions=["home"], count="staff")

        assert str(raised.value) == DUPLICATE_CELL.format(first=1, second=3, key=("Home A",))

    def test_refuses_a_row_without_one_of_the_dimensions(self) -> None:
        rows = [{"home": "Home A", "staff": 12}, {"staff": 9}]

        with pytest.raises(InvalidTableError) as raised:
            protect_counts(rows, dimensions=["home"], count="staff")

        assert str(raised.value) == MISSING_COLUMN.format(row=2, column="home")

    def test_refuses_an_empty_dimension_value(self) -> None:
        rows = [("Home A", 12), (None, 9)]

        with pytest.raises(InvalidTableError) as raised:
            protect_counts(rows, dimensions=["home"], count="staff")

        assert str(raised.value) == EMPTY_DIMENSION_VALUE.format(row=2, column="home")

    def test_refuses_a_tuple_row_of_the_wrong_length(self) -> None:
        rows = [("Home A", "Left", 12)]

        with pytest.raises(InvalidTableError) as raised:
            protect_counts(rows, dimensions=["home"], count="staff")

        assert str(raised.value) == WRONG_ROW_LENGTH.format(row=1, length=3, expected=2)

    def test_refuses_rows_that_are_not_a_table(self) -> None:
        rows = "Home A,12"

        with pytest.raises(InvalidTableError) as raised:
            protect_counts(rows, dimensions=["home"], count="staff")  # type: ignore[arg-type]

        assert str(raised.value) == UNSUPPORTED_ROWS.format(kind="str")

    def test_refuses_a_hierarchy_naming_an_unknown_dimension(self) -> None:
        rows = [("Home A", 12)]

        with pytest.raises(InvalidTableError) as raised:
            protect_counts(rows, dimensions=["home"], count="staff", hierarchy={"home": "sector"})

        assert str(raised.value) == UNKNOWN_DIMENSION.format(
            argument="hierarchy", name="sector", dimensions=["home"]
        )

    def test_refuses_a_hierarchy_that_branches(self) -> None:
        rows = [("NHS", "Trust A", "Nurse", 12)]
        hierarchy = {"partner": "sector", "role": "sector"}

        with pytest.raises(InvalidTableError) as raised:
            protect_counts(
                rows, dimensions=["sector", "partner", "role"], count="staff", hierarchy=hierarchy
            )

        assert str(raised.value) == UNSUPPORTED_HIERARCHY.format(hierarchy=hierarchy)

    def test_refuses_a_value_missing_from_the_categories_given(self) -> None:
        rows = [("16-24", 12), ("90+", 6)]

        with pytest.raises(InvalidTableError) as raised:
            protect_counts(
                rows, dimensions=["age_band"], count="staff", categories={"age_band": ["16-24"]}
            )

        assert str(raised.value) == UNKNOWN_CATEGORY.format(value="90+", column="age_band")

    def test_refuses_a_column_named_like_the_display_column(self) -> None:
        rows = [("Home A", 12)]

        with pytest.raises(InvalidTableError) as raised:
            protect_counts(rows, dimensions=["display"], count="staff")

        assert str(raised.value) == RESERVED_COLUMN.format(name="display")
