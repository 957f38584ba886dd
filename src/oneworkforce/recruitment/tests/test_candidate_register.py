from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.access import ANONYMOUS, NotAllowed
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.recruitment import services
from oneworkforce.recruitment.candidate_session import SESSION_KEY
from oneworkforce.recruitment.forms import (
    AVAILABILITY_EMPTY,
    DATE_OF_BIRTH_IN_FUTURE,
    ENTER_POSTCODE,
    PHONE_NEEDED,
    POSTCODE_NOT_FOUND,
    TOO_YOUNG,
)
from oneworkforce.recruitment.models import (
    Candidate,
    DuplicateStatus,
    LikelyDuplicate,
    RegistrationChannel,
    SignInCode,
)
from oneworkforce.recruitment.tests.factories import (
    NOT_A_REAL_POSTCODE,
    CandidateFactory,
    profile_post,
)

pytestmark = pytest.mark.django_db


def _today_minus(years: int) -> date:
    today = timezone.localdate()
    return date(today.year - years, today.month, min(today.day, 28))


class TestSelfRegistration:
    def test_registers_a_person_with_no_email_and_gives_them_a_code_to_write_down(
        self, client
    ) -> None:
        response = client.post(reverse("recruitment:register"), profile_post())

        candidate = Candidate.objects.get()
        assert response.status_code == 302
        assert candidate.registration_channel == RegistrationChannel.SELF
        assert candidate.postcode == "BD1 1HY"
        assert candidate.date_of_birth == date(1969, 6, 14)
        assert candidate.language == "ur"
        assert client.session[SESSION_KEY] == candidate.pk
        page = client.get(reverse("recruitment:registered"))
        assert candidate.reference in page.content.decode()
        assert SignInCode.objects.filter(candidate=candidate, used_at__isnull=True).count() == 1

    def test_offers_settings_roles_and_benefits_as_tick_boxes(self, client) -> None:
        page = client.get(reverse("recruitment:register")).content.decode()

        for name in ("settings_of_interest", "roles_of_interest", "benefits", "availability"):
            inputs = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
            assert inputs, name
            assert all('type="checkbox"' in tag for tag in inputs), name

    def test_stores_the_availability_grid_as_ticked(self, client) -> None:
        client.post(
            reverse("recruitment:register"),
            profile_post(availability=["sat:night", "sun:night"]),
        )

        assert Candidate.objects.get().availability == ["sat:night", "sun:night"]

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"availability": []}, AVAILABILITY_EMPTY),
            ({"postcode": NOT_A_REAL_POSTCODE}, POSTCODE_NOT_FOUND),
            ({"postcode": "12345"}, ENTER_POSTCODE),
            ({"contact_method": "text", "phone": ""}, PHONE_NEEDED),
        ],
        ids=["nothing ticked", "unknown postcode", "not a postcode", "text with no phone"],
    )
    def test_refuses_bad_input_with_a_clear_message_and_writes_nothing(
        self, client, overrides, message
    ) -> None:
        response = client.post(reverse("recruitment:register"), profile_post(**overrides))

        assert response.status_code == 200
        assert shows(response, str(message))
        assert not Candidate.objects.exists()

    def test_refuses_someone_under_16(self, client) -> None:
        fifteen = _today_minus(15)

        response = client.post(
            reverse("recruitment:register"),
            profile_post(
                dob_day=str(fifteen.day), dob_month=str(fifteen.month), dob_year=str(fifteen.year)
            ),
        )

        assert shows(response, str(TOO_YOUNG))
        assert not Candidate.objects.exists()

    def test_accepts_someone_who_turned_16_today(self, client) -> None:
        today = timezone.localdate()

        client.post(
            reverse("recruitment:register"),
            profile_post(
                dob_day=str(today.day), dob_month=str(today.month), dob_year=str(today.year - 16)
            )
            if not (today.month == 2 and today.day == 29)
            else profile_post(),
        )

        assert Candidate.objects.count() == 1

    def test_refuses_a_date_of_birth_in_the_future(self, client) -> None:
        response = client.post(
            reverse("recruitment:register"),
            profile_post(dob_year=str(timezone.localdate().year + 1)),
        )

        assert shows(response, str(DATE_OF_BIRTH_IN_FUTURE))
        assert not Candidate.objects.exists()

    def test_refuses_an_email_already_registered_and_writes_nothing(self, client) -> None:
        CandidateFactory(email="amina@example.net")

        response = client.post(
            reverse("recruitment:register"),
            profile_post(email="Amina@Example.net", contact_method="email"),
        )

        assert shows(response, str(services.ALREADY_REGISTERED_EMAIL))
        assert Candidate.objects.count() == 1

    def test_registers_a_namesake_and_leaves_the_pair_for_an_adviser(self, client) -> None:
        namesake = CandidateFactory(
            full_name="Amina  HUSSAIN", date_of_birth=date(1969, 6, 14), postcode="BD1 1HY"
        )

        client.post(reverse("recruitment:register"), profile_post())

        newcomer = Candidate.objects.exclude(pk=namesake.pk).get()
        pair = LikelyDuplicate.objects.get()
        assert (pair.candidate, pair.existing, pair.status) == (
            newcomer,
            namesake,
            DuplicateStatus.OPEN,
        )


