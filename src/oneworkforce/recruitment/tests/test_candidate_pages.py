from __future__ import annotations

import pytest
from django.urls import reverse

from oneworkforce.partners.tests.conftest import shows
from oneworkforce.recruitment.models import Candidate, EqualityMonitoring
from oneworkforce.recruitment.tests.conftest import candidate_client
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for, profile_post

pytestmark = pytest.mark.django_db


class TestOwnProfile:
    def test_a_candidate_changes_their_details(self) -> None:
        candidate = CandidateFactory(full_name="Amina Hussain", email="", contact_method="text")
        client = candidate_client(candidate)

        response = client.post(
            reverse("recruitment:profile-edit"),
            profile_post(full_name="Amina Hussain", max_travel_miles="9", postcode="bd3 9aa"),
        )

        candidate.refresh_from_db()
        assert response.status_code == 302
        assert (candidate.max_travel_miles, candidate.postcode) == (9, "BD3 9AA")

    def test_an_empty_availability_grid_changes_nothing(self) -> None:
        candidate = CandidateFactory(availability=["mon:early"])

        candidate_client(candidate).post(
            reverse("recruitment:profile-edit"), profile_post(availability=[])
        )

        candidate.refresh_from_db()
        assert candidate.availability == ["mon:early"]

    def test_the_profile_page_shows_the_availability_grid_and_consent(self) -> None:
        candidate = CandidateFactory(availability=["sat:night"])

        response = candidate_client(candidate).get(reverse("recruitment:profile"))

        assert shows(response, "Your profile")
        assert shows(response, "No employer can see it. Only our recruitment advisers can.")

    def test_the_profile_page_links_to_the_pre_employment_assessment(self) -> None:
        candidate = CandidateFactory()

        response = candidate_client(candidate).get(reverse("recruitment:profile"))

        assert reverse("assessment:start") in response.content.decode()

    def test_the_data_page_names_fields_and_choices_in_plain_words(self) -> None:
        candidate = CandidateFactory(settings_of_interest=["home_care"], availability=["sat:night"])

        response = candidate_client(candidate).get(reverse("recruitment:my-data"))

        assert shows(response, "Where you would like to work")
        assert shows(response, "Care in people's own homes")
        assert shows(response, "Saturday Night (10pm to 7am)")


class TestEqualityMonitoring:
    def test_answers_are_optional_and_kept_apart(self) -> None:
        candidate = CandidateFactory()

        candidate_client(candidate).post(reverse("recruitment:equality"), {"religion": "muslim"})

        answers = EqualityMonitoring.objects.get(candidate=candidate)
        assert (answers.religion, answers.sex) == ("muslim", "")

    def test_an_employer_never_sees_the_answers(
        self, employer_client, employer_organisation
    ) -> None:
        candidate = CandidateFactory()
        consent_for(candidate, organisations=[employer_organisation])
        EqualityMonitoring.objects.create(
            candidate=candidate, ethnicity="asian_pakistani", sexual_orientation="bisexual"
        )

        page = employer_client.get(reverse("recruitment:candidate-detail", args=[candidate.pk]))
        api = employer_client.get(reverse("api:candidate-detail", args=[candidate.pk]))

        for response in (page, api):
            assert response.status_code == 200
            assert "Pakistani" not in response.content.decode()
            assert "isexual" not in response.content.decode()


class TestStaffPages:
    def test_the_adviser_sees_the_age_band_and_the_mature_applicant_flag(
        self, adviser_client
    ) -> None:
        from datetime import date

        from django.utils import timezone

        today = timezone.localdate()
        candidate = CandidateFactory(date_of_birth=date(today.year - 55, 1, 1))

        response = adviser_client.get(reverse("recruitment:candidate-detail", args=[candidate.pk]))

        assert shows(response, "Age 50 to 64")
        assert shows(response, "Mature applicant")

    def test_the_adviser_searches_by_reference(self, adviser_client) -> None:
        wanted, other = CandidateFactory(), CandidateFactory()

        response = adviser_client.get(
            reverse("recruitment:candidate-list"), {"q": wanted.reference}
        )

        assert shows(response, wanted.full_name)
        assert not shows(response, other.full_name)

    def test_the_adviser_registers_a_person_in_person_and_nothing_is_written_on_bad_input(
        self, adviser_client
    ) -> None:
        response = adviser_client.post(
            reverse("recruitment:candidate-register"), profile_post(postcode="BD99 9ZZ")
        )

        assert response.status_code == 200
        assert not Candidate.objects.exists()


class TestStatistics:
    def test_counts_only_people_whose_consent_allows_it_and_hides_small_numbers(
        self, partnership
    ) -> None:
        from django.utils import timezone

        from oneworkforce.partners.access import actor_for_user
        from oneworkforce.partners.models import Role
        from oneworkforce.partners.tests.factories import member
        from oneworkforce.recruitment import selectors
        from oneworkforce.recruitment.models import Consent

        for _ in range(12):
            consent_for(CandidateFactory(heard_from="jobcentre"))
        for _ in range(7):
            consent_for(CandidateFactory(heard_from="friend_or_family"))
        refuser = CandidateFactory(heard_from="event")
        consent_for(refuser)
        Consent.objects.filter(candidate=refuser).update(anonymised_statistics=False)
        for _ in range(2):
            consent_for(CandidateFactory(heard_from="social_media"))
        analyst = actor_for_user(member(role=Role.ANALYST, organisation=partnership))

        tables = selectors.register_statistics(actor=analyst, on=timezone.localdate())

        heard = next(item.table for item in tables if item.title == "How they heard about us")
        assert heard.cell("Jobcentre").display == "12"
        assert heard.cell("A jobs fair or event").shown == 0
        assert heard.cell("Social media").hidden

    def test_an_employer_gets_no_statistics_page(self, employer_client) -> None:
        response = employer_client.get(reverse("recruitment:statistics"))

        assert response.status_code == 403

    def test_an_analyst_reads_the_page(self, partnership) -> None:
        from django.test import Client

        from oneworkforce.partners.models import Role
        from oneworkforce.partners.tests.factories import member

        client = Client()
        client.force_login(member(role=Role.ANALYST, organisation=partnership))
        consent_for(CandidateFactory())

        response = client.get(reverse("recruitment:statistics"))

        assert shows(response, "The candidate register in numbers")
