"""``run_job``: the one task every background job runs through."""

import pytest

from oneworkforce.background.models import JobStatus
from oneworkforce.background.tasks import run_job
from oneworkforce.background.tests.factories import FAILING_JOB, JobFactory

pytestmark = pytest.mark.django_db


class TestRunJob:
    def test_returns_the_status_it_reached(self, immediate_tasks):
        job = JobFactory(parameters={"to": 2})

        assert run_job.call(str(job.pk)) == JobStatus.SUCCEEDED

    def test_leaves_a_finished_job_alone(self, immediate_tasks):
        job = JobFactory(status=JobStatus.FAILED, error="Earlier failure")

        status = run_job.call(str(job.pk))

        job.refresh_from_db()
        assert status == JobStatus.FAILED
        assert (job.error, job.started_at) == ("Earlier failure", None)

    def test_a_failed_job_is_never_shown_as_complete(self, immediate_tasks):
        job = JobFactory(kind=FAILING_JOB)

        status = run_job.call(str(job.pk))

        job.refresh_from_db()
        assert status == JobStatus.FAILED
        assert job.steps_done < job.steps_total == 4
        assert job.percent < 100
