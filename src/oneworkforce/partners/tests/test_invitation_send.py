"""Inviting someone by e-mail: one open invitation per person, organisation and role."""

import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from oneworkforce.partners import services
from oneworkforce.partners.access import NotAllowed
from oneworkforce.partners.models import AuditAction, AuditEvent, Invitation, OutboxMessage, Role
from oneworkforce.partners.services import ALREADY_A_MEMBER, INVITATION_WAITING
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.partners.tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
INVITATION_LINK = re.compile(r"http://testserver/invitations/\S+/")


def invite(actor, organisation, *, email="nadia.khan@netherton.example", role=Role.EMPLOYER_USER):
    return services.invitation_send(
        actor=actor,
        organisation=organisation,
        email=email,
        full_name="Nadia Khan",
        role=role,
        invited_at=NOW,
        link_for=lambda token: f"https://ow.example/invitations/{token}/",
    )


class TestInvitationSend:
    def test_e_mails_a_link_that_carries_the_token(self, admin_actor, employer_organisation):
        invitation = invite(
            admin_actor, employer_organisation, email=" Nadia.Khan@Netherton.example "
        )

        (message,) = mail.outbox
        assert message.to == ["nadia.khan@netherton.example"]
        assert invitation.email == "nadia.khan@netherton.example"
        assert "https://ow.example/invitations/" in message.body

    def test_stores_only_a_hash_of_the_token(self, admin_actor, employer_organisation):
        invitation = invite(admin_actor, employer_organisation)

        token = re.search(r"/invitations/(\S+)/", mail.outbox[0].body).group(1)
        assert token not in invitation.token_hash
        assert services.invitation_for_token(token=token, on=NOW) == invitation

    def test_expires_after_seven_days(self, admin_actor, employer_organisation):
        invitation = invite(admin_actor, employer_organisation)

        assert invitation.expires_at == NOW + services.INVITATION_LIFETIME

    def test_logs_the_invitation_without_the_invitees_name_or_address(
        self, admin_actor, employer_organisation
    ):
        invitation = invite(admin_actor, employer_organisation)

        event = AuditEvent.objects.get()
        assert (event.action, event.record_id) == (AuditAction.INVITED, str(invitation.pk))
        row = " ".join(str(getattr(event, f.attname)) for f in event._meta.concrete_fields)
        assert "Nadia" not in row
        assert "netherton.example" not in row

    def test_refuses_someone_already_a_member_in_that_role(
        self, admin_actor, employer_organisation, employer_user
    ):
        with pytest.raises(services.PartnersError) as refusal:
            invite(admin_actor, employer_organisation, email=employer_user.email.upper())

        assert refusal.value.message == ALREADY_A_MEMBER.format(
            email=employer_user.email,
            role_article="an",
            role="employer user",
            organisation=employer_organisation.name,
        )
        assert not Invitation.objects.exists()
        assert not AuditEvent.objects.exists()
        assert mail.outbox == []

    def test_invites_a_member_to_a_second_role(
        self, admin_actor, employer_organisation, employer_user
    ):
        invitation = invite(
            admin_actor, employer_organisation, email=employer_user.email, role=Role.ANALYST
        )

        assert invitation.role == Role.ANALYST

    def test_refuses_a_second_invitation_while_one_is_waiting(
        self, admin_actor, employer_organisation
    ):
        invite(admin_actor, employer_organisation)

        with pytest.raises(services.PartnersError) as refusal:
            invite(admin_actor, employer_organisation, email="NADIA.KHAN@netherton.example")

        assert refusal.value.message == INVITATION_WAITING.format(
            email="nadia.khan@netherton.example",
            organisation=employer_organisation.name,
            role_article="an",
            role="employer user",
        )
        assert Invitation.objects.count() == 1
        assert AuditEvent.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_invites_again_once_the_first_invitation_is_cancelled(
        self, admin_actor, employer_organisation
    ):
        InvitationFactory(
            organisation=employer_organisation,
            email="nadia.khan@netherton.example",
            cancelled_at=NOW,
        )

        invite(admin_actor, employer_organisation)

        assert Invitation.objects.count() == 2

    def test_refuses_an_employer_user(self, employer_actor, employer_organisation):
        with pytest.raises(NotAllowed):
            invite(employer_actor, employer_organisation)

        assert mail.outbox == []


class TestInvitationPage:
    def post(
        self, client, organisation, email="nadia.khan@netherton.example", role="employer_user"
    ):
        return client.post(
            reverse("partners:invitation-create", args=[organisation.pk]),
            {"full_name": "Nadia Khan", "email": email, "role": role},
        )

    def test_the_outbox_keeps_the_message_with_its_one_time_link_masked(
        self, admin_client, employer_organisation, outbox_backend
    ):
        self.post(admin_client, employer_organisation)

        stored = OutboxMessage.objects.get()
        real_link = INVITATION_LINK.search(mail.outbox[0].body).group(0)
        assert stored.recipients == ["nadia.khan@netherton.example"]
        assert real_link not in stored.body
        assert "http://testserver/invitations/[one-time link hidden]" in stored.body

    def test_shows_that_the_person_is_already_a_member_and_sends_nothing(
        self, admin_client, employer_organisation, employer_user, outbox_backend
    ):
        response = self.post(admin_client, employer_organisation, email=employer_user.email)

        assert shows(
            response,
            ALREADY_A_MEMBER.format(
                email=employer_user.email,
                role_article="an",
                role="employer user",
                organisation=employer_organisation.name,
            ),
        )
        assert not Invitation.objects.exists()
        assert not OutboxMessage.objects.exists()
        assert not AuditEvent.objects.exists()

    def test_shows_that_an_invitation_is_already_waiting(self, admin_client, employer_organisation):
        self.post(admin_client, employer_organisation)

        response = self.post(admin_client, employer_organisation)

        assert response.status_code == 200
        assert shows(
            response,
            INVITATION_WAITING.format(
                email="nadia.khan@netherton.example",
                organisation=employer_organisation.name,
                role_article="an",
                role="employer user",
            ),
        )
        assert Invitation.objects.count() == 1


class TestInvitationCancel:
    def test_the_cancelled_link_no_longer_works(self, admin_client, client, employer_organisation):
        invitation = InvitationFactory(organisation=employer_organisation, token="cancel-me")

        admin_client.post(reverse("partners:invitation-cancel", args=[invitation.pk]))

        response = client.get(reverse("partners:accept-invitation", args=["cancel-me"]))
        assert response.status_code == 404
        assert shows(response, services.INVITATION_NOT_VALID)

    def test_records_the_cancellation_in_the_audit_log(self, admin_client, employer_organisation):
        invitation = InvitationFactory(organisation=employer_organisation)

        admin_client.post(reverse("partners:invitation-cancel", args=[invitation.pk]))

        assert AuditEvent.objects.filter(
            record_type="partners.invitation", record_id=str(invitation.pk)
        ).exists()
