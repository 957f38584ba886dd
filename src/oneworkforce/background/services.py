"""Starting background jobs."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from oneworkforce.background.models import Job
from oneworkforce.background.tasks import run_job
from oneworkforce.partners.access import Actor


def job_enqueue(
    *, actor: Actor, kind: str, title: str, parameters: dict[str, object], enqueued_at: datetime
) -> Job:
    """Record the job, then queue it once the record is committed (a worker that starts at
    once must find it)."""
    job = Job.objects.create(
        kind=kind,
        title=title,
        requested_by_id=actor.user_id,
        organisation_id=actor.primary_organisation_id,
        parameters=parameters,
        created_at=enqueued_at,
    )
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job
