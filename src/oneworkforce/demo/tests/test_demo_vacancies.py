"""The demo district's vacancies and campaigns: the same seed gives the same rows, every
status appears, the careers site has live jobs, and each campaign joins several employers."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.demo import services
from oneworkforce.recruitment.vacancies.models import Campaign, Vacancy, VacancyStatus

pytestmark = pytest.mark.django_db


def _load(seed: int = 5) -> services.DemoLoaded:
    return services.demo_district_load(
        size="small", seed=seed, replace=True, loaded_at=timezone.now(), with_returns=False
    )


def _rows() -> list[tuple]:
    return list(
        Vacancy.objects.order_by("pk").values_list(
            "organisation__name", "title", "status", "shifts", "hourly_rate", "posts"
        )
    )


class TestDemoVacancies:
    def test_the_same_seed_gives_the_same_vacancies(self):
        _load()
        first = _rows()

        _load()

        assert _rows() == first

    def test_every_status_appears_and_the_count_is_reported(self):
        loaded = _load()

        statuses = set(Vacancy.objects.values_list("status", flat=True))
        assert statuses == set(VacancyStatus.values)
        assert loaded.vacancies.vacancies == Vacancy.objects.count()
        assert loaded.vacancies.open == Vacancy.objects.filter(status="open").count()

    def test_open_vacancies_are_live_on_the_careers_site(self):
        _load()
        today = timezone.localdate()

        response = Client().get(reverse("careers:search"))

        live = Vacancy.objects.filter(status="open", closing_date__gte=today).count()
        assert live == Vacancy.objects.filter(status="open").count()
        assert response.context["page"].paginator.count == live > 0

    def test_each_campaign_joins_several_employers_and_shares_their_vacancies(self):
        _load()

        for campaign in Campaign.objects.all():
            employers = set(campaign.employers.values_list("pk", flat=True))
            assert len(employers) >= 2
            assert campaign.vacancies.exists()
            assert set(campaign.vacancies.values_list("organisation_id", flat=True)) <= employers
