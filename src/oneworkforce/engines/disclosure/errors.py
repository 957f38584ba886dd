"""Exceptions raised by the disclosure engine, each with its message beside it.

Callers show these messages to the person who built the output (an engineer or an
analyst), so each one names what is wrong and what to do about it.
"""

__all__ = [
    "AUDIT_FAILED",
    "DUPLICATE_CELL",
    "EMPTY_DIMENSION_VALUE",
    "INVALID_RULE",
    "MISSING_COLUMN",
    "NEGATIVE_COUNT",
    "NOT_A_WHOLE_NUMBER",
    "NO_DIMENSIONS",
    "NO_RULE_IN_FORCE",
    "PROTECTION_FAILED",
    "RESERVED_COLUMN",
    "UNKNOWN_CATEGORY",
    "UNKNOWN_DIMENSION",
    "UNKNOWN_METHOD",
    "UNKNOWN_TOTALS",
    "UNSUPPORTED_HIERARCHY",
    "UNSUPPORTED_ROWS",
    "WRONG_ROW_LENGTH",
    "AuditFailedError",
    "DisclosureError",
    "DuplicateCellError",
    "InvalidCountError",
    "InvalidRuleError",
    "InvalidTableError",
    "NoRuleInForceError",
    "ProtectionFailedError",
    "UnknownMethodError",
]


class DisclosureError(ValueError):
    """Base class for every error the disclosure engine raises."""


NEGATIVE_COUNT = (
    "{where}: the count {value!r} in '{column}' is negative; "
    "pass counts of people, which are zero or more"
)
NOT_A_WHOLE_NUMBER = (
    "{where}: the count {value!r} in '{column}' is not a whole number; "
    "pass counts of people, not rates, averages or empty values"
)


class InvalidCountError(DisclosureError):
    """A count is negative, fractional, empty or not a number."""


DUPLICATE_CELL = (
    "Rows {first} and {second} both give a count for {key}; "
    "add them up into one row before protecting the table"
)


class DuplicateCellError(DisclosureError):
    """Two input rows have the same dimension values."""


UNKNOWN_METHOD = "Unknown disclosure method {method!r}; use one of: {choices}"


class UnknownMethodError(DisclosureError):
    """A rule names a method the engine does not have."""


INVALID_RULE = "Rule {name!r}: {field} must be a whole number of at least 1, not {value!r}"


class InvalidRuleError(DisclosureError):
    """A rule has a threshold or rounding base that makes no sense."""


NO_RULE_IN_FORCE = (
    "No disclosure rule named {name!r} is in force on {on:%d %B %Y}; "
    "add one with an effective_from date on or before that day"
)


class NoRuleInForceError(DisclosureError):
    """No dated rule of that name applies on the day asked about."""


NO_DIMENSIONS = "Name at least one dimension column, for example dimensions=['partner']"
MISSING_COLUMN = "Row {row} has no column '{column}'; every row needs each dimension and the count"
WRONG_ROW_LENGTH = (
    "Row {row} has {length} values; a plain tuple row holds the dimensions then the count, "
    "{expected} values in all"
)
EMPTY_DIMENSION_VALUE = (
    "Row {row}: dimension '{column}' is empty; "
    "label unknown values explicitly, for example 'Not known'"
)
UNKNOWN_DIMENSION = "{argument} names '{name}', which is not one of the dimensions {dimensions}"
UNKNOWN_TOTALS = "totals must be True, False or a list of dimension names, not {totals!r}"
UNSUPPORTED_HIERARCHY = (
    "Hierarchy {hierarchy!r} is not a simple chain: each dimension may sit within one other "
    "dimension, and hold at most one"
)
UNKNOWN_CATEGORY = (
    "'{value}' in dimension '{column}' is not among the categories given for it; "
    "add it to categories or correct the data"
)
RESERVED_COLUMN = "Column name '{name}' is used by the protected table itself; rename it"
UNSUPPORTED_ROWS = (
    "Cannot read rows of type {kind}; pass a Polars DataFrame, a pandas DataFrame, "
    "or a list of dicts or tuples"
)


class InvalidTableError(DisclosureError):
    """The table's shape (columns, hierarchy, totals, categories) is inconsistent."""


PROTECTION_FAILED = (
    "Secondary suppression could not prove that {cells} hidden cell(s) are protected; "
    "nothing was published. Report this as a bug with the table's shape"
)


class ProtectionFailedError(DisclosureError):
    """The engine's own final check failed; the table must not be shown."""


AUDIT_FAILED = (
    "The audit could not solve for cell {cell}: {reason}. "
    "The published values may not add up; report this as a bug"
)


class AuditFailedError(DisclosureError):
    """The attacker's linear programme could not be solved."""
