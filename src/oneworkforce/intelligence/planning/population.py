"""Population projections: the documented CSV format, its validator, and the area's
population as the projection engine takes it.

The file has one row per local authority, age band and year::

    local_authority_code,age_band,year,population
    E08000027,0-17,2026,68500
    E08000027,18-64,2026,190000
    E08000027,65-84,2026,57000
    E08000027,85+,2026,8600

- ``local_authority_code``: the ONS code of a local authority, a letter (E, W, S or N) and
  eight digits;
- ``age_band``: one of ``0-17``, ``18-64``, ``65-84``, ``85+``;
- ``year``: a calendar year (mid-year figures), 2000 to 2100;
- ``population``: people, a whole number of zero or more.

Every authority must have every band for every year of one unbroken run of years, and each
combination only once. A file with any bad row is refused whole, with one message per
problem naming its line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from oneworkforce.engines.projection import POPULATION_BANDS, Population

__all__ = [
    "COLUMNS",
    "ILLUSTRATIVE_FILE",
    "ILLUSTRATIVE_NAME",
    "ILLUSTRATIVE_SOURCE",
    "PopulationFileError",
    "PopulationRow",
    "area_population",
    "read_population_csv",
]

COLUMNS = ("local_authority_code", "age_band", "year", "population")
ILLUSTRATIVE_FILE = Path(__file__).parent / "data" / "population-illustrative.csv"
ILLUSTRATIVE_NAME = "Illustrative population projection (not official figures)"
ILLUSTRATIVE_SOURCE = (
    "Illustrative figures: growth set to the rises quoted in the Dudley joint workforce "
    "strategy (people aged 65 and over up 24%, aged 85 and over up 52% over ten years; "
    "source: Dudley Joint Strategic Needs Assessment, 2010 update). Replace with the ONS "
    "subnational population projections."
)
LA_CODE = re.compile(r"^[ENSW]\d{8}$")
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_FILE_BYTES = 5_000_000
MAX_MESSAGES = 200

NOT_UTF8 = "The file is not a CSV file in UTF-8; save it as 'CSV UTF-8' and upload it again"
TOO_BIG = "The file is bigger than 5 MB; a population file for a region is far smaller"
EMPTY_FILE = "The file is empty; it needs a header row and one row per area, age band and year"
WRONG_HEADER = (
    "The first row must name the columns local_authority_code, age_band, year, population; "
    "it names {found}"
)
BAD_CODE = (
    "Line {line}: local_authority_code {value!r} is not an ONS local authority code; enter a "
    "letter and eight digits, like E08000027"
)
BAD_BAND = "Line {line}: age_band {value!r} is not one of 0-17, 18-64, 65-84, 85+"
BAD_YEAR = "Line {line}: year {value!r} is not a year from 2000 to 2100; enter it like 2026"
BAD_POPULATION = (
    "Line {line}: population {value!r} is not a whole number of people; enter 0 or more, "
    "without commas, like 68500"
)
WRONG_CELL_COUNT = "Line {line}: the row has {found} cells; it needs 4"
DUPLICATE_ROW = (
    "Line {line}: {code}, {band}, {year} is also on line {first}; give each area, band and year "
    "once"
)
MISSING_ROWS = (
    "{code} has no figure for {missing}; give every age band for every year from {first} to {last}"
)
GAP_IN_YEARS = "The years must run without a gap; the file has {first} to {last} but not {missing}"
TOO_MANY_PROBLEMS = "and {more} more problems; correct these first"
NO_AREA_FIGURES = (
    "The population file has no figures for the area's local authorities ({codes}); upload "
    "a file that includes them"
)


class PopulationFileError(ValueError):
    """A population file that cannot be used; ``messages`` says why, line by line."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages[:3]))
        self.messages = messages


@dataclass(frozen=True)
class PopulationRow:
    local_authority_code: str
    age_band: str
    year: int
    population: int


