from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.tests.conftest import shows
from oneworkforce.recruitment.vacancies import services
from oneworkforce.recruitment.vacancies.forms import (
    ENTER_A_REAL_POSTCODE,
    POSTCODE_FOR_DISTANCE,
    POSTCODE_NOT_KNOWN,
)
from oneworkforce.recruitment.vacancies.tests.factories import (
    NIGHTS_AT_WEEKENDS,
    campaign,
    posted,
    site_of,
)
from oneworkforce.reference import postcodes
from oneworkforce.reference.models import JobRole

pytestmark = pytest.mark.django_db


def _located(postcode: str) -> dict[str, object]:
    place = postcodes.lookup(postcode)
    return {"postcode": place.postcode, "latitude": place.latitude, "longitude": place.longitude}


# Dudley town centre, and Halesowen a few kilometres south-east of it.
DUDLEY = _located("DY1 1HF")
HALESOWEN = _located("B63 3BL")
LD_JSON = re.compile(
    r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', re.DOTALL
)


@pytest.fixture
def visitor() -> Client:
    return Client()


@pytest.fixture
def dudley_site(employer_organisation):
    return site_of(employer_organisation, name="Dudley home", town="Dudley", **DUDLEY)


@pytest.fixture
def halesowen_site(other_organisation):
    return site_of(other_organisation, name="Halesowen office", town="Halesowen", **HALESOWEN)


@pytest.fixture
def other_actor(other_organisation_user):
    from oneworkforce.partners.access import actor_for_user

    return actor_for_user(other_organisation_user)


def _titles(response) -> list[str]:
    return [found.vacancy.title for found in response.context["page"]]


class TestCareersSearch:
    def test_shows_live_vacancies_to_a_visitor_who_has_not_signed_in(
        self, visitor, employer_actor, dudley_site
    ):
        live = posted(actor=employer_actor, site=dudley_site, title="Care assistant, days")
        withdrawn = posted(actor=employer_actor, site=dudley_site, title="Withdrawn job")
        services.vacancy_withdraw(
            actor=employer_actor,
            vacancy=withdrawn,
            on_date=timezone.localdate(),
            recorded_at=timezone.now(),
        )

        response = visitor.get(reverse("careers:search"))

        assert response.status_code == 200
        assert _titles(response) == [live.title]

    def test_leaves_out_a_vacancy_whose_closing_date_has_passed(
        self, visitor, employer_actor, dudley_site
    ):
        vacancy = posted(actor=employer_actor, site=dudley_site)
        type(vacancy).objects.filter(pk=vacancy.pk).update(
            closing_date=timezone.localdate() - timedelta(days=1)
        )

        response = visitor.get(reverse("careers:search"))

        assert _titles(response) == []

    def test_sorts_by_distance_from_a_postcode_and_says_how_far(
        self, visitor, employer_actor, other_actor, dudley_site, halesowen_site
    ):
        posted(actor=employer_actor, site=dudley_site, title="Dudley job")
        posted(actor=other_actor, site=halesowen_site, title="Halesowen job")

        response = visitor.get(reverse("careers:search"), {"postcode": "b63 3bl"})

        apart = postcodes.distance_km("B63 3BL", "DY1 1HF")
        assert _titles(response) == ["Halesowen job", "Dudley job"]
        assert shows(response, f"Dudley: {apart:.1f} km away")
        assert shows(response, postcodes.ATTRIBUTION.splitlines()[0])

    def test_keeps_only_vacancies_within_the_distance_chosen(
        self, visitor, employer_actor, other_actor, dudley_site, halesowen_site
    ):
        posted(actor=employer_actor, site=dudley_site, title="Dudley job")
        posted(actor=other_actor, site=halesowen_site, title="Halesowen job")

        response = visitor.get(reverse("careers:search"), {"postcode": "DY1 1HF", "within": "5"})

        assert _titles(response) == ["Dudley job"]

    def test_asks_for_a_postcode_when_a_distance_is_chosen_without_one(self, visitor):
        response = visitor.get(reverse("careers:search"), {"within": "5"})

        assert shows(response, POSTCODE_FOR_DISTANCE)

    def test_says_what_to_do_about_a_postcode_that_is_not_one(self, visitor):
        response = visitor.get(reverse("careers:search"), {"postcode": "NOT A CODE"})

        assert shows(response, ENTER_A_REAL_POSTCODE)

    def test_says_which_postcode_it_does_not_know(self, visitor):
        response = visitor.get(reverse("careers:search"), {"postcode": "dy1 1zz"})

        assert shows(response, POSTCODE_NOT_KNOWN % {"postcode": "DY1 1ZZ"})

    def test_filters_by_role_hours_shift_and_setting(self, visitor, employer_actor, dudley_site):
        nurse = JobRole.objects.get(key="registered-nurse")
        posted(actor=employer_actor, site=dudley_site, title="Weekday care assistant")
        posted(
            actor=employer_actor,
            site=dudley_site,
            title="Weekend night nurse",
            job_role=nurse,
            shifts=NIGHTS_AT_WEEKENDS,
            hours_per_week=16,
            setting="nursing",
        )

        by_role = visitor.get(reverse("careers:search"), {"job_role": nurse.pk})
        by_hours = visitor.get(reverse("careers:search"), {"hours": "30-or-more"})
        by_shift = visitor.get(reverse("careers:search"), {"shift": ["night"]})
        by_setting = visitor.get(reverse("careers:search"), {"setting": "residential"})

        assert _titles(by_role) == ["Weekend night nurse"]
        assert _titles(by_hours) == ["Weekday care assistant"]
        assert _titles(by_shift) == ["Weekend night nurse"]
        assert _titles(by_setting) == ["Weekday care assistant"]


