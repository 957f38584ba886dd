from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import OrganisationKind, Role
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.partners.tests.factories import OrganisationFactory, member
from oneworkforce.recruitment import selectors, services
from oneworkforce.recruitment.models import Consent, SharingScope
from oneworkforce.recruitment.tests.conftest import candidate_client
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for

pytestmark = pytest.mark.django_db


def _record(actor, candidate, sharing, organisations=()):
    return services.consent_record(
        actor=actor,
        candidate=candidate,
        sharing=sharing,
        organisation_ids=[organisation.pk for organisation in organisations],
        contact_about_training=True,
        anonymised_statistics=False,
        given_at=timezone.now(),
    )


class TestConsentRecord:
    def test_names_only_the_two_partners_picked(
        self, adviser_actor, employer_organisation, other_organisation, partnership
    ) -> None:
        third = OrganisationFactory(name="Airedale NHS Trust", kind=OrganisationKind.NHS_TRUST)
        candidate = CandidateFactory()

        consent = _record(
            adviser_actor, candidate, SharingScope.NAMED, [employer_organisation, third]
        )

        assert set(consent.organisations.all()) == {employer_organisation, third}
        assert consent.recorded_by_id == adviser_actor.user_id

    def test_all_partners_names_every_partner_employer_of_today_but_not_the_central_team(
        self, adviser_actor, employer_organisation, other_organisation, partnership
    ) -> None:
        candidate = CandidateFactory()

        consent = _record(adviser_actor, candidate, SharingScope.ALL_PARTNERS)

        assert set(consent.organisations.all()) == {employer_organisation, other_organisation}

    def test_refuses_only_some_employers_with_none_picked_and_writes_nothing(
        self, adviser_actor
    ) -> None:
        candidate = CandidateFactory()

        with pytest.raises(services.RecruitmentError) as refused:
            _record(adviser_actor, candidate, SharingScope.NAMED, [])

        assert refused.value.message == str(services.NAME_AN_EMPLOYER)
        assert not Consent.objects.exists()

    def test_a_new_consent_ends_the_one_in_force_at_the_same_moment(
        self, adviser_actor, employer_organisation
    ) -> None:
        candidate = CandidateFactory()
        first = _record(adviser_actor, candidate, SharingScope.NAMED, [employer_organisation])

        second = _record(adviser_actor, candidate, SharingScope.ADVISER_ONLY)

        first.refresh_from_db()
        assert first.withdrawn_at == second.given_at
        assert selectors.current_consent(candidate) == second

    def test_another_candidate_cannot_change_someone_elses_consent(self) -> None:
        candidate, stranger = CandidateFactory(), CandidateFactory()

        with pytest.raises(services.DomainError):
            _record(services.candidate_actor(stranger), candidate, SharingScope.ADVISER_ONLY)

        assert not Consent.objects.exists()


class TestCandidatesVisibleTo:
    def test_an_adviser_sees_everyone(self, adviser_actor) -> None:
        shared, private = CandidateFactory(), CandidateFactory()

        visible = set(selectors.candidates_visible_to(actor=adviser_actor))

        assert visible == {shared, private}

    def test_an_employer_sees_only_candidates_whose_consent_names_it(
        self, employer_actor, employer_organisation, other_organisation
    ) -> None:
        named = CandidateFactory()
        consent_for(named, organisations=[employer_organisation])
        named_elsewhere = CandidateFactory()
        consent_for(named_elsewhere, organisations=[other_organisation])
        CandidateFactory()

        visible = list(selectors.candidates_visible_to(actor=employer_actor))

        assert visible == [named]

    def test_an_employer_no_longer_sees_a_candidate_the_moment_consent_is_withdrawn(
        self, employer_actor, employer_organisation, adviser_actor
    ) -> None:
        candidate = CandidateFactory()
        _record(adviser_actor, candidate, SharingScope.NAMED, [employer_organisation])
        assert list(selectors.candidates_visible_to(actor=employer_actor)) == [candidate]

        services.consent_withdraw(
            actor=services.candidate_actor(candidate),
            candidate=candidate,
            withdrawn_at=timezone.now(),
        )

        assert not selectors.candidates_visible_to(actor=employer_actor).exists()

    def test_a_withdrawn_consent_does_not_count_beside_a_later_adviser_only_one(
        self, employer_actor, employer_organisation
    ) -> None:
        candidate = CandidateFactory()
        consent_for(candidate, organisations=[employer_organisation], withdrawn=True)
        consent_for(candidate, sharing=SharingScope.ADVISER_ONLY)

        assert not selectors.candidates_visible_to(actor=employer_actor).exists()

    @pytest.mark.parametrize("role", [Role.ANALYST, Role.BOARD_MEMBER, Role.PARTNERSHIP_ADMIN])
    def test_analysts_board_members_and_administrators_see_no_one(
        self, role, partnership, employer_organisation
    ) -> None:
        candidate = CandidateFactory()
        consent_for(candidate, sharing=SharingScope.ALL_PARTNERS, organisations=[partnership])
        reader = actor_for_user(member(role=role, organisation=partnership))

        assert not selectors.candidates_visible_to(actor=reader).exists()


