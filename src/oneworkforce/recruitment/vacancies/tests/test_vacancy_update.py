from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from oneworkforce.partners.models import AuditEvent
from oneworkforce.recruitment.vacancies import services
from oneworkforce.recruitment.vacancies.models import Vacancy
from oneworkforce.recruitment.vacancies.tests.factories import details, posted, site_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_site(employer_organisation):
    return site_of(employer_organisation)


class TestVacancyUpdate:
    def test_changes_the_details_and_logs_which_fields_changed(self, employer_actor, home_site):
        vacancy = posted(actor=employer_actor, site=home_site)

        services.vacancy_update(
            actor=employer_actor,
            vacancy=vacancy,
            details=details(site=home_site, title="Senior care assistant", posts=3),
            updated_at=timezone.now(),
        )

        vacancy.refresh_from_db()
        assert (vacancy.title, vacancy.posts) == ("Senior care assistant", 3)
        event = AuditEvent.objects.get(action="changed")
        assert event.fields_changed == ["posts", "title"]

    def test_refuses_to_move_the_vacancy_to_another_employers_site(
        self, employer_actor, employer_organisation, other_organisation, home_site
    ):
        vacancy = posted(actor=employer_actor, site=home_site)

        with pytest.raises(services.VacancyError) as refusal:
            services.vacancy_update(
                actor=employer_actor,
                vacancy=vacancy,
                details=details(site=site_of(other_organisation), title="Moved"),
                updated_at=timezone.now(),
            )

        assert refusal.value.message == services.SITE_MOVED_ORGANISATION.format(
            organisation=employer_organisation.name
        )
        assert Vacancy.objects.get().title == "Care assistant"

    def test_refuses_to_change_a_filled_vacancy(self, employer_actor, home_site):
        vacancy = posted(actor=employer_actor, site=home_site)
        services.vacancy_fill(
            actor=employer_actor,
            vacancy=vacancy,
            on_date=timezone.localdate(),
            recorded_at=timezone.now(),
        )

        with pytest.raises(services.VacancyError) as refusal:
            services.vacancy_update(
                actor=employer_actor,
                vacancy=vacancy,
                details=details(site=home_site, title="Changed"),
                updated_at=timezone.now(),
            )

        assert refusal.value.message == services.VACANCY_NOT_OPEN.format(status="filled")

    def test_refuses_a_closing_date_in_the_past_and_keeps_the_old_details(
        self, employer_actor, home_site
    ):
        vacancy = posted(actor=employer_actor, site=home_site)
        last_week = timezone.localdate() - timedelta(days=7)

        with pytest.raises(services.VacancyError):
            services.vacancy_update(
                actor=employer_actor,
                vacancy=vacancy,
                details=details(site=home_site, title="Changed", closing_date=last_week),
                updated_at=timezone.now(),
            )

        assert Vacancy.objects.get().title == "Care assistant"
