"""Factories for the partners models, for any app's tests.

Every user made here can sign in with ``PASSWORD``. Sites sit on a real Dudley postcode, as
``site_create`` would demand. ``api_token_for`` makes a token the way an administrator does
and returns the key that goes in the ``Authorization`` header.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta

import factory
from django.utils import timezone

from oneworkforce.partners.models import (
    ApiToken,
    AuditAction,
    AuditEvent,
    DataSharingAgreement,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    OutboxChannel,
    OutboxMessage,
    Role,
    SharingScope,
    Site,
    User,
)

PASSWORD = "a-long-test-passphrase-41"
# A real postcode in Dudley (E08000027): DY1 1HF, Dudley town centre.
SITE_POSTCODE = "DY1 1HF"
SITE_LATITUDE = 52.51221
SITE_LONGITUDE = -2.08433
DUDLEY = "E08000027"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@partner.example")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Partner {n}")
    kind = OrganisationKind.CARE_HOME_PROVIDER


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Test Site {n}")
    address_line_1 = "1 High Street"
    town = "Dudley"
    postcode = SITE_POSTCODE
    latitude = SITE_LATITUDE
    longitude = SITE_LONGITUDE
    local_authority_code = DUDLEY


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.EMPLOYER_USER


class InvitationFactory(factory.django.DjangoModelFactory):
    """A waiting invitation; its token is ``token`` (give one to follow the link)."""

    class Meta:
        model = Invitation
        exclude = ("token",)

    token = factory.Sequence(lambda n: f"test-invitation-token-{n}")
    email = factory.Sequence(lambda n: f"invitee{n}@partner.example")
    full_name = factory.Sequence(lambda n: f"Test Invitee {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.EMPLOYER_USER
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class DataSharingAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSharingAgreement

    provider = factory.SubFactory(OrganisationFactory)
    recipient = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.PARTNERSHIP)
    scope = SharingScope.WORKFORCE_AGGREGATES
    purpose = "Workforce planning across the partnership"
    start_date = date(2026, 4, 1)
    end_date = date(2027, 3, 31)


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    occurred_at = factory.LazyFunction(timezone.now)
    actor_label = "user #0"
    action = AuditAction.CHANGED
    record_type = "partners.organisation"
    record_id = factory.Sequence(str)


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    sent_at = factory.LazyFunction(timezone.now)
    channel = OutboxChannel.EMAIL
    recipients = factory.Sequence(lambda n: [f"recipient{n}@partner.example"])
    subject = factory.Sequence(lambda n: f"Test message {n}")
    body = "Hello."
    delivered = True


def member(
    *, role: str = Role.EMPLOYER_USER, organisation: Organisation | None = None, **user_fields
) -> User:
    """A user who holds ``role`` at ``organisation`` (a new partner if none is given)."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation or OrganisationFactory(), role=role)
    return user


def api_token_for(
    *,
    organisation: Organisation,
    role: str = Role.EMPLOYER_USER,
    expires_at: datetime | None = None,
    revoked_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A token for ``organisation`` in ``role``, and its key (only the hash is stored)."""
    key = f"ow_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=f"Test token for {organisation.name}",
        organisation=organisation,
        role=role,
        key_prefix=key[:8],
        key_hash=hashlib.sha256(key.encode()).hexdigest(),
        expires_at=expires_at,
        revoked_at=revoked_at,
    )
    return token, key


def token_header(key: str) -> dict[str, str]:
    """The header that authenticates a test client's request with ``key``."""
    return {"HTTP_AUTHORIZATION": f"Token {key}"}
