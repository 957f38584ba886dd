"""A load that fails half-way on PostgreSQL, with real transactions: the new upload is marked
failed and leaves no row behind, and the version accepted before it stays accepted, whole.

Run in CI's second pass, where DATABASE_URL points at PostgreSQL (locally:
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/pytest <this file>``).
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, connection
from django.urls import reverse

from oneworkforce.background.models import Job, JobStatus
from oneworkforce.intelligence import loading, services
from oneworkforce.intelligence.models import Person, Post, ReturnStatus, WorkforceReturn
from oneworkforce.intelligence.tests.factories import (
    STAFF_VALID,
    accepted_return,
    sample,
    without_lines,
)
from oneworkforce.partners.tests.conftest import shows

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _on_postgresql() -> None:
    assert connection.vendor == "postgresql", (
        "Run the postgres tests with DATABASE_URL pointing at PostgreSQL (see .ci/run)"
    )


def written_then_raising(monkeypatch):
    """Posts are written, then the code fails: a DatabaseError from the application."""
    write = loading._insert

    def insert(model, frame):
        write(model, frame)
        if model is Post:
            raise DatabaseError("fault injected after writing the posts")

    monkeypatch.setattr(loading, "_insert", insert)
    return "DatabaseError"


def written_twice(monkeypatch):
    """Posts are written twice: PostgreSQL itself refuses the second copy (each post is
    unique within its return)."""
    write = loading._insert

    def insert(model, frame):
        write(model, frame)
        if model is Post:
            write(model, frame)

    monkeypatch.setattr(loading, "_insert", insert)
    return "IntegrityError"


@pytest.fixture(params=[written_then_raising, written_twice])
def failing_load(request, monkeypatch):
    """Make the next load fail half-way; returns the name of the error it fails with."""
    return lambda: request.param(monkeypatch)


@pytest.fixture
def first_version(employer_actor, employer_organisation, immediate_tasks) -> WorkforceReturn:
    workforce_return = accepted_return(
        actor=employer_actor, organisation=employer_organisation, content=sample(STAFF_VALID)
    )
    assert workforce_return.status == ReturnStatus.ACCEPTED
    return workforce_return


def upload_second_version(actor, organisation) -> WorkforceReturn:
    return accepted_return(
        actor=actor, organisation=organisation, content=without_lines(sample(STAFF_VALID), 15)
    )


class TestALoadThatFailsHalfWay:
    def test_marks_the_new_upload_failed_with_the_reason(
        self, employer_actor, employer_organisation, first_version, failing_load
    ):
        error = failing_load()

        second = upload_second_version(employer_actor, employer_organisation)

        assert second.status == ReturnStatus.FAILED
        assert second.failure == services.LOAD_FAILED.format(error=error)
        assert Job.objects.get(pk=second.job_id).status == JobStatus.FAILED

    def test_leaves_no_row_of_the_new_upload(
        self, employer_actor, employer_organisation, first_version, failing_load
    ):
        failing_load()

        second = upload_second_version(employer_actor, employer_organisation)

        assert not Post.objects.filter(workforce_return=second).exists()
        assert not Person.objects.filter(workforce_return=second).exists()

    def test_keeps_the_previous_version_accepted_with_all_its_rows(
        self, employer_actor, employer_organisation, first_version, failing_load
    ):
        failing_load()

        upload_second_version(employer_actor, employer_organisation)

        first_version.refresh_from_db()
        assert first_version.status == ReturnStatus.ACCEPTED
        assert Post.objects.filter(workforce_return=first_version).count() == 14
        assert Person.objects.filter(workforce_return=first_version).count() == 14
        assert Post.objects.count() == 14

    def test_the_returns_page_says_nothing_was_changed(
        self, employer_actor, employer_client, employer_organisation, first_version, failing_load
    ):
        error = failing_load()
        second = upload_second_version(employer_actor, employer_organisation)

        response = employer_client.get(reverse("intelligence:return-detail", args=[second.pk]))

        assert shows(response, services.LOAD_FAILED.format(error=error))

    def test_the_partner_can_upload_again_once_the_fault_is_gone(
        self, employer_actor, employer_organisation, first_version, monkeypatch
    ):
        written_then_raising(monkeypatch)
        upload_second_version(employer_actor, employer_organisation)
        monkeypatch.undo()

        again = upload_second_version(employer_actor, employer_organisation)

        first_version.refresh_from_db()
        assert again.status == ReturnStatus.ACCEPTED
        assert first_version.status == ReturnStatus.SUPERSEDED
        assert Post.objects.filter(workforce_return=again).count() == 13


class TestTheFaultIsReal:
    def test_a_constraint_failure_is_an_integrity_error_raised_by_postgresql(
        self, employer_actor, employer_organisation, first_version
    ):
        post = Post.objects.filter(workforce_return=first_version).first()
        post.pk = None

        with pytest.raises(IntegrityError, match="post_unique_within_return"):
            Post.objects.bulk_create([post])
