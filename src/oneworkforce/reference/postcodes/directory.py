"""Validate, normalise and locate UK postcodes offline, from data shipped in ``data/``.

The data (about 2.7 million postcodes) is memory-mapped on first use and stays open for the
life of the process; pages are read from disk as lookups touch them, and processes on one
machine share them through the page cache. Nothing here imports Django.

>>> place = lookup("dy11aa")
>>> place.postcode, place.local_authority_code, place.local_authority_name
('DY1 1AA', 'E08000027', 'Dudley')
>>> round(distance_km("DY1 1AA", "BD1 1AA"), 1)
144.6
"""

import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import numpy as np
from numpy.typing import ArrayLike

from oneworkforce.core.errors import DomainError
from oneworkforce.reference.postcodes import layout

__all__ = [
    "ATTRIBUTION",
    "EARTH_RADIUS_KM",
    "NOT_A_POSTCODE",
    "NO_LOCATION",
    "UNKNOWN_AUTHORITY",
    "UNKNOWN_POSTCODE",
    "InvalidPostcode",
    "Postcode",
    "PostcodeError",
    "PostcodeWithoutLocation",
    "UnknownAuthority",
    "UnknownPostcode",
    "authorities",
    "authority_name",
    "coordinates",
    "distance_km",
    "haversine_km",
    "lookup",
    "normalise",
    "postcodes_in_authority",
]

DATA_DIR: Final = Path(__file__).parent / "data"

# The licence (Open Government Licence v3.0) requires this text wherever the data is shown.
ATTRIBUTION: Final = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0.\n"
    "Contains OS data © Crown copyright and database right 2025.\n"
    "Contains Royal Mail data © Royal Mail copyright and database right 2025."
)

# The IUGG mean radius; the sphere's error against the ellipsoid (up to 0.5%) dwarfs the
# choice between this and the rounder 6371.
EARTH_RADIUS_KM: Final = 6371.0088

NOT_A_POSTCODE: Final = "Enter a real postcode, like DY1 1AA"
UNKNOWN_POSTCODE: Final = "{postcode} is not a known postcode"
NO_LOCATION: Final = "{postcode} has no map location; use the postcode of a nearby street"
UNKNOWN_AUTHORITY: Final = "{code} is not a local authority code in the postcode data"

_COMPACT: Final = re.compile(layout.COMPACT_PATTERN)


class PostcodeError(DomainError):
    """A postcode the product cannot use; ``message`` says what to do instead."""


class InvalidPostcode(PostcodeError):
    """The text does not have the shape of a UK postcode."""

    def __init__(self, text: str) -> None:
        super().__init__(NOT_A_POSTCODE)
        self.text = text


class UnknownPostcode(PostcodeError):
    """The postcode is well formed but not in the data: never issued, or issued recently."""

    def __init__(self, postcode: str) -> None:
        super().__init__(UNKNOWN_POSTCODE.format(postcode=postcode))
        self.postcode = postcode


class PostcodeWithoutLocation(PostcodeError):
    """The postcode is real but has no coordinates (mostly PO boxes and large-user codes)."""

    def __init__(self, postcode: str) -> None:
        super().__init__(NO_LOCATION.format(postcode=postcode))
        self.postcode = postcode


class UnknownAuthority(PostcodeError):
    """No postcode in the data lies in a local authority with this code."""

    def __init__(self, code: str) -> None:
        super().__init__(UNKNOWN_AUTHORITY.format(code=code))
        self.code = code


@dataclass(frozen=True, slots=True)
class Postcode:
    """One postcode as the data knows it.

    ``latitude`` and ``longitude`` (WGS84 degrees, to 5 decimal places, about 1 m) are
    ``None`` for the 1% of postcodes with no map location; such a postcode is still real and
    still valid in an address. ``local_authority_code`` is ``None`` where the ONS directory
    gives no district (mostly terminated postcodes).
    """

    postcode: str
    latitude: float | None
    longitude: float | None
    local_authority_code: str | None
    local_authority_name: str | None

    @property
    def has_location(self) -> bool:
        return self.latitude is not None


