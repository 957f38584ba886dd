"""Background work of the partners app."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from oneworkforce.background.models import Job
from oneworkforce.background.progress import Progress
from oneworkforce.background.registry import register
from oneworkforce.partners import selectors
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.audit import audit_record
from oneworkforce.partners.models import AuditAction, AuditEvent, User
from oneworkforce.web.csv_safety import safe_cell

AUDIT_EXPORT_JOB = "audit_export"
EXPORT_COLUMNS = (
    "occurred_at",
    "action",
    "record_type",
    "record_id",
    "record_organisation",
    "actor",
    "actor_organisation",
    "fields_changed",
)


def _row(event: AuditEvent) -> list[object]:
    return [
        event.occurred_at.isoformat(),
        event.action,
        event.record_type,
        event.record_id,
        event.record_organisation.name if event.record_organisation else "",
        event.actor_label,
        event.actor_organisation.name if event.actor_organisation else "",
        ";".join(event.fields_changed),
    ]


@register(AUDIT_EXPORT_JOB)
def export_audit_log(job: Job, progress: Progress) -> None:
    """Write the events matching the job's filters to a CSV only its requester can download."""
    user = User.objects.get(pk=job.requested_by_id)
    actor = actor_for_user(user)
    filters = dict(job.parameters)
    for key in ("since", "until"):
        filters[key] = date.fromisoformat(filters[key]) if filters.get(key) else None
    events = selectors.audit_events_visible_to(actor=actor, **filters)
    progress.start(total=events.count(), message="Writing the events")
    relative = Path("jobs") / f"{job.pk}.csv"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(EXPORT_COLUMNS)
        for event in events.iterator(chunk_size=2000):
            writer.writerow([safe_cell(value) for value in _row(event)])
            progress.advance()
    audit_record(
        actor=actor,
        action=AuditAction.EXPORTED,
        record=job,
        record_organisation_id=None,
        occurred_at=timezone.now(),
    )
    job.result_file = str(relative)
    job.result_name = f"audit-log-{timezone.localdate():%Y-%m-%d}.csv"
    job.message = f"{job.steps_total} events written"
