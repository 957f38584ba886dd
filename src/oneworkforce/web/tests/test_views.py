"""The public pages, the signed-in home page and the error pages."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from oneworkforce.reference import postcodes
from oneworkforce.web import views

pytestmark = pytest.mark.django_db


class TestStart:
    def test_shows_the_start_page_to_a_visitor(self, client):
        assert client.get(reverse("web:start")).status_code == 200

    def test_sends_someone_signed_in_to_their_home_page(self, employer_client):
        assert employer_client.get(reverse("web:start")).url == reverse("web:home")


class TestHome:
    def test_greets_the_person_and_names_their_role_and_organisation(
        self, employer_client, employer_organisation
    ):
        page = employer_client.get(reverse("web:home")).content.decode()

        assert "Hello, Esme Employer" in page
        assert f"employer user at {employer_organisation.name}" in page

    def test_shows_an_administrator_how_many_partners_there_are(
        self, admin_client, employer_organisation, other_organisation
    ):
        response = admin_client.get(reverse("web:home"))

        assert response.context["partner_count"] == 3

    def test_sends_a_visitor_to_sign_in(self, client):
        response = client.get(reverse("web:home"))

        assert response.url == f"{reverse('partners:sign-in')}?next=/home/"


class TestInformationPages:
    def test_the_privacy_notice_states_the_session_length(self, client):
        response = client.get(reverse("web:privacy"))

        assert response.context["session_minutes"] == settings.SESSION_COOKIE_AGE // 60 == 30

    def test_the_about_page_credits_the_postcode_data(self, client):
        response = client.get(reverse("web:about"))

        assert response.context["postcode_attribution"] == postcodes.ATTRIBUTION
        assert "Office for National Statistics" in response.content.decode()

    def test_the_accessibility_statement_opens(self, client):
        assert client.get(reverse("web:accessibility")).status_code == 200


class TestErrorPages:
    def test_an_unknown_address_gets_the_products_not_found_page(self, client):
        response = client.get("/no-such-page/")

        assert response.status_code == 404
        assert "web/404.html" in [template.name for template in response.templates]

    def test_a_refusal_gets_the_products_forbidden_page(self, employer_client):
        response = employer_client.get(reverse("partners:organisation-list"))

        assert response.status_code == 403
        assert "You cannot open this page" in response.content.decode()

    def test_the_server_error_page_renders_without_context(self):
        response = views.error_500(RequestFactory().get("/"))

        assert response.status_code == 500
        assert response.content
