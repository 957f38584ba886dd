"""The language switcher, and pages that follow the chosen language's direction."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _switch_to(client, language: str, next_url: str):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


class TestLanguageSwitcher:
    def test_a_visitor_sees_every_language_named_in_itself(self, client):
        page = client.get(reverse("web:start")).content.decode()

        assert 'aria-label="Choose a language"' in page
        assert '<span lang="en-gb" aria-current="true">English</span>' in page
        assert 'class="ow-link-button" lang="ur">اردو</button>' in page

    def test_switching_to_urdu_returns_to_the_same_page_in_urdu_right_to_left(self, client):
        response = _switch_to(client, "ur", reverse("web:privacy"))
        page = client.get(response.url).content.decode()

        assert response.url == reverse("web:privacy")
        assert '<html lang="ur" dir="rtl"' in page
        assert '<span lang="ur" aria-current="true">اردو</span>' in page
        assert 'class="ow-link-button" lang="en-gb">English</button>' in page

    def test_switching_back_to_english_turns_the_page_left_to_right(self, client):
        _switch_to(client, "ur", "/")

        _switch_to(client, "en-gb", "/")
        page = client.get(reverse("web:start")).content.decode()

        assert '<html lang="en-gb" dir="ltr"' in page

    def test_a_language_the_service_does_not_offer_leaves_the_page_in_english(self, client):
        _switch_to(client, "fr", "/")

        page = client.get(reverse("web:start")).content.decode()

        assert '<html lang="en-gb" dir="ltr"' in page

    def test_a_browser_asking_for_urdu_gets_urdu(self, client):
        page = client.get(reverse("web:start"), HTTP_ACCEPT_LANGUAGE="ur").content.decode()

        assert '<html lang="ur" dir="rtl"' in page

    def test_staff_pages_have_no_switcher_since_they_are_in_english_only(self, employer_client):
        page = employer_client.get(reverse("web:home")).content.decode()

        assert "ow-language-switcher" not in page


def test_the_service_offers_english_and_urdu():
    assert [code for code, _ in settings.LANGUAGES] == ["en-gb", "ur"]