class TestAdviserRegistration:
    def test_shows_a_likely_duplicate_instead_of_registering(self, adviser_client) -> None:
        existing = CandidateFactory(
            full_name="Amina Hussain", date_of_birth=date(1969, 6, 14), postcode="BD1 1HY"
        )

        response = adviser_client.post(reverse("recruitment:candidate-register"), profile_post())

        assert response.status_code == 200
        assert shows(response, str(services.LIKELY_DUPLICATE))
        assert existing.reference in response.content.decode()
        assert Candidate.objects.count() == 1

    def test_registers_a_different_person_once_the_adviser_says_so(
        self, adviser_client, adviser_user
    ) -> None:
        existing = CandidateFactory(
            full_name="Amina Hussain", date_of_birth=date(1969, 6, 14), postcode="BD1 1HY"
        )

        response = adviser_client.post(
            reverse("recruitment:candidate-register"),
            profile_post(keep_apart_from=[existing.pk]),
        )

        newcomer = Candidate.objects.exclude(pk=existing.pk).get()
        assert response.status_code == 302
        assert newcomer.registration_channel == RegistrationChannel.ADVISER
        assert newcomer.registered_by == adviser_user
        assert LikelyDuplicate.objects.get().status == DuplicateStatus.KEPT_APART

    def test_does_not_hold_up_a_person_whose_name_is_shared_elsewhere(self, adviser_actor) -> None:
        CandidateFactory(
            full_name="Amina Hussain", date_of_birth=date(1969, 6, 14), postcode="BD3 9AA"
        )

        candidate = services.candidate_register(
            actor=adviser_actor,
            details={**_details(), "postcode": "BD1 1HY"},
            registered_at=timezone.now(),
        )

        assert candidate.pk is not None
        assert not LikelyDuplicate.objects.exists()

    def test_an_employer_cannot_register_people(self, employer_actor) -> None:
        with pytest.raises(NotAllowed):
            services.candidate_register(
                actor=employer_actor, details=_details(), registered_at=timezone.now()
            )

        assert not Candidate.objects.exists()


def _details() -> dict:
    from oneworkforce.recruitment.forms import CandidateForm

    form = CandidateForm(profile_post())
    assert form.is_valid(), form.errors
    return form.details()


def test_anyone_may_register_themself(db) -> None:
    candidate = services.candidate_register(
        actor=ANONYMOUS, details=_details(), registered_at=timezone.now()
    )

    assert candidate.registered_by is None


def test_an_email_registered_a_moment_ago_by_another_request_is_refused_clearly(
    db, monkeypatch
) -> None:
    from oneworkforce.recruitment import selectors

    CandidateFactory(email="amina@example.net")
    real = selectors.candidate_with_email
    answers = iter([None])
    # The other request's row is not there yet when this one first checks.
    monkeypatch.setattr(
        selectors, "candidate_with_email", lambda email: next(answers, None) or real(email)
    )

    with pytest.raises(services.RecruitmentError) as refused:
        services.candidate_register(
            actor=ANONYMOUS,
            details={**_details(), "email": "amina@example.net", "contact_method": "email"},
            registered_at=timezone.now(),
        )

    assert refused.value.message == str(services.ALREADY_REGISTERED_EMAIL)
    assert Candidate.objects.count() == 1
