"""Spreadsheet formula injection: a cell that starts with = + - @ (or a tab or carriage
return) runs as a formula when a CSV is opened in a spreadsheet. Every CSV the product
writes passes its cells through here."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula; numbers pass unchanged.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_cell(-3)
    -3
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
