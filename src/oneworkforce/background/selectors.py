from __future__ import annotations

from django.db.models import QuerySet

from oneworkforce.background.models import Job
from oneworkforce.partners.access import Actor


def jobs_visible_to(*, actor: Actor) -> QuerySet[Job]:
    """A job and its result belong to the person who asked for it."""
    if actor.user_id is None:
        return Job.objects.none()
    return Job.objects.filter(requested_by_id=actor.user_id)
