"""Planning before any workforce return is accepted: the pages and the board report say so."""

from __future__ import annotations

import io
import zipfile

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from oneworkforce.intelligence.planning.selectors import NO_RETURNS
from oneworkforce.intelligence.reports.content import board_report_gather
from oneworkforce.intelligence.reports.rendering import board_report_pack, board_report_pdf

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


def test_the_board_report_says_there_are_no_returns_yet_and_is_still_made(analyst_actor):
    report = board_report_gather(
        actor=analyst_actor, made_at=timezone.now(), today=timezone.localdate()
    )

    pdf = pypdf.PdfReader(io.BytesIO(board_report_pdf(report)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert report.projection_problem == NO_RETURNS
    assert "No workforce returns have been accepted yet." in text
    assert zipfile.ZipFile(io.BytesIO(board_report_pack(report))).testzip() is None
