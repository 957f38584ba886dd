from oneworkforce.recruitment.tests.conftest import *  # noqa: F403
