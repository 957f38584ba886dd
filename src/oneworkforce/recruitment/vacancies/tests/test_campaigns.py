from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.engines.disclosure import MARKER
from oneworkforce.partners.access import NotAllowed, actor_for_user
from oneworkforce.partners.models import AuditEvent, Role
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.partners.tests.factories import OrganisationFactory, member
from oneworkforce.recruitment.vacancies import selectors, services
from oneworkforce.recruitment.vacancies.models import Campaign
from oneworkforce.recruitment.vacancies.tests.factories import campaign, posted, site_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def adviser(partnership):
    return member(role=Role.RECRUITMENT_ADVISER, organisation=partnership)


def _create(actor, employers, **overrides):
    today = timezone.localdate()
    arguments = {
        "name": "Winter  home care drive",
        "summary": "Carers wanted this winter.",
        "description": "Apply once.",
        "start_date": today,
        "end_date": today + timedelta(days=60),
        "employers": employers,
        "created_at": timezone.now(),
    }
    arguments.update(overrides)
    return services.campaign_create(actor=actor, **arguments)


class TestCampaignCreate:
    def test_an_adviser_starts_a_campaign_of_several_employers(
        self, adviser, employer_organisation, other_organisation
    ):
        made = _create(actor_for_user(adviser), [employer_organisation, other_organisation])

        assert (made.name, made.slug) == ("Winter home care drive", "winter-home-care-drive")
        assert made.employers.count() == 2
        assert AuditEvent.objects.filter(record_type="vacancies.campaign").exists()

    def test_refuses_a_campaign_of_one_employer(self, adviser, employer_organisation):
        with pytest.raises(services.CampaignError) as refusal:
            _create(actor_for_user(adviser), [employer_organisation])

        assert refusal.value.message == services.CAMPAIGN_NEEDS_EMPLOYERS
        assert not Campaign.objects.exists()

    def test_refuses_an_end_before_the_start(
        self, adviser, employer_organisation, other_organisation
    ):
        today = timezone.localdate()

        with pytest.raises(services.CampaignError) as refusal:
            _create(
                actor_for_user(adviser),
                [employer_organisation, other_organisation],
                end_date=today - timedelta(days=1),
            )

        assert refusal.value.message == services.CAMPAIGN_END_BEFORE_START
        assert not Campaign.objects.exists()

    def test_refuses_a_name_already_taken(self, adviser, employer_organisation, other_organisation):
        employers = [employer_organisation, other_organisation]
        _create(actor_for_user(adviser), employers)

        with pytest.raises(services.CampaignError) as refusal:
            _create(actor_for_user(adviser), employers, name="Winter Home Care Drive")

        assert refusal.value.message == services.CAMPAIGN_NAME_TAKEN.format(
            name="Winter Home Care Drive"
        )
        assert Campaign.objects.count() == 1

    def test_an_employer_cannot_start_one(
        self, employer_actor, employer_organisation, other_organisation
    ):
        with pytest.raises(NotAllowed):
            _create(employer_actor, [employer_organisation, other_organisation])

    def test_the_page_shows_a_refusal_beside_the_field(
        self, adviser, employer_organisation, client
    ):
        client.force_login(adviser)
        today = timezone.localdate()

        response = client.post(
            reverse("vacancies:campaign-create"),
            {
                "name": "Nursing",
                "summary": "Nurses",
                "description": "Nurses wanted",
                "start_date": f"{today:%d/%m/%Y}",
                "end_date": f"{today:%d/%m/%Y}",
                "employers": [employer_organisation.pk],
            },
        )

        assert shows(response, services.CAMPAIGN_NEEDS_EMPLOYERS)
        assert 'href="#id_employers_0"' in response.content.decode()
        assert not Campaign.objects.exists()


class TestCampaignStatistics:
    def test_hides_small_counts_of_filled_posts_and_those_that_would_reveal_them(
        self, admin_actor, employer_organisation, other_organisation
    ):
        joint = campaign(employers=[employer_organisation, other_organisation])
        home_site = site_of(employer_organisation)
        away_site = site_of(other_organisation)
        filled = posted(actor=admin_actor, site=home_site, posts=2, campaigns=[joint])
        services.vacancy_fill(
            actor=admin_actor,
            vacancy=filled,
            on_date=timezone.localdate(),
            recorded_at=timezone.now(),
        )
        posted(actor=admin_actor, site=home_site, posts=40, campaigns=[joint])
        posted(actor=admin_actor, site=away_site, posts=30, campaigns=[joint])

        table = selectors.campaign_statistics(campaign=joint)

        assert table.cell(employer_organisation.name, "Filled").display == MARKER
        assert table.cell(employer_organisation.name, "Open").display == MARKER
        assert table.cell(other_organisation.name, "Open").display == "30"

    def test_the_campaign_page_shows_the_table_and_its_note(
        self, admin_actor, admin_client, employer_organisation, other_organisation
    ):
        joint = campaign(employers=[employer_organisation, other_organisation])
        posted(actor=admin_actor, site=site_of(employer_organisation), posts=3, campaigns=[joint])

        response = admin_client.get(reverse("vacancies:campaign-detail", args=[joint.slug]))

        table = selectors.campaign_statistics(campaign=joint)
        assert shows(response, table.note)
        assert MARKER in response.content.decode()


class TestCampaignsForTheVacancyForm:
    def test_offers_only_running_campaigns_the_employer_is_part_of(
        self, employer_actor, employer_organisation, other_organisation
    ):
        mine = campaign(employers=[employer_organisation, other_organisation], name="Mine")
        campaign(employers=[other_organisation, OrganisationFactory()], name="Theirs")
        campaign(
            employers=[employer_organisation, other_organisation],
            name="Over",
            start_date=timezone.localdate() - timedelta(days=90),
            end_date=timezone.localdate() - timedelta(days=1),
        )

        offered = selectors.campaigns_for_vacancy_form(
            actor=employer_actor, on_date=timezone.localdate()
        )

        assert list(offered) == [mine]
