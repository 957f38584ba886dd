"""The population file: what the validator accepts, the message for each bad row, and the
shipped illustrative file's growth (the Dudley strategy's figures)."""

from __future__ import annotations

import pytest

from oneworkforce.engines.projection import POPULATION_BANDS
from oneworkforce.intelligence.planning import population
from oneworkforce.intelligence.planning.population import (
    BAD_BAND,
    BAD_CODE,
    BAD_POPULATION,
    BAD_YEAR,
    DUPLICATE_ROW,
    EMPTY_FILE,
    GAP_IN_YEARS,
    MISSING_ROWS,
    NO_AREA_FIGURES,
    NOT_UTF8,
    WRONG_CELL_COUNT,
    WRONG_HEADER,
    PopulationFileError,
    area_population,
    read_population_csv,
)

HEADER = "local_authority_code,age_band,year,population"
DUDLEY = "E08000027"


def a_file(*lines: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *lines]).encode()


def complete(code: str = DUDLEY, years: range = range(2026, 2028), size: int = 100) -> list[str]:
    return [f"{code},{band},{year},{size}" for year in years for band in POPULATION_BANDS]


def problems_of(content: bytes) -> list[str]:
    with pytest.raises(PopulationFileError) as raised:
        read_population_csv(content)
    return raised.value.messages


class TestReadPopulationCsv:
    def test_reads_every_row_of_a_complete_file(self):
        rows = read_population_csv(a_file(*complete()))

        assert len(rows) == 8
        assert rows[0] == population.PopulationRow(DUDLEY, "0-17", 2026, 100)

    def test_accepts_columns_in_any_order_and_whole_numbers_written_with_a_decimal_point(self):
        lines = [f"{year},{band},{DUDLEY},100.0" for year in (2026,) for band in POPULATION_BANDS]

        rows = read_population_csv(
            a_file(*lines, header="year,age_band,local_authority_code,population")
        )

        assert {row.population for row in rows} == {100}

    def test_refuses_a_file_whose_header_names_other_columns(self):
        assert problems_of(a_file(*complete(), header="la,band,year,people")) == [
            WRONG_HEADER.format(found="la, band, year, people")
        ]

    def test_names_the_line_and_value_of_every_bad_cell(self):
        content = a_file("E1,0-17,2026,100", f"{DUDLEY},90+,2026,100", f"{DUDLEY},0-17,1850,100",
                         f"{DUDLEY},18-64,2026,-3", f"{DUDLEY},65-84,2026")  # fmt: skip

        assert problems_of(content) == [
            BAD_CODE.format(line=2, value="E1"),
            BAD_BAND.format(line=3, value="90+"),
            BAD_YEAR.format(line=4, value="1850"),
            BAD_POPULATION.format(line=5, value="-3"),
            WRONG_CELL_COUNT.format(line=6, found=3),
        ]

    def test_refuses_the_same_area_band_and_year_twice(self):
        lines = complete()

        problems = problems_of(a_file(*lines, lines[0]))

        assert problems == [
            DUPLICATE_ROW.format(line=10, code=DUDLEY, band="0-17", year=2026, first=2)
        ]

    def test_refuses_a_file_missing_a_band_in_a_year(self):
        lines = [line for line in complete() if line != f"{DUDLEY},85+,2027,100"]

        assert problems_of(a_file(*lines)) == [
            MISSING_ROWS.format(code=DUDLEY, missing="85+ in 2027", first=2026, last=2027)
        ]

    def test_refuses_a_run_of_years_with_a_gap(self):
        lines = complete(years=range(2026, 2027)) + complete(years=range(2028, 2029))

        assert problems_of(a_file(*lines)) == [
            GAP_IN_YEARS.format(first=2026, last=2028, missing=2027)
        ]

    def test_refuses_an_empty_file_and_one_with_only_its_header(self):
        assert problems_of(b"") == [EMPTY_FILE]
        assert problems_of(a_file()) == [EMPTY_FILE]

    def test_refuses_a_file_that_is_not_utf8(self):
        assert problems_of(
            "local_authority_code,age_band,year,population\n\xff".encode("latin-1")
        ) == [NOT_UTF8]


class TestAreaPopulation:
    def test_adds_up_the_authorities_of_the_area_and_leaves_out_the_others(self):
        rows = read_population_csv(
            a_file(
                *complete(DUDLEY, size=10),
                *complete("E08000028", size=20),
                *complete("E08000030", size=40),
            )
        )

        area = area_population(rows, codes={DUDLEY, "E08000028"})

        assert area.years == (2026, 2027)
        assert area.counts[:, 0].tolist() == [30.0, 30.0, 30.0, 30.0]

    def test_says_so_when_none_of_the_areas_is_in_the_file(self):
        rows = read_population_csv(a_file(*complete()))

        with pytest.raises(PopulationFileError) as raised:
            area_population(rows, codes={"E09000001"})

        assert raised.value.messages == [NO_AREA_FIGURES.format(codes="E09000001")]


@pytest.fixture(scope="module")
def rows():
    return read_population_csv(population.ILLUSTRATIVE_FILE.read_bytes())


class TestTheIllustrativeFile:
    @pytest.mark.parametrize(
        "codes", [{DUDLEY}, {"E08000027", "E08000028", "E08000030", "E08000031"}]
    )
    def test_grows_as_the_dudley_strategy_says_over_the_ten_years_from_2026(self, rows, codes):
        area = area_population(rows, codes=codes)
        start, end = area.years.index(2026), area.years.index(2036)
        aged_65_and_over = area.counts[2] + area.counts[3]
        aged_85_and_over = area.counts[3]

        assert aged_65_and_over[end] / aged_65_and_over[start] == pytest.approx(1.24, abs=0.001)
        assert aged_85_and_over[end] / aged_85_and_over[start] == pytest.approx(1.52, abs=0.001)

    def test_covers_the_fifteen_years_of_a_projection_from_2026(self, rows):
        area = area_population(rows, codes={DUDLEY})

        assert area.years[0] <= 2026
        assert area.years[-1] >= 2041

    def test_is_labelled_illustrative_and_cites_its_source(self):
        assert "not official" in population.ILLUSTRATIVE_NAME
        assert "Dudley" in population.ILLUSTRATIVE_SOURCE
        assert "Joint Strategic Needs Assessment" in population.ILLUSTRATIVE_SOURCE
