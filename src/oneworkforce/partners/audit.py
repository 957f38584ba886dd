"""Writing the audit log: who did what to which record, never what the record says."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import models

from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import AuditAction, AuditEvent


def audit_record(
    *,
    actor: Actor,
    action: AuditAction,
    record: models.Model,
    record_organisation_id: int | None,
    occurred_at: datetime,
    fields_changed: Iterable[str] = (),
) -> AuditEvent:
    """Log one action on one record. Field names may be logged; their values never are."""
    return AuditEvent.objects.create(
        occurred_at=occurred_at,
        actor_id=actor.user_id,
        actor_label=actor.label,
        actor_organisation_id=actor.primary_organisation_id,
        action=action,
        record_type=record._meta.label_lower,
        record_id=str(record.pk),
        record_organisation_id=record_organisation_id,
        fields_changed=sorted(fields_changed),
    )


def audit_read(
    *,
    actor: Actor,
    record: models.Model,
    record_organisation_id: int | None,
    occurred_at: datetime,
) -> AuditEvent | None:
    """Log a read of a personal record when the reader is outside the owning organisation."""
    if record_organisation_id is not None and record_organisation_id in actor.organisation_ids():
        return None
    return audit_record(
        actor=actor,
        action=AuditAction.VIEWED,
        record=record,
        record_organisation_id=record_organisation_id,
        occurred_at=occurred_at,
    )