@dataclass(frozen=True, slots=True)
class _Tables:
    outward_index: dict[str, int]
    outward_start: list[int]
    outward_start_array: np.ndarray
    outward: np.ndarray
    inward: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    authority: np.ndarray
    authority_codes: list[str]
    authority_names: list[str]
    authority_index: dict[str, int]
    inward_text: list[str]
    inward_number: dict[str, int]


@functools.cache
def _tables() -> _Tables:
    """Open the data once per process; the large arrays are mapped, not read."""
    missing = [name for name in layout.ARRAY_FILES if not (DATA_DIR / name).exists()]
    if missing:
        raise FileNotFoundError(
            f"Postcode data {missing} missing from {DATA_DIR}: run "
            "python -m oneworkforce.reference.postcodes.build --source <postcodes.csv.gz>"
        )

    def mapped(name: str) -> np.ndarray:
        # A plain ndarray view of the map skips np.memmap's per-slice bookkeeping.
        array: np.ndarray = np.load(DATA_DIR / name, mmap_mode="r", allow_pickle=False)
        return array.view(np.ndarray)

    outward = np.load(DATA_DIR / "outward.npy", allow_pickle=False)
    outward_start = np.load(DATA_DIR / "outward_start.npy", allow_pickle=False)
    authorities_table = json.loads((DATA_DIR / layout.AUTHORITIES_FILE).read_text("utf-8"))
    codes = [row["code"] for row in authorities_table]
    inward_text = [layout.decode_inward(number) for number in range(layout.INWARD_CODES)]
    return _Tables(
        outward_index={code.decode(): index for index, code in enumerate(outward.tolist())},
        outward_start=outward_start.tolist(),
        outward_start_array=outward_start.astype(np.int64),
        outward=outward.astype(str),
        inward=mapped("inward.npy"),
        latitude=mapped("latitude.npy"),
        longitude=mapped("longitude.npy"),
        authority=mapped("authority.npy"),
        authority_codes=codes,
        authority_names=[row["name"] for row in authorities_table],
        authority_index={code: index for index, code in enumerate(codes)},
        inward_text=inward_text,
        inward_number={code: number for number, code in enumerate(inward_text)},
    )


def normalise(text: str) -> str:
    """Return the postcode in ``text`` as capitals with one space before the inward code.

    Accepts any case and any spacing, including none; refuses anything that cannot be a UK
    postcode. It checks the shape only: ``lookup`` says whether the postcode exists.

    >>> normalise(" dy11aa "), normalise("Sw1A  1aA"), normalise("b 3 3 2 t x")
    ('DY1 1AA', 'SW1A 1AA', 'B33 2TX')
    >>> normalise("DY1")
    Traceback (most recent call last):
    ...
    oneworkforce.reference.postcodes.directory.InvalidPostcode: Enter a real postcode, like DY1 1AA
    """
    # Checking for ASCII first keeps look-alikes out: the long s, U+017F, upper-cases to "S".
    compact = "".join(text.split()).upper() if text.isascii() else ""
    if not _COMPACT.match(compact):
        raise InvalidPostcode(text)
    return f"{compact[:-3]} {compact[-3:]}"


def _row(postcode: str) -> int:
    """Return the row of a normalised postcode; O(log n) within its outward code."""
    tables = _tables()
    outward = tables.outward_index.get(postcode[:-4])
    if outward is not None:
        start = tables.outward_start[outward]
        end = tables.outward_start[outward + 1]
        key = layout.encode_inward(postcode[-3:])
        row = start + int(tables.inward[start:end].searchsorted(key))
        if row < end and tables.inward[row] == key:
            return row
    raise UnknownPostcode(postcode)


