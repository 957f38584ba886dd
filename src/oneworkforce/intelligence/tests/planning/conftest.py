"""Planning tests start and end with no baseline kept in memory, so no figure leaks from one
test's returns into another's."""

from __future__ import annotations

import pytest

from oneworkforce.intelligence.planning import selectors


@pytest.fixture(autouse=True)
def _fresh_baselines():
    selectors._bases.clear()
    yield
    selectors._bases.clear()
