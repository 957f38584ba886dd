"""The question bank the product ships, and the migration that publishes it."""

import pytest

from oneworkforce.engines import assessment as engine
from oneworkforce.recruitment.assessment import documents
from oneworkforce.recruitment.assessment.models import BankStatus, BankVersion
from oneworkforce.recruitment.assessment.tests.factories import best_answers, worst_answers


class TestDefaultBank:
    def test_reads_without_a_problem_and_every_reference_it_names_exists(self, db):
        assert documents.bank_problems(documents.default_document()) == []

    def test_every_question_and_answer_is_in_urdu_too(self):
        document = documents.default_document()

        missing = [
            entry["key"]
            for entry in document["questions"]
            if not entry["prompt"].get("ur")
            or not all(option["label"].get("ur") for option in entry["options"])
        ]

        assert missing == []

    def test_scores_every_care_value_skill_and_readiness_item(self):
        bank = engine.parse_bank(documents.default_document())

        unscored = [measure for measure in engine.MEASURES if bank.maximum(measure) == 0]

        assert unscored == []

    def test_the_best_answers_are_ready_now_and_the_worst_need_preparation(self):
        document = documents.default_document()
        bank = engine.parse_bank(document)

        assert engine.score(bank, best_answers(document)).level is engine.Level.READY_NOW
        assert engine.score(bank, worst_answers(document)).level is engine.Level.NEEDS_PREPARATION


@pytest.mark.django_db
def test_the_migration_publishes_the_default_bank_as_version_1():
    version = BankVersion.objects.get(number=1)

    assert version.status == BankStatus.PUBLISHED
    assert version.document == documents.default_document()
