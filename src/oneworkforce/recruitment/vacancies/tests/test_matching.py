from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.partners.tests.factories import member
from oneworkforce.recruitment import services as recruitment_services
from oneworkforce.recruitment.candidate_session import SESSION_KEY
from oneworkforce.recruitment.models import SharingScope
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for
from oneworkforce.recruitment.vacancies import matching
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.models import Vacancy
from oneworkforce.recruitment.vacancies.tests.factories import posted, site_of
from oneworkforce.reference import postcodes
from oneworkforce.reference.models import Qualification

pytestmark = pytest.mark.django_db

# Netherton, about 2.5 km south of Dudley town centre where the test sites are.
NEAR_DUDLEY = "DY2 9PP"
WEEKDAY_EARLIES = [f"{day}:early" for day in week.DAY_KEYS[:5]]


def _candidate(**fields):
    defaults = {
        "postcode": NEAR_DUDLEY,
        "max_travel_miles": 5,
        "travel_mode": "public_transport",
        "availability": WEEKDAY_EARLIES,
        "hours_wanted": "full_time",
        "settings_of_interest": ["residential"],
        "roles_of_interest": ["care_worker"],
        "date_of_birth": date(1990, 5, 1),
    }
    defaults.update(fields)
    return CandidateFactory(**defaults)


@pytest.fixture
def home_site(employer_organisation):
    place = postcodes.lookup("DY1 1HF")
    return site_of(
        employer_organisation,
        postcode=place.postcode,
        latitude=place.latitude,
        longitude=place.longitude,
    )


