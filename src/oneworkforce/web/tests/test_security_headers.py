"""Every response carries the security headers; pages carry a CSP nonce, never 'unsafe-inline'."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/sign-in/", "/privacy/", "/no-such-page/", "/api/postcodes/DY1%201HF/"]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
class TestEveryResponse:
    def test_carries_a_content_security_policy_without_unsafe_inline(self, client, path):
        policy = directives(client.get(path))

        assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
        assert policy["default-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]

    def test_carries_the_other_security_headers(self, client, path):
        response = client.get(path)

        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


class TestPages:
    @pytest.mark.parametrize("path", ["/", "/sign-in/", "/privacy/"])
    def test_a_public_page_allows_its_own_inline_script_and_style_by_nonce(self, client, path):
        response = client.get(path)

        policy = directives(response)
        nonce = re.search(r"'nonce-([^']+)'", " ".join(policy["script-src"])).group(1)
        assert f"'nonce-{nonce}'" in policy["style-src"]
        assert f'<script nonce="{nonce}">' in response.content.decode()
        assert f'<style nonce="{nonce}">' in response.content.decode()

    def test_each_response_gets_a_fresh_nonce(self, client):
        first, second = (directives(client.get("/"))["script-src"] for _ in range(2))

        assert first != second

    def test_a_signed_in_page_carries_the_headers_too(self, admin_client):
        response = admin_client.get(reverse("partners:organisation-list"))

        assert "'nonce-" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"

    def test_a_redirect_carries_the_headers_too(self, client):
        response = client.get(reverse("web:home"))

        assert response.status_code == 302
        assert "Content-Security-Policy" in response
        assert response["X-Frame-Options"] == "DENY"
