"""Sessions end after half an hour without a request."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

HOME = reverse("web:home")


class TestSessionExpiry:
    def test_the_session_lasts_half_an_hour(self):
        assert settings.SESSION_COOKIE_AGE == 30 * 60
        assert settings.SESSION_SAVE_EVERY_REQUEST is True

    def test_a_session_idle_for_longer_than_its_age_is_no_longer_signed_in(self, employer_client):
        signed_in_at = timezone.now()
        employer_client.get(HOME)

        with freeze_time(signed_in_at + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)):
            response = employer_client.get(HOME)

        assert response.status_code == 302
        assert response.url.startswith(reverse("partners:sign-in"))

    def test_each_request_renews_the_half_hour(self, employer_client):
        start = timezone.now()
        employer_client.get(HOME)

        for minutes in (25, 50, 75):
            with freeze_time(start + timedelta(minutes=minutes)):
                response = employer_client.get(HOME)
            assert response.status_code == 200

    def test_a_session_whose_expiry_has_passed_is_no_longer_signed_in(self, employer_client):
        session = employer_client.session
        session.set_expiry(timezone.now() - timedelta(seconds=1))
        session.save()

        response = employer_client.get(HOME)

        assert response.status_code == 302