def lookup(text: str) -> Postcode:
    """Find a postcode in any spacing or case; about 10 µs.

    >>> lookup("bd1 1aa")
    Postcode(postcode='BD1 1AA', latitude=53.79603, longitude=-1.7506,
             local_authority_code='E08000032', local_authority_name='Bradford')
    >>> lookup("DY1 1ZZ")
    Traceback (most recent call last):
    ...
    oneworkforce.reference.postcodes.directory.UnknownPostcode: DY1 1ZZ is not a known postcode

    Raises ``InvalidPostcode`` for text that is not shaped like a postcode and
    ``UnknownPostcode`` for a well-formed one the data does not hold.
    """
    postcode = normalise(text)
    tables = _tables()
    row = _row(postcode)
    latitude = int(tables.latitude[row])
    authority = int(tables.authority[row])
    located = latitude != layout.NO_COORDINATE
    named = authority != layout.NO_AUTHORITY
    return Postcode(
        postcode=postcode,
        latitude=latitude / layout.COORDINATE_SCALE if located else None,
        longitude=int(tables.longitude[row]) / layout.COORDINATE_SCALE if located else None,
        local_authority_code=tables.authority_codes[authority] if named else None,
        local_authority_name=tables.authority_names[authority] if named else None,
    )


def _located(text: str) -> tuple[float, float]:
    postcode = normalise(text)
    tables = _tables()
    row = _row(postcode)
    latitude = int(tables.latitude[row])
    if latitude == layout.NO_COORDINATE:
        raise PostcodeWithoutLocation(postcode)
    return latitude / layout.COORDINATE_SCALE, int(tables.longitude[row]) / layout.COORDINATE_SCALE


def distance_km(a: str, b: str) -> float:
    """Return the great-circle distance in km between two postcodes' centroids.

    >>> round(distance_km("dy1 1aa", "DY1 1AA"), 3)
    0.0
    >>> round(distance_km("SW1A 1AA", "EH1 1YZ"), 0)
    534.0

    Raises the errors of ``lookup``, and ``PostcodeWithoutLocation`` when either postcode has
    no coordinates. Straight-line distance understates travel, most of all across estuaries.
    """
    latitude_a, longitude_a = _located(a)
    latitude_b, longitude_b = _located(b)
    # math on floats is several times faster than NumPy on scalars.
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    half_dphi = (phi_b - phi_a) / 2
    half_dlambda = math.radians(longitude_b - longitude_a) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def haversine_km(
    latitude_a: ArrayLike, longitude_a: ArrayLike, latitude_b: ArrayLike, longitude_b: ArrayLike
) -> np.ndarray:
    """Great-circle distance in km between points given in degrees; arguments broadcast.

    For bulk work with the output of ``coordinates``: NaN in, NaN out.

    >>> round(float(haversine_km(0.0, 0.0, 0.0, 1.0)), 1)
    111.2
    >>> haversine_km(52.5119, -2.08843, [52.5119, 53.79603], [-2.08843, -1.7506]).round(1)
    array([  0. , 144.6])
    """
    phi_a, phi_b = np.radians(latitude_a), np.radians(latitude_b)
    half_dphi = (phi_b - phi_a) / 2
    half_dlambda = np.radians(np.subtract(longitude_b, longitude_a)) / 2
    h = np.sin(half_dphi) ** 2 + np.cos(phi_a) * np.cos(phi_b) * np.sin(half_dlambda) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, h))))


