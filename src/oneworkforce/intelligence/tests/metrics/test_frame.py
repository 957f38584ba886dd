from datetime import date

import polars as pl
import pytest

from oneworkforce.intelligence.metrics import (
    WORKFORCE_SCHEMA,
    FrameError,
    empty_workforce_frame,
    empty_workplaces_frame,
    validate_frame,
    validate_workplaces,
)
from oneworkforce.intelligence.metrics.errors import (
    BAD_VALUES,
    MISSING_COLUMN,
    MISSING_VALUES,
    WRONG_TYPE,
)
from oneworkforce.intelligence.metrics.examples import posts, workplaces
from oneworkforce.intelligence.metrics.frame import in_post, left_in_year, year_before

AS_OF = date(2026, 3, 31)


class TestEmptyWorkforceFrame:
    def test_has_every_column_of_the_schema_and_no_rows(self) -> None:
        frame = empty_workforce_frame()

        assert frame.schema == pl.Schema(WORKFORCE_SCHEMA)
        assert frame.height == 0

    def test_passes_validation(self) -> None:
        frame = empty_workforce_frame()

        assert validate_frame(frame) is frame


class TestValidateFrame:
    def test_names_the_missing_column(self) -> None:
        frame = posts([{}]).drop("person_key")

        with pytest.raises(FrameError) as raised:
            validate_frame(frame)

        assert str(raised.value) == MISSING_COLUMN.format(
            frame="workforce", column="person_key", dtype="String"
        )

    def test_names_a_column_of_the_wrong_type(self) -> None:
        frame = posts([{}]).with_columns(pl.col("start_date").cast(pl.String))

        with pytest.raises(FrameError) as raised:
            validate_frame(frame)

        assert str(raised.value) == WRONG_TYPE.format(
            frame="workforce", column="start_date", actual="String", expected="Date"
        )

    def test_accepts_other_integer_and_numeric_widths(self) -> None:
        frame = posts([{"sickness_days": 3}]).with_columns(
            pl.col("sickness_days").cast(pl.Int16), pl.col("fte").cast(pl.Float32)
        )

        validate_frame(frame)

    def test_accepts_a_column_that_is_entirely_empty(self) -> None:
        frame = posts([{}]).with_columns(pl.lit(None).alias("left_date"))

        validate_frame(frame)

    def test_refuses_an_unknown_contract_type(self) -> None:
        frame = posts([{"contract_type": "bank"}])

        with pytest.raises(FrameError) as raised:
            validate_frame(frame)

        assert str(raised.value) == BAD_VALUES.format(
            frame="workforce",
            column="contract_type",
            values="'bank'",
            allowed="'permanent', 'temporary', 'pool-or-bank', 'agency', 'other'",
        )

    def test_refuses_a_post_with_no_person(self) -> None:
        frame = posts([{}, {"person_key": None}])

        with pytest.raises(FrameError) as raised:
            validate_frame(frame)

        assert str(raised.value) == MISSING_VALUES.format(
            frame="workforce", column="person_key", count=1
        )


class TestValidateWorkplaces:
    def test_names_the_missing_column(self) -> None:
        frame = workplaces([{"declared_staff": 4}]).drop("declared_staff")

        with pytest.raises(FrameError, match="'declared_staff'"):
            validate_workplaces(frame)

    def test_passes_an_empty_frame(self) -> None:
        frame = empty_workplaces_frame()

        assert validate_workplaces(frame) is frame


class TestDates:
    def test_a_post_is_in_post_on_its_start_date_and_not_on_its_leaving_date(self) -> None:
        frame = posts(
            [
                {"start_date": AS_OF},
                {"start_date": date(2026, 4, 1)},
                {"left_date": AS_OF},
                {"left_date": date(2026, 4, 1)},
                {"start_date": None},
            ]
        )

        held = frame.select(in_post(AS_OF)).to_series().to_list()

        assert held == [True, False, False, True, True]

    def test_the_leavers_window_excludes_its_first_day_and_includes_its_last(self) -> None:
        frame = posts(
            [
                {"left_date": year_before(AS_OF)},
                {"left_date": date(2025, 4, 1)},
                {"left_date": AS_OF},
                {"left_date": date(2026, 4, 1)},
            ]
        )

        left = frame.select(left_in_year(AS_OF)).to_series().to_list()

        assert left == [False, True, True, False]

    def test_a_year_before_29_february_is_28_february(self) -> None:
        leap_day = date(2028, 2, 29)

        before = year_before(leap_day)

        assert before == date(2027, 2, 28)
