"""The marker readers see in place of a hidden figure, the label for totals, and flags.

One marker for every renderer (pages, CSV, PDF, charts, the API) so that a reader who
meets ``[c]`` in a board report meets the same thing in a download. ``[c]`` ("confidential")
is the shorthand in the UK Government Analysis Function guidance on symbols in tables,
which ONS and many departments follow: square brackets cannot be mistaken for a footnote
mark or a significance star, and screen readers read them out.
"""

from enum import Enum, StrEnum

__all__ = ["MARKER", "TOTAL", "Flag", "Total"]

MARKER = "[c]"


class Total(Enum):
    """The label of a dimension in a total or subtotal cell ("all values of this dimension")."""

    TOTAL = "Total"

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return "TOTAL"


TOTAL = Total.TOTAL


class Flag(StrEnum):
    """Why a cell shows what it shows.

    The flag is for the product's own logic, tests and audit trails, never for readers:
    telling a reader which hidden cells are small (PRIMARY) and which are hidden only to
    protect them (SECONDARY) would let them undo the secondary suppression. Every hidden
    cell is shown to readers as :data:`MARKER` alike.
    """

    PUBLISHED = "published"
    """Shown as its true value."""
    PRIMARY = "primary"
    """Hidden because it is a small count (or reveals one)."""
    SECONDARY = "secondary"
    """Hidden so that a small count cannot be worked out from the totals."""
    ROUNDED = "rounded"
    """Shown rounded to the rule's base."""
    RATE_BASE_TOO_SMALL = "rate_base_too_small"
    """A rate, percentage, mean or median hidden because its group is small."""

    @property
    def hidden(self) -> bool:
        """True when readers see the marker instead of a number."""
        return self in _HIDDEN


_HIDDEN = frozenset({Flag.PRIMARY, Flag.SECONDARY, Flag.RATE_BASE_TOO_SMALL})
