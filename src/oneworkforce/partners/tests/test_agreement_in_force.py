"""``selectors.agreement_in_force`` and ``selectors.organisations_sharing_with``: an agreement
covers its start and end dates, and nothing after its end or before its start."""

from datetime import date, timedelta

import pytest

from oneworkforce.partners import selectors
from oneworkforce.partners.models import SharingScope
from oneworkforce.partners.tests.factories import DataSharingAgreementFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

START = date(2026, 4, 1)
END = date(2027, 3, 31)


@pytest.fixture
def agreement():
    return DataSharingAgreementFactory(
        scope=SharingScope.WORKFORCE_RECORDS, start_date=START, end_date=END
    )


def in_force(agreement, on_date, *, scope=SharingScope.WORKFORCE_RECORDS):
    return selectors.agreement_in_force(
        provider_id=agreement.provider_id,
        recipient_id=agreement.recipient_id,
        scope=scope,
        on_date=on_date,
    )


class TestAgreementInForce:
    def test_holds_on_the_end_date(self, agreement):
        assert in_force(agreement, END) is True

    def test_lapses_the_day_after_the_end_date(self, agreement):
        assert in_force(agreement, END + timedelta(days=1)) is False

    def test_holds_on_the_start_date(self, agreement):
        assert in_force(agreement, START) is True

    def test_does_not_hold_the_day_before_the_start_date(self, agreement):
        assert in_force(agreement, START - timedelta(days=1)) is False

    def test_an_agreement_without_an_end_date_holds_years_later(self):
        open_ended = DataSharingAgreementFactory(start_date=START, end_date=None)

        holds = in_force(open_ended, date(2040, 1, 1), scope=open_ended.scope)

        assert holds is True

    def test_covers_only_the_scope_it_names(self, agreement):
        assert in_force(agreement, START, scope=SharingScope.TRAINING_RECORDS) is False

    def test_does_not_let_the_provider_see_the_recipients_data(self, agreement):
        reversed_direction = selectors.agreement_in_force(
            provider_id=agreement.recipient_id,
            recipient_id=agreement.provider_id,
            scope=agreement.scope,
            on_date=START,
        )

        assert reversed_direction is False

    def test_an_organisation_always_sees_its_own_data(self):
        organisation = OrganisationFactory()

        own = selectors.agreement_in_force(
            provider_id=organisation.pk,
            recipient_id=organisation.pk,
            scope=SharingScope.WORKFORCE_RECORDS,
            on_date=START,
        )

        assert own is True


class TestOrganisationsSharingWith:
    def sharing(self, agreement, on_date):
        return selectors.organisations_sharing_with(
            recipient_id=agreement.recipient_id, scope=agreement.scope, on_date=on_date
        )

    def test_includes_the_provider_on_the_end_date(self, agreement):
        assert self.sharing(agreement, END) == {agreement.recipient_id, agreement.provider_id}

    def test_leaves_the_provider_out_the_day_after_the_end_date(self, agreement):
        assert self.sharing(agreement, END + timedelta(days=1)) == {agreement.recipient_id}

    def test_leaves_the_provider_out_before_the_start_date(self, agreement):
        assert self.sharing(agreement, START - timedelta(days=1)) == {agreement.recipient_id}

    def test_lists_every_provider_in_force_and_no_other(self, agreement):
        second_provider = DataSharingAgreementFactory(
            recipient=agreement.recipient, scope=agreement.scope, start_date=START, end_date=None
        ).provider
        DataSharingAgreementFactory(
            recipient=agreement.recipient, scope=SharingScope.VACANCIES, start_date=START
        )

        providers = self.sharing(agreement, START)

        assert providers == {agreement.recipient_id, agreement.provider_id, second_provider.pk}
