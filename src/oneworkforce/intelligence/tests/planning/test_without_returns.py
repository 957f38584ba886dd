"""Planning before any workforce return is accepted: the pages say what to do."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from oneworkforce.intelligence.planning.selectors import NO_RETURNS

pytestmark = pytest.mark.django_db


def test_the_projection_page_says_there_are_no_returns_yet(analyst_client):
    response = analyst_client.get(reverse("intelligence:projection"))

    assert response.status_code == 200
    assert escape(NO_RETURNS) in response.content.decode()


def test_the_projections_api_says_the_same(analyst_client):
    response = analyst_client.get(reverse("api:projections"))

    assert response.status_code == 400
    assert NO_RETURNS in response.content.decode()


def test_the_programme_page_opens_with_no_workstream_yet(analyst_client):
    response = analyst_client.get(reverse("intelligence:programme"))

    assert response.status_code == 200
    assert "Whole programme" in response.content.decode()
