from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from oneworkforce.partners.access import NotAllowed, actor_for_user
from oneworkforce.partners.models import AuditEvent
from oneworkforce.recruitment.vacancies import services
from oneworkforce.recruitment.vacancies.models import Vacancy, VacancyStatus
from oneworkforce.recruitment.vacancies.tests.factories import posted, site_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_vacancy(employer_actor, employer_organisation):
    posted_at = timezone.now() - timedelta(days=10)
    return posted(actor=employer_actor, site=site_of(employer_organisation), posted_at=posted_at)


def _changes() -> int:
    return AuditEvent.objects.filter(record_type="vacancies.vacancy", action="changed").count()


class TestVacancyClose:
    def test_closes_an_open_vacancy_on_the_date_given(self, employer_actor, open_vacancy):
        two_days_ago = timezone.localdate() - timedelta(days=2)

        closed = services.vacancy_close(
            actor=employer_actor,
            vacancy=open_vacancy,
            on_date=two_days_ago,
            recorded_at=timezone.now(),
        )

        assert closed.status == VacancyStatus.CLOSED
        assert closed.closed_date == two_days_ago
        assert _changes() == 1

    def test_refuses_a_date_in_the_future(self, employer_actor, open_vacancy):
        tomorrow = timezone.localdate() + timedelta(days=1)

        with pytest.raises(services.VacancyError) as refusal:
            services.vacancy_close(
                actor=employer_actor,
                vacancy=open_vacancy,
                on_date=tomorrow,
                recorded_at=timezone.now(),
            )

        assert refusal.value.message == services.EVENT_DATE_IN_FUTURE
        assert Vacancy.objects.get().status == VacancyStatus.OPEN
        assert _changes() == 0

    def test_refuses_a_date_before_the_vacancy_was_posted(self, employer_actor, open_vacancy):
        before = timezone.localdate(open_vacancy.posted_at) - timedelta(days=1)

        with pytest.raises(services.VacancyError) as refusal:
            services.vacancy_close(
                actor=employer_actor,
                vacancy=open_vacancy,
                on_date=before,
                recorded_at=timezone.now(),
            )

        assert refusal.value.message == services.EVENT_DATE_BEFORE_POSTED.format(
            posted=timezone.localdate(open_vacancy.posted_at)
        )
        assert Vacancy.objects.get().closed_date is None

    def test_refuses_another_organisations_employer(self, other_organisation_user, open_vacancy):
        with pytest.raises(NotAllowed):
            services.vacancy_close(
                actor=actor_for_user(other_organisation_user),
                vacancy=open_vacancy,
                on_date=timezone.localdate(),
                recorded_at=timezone.now(),
            )

        assert Vacancy.objects.get().status == VacancyStatus.OPEN


class TestVacancyFill:
    def test_fills_a_closed_vacancy_keeping_its_closing(self, employer_actor, open_vacancy):
        today = timezone.localdate()
        services.vacancy_close(
            actor=employer_actor, vacancy=open_vacancy, on_date=today, recorded_at=timezone.now()
        )

        filled = services.vacancy_fill(
            actor=employer_actor, vacancy=open_vacancy, on_date=today, recorded_at=timezone.now()
        )

        assert filled.status == VacancyStatus.FILLED
        assert (filled.closed_date, filled.filled_date) == (today, today)

    def test_refuses_to_fill_a_withdrawn_vacancy(self, employer_actor, open_vacancy):
        today = timezone.localdate()
        services.vacancy_withdraw(
            actor=employer_actor, vacancy=open_vacancy, on_date=today, recorded_at=timezone.now()
        )

        with pytest.raises(services.VacancyError) as refusal:
            services.vacancy_fill(
                actor=employer_actor,
                vacancy=open_vacancy,
                on_date=today,
                recorded_at=timezone.now(),
            )

        assert refusal.value.message == services.STATUS_CHANGE_REFUSED.format(
            status="withdrawn", new_status="filled"
        )
        assert Vacancy.objects.get().filled_date is None


class TestVacancyWithdraw:
    def test_withdraws_an_open_vacancy(self, employer_actor, open_vacancy):
        withdrawn = services.vacancy_withdraw(
            actor=employer_actor,
            vacancy=open_vacancy,
            on_date=timezone.localdate(),
            recorded_at=timezone.now(),
        )

        assert withdrawn.status == VacancyStatus.WITHDRAWN
        assert withdrawn.withdrawn_date == timezone.localdate()

    def test_refuses_to_close_a_withdrawn_vacancy(self, employer_actor, open_vacancy):
        today = timezone.localdate()
        services.vacancy_withdraw(
            actor=employer_actor, vacancy=open_vacancy, on_date=today, recorded_at=timezone.now()
        )

        with pytest.raises(services.VacancyError) as refusal:
            services.vacancy_close(
                actor=employer_actor,
                vacancy=open_vacancy,
                on_date=today,
                recorded_at=timezone.now(),
            )

        assert refusal.value.message == services.STATUS_CHANGE_REFUSED.format(
            status="withdrawn", new_status="closed"
        )
