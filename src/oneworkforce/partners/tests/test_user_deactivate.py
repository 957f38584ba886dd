"""Deactivating a leaver: they cannot sign in, and every session they had ends at once."""

from datetime import UTC, datetime

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from oneworkforce.partners import selectors, services
from oneworkforce.partners.access import NotAllowed
from oneworkforce.partners.models import AuditAction, AuditEvent
from oneworkforce.partners.services import CANNOT_DEACTIVATE_SELF
from oneworkforce.partners.tests.conftest import personal_content_in
from oneworkforce.partners.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


class TestUserDeactivate:
    def test_ends_every_session_the_leaver_had(self, admin_actor, employer_user, admin_client):
        for _ in range(2):
            Client().force_login(employer_user)

        services.user_deactivate(actor=admin_actor, user=employer_user, deactivated_at=NOW)

        assert selectors.sessions_of_user(user=employer_user) == []
        assert Session.objects.count() == 1  # the administrator's own

    def test_records_when_and_by_whom_without_the_leavers_name(
        self, admin_actor, admin_user, employer_user
    ):
        services.user_deactivate(actor=admin_actor, user=employer_user, deactivated_at=NOW)

        employer_user.refresh_from_db()
        event = AuditEvent.objects.get()
        assert (employer_user.is_active, employer_user.deactivated_at) == (False, NOW)
        assert (event.action, event.record_type, event.record_id, event.actor) == (
            AuditAction.DEACTIVATED,
            "partners.user",
            str(employer_user.pk),
            admin_user,
        )
        assert personal_content_in(event, employer_user, admin_user) == []

    def test_refuses_to_deactivate_the_administrator_themself(self, admin_actor, admin_user):
        with pytest.raises(services.PartnersError) as refusal:
            services.user_deactivate(actor=admin_actor, user=admin_user, deactivated_at=NOW)

        admin_user.refresh_from_db()
        assert refusal.value.message == CANNOT_DEACTIVATE_SELF
        assert admin_user.is_active
        assert not AuditEvent.objects.exists()

    def test_refuses_an_employer_user(self, employer_actor, other_organisation_user):
        with pytest.raises(NotAllowed):
            services.user_deactivate(
                actor=employer_actor, user=other_organisation_user, deactivated_at=NOW
            )

        other_organisation_user.refresh_from_db()
        assert other_organisation_user.is_active


class TestDeactivatePage:
    def test_the_leavers_open_browser_is_sent_to_sign_in_on_its_next_request(
        self, admin_client, employer_client, employer_user
    ):
        assert employer_client.get(reverse("web:home")).status_code == 200

        admin_client.post(reverse("partners:user-deactivate", args=[employer_user.pk]))

        response = employer_client.get(reverse("web:home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("partners:sign-in"))
        assert selectors.sessions_of_user(user=employer_user) == []

    def test_the_leaver_cannot_sign_in_again(self, admin_client, client, employer_user):
        admin_client.post(reverse("partners:user-deactivate", args=[employer_user.pk]))

        response = client.post(
            reverse("partners:sign-in"), {"username": employer_user.email, "password": PASSWORD}
        )

        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_an_administrator_cannot_deactivate_themself_from_the_page(
        self, admin_client, admin_user
    ):
        response = admin_client.post(
            reverse("partners:user-deactivate", args=[admin_user.pk]), follow=True
        )

        admin_user.refresh_from_db()
        assert CANNOT_DEACTIVATE_SELF in [str(m) for m in response.context["messages"]]
        assert admin_user.is_active


class TestUserReactivate:
    def test_lets_the_person_sign_in_again(self, admin_client, client, employer_user):
        admin_client.post(reverse("partners:user-deactivate", args=[employer_user.pk]))

        admin_client.post(reverse("partners:user-reactivate", args=[employer_user.pk]))

        response = client.post(
            reverse("partners:sign-in"), {"username": employer_user.email, "password": PASSWORD}
        )
        assert response.url == reverse("web:home")
        assert AuditEvent.objects.filter(
            action=AuditAction.CHANGED, fields_changed=["is_active"]
        ).exists()


class TestUserDetailPage:
    def test_an_administrator_reading_another_partners_person_is_logged(
        self, admin_client, admin_user, employer_user, employer_organisation
    ):
        admin_client.get(reverse("partners:user-detail", args=[employer_user.pk]))

        event = AuditEvent.objects.get()
        assert (event.action, event.record_id, event.record_organisation) == (
            AuditAction.VIEWED,
            str(employer_user.pk),
            employer_organisation,
        )
        assert personal_content_in(event, employer_user, admin_user) == []

    def test_refuses_an_employer_user(self, employer_client, employer_user):
        response = employer_client.get(reverse("partners:user-detail", args=[employer_user.pk]))

        assert response.status_code == 403
        assert not AuditEvent.objects.exists()
