"""The pipeline as a source of the board's programme statistics: applications to a joint
campaign linked to an initiative become dated, pseudonymous journey steps, for the people who
agreed to be counted, and reach the programme page through disclosure control."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.demo import planning as demo_planning
from oneworkforce.demo.generator import generate
from oneworkforce.intelligence.models import Initiative, Workstream
from oneworkforce.intelligence.planning import steps
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.conftest import _signed_in
from oneworkforce.partners.tests.factories import member
from oneworkforce.recruitment.models import (
    Candidate,
    EqualityMonitoring,
    Ethnicity,
    Sex,
    YesNoPreferNot,
)
from oneworkforce.recruitment.pipeline.models import Application, Stage
from oneworkforce.recruitment.pipeline.programme_steps import (
    CampaignApplications,
    _steps_reached,
    participant_key,
)
from oneworkforce.recruitment.pipeline.tests.factories import applied, taken_to
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for
from oneworkforce.recruitment.vacancies.models import Campaign
from oneworkforce.recruitment.vacancies.tests.factories import campaign


@pytest.fixture
def linked_campaign(employer_organisation, vacancy) -> Campaign:
    drive = campaign(employers=[employer_organisation])
    drive.vacancies.add(vacancy)
    return drive


@pytest.fixture
def initiative(linked_campaign) -> Initiative:
    workstream = Workstream.objects.create(name="Recruitment campaigns")
    return Initiative.objects.create(
        workstream=workstream,
        name="Winter drive",
        kind="campaign",
        start_date=date(2026, 1, 5),
        campaign=linked_campaign,
    )


def counted(**fields) -> Candidate:
    """A candidate whose consent lets them be counted in anonymous statistics."""
    candidate = CandidateFactory(**fields)
    consent_for(candidate)
    return candidate


def records_now() -> list[steps.StepRecord]:
    return list(CampaignApplications().records(until=timezone.localdate()))


class TestTheSourceOfALinkedCampaign:
    def test_gives_each_step_a_person_reached_with_its_date_and_equality_groups(
        self, initiative, vacancy, employer_actor
    ):
        candidate = counted(date_of_birth=date(1980, 3, 27))
        EqualityMonitoring.objects.create(
            candidate=candidate,
            sex=Sex.FEMALE,
            ethnicity=Ethnicity.PAKISTANI,
            disability=YesNoPreferNot.PREFER_NOT_TO_SAY,
        )
        began = timezone.now() - timedelta(days=40)
        application = taken_to(
            Stage.STARTED, candidate=candidate, vacancy=vacancy, actor=employer_actor, at=began
        )

        records = records_now()

        day = began.date()
        assert {(r.step, r.reached_date) for r in records} == {
            ("applied", day),
            ("interviewed", timezone.localdate(application.interview_at)),
            ("offered", day + timedelta(days=6)),
            ("started", application.started_date),
        }
        assert {r.initiative_id for r in records} == {initiative.pk}
        assert {(r.sex, r.ethnicity_group, r.disability, r.age_band) for r in records} == {
            ("female", "asian", "unknown", "45 to 54")
        }

    def test_names_the_person_by_a_keyed_hash_never_by_the_candidate_id(self, initiative, vacancy):
        candidate = counted()
        applied(candidate, vacancy)

        (record,) = records_now()

        assert record.participant == participant_key(candidate.pk)
        assert str(candidate.pk) != record.participant
        assert candidate.reference not in record.participant

    def test_leaves_out_a_step_after_the_date_asked_for(self, initiative, vacancy):
        applied(counted(), vacancy, at=timezone.now() - timedelta(days=3))

        until = timezone.localdate() - timedelta(days=4)

        assert list(CampaignApplications().records(until=until)) == []

    def test_gives_nothing_for_a_campaign_no_initiative_links(self, employer_organisation, vacancy):
        campaign(employers=[employer_organisation]).vacancies.add(vacancy)
        Initiative.objects.create(
            workstream=Workstream.objects.create(name="Academy"),
            name="Cohort 1",
            kind="academy_cohort",
            start_date=date(2026, 1, 5),
        )
        applied(counted(), vacancy)

        assert records_now() == []

    def test_leaves_out_a_candidate_who_did_not_agree_to_anonymous_statistics(
        self, initiative, vacancy
    ):
        agreed, refused = counted(), CandidateFactory()
        consent = consent_for(refused)
        consent.anonymised_statistics = False
        consent.save()
        applied(agreed, vacancy)
        applied(refused, vacancy)

        assert {r.participant for r in records_now()} == {participant_key(agreed.pk)}

    def test_is_registered_for_the_programme_statistics(self):
        assert any(isinstance(s, CampaignApplications) for s in steps.step_sources())


class TestStepsOfOneApplication:
    def test_counts_6_and_12_months_in_work_from_the_first_day(self):
        application = Application(
            stage=Stage.RETAINED_12, started_date=date(2025, 8, 31), interview_at=None
        )
        stage_days = {Stage.APPLIED: date(2025, 7, 1), Stage.OFFER: date(2025, 7, 20)}

        reached = dict(_steps_reached(application, stage_days, date(2026, 11, 1)))

        assert reached == {
            "applied": date(2025, 7, 1),
            "interviewed": date(2025, 7, 20),
            "offered": date(2025, 7, 20),
            "started": date(2025, 8, 31),
            "retained_6_months": date(2026, 2, 28),
            "retained_12_months": date(2026, 8, 31),
        }

    def test_does_not_count_an_interview_the_person_did_not_come_to(self):
        application = Application(
            stage=Stage.INTERVIEW,
            interview_at=timezone.now() - timedelta(days=3),
            outcome="rejected",
            reason="did_not_attend",
        )

        reached = dict(_steps_reached(application, {}, timezone.localdate()))

        assert "interviewed" not in reached


class TestTheProgrammePage:
    def test_shows_the_people_who_applied_through_the_linked_campaign(
        self, initiative, vacancy, partnership
    ):
        for _ in range(6):
            applied(counted(), vacancy)
        analyst = _signed_in(member(role=Role.ANALYST, organisation=partnership))

        page = analyst.get(reverse("intelligence:programme")).content.decode()

        row = re.search(r"Applied for a job</th>(.*?)</tr>", page, re.S)
        assert row is not None
        cells = re.findall(r"<td[^>]*>\s*([^<]*?)\s*</td>", row.group(1))
        assert "6" in cells

    def test_hides_a_count_under_five(self, initiative, vacancy, partnership):
        for _ in range(3):
            applied(counted(), vacancy)
        analyst = _signed_in(member(role=Role.ANALYST, organisation=partnership))

        page = analyst.get(reverse("intelligence:programme")).content.decode()

        row = re.search(r"Applied for a job</th>(.*?)</tr>", page, re.S)
        assert row is not None
        cells = re.findall(r"<td[^>]*>\s*([^<]*?)\s*</td>", row.group(1))
        assert cells
        assert "3" not in cells


class TestTheInitiativeForm:
    def test_an_analyst_links_a_new_initiative_to_a_joint_campaign(
        self, linked_campaign, partnership
    ):
        workstream = Workstream.objects.create(name="Recruitment campaigns")
        analyst = _signed_in(member(role=Role.ANALYST, organisation=partnership))

        form_page = analyst.get(reverse("intelligence:workstream-detail", args=[workstream.pk]))
        response = analyst.post(
            reverse("intelligence:initiative-create", args=[workstream.pk]),
            {
                "initiative-name": "Winter drive",
                "initiative-kind": "campaign",
                "initiative-start_date": "05/01/2026",
                "initiative-campaign": linked_campaign.pk,
            },
        )
        detail = analyst.get(response["Location"]).content.decode()

        assert linked_campaign.name in form_page.content.decode()
        assert Initiative.objects.get(name="Winter drive").campaign == linked_campaign
        assert linked_campaign.name in detail

    def test_an_initiative_needs_no_campaign(self, partnership):
        workstream = Workstream.objects.create(name="Academy")
        analyst = _signed_in(member(role=Role.ANALYST, organisation=partnership))

        analyst.post(
            reverse("intelligence:initiative-create", args=[workstream.pk]),
            {
                "initiative-name": "Cohort 1",
                "initiative-kind": "academy_cohort",
                "initiative-start_date": "05/01/2026",
            },
        )

        assert Initiative.objects.get(name="Cohort 1").campaign is None


class TestTheDemo:
    def test_credits_the_joint_care_worker_campaign_with_the_winter_home_care_drive(
        self, employer_organisation
    ):
        drive = campaign(employers=[employer_organisation], name="Winter home care drive")
        analyst = actor_for_user(member(role=Role.ANALYST))

        demo_planning.demo_planning_load(
            district=generate("small", 2026), actor=analyst, loaded_at=timezone.now()
        )

        assert Initiative.objects.get(name="Joint care worker campaign").campaign == drive
        assert Initiative.objects.filter(campaign__isnull=True).count() > 0
