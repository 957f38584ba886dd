"""The scale-out path: a background job queued on Redis and run by an RQ worker."""

from __future__ import annotations

import os

import django_rq
import pytest
from django.utils import timezone

from oneworkforce.background.models import Job, JobStatus
from oneworkforce.background.services import job_enqueue
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import AuditEvent, Membership, Organisation, Role, User

REDIS_URL = os.environ.get("OW_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_an_audit_export_runs_through_an_rq_worker(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.MEDIA_ROOT = tmp_path
    queue = django_rq.get_queue("default")
    queue.connection.ping()  # a missing Redis fails here, loudly, rather than skipping
    queue.empty()
    partnership = Organisation.objects.create(name="Partnership", kind="partnership")
    admin = User.objects.create_user("admin@example.org", None, full_name="Admin")
    Membership.objects.create(user=admin, organisation=partnership, role=Role.PARTNERSHIP_ADMIN)
    AuditEvent.objects.create(
        occurred_at=timezone.now(),
        actor_label="user #1",
        action="created",
        record_type="partners.organisation",
        record_id=str(partnership.pk),
    )

    job = job_enqueue(
        actor=actor_for_user(admin),
        kind="audit_export",
        title="Audit log export",
        parameters={"record_type": "", "record_id": "", "action": "", "since": None, "until": None},
        enqueued_at=timezone.now(),
    )
    assert queue.count == 1
    django_rq.get_worker("default", job_class="django_tasks_rq.Job").work(burst=True)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.steps_total == job.steps_done == 1
    assert (tmp_path / job.result_file).read_text().startswith("occurred_at,action")
    assert Job.objects.count() == 1
