"""The assessment's pages: a candidate answers one question a page and sees their result;
advisers read results, add notes, and edit and publish the question bank."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from oneworkforce.engines import assessment as engine
from oneworkforce.recruitment.assessment import services
from oneworkforce.recruitment.assessment.forms import BAD_SCORES, THRESHOLDS_ORDER
from oneworkforce.recruitment.assessment.models import AdviserNote, Attempt, BankVersion
from oneworkforce.recruitment.assessment.tests.factories import (
    best_answers,
    current_bank,
    submitted_attempt,
)
from oneworkforce.recruitment.tests.conftest import candidate_client
from oneworkforce.recruitment.tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate():
    return CandidateFactory(full_name="Amina Shah")


class TestTakingTheAssessment:
    def test_a_visitor_who_is_not_signed_in_is_sent_to_the_candidate_sign_in(self, client):
        response = client.get(reverse("assessment:start"))

        assert response.url.startswith(reverse("recruitment:sign-in"))

    def test_starting_opens_the_first_question(self, candidate):
        client = candidate_client(candidate)

        response = client.post(reverse("assessment:start"))

        first = current_bank().document["questions"][0]["key"]
        assert response.url == reverse("assessment:question", args=[first])

    def test_each_answer_is_saved_and_leads_to_the_next_question(self, candidate):
        client = candidate_client(candidate)
        client.post(reverse("assessment:start"))
        questions = current_bank().document["questions"]

        response = client.post(
            reverse("assessment:question", args=[questions[0]["key"]]), {"answer": "ask-why"}
        )

        assert response.url == reverse("assessment:question", args=[questions[1]["key"]])
        assert Attempt.objects.get().answers == {questions[0]["key"]: "ask-why"}

    def test_no_answer_ticked_shows_a_message_and_saves_nothing(self, candidate):
        client = candidate_client(candidate)
        client.post(reverse("assessment:start"))

        response = client.post(reverse("assessment:question", args=["refuses-wash"]), {})

        assert str(services.NOT_AN_OPTION) in response.content.decode()
        assert Attempt.objects.get().answers == {}

    def test_the_question_is_the_pages_heading_and_shown_in_urdu_to_an_urdu_reader(self, candidate):
        client = candidate_client(candidate)
        client.post(reverse("assessment:start"))
        client.post(reverse("set_language"), {"language": "ur", "next": "/"})

        page = client.get(reverse("assessment:question", args=["refuses-wash"])).content.decode()

        assert '<html lang="ur" dir="rtl"' in page
        assert '<h1 class="govuk-fieldset__heading">آپ ہر صبح مسز اختر' in page

    def test_sending_every_answer_shows_the_result(self, candidate):
        client = candidate_client(candidate)
        client.post(reverse("assessment:start"))
        attempt = Attempt.objects.get()
        attempt.answers = best_answers(attempt.bank_version.document)
        attempt.save()

        response = client.post(reverse("assessment:check"))
        page = client.get(response.url).content.decode()

        assert response.url == reverse("assessment:result", args=[attempt.pk])
        assert "Ready for a care job now" in page
        assert "Care worker" in page

    def test_sending_with_a_question_unanswered_links_to_it(self, candidate):
        client = candidate_client(candidate)
        client.post(reverse("assessment:start"))

        page = client.post(reverse("assessment:check")).content.decode()

        assert str(services.NOT_FINISHED) not in page  # the summary names each question
        assert 'href="/join/assessment/questions/refuses-wash/?change=1">Answer question 1' in page
        assert Attempt.objects.get().submitted_at is None

    def test_the_result_shows_the_advisers_notes_with_their_date(self, candidate, adviser_actor):
        attempt = submitted_attempt(candidate)
        services.note_add(
            actor=adviser_actor,
            attempt=attempt,
            text="Shadow shifts booked",
            written_at=timezone.now(),
        )

        page = (
            candidate_client(candidate)
            .get(reverse("assessment:result", args=[attempt.pk]))
            .content.decode()
        )

        assert "Notes from your adviser" in page
        assert "Shadow shifts booked" in page
        assert "Rita Adviser" not in page

    def test_a_candidate_cannot_open_another_candidates_result(self, candidate):
        other_attempt = submitted_attempt(CandidateFactory())

        response = candidate_client(candidate).get(
            reverse("assessment:result", args=[other_attempt.pk])
        )

        assert response.status_code == 404

    def test_past_results_are_listed_by_date_with_a_retake_button(self, candidate):
        submitted_attempt(candidate)

        page = candidate_client(candidate).get(reverse("assessment:start")).content.decode()

        assert "Take the assessment again" in page
        assert "Ready for a care job now" in page


class TestAdviserPages:
    def test_an_adviser_sees_the_result_and_adds_a_note(self, candidate, adviser_client):
        attempt = submitted_attempt(candidate)

        listing = adviser_client.get(reverse("assessment:attempt-list")).content.decode()
        response = adviser_client.post(
            reverse("assessment:attempt-detail", args=[attempt.pk]), {"text": "Booked ESOL"}
        )

        assert "Amina Shah" in listing
        assert response.status_code == 302
        assert AdviserNote.objects.get().text == "Booked ESOL"

    def test_an_empty_note_is_refused_with_a_message(self, candidate, adviser_client):
        attempt = submitted_attempt(candidate)

        response = adviser_client.post(
            reverse("assessment:attempt-detail", args=[attempt.pk]), {"text": ""}
        )

        assert "Enter a note" in response.content.decode()
        assert not AdviserNote.objects.exists()

    def test_an_employer_is_refused(self, candidate, employer_client):
        attempt = submitted_attempt(candidate)

        response = employer_client.get(reverse("assessment:attempt-detail", args=[attempt.pk]))

        assert response.status_code == 403


class TestBankPages:
    def _draft(self, adviser_client) -> BankVersion:
        adviser_client.post(reverse("assessment:bank-list"))
        return BankVersion.objects.get(status="draft")

    def test_an_adviser_changes_a_questions_scoring_and_publishes_it(self, adviser_client):
        draft = self._draft(adviser_client)
        url = reverse("assessment:bank-question-edit", args=[draft.number, "door-opens"])
        form = adviser_client.get(url).context["form"]
        data = {name: value for name, value in form.initial.items() if value}
        data |= {"option_1_scores": "dignity 3, courage 2"}

        adviser_client.post(url, data)
        adviser_client.post(reverse("assessment:bank-publish", args=[draft.number]))

        current = current_bank()
        assert current.number == draft.number
        edited = engine.parse_bank(current.document).question("door-opens")
        assert edited.options[0].scores == {"dignity": 3, "courage": 2}

    def test_points_written_wrongly_are_refused_and_the_draft_unchanged(self, adviser_client):
        draft = self._draft(adviser_client)
        url = reverse("assessment:bank-question-edit", args=[draft.number, "door-opens"])
        form = adviser_client.get(url).context["form"]
        data = {name: value for name, value in form.initial.items() if value}
        data |= {"option_1_scores": "kindness 9"}

        response = adviser_client.post(url, data)

        draft.refresh_from_db()
        assert (
            BAD_SCORES.format(
                number=1, measures=", ".join(engine.MEASURES), most=engine.MOST_POINTS
            ).replace('"', "&quot;")
            in response.content.decode()
        )
        assert draft.document == current_bank().document

    def test_thresholds_in_the_wrong_order_are_refused(self, adviser_client):
        draft = self._draft(adviser_client)

        response = adviser_client.post(
            reverse("assessment:bank-thresholds", args=[draft.number]),
            {"strong_percent": "50", "concern_percent": "60"},
        )

        assert THRESHOLDS_ORDER in response.content.decode()

    def test_a_published_version_has_no_edit_links(self, adviser_client):
        page = adviser_client.get(reverse("assessment:bank-detail", args=[1])).content.decode()

        assert 'Change<span class="govuk-visually-hidden"> question' not in page
        assert "used by new attempts" in page


class TestBankFile:
    def test_a_version_downloads_as_its_whole_document(self, adviser_client):
        response = adviser_client.get(reverse("assessment:bank-document", args=[1]))

        assert response["Content-Disposition"] == 'attachment; filename="question-bank-1.json"'
        assert json.loads(response.content) == current_bank().document

    def test_an_uploaded_file_replaces_the_draft_and_can_change_recommendations(
        self, adviser_client
    ):
        adviser_client.post(reverse("assessment:bank-list"))
        document = copy.deepcopy(current_bank().document)
        document["recommendations"]["roles"]["ready_now"] = ["senior-care-worker"]
        upload = SimpleUploadedFile("bank.json", json.dumps(document).encode())

        adviser_client.post(reverse("assessment:bank-document-upload", args=[2]), {"file": upload})

        assert BankVersion.objects.get(number=2).document == document

    def test_a_file_with_problems_changes_nothing_and_every_problem_is_listed(self, adviser_client):
        adviser_client.post(reverse("assessment:bank-list"))
        document = copy.deepcopy(current_bank().document)
        document["recommendations"]["roles"]["ready_now"] = ["astronaut"]
        document["scoring"]["strong_percent"] = 500
        upload = SimpleUploadedFile("bank.json", json.dumps(document).encode())

        response = adviser_client.post(
            reverse("assessment:bank-document-upload", args=[2]), {"file": upload}
        )

        page = response.content.decode()
        assert "Scoring: strong_percent must be a whole number from 1 to 100" in page
        assert BankVersion.objects.get(number=2).document == current_bank().document

    def test_a_file_that_is_not_json_is_refused(self, adviser_client):
        adviser_client.post(reverse("assessment:bank-list"))
        upload = SimpleUploadedFile("bank.json", b"questions: none")

        response = adviser_client.post(
            reverse("assessment:bank-document-upload", args=[2]), {"file": upload}
        )

        assert "The file is not a question bank: Expecting value" in response.content.decode()
        assert BankVersion.objects.get(number=2).document == current_bank().document
