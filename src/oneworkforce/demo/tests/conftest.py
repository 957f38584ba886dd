import pytest

from oneworkforce.partners.tests.conftest import *  # noqa: F403


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    """The roster file goes under the test's own directory, not the project's ``var/``."""
    settings.VAR_DIR = tmp_path
    return tmp_path
