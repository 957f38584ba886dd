"""manage.py load_reference_data."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
class TestLoadReferenceDataCommand:
    def test_prints_the_counts_of_every_list_and_says_nothing_changed(self):
        out = StringIO()

        call_command("load_reference_data", stdout=out)

        printed = out.getvalue()
        assert "ascwds_job_roles" in printed
        assert "training_subjects" in printed
        assert "nothing changed" in printed
