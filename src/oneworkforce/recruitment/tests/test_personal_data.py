from __future__ import annotations

import json
from datetime import date

import pytest
from django.core import checks
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.models import AuditEvent
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.recruitment import personal_data, selectors, services
from oneworkforce.recruitment.models import (
    Candidate,
    CodeChannel,
    Consent,
    DuplicateStatus,
    EqualityMonitoring,
    ErasedCandidateCount,
    ErasureRequest,
    LikelyDuplicate,
    SharingScope,
    SignInCode,
)
from oneworkforce.recruitment.tests.conftest import candidate_client
from oneworkforce.recruitment.tests.factories import CandidateFactory, consent_for

pytestmark = pytest.mark.django_db


class TestRegistry:
    def test_every_model_that_refers_to_a_candidate_is_registered(self) -> None:
        referring = list(personal_data.models_referring_to_candidate())

        unregistered = [
            model._meta.label for model in referring if not personal_data.is_registered(model)
        ]

        assert referring, "the search for models that refer to Candidate found none"
        assert not unregistered, f"Register these in recruitment/personal_data.py: {unregistered}"

    def test_the_system_check_names_a_model_left_out(self, monkeypatch) -> None:
        monkeypatch.delitem(personal_data._REGISTRY, SignInCode)

        errors = personal_data.check_every_candidate_model_is_registered()

        assert [error.id for error in errors] == ["recruitment.E001"]
        assert "SignInCode" in errors[0].msg
        assert isinstance(errors[0], checks.Error)

    def test_the_registry_reaches_each_model_through_fields_that_exist(self) -> None:
        candidate = CandidateFactory()

        for entry in personal_data.registered():
            assert entry.rows_for(candidate).count() >= 0


def _everything_about(candidate: Candidate, other: Candidate) -> None:
    consent_for(candidate, sharing=SharingScope.ADVISER_ONLY)
    EqualityMonitoring.objects.create(
        candidate=candidate, sex="female", ethnicity="asian_pakistani"
    )
    SignInCode.objects.create(
        candidate=candidate,
        code_hash="f" * 64,
        channel=CodeChannel.PRINTED,
        expires_at=timezone.now(),
    )
    LikelyDuplicate.objects.create(candidate=other, existing=candidate, found_at=timezone.now())


class TestDownload:
    def test_holds_a_section_for_every_registered_model_with_every_row(self) -> None:
        candidate, other = CandidateFactory(), CandidateFactory()
        _everything_about(candidate, other)

        document = json.loads(selectors.data_held_as_json(candidate))

        sections = document["sections"]
        assert set(sections) == {
            entry.model._meta.label_lower for entry in personal_data.registered()
        }
        assert sections["recruitment.candidate"]["records"][0]["full_name"] == candidate.full_name
        assert sections["recruitment.equalitymonitoring"]["records"][0]["sex"] == "female"
        assert len(sections["recruitment.likelyduplicate"]["records"]) == 1
        assert "code_hash" not in sections["recruitment.signincode"]["records"][0]

    def test_holds_nothing_of_another_person(self) -> None:
        candidate, other = CandidateFactory(), CandidateFactory(full_name="Zainab Stranger")
        consent_for(other, sharing=SharingScope.ADVISER_ONLY)

        text = selectors.data_held_as_json(candidate)

        assert "Zainab Stranger" not in text
        assert json.loads(text)["sections"]["recruitment.consent"]["records"] == []

    def test_a_candidate_downloads_their_data_as_a_file(self) -> None:
        candidate = CandidateFactory()

        response = candidate_client(candidate).get(reverse("recruitment:my-data-download"))

        assert response["Content-Type"].startswith("application/json")
        assert f"my-data-{candidate.reference}.json" in response["Content-Disposition"]
        assert json.loads(response.content)["reference"] == candidate.reference

    def test_a_candidate_reads_their_data_on_a_page(self) -> None:
        candidate = CandidateFactory(experience_notes="Looked after my grandmother for six years")

        response = candidate_client(candidate).get(reverse("recruitment:my-data"))

        assert shows(response, "Looked after my grandmother for six years")