class TestCandidateColumns:
    def test_turns_the_register_into_the_engines_numbers(self):
        level_2 = Qualification.objects.get(key="level-2-diploma-care")
        candidate = _candidate(
            availability=["mon:early", "sun:night"], hours_wanted="part_time", right_to_work="no"
        )
        candidate.qualifications.add(level_2)
        codes = matching.Codes.load()

        columns = matching.candidate_columns(
            [candidate],
            codes=codes,
            projection=matching.Projection(52.5),
            on_date=date(2026, 11, 27),
        )

        assert int(columns.availability[0]) == week.mask_of(["mon-early", "sun-night"])
        assert (columns.hours_min[0], columns.hours_max[0]) == (8.0, 29.5)
        assert not columns.right_to_work[0]
        assert columns.age[0] == 36
        assert columns.max_travel_km[0] == pytest.approx(8.047, abs=0.001)
        bit = codes.qualification_bit[level_2.pk]
        assert int(columns.skills[0][bit // 64]) >> (bit % 64) & 1

    def test_a_projected_distance_agrees_with_the_great_circle_one(self):
        projection = matching.Projection(52.5)
        a, b = postcodes.lookup("DY1 1HF"), postcodes.lookup(NEAR_DUDLEY)

        x, y = projection.kilometres(
            np.array([a.latitude, b.latitude]), np.array([a.longitude, b.longitude])
        )

        flat = float(np.hypot(x[0] - x[1], y[0] - y[1]))
        assert flat == pytest.approx(postcodes.distance_km("DY1 1HF", NEAR_DUDLEY), rel=0.005)


class TestBestVacanciesFor:
    def test_shows_a_near_job_with_reasons_in_plain_words(self, employer_actor, home_site):
        candidate = _candidate()
        vacancy = posted(actor=employer_actor, site=home_site, title="Days care assistant")

        (match,) = matching.best_vacancies_for(
            candidate, [vacancy], on_date=timezone.localdate(), k=10
        )

        assert match.vacancy == vacancy
        assert match.reasons[0].endswith("minutes by public transport")
        assert "km away" in match.reasons[0]
        assert "Covers 5 of the 5 shifts" in match.reasons

    def test_gives_the_reasons_in_the_language_of_the_page(self, employer_actor, home_site):
        candidate = _candidate(driving_licence=True, has_car=True)
        vacancy = posted(
            actor=employer_actor, site=home_site, needs_driving_licence=True, needs_car=True
        )

        with translation.override("ur"):
            (match,) = matching.best_vacancies_for(
                candidate, [vacancy], on_date=timezone.localdate()
            )

        assert "کلومیٹر دور، پبلک ٹرانسپورٹ سے تقریباً" in match.reasons[0]
        assert "5 میں سے 5 شفٹوں میں دستیاب" in match.reasons
        assert "نوکری کے لیے درکار ڈرائیونگ لائسنس اور گاڑی موجود ہیں" in match.reasons
        assert not any("km" in reason or "Covers" in reason for reason in match.reasons)

    def test_leaves_out_a_job_that_needs_a_car_the_candidate_has_not_got(
        self, employer_actor, home_site
    ):
        candidate = _candidate(driving_licence=False, has_car=False)
        driving = posted(
            actor=employer_actor, site=home_site, needs_driving_licence=True, needs_car=True
        )

        assert matching.best_vacancies_for(candidate, [driving], on_date=timezone.localdate()) == []

    def test_says_why_a_driving_job_suits_a_driver(self, employer_actor, home_site):
        candidate = _candidate(driving_licence=True, has_car=True)
        driving = posted(
            actor=employer_actor, site=home_site, needs_driving_licence=True, needs_car=True
        )

        (match,) = matching.best_vacancies_for(candidate, [driving], on_date=timezone.localdate())

        assert matching.DRIVING_HELD in match.reasons

    def test_leaves_out_a_job_beyond_the_candidates_travel_limit(self, employer_actor, home_site):
        candidate = _candidate(postcode="BD1 1HY")
        vacancy = posted(actor=employer_actor, site=home_site)

        assert matching.best_vacancies_for(candidate, [vacancy], on_date=timezone.localdate()) == []

    def test_ranks_the_job_that_fits_the_shifts_first(self, employer_actor, home_site):
        candidate = _candidate()
        nights = posted(
            actor=employer_actor,
            site=home_site,
            title="Nights",
            shifts=week.mask_of(["sat-night", "sun-night"]),
        )
        days = posted(actor=employer_actor, site=home_site, title="Days")

        matches = matching.best_vacancies_for(
            candidate, [nights, days], on_date=timezone.localdate()
        )

        assert [match.vacancy for match in matches] == [days, nights]


class TestMyMatchesPage:
    def test_a_signed_in_candidate_sees_their_best_jobs_with_reasons(
        self, employer_actor, home_site
    ):
        candidate = _candidate()
        posted(actor=employer_actor, site=home_site, title="Days care assistant")
        client = Client()
        session = client.session
        session[SESSION_KEY] = candidate.pk
        session.save()

        response = client.get(reverse("careers:my-matches"))

        assert response.status_code == 200
        assert shows(response, "Days care assistant")
        assert shows(response, "Covers 5 of the 5 shifts")

    def test_a_visitor_who_has_not_signed_in_is_sent_to_sign_in(self):
        response = Client().get(reverse("careers:my-matches"))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("recruitment:sign-in"))


class TestShortlist:
    def _shortlist(self, client, vacancy) -> list[str]:
        response = client.get(reverse("vacancies:shortlist", args=[vacancy.pk]))
        assert response.status_code == 200
        return [match.candidate.full_name for match in response.context["matches"]]

    def test_holds_only_candidates_whose_consent_covers_the_employer(
        self, employer_actor, employer_client, employer_organisation, other_organisation, home_site
    ):
        vacancy = posted(actor=employer_actor, site=home_site)
        named = _candidate(full_name="Named Here")
        consent_for(named, organisations=[employer_organisation])
        elsewhere = _candidate(full_name="Named Elsewhere")
        consent_for(elsewhere, organisations=[other_organisation])
        advisers_only = _candidate(full_name="Advisers Only")
        consent_for(
            advisers_only,
            sharing=SharingScope.ADVISER_ONLY,
            organisations=[employer_organisation],
        )
        _candidate(full_name="No Consent")

        assert self._shortlist(employer_client, vacancy) == ["Named Here"]

    def test_withdrawing_consent_removes_the_candidate_at_once(
        self, employer_actor, employer_client, employer_organisation, home_site, partnership
    ):
        vacancy = posted(actor=employer_actor, site=home_site)
        candidate = _candidate(full_name="Withdraws Later")
        consent_for(candidate, organisations=[employer_organisation])
        assert self._shortlist(employer_client, vacancy) == ["Withdraws Later"]
        adviser = actor_for_user(member(role=Role.RECRUITMENT_ADVISER, organisation=partnership))

        recruitment_services.consent_withdraw(
            actor=adviser, candidate=candidate, withdrawn_at=timezone.now()
        )

        assert self._shortlist(employer_client, vacancy) == []

    def test_an_employer_at_two_partners_sees_only_consent_for_the_vacancys_employer(
        self, employer_actor, employer_organisation, other_organisation, home_site
    ):
        vacancy = posted(actor=employer_actor, site=home_site)
        both = member(role=Role.EMPLOYER_USER, organisation=employer_organisation)
        both.memberships.create(organisation=other_organisation, role=Role.EMPLOYER_USER)
        candidate = _candidate(full_name="Consents To The Other")
        consent_for(candidate, organisations=[other_organisation])
        client = Client()
        client.force_login(both)

        assert self._shortlist(client, vacancy) == []

    def test_another_employer_cannot_open_it(
        self, employer_actor, other_organisation_client, home_site
    ):
        vacancy = posted(actor=employer_actor, site=home_site)

        response = other_organisation_client.get(reverse("vacancies:shortlist", args=[vacancy.pk]))

        assert response.status_code == 404


class TestBestVacanciesForAll:
    def test_gives_each_candidate_the_list_they_get_one_at_a_time(
        self, employer_actor, employer_organisation
    ):
        towns = ["DY1 1HF", "DY2 9PP", "B63 3BL", "DY8 1AA", "WV1 1AA"]
        sites = []
        for postcode in towns:
            place = postcodes.lookup(postcode)
            sites.append(
                site_of(
                    employer_organisation,
                    postcode=place.postcode,
                    latitude=place.latitude,
                    longitude=place.longitude,
                )
            )
        patterns = [week.mask_of([slot]) for slot in week.SLOT_KEYS[:10]]
        vacancies = [
            posted(actor=employer_actor, site=sites[i % 5], shifts=patterns[i % 10], title=f"J{i}")
            for i in range(15)
        ]
        people = [
            _candidate(postcode=towns[i % 5], max_travel_miles=3 + i, full_name=f"P{i}")
            for i in range(6)
        ]
        today = timezone.localdate()

        # The batch reads the vacancies as a query (plain values), one at a time as rows.
        as_query = Vacancy.objects.filter(pk__in=[vacancy.pk for vacancy in vacancies])
        everyone = matching.best_vacancies_for_all(people, as_query, on_date=today, k=4)

        assert sum(len(found) for found in everyone.values()) >= 10
        for person in people:
            alone = matching.best_vacancies_for(person, vacancies, on_date=today, k=4)
            assert [vacancy for vacancy, _ in everyone[person.pk]] == [
                match.vacancy for match in alone
            ]

    def test_a_candidate_whose_postcode_has_no_place_gets_an_empty_list(
        self, employer_actor, home_site
    ):
        vacancy = posted(actor=employer_actor, site=home_site)
        nowhere = _candidate(postcode="ZZ99 9ZZ")

        everyone = matching.best_vacancies_for_all(
            [nowhere], [vacancy], on_date=timezone.localdate()
        )

        assert everyone == {nowhere.pk: []}
