"""Reads of partners data, each scoped by who is asking.

A view never queries these models directly: it asks one of these functions, which returns
only what the actor may see.
"""

from __future__ import annotations

from datetime import date

from django.contrib.sessions.models import Session
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import (
    ApiToken,
    AuditEvent,
    DataSharingAgreement,
    Invitation,
    Membership,
    Organisation,
    OutboxMessage,
    Role,
    Site,
    User,
)


def organisations_visible_to(*, actor: Actor) -> QuerySet[Organisation]:
    """Every partner for an administrator; otherwise the organisations the actor belongs to."""
    organisations = Organisation.objects.annotate(
        site_count=Count("sites", distinct=True),
        member_count=Count("memberships__user", distinct=True),
    )
    if actor.is_partnership_admin:
        return organisations
    return organisations.filter(pk__in=actor.organisation_ids())


def sites_visible_to(*, actor: Actor) -> QuerySet[Site]:
    sites = Site.objects.select_related("organisation")
    if actor.is_partnership_admin:
        return sites
    return sites.filter(organisation_id__in=actor.organisation_ids())


def users_visible_to(*, actor: Actor) -> QuerySet[User]:
    """An administrator sees every account; anyone else only their own."""
    if actor.is_partnership_admin:
        return User.objects.all()
    return User.objects.filter(pk=actor.user_id)


def memberships_of_organisation(
    *, actor: Actor, organisation: Organisation
) -> QuerySet[Membership]:
    if not (actor.is_partnership_admin or organisation.pk in actor.organisation_ids()):
        return Membership.objects.none()
    return Membership.objects.filter(organisation=organisation).select_related("user")


def invitations_waiting(*, actor: Actor, organisation: Organisation) -> QuerySet[Invitation]:
    if not actor.is_partnership_admin:
        return Invitation.objects.none()
    return Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, cancelled_at__isnull=True
    )


def agreements_visible_to(*, actor: Actor) -> QuerySet[DataSharingAgreement]:
    agreements = DataSharingAgreement.objects.select_related("provider", "recipient")
    if actor.is_partnership_admin:
        return agreements
    mine = actor.organisation_ids()
    return agreements.filter(Q(provider_id__in=mine) | Q(recipient_id__in=mine))


def _in_force_on(on_date: date) -> Q:
    return Q(start_date__lte=on_date) & (Q(end_date__isnull=True) | Q(end_date__gte=on_date))


def agreement_in_force(*, provider_id: int, recipient_id: int, scope: str, on_date: date) -> bool:
    """Whether ``provider`` shares ``scope`` data with ``recipient`` on ``on_date``.

    An agreement covers its start and end dates inclusive, and nothing after its end.
    """
    if provider_id == recipient_id:
        return True
    return DataSharingAgreement.objects.filter(
        _in_force_on(on_date), provider_id=provider_id, recipient_id=recipient_id, scope=scope
    ).exists()


def organisations_sharing_with(*, recipient_id: int, scope: str, on_date: date) -> set[int]:
    """The organisations whose ``scope`` data ``recipient`` may see on ``on_date``, itself
    included."""
    providers = DataSharingAgreement.objects.filter(
        _in_force_on(on_date), recipient_id=recipient_id, scope=scope
    ).values_list("provider_id", flat=True)
    return {recipient_id, *providers}


def audit_events_visible_to(
    *,
    actor: Actor,
    record_type: str = "",
    record_id: str = "",
    action: str = "",
    actor_user_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    if not actor.is_partnership_admin:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.select_related("actor_organisation", "record_organisation")
    if record_type:
        events = events.filter(record_type=record_type)
    if record_id:
        events = events.filter(record_id=record_id)
    if action:
        events = events.filter(action=action)
    if actor_user_id is not None:
        events = events.filter(actor_id=actor_user_id)
    if since is not None:
        events = events.filter(occurred_at__date__gte=since)
    if until is not None:
        events = events.filter(occurred_at__date__lte=until)
    return events.order_by("-occurred_at", "-pk")


def outbox_visible_to(*, actor: Actor) -> QuerySet[OutboxMessage]:
    if not actor.is_partnership_admin:
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.order_by("-sent_at", "-pk")


def api_tokens_visible_to(*, actor: Actor) -> QuerySet[ApiToken]:
    if not actor.is_partnership_admin:
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("organisation").order_by("-created_at")


def sessions_of_user(*, user: User) -> list[Session]:
    """The live sessions that belong to ``user`` (database sessions decode their user id)."""
    # Sessions last at most half an hour, so the live ones are few and decoding them is cheap.
    return [
        session
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


def role_label(role: str) -> str:
    return Role(role).label
