"""Signing in, and the lock after repeated wrong passwords."""

import pytest
from django.conf import settings
from django.urls import reverse

from oneworkforce.partners.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, email, password):
    return client.post(reverse("partners:sign-in"), {"username": email, "password": password})


class TestSignIn:
    def test_the_right_password_opens_the_home_page(self, client, employer_user):
        response = sign_in(client, employer_user.email, PASSWORD)

        assert response.url == reverse("web:home")
        assert client.session["_auth_user_id"] == str(employer_user.pk)

    def test_the_email_address_may_be_typed_in_any_case(self, client, employer_user):
        # The refusal message promises that only the password is case-sensitive.
        response = sign_in(client, employer_user.email.upper(), PASSWORD)

        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(employer_user.pk)

    def test_a_wrong_password_is_refused_with_a_message(self, client, employer_user):
        response = sign_in(client, employer_user.email, "not-the-password")

        assert response.status_code == 200
        assert "Enter the email address and password of your account." in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_locks_the_account_after_the_failure_limit_even_for_the_right_password(
        self, client, employer_user
    ):
        assert settings.AXES_FAILURE_LIMIT == 5
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, employer_user.email, "not-the-password")

        response = sign_in(client, employer_user.email, PASSWORD)

        assert response.status_code == 429
        assert "Your account is locked for now" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_a_failure_short_of_the_limit_does_not_lock(self, client, employer_user):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            sign_in(client, employer_user.email, "not-the-password")

        response = sign_in(client, employer_user.email, PASSWORD)

        assert response.url == reverse("web:home")

    def test_locks_only_the_account_that_was_guessed_at(
        self, client, employer_user, other_organisation_user
    ):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, employer_user.email, "not-the-password")

        response = sign_in(client, other_organisation_user.email, PASSWORD)

        assert response.url == reverse("web:home")
