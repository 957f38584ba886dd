"""The partnership's pipeline statistics: figures from the real rows, small numbers hidden in
the page and the CSV alike, and rates never shown where they would reveal a hidden count."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.engines.disclosure import MARKER
from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import member
from oneworkforce.recruitment.models import EqualityMonitoring
from oneworkforce.recruitment.pipeline import services, statistics
from oneworkforce.recruitment.pipeline.models import Application, Stage
from oneworkforce.recruitment.pipeline.tests.factories import applied, taken_to
from oneworkforce.recruitment.tests.factories import CandidateFactory
from oneworkforce.recruitment.vacancies.tests.factories import campaign, posted, site_of

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

    def test_counts_an_application_under_each_campaign_its_vacancy_is_in(
        self, employer_organisation, vacancy
    ):
        winter = campaign(employers=[employer_organisation], name="Winter drive")
        spring = campaign(employers=[employer_organisation], name="Spring drive")
        campaign(employers=[employer_organisation], name="Unused drive")
        winter.vacancies.add(vacancy)
        spring.vacancies.add(vacancy)
        for _ in range(6):
            applied(CandidateFactory(), vacancy)

        report = statistics.stage_report(by="campaign")

        assert [row.label for row in report.counts] == ["Spring drive", "Winter drive", "Total"]
        assert _row(report.counts, "Winter drive").cells[0] == "6"
        assert _row(report.counts, "Spring drive").cells[0] == "6"

    def test_a_late_evening_application_counts_in_the_partnerships_own_quarter(self, vacancy):
        # 23:30 on 30 June in UTC is 00:30 on 1 July in the UK (summer time): the third quarter.
        late = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
        for application in [applied(CandidateFactory(), vacancy) for _ in range(6)]:
            Application.objects.filter(pk=application.pk).update(created_at=late)

        report = statistics.stage_report(by="quarter")

        assert [row.label for row in report.counts] == ["2026 Q3", "Total"]
        assert report.counts[0].cells[0] == "6"


class TestMedianDays:
    def test_gives_the_median_days_between_stages_and_hides_it_for_too_few(
        self, employer_actor, vacancy
    ):
        applications = [applied(CandidateFactory(), vacancy) for _ in range(7)]
        for days, application in zip([2, 3, 3, 4, 9, 3], applications, strict=False):
            services.application_shortlist(
                actor=employer_actor,
                application=application,
                shortlisted_at=application.stage_at + timedelta(days=days),
            )

        medians = {median.label: median for median in statistics.median_days()}

        assert medians["Applied to Shortlisted"].days == "3"
        assert medians["Applied to Shortlisted"].people == 6
        assert medians["Shortlisted to Interview booked"].days == MARKER


class TestEquality:
    def test_an_applicant_is_counted_at_their_age_on_the_day_they_applied(self, vacancy):
        # Born in December, applying in June: 49, though 50 by the end of the year.
        applications = [
            applied(CandidateFactory(date_of_birth=date(1976, 12, 15)), vacancy) for _ in range(6)
        ]
        Application.objects.filter(pk__in=[a.pk for a in applications]).update(
            created_at=datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
        )

        groups = {(g.characteristic, g.group) for g in statistics.equality().groups}

        assert ("Mature applicants (50 and over)", "Under 50") in groups
        assert ("Age band", "35 to 49") in groups
        assert ("Mature applicants (50 and over)", "50 and over") not in groups


class TestRetention:
    def test_counts_those_confirmed_in_post_once_their_months_have_come(
        self, employer_actor, employer_organisation
    ):
        vacancy = posted(actor=employer_actor, site=site_of(employer_organisation), posts=15)
        starters = [
            taken_to(
                Stage.STARTED,
                candidate=CandidateFactory(),
                vacancy=vacancy,
                actor=employer_actor,
                at=timezone.now() - timedelta(days=200),
            )
            for _ in range(15)
        ]
        for starter in starters[:9]:
            services.retention_confirm(
                actor=employer_actor,
                application=starter,
                months=3,
                recorded_at=timezone.now(),
            )

        three_months = statistics.retention(today=timezone.localdate())[0]

        assert (three_months.months, three_months.due, three_months.retained) == (3, "15", "9")
        assert three_months.rate == "60.0"


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


def test_the_equality_breakdown_is_empty_before_anyone_applies():
    # Registered, with equality answers, but no application yet.
    EqualityMonitoring.objects.create(candidate=CandidateFactory(), sex="female")

    assert statistics.equality().groups == ()
