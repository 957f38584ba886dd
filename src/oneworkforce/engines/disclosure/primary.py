"""Primary suppression: which cells are small counts."""

import numpy as np
import numpy.typing as npt

from oneworkforce.engines.disclosure.rules import DisclosureRule

__all__ = ["primary_mask"]


def primary_mask(values: npt.NDArray[np.int64], rule: DisclosureRule) -> npt.NDArray[np.bool_]:
    """True for every count the rule calls small (1 to threshold - 1; and 0 if asked).

    >>> from oneworkforce.engines.disclosure.rules import DEFAULT_RULE
    >>> primary_mask(np.array([0, 1, 4, 5, 12]), DEFAULT_RULE).tolist()
    [False, True, True, False, False]

    Complexity: linear in the number of cells.
    """
    small = values < rule.threshold
    if not rule.suppress_zeros:
        small &= values > 0
    return small
