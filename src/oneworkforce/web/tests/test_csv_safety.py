"""``safe_cell``: no cell of a CSV the product writes starts a spreadsheet formula."""

from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.web.csv_safety import safe_cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TestSafeCell:
    @given(st.text())
    def test_never_returns_text_a_spreadsheet_would_run(self, text):
        result = safe_cell(text)

        assert not result.startswith(FORMULA_STARTS) or result.startswith("'")

    @given(st.sampled_from(FORMULA_STARTS), st.text())
    def test_keeps_the_text_after_the_quote(self, start, rest):
        assert safe_cell(start + rest) == "'" + start + rest

    @given(st.text().filter(lambda text: not text.startswith(FORMULA_STARTS)))
    def test_leaves_harmless_text_unchanged(self, text):
        assert safe_cell(text) == text

    @given(st.one_of(st.integers(), st.floats(allow_nan=False), st.none(), st.booleans()))
    def test_passes_values_that_are_not_text_unchanged(self, value):
        assert safe_cell(value) == value
