from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import api_token_for, token_header
from oneworkforce.recruitment.vacancies import services
from oneworkforce.recruitment.vacancies.models import Vacancy, VacancyStatus
from oneworkforce.recruitment.vacancies.tests.factories import posted, site_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_site(employer_organisation):
    return site_of(employer_organisation)


def _client(organisation, role=Role.EMPLOYER_USER) -> Client:
    _, key = api_token_for(organisation=organisation, role=role)
    return Client(**token_header(key))


def _body(site, **overrides):
    body = {
        "site": site.pk,
        "job_role": "care-worker",
        "title": "Home care worker",
        "description": "Visiting people at home across Dudley.",
        "pay_kind": "hourly",
        "hourly_rate": "12.95",
        "contract_type": "permanent",
        "hours_per_week": "25",
        "shifts": ["mon-early", "tue-early", "wed-late"],
        "setting": "home_care",
        "check_level": 3,
        "closing_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "sick_pay": "statutory",
        "needs_driving_licence": True,
        "needs_car": True,
        "paid_travel_time": True,
        "qualifications": ["care-certificate"],
    }
    body.update(overrides)
    return body


class TestVacancyApi:
    def test_an_employer_token_posts_a_vacancy_at_its_own_site(
        self, employer_organisation, home_site
    ):
        client = _client(employer_organisation)

        response = client.post(
            reverse("api:vacancy-list"), _body(home_site), content_type="application/json"
        )

        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["status"] == "open"
        assert body["shifts"] == ["mon-early", "tue-early", "wed-late"]
        assert body["qualifications"] == ["care-certificate"]
        assert Vacancy.objects.get().organisation == employer_organisation

    def test_a_closing_date_in_the_past_is_refused_with_its_message(
        self, employer_organisation, home_site
    ):
        client = _client(employer_organisation)
        yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

        response = client.post(
            reverse("api:vacancy-list"),
            _body(home_site, closing_date=yesterday),
            content_type="application/json",
        )

        assert response.status_code == 400
        assert response.json()["errors"] == [
            {"field": "closing_date", "message": services.CLOSING_DATE_IN_PAST}
        ]
        assert not Vacancy.objects.exists()

    def test_another_employers_token_cannot_post_at_the_site(self, other_organisation, home_site):
        client = _client(other_organisation)

        response = client.post(
            reverse("api:vacancy-list"), _body(home_site), content_type="application/json"
        )

        assert response.status_code == 400
        assert response.json()["errors"][0]["message"] == services.SITE_NOT_YOURS
        assert not Vacancy.objects.exists()

    @pytest.mark.parametrize("role", [Role.ANALYST, Role.RECRUITMENT_ADVISER])
    def test_a_token_of_another_role_reads_but_cannot_post(self, role, partnership, home_site):
        client = _client(partnership, role)

        read = client.get(reverse("api:vacancy-list"))
        write = client.post(
            reverse("api:vacancy-list"), _body(home_site), content_type="application/json"
        )

        assert read.status_code == 200
        assert write.status_code == 403
        assert not Vacancy.objects.exists()

    def test_the_owning_employer_changes_the_title_alone(
        self, employer_actor, employer_organisation, home_site
    ):
        vacancy = posted(actor=employer_actor, site=home_site)
        client = _client(employer_organisation)

        response = client.patch(
            reverse("api:vacancy-detail", args=[vacancy.pk]),
            {"title": "Care assistant, nights"},
            content_type="application/json",
        )

        assert response.status_code == 200, response.json()
        vacancy.refresh_from_db()
        assert vacancy.title == "Care assistant, nights"
        assert vacancy.hours_per_week == 37.5

    def test_another_employer_cannot_change_it(self, employer_actor, other_organisation, home_site):
        vacancy = posted(actor=employer_actor, site=home_site)
        client = _client(other_organisation)

        response = client.patch(
            reverse("api:vacancy-detail", args=[vacancy.pk]),
            {"title": "Hijacked"},
            content_type="application/json",
        )

        assert response.status_code in {403, 404}
        vacancy.refresh_from_db()
        assert vacancy.title == "Care assistant"

    def test_another_employer_reads_an_open_vacancy_but_not_a_withdrawn_one(
        self, employer_actor, other_organisation, home_site
    ):
        live = posted(actor=employer_actor, site=home_site, title="Live")
        gone = posted(actor=employer_actor, site=home_site, title="Gone")
        services.vacancy_withdraw(
            actor=employer_actor,
            vacancy=gone,
            on_date=timezone.localdate(),
            recorded_at=timezone.now(),
        )
        client = _client(other_organisation)

        response = client.get(reverse("api:vacancy-list"))

        assert [row["id"] for row in response.json()["results"]] == [live.pk]
        assert client.get(reverse("api:vacancy-detail", args=[gone.pk])).status_code == 404
        assert Vacancy.objects.get(pk=gone.pk).status == VacancyStatus.WITHDRAWN


class TestVacancyApiSchema:
    def test_documents_reading_posting_and_changing_vacancies(self, client):
        schema = client.get(reverse("api:schema"), {"format": "json"}).json()

        assert set(schema["paths"]["/api/vacancies/"]) >= {"get", "post"}
        assert set(schema["paths"]["/api/vacancies/{id}/"]) >= {"get", "put", "patch"}
        write = schema["components"]["schemas"]["VacancyWriteRequest"]
        assert {"site", "job_role", "closing_date", "shifts"} <= set(write["required"])
