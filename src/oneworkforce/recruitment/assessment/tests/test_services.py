"""Taking the assessment (start, answer, send, retake), advisers' notes, and versions of
the question bank (draft, edit, publish) that never change once published."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from oneworkforce.partners.access import NotAllowed
from oneworkforce.partners.models import AuditEvent
from oneworkforce.recruitment import personal_data
from oneworkforce.recruitment import selectors as recruitment_selectors
from oneworkforce.recruitment import services as recruitment_services
from oneworkforce.recruitment.assessment import selectors, services
from oneworkforce.recruitment.assessment.models import (
    AdviserNote,
    Attempt,
    BankStatus,
    BankVersion,
)
from oneworkforce.recruitment.assessment.tests.factories import (
    best_answers,
    current_bank,
    submitted_attempt,
    worst_answers,
)
from oneworkforce.recruitment.tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def candidate():
    return CandidateFactory()


class TestAttemptStart:
    def test_starts_on_the_current_published_version_in_the_page_language(self, candidate):
        attempt = services.attempt_start(candidate=candidate, language="ur", started_at=NOW)

        assert attempt.bank_version == current_bank()
        assert attempt.language == "ur"
        assert attempt.answers == {}

    def test_an_unfinished_attempt_is_continued_not_started_again(self, candidate):
        first = services.attempt_start(candidate=candidate, language="en-gb", started_at=NOW)

        again = services.attempt_start(candidate=candidate, language="en-gb", started_at=NOW)

        assert again.pk == first.pk
        assert Attempt.objects.count() == 1

    def test_a_retake_is_a_new_dated_attempt_and_the_old_one_stays(self, candidate):
        first = submitted_attempt(candidate, at=NOW - timedelta(days=30))

        retake = services.attempt_start(candidate=candidate, language="en-gb", started_at=NOW)

        assert retake.pk != first.pk
        assert list(selectors.attempts_of(candidate=candidate)) == [retake, first]

    def test_refuses_when_no_version_is_published(self, candidate):
        BankVersion.objects.all().delete()

        with pytest.raises(services.AssessmentError) as refused:
            services.attempt_start(candidate=candidate, language="en-gb", started_at=NOW)

        assert refused.value.message == str(services.NOT_AVAILABLE)
        assert not Attempt.objects.exists()


class TestAttemptAnswer:
    def test_saves_each_answer_as_it_is_given(self, candidate):
        attempt = services.attempt_start(candidate=candidate, language="en-gb", started_at=NOW)

        services.attempt_answer(
            attempt=attempt, question_key="door-opens", option_key="close-door", answered_at=NOW
        )

        attempt.refresh_from_db()
        assert attempt.answers == {"door-opens": "close-door"}

    def test_refuses_an_option_the_question_does_not_have_and_saves_nothing(self, candidate):
        attempt = services.attempt_start(candidate=candidate, language="en-gb", started_at=NOW)

        with pytest.raises(services.AssessmentError) as refused:
            services.attempt_answer(
                attempt=attempt, question_key="door-opens", option_key="shout", answered_at=NOW
            )

        attempt.refresh_from_db()
        assert refused.value.message == str(services.NOT_AN_OPTION)
        assert attempt.answers == {}

    def test_refuses_to_change_a_sent_attempt(self, candidate):
        attempt = submitted_attempt(candidate)

        with pytest.raises(services.AssessmentError) as refused:
            services.attempt_answer(
                attempt=attempt, question_key="door-opens", option_key="chat", answered_at=NOW
            )

        assert refused.value.message == str(services.ALREADY_SENT)


class TestAttemptSubmit:
    def test_keeps_the_level_scores_and_recommendations(self, candidate):
        attempt = submitted_attempt(candidate, answers=worst_answers(current_bank().document))

        assert attempt.level == "needs_preparation"
        assert {score["band"] for score in attempt.result["scores"]} == {"concern"}
        assert "introduction-to-care" in attempt.result["recommendations"]["next_steps"]
        assert attempt.result["recommendations"]["roles"] == ["ancillary", "administrative"]

    def test_refuses_an_attempt_with_a_question_unanswered_and_writes_nothing(self, candidate):
        attempt = services.attempt_start(candidate=candidate, language="en-gb", started_at=NOW)
        answers = best_answers(attempt.bank_version.document)
        answers.pop("references")
        attempt.answers = answers
        attempt.save()

        with pytest.raises(services.AssessmentError) as refused:
            services.attempt_submit(attempt=attempt, submitted_at=NOW)

        attempt.refresh_from_db()
        assert refused.value.message == str(services.NOT_FINISHED)
        assert attempt.submitted_at is None
        assert attempt.result is None

    def test_an_old_result_is_scored_by_the_version_it_was_taken_on(self, candidate, adviser_actor):
        old_attempt = submitted_attempt(candidate)
        draft = services.bank_draft_start(actor=adviser_actor, created_at=NOW)
        services.bank_thresholds_save(
            actor=adviser_actor,
            version=draft,
            strong_percent=100,
            concern_percent=99,
            change_note="Stricter",
            saved_at=NOW,
        )
        services.bank_publish(actor=adviser_actor, version=draft, published_at=NOW)

        retake = submitted_attempt(candidate, answers=worst_answers(draft.document))

        old_attempt.refresh_from_db()
        assert old_attempt.bank_version.number == 1
        assert old_attempt.level == "ready_now"
        assert retake.bank_version.number == 2

    def test_is_written_to_the_audit_log_without_the_answers(self, candidate):
        attempt = submitted_attempt(candidate)

        event = AuditEvent.objects.filter(record_id=str(attempt.pk), action="changed").get()

        assert event.actor_label == f"candidate #{candidate.pk}"
        assert event.fields_changed == ["level", "result", "submitted_at"]


class TestNoteAdd:
    def test_an_adviser_adds_a_dated_note(self, candidate, adviser_actor, adviser_user):
        attempt = submitted_attempt(candidate)

        note = services.note_add(
            actor=adviser_actor, attempt=attempt, text="  Talked about ESOL.  ", written_at=NOW
        )

        assert (note.text, note.written_by, note.written_at) == (
            "Talked about ESOL.",
            adviser_user,
            NOW,
        )

    def test_refuses_an_employer(self, candidate, employer_actor):
        attempt = submitted_attempt(candidate)

        with pytest.raises(NotAllowed):
            services.note_add(actor=employer_actor, attempt=attempt, text="Hi", written_at=NOW)

        assert not AdviserNote.objects.exists()

    def test_refuses_an_empty_note(self, candidate, adviser_actor):
        attempt = submitted_attempt(candidate)

        with pytest.raises(services.AssessmentError) as refused:
            services.note_add(actor=adviser_actor, attempt=attempt, text="   ", written_at=NOW)

        assert refused.value.message == services.NOTE_EMPTY


class TestBankVersions:
    def test_a_draft_starts_as_a_copy_of_the_current_version_numbered_next(self, adviser_actor):
        draft = services.bank_draft_start(actor=adviser_actor, created_at=NOW)

        assert (draft.number, draft.status) == (2, BankStatus.DRAFT)
        assert draft.document == current_bank().document

    def test_there_is_only_ever_one_draft(self, adviser_actor):
        services.bank_draft_start(actor=adviser_actor, created_at=NOW)

        with pytest.raises(services.AssessmentError) as refused:
            services.bank_draft_start(actor=adviser_actor, created_at=NOW)

        assert refused.value.message == services.DRAFT_EXISTS.format(number=2)

    def test_a_published_version_cannot_change(self, adviser_actor):
        published = current_bank()
        document = copy.deepcopy(published.document)
        document["scoring"]["strong_percent"] = 90

        with pytest.raises(services.AssessmentError) as refused:
            services.bank_draft_save(
                actor=adviser_actor, version=published, document=document, saved_at=NOW
            )

        published.refresh_from_db()
        assert refused.value.message == services.NOT_A_DRAFT.format(number=1)
        assert published.document["scoring"]["strong_percent"] == 75

    def test_a_draft_with_problems_is_not_saved_and_every_problem_is_named(self, adviser_actor):
        draft = services.bank_draft_start(actor=adviser_actor, created_at=NOW)
        document = copy.deepcopy(draft.document)
        document["recommendations"]["roles"]["ready_now"].append("astronaut")
        document["scoring"] = {"strong_percent": 30, "concern_percent": 40}

        with pytest.raises(services.BankInvalid) as refused:
            services.bank_draft_save(
                actor=adviser_actor, version=draft, document=document, saved_at=NOW
            )

        draft.refresh_from_db()
        assert refused.value.problems == [
            "Scoring: the concern threshold must be below the strong threshold"
        ]
        assert draft.document == current_bank().document

    def test_names_a_role_missing_from_the_reference_list(self, adviser_actor):
        draft = services.bank_draft_start(actor=adviser_actor, created_at=NOW)
        document = copy.deepcopy(draft.document)
        document["recommendations"]["roles"]["ready_now"].append("astronaut")

        with pytest.raises(services.BankInvalid) as refused:
            services.bank_draft_save(
                actor=adviser_actor, version=draft, document=document, saved_at=NOW
            )

        assert refused.value.problems == [
            "Recommendations, roles for ready_now: astronaut is not in the job roles list"
        ]

    def test_a_question_edited_in_the_draft_leaves_the_published_version_alone(self, adviser_actor):
        draft = services.bank_draft_start(actor=adviser_actor, created_at=NOW)
        question = copy.deepcopy(draft.document["questions"][0])
        question["prompt"] = {"en-gb": "A new wording?"}

        services.bank_question_save(
            actor=adviser_actor, version=draft, question=question, saved_at=NOW
        )

        draft.refresh_from_db()
        assert draft.document["questions"][0]["prompt"] == {"en-gb": "A new wording?"}
        assert current_bank().document["questions"][0]["prompt"]["en-gb"].startswith("You visit")

    def test_publishing_makes_the_draft_the_version_new_attempts_use(self, adviser_actor):
        draft = services.bank_draft_start(actor=adviser_actor, created_at=NOW)

        services.bank_publish(actor=adviser_actor, version=draft, published_at=NOW)

        assert selectors.current_bank_version() == draft
        assert selectors.bank_draft() is None

    def test_an_employer_cannot_start_a_draft(self, employer_actor):
        with pytest.raises(NotAllowed):
            services.bank_draft_start(actor=employer_actor, created_at=NOW)

        assert BankVersion.objects.count() == 1


class TestPersonalData:
    def test_attempts_and_notes_are_in_the_download_and_erasure_registry(self):
        assert personal_data.is_registered(Attempt)
        assert personal_data.is_registered(AdviserNote)

    def test_a_candidates_notes_are_found_through_their_attempts(self, candidate, adviser_actor):
        attempt = submitted_attempt(candidate)
        note = services.note_add(actor=adviser_actor, attempt=attempt, text="Keen", written_at=NOW)
        entry = next(e for e in personal_data.registered() if e.model is AdviserNote)

        assert list(entry.rows_for(candidate)) == [note]


class TestCandidatesRights:
    def test_the_data_download_holds_the_attempts_and_notes_named_in_urdu(
        self, candidate, adviser_actor
    ):
        attempt = submitted_attempt(candidate)
        services.note_add(actor=adviser_actor, attempt=attempt, text="Keen", written_at=NOW)

        with translation.override("ur"):
            sections = {
                section.label: section
                for section in recruitment_selectors.data_held_about(candidate)
            }

        assessments = sections["آپ کے جائزے"]
        notes = sections["آپ کے جائزوں پر مشیروں کے نوٹس"]
        assert [record.values["level"] for record in assessments.records] == ["ready_now"]
        assert ("نتیجہ", "ابھی کیئر کی نوکری کے لیے تیار") in assessments.records[0].readable
        assert [record.values["text"] for record in notes.records] == ["Keen"]

    def test_erasure_deletes_the_attempts_and_notes_and_keeps_the_bank(
        self, candidate, adviser_actor
    ):
        attempt = submitted_attempt(candidate)
        services.note_add(actor=adviser_actor, attempt=attempt, text="Keen", written_at=NOW)
        request = recruitment_services.erasure_request(
            actor=adviser_actor, candidate=candidate, requested_at=NOW
        )

        recruitment_services.erasure_confirm(actor=adviser_actor, request=request, confirmed_at=NOW)

        assert not Attempt.objects.exists()
        assert not AdviserNote.objects.exists()
        assert BankVersion.objects.filter(number=1).exists()
