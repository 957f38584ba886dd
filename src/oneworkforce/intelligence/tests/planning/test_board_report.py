"""The board report: made in the background with its progress, a tagged accessible PDF
(structure tree, document language, marked content, headings in order, charts with text
alternatives) and a CSV pack with the same figures."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pypdf
import pytest
from django.urls import reverse

from oneworkforce.background.models import Job
from oneworkforce.intelligence.reports.content import board_report_gather
from oneworkforce.intelligence.reports.rendering import board_report_pack, report_tables
from oneworkforce.intelligence.reports.tasks import BOARD_REPORT_JOB, STAGES, pack_path
from oneworkforce.intelligence.tests.factories import signed_in
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import member

pytestmark = pytest.mark.django_db

PACK_FILES = (
    "headline.csv", "trends.csv", "projection_gap.csv", "projection.csv", "programme.csv",
    "programme_steps.csv", "scenarios.csv", "README.txt",
)  # fmt: skip
HEADINGS = [
    ("H1", "Workforce board report"),
    ("H2", "Headline workforce figures"),
    ("H3", "Trend over the latest reporting dates"),
    ("H2", "Supply and demand: the gap by scenario"),
    ("H3", "Scenario: Baseline"),
    ("H3", "Scenario: Turnover down 5 points"),
    ("H2", "Programme statistics and investment"),
    ("H3", "People moved forward at each step, by sex"),
    ("H2", "About these figures"),
]


def structure(reader: pypdf.PdfReader) -> list[tuple[str, dict]]:
    """Every element of the PDF's structure tree, in reading order, with its dictionary."""
    found: list[tuple[str, dict]] = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            found.append((str(node["/S"])[1:], node))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def text_of(reader: pypdf.PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def made(district, immediate_tasks, django_capture_on_commit_callbacks, settings):
    """A board report asked for through the page by the district's analyst, with a saved
    scenario and a workstream to report on."""
    client = signed_in(district.analyst)
    client.post(
        reverse("intelligence:scenario-create"),
        {"name": "Turnover down 5 points", "turnover_points": "-5", "extra_programme_starters": "0",
         "international_percent": "100", "external_percent": "100", "retirement_percent": "100",
         "demand_growth_percent": "100"},
    )  # fmt: skip
    client.post(reverse("intelligence:workstream-create"), {"name": "Academy"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intelligence:board-report"))
    job = Job.objects.get(kind=BOARD_REPORT_JOB)
    return client, response, job


class TestBoardReportJob:
    def test_runs_in_the_background_and_shows_its_progress_page(self, made):
        client, response, job = made

        page = client.get(reverse("intelligence:board-report-detail", args=[job.pk]))

        assert response.url == reverse("intelligence:board-report-detail", args=[job.pk])
        assert job.status == "succeeded", job.error
        assert (job.steps_done, job.steps_total) == (len(STAGES), len(STAGES))
        assert "Download board-report-" in page.content.decode()
        assert "CSV files (zip)" in page.content.decode()

    def test_the_pdf_is_tagged_with_its_language_and_headings_in_order(self, made):
        client, _, job = made

        response = client.get(reverse("background:job-result", args=[job.pk]))
        reader = pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))

        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root
        assert root["/Lang"] == "en-GB"
        assert root["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(True)
        tags = [tag for tag, _ in structure(reader)]
        headings = [tag for tag in tags if re.fullmatch(r"H\d", tag)]
        assert headings == [level for level, _ in HEADINGS]
        text = text_of(reader)
        positions = [text.find(title) for _, title in HEADINGS]
        assert -1 not in positions
        assert positions == sorted(positions)

    def test_every_chart_in_the_pdf_has_a_text_alternative(self, made):
        client, _, job = made

        response = client.get(reverse("background:job-result", args=[job.pk]))
        reader = pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))

        figures = [node for tag, node in structure(reader) if tag == "Figure"]
        assert len(figures) == 2
        assert all(str(node["/Alt"]).startswith("Line chart: ") for node in figures)

    def test_the_csv_pack_holds_the_same_figures_as_the_pdf(self, made, district):
        client, _, job = made

        pack = zipfile.ZipFile(
            io.BytesIO(client.get(reverse("intelligence:board-report-pack", args=[job.pk])).content)
        )
        pdf = pypdf.PdfReader(pack_path(job).with_name(f"{job.pk}.pdf"))

        names = set(pack.namelist())
        assert set(PACK_FILES) <= names
        text = text_of(pdf)
        gaps = list(csv.reader(io.StringIO(pack.read("projection_gap.csv").decode())))
        for scenario, *figures in gaps[1:]:
            assert f"{scenario} {' '.join(figures)}" in text
        headline = list(csv.reader(io.StringIO(pack.read("headline.csv").decode())))
        for title, figure, *_ in headline[1:]:
            assert f"{title} {figure}" in text


class TestBoardReportContent:
    def test_gathers_the_baseline_and_every_saved_scenario(self, made, district):
        report = board_report_gather(
            actor=actor_for_user(district.analyst),
            made_at=made[2].created_at,
            today=made[2].created_at.date(),
        )

        assert [plan.name for plan in report.plans] == ["Baseline", "Turnover down 5 points"]
        assert report.gap_years == (2026, 2031, 2036, 2041)
        assert len(report_tables(report)["gap_rows"]) == 2
        assert zipfile.ZipFile(io.BytesIO(board_report_pack(report))).testzip() is None


class TestBoardReportAccess:
    def test_another_analyst_cannot_open_someone_elses_report(self, made, district):
        _, _, job = made
        other = signed_in(member(role=Role.ANALYST, organisation=district.partnership))

        assert (
            other.get(reverse("intelligence:board-report-detail", args=[job.pk])).status_code == 404
        )
        assert (
            other.get(reverse("intelligence:board-report-pack", args=[job.pk])).status_code == 404
        )
