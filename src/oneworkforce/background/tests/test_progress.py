"""``Progress``: counts steps and writes them to the job row, at most every so often."""

import pytest

from oneworkforce.background.models import Job, JobStatus
from oneworkforce.background.progress import Progress
from oneworkforce.background.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def stored(job):
    return Job.objects.values_list("steps_done", "steps_total", "message").get(pk=job.pk)


class TestProgress:
    def test_start_writes_the_total_at_once(self):
        job = JobFactory()

        Progress(job, min_interval_s=3600).start(total=10, message="Reading")

        assert stored(job) == (0, 10, "Reading")

    def test_writes_each_step_when_there_is_no_interval(self):
        job = JobFactory()
        progress = Progress(job, min_interval_s=0)
        progress.start(total=10)

        progress.advance(3, message="Three done")

        assert stored(job) == (3, 10, "Three done")

    def test_holds_back_writes_within_the_interval(self):
        job = JobFactory()
        progress = Progress(job, min_interval_s=3600)
        progress.start(total=10)

        progress.advance(3)

        assert job.steps_done == 3
        assert stored(job)[0] == 0

    def test_never_counts_past_the_total(self):
        job = JobFactory()
        progress = Progress(job, min_interval_s=0)
        progress.start(total=2)

        progress.advance(5)

        assert stored(job)[:2] == (2, 2)


class TestJobPercent:
    @pytest.mark.parametrize(
        ("status", "done", "total", "percent"),
        [
            (JobStatus.QUEUED, 0, 0, 0),
            (JobStatus.RUNNING, 1, 3, 33),
            (JobStatus.FAILED, 3, 4, 75),
            (JobStatus.SUCCEEDED, 0, 0, 100),
        ],
    )
    def test_reports_how_far_the_job_has_got(self, status, done, total, percent):
        assert Job(status=status, steps_done=done, steps_total=total).percent == percent
