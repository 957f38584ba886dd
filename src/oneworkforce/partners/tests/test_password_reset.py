"""Resetting a forgotten password by e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from oneworkforce.partners.models import OutboxMessage
from oneworkforce.partners.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "harbour-lantern-meadow-7"
RESET_LINK = re.compile(r"http://testserver(/account/reset/\S+/\S+/)")


def sign_in(client, user, password):
    return client.post(reverse("partners:sign-in"), {"username": user.email, "password": password})


class TestPasswordReset:
    def test_the_e_mailed_link_sets_a_new_password_and_the_old_one_stops_working(
        self, client, employer_user
    ):
        client.post(reverse("partners:password-reset"), {"email": employer_user.email})
        link = RESET_LINK.search(mail.outbox[0].body).group(1)

        form_page = client.get(link, follow=True)
        saved = client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )

        assert saved.url == reverse("partners:password-reset-complete")
        assert sign_in(client, employer_user, PASSWORD).status_code == 200
        assert sign_in(client, employer_user, NEW_PASSWORD).url == reverse("web:home")

    def test_the_e_mail_greets_the_person_by_name(self, client, employer_user):
        client.post(reverse("partners:password-reset"), {"email": employer_user.email})

        (message,) = mail.outbox
        assert message.to == [employer_user.email]
        assert message.body.startswith(f"Hello {employer_user.full_name},")

    def test_the_outbox_copy_hides_the_reset_link(self, client, employer_user, outbox_backend):
        client.post(reverse("partners:password-reset"), {"email": employer_user.email})

        link = RESET_LINK.search(mail.outbox[0].body).group(1)
        stored = OutboxMessage.objects.get()
        assert link not in stored.body
        assert "/account/reset/[one-time link hidden]" in stored.body

    def test_says_nothing_about_an_address_with_no_account(self, client):
        response = client.post(
            reverse("partners:password-reset"), {"email": "nobody@partner.example"}
        )

        assert response.url == reverse("partners:password-reset-sent")
        assert mail.outbox == []

    def test_a_link_works_only_once(self, client, employer_user):
        client.post(reverse("partners:password-reset"), {"email": employer_user.email})
        link = RESET_LINK.search(mail.outbox[0].body).group(1)
        form_page = client.get(link, follow=True)
        client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )

        second_use = client.get(link, follow=True)

        assert second_use.context["validlink"] is False
