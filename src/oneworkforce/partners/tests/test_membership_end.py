"""Removing one role from one person at one organisation."""

import pytest
from django.urls import reverse

from oneworkforce.partners.models import AuditAction, AuditEvent, Membership
from oneworkforce.partners.tests.conftest import personal_content_in

pytestmark = pytest.mark.django_db


class TestMembershipEnd:
    def test_removes_the_role_and_logs_it(
        self, admin_client, admin_user, employer_user, employer_organisation
    ):
        membership = employer_user.memberships.get()

        response = admin_client.post(reverse("partners:membership-end", args=[membership.pk]))

        event = AuditEvent.objects.get()
        assert response.url == reverse(
            "partners:organisation-detail", args=[employer_organisation.pk]
        )
        assert not Membership.objects.filter(pk=membership.pk).exists()
        assert (event.action, event.record_type, event.record_id, event.record_organisation) == (
            AuditAction.DELETED,
            "partners.membership",
            str(membership.pk),
            employer_organisation,
        )
        assert personal_content_in(event, employer_user, admin_user) == []

    def test_the_person_loses_the_pages_of_that_role(
        self, admin_client, employer_client, employer_user, employer_organisation
    ):
        membership = employer_user.memberships.get()

        admin_client.post(reverse("partners:membership-end", args=[membership.pk]))

        assert (
            employer_client.get(
                reverse("partners:organisation-detail", args=[employer_organisation.pk])
            ).status_code
            == 403
        )

    def test_refuses_an_employer_user(self, employer_client, other_organisation_user):
        membership = other_organisation_user.memberships.get()

        response = employer_client.post(reverse("partners:membership-end", args=[membership.pk]))

        assert response.status_code == 403
        assert Membership.objects.filter(pk=membership.pk).exists()
