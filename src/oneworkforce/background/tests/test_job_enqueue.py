"""``job_enqueue``: record the job, then run it through the one task once committed."""

from datetime import UTC, datetime

import pytest

from oneworkforce.background.models import Job, JobStatus
from oneworkforce.background.services import job_enqueue
from oneworkforce.background.tests.factories import COUNTING_JOB, FAILING_JOB, FAILURE

pytestmark = pytest.mark.django_db

ENQUEUED_AT = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


def enqueue(actor, kind=COUNTING_JOB, parameters=None):
    return job_enqueue(
        actor=actor,
        kind=kind,
        title="Counting",
        parameters=parameters or {"to": 5},
        enqueued_at=ENQUEUED_AT,
    )


class TestJobEnqueue:
    def test_records_who_asked_for_what(
        self, employer_actor, employer_user, employer_organisation, immediate_tasks
    ):
        job = enqueue(employer_actor)

        job.refresh_from_db()
        assert (job.requested_by, job.organisation, job.parameters, job.status) == (
            employer_user,
            employer_organisation,
            {"to": 5},
            JobStatus.QUEUED,
        )

    def test_records_the_time_it_was_told_the_job_was_asked_for(
        self, employer_actor, immediate_tasks
    ):
        job = enqueue(employer_actor)

        job.refresh_from_db()
        assert job.created_at == ENQUEUED_AT

    def test_runs_the_job_only_once_the_record_is_committed(
        self, employer_actor, immediate_tasks, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            job = enqueue(employer_actor)

        job.refresh_from_db()
        assert job.status == JobStatus.QUEUED
        assert len(callbacks) == 1

    def test_runs_a_registered_job_to_the_end_and_records_its_progress(
        self, employer_actor, immediate_tasks, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            job = enqueue(employer_actor, parameters={"to": 5})

        job.refresh_from_db()
        assert (job.status, job.steps_total, job.steps_done, job.percent) == (
            JobStatus.SUCCEEDED,
            5,
            5,
            100,
        )
        assert job.message == "Counted to 5"
        assert (job.result_file, job.result_name) == (f"jobs/{job.pk}.txt", "count.txt")
        assert job.started_at <= job.finished_at
        assert job.error == ""

    def test_marks_a_failing_job_failed_with_its_error_and_nothing_else(
        self, employer_actor, immediate_tasks, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            job = enqueue(employer_actor, kind=FAILING_JOB)

        job.refresh_from_db()
        assert job.status == JobStatus.FAILED
        assert job.error == f"FileNotFoundError: {FAILURE}"
        assert job.finished_at is not None
        assert (job.result_file, job.result_name) == ("", "")
        assert job.is_finished
        assert Job.objects.count() == 1
