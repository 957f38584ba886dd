from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.models import OutboxChannel, OutboxMessage
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.recruitment import services
from oneworkforce.recruitment.candidate_session import SESSION_KEY
from oneworkforce.recruitment.models import CodeChannel, Language, SignInCode
from oneworkforce.recruitment.tests.factories import CandidateFactory, without_email
from oneworkforce.recruitment.texts import HIDDEN_CODE

pytestmark = pytest.mark.django_db


def _issue(adviser_actor, candidate, channel=CodeChannel.PRINTED, at=None) -> str:
    return services.sign_in_code_issue(
        actor=adviser_actor, candidate=candidate, channel=channel, issued_at=at or timezone.now()
    )


class TestSignInCodes:
    def test_keeps_only_a_hash_of_the_code(self, adviser_actor) -> None:
        candidate = without_email()

        code = _issue(adviser_actor, candidate)

        stored = SignInCode.objects.get()
        assert code not in stored.code_hash
        assert len(code) == 6
        assert code.isdigit()

    def test_a_person_with_no_email_signs_in_with_their_printed_code(
        self, adviser_actor, client
    ) -> None:
        candidate = without_email()
        code = _issue(adviser_actor, candidate)

        response = client.post(
            reverse("recruitment:sign-in"), {"reference": candidate.reference.lower(), "code": code}
        )

        assert response.status_code == 302
        assert client.session[SESSION_KEY] == candidate.pk

    def test_a_code_works_once(self, adviser_actor) -> None:
        candidate = without_email()
        code = _issue(adviser_actor, candidate)
        services.sign_in_code_redeem(reference=candidate.reference, code=code, at=timezone.now())

        with pytest.raises(services.RecruitmentError) as refused:
            services.sign_in_code_redeem(
                reference=candidate.reference, code=code, at=timezone.now()
            )

        assert refused.value.message == str(services.CODE_NOT_ACCEPTED)

    def test_an_expired_code_is_refused(self, adviser_actor) -> None:
        candidate = without_email()
        issued_at = timezone.now() - services.CODE_LIFETIME - timedelta(minutes=1)
        code = _issue(adviser_actor, candidate, at=issued_at)

        with pytest.raises(services.RecruitmentError):
            services.sign_in_code_redeem(
                reference=candidate.reference, code=code, at=timezone.now()
            )

    def test_a_new_code_stops_the_old_one_working(self, adviser_actor) -> None:
        candidate = without_email()
        old_code = _issue(adviser_actor, candidate)
        _issue(adviser_actor, candidate)

        with pytest.raises(services.RecruitmentError):
            services.sign_in_code_redeem(
                reference=candidate.reference, code=old_code, at=timezone.now()
            )

    def test_the_right_code_stops_working_after_too_many_wrong_guesses(
        self, adviser_actor, client
    ) -> None:
        candidate = without_email()
        code = _issue(adviser_actor, candidate)
        wrong = f"{(int(code) + 1) % 10**6:06d}"
        for _ in range(services.CODE_ATTEMPTS):
            client.post(
                reverse("recruitment:sign-in"), {"reference": candidate.reference, "code": wrong}
            )

        response = client.post(
            reverse("recruitment:sign-in"), {"reference": candidate.reference, "code": code}
        )

        assert shows(response, str(services.CODE_NOT_ACCEPTED))
        assert SESSION_KEY not in client.session

    def test_a_texted_code_is_written_in_the_persons_language_and_hidden_in_the_outbox(
        self, adviser_actor, text_messages
    ) -> None:
        candidate = without_email(language=Language.URDU, phone="07700 900789")

        code = _issue(adviser_actor, candidate, channel=CodeChannel.TEXT)

        [sent] = text_messages
        stored = OutboxMessage.objects.get(channel=OutboxChannel.TEXT)
        assert sent.to == "07700 900789"
        assert code in sent.body
        assert code not in stored.body
        assert HIDDEN_CODE in stored.body
        assert sent.language == Language.URDU

    def test_refuses_to_text_a_person_with_no_phone_and_writes_nothing(self, adviser_actor) -> None:
        candidate = without_email(phone="", contact_method="letter", address="1 High St")

        with pytest.raises(services.RecruitmentError) as refused:
            _issue(adviser_actor, candidate, channel=CodeChannel.TEXT)

        assert refused.value.message == str(services.NO_PHONE_FOR_TEXT)
        assert not SignInCode.objects.exists()

    def test_an_adviser_prints_a_code_for_the_person(self, adviser_client) -> None:
        candidate = without_email()

        response = adviser_client.post(
            reverse("recruitment:candidate-sign-in-code", args=[candidate.pk]),
            {"channel": CodeChannel.PRINTED},
        )

        assert shows(response, candidate.reference)
        assert SignInCode.objects.filter(candidate=candidate, channel="printed").count() == 1


class TestSignInLinks:
    def test_emails_a_link_that_signs_in_once_and_is_hidden_in_the_outbox(
        self, client, outbox_backend
    ) -> None:
        candidate = CandidateFactory(email="amina@example.net")

        client.post(reverse("recruitment:sign-in-email"), {"email": "AMINA@example.net"})

        [message] = mail.outbox
        link = next(word for word in message.body.split() if "/join/sign-in/link/" in word)
        assert "[one-time link hidden]" in OutboxMessage.objects.get().body
        path = link[link.index("/join/") :]
        assert client.post(path).status_code == 302
        assert client.session[SESSION_KEY] == candidate.pk
        client.post(reverse("recruitment:sign-out"))
        assert client.post(path).status_code == 200
        assert SESSION_KEY not in client.session

    def test_says_the_same_for_an_address_nobody_registered(self, client, outbox_backend) -> None:
        response = client.post(
            reverse("recruitment:sign-in-email"), {"email": "nobody@example.net"}
        )

        assert response.status_code == 200
        assert not mail.outbox

    def test_sends_no_more_than_three_links_an_hour_to_one_address(self, outbox_backend) -> None:
        CandidateFactory(email="amina@example.net")
        start = timezone.now()

        def ask(minutes: int) -> None:
            services.sign_in_link_send(
                email="amina@example.net",
                sent_at=start + timedelta(minutes=minutes),
                link_for=lambda token: f"/join/sign-in/link/{token}/",
            )

        for minutes in (0, 5, 10, 15, 20):
            ask(minutes)
        assert len(mail.outbox) == 3

        ask(61)  # the first link has expired: one more may go
        assert len(mail.outbox) == 4
        assert SignInCode.objects.count() == 4

    def test_opening_the_link_does_not_spend_it(self, client, outbox_backend) -> None:
        CandidateFactory(email="amina@example.net")
        client.post(reverse("recruitment:sign-in-email"), {"email": "amina@example.net"})

        [message] = mail.outbox
        link = next(word for word in message.body.split() if "/join/sign-in/link/" in word)
        client.get(link[link.index("/join/") :])

        assert SignInCode.objects.get().used_at is None


class TestCandidateSession:
    def test_a_staff_user_signed_in_on_the_same_browser_is_not_the_candidate(
        self, adviser_user
    ) -> None:
        from oneworkforce.recruitment.tests.conftest import candidate_client

        client = candidate_client(CandidateFactory())
        client.force_login(adviser_user)

        response = client.get(reverse("recruitment:profile"))

        assert response.status_code == 302
