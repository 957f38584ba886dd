"""Suite-wide test configuration, for the tests under tests/ and those beside the code in src/."""

import os
from collections.abc import Iterator

import pytest
from django.utils import translation
from hypothesis import HealthCheck, settings

# Two noisy cores in CI: no deadlines, and no flakiness from slow data generation.
settings.register_profile(
    "ci",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    max_examples=100,
)
settings.register_profile("dev", deadline=None, max_examples=50)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _site_language_between_tests() -> Iterator[None]:
    """Start every test in the site's language. Django leaves the language that a test
    client's request chose active in the thread afterwards, so without this a test that
    formats text outside a request would read Urdu or English by the order tests ran in."""
    yield
    translation.deactivate()
