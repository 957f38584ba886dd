"""A job's page and its result belong to the person who asked for it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.background.models import JobStatus
from oneworkforce.background.services import job_enqueue
from oneworkforce.background.tests.factories import COUNTING_JOB, JobFactory
from oneworkforce.partners.access import actor_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished_job(employer_user, immediate_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(
            actor=actor_for_user(employer_user),
            kind=COUNTING_JOB,
            title="Counting",
            parameters={"to": 3},
            enqueued_at=timezone.now(),
        )
    job.refresh_from_db()
    return job


class TestJobDetail:
    def test_the_requester_sees_the_progress_and_a_download_link(
        self, employer_client, finished_job
    ):
        response = employer_client.get(reverse("background:job-detail", args=[finished_job.pk]))

        assert response.status_code == 200
        assert reverse("background:job-result", args=[finished_job.pk]) in response.content.decode()

    def test_htmx_gets_only_the_panel(self, employer_client, finished_job):
        response = employer_client.get(
            reverse("background:job-detail", args=[finished_job.pk]), HTTP_HX_REQUEST="true"
        )

        assert response.content.decode().lstrip().startswith('<div id="job-panel"')

    def test_another_user_gets_not_found(self, other_organisation_client, finished_job):
        response = other_organisation_client.get(
            reverse("background:job-detail", args=[finished_job.pk])
        )

        assert response.status_code == 404

    def test_an_administrator_who_did_not_ask_gets_not_found(self, admin_client, finished_job):
        response = admin_client.get(reverse("background:job-detail", args=[finished_job.pk]))

        assert response.status_code == 404

    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client, finished_job):
        response = client.get(reverse("background:job-detail", args=[finished_job.pk]))

        assert response.url.startswith(reverse("partners:sign-in"))


class TestJobResult:
    def test_the_requester_downloads_the_result(self, employer_client, finished_job):
        response = employer_client.get(reverse("background:job-result", args=[finished_job.pk]))

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"counted to 3\n"
        assert 'filename="count.txt"' in response["Content-Disposition"]

    def test_another_user_gets_not_found(self, other_organisation_client, finished_job):
        response = other_organisation_client.get(
            reverse("background:job-result", args=[finished_job.pk])
        )

        assert response.status_code == 404

    def test_a_job_without_a_result_has_nothing_to_download(self, employer_client, employer_user):
        job = JobFactory(requested_by=employer_user, status=JobStatus.FAILED)

        response = employer_client.get(reverse("background:job-result", args=[job.pk]))

        assert response.status_code == 404
