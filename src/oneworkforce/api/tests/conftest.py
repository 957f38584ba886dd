import pytest
from django.core.cache import cache

from oneworkforce.partners.tests.conftest import *  # noqa: F403


@pytest.fixture(autouse=True)
def fresh_throttle():
    """Anonymous calls are throttled per minute in a shared cache; each test starts afresh."""
    cache.clear()
    yield
    cache.clear()
