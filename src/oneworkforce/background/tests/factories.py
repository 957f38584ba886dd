"""Factories for background jobs, and job kinds registered for the tests."""

from __future__ import annotations

from pathlib import Path

import factory
from django.conf import settings

from oneworkforce.background.models import Job, JobStatus
from oneworkforce.background.progress import Progress
from oneworkforce.background.registry import register

COUNTING_JOB = "test_counting"
FAILING_JOB = "test_failing"
FAILURE = "the source file is missing"


@register(COUNTING_JOB)
def count_to(job: Job, progress: Progress) -> None:
    """Counts to ``parameters["to"]``, one step at a time, and leaves a small result file."""
    steps = int(job.parameters.get("to", 3))
    progress.start(total=steps, message="Counting")
    for _ in range(steps):
        progress.advance()
    relative = Path("jobs") / f"{job.pk}.txt"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"counted to {steps}\n", encoding="utf-8")
    job.result_file = str(relative)
    job.result_name = "count.txt"
    job.message = f"Counted to {steps}"


@register(FAILING_JOB)
def fail_half_way(job: Job, progress: Progress) -> None:
    progress.start(total=4, message="Starting")
    progress.advance(2)
    job.result_file = "jobs/never-written.csv"
    raise FileNotFoundError(FAILURE)


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    kind = COUNTING_JOB
    title = "Counting"
    status = JobStatus.QUEUED
