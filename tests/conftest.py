"""Suite-wide test configuration."""

import os

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
