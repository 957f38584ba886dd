"""Recording and ending data-sharing agreements."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from oneworkforce.partners import selectors, services
from oneworkforce.partners.access import NotAllowed
from oneworkforce.partners.models import AuditAction, AuditEvent, DataSharingAgreement, SharingScope
from oneworkforce.partners.services import (
    AGREEMENT_ALREADY_ENDED,
    AGREEMENT_ENDS_BEFORE_START,
    AGREEMENT_WITH_ITSELF,
)
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.partners.tests.factories import DataSharingAgreementFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


def record(actor, provider, recipient, *, start_date=date(2026, 4, 1), end_date=None):
    return services.agreement_create(
        actor=actor,
        provider=provider,
        recipient=recipient,
        scope=SharingScope.WORKFORCE_AGGREGATES,
        purpose="Workforce planning",
        start_date=start_date,
        end_date=end_date,
        created_at=NOW,
    )


class TestAgreementCreate:
    def test_lets_the_recipient_see_the_providers_data_from_the_start_date(
        self, admin_actor, employer_organisation, partnership
    ):
        record(admin_actor, employer_organisation, partnership)

        shared = selectors.organisations_sharing_with(
            recipient_id=partnership.pk,
            scope=SharingScope.WORKFORCE_AGGREGATES,
            on_date=date(2026, 4, 1),
        )

        assert employer_organisation.pk in shared

    def test_is_logged_against_the_provider(self, admin_actor, employer_organisation, partnership):
        agreement = record(admin_actor, employer_organisation, partnership)

        event = AuditEvent.objects.get()
        assert (event.action, event.record_id, event.record_organisation) == (
            AuditAction.CREATED,
            str(agreement.pk),
            employer_organisation,
        )

    def test_refuses_an_agreement_of_a_partner_with_itself(
        self, admin_actor, employer_organisation
    ):
        with pytest.raises(services.PartnersError) as refusal:
            record(admin_actor, employer_organisation, employer_organisation)

        assert (refusal.value.message, refusal.value.field) == (AGREEMENT_WITH_ITSELF, "recipient")
        assert not DataSharingAgreement.objects.exists()
        assert not AuditEvent.objects.exists()

    def test_refuses_an_end_date_before_the_start_date(
        self, admin_actor, employer_organisation, partnership
    ):
        with pytest.raises(services.PartnersError) as refusal:
            record(admin_actor, employer_organisation, partnership, end_date=date(2026, 3, 31))

        assert (refusal.value.message, refusal.value.field) == (
            AGREEMENT_ENDS_BEFORE_START,
            "end_date",
        )
        assert not DataSharingAgreement.objects.exists()

    def test_accepts_an_agreement_of_a_single_day(
        self, admin_actor, employer_organisation, partnership
    ):
        agreement = record(
            admin_actor, employer_organisation, partnership, end_date=date(2026, 4, 1)
        )

        assert agreement.start_date == agreement.end_date

    def test_refuses_an_employer_user(self, employer_actor, employer_organisation, partnership):
        with pytest.raises(NotAllowed):
            record(employer_actor, employer_organisation, partnership)

        assert not DataSharingAgreement.objects.exists()


class TestAgreementEnd:
    def test_the_agreement_lapses_the_day_after_its_new_end_date(self, admin_actor):
        agreement = DataSharingAgreementFactory(start_date=date(2026, 4, 1), end_date=None)

        services.agreement_end(
            actor=admin_actor, agreement=agreement, end_date=date(2026, 6, 30), ended_at=NOW
        )

        def in_force(on_date):
            return selectors.agreement_in_force(
                provider_id=agreement.provider_id,
                recipient_id=agreement.recipient_id,
                scope=agreement.scope,
                on_date=on_date,
            )

        assert in_force(date(2026, 6, 30)) is True
        assert in_force(date(2026, 7, 1)) is False
        assert AuditEvent.objects.get().fields_changed == ["end_date"]

    def test_may_bring_an_end_date_forward(self, admin_actor):
        agreement = DataSharingAgreementFactory(
            start_date=date(2026, 4, 1), end_date=date(2027, 3, 31)
        )

        services.agreement_end(
            actor=admin_actor, agreement=agreement, end_date=date(2026, 9, 30), ended_at=NOW
        )

        agreement.refresh_from_db()
        assert agreement.end_date == date(2026, 9, 30)

    def test_refuses_to_extend_an_agreement_that_has_an_end_date(self, admin_actor):
        agreement = DataSharingAgreementFactory(
            start_date=date(2026, 4, 1), end_date=date(2027, 3, 31)
        )

        with pytest.raises(services.PartnersError) as refusal:
            services.agreement_end(
                actor=admin_actor, agreement=agreement, end_date=date(2027, 4, 1), ended_at=NOW
            )

        agreement.refresh_from_db()
        assert refusal.value.message == AGREEMENT_ALREADY_ENDED.format(end_date=date(2027, 3, 31))
        assert agreement.end_date == date(2027, 3, 31)
        assert not AuditEvent.objects.exists()

    def test_refuses_an_end_before_the_start(self, admin_actor):
        agreement = DataSharingAgreementFactory(start_date=date(2026, 4, 1), end_date=None)

        with pytest.raises(services.PartnersError) as refusal:
            services.agreement_end(
                actor=admin_actor, agreement=agreement, end_date=date(2026, 3, 1), ended_at=NOW
            )

        assert refusal.value.message == AGREEMENT_ENDS_BEFORE_START


class TestAgreementPages:
    def test_an_administrator_records_an_agreement(
        self, admin_client, employer_organisation, partnership
    ):
        response = admin_client.post(
            reverse("partners:agreement-create"),
            {
                "provider": employer_organisation.pk,
                "recipient": partnership.pk,
                "scope": "workforce_aggregates",
                "purpose": "Workforce planning",
                "start_date": "01/04/2026",
                "end_date": "31/03/2027",
            },
        )

        agreement = DataSharingAgreement.objects.get()
        assert response.url == reverse("partners:agreement-list")
        assert (agreement.start_date, agreement.end_date) == (date(2026, 4, 1), date(2027, 3, 31))

    def test_shows_why_an_agreement_with_itself_is_refused(
        self, admin_client, employer_organisation
    ):
        response = admin_client.post(
            reverse("partners:agreement-create"),
            {
                "provider": employer_organisation.pk,
                "recipient": employer_organisation.pk,
                "scope": "workforce_aggregates",
                "purpose": "Workforce planning",
                "start_date": "01/04/2026",
            },
        )

        assert shows(response, AGREEMENT_WITH_ITSELF)
        assert not DataSharingAgreement.objects.exists()

    def test_asks_for_a_date_it_can_read(self, admin_client, employer_organisation, partnership):
        response = admin_client.post(
            reverse("partners:agreement-create"),
            {
                "provider": employer_organisation.pk,
                "recipient": partnership.pk,
                "scope": "workforce_aggregates",
                "purpose": "Workforce planning",
                "start_date": "the first of April",
            },
        )

        assert shows(response, "Enter a date like 31/03/2027")

    def test_an_administrator_ends_an_agreement(self, admin_client):
        agreement = DataSharingAgreementFactory(start_date=date(2026, 4, 1), end_date=None)

        response = admin_client.post(
            reverse("partners:agreement-end", args=[agreement.pk]), {"end_date": "30/06/2026"}
        )

        agreement.refresh_from_db()
        assert response.url == reverse("partners:agreement-list")
        assert agreement.end_date == date(2026, 6, 30)

    def test_the_list_shows_each_agreement(self, admin_client):
        agreement = DataSharingAgreementFactory()

        response = admin_client.get(reverse("partners:agreement-list"))

        assert list(response.context["agreements"]) == [agreement]

    def test_refuses_an_employer_user(self, employer_client):
        assert employer_client.get(reverse("partners:agreement-list")).status_code == 403
