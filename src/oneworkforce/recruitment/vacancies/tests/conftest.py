from oneworkforce.partners.tests.conftest import *  # noqa: F403
