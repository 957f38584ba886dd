"""Production settings: Django's deployment check passes, and a missing key stops start-up."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[4]


def manage(*arguments, tmp_path, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "OW_", "PYTEST")) and key not in {"SECRET_KEY", "DEBUG"}
    }
    env.update(
        PYTHONPATH=str(PROJECT_DIR / "src"),
        DJANGO_SETTINGS_MODULE="oneworkforce.config.settings",
        OW_VAR_DIR=str(tmp_path),
        DEBUG="0",
        ALLOWED_HOSTS="example.org",
        OW_TESTING="0",
        **environment,
    )
    # The command line is built from constants and this interpreter, not from input.
    return subprocess.run(  # noqa: S603
        [sys.executable, str(PROJECT_DIR / "manage.py"), *arguments],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
class TestProductionSettings:
    def test_the_deployment_check_reports_no_issue(self, tmp_path):
        result = manage(
            "check",
            "--deploy",
            "--fail-level",
            "DEBUG",
            tmp_path=tmp_path,
            SECRET_KEY=secrets.token_urlsafe(48)[:50],
        )

        assert result.returncode == 0, result.stderr
        assert "System check identified no issues" in result.stdout

    def test_refuses_to_start_without_a_secret_key(self, tmp_path):
        result = manage("check", tmp_path=tmp_path)

        assert result.returncode != 0
        assert (
            "Set SECRET_KEY in the environment: with DEBUG off there is no default key."
            in result.stderr
        )
