"""Disclosure control: no small number about people ever leaves the product.

Every aggregate output (pages, CSV, PDF, charts, the API) passes its counts through
:func:`protect_counts` and its rates and averages through :func:`protect_rate`,
:func:`protect_mean`, :func:`protect_median` or :func:`protect_statistic`, then renders
``display`` (a number, or :data:`MARKER`) and the table's ``note``. See docs/disclosure.md.

Plain Python: no Django, and nothing else from the product (an import contract checks).
"""

from oneworkforce.engines.disclosure.checks import (
    Disclosure,
    find_disclosures,
    hidden_intervals,
    is_protected,
)
from oneworkforce.engines.disclosure.errors import (
    DisclosureError,
    DuplicateCellError,
    InvalidCountError,
    InvalidRuleError,
    InvalidTableError,
    NoRuleInForceError,
    ProtectionFailedError,
    UnknownMethodError,
)
from oneworkforce.engines.disclosure.markers import MARKER, TOTAL, Flag
from oneworkforce.engines.disclosure.notes import rate_note, table_note
from oneworkforce.engines.disclosure.protect import protect_counts
from oneworkforce.engines.disclosure.rates import (
    ProtectedValue,
    protect_mean,
    protect_median,
    protect_rate,
    protect_statistic,
)
from oneworkforce.engines.disclosure.rules import (
    DEFAULT_RULE,
    DisclosureRule,
    Method,
    select_rule,
)
from oneworkforce.engines.disclosure.table import Grid, ProtectedCell, ProtectedTable

__all__ = [
    "DEFAULT_RULE",
    "MARKER",
    "TOTAL",
    "Disclosure",
    "DisclosureError",
    "DisclosureRule",
    "DuplicateCellError",
    "Flag",
    "Grid",
    "InvalidCountError",
    "InvalidRuleError",
    "InvalidTableError",
    "Method",
    "NoRuleInForceError",
    "ProtectedCell",
    "ProtectedTable",
    "ProtectedValue",
    "ProtectionFailedError",
    "UnknownMethodError",
    "find_disclosures",
    "hidden_intervals",
    "is_protected",
    "protect_counts",
    "protect_mean",
    "protect_median",
    "protect_rate",
    "protect_statistic",
    "rate_note",
    "select_rule",
    "table_note",
]