class TestErasure:
    def test_an_adviser_confirms_and_every_registered_row_goes(self, adviser_actor) -> None:
        candidate, other = CandidateFactory(), CandidateFactory()
        _everything_about(candidate, other)
        request = services.erasure_request(
            actor=services.candidate_actor(candidate),
            candidate=candidate,
            requested_at=timezone.now(),
        )

        services.erasure_confirm(actor=adviser_actor, request=request, confirmed_at=timezone.now())

        assert not Candidate.objects.filter(pk=candidate.pk).exists()
        for model in (Consent, EqualityMonitoring, SignInCode, LikelyDuplicate):
            assert not model.objects.exists(), model
        assert Candidate.objects.get() == other

    def test_keeps_a_count_and_the_dated_request_but_nothing_that_names_the_person(
        self, adviser_actor
    ) -> None:
        candidate = CandidateFactory(full_name="Nasreen Akhtar", email="nasreen@example.net")
        request = services.erasure_request(
            actor=adviser_actor, candidate=candidate, requested_at=timezone.now()
        )

        services.erasure_confirm(actor=adviser_actor, request=request, confirmed_at=timezone.now())

        counted = ErasedCandidateCount.objects.get()
        registered = timezone.localtime(candidate.created_at)
        assert counted.count == 1
        assert counted.registered_month == date(registered.year, registered.month, 1)
        kept = ErasureRequest.objects.get()
        assert kept.candidate is None
        assert kept.confirmed_at is not None
        assert selectors.registration_counts().total == 1
        logged = " ".join(str(event.__dict__) for event in AuditEvent.objects.all())
        assert "Nasreen" not in logged
        assert "nasreen@example.net" not in logged

    def test_a_candidate_asks_on_their_page_and_the_adviser_confirms_on_theirs(
        self, adviser_client
    ) -> None:
        candidate = CandidateFactory()
        candidate_client(candidate).post(reverse("recruitment:erasure-request"))
        request = ErasureRequest.objects.get()

        response = adviser_client.post(reverse("recruitment:erasure-confirm", args=[request.pk]))

        assert response.status_code == 302
        assert not Candidate.objects.exists()

    def test_asking_twice_is_refused(self) -> None:
        candidate = CandidateFactory()
        actor = services.candidate_actor(candidate)
        services.erasure_request(actor=actor, candidate=candidate, requested_at=timezone.now())

        with pytest.raises(services.RecruitmentError) as refused:
            services.erasure_request(actor=actor, candidate=candidate, requested_at=timezone.now())

        assert refused.value.message == str(services.ERASURE_ALREADY_REQUESTED)
        assert ErasureRequest.objects.count() == 1


class TestDuplicateMerge:
    def test_moves_everything_into_the_older_record_and_keeps_the_later_consent(
        self, adviser_actor, employer_organisation
    ) -> None:
        older = CandidateFactory(email="", contact_method="text")
        newer = CandidateFactory(email="amina@example.net")
        consent_for(older, sharing=SharingScope.ADVISER_ONLY)
        later = consent_for(newer, organisations=[employer_organisation])
        EqualityMonitoring.objects.create(candidate=newer, sex="female")
        pair = LikelyDuplicate.objects.create(
            candidate=newer, existing=older, found_at=timezone.now()
        )

        kept = services.duplicate_merge(actor=adviser_actor, pair=pair, merged_at=timezone.now())

        assert kept == older
        assert list(Candidate.objects.all()) == [older]
        assert selectors.current_consent(older) == later
        assert Consent.objects.filter(candidate=older).count() == 2
        assert EqualityMonitoring.objects.get().candidate == older
        older.refresh_from_db()
        assert older.email == "amina@example.net"

    def test_keeping_apart_leaves_both_records(self, adviser_client) -> None:
        older, newer = CandidateFactory(), CandidateFactory()
        pair = LikelyDuplicate.objects.create(
            candidate=newer, existing=older, found_at=timezone.now()
        )

        adviser_client.post(reverse("recruitment:duplicate-keep-apart", args=[pair.pk]))

        pair.refresh_from_db()
        assert pair.status == DuplicateStatus.KEPT_APART
        assert Candidate.objects.count() == 2

    def test_a_pair_is_decided_once(self, adviser_actor) -> None:
        pair = LikelyDuplicate.objects.create(
            candidate=CandidateFactory(), existing=CandidateFactory(), found_at=timezone.now()
        )
        services.duplicate_keep_apart(actor=adviser_actor, pair=pair, decided_at=timezone.now())

        with pytest.raises(services.RecruitmentError):
            services.duplicate_merge(actor=adviser_actor, pair=pair, merged_at=timezone.now())

        assert Candidate.objects.count() == 2
