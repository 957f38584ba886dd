"""The second factor (TOTP) for the roles that need it."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from oneworkforce.partners.tests.factories import PASSWORD
from oneworkforce.partners.views.accounts import CODE_NOT_ACCEPTED

pytestmark = pytest.mark.django_db

PARTNERS = reverse("partners:organisation-list")
SET_UP = reverse("partners:two-factor-setup")
VERIFY = reverse("partners:two-factor-verify")


@pytest.fixture(autouse=True)
def administrators_need_a_second_factor(settings):
    settings.TWO_FACTOR_ROLES = {"partnership_admin"}


def code_for(device, *, offset=0):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, offset):06d}"


def signed_in_with_password(client, user):
    client.post(reverse("partners:sign-in"), {"username": user.email, "password": PASSWORD})
    return client


class TestSecondFactor:
    @pytest.mark.parametrize("page", [PARTNERS, reverse("web:home"), reverse("partners:audit-log")])
    def test_sends_an_administrator_without_a_device_to_set_one_up(self, client, admin_user, page):
        signed_in_with_password(client, admin_user)

        response = client.get(page)

        assert response.status_code == 302
        assert response.url.startswith(SET_UP)
        assert "next=" in response.url

    def test_registering_an_authenticator_app_opens_the_page_asked_for(self, client, admin_user):
        signed_in_with_password(client, admin_user)
        client.get(f"{SET_UP}?next={PARTNERS}")
        device = TOTPDevice.objects.get(user=admin_user)

        response = client.post(SET_UP, {"token": code_for(device), "next": PARTNERS})

        device.refresh_from_db()
        assert response.url == PARTNERS
        assert device.confirmed
        assert client.get(PARTNERS).status_code == 200

    def test_a_wrong_code_does_not_pass(self, client, admin_user):
        signed_in_with_password(client, admin_user)
        client.get(SET_UP)
        device = TOTPDevice.objects.get(user=admin_user)
        wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

        response = client.post(SET_UP, {"token": wrong, "next": PARTNERS})

        assert CODE_NOT_ACCEPTED in response.content.decode()
        assert client.get(PARTNERS).status_code == 302

    def test_asks_an_administrator_with_a_device_for_a_code_at_the_next_sign_in(
        self, client, admin_user
    ):
        device = TOTPDevice.objects.create(user=admin_user, name="Phone", confirmed=True)
        signed_in_with_password(client, admin_user)

        refused = client.get(PARTNERS)
        passed = client.post(VERIFY, {"token": code_for(device), "next": PARTNERS})

        assert refused.url.startswith(VERIFY)
        assert passed.url == PARTNERS
        assert client.get(PARTNERS).status_code == 200

    def test_does_not_ask_a_role_outside_the_set(self, client, employer_user):
        signed_in_with_password(client, employer_user)

        response = client.get(reverse("web:home"))

        assert response.status_code == 200
        assert not TOTPDevice.objects.exists()

    def test_will_not_send_anyone_to_another_site_after_the_code(self, client, admin_user):
        device = TOTPDevice.objects.create(user=admin_user, name="Phone", confirmed=True)
        signed_in_with_password(client, admin_user)

        response = client.post(VERIFY, {"token": code_for(device), "next": "https://evil.example/"})

        assert response.url == reverse("web:home")