class TestCareersVacancyPage:
    def test_carries_job_posting_structured_data_in_a_script_with_the_pages_nonce(
        self, visitor, employer_actor, dudley_site
    ):
        vacancy = posted(actor=employer_actor, site=dudley_site, title="Care assistant <days>")

        response = visitor.get(reverse("careers:vacancy", args=[vacancy.pk]))

        nonce, payload = LD_JSON.search(response.content.decode()).groups()
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        assert "<days>" not in payload
        posting = json.loads(payload)
        assert posting["@type"] == "JobPosting"
        assert posting["title"] == "Care assistant <days>"
        assert posting["hiringOrganization"]["name"] == vacancy.organisation.name
        assert posting["jobLocation"]["address"]["postalCode"] == "DY1 1HF"
        assert posting["baseSalary"]["value"] == {
            "@type": "QuantitativeValue",
            "value": 12.9,
            "unitText": "HOUR",
        }
        assert posting["validThrough"].startswith(vacancy.closing_date.isoformat())
        assert posting["employmentType"] == ["FULL_TIME"]

    def test_sends_a_visitor_to_register_with_the_recruitment_team_to_apply(
        self, visitor, employer_actor, dudley_site
    ):
        vacancy = posted(actor=employer_actor, site=dudley_site)

        response = visitor.get(reverse("careers:vacancy", args=[vacancy.pk]))

        assert f'href="{reverse("recruitment:register")}"' in response.content.decode()
        assert shows(response, "Register your interest")

    def test_is_not_found_once_the_vacancy_is_filled(self, visitor, employer_actor, dudley_site):
        vacancy = posted(actor=employer_actor, site=dudley_site)
        services.vacancy_fill(
            actor=employer_actor,
            vacancy=vacancy,
            on_date=timezone.localdate(),
            recorded_at=timezone.now(),
        )

        response = visitor.get(reverse("careers:vacancy", args=[vacancy.pk]))

        assert response.status_code == 404


class TestFeed:
    def test_lists_every_live_vacancy_as_a_job_posting(
        self, visitor, employer_actor, other_actor, dudley_site, halesowen_site
    ):
        first = posted(actor=employer_actor, site=dudley_site, title="Dudley job")
        second = posted(actor=other_actor, site=halesowen_site, title="Halesowen job")

        response = visitor.get(reverse("careers:feed"))

        feed = response.json()
        assert response["Content-Type"].startswith("application/ld+json")
        assert feed["@type"] == "ItemList"
        assert feed["numberOfItems"] == 2
        items = [element["item"] for element in feed["itemListElement"]]
        assert [item["title"] for item in items] == [first.title, second.title]
        assert items[0]["url"].endswith(reverse("careers:vacancy", args=[first.pk]))


class TestCampaignPage:
    def test_shows_the_campaigns_employers_and_only_its_vacancies(
        self, visitor, employer_actor, employer_organisation, other_organisation, dudley_site
    ):
        joint = campaign(employers=[employer_organisation, other_organisation])
        posted(actor=employer_actor, site=dudley_site, title="In the campaign", campaigns=[joint])
        posted(actor=employer_actor, site=dudley_site, title="Not in it")

        response = visitor.get(reverse("careers:campaign", args=[joint.slug]))

        assert _titles(response) == ["In the campaign"]
        assert shows(response, other_organisation.name)

    def test_a_campaign_that_has_not_started_is_not_found(
        self, visitor, employer_organisation, other_organisation
    ):
        later = campaign(
            employers=[employer_organisation, other_organisation],
            start_date=timezone.localdate() + timedelta(days=3),
        )

        response = visitor.get(reverse("careers:campaign", args=[later.slug]))

        assert response.status_code == 404


class TestCareersSiteInUrdu:
    """A visitor who chose Urdu reads the careers site in Urdu, right to left, while search
    engines still read the job in English."""

    @pytest.fixture
    def urdu_visitor(self, visitor) -> Client:
        visitor.post(reverse("set_language"), {"language": "ur", "next": "/"})
        return visitor

    def test_the_search_page_is_in_urdu_and_right_to_left(
        self, urdu_visitor, employer_actor, dudley_site
    ):
        posted(actor=employer_actor, site=dudley_site)

        response = urdu_visitor.get(reverse("careers:search"))

        assert 'dir="rtl"' in response.content.decode()
        assert shows(response, "صحت اور نگہداشت کی نوکریاں")
        assert shows(response, "نوکریاں تلاش کریں")
        assert shows(response, "1 نوکری ملی")

    def test_a_vacancy_page_is_in_urdu_with_its_structured_data_in_english(
        self, urdu_visitor, employer_actor, dudley_site
    ):
        vacancy = posted(actor=employer_actor, site=dudley_site)

        response = urdu_visitor.get(reverse("careers:vacancy", args=[vacancy.pk]))

        page = response.content.decode()
        assert 'dir="rtl"' in page
        assert shows(response, "درخواست کیسے دیں")
        assert shows(response, "£12.90 فی گھنٹہ")
        assert '<span class="ow-code">DY1 1HF</span>' in page
        posting = json.loads(LD_JSON.search(page).group(2))
        assert " shifts on " in posting["workHours"]
        assert posting["workHours"].isascii()
