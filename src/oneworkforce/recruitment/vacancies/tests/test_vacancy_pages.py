from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.tests.conftest import shows
from oneworkforce.recruitment.vacancies import services
from oneworkforce.recruitment.vacancies.models import Vacancy, VacancyStatus
from oneworkforce.recruitment.vacancies.tests.factories import posted, site_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_site(employer_organisation):
    return site_of(employer_organisation, name="Netherton Lodge")


def _form(site, **overrides):
    closing = timezone.localdate() + timedelta(days=21)
    data = {
        "site": site.pk,
        "job_role": "",
        "title": "Night care assistant",
        "description": "Nights with our residents.",
        "pay_kind": "hourly",
        "hourly_rate": "13.10",
        "contract_type": "permanent",
        "hours_per_week": "30",
        "shifts": ["fri-night", "sat-night", "sun-night"],
        "setting": "residential",
        "check_level": "4",
        "minimum_age": "18",
        "closing_date": f"{closing:%d/%m/%Y}",
        "posts": "2",
        "sick_pay": "statutory",
        "charter_points": ["paid_travel"],
    }
    from oneworkforce.recruitment.vacancies.tests.factories import care_worker

    data["job_role"] = care_worker().pk
    data.update(overrides)
    return data


class TestPostingPage:
    def test_an_employer_posts_a_vacancy_and_sees_it(self, employer_client, home_site):
        response = employer_client.post(reverse("vacancies:post"), _form(home_site), follow=True)

        vacancy = Vacancy.objects.get()
        assert vacancy.title == "Night care assistant"
        assert vacancy.status == VacancyStatus.OPEN
        assert response.redirect_chain[-1][0] == reverse("vacancies:detail", args=[vacancy.pk])
        assert shows(response, "Vacancy posted")

    def test_a_closing_date_in_the_past_is_shown_beside_the_field_and_nothing_is_saved(
        self, employer_client, home_site
    ):
        last_week = timezone.localdate() - timedelta(days=7)

        response = employer_client.post(
            reverse("vacancies:post"), _form(home_site, closing_date=f"{last_week:%d/%m/%Y}")
        )

        assert response.status_code == 200
        assert shows(response, services.CLOSING_DATE_IN_PAST)
        assert 'href="#id_closing_date"' in response.content.decode()
        assert not Vacancy.objects.exists()

    def test_no_shift_ticked_is_refused_with_a_link_to_the_first_box(
        self, employer_client, home_site
    ):
        form = _form(home_site)
        del form["shifts"]

        response = employer_client.post(reverse("vacancies:post"), form)

        assert shows(response, "Choose at least one shift the job works")
        assert 'href="#id_shifts_0"' in response.content.decode()
        assert not Vacancy.objects.exists()

    def test_offers_only_the_employers_own_sites(
        self, employer_client, home_site, other_organisation
    ):
        theirs = site_of(other_organisation, name="Somebody Else's Home")

        response = employer_client.get(reverse("vacancies:post"))

        assert shows(response, home_site.name)
        assert not shows(response, theirs.name)


class TestChangingAVacancy:
    def test_another_employer_cannot_open_the_edit_page(
        self, employer_actor, home_site, other_organisation_client
    ):
        vacancy = posted(actor=employer_actor, site=home_site)

        response = other_organisation_client.get(reverse("vacancies:edit", args=[vacancy.pk]))

        assert response.status_code == 404

    def test_the_employer_saves_a_change(self, employer_actor, employer_client, home_site):
        vacancy = posted(actor=employer_actor, site=home_site)

        employer_client.post(
            reverse("vacancies:edit", args=[vacancy.pk]), _form(home_site, title="Nights, 3 posts")
        )

        vacancy.refresh_from_db()
        assert vacancy.title == "Nights, 3 posts"

    def test_the_employer_marks_it_filled(self, employer_actor, employer_client, home_site):
        vacancy = posted(actor=employer_actor, site=home_site)

        employer_client.post(
            reverse("vacancies:status", args=[vacancy.pk]),
            {"status": "filled", "on_date": f"{timezone.localdate():%d/%m/%Y}"},
        )

        vacancy.refresh_from_db()
        assert vacancy.status == VacancyStatus.FILLED

    def test_a_future_date_is_refused_beside_the_date_field(
        self, employer_actor, employer_client, home_site
    ):
        vacancy = posted(actor=employer_actor, site=home_site)
        tomorrow = timezone.localdate() + timedelta(days=1)

        response = employer_client.post(
            reverse("vacancies:status", args=[vacancy.pk]),
            {"status": "closed", "on_date": f"{tomorrow:%d/%m/%Y}"},
        )

        assert shows(response, services.EVENT_DATE_IN_FUTURE)
        assert 'href="#id_on_date"' in response.content.decode()
        vacancy.refresh_from_db()
        assert vacancy.status == VacancyStatus.OPEN


class TestVacancyList:
    def test_another_employer_sees_an_open_vacancy_but_not_a_withdrawn_one(
        self, employer_actor, home_site, other_organisation_client
    ):
        live = posted(actor=employer_actor, site=home_site, title="Live job")
        gone = posted(actor=employer_actor, site=home_site, title="Gone job")
        services.vacancy_withdraw(
            actor=employer_actor,
            vacancy=gone,
            on_date=timezone.localdate(),
            recorded_at=timezone.now(),
        )

        response = other_organisation_client.get(reverse("vacancies:list"))

        assert shows(response, live.title)
        assert not shows(response, gone.title)
        assert (
            other_organisation_client.get(reverse("vacancies:detail", args=[gone.pk])).status_code
            == 404
        )