def coordinates(
    postcodes: Sequence[str], *, unknown: Literal["raise", "nan"] = "raise"
) -> np.ndarray:
    """Return an (n, 2) float array of latitude and longitude, one row per postcode.

    A postcode without a map location gives a row of NaN. A malformed or unknown postcode
    raises ``InvalidPostcode`` or ``UnknownPostcode`` (for the first one in the sequence), or
    with ``unknown="nan"`` gives NaN. It normalises exactly as ``normalise`` does, but in
    polars, and searches in NumPy, over all postcodes at once: 100,000 take about 0.1 s
    (the first call also imports polars).

    >>> coordinates(["DY1 1AA", "bd11aa", "nowhere"], unknown="nan")
    array([[52.5119 , -2.08843],
           [53.79603, -1.7506 ],
           [     nan,      nan]])
    """
    # Only bulk callers pay for importing polars.
    import polars as pl

    tables = _tables()
    text = pl.col("text")
    compact = pl.col("compact")
    frame = (
        pl.DataFrame({"text": list(postcodes)}, schema={"text": pl.Utf8})
        .with_columns(
            # normalise's rule: ASCII only, then without whitespace (str.split's ASCII set,
            # which adds \x1c-\x1f to regex's \s), then upper case.
            pl.when(text.str.contains(r"^[\x00-\x7F]*$"))
            .then(text.str.replace_all(r"[\s\x1C-\x1F]", "").str.to_uppercase())
            .alias("compact")
        )
        .with_columns(compact.str.contains(layout.COMPACT_PATTERN).fill_null(False).alias("valid"))
        .select(
            "valid",
            pl.when("valid")
            .then(compact.str.head(-3))
            .replace_strict(tables.outward_index, default=-1, return_dtype=pl.Int64)
            .alias("outward"),
            pl.when("valid")
            .then(compact.str.tail(3))
            .replace_strict(tables.inward_number, default=0, return_dtype=pl.Int64)
            .alias("key"),
        )
    )
    count = frame.height
    valid = frame["valid"].to_numpy()
    outward = frame["outward"].to_numpy()
    key = frame["key"].to_numpy()

    # A binary search per postcode within its outward code's rows, all in step: at most
    # log2(3,677) = 12 rounds, each a handful of NumPy operations over all n postcodes.
    known_outward = outward >= 0
    starts = tables.outward_start_array
    low = np.where(known_outward, starts[outward], 0)
    high = np.where(known_outward, starts[outward + 1], 0)
    end = high.copy()
    while (active := low < high).any():
        middle = (low + high) // 2
        smaller = tables.inward[np.where(active, middle, 0)] < key
        low = np.where(active & smaller, middle + 1, low)
        high = np.where(active & ~smaller, middle, high)
    row = np.minimum(low, len(tables.inward) - 1)
    found = (low < end) & (tables.inward[row] == key)
    if unknown == "raise" and not found.all():
        first = int(np.flatnonzero(~found)[0])
        if not valid[first]:
            raise InvalidPostcode(postcodes[first])
        raise UnknownPostcode(normalise(postcodes[first]))

    latitude = tables.latitude[row]
    longitude = tables.longitude[row]
    located = found & (latitude != layout.NO_COORDINATE)
    result = np.full((count, 2), np.nan)
    result[located, 0] = latitude[located] / layout.COORDINATE_SCALE
    result[located, 1] = longitude[located] / layout.COORDINATE_SCALE
    return result


def authorities() -> dict[str, str]:
    """Return every local authority district in the data, name by code.

    >>> authorities()["E08000027"]
    'Dudley'
    """
    tables = _tables()
    return dict(zip(tables.authority_codes, tables.authority_names, strict=True))


def authority_name(code: str) -> str:
    """Return a local authority district's name; the code itself where no name is known.

    >>> authority_name("E08000032")
    'Bradford'
    """
    tables = _tables()
    index = tables.authority_index.get(code)
    if index is None:
        raise UnknownAuthority(code)
    return tables.authority_names[index]


def postcodes_in_authority(code: str, *, located_only: bool = False) -> list[str]:
    """Return the postcodes in a local authority district, ordered by outward then inward code.

    With ``located_only`` it leaves out postcodes without a map location. It scans all
    postcodes once (about 5 ms) and builds one string per postcode found.

    >>> dudley = postcodes_in_authority("E08000027")
    >>> "DY1 1AA" in dudley and all(lookup(p).local_authority_name == "Dudley" for p in dudley[:50])
    True
    """
    tables = _tables()
    index = tables.authority_index.get(code)
    if index is None:
        raise UnknownAuthority(code)
    rows = np.flatnonzero(tables.authority == index)
    if located_only:
        rows = rows[tables.latitude[rows] != layout.NO_COORDINATE]
    outward = np.searchsorted(tables.outward_start_array, rows, side="right") - 1
    outward_codes = tables.outward[outward].tolist()
    inward_text = tables.inward_text
    return [
        f"{outward_code} {inward_text[number]}"
        for outward_code, number in zip(outward_codes, tables.inward[rows].tolist(), strict=True)
    ]
