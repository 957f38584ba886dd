"""What can go wrong when a metric is asked for, with the messages beside the exceptions.

Each message says what to change. Tests import the constants rather than repeating the text.
"""

__all__ = [
    "AS_OF_MISMATCH",
    "BAD_VALUES",
    "MISSING_COLUMN",
    "MISSING_VALUES",
    "NO_SUCH_PARTNER",
    "UNKNOWN_CHARACTERISTIC",
    "UNKNOWN_DIMENSION",
    "VACANCY_DIMENSION",
    "WRONG_TYPE",
    "FrameError",
    "MetricRequestError",
    "MetricsError",
]

MISSING_COLUMN = (
    "The {frame} frame has no column '{column}'. Add it, of type {dtype}; "
    "empty_{frame}_frame() shows every column and its type."
)
WRONG_TYPE = (
    "The {frame} frame's column '{column}' is of type {actual}; it must be {expected}. "
    "Cast it, for example with pl.col('{column}').cast(pl.{expected})."
)
MISSING_VALUES = (
    "The {frame} frame's column '{column}' is empty in {count} row(s); every row needs one."
)
BAD_VALUES = (
    "The {frame} frame's column '{column}' holds {values}; use only {allowed} (or leave it empty)."
)
UNKNOWN_DIMENSION = "A metric cannot be broken down by '{name}'. Use one of: {allowed}."
VACANCY_DIMENSION = (
    "Vacancies are returned per workplace, not per role or person, so the vacancy rate can be "
    "broken down only by: {allowed}. '{name}' is not one of them."
)
UNKNOWN_CHARACTERISTIC = (
    "'{name}' is not a characteristic this profile shows. Use one of: {allowed}."
)
AS_OF_MISMATCH = (
    "This workforce was prepared for {prepared}, not {asked}. Prepare the frame again for "
    "{asked}, or ask for {prepared}."
)
NO_SUCH_PARTNER = (
    "No partner with organisation_id '{partner}' holds posts in the frame. Choose one of the "
    "frame's organisation_id values."
)


class MetricsError(ValueError):
    """Base of the errors raised by the workforce metrics."""


class FrameError(MetricsError):
    """A workforce or workplaces frame is missing a column, has a wrong type or a bad value."""


class MetricRequestError(MetricsError):
    """A metric was asked for in a way it cannot answer (an unknown breakdown or partner)."""
