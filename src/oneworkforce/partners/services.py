"""Writes to partners data. Each is one use case: checked, atomic, audited, told the time."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.functions import Lower

from oneworkforce.core.errors import DomainError
from oneworkforce.partners import selectors
from oneworkforce.partners.access import Actor, NotAllowed
from oneworkforce.partners.audit import audit_record
from oneworkforce.partners.models import (
    ApiToken,
    AuditAction,
    DataSharingAgreement,
    Invitation,
    Membership,
    Organisation,
    Role,
    Site,
    User,
)
from oneworkforce.reference import postcodes

ORGANISATION_NAME_TAKEN = "There is already a partner called {name}. Use a different name."
IDENTIFIER_TAKEN = "{label} {value} already belongs to {other}. Check the identifier."
SITE_NAME_TAKEN = "{organisation} already has a site called {name}. Use a different name."
ALREADY_A_MEMBER = "{email} is already {role_article} {role} at {organisation}."
INVITATION_WAITING = (
    "An invitation for {email} to join {organisation} as {role_article} {role} is already "
    "waiting. Cancel it first if you need to send a new one."
)
INVITATION_NOT_VALID = (
    "This invitation link has expired or has already been used. Ask your partnership "
    "administrator to send a new one."
)
AGREEMENT_WITH_ITSELF = "Choose two different organisations: a partner cannot share with itself."
AGREEMENT_ENDS_BEFORE_START = "The end date must be the same as or after the start date."
AGREEMENT_ALREADY_ENDED = "This agreement already ended on {end_date:%d %B %Y}."
CANNOT_DEACTIVATE_SELF = "You cannot deactivate your own account."

INVITATION_LIFETIME = timedelta(days=7)
IDENTIFIER_LABELS = {
    "cqc_provider_id": "CQC provider ID",
    "ods_code": "NHS ODS code",
    "ascwds_workplace_id": "ASC-WDS workplace ID",
}


class PartnersError(DomainError):
    pass


def _article(label: str) -> str:
    return "an" if label[:1].lower() in "aeiou" else "a"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_organisation_unique(
    *, name: str, identifiers: dict[str, str], exclude_pk: int | None
) -> None:
    others = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects
    if others.annotate(lower=Lower("name")).filter(lower=name.lower()).exists():
        raise PartnersError(ORGANISATION_NAME_TAKEN.format(name=name), field="name")
    for field, value in identifiers.items():
        if not value:
            continue
        other = others.filter(**{f"{field}__iexact": value}).first()
        if other is not None:
            message = IDENTIFIER_TAKEN.format(
                label=IDENTIFIER_LABELS[field], value=value, other=other.name
            )
            raise PartnersError(message, field=field)


@transaction.atomic
def organisation_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    created_at: datetime,
    cqc_provider_id: str = "",
    ods_code: str = "",
    ascwds_workplace_id: str = "",
) -> Organisation:
    actor.require(Role.PARTNERSHIP_ADMIN)
    identifiers = {
        "cqc_provider_id": cqc_provider_id,
        "ods_code": ods_code,
        "ascwds_workplace_id": ascwds_workplace_id,
    }
    _check_organisation_unique(name=name, identifiers=identifiers, exclude_pk=None)
    organisation = Organisation.objects.create(name=name, kind=kind, **identifiers)
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=organisation,
        record_organisation_id=organisation.pk,
        occurred_at=created_at,
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: Actor, organisation: Organisation, changes: dict[str, object], updated_at: datetime
) -> Organisation:
    actor.require(Role.PARTNERSHIP_ADMIN)
    merged = {
        field: changes.get(field, getattr(organisation, field)) for field in IDENTIFIER_LABELS
    }
    _check_organisation_unique(
        name=str(changes.get("name", organisation.name)),
        identifiers={field: str(value) for field, value in merged.items()},
        exclude_pk=organisation.pk,
    )
    changed = [field for field, value in changes.items() if getattr(organisation, field) != value]
    for field in changed:
        setattr(organisation, field, changes[field])
    if changed:
        organisation.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CHANGED,
            record=organisation,
            record_organisation_id=organisation.pk,
            occurred_at=updated_at,
            fields_changed=changed,
        )
    return organisation


@transaction.atomic
def site_create(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    address_line_1: str,
    town: str,
    postcode: str,
    created_at: datetime,
    address_line_2: str = "",
    cqc_location_id: str = "",
) -> Site:
    """Add a site; its postcode must be a real one, and gives the site its coordinates."""
    actor.require(Role.PARTNERSHIP_ADMIN)
    try:
        place = postcodes.lookup(postcode)
    except (postcodes.InvalidPostcode, postcodes.UnknownPostcode) as error:
        raise PartnersError(str(error), field="postcode") from error
    if organisation.sites.annotate(lower=Lower("name")).filter(lower=name.lower()).exists():
        raise PartnersError(
            SITE_NAME_TAKEN.format(organisation=organisation.name, name=name), field="name"
        )
    if cqc_location_id and Site.objects.filter(cqc_location_id=cqc_location_id).exists():
        raise PartnersError(
            IDENTIFIER_TAKEN.format(
                label="CQC location ID", value=cqc_location_id, other="another site"
            ),
            field="cqc_location_id",
        )
    site = Site.objects.create(
        organisation=organisation,
        name=name,
        address_line_1=address_line_1,
        address_line_2=address_line_2,
        town=town,
        postcode=place.postcode,
        latitude=place.latitude,
        longitude=place.longitude,
        local_authority_code=place.local_authority_code or "",
        cqc_location_id=cqc_location_id,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=site,
        record_organisation_id=organisation.pk,
        occurred_at=created_at,
    )
    return site


@transaction.atomic
def invitation_send(
    *,
    actor: Actor,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: str,
    invited_at: datetime,
    link_for: Callable[[str], str],
) -> Invitation:
    """Invite someone to join ``organisation`` in ``role``; ``link_for(token)`` builds the
    absolute link that goes in the e-mail."""
    actor.require(Role.PARTNERSHIP_ADMIN)
    email = email.strip().lower()
    role_label = Role(role).label
    wording = {
        "email": email,
        "role": role_label.lower(),
        "role_article": _article(role_label),
        "organisation": organisation.name,
    }
    if Membership.objects.filter(
        user__email__iexact=email, organisation=organisation, role=role
    ).exists():
        raise PartnersError(ALREADY_A_MEMBER.format(**wording), field="email")
    if Invitation.objects.filter(
        email__iexact=email,
        organisation=organisation,
        role=role,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
    ).exists():
        raise PartnersError(INVITATION_WAITING.format(**wording), field="email")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name,
        organisation=organisation,
        role=role,
        token_hash=_hash(token),
        invited_by_id=actor.user_id,
        expires_at=invited_at + INVITATION_LIFETIME,
    )
    audit_record(
        actor=actor,
        action=AuditAction.INVITED,
        record=invitation,
        record_organisation_id=organisation.pk,
        occurred_at=invited_at,
    )
    send_mail(
        subject=f"You are invited to join {organisation.name} on One Workforce",
        message=(
            f"Hello {full_name},\n\n"
            f"You have been invited to use One Workforce as {_article(role_label)} "
            f"{role_label.lower()} at {organisation.name}.\n\n"
            f"Choose your password here within 7 days:\n{link_for(token)}\n\n"
            "If you did not expect this message, you can ignore it."
        ),
        from_email=None,
        recipient_list=[email],
    )
    return invitation


def invitation_for_token(*, token: str, on: datetime) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(
            token_hash=_hash(token),
            accepted_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=on,
        )
        .first()
    )
    if invitation is None:
        raise PartnersError(INVITATION_NOT_VALID)
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str, accepted_at: datetime) -> User:
    """Turn an invitation into a membership, creating the account if it is new."""
    invitation = invitation_for_token(token=token, on=accepted_at)
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        candidate = User(email=invitation.email, full_name=invitation.full_name)
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise PartnersError(" ".join(error.messages), field="password") from error
        user = User.objects.create_user(invitation.email, password, full_name=invitation.full_name)
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    invitation.accepted_at = accepted_at
    invitation.save(update_fields=["accepted_at", "updated_at"])
    newcomer = Actor(
        label=f"user #{user.pk}",
        memberships=frozenset({(invitation.organisation_id, invitation.role)}),
        user_id=user.pk,
    )
    audit_record(
        actor=newcomer,
        action=AuditAction.CREATED,
        record=membership,
        record_organisation_id=invitation.organisation_id,
        occurred_at=accepted_at,
    )
    return user


@transaction.atomic
def invitation_cancel(*, actor: Actor, invitation: Invitation, cancelled_at: datetime) -> None:
    actor.require(Role.PARTNERSHIP_ADMIN)
    invitation.cancelled_at = cancelled_at
    invitation.save(update_fields=["cancelled_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CHANGED,
        record=invitation,
        record_organisation_id=invitation.organisation_id,
        occurred_at=cancelled_at,
        fields_changed=["cancelled_at"],
    )


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership, ended_at: datetime) -> None:
    actor.require(Role.PARTNERSHIP_ADMIN)
    audit_record(
        actor=actor,
        action=AuditAction.DELETED,
        record=membership,
        record_organisation_id=membership.organisation_id,
        occurred_at=ended_at,
    )
    membership.delete()


@transaction.atomic
def user_deactivate(*, actor: Actor, user: User, deactivated_at: datetime) -> None:
    """A leaver can no longer sign in, and every session they had ends now."""
    actor.require(Role.PARTNERSHIP_ADMIN)
    if user.pk == actor.user_id:
        raise PartnersError(CANNOT_DEACTIVATE_SELF)
    user.is_active = False
    user.deactivated_at = deactivated_at
    user.save(update_fields=["is_active", "deactivated_at"])
    for session in selectors.sessions_of_user(user=user):
        session.delete()
    audit_record(
        actor=actor,
        action=AuditAction.DEACTIVATED,
        record=user,
        record_organisation_id=None,
        occurred_at=deactivated_at,
    )


@transaction.atomic
def user_reactivate(*, actor: Actor, user: User, reactivated_at: datetime) -> None:
    actor.require(Role.PARTNERSHIP_ADMIN)
    user.is_active = True
    user.deactivated_at = None
    user.save(update_fields=["is_active", "deactivated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CHANGED,
        record=user,
        record_organisation_id=None,
        occurred_at=reactivated_at,
        fields_changed=["is_active"],
    )


@transaction.atomic
def agreement_create(
    *,
    actor: Actor,
    provider: Organisation,
    recipient: Organisation,
    scope: str,
    purpose: str,
    start_date: date,
    end_date: date | None,
    created_at: datetime,
) -> DataSharingAgreement:
    actor.require(Role.PARTNERSHIP_ADMIN)
    if provider.pk == recipient.pk:
        raise PartnersError(AGREEMENT_WITH_ITSELF, field="recipient")
    if end_date is not None and end_date < start_date:
        raise PartnersError(AGREEMENT_ENDS_BEFORE_START, field="end_date")
    agreement = DataSharingAgreement.objects.create(
        provider=provider,
        recipient=recipient,
        scope=scope,
        purpose=purpose,
        start_date=start_date,
        end_date=end_date,
        created_by_id=actor.user_id,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=agreement,
        record_organisation_id=provider.pk,
        occurred_at=created_at,
    )
    return agreement


@transaction.atomic
def agreement_end(
    *, actor: Actor, agreement: DataSharingAgreement, end_date: date, ended_at: datetime
) -> DataSharingAgreement:
    """End an agreement on ``end_date`` (the last day it covers)."""
    actor.require(Role.PARTNERSHIP_ADMIN)
    if agreement.end_date is not None and agreement.end_date < end_date:
        raise PartnersError(AGREEMENT_ALREADY_ENDED.format(end_date=agreement.end_date))
    if end_date < agreement.start_date:
        raise PartnersError(AGREEMENT_ENDS_BEFORE_START, field="end_date")
    agreement.end_date = end_date
    agreement.save(update_fields=["end_date", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CHANGED,
        record=agreement,
        record_organisation_id=agreement.provider_id,
        occurred_at=ended_at,
        fields_changed=["end_date"],
    )
    return agreement


@transaction.atomic
def api_token_create(
    *,
    actor: Actor,
    organisation: Organisation,
    role: str,
    name: str,
    created_at: datetime,
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Make a token; returns it with its key, which is shown once and never stored."""
    actor.require(Role.PARTNERSHIP_ADMIN)
    key = f"ow_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name,
        organisation=organisation,
        role=role,
        key_prefix=key[:8],
        key_hash=_hash(key),
        created_by_id=actor.user_id,
        expires_at=expires_at,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=token,
        record_organisation_id=organisation.pk,
        occurred_at=created_at,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken, revoked_at: datetime) -> None:
    actor.require(Role.PARTNERSHIP_ADMIN)
    token.revoked_at = revoked_at
    token.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CHANGED,
        record=token,
        record_organisation_id=token.organisation_id,
        occurred_at=revoked_at,
        fields_changed=["revoked_at"],
    )


def api_token_for_key(*, key: str, on: datetime) -> ApiToken | None:
    token = (
        ApiToken.objects.select_related("organisation")
        .filter(key_hash=_hash(key), revoked_at__isnull=True, organisation__is_active=True)
        .first()
    )
    if token is None or (token.expires_at is not None and token.expires_at <= on):
        return None
    return token


__all__ = [
    "NotAllowed",
    "PartnersError",
    "agreement_create",
    "agreement_end",
    "api_token_create",
    "api_token_for_key",
    "api_token_revoke",
    "invitation_accept",
    "invitation_cancel",
    "invitation_send",
    "membership_end",
    "organisation_create",
    "organisation_update",
    "site_create",
    "user_deactivate",
    "user_reactivate",
]
