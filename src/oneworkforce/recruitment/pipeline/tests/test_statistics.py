"""The partnership's pipeline statistics: figures from the real rows, small numbers hidden in
the page and the CSV alike, and rates never shown where they would reveal a hidden count."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.engines.disclosure import MARKER
from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import member
from oneworkforce.recruitment.pipeline import services, statistics
from oneworkforce.recruitment.pipeline.tests.factories import applied
from oneworkforce.recruitment.tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelve_applied_six_shortlisted(employer_actor, vacancy):
    applications = [applied(CandidateFactory(), vacancy) for _ in range(12)]
    for application in applications[:6]:
        services.application_shortlist(
            actor=employer_actor, application=application, shortlisted_at=timezone.now()
        )
    return applications


def _row(report, label):
    return next(row for row in report if row.label == label)


class TestStageReport:
    def test_counts_each_stage_reached_and_the_conversion_between(
        self, twelve_applied_six_shortlisted, vacancy
    ):
        report = statistics.stage_report(by="employer")

        counts = _row(report.counts, vacancy.organisation.name).cells
        rates = _row(report.conversion, vacancy.organisation.name).cells
        assert counts[:3] == ["12", "6", "0"]
        assert rates[0] == "50.0"

    def test_hides_a_count_under_five_and_the_rate_that_would_reveal_it(
        self, employer_actor, vacancy
    ):
        applications = [applied(CandidateFactory(), vacancy) for _ in range(8)]
        for application in applications[:3]:
            services.application_shortlist(
                actor=employer_actor, application=application, shortlisted_at=timezone.now()
            )

        report = statistics.stage_report(by="employer")

        counts = _row(report.counts, vacancy.organisation.name).cells
        assert counts[:2] == ["8", MARKER]
        assert _row(report.conversion, vacancy.organisation.name).cells[0] == MARKER


class TestStatisticsPages:
    def test_an_analyst_reads_the_page_and_the_csv_holds_the_same_figures(
        self, partnership, twelve_applied_six_shortlisted, vacancy
    ):
        client = Client()
        client.force_login(member(role=Role.ANALYST, organisation=partnership))

        page = client.get(reverse("pipeline:statistics"), {"by": "role"})
        download = client.get(reverse("pipeline:statistics-csv"), {"by": "role"})

        assert page.status_code == 200
        rows = list(csv.reader(io.StringIO(download.content.decode())))
        assert rows[0][:3] == ["Job role", "Applied", "Shortlisted"]
        assert rows[1][:3] == [vacancy.job_role.name, "12", "6"]
        assert "Applications reaching each stage" in page.content.decode()
