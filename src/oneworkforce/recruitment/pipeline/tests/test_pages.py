"""The pipeline's pages: an employer moves an applicant from shortlist to started, the
candidate follows it on a tracker, and bad input is shown beside the field, writing nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.models import AuditAction, AuditEvent
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.recruitment.pipeline import services
from oneworkforce.recruitment.pipeline.models import (
    Application,
    CheckKind,
    PlacementChoice,
    Stage,
)
from oneworkforce.recruitment.pipeline.tests.factories import applied, placement, taken_to
from oneworkforce.recruitment.tests.conftest import candidate_client
from oneworkforce.recruitment.tests.factories import CandidateFactory
from oneworkforce.recruitment.vacancies.tests.factories import site_of

pytestmark = pytest.mark.django_db


def _step(client, application, step, **fields):
    data = {"step": step} | {f"{step}-{name}": value for name, value in fields.items()}
    return client.post(reverse("pipeline:application-detail", args=[application.pk]), data)


def _check(client, application, kind, status="cleared", next_actor="nobody"):
    return client.post(
        reverse("pipeline:application-detail", args=[application.pk]),
        {
            "step": "check",
            "check_kind": kind,
            f"check-{kind}-status": status,
            f"check-{kind}-next_actor": next_actor,
            f"check-{kind}-note": "",
        },
    )


class TestEmployerMovesAnApplicant:
    def test_from_applied_to_started_through_the_checks(self, employer_client, candidate, vacancy):
        application = applied(candidate, vacancy)
        in_two_days = timezone.localdate() + timedelta(days=2)

        _step(employer_client, application, "shortlist")
        _step(
            employer_client,
            application,
            "interview",
            interview_date=f"{in_two_days:%d/%m/%Y}",
            interview_time="10:30",
            place="Netherton Lodge, the office",
        )
        _step(employer_client, application, "offer", start_date=f"{in_two_days:%d/%m/%Y}")
        _step(employer_client, application, "checks")
        for kind in CheckKind.values:
            _check(employer_client, application, kind)
        response = _step(
            employer_client, application, "start", started_date=f"{timezone.localdate():%d/%m/%Y}"
        )

        application.refresh_from_db()
        assert response.status_code == 302
        assert application.stage == Stage.STARTED
        assert list(application.changes.order_by("pk").values_list("stage", flat=True)) == [
            Stage.APPLIED,
            Stage.SHORTLISTED,
            Stage.INTERVIEW,
            Stage.OFFER,
            Stage.CHECKS,
            Stage.STARTED,
        ]

    def test_an_offer_beyond_the_posts_is_shown_on_the_page_and_writes_nothing(
        self, employer_client, employer_actor, vacancy
    ):
        start = timezone.now() - timedelta(days=20)
        taken_to(Stage.OFFER, candidate=CandidateFactory(), vacancy=vacancy, actor=employer_actor,
                 at=start)  # fmt: skip
        second = taken_to(
            Stage.INTERVIEW, candidate=CandidateFactory(), vacancy=vacancy, actor=employer_actor,
            at=start,
        )  # fmt: skip

        response = _step(
            employer_client,
            second,
            "offer",
            start_date=f"{timezone.localdate() + timedelta(days=9):%d/%m/%Y}",
        )

        assert response.status_code == 200
        assert shows(response, services.MORE_OFFERS_THAN_POSTS.format(posts=1))
        second.refresh_from_db()
        assert second.stage == Stage.INTERVIEW

    def test_another_employer_cannot_open_the_application(
        self, other_organisation_client, candidate, vacancy
    ):
        application = applied(candidate, vacancy)

        response = other_organisation_client.get(
            reverse("pipeline:application-detail", args=[application.pk])
        )

        assert response.status_code == 404


class TestApplicationReadAudit:
    def test_an_advisers_read_is_logged_and_the_employers_own_is_not(
        self, adviser_client, employer_client, candidate, vacancy
    ):
        application = applied(candidate, vacancy)
        url = reverse("pipeline:application-detail", args=[application.pk])

        employer_client.get(url)
        before = AuditEvent.objects.filter(action=AuditAction.VIEWED).count()
        adviser_client.get(url)

        viewed = AuditEvent.objects.filter(action=AuditAction.VIEWED)
        assert before == 0
        assert [(event.record_type, event.record_id) for event in viewed] == [
            ("pipeline.application", str(application.pk))
        ]


class TestCandidatePages:
    def test_the_candidate_applies_with_adjustments_and_sees_the_tracker(self, candidate, vacancy):
        client = candidate_client(candidate)

        response = client.post(
            reverse("pipeline:apply", args=[vacancy.pk]), {"adjustments": "Morning interviews"}
        )
        page = client.get(response.url)

        application = Application.objects.get()
        assert application.adjustments == "Morning interviews"
        assert shows(page, str(Stage.APPLIED.label))
        assert shows(page, "Morning interviews")

    def test_a_placement_ranked_twice_is_refused_and_the_old_ranking_kept(
        self, candidate, employer_actor, employer_organisation
    ):
        site = site_of(employer_organisation)
        first = placement(actor=employer_actor, site=site, title="Kitchen taster")
        placement(actor=employer_actor, site=site, title="Care taster")
        client = candidate_client(candidate)

        response = client.post(
            reverse("pipeline:my-placements"),
            {"choice_1": str(first.pk), "choice_2": str(first.pk)},
        )

        assert response.status_code == 200
        assert shows(response, str(services.PLACEMENT_RANKED_TWICE).format(title="Kitchen taster"))
        assert not PlacementChoice.objects.exists()
