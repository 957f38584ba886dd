from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from oneworkforce.partners.access import NotAllowed, actor_for_user
from oneworkforce.partners.models import AuditAction, AuditEvent, Role
from oneworkforce.partners.tests.factories import member
from oneworkforce.recruitment.vacancies import services
from oneworkforce.recruitment.vacancies.models import Vacancy, VacancyStatus
from oneworkforce.recruitment.vacancies.tests.factories import campaign, details, site_of
from oneworkforce.reference.models import Qualification

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_site(employer_organisation):
    return site_of(employer_organisation, name="Netherton Lodge")


def _refused(actor, home_site, message, **overrides):
    with pytest.raises(services.VacancyError) as refusal:
        services.vacancy_post(
            actor=actor, details=details(site=home_site, **overrides), posted_at=timezone.now()
        )
    assert refusal.value.message == message
    assert not Vacancy.objects.exists()
    assert not AuditEvent.objects.filter(record_type="vacancies.vacancy").exists()
    return refusal.value


class TestVacancyPost:
    def test_posts_an_open_vacancy_at_the_employers_site_and_logs_it(
        self, employer_actor, employer_organisation, home_site
    ):
        level_2 = Qualification.objects.get(key="level-2-diploma-care")
        now = timezone.now()

        vacancy = services.vacancy_post(
            actor=employer_actor,
            details=details(site=home_site, qualifications=[level_2], charter_points=["sick_pay"]),
            posted_at=now,
        )

        assert vacancy.status == VacancyStatus.OPEN
        assert vacancy.organisation == employer_organisation
        assert vacancy.posted_at == now
        assert list(vacancy.qualifications.all()) == [level_2]
        assert vacancy.charter_points == ["sick_pay"]
        event = AuditEvent.objects.get(record_type="vacancies.vacancy")
        assert event.action == AuditAction.CREATED
        assert event.record_organisation_id == employer_organisation.pk

    def test_refuses_a_closing_date_in_the_past_and_writes_nothing(self, employer_actor, home_site):
        yesterday = timezone.localdate() - timedelta(days=1)

        error = _refused(
            employer_actor, home_site, services.CLOSING_DATE_IN_PAST, closing_date=yesterday
        )

        assert error.field == "closing_date"

    def test_accepts_a_closing_date_of_today(self, employer_actor, home_site):
        vacancy = services.vacancy_post(
            actor=employer_actor,
            details=details(site=home_site, closing_date=timezone.localdate()),
            posted_at=timezone.now(),
        )

        assert vacancy.closing_date == timezone.localdate()

    def test_refuses_a_closing_date_more_than_a_year_away(self, employer_actor, home_site):
        far = timezone.localdate() + timedelta(days=400)

        _refused(employer_actor, home_site, services.CLOSING_DATE_TOO_FAR, closing_date=far)

    def test_refuses_a_site_of_another_organisation(self, other_organisation_user, home_site):
        elsewhere = actor_for_user(other_organisation_user)

        error = _refused(elsewhere, home_site, services.SITE_NOT_YOURS)

        assert error.field == "site"

    def test_refuses_hourly_pay_without_a_rate(self, employer_actor, home_site):
        _refused(employer_actor, home_site, services.HOURLY_RATE_NEEDED, hourly_rate=None)

    def test_refuses_a_band_without_its_salary(self, employer_actor, home_site):
        _refused(
            employer_actor,
            home_site,
            services.SALARY_NEEDED,
            pay_kind="nhs_band",
            hourly_rate=None,
            nhs_band="5",
        )

    def test_refuses_a_salary_whose_upper_figure_is_lower(self, employer_actor, home_site):
        _refused(
            employer_actor,
            home_site,
            services.SALARY_BACKWARDS,
            pay_kind="nhs_band",
            hourly_rate=None,
            nhs_band="5",
            salary_from=37796,
            salary_to=31049,
        )

    def test_posts_a_banded_vacancy_with_its_salary(self, employer_actor, home_site):
        vacancy = services.vacancy_post(
            actor=employer_actor,
            details=details(
                site=home_site,
                pay_kind="nhs_band",
                hourly_rate=None,
                nhs_band="5",
                salary_from=31049,
                salary_to=37796,
            ),
            posted_at=timezone.now(),
        )

        assert vacancy.pay_summary == "NHS Band 5, £31,049 to £37,796 a year"

    def test_refuses_a_pattern_with_no_shifts(self, employer_actor, home_site):
        _refused(employer_actor, home_site, services.SHIFTS_NEEDED, shifts=0)

    def test_refuses_a_car_without_a_licence(self, employer_actor, home_site):
        _refused(employer_actor, home_site, services.CAR_NEEDS_LICENCE, needs_car=True)

    def test_refuses_more_than_a_hundred_posts(self, employer_actor, home_site):
        _refused(employer_actor, home_site, services.POSTS_OUT_OF_RANGE, posts=101)

    def test_refuses_hours_over_sixty(self, employer_actor, home_site):
        _refused(employer_actor, home_site, services.HOURS_OUT_OF_RANGE, hours_per_week=Decimal(61))

    def test_refuses_an_unknown_charter_point(self, employer_actor, home_site):
        _refused(employer_actor, home_site, services.UNKNOWN_CHARTER_POINT, charter_points=["cake"])

    def test_refuses_a_campaign_the_employer_is_not_part_of(
        self, employer_actor, employer_organisation, other_organisation, home_site
    ):
        theirs = campaign(employers=[other_organisation])

        _refused(
            employer_actor,
            home_site,
            services.CAMPAIGN_NOT_JOINED.format(
                organisation=employer_organisation.name, campaign=theirs.name
            ),
            campaigns=[theirs],
        )

    def test_adds_the_vacancy_to_a_campaign_the_employer_is_part_of(
        self, employer_actor, employer_organisation, other_organisation, home_site
    ):
        joint = campaign(employers=[employer_organisation, other_organisation])

        vacancy = services.vacancy_post(
            actor=employer_actor,
            details=details(site=home_site, campaigns=[joint]),
            posted_at=timezone.now(),
        )

        assert list(joint.vacancies.all()) == [vacancy]

    def test_lets_a_partnership_administrator_post_for_any_partner(self, admin_actor, home_site):
        vacancy = services.vacancy_post(
            actor=admin_actor, details=details(site=home_site), posted_at=timezone.now()
        )

        assert vacancy.organisation == home_site.organisation

    @pytest.mark.parametrize("role", [Role.ANALYST, Role.RECRUITMENT_ADVISER, Role.BOARD_MEMBER])
    def test_refuses_roles_that_do_not_post_vacancies(self, role, partnership, home_site):
        actor = actor_for_user(member(role=role, organisation=partnership))

        with pytest.raises(NotAllowed):
            services.vacancy_post(
                actor=actor, details=details(site=home_site), posted_at=timezone.now()
            )

        assert not Vacancy.objects.exists()
