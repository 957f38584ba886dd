from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import Role, SharingScope
from oneworkforce.partners.tests.factories import DataSharingAgreementFactory, member
from oneworkforce.recruitment.vacancies import selectors, services
from oneworkforce.recruitment.vacancies.tests.factories import posted, site_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(employer_actor, employer_organisation):
    vacancy = posted(actor=employer_actor, site=site_of(employer_organisation))
    return services.vacancy_withdraw(
        actor=employer_actor,
        vacancy=vacancy,
        on_date=timezone.localdate(),
        recorded_at=timezone.now(),
    )


def _sees(actor, vacancy) -> bool:
    today = timezone.localdate()
    return selectors.vacancies_visible_to(actor=actor, on_date=today).filter(pk=vacancy.pk).exists()


class TestVacanciesVisibleTo:
    def test_the_owning_employer_sees_its_withdrawn_vacancy(self, employer_actor, withdrawn):
        assert _sees(employer_actor, withdrawn)

    def test_another_employer_does_not(self, other_organisation_user, withdrawn):
        assert not _sees(actor_for_user(other_organisation_user), withdrawn)

    def test_another_employer_does_while_an_agreement_shares_vacancies_with_it(
        self, other_organisation, other_organisation_user, employer_organisation, withdrawn
    ):
        today = timezone.localdate()
        DataSharingAgreementFactory(
            provider=employer_organisation,
            recipient=other_organisation,
            scope=SharingScope.VACANCIES,
            start_date=today - timedelta(days=30),
            end_date=today + timedelta(days=30),
        )

        assert _sees(actor_for_user(other_organisation_user), withdrawn)

    def test_an_agreement_that_has_ended_shares_nothing(
        self, other_organisation, other_organisation_user, employer_organisation, withdrawn
    ):
        today = timezone.localdate()
        DataSharingAgreementFactory(
            provider=employer_organisation,
            recipient=other_organisation,
            scope=SharingScope.VACANCIES,
            start_date=today - timedelta(days=30),
            end_date=today - timedelta(days=1),
        )

        assert not _sees(actor_for_user(other_organisation_user), withdrawn)

    def test_a_recruitment_adviser_sees_every_vacancy(self, partnership, withdrawn):
        adviser = member(role=Role.RECRUITMENT_ADVISER, organisation=partnership)

        assert _sees(actor_for_user(adviser), withdrawn)

    def test_an_analyst_sees_only_live_vacancies(self, partnership, withdrawn):
        analyst = member(role=Role.ANALYST, organisation=partnership)

        assert not _sees(actor_for_user(analyst), withdrawn)
