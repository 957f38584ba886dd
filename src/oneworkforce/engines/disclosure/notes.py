"""The note that explains the marker to readers, written from the rule actually applied."""

from oneworkforce.engines.disclosure.markers import MARKER
from oneworkforce.engines.disclosure.rules import DisclosureRule, Method

__all__ = ["rate_note", "table_note"]


def _small_range(rule: DisclosureRule) -> str | None:
    low = 0 if rule.suppress_zeros else 1
    high = rule.threshold - 1
    if high < low:
        return None
    if high == low:
        return f"Figures of {low}"
    return f"Figures between {low} and {high}"


def table_note(rule: DisclosureRule, *, secondary: bool) -> str:
    """Explain a protected table: what is hidden, why, and how totals behave.

    >>> from oneworkforce.engines.disclosure.rules import DEFAULT_RULE
    >>> table_note(DEFAULT_RULE, secondary=True)
    'Figures between 1 and 4 are hidden as [c] to protect privacy; some other figures are hidden so those cannot be worked out from totals.'
    >>> table_note(DisclosureRule(name="ons", threshold=10, method=Method.ROUND), secondary=False)
    'Figures are rounded to the nearest 5, and figures between 1 and 9 are hidden as [c], to protect privacy. Totals are rounded from the unrounded figures, so they may not equal the sum of the figures shown.'
    """  # noqa: E501
    small = _small_range(rule)
    if rule.method is Method.ROUND:
        rounded = f"Figures are rounded to the nearest {rule.rounding_base}"
        hidden = f", and {small.lower()} are hidden as {MARKER}," if small else ""
        return (
            f"{rounded}{hidden} to protect privacy. Totals are rounded from the unrounded "
            "figures, so they may not equal the sum of the figures shown."
        )
    if small is None:
        return "No figures are hidden."
    note = f"{small} are hidden as {MARKER} to protect privacy"
    if secondary:
        note += "; some other figures are hidden so those cannot be worked out from totals"
    return note + "."


def rate_note(rule: DisclosureRule) -> str:
    """Explain hidden rates, percentages, means and medians.

    >>> from oneworkforce.engines.disclosure.rules import DEFAULT_RULE
    >>> rate_note(DEFAULT_RULE)
    'Rates and averages are hidden as [c] when they are based on fewer than 5 people, or would reveal a count between 1 and 4.'
    """  # noqa: E501
    small = _small_range(rule)
    reveal = f", or would reveal a count {small.split(' ', 1)[1]}" if small else ""
    return (
        f"Rates and averages are hidden as {MARKER} when they are based on fewer than "
        f"{rule.threshold} {'person' if rule.threshold == 1 else 'people'}{reveal}."
    )
