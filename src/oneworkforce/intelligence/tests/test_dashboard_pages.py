"""The workforce dashboard and the partners' benchmarks: who may open them, that every
breakdown, filter, table download and chart answers, and that only partners sharing their
figures through an agreement in force are counted."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from itertools import product

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.engines.disclosure import DEFAULT_RULE
from oneworkforce.intelligence import metrics, workforce
from oneworkforce.intelligence.tests.factories import (
    REPORTING_DATE,
    STAFF_VALID,
    accepted_return,
    sample,
    signed_in,
)
from oneworkforce.intelligence.views.dashboard import BREAKDOWNS, SECTOR_FILTERS
from oneworkforce.partners import services as partners_services
from oneworkforce.partners.access import Actor, actor_for_user
from oneworkforce.partners.models import DataSharingAgreement
from oneworkforce.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# Every metric the engine defines has its figure on the dashboard.
METRIC_IDS = tuple(sorted(metrics.DEFINITIONS))
QUERIES = [{"by": by, "sector": sector} for by, sector in product(BREAKDOWNS, SECTOR_FILTERS)]
# In post on the reporting date: the care home's 14, the home care agency's 13 (its file has
# a line fewer) and the trust's 7 (8 people, one of whom left in February 2026).
PEOPLE_IN_THE_DISTRICT = 14 + 13 + 7
HOME_CARE_PEOPLE = 13


def chart_urls(html: str) -> set[str]:
    return {src.replace("&amp;", "&") for src in re.findall(r'<img src="([^"]+\.svg[^"]*)"', html)}


def headcount_on(actor: Actor, *, today) -> float | None:
    """The partnership's headcount on the reporting date as the dashboard computes it on
    ``today``."""
    scope = workforce.scope_for(actor=actor, as_of=REPORTING_DATE, today=today)
    frame, _ = workforce.frames(scope)
    return metrics.headcount(frame, as_of=REPORTING_DATE, rule=DEFAULT_RULE).total.value


class TestDashboard:
    @pytest.mark.parametrize("reader", ["analyst", "board_member", "admin"])
    def test_opens_for_the_readers_of_aggregates(self, district, reader):
        client = signed_in(getattr(district, reader))

        response = client.get(reverse("intelligence:dashboard"))

        assert response.status_code == 200
        assert f"of {len(district.providers)} partners" in response.content.decode()

    def test_is_refused_to_an_employer_user(self, district):
        client = signed_in(district.employers[district.care_home.pk])

        response = client.get(reverse("intelligence:dashboard"))

        assert response.status_code == 403

    def test_shows_every_figure_for_every_breakdown_and_sector_filter(self, district):
        client = signed_in(district.analyst)

        for query in QUERIES:
            response = client.get(reverse("intelligence:dashboard"), query)

            assert response.status_code == 200, query
            html = response.content.decode()
            missing = [m for m in METRIC_IDS if f'id="figure-{m}"' not in html]
            assert not missing, (query, missing)
            assert f'<option value="{query["by"]}" selected>' in html

    def test_offers_every_reporting_date(self, district):
        client = signed_in(district.analyst)

        response = client.get(reverse("intelligence:dashboard"))

        html = response.content.decode()
        assert '<option value="2026-03-31" selected>' in html
        assert '<option value="2025-12-31">' in html

    def test_every_table_downloads_as_csv_for_every_breakdown_and_sector_filter(self, district):
        client = signed_in(district.analyst)

        for query, metric_id in product(QUERIES, METRIC_IDS):
            response = client.get(reverse("intelligence:dashboard-csv", args=[metric_id]), query)

            assert response.status_code == 200, (query, metric_id)
            assert response["Content-Type"].startswith("text/csv")
            header = next(csv.reader(io.StringIO(response.content.decode())))
            unit = metrics.DEFINITIONS[metric_id].unit
            assert header[-1].endswith(f"({unit})"), (metric_id, header)

    def test_an_unknown_metric_has_no_csv(self, district):
        client = signed_in(district.analyst)

        response = client.get(reverse("intelligence:dashboard-csv", args=["no-such-metric"]))

        assert response.status_code == 404

    def test_every_chart_the_page_shows_is_an_svg_image(self, district):
        client = signed_in(district.analyst)

        for query in [{"by": by} for by in BREAKDOWNS] + [{"sector": s} for s in SECTOR_FILTERS]:
            page = client.get(reverse("intelligence:dashboard"), query)
            urls = chart_urls(page.content.decode())
            assert urls, query

            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, url
                assert response["Content-Type"] == "image/svg+xml"
                assert response.content.lstrip().startswith(b"<svg") or b"<svg" in response.content

    def test_a_figure_without_a_chart_answers_404(self, district):
        client = signed_in(district.analyst)
        page = client.get(reverse("intelligence:dashboard"))
        charted = {url.split("?")[0] for url in chart_urls(page.content.decode())}
        uncharted = [
            metric_id
            for metric_id in METRIC_IDS
            if reverse("intelligence:dashboard-chart", args=[metric_id]) not in charted
        ]

        answers = {
            metric_id: client.get(
                reverse("intelligence:dashboard-chart", args=[metric_id])
            ).status_code
            for metric_id in uncharted
        }

        assert uncharted
        assert set(answers.values()) == {404}


class TestBenchmarks:
    def test_open_for_every_employer_partner_with_every_breakdown_and_sector_filter(self, district):
        for provider in district.providers:
            client = signed_in(district.employers[provider.pk])

            for query in QUERIES:
                response = client.get(reverse("intelligence:benchmarks"), query)

                assert response.status_code == 200, (provider.name, query)
                assert provider.name in response.content.decode()

    def test_every_chart_they_show_is_an_svg_image_and_the_rest_answer_404(self, district):
        client = signed_in(district.employers[district.care_home.pk])
        page = client.get(reverse("intelligence:benchmarks"))
        charted = {url.split("?")[0] for url in chart_urls(page.content.decode())}
        ids = set(re.findall(r'id="figure-([a-z_0-9]+)"', page.content.decode()))

        answers = {
            metric_id: client.get(reverse("intelligence:benchmark-chart", args=[metric_id]))
            for metric_id in ids
        }

        assert ids
        for metric_id, response in answers.items():
            if reverse("intelligence:benchmark-chart", args=[metric_id]) in charted:
                assert response["Content-Type"] == "image/svg+xml", metric_id
            else:
                assert response.status_code == 404, metric_id

    @pytest.mark.parametrize("reader", ["analyst", "board_member", "admin"])
    def test_are_only_for_employer_users(self, district, reader):
        client = signed_in(getattr(district, reader))

        response = client.get(reverse("intelligence:benchmarks"))

        assert response.status_code == 403


class TestWhoseFiguresCount:
    def test_the_dashboard_counts_every_partner_sharing_its_figures(self, district):
        analyst = actor_for_user(district.analyst)

        headcount = headcount_on(analyst, today=timezone.localdate())

        assert headcount == PEOPLE_IN_THE_DISTRICT

    def test_an_ended_agreement_takes_the_partners_people_out_the_next_day(self, district):
        analyst = actor_for_user(district.analyst)
        last_day = timezone.localdate()
        partners_services.agreement_end(
            actor=actor_for_user(district.admin),
            agreement=DataSharingAgreement.objects.get(provider=district.home_care),
            end_date=last_day,
            ended_at=timezone.now(),
        )

        on_the_last_day = headcount_on(analyst, today=last_day)
        on_the_next_day = headcount_on(analyst, today=last_day + timedelta(days=1))

        assert on_the_last_day == PEOPLE_IN_THE_DISTRICT
        assert on_the_next_day == PEOPLE_IN_THE_DISTRICT - HOME_CARE_PEOPLE

    def test_an_ended_agreement_leaves_the_partner_out_of_the_scope(self, district):
        analyst = actor_for_user(district.analyst)
        yesterday = timezone.localdate() - timedelta(days=1)
        partners_services.agreement_end(
            actor=actor_for_user(district.admin),
            agreement=DataSharingAgreement.objects.get(provider=district.home_care),
            end_date=yesterday,
            ended_at=timezone.now(),
        )

        scope = workforce.scope_for(actor=analyst, as_of=REPORTING_DATE, today=timezone.localdate())

        assert district.home_care.pk not in scope.organisation_ids
        assert district.care_home.pk in scope.organisation_ids

    def test_a_partner_without_an_agreement_is_not_counted(self, district):
        stranger = OrganisationFactory(name="Unshared Care Ltd")
        returned = accepted_return(
            actor=actor_for_user(district.admin), organisation=stranger, content=sample(STAFF_VALID)
        )

        headcount = headcount_on(actor_for_user(district.analyst), today=timezone.localdate())

        assert returned.status == "accepted"
        assert headcount == PEOPLE_IN_THE_DISTRICT

    def test_the_dashboard_page_names_how_many_partners_it_counts(self, district):
        DataSharingAgreement.objects.filter(provider=district.trust).update(
            end_date=timezone.localdate() - timedelta(days=1)
        )
        client = signed_in(district.analyst)

        response = client.get(reverse("intelligence:dashboard"))

        assert f"of {len(district.providers) - 1} partners" in response.content.decode()
