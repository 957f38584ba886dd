"""People reach the pipeline from the pages they already use: the careers site's job page,
the candidate's profile, and the staff vacancy and shortlist pages."""

from __future__ import annotations

from django.urls import reverse

from oneworkforce.recruitment.tests.conftest import candidate_client
from oneworkforce.recruitment.tests.factories import consent_for


def links_to(response, url: str) -> bool:
    return f'href="{url}"' in response.content.decode()


class TestTheCandidatesWayIn:
    def test_the_careers_job_page_offers_to_apply_with_a_profile(self, client, vacancy):
        response = client.get(reverse("careers:vacancy", args=[vacancy.pk]))

        assert response.status_code == 200
        assert links_to(response, reverse("pipeline:apply", args=[vacancy.pk]))

    def test_the_profile_links_to_the_applications_and_the_placements(self, candidate):
        consent_for(candidate)

        response = candidate_client(candidate).get(reverse("recruitment:profile"))

        assert response.status_code == 200
        assert links_to(response, reverse("pipeline:my-applications"))
        assert links_to(response, reverse("pipeline:my-placements"))


class TestTheStaffWayIn:
    def test_the_employers_vacancy_page_links_to_its_applications(self, employer_client, vacancy):
        response = employer_client.get(reverse("vacancies:detail", args=[vacancy.pk]))

        assert links_to(response, reverse("pipeline:vacancy-applications", args=[vacancy.pk]))

    def test_an_adviser_is_offered_the_applications_of_any_employers_vacancy(
        self, adviser_client, vacancy
    ):
        response = adviser_client.get(reverse("vacancies:detail", args=[vacancy.pk]))

        assert links_to(response, reverse("pipeline:vacancy-applications", args=[vacancy.pk]))

    def test_another_employer_is_not_offered_applications_it_may_not_read(
        self, other_organisation_client, vacancy
    ):
        response = other_organisation_client.get(reverse("vacancies:detail", args=[vacancy.pk]))

        assert response.status_code == 200
        assert not links_to(response, reverse("pipeline:vacancy-applications", args=[vacancy.pk]))

    def test_the_shortlist_links_to_the_applications(self, employer_client, vacancy):
        response = employer_client.get(reverse("vacancies:shortlist", args=[vacancy.pk]))

        assert response.status_code == 200
        assert links_to(response, reverse("pipeline:vacancy-applications", args=[vacancy.pk]))
