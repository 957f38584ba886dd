"""The on-disk layout of the postcode data, shared by the build and the directory.

A postcode such as ``DY1 1AA`` splits into an outward code (``DY1``) and an inward code
(``1AA``). The data is grouped by outward code, like a compressed sparse row matrix:

- ``outward.npy``: the 3,000-odd outward codes, sorted, as fixed-width bytes;
- ``outward_start.npy``: for outward code ``k``, its postcodes are rows
  ``outward_start[k]`` up to ``outward_start[k + 1]`` of the arrays below (uint32);
- ``inward.npy``: each row's inward code as a number (see ``encode_inward``), sorted within
  its outward code, so a binary search over one outward code's rows finds a postcode (uint16);
- ``latitude.npy`` and ``longitude.npy``: WGS84 degrees times 100,000, rounded (int32), or
  ``NO_COORDINATE`` where the source gives none;
- ``authority.npy``: an index into ``authorities.json`` (uint16), or ``NO_AUTHORITY``;
- ``authorities.json``: the local authority district codes and names, in index order;
- ``manifest.json``: what the build read, kept and dropped, for audit.

Storing the inward code as a 2-byte number rather than the whole postcode as 7 bytes keeps
the committed data at about 33 MB instead of 46 MB (decision record 0030).
"""

from typing import Final

__all__ = [
    "ARRAY_FILES",
    "AUTHORITIES_FILE",
    "COMPACT_PATTERN",
    "COORDINATE_SCALE",
    "INWARD_CODES",
    "MANIFEST_FILE",
    "NO_AUTHORITY",
    "NO_COORDINATE",
    "decode_inward",
    "encode_inward",
]

# A postcode with its spaces removed: outward A9, A99, AA9, AA99, A9A or AA9A, then a digit
# and two letters. GIR 0AA (once Girobank's) is the one real postcode outside that shape.
COMPACT_PATTERN: Final = r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}|GIR0AA)$"

COORDINATE_SCALE: Final = 100_000
NO_COORDINATE: Final = -(2**31)
NO_AUTHORITY: Final = 2**16 - 1

INWARD_CODES: Final = 10 * 26 * 26
_A: Final = ord("A")

ARRAY_FILES: Final = (
    "outward.npy",
    "outward_start.npy",
    "inward.npy",
    "latitude.npy",
    "longitude.npy",
    "authority.npy",
)
AUTHORITIES_FILE: Final = "authorities.json"
MANIFEST_FILE: Final = "manifest.json"


def encode_inward(inward: str) -> int:
    """Number an inward code so that numeric order is alphabetical order.

    >>> encode_inward("0AA"), encode_inward("1AA"), encode_inward("9ZZ")
    (0, 676, 6759)

    The caller guarantees a digit and two capital letters, as ``COMPACT_PATTERN`` does.
    """
    return (ord(inward[0]) - 48) * 676 + (ord(inward[1]) - _A) * 26 + (ord(inward[2]) - _A)


def decode_inward(number: int) -> str:
    """Turn the number from ``encode_inward`` back into the inward code.

    >>> decode_inward(676)
    '1AA'
    >>> all(decode_inward(encode_inward(code)) == code for code in ("0AA", "5QT", "9ZZ"))
    True
    """
    digit, letters = divmod(number, 676)
    first, second = divmod(letters, 26)
    return f"{digit}{chr(_A + first)}{chr(_A + second)}"
