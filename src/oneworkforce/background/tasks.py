"""The one task every background job runs through, on whichever backend is configured
(the database queue by default, RQ on Redis when ``REDIS_URL`` is set)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from oneworkforce.background.models import Job, JobStatus
from oneworkforce.background.progress import Progress
from oneworkforce.background.registry import job_function

logger = logging.getLogger(__name__)


@task()
def run_job(job_id: str) -> str:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return job.status
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    progress = Progress(job)
    try:
        job_function(job.kind)(job, progress)
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:500],
            finished_at=timezone.now(),
        )
        return JobStatus.FAILED
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED,
        steps_done=job.steps_total,
        message=job.message[:300],
        result_file=job.result_file,
        result_name=job.result_name,
        finished_at=timezone.now(),
    )
    return JobStatus.SUCCEEDED