class TestConsentPages:
    def test_an_employer_opening_a_withdrawn_candidate_gets_not_found(
        self, employer_client, employer_organisation
    ) -> None:
        candidate = CandidateFactory()
        consent_for(candidate, organisations=[employer_organisation], withdrawn=True)

        response = employer_client.get(reverse("recruitment:candidate-detail", args=[candidate.pk]))

        assert response.status_code == 404

    def test_an_employer_sees_the_profile_but_not_support_needs_or_benefits(
        self, employer_client, employer_organisation
    ) -> None:
        candidate = CandidateFactory(
            support_notes="Needs a quiet room for interviews", benefits=["universal_credit"]
        )
        consent_for(candidate, organisations=[employer_organisation])

        response = employer_client.get(reverse("recruitment:candidate-detail", args=[candidate.pk]))

        assert shows(response, candidate.full_name)
        assert not shows(response, "Needs a quiet room for interviews")
        assert not shows(response, "Universal Credit")

    def test_a_candidate_withdraws_their_own_consent(self, employer_organisation) -> None:
        candidate = CandidateFactory()
        consent_for(candidate, organisations=[employer_organisation])

        response = candidate_client(candidate).post(reverse("recruitment:consent-withdraw"))

        assert response.status_code == 302
        assert selectors.current_consent(candidate) is None

    def test_a_candidate_picks_employers_on_their_consent_page(
        self, employer_organisation, other_organisation
    ) -> None:
        candidate = CandidateFactory()

        candidate_client(candidate).post(
            reverse("recruitment:consent"),
            {
                "sharing": SharingScope.NAMED,
                "organisations": [other_organisation.pk],
                "contact_about_training": "yes",
                "anonymised_statistics": "no",
            },
        )

        consent = selectors.current_consent(candidate)
        assert consent is not None
        assert list(consent.organisations.all()) == [other_organisation]
        assert (consent.contact_about_training, consent.anonymised_statistics) == (True, False)


class TestChoosingAmongManyEmployers:
    @staticmethod
    def _employers(count: int, kind: str) -> list:
        return [OrganisationFactory(name=f"{kind} {i:03d}", kind=kind) for i in range(count)]

    def test_a_long_list_is_grouped_by_kind_and_only_chosen_groups_are_open(self) -> None:
        homes = self._employers(30, OrganisationKind.CARE_HOME_PROVIDER)
        self._employers(5, OrganisationKind.NHS_TRUST)
        candidate = CandidateFactory()
        consent_for(candidate, sharing=SharingScope.NAMED, organisations=[homes[3]])

        page = candidate_client(candidate).get(reverse("recruitment:consent"))

        html = page.content.decode()
        assert "Care home provider (30 employers, 1 chosen)" in html
        assert "NHS trust (5 employers)" in html
        opened = {
            group.split('summary-text">')[1].split(" (")[0]: group.startswith(
                ' govuk-!-margin-bottom-3" open>'
            )
            for group in html.split('<details class="govuk-details')[1:]
        }
        assert opened == {"Care home provider": True, "NHS trust": False}

    def test_a_short_list_shows_every_group_open(self) -> None:
        self._employers(3, OrganisationKind.CARE_HOME_PROVIDER)
        self._employers(2, OrganisationKind.NHS_TRUST)

        page = candidate_client(CandidateFactory()).get(reverse("recruitment:consent"))

        assert page.content.decode().count('govuk-!-margin-bottom-3" open>') == 2

    def test_an_error_opens_every_group_so_it_can_be_put_right(self) -> None:
        self._employers(40, OrganisationKind.CARE_HOME_PROVIDER)
        candidate = CandidateFactory()

        page = candidate_client(candidate).post(
            reverse("recruitment:consent"),
            {
                "sharing": SharingScope.NAMED,
                "contact_about_training": "no",
                "anonymised_statistics": "no",
            },
        )

        assert page.status_code == 200
        assert 'govuk-!-margin-bottom-3" open>' in page.content.decode()
        assert 'id="id_organisations_0"' in page.content.decode()

    def test_the_error_summary_leads_to_the_first_tick_box_on_the_page(self) -> None:
        # Sorted by name, the care home comes first; on the page, NHS trusts come first.
        OrganisationFactory(name="Aardvark Care", kind=OrganisationKind.CARE_HOME_PROVIDER)
        OrganisationFactory(name="Zed NHS Trust", kind=OrganisationKind.NHS_TRUST)

        page = candidate_client(CandidateFactory()).post(
            reverse("recruitment:consent"),
            {
                "sharing": SharingScope.NAMED,
                "contact_about_training": "no",
                "anonymised_statistics": "no",
            },
        )

        html = page.content.decode()
        assert 'href="#id_organisations_0"' in html
        first_box = html.index('class="govuk-checkboxes__input"')
        assert html[first_box:].startswith(
            'class="govuk-checkboxes__input" id="id_organisations_0"'
        )
        assert html.index("Zed NHS Trust") < html.index("Aardvark Care")

    def test_the_kinds_are_named_in_the_candidates_language(self) -> None:
        self._employers(2, OrganisationKind.HOME_CARE_AGENCY)
        client = candidate_client(CandidateFactory())
        client.cookies["django_language"] = "ur"

        page = client.get(reverse("recruitment:consent"))

        assert "گھریلو نگہداشت کی ایجنسی (2 آجر)" in page.content.decode()
