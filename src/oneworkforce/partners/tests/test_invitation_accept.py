"""Following an invitation link: choose a password, and the account and role exist."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import password_validation
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from oneworkforce.partners.models import AuditEvent, Invitation, Membership, Role, User
from oneworkforce.partners.services import INVITATION_NOT_VALID
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.partners.tests.factories import PASSWORD, InvitationFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lodge-kettle-harbour-9"


def validator_messages(password):
    with pytest.raises(ValidationError) as rejection:
        password_validation.validate_password(password)
    return rejection.value.messages


def accept(client, token, password=NEW_PASSWORD, again=None):
    return client.post(
        reverse("partners:accept-invitation", args=[token]),
        {"password": password, "password_again": password if again is None else again},
    )


class TestAcceptInvitation:
    def test_the_invitee_follows_the_e_mailed_link_chooses_a_password_and_signs_in(
        self, admin_client, client, employer_organisation
    ):
        admin_client.post(
            reverse("partners:invitation-create", args=[employer_organisation.pk]),
            {
                "full_name": "Nadia Khan",
                "email": "nadia.khan@netherton.example",
                "role": "employer_user",
            },
        )
        link = re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[0].body).group(1)

        page = client.get(link)
        response = client.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})

        nadia = User.objects.get(email="nadia.khan@netherton.example")
        assert page.status_code == 200
        assert response.url == reverse("web:home")
        assert client.get(reverse("web:home")).context["user"] == nadia
        assert Membership.objects.filter(
            user=nadia, organisation=employer_organisation, role=Role.EMPLOYER_USER
        ).exists()
        assert nadia.check_password(NEW_PASSWORD)

    def test_the_new_account_can_sign_in_later_with_its_password(self, client):
        invitation = InvitationFactory(token="join-us")
        accept(client, "join-us")
        client.post(reverse("partners:sign-out"))

        response = client.post(
            reverse("partners:sign-in"), {"username": invitation.email, "password": NEW_PASSWORD}
        )

        assert response.status_code == 302
        assert response.url == reverse("web:home")

    def test_marks_the_invitation_used_so_the_link_works_once(self, client):
        invitation = InvitationFactory(token="join-us")
        accept(client, "join-us")

        second_visit = client.get(reverse("partners:accept-invitation", args=["join-us"]))

        invitation.refresh_from_db()
        assert invitation.accepted_at is not None
        assert second_visit.status_code == 404
        assert shows(second_visit, INVITATION_NOT_VALID)

    def test_refuses_an_expired_link(self, client):
        InvitationFactory(token="too-late", expires_at=timezone.now() - timedelta(minutes=1))

        response = accept(client, "too-late")

        assert response.status_code == 404
        assert shows(response, INVITATION_NOT_VALID)
        assert not User.objects.filter(email__startswith="invitee").exists()

    def test_refuses_a_link_that_was_never_sent(self, client):
        response = client.get(reverse("partners:accept-invitation", args=["made-up"]))

        assert response.status_code == 404

    def test_rejects_a_short_password_with_the_validators_message(self, client):
        invitation = InvitationFactory(token="join-us")

        response = accept(client, "join-us", password="short-1")

        assert response.status_code == 200
        for message in validator_messages("short-1"):
            assert shows(response, message)
        assert not User.objects.filter(email=invitation.email).exists()
        assert Invitation.objects.get().accepted_at is None

    def test_rejects_a_common_password_with_the_validators_message(self, client):
        invitation = InvitationFactory(token="join-us")

        response = accept(client, "join-us", password="password1234")

        assert validator_messages("password1234") == ["This password is too common."]
        assert shows(response, "This password is too common.")
        assert not User.objects.filter(email=invitation.email).exists()

    def test_asks_again_when_the_two_passwords_differ(self, client):
        InvitationFactory(token="join-us")

        response = accept(client, "join-us", again=NEW_PASSWORD + "x")

        assert shows(response, "The two passwords are different. Type them again.")
        assert not Membership.objects.exists()

    def test_adds_the_role_to_an_existing_account_and_keeps_its_password(
        self, client, employer_user, other_organisation
    ):
        InvitationFactory(
            token="join-us", email=employer_user.email.upper(), organisation=other_organisation
        )

        accept(client, "join-us")

        employer_user.refresh_from_db()
        assert User.objects.filter(email__iexact=employer_user.email).count() == 1
        assert employer_user.memberships.filter(organisation=other_organisation).exists()
        assert employer_user.check_password(PASSWORD)

    def test_records_the_new_membership_in_the_audit_log(self, client):
        InvitationFactory(token="join-us")

        accept(client, "join-us")

        membership = Membership.objects.get()
        assert AuditEvent.objects.filter(
            record_type="partners.membership", record_id=str(membership.pk)
        ).exists()
