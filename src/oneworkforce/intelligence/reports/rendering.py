"""The board report as a tagged PDF (WeasyPrint, PDF/UA-1: structure tree, document
language, headings, tables and images with their text alternatives; decision 0070) and as a
CSV pack (a zip of one CSV per table, with a README), from the same gathered figures."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from oneworkforce.intelligence.planning.steps import INTO_WORK, RETAINED_12_MONTHS
from oneworkforce.intelligence.reports.content import BoardReport
from oneworkforce.web.csv_safety import safe_cell

__all__ = ["board_report_html", "board_report_pack", "board_report_pdf", "report_tables"]


def report_tables(report: BoardReport) -> dict[str, Any]:
    """The report's tables as rows, shared by the PDF's template and the CSV pack."""
    index = {year: position for position, year in enumerate(report.gap_years)}
    plan_rows = []
    for plan in report.plans:
        years = plan.protected.years
        rows = [
            (row.label, [row.display[years.index(year)] for year in index])
            for row in plan.protected.gap
        ]
        plan_rows.append((plan, rows))
    streams = [
        {
            "name": figures.name,
            "budget": figures.budget,
            "spent": figures.spent,
            "into_work": figures.people_at(INTO_WORK),
            "retained": figures.people_at(RETAINED_12_MONTHS),
            "figures": figures,
        }
        for figures in (*report.programme.workstreams, report.programme.total)
    ]
    grid = report.programme.total.by_group.grid()
    group_headings = [str(label[0]) for label in grid.column_labels]
    group_rows = [
        (str(label[0]), [cell.display for cell in cells])
        for label, cells in zip(grid.row_labels, grid.cells, strict=True)
    ]
    return {
        "gap_rows": [(plan, report.gap_at(plan)) for plan in report.plans],
        "plan_rows": plan_rows,
        "streams": streams,
        "group_headings": group_headings,
        "group_rows": group_rows,
    }


def board_report_html(report: BoardReport) -> str:
    return render_to_string(
        "intelligence/reports/board_report.html",
        {"report": report, "partnership_name": settings.PARTNERSHIP_NAME, **report_tables(report)},
    )


def board_report_pdf(report: BoardReport) -> bytes:
    """The report as PDF/UA-1: tagged, with its language and title."""
    # Imported here: WeasyPrint loads Pango when imported, which pages never need.
    from weasyprint import HTML

    pdf: bytes = HTML(string=board_report_html(report)).write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )
    return pdf


def _csv(rows: Sequence[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


README = """{title}: {partnership}
Made on {made:%d %B %Y}. Workforce figures as at {as_of}.

The same figures as the PDF report, one table per file:
- headline.csv: headline workforce figures on the latest reporting date
- trends.csv: headline figures at each reporting date
- projection_gap.csv: the gap in posts, every role group, by scenario, in the report's years
- projection.csv: demand, supply and gap by scenario, role group and year
- scenarios.csv: each scenario's assumptions
- programme.csv: money and outcomes by workstream
- programme_steps.csv: people reaching each step, whole programme, by {characteristic}

{marker} marks a number hidden to protect privacy (small numbers, and others that would
let a small number be worked out).

Population figures: {population}. {source}
"""


def board_report_pack(report: BoardReport) -> bytes:
    """A zip of the report's tables as CSV files, with a README."""
    tables = report_tables(report)
    files: dict[str, bytes] = {}
    files["headline.csv"] = _csv(
        [["measure", "figure", "unit", "definition"]]
        + [[h.title, h.display, h.unit, h.definition] for h in report.headlines]
    )
    dates = report.trends[0].dates if report.trends else ()
    files["trends.csv"] = _csv(
        [["measure", *[day.isoformat() for day in dates]]]
        + [[trend.title, *trend.display] for trend in report.trends]
    )
    files["projection_gap.csv"] = _csv(
        [["scenario", *report.gap_years]]
        + [[plan.name, *gaps] for plan, gaps in tables["gap_rows"]]
    )
    long_rows: list[list[object]] = [["scenario", "measure", "role_group", "year", "posts"]]
    for plan in report.plans:
        for measure in ("demand", "supply", "gap"):
            for row in plan.protected.measure(measure):
                for year, shown in zip(plan.protected.years, row.cells(), strict=True):
                    long_rows.append([plan.name, measure, row.label, year, shown])
    files["projection.csv"] = _csv(long_rows)
    files["scenarios.csv"] = _csv(
        [["scenario", "assumption"]]
        + [[plan.name, sentence] for plan in report.plans for sentence in plan.assumptions]
    )
    files["programme.csv"] = _csv(
        [["workstream", "budget", "spent", "people_into_work", "still_in_work_at_12_months",
          "cost_per_person_into_work", "cost_per_person_still_in_work_at_12_months"]]
        + [
            [s["name"], f"{s['budget']:.2f}", f"{s['spent']:.2f}", s["into_work"],
             s["retained"], s["figures"].cost_per_into_work, s["figures"].cost_per_retained]
            for s in tables["streams"]
        ]
    )  # fmt: skip
    files["programme_steps.csv"] = _csv(
        [["step", *tables["group_headings"]]]
        + [[label, *cells] for label, cells in tables["group_rows"]]
    )
    files["README.txt"] = README.format(
        title=report.title,
        partnership=settings.PARTNERSHIP_NAME,
        made=report.made_at,
        as_of=f"{report.as_of:%d %B %Y}" if report.as_of else "none yet",
        characteristic=report.characteristic_name.lower(),
        marker=report.marker,
        population=report.population_name,
        source=report.population_source,
    ).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
