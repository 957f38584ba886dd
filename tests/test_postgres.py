"""What only PostgreSQL can prove: the migrations build the schema there, and the integrity
rules that live in the database hold there too."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from oneworkforce.partners.models import DataSharingAgreement, Organisation

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _on_postgresql() -> None:
    assert connection.vendor == "postgresql", (
        "Run the postgres tests with DATABASE_URL pointing at PostgreSQL (see .ci/run)"
    )


def test_the_models_and_migrations_agree() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_a_partner_name_is_unique_whatever_its_case() -> None:
    Organisation.objects.create(name="Dudley Council", kind="council")

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="DUDLEY COUNCIL", kind="council")

    assert Organisation.objects.count() == 1


def test_an_agreement_cannot_end_before_it_starts() -> None:
    provider = Organisation.objects.create(name="A", kind="council")
    recipient = Organisation.objects.create(name="B", kind="nhs_trust")

    with pytest.raises(IntegrityError), transaction.atomic():
        DataSharingAgreement.objects.create(
            provider=provider,
            recipient=recipient,
            scope="workforce_aggregates",
            purpose="x",
            start_date="2027-04-01",
            end_date="2027-03-31",
        )

    assert DataSharingAgreement.objects.count() == 0