def read_population_csv(content: bytes) -> list[PopulationRow]:
    """The rows of a population file, or :class:`PopulationFileError` listing every problem.

    >>> rows = read_population_csv(
    ...     b"local_authority_code,age_band,year,population\\n"
    ...     + b"".join(b"E08000027,%s,2026,10\\n" % band.encode() for band in POPULATION_BANDS)
    ... )
    >>> len(rows), rows[0].population
    (4, 10)
    >>> read_population_csv(b"local_authority_code,age_band,year,population\\nE1,0-17,2026,x\\n")
    Traceback (most recent call last):
    ...
    oneworkforce...PopulationFileError: Line 2: local_authority_code 'E1' ...

    Complexity: O(n) for n rows.
    """
    if len(content) > MAX_FILE_BYTES:
        raise PopulationFileError([TOO_BIG])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PopulationFileError([NOT_UTF8]) from error
    lines = list(csv.reader(io.StringIO(text)))
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise PopulationFileError([EMPTY_FILE])
    header = [cell.strip().lower() for cell in lines[0]]
    if sorted(header) != sorted(COLUMNS):
        raise PopulationFileError([WRONG_HEADER.format(found=", ".join(lines[0]) or "nothing")])
    position = {name: header.index(name) for name in COLUMNS}
    messages: list[str] = []
    rows: list[PopulationRow] = []
    seen: dict[tuple[str, str, int], int] = {}
    for line, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(COLUMNS):
            messages.append(WRONG_CELL_COUNT.format(line=line, found=len(cells)))
            continue
        row = _row(line, {name: cells[index].strip() for name, index in position.items()})
        if isinstance(row, list):
            messages.extend(row)
            continue
        key = (row.local_authority_code, row.age_band, row.year)
        if key in seen:
            messages.append(
                DUPLICATE_ROW.format(
                    line=line, code=key[0], band=key[1], year=key[2], first=seen[key]
                )
            )
            continue
        seen[key] = line
        rows.append(row)
    if not messages:
        messages.extend(_completeness(rows))
    if not rows and not messages:
        messages.append(EMPTY_FILE)
    if messages:
        shown = messages[:MAX_MESSAGES]
        if len(messages) > MAX_MESSAGES:
            shown.append(TOO_MANY_PROBLEMS.format(more=len(messages) - MAX_MESSAGES))
        raise PopulationFileError(shown)
    return rows


def _row(line: int, cells: dict[str, str]) -> PopulationRow | list[str]:
    problems = []
    code = cells["local_authority_code"].upper()
    if not LA_CODE.match(code):
        problems.append(BAD_CODE.format(line=line, value=cells["local_authority_code"]))
    band = cells["age_band"]
    if band not in POPULATION_BANDS:
        problems.append(BAD_BAND.format(line=line, value=band))
    year = _whole(cells["year"])
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        problems.append(BAD_YEAR.format(line=line, value=cells["year"]))
    population = _whole(cells["population"])
    if population is None or population < 0:
        problems.append(BAD_POPULATION.format(line=line, value=cells["population"]))
    if problems:
        return problems
    assert year is not None
    assert population is not None
    return PopulationRow(code, band, year, population)


def _whole(text: str) -> int | None:
    # A whole number, also when a spreadsheet wrote it as "68500.0".
    try:
        number = float(text)
    except ValueError:
        return None
    if not number.is_integer():
        return None
    return int(number)


def _completeness(rows: list[PopulationRow]) -> list[str]:
    if not rows:
        return []
    years = sorted({row.year for row in rows})
    first, last = years[0], years[-1]
    problems = [
        GAP_IN_YEARS.format(first=first, last=last, missing=year)
        for year in range(first, last + 1)
        if year not in set(years)
    ]
    present = {(row.local_authority_code, row.age_band, row.year) for row in rows}
    for code in sorted({row.local_authority_code for row in rows}):
        missing = [
            f"{band} in {year}"
            for year in years
            for band in POPULATION_BANDS
            if (code, band, year) not in present
        ]
        if missing:
            listed = ", ".join(missing[:5]) + (
                f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            )
            problems.append(MISSING_ROWS.format(code=code, missing=listed, first=first, last=last))
    return problems


def area_population(rows: Iterable[PopulationRow], *, codes: Iterable[str]) -> Population:
    """The population of the area made of the local authorities ``codes`` (summed), for
    every year the rows cover; :class:`PopulationFileError` if none of them is in the rows.

    >>> rows = [PopulationRow(code, band, year, 10) for code in ("E08000027", "E08000028")
    ...         for band in POPULATION_BANDS for year in (2026, 2027)]
    >>> area_population(rows, codes={"E08000027", "E08000028"}).counts[:, 0].tolist()
    [20.0, 20.0, 20.0, 20.0]
    """
    wanted = set(codes)
    chosen = [row for row in rows if row.local_authority_code in wanted]
    if not chosen:
        raise PopulationFileError([NO_AREA_FIGURES.format(codes=", ".join(sorted(wanted)))])
    years = tuple(sorted({row.year for row in chosen}))
    counts = np.zeros((len(POPULATION_BANDS), len(years)))
    band_index = {band: index for index, band in enumerate(POPULATION_BANDS)}
    year_index = {year: index for index, year in enumerate(years)}
    for row in chosen:
        counts[band_index[row.age_band], year_index[row.year]] += row.population
    return Population(years=years, counts=counts)
