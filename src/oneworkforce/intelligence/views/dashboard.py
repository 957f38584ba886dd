"""The workforce dashboard and each partner's benchmarks: aggregates only, every figure
through disclosure control, every chart beside its table, every table downloadable."""

from __future__ import annotations

import csv
import io
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from threading import Lock

import polars as pl
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from oneworkforce.engines.disclosure import DEFAULT_RULE, MARKER
from oneworkforce.intelligence import metrics, workforce
from oneworkforce.intelligence.metrics import MetricResult, MetricRow
from oneworkforce.partners.access import Actor, actor_for_request
from oneworkforce.partners.models import Organisation, Role
from oneworkforce.partners.views.decorators import role_required
from oneworkforce.reference.models import RoleGroup
from oneworkforce.web.charts import Chart, bar_chart
from oneworkforce.web.csv_safety import safe_cell

READERS = (Role.ANALYST, Role.BOARD_MEMBER, Role.PARTNERSHIP_ADMIN)
BREAKDOWNS = {
    "sector": "Sector",
    "organisation_kind": "Type of partner",
    "role_group": "Role group",
    "contract_type": "Contract type",
    "local_authority_code": "Local authority area",
    "organisation_name": "Partner",
}
SECTOR_FILTERS = {"": "Health and social care", "health": "Health", "social_care": "Social care"}
SECTIONS = (
    ("Who works here", ("headcount", "filled_posts", "fte")),
    (
        "Starting, staying and leaving",
        ("turnover_rate", "starters_rate", "vacancy_rate", "stability_rate", "sickness_days",
         "leavers_by_reason", "leavers_by_destination", "recruitment_source"),
    ),
    (
        "Skills, leadership and management",
        ("qualification_rate", "manager_posts", "leadership_qualification_rate",
         "manager_time_in_post", "succession_gap_rate"),
    ),
    (
        "Age and equality",
        ("age_profile", "share_aged_55_and_over", "sex_profile", "ethnicity_profile",
         "disability_profile", "nhs_ethnic_minority_share_by_band",
         "nhs_disabled_share_by_band"),
    ),
)  # fmt: skip
MAX_CHART_BARS = 40


@dataclass(frozen=True)
class Figure:
    result: MetricResult
    headings: tuple[str, ...]

    @property
    def parts(self) -> list[MetricRow]:
        return [row for row in self.result.rows if not row.is_total]

    @property
    def has_chart(self) -> bool:
        parts = self.parts
        return 1 < len(parts) <= MAX_CHART_BARS and any(row.value is not None for row in parts)

    @property
    def chart_alt(self) -> str:
        hidden = sum(row.value is None for row in self.parts)
        alt = f"Bar chart: {self.result.definition.title}. The same figures are in the table below"
        return alt + (f"; {hidden} not shown." if hidden else ".")

    def chart(self) -> Chart:
        """Drawn only when asked for: each chart is its own image request."""
        parts = self.parts
        return bar_chart(
            title=self.result.definition.title,
            labels=[" / ".join(row.labels) for row in parts],
            values=[row.value for row in parts],
            display=[row.display for row in parts],
            unit=str(self.result.definition.unit),
        )


def _figure(result: MetricResult) -> Figure:
    headings = tuple(
        BREAKDOWNS.get(name, name.replace("_", " ").capitalize()) for name in result.dimensions
    )
    return Figure(result, headings)


ROLE_GROUP_FILTERS = {
    "": "Every role group",
    **dict(RoleGroup.choices),
}


@dataclass(frozen=True)
class Request:
    as_of: date
    by: str
    sector: str
    partner: str = ""
    role_group: str = ""


_figures: OrderedDict[tuple[object, ...], dict[str, Figure]] = OrderedDict()
_lock = Lock()


def dashboard_figures(actor: Actor, query: Request) -> tuple[workforce.Scope, dict[str, Figure]]:
    scope = workforce.scope_for(actor=actor, as_of=query.as_of, today=timezone.localdate())
    key = (scope.return_ids, query)
    with _lock:
        if key in _figures:
            _figures.move_to_end(key)
            return scope, _figures[key]
    frame, workplaces = workforce.frames(scope)
    if query.sector:
        frame = frame.filter(pl.col("sector") == query.sector)
    if query.role_group:
        frame = frame.filter(pl.col("role_group") == query.role_group)
    if query.partner:
        frame = frame.filter(pl.col("organisation_id") == query.partner)
        workplaces = workplaces.filter(pl.col("organisation_id") == query.partner)
    results = metrics.partnership_dashboard(
        frame, workplaces, as_of=query.as_of, rule=DEFAULT_RULE, by=(query.by,)
    )
    figures = {metric_id: _figure(result) for metric_id, result in results.items()}
    with _lock:
        _figures[key] = figures
        while len(_figures) > workforce.CACHE_SIZE * 4:
            _figures.popitem(last=False)
    return scope, figures


def query_from(request: HttpRequest) -> Request:
    dates = workforce.reporting_dates()
    as_of = dates[0] if dates else timezone.localdate()
    asked = request.GET.get("period", "")
    if asked:
        try:
            as_of = date.fromisoformat(asked)
        except ValueError:
            as_of = dates[0] if dates else as_of
    by = request.GET.get("by", "sector")
    sector = request.GET.get("sector", "")
    role_group = request.GET.get("role_group", "")
    partner = request.GET.get("partner", "")
    return Request(
        as_of=as_of,
        by=by if by in BREAKDOWNS else "sector",
        sector=sector if sector in SECTOR_FILTERS else "",
        partner=partner if partner.isdigit() else "",
        role_group=role_group if role_group in ROLE_GROUP_FILTERS else "",
    )


@role_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    query = query_from(request)
    scope, figures = dashboard_figures(actor, query)
    sections = [
        (title, [figures[metric_id] for metric_id in ids if metric_id in figures])
        for title, ids in SECTIONS
    ]
    return render(
        request,
        "intelligence/dashboard.html",
        {
            "query": query,
            "sections": sections,
            "partner_count": len(scope.organisation_ids),
            "periods": workforce.reporting_dates(),
            "breakdowns": BREAKDOWNS,
            "sector_filters": SECTOR_FILTERS,
            "role_group_filters": ROLE_GROUP_FILTERS,
            "partners": Organisation.objects.filter(pk__in=scope.organisation_ids).order_by("name"),
            "querystring": request.GET.urlencode(),
            "marker": MARKER,
        },
    )


def _csv_response(result: MetricResult, headings: tuple[str, ...], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*headings, f"{result.definition.title} ({result.definition.unit})"])
    for row in result.rows:
        writer.writerow([safe_cell(value) for value in (*row.labels, row.display)])
    writer.writerow([])
    writer.writerow([safe_cell(f"Definition: {result.definition.definition}")])
    for note in result.notes:
        writer.writerow([safe_cell(f"Note: {note}")])
    writer.writerow(
        [safe_cell(f"Figures as at {result.as_of:%d %B %Y}. Source: {result.definition.source}")]
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(*READERS)
def dashboard_chart(request: HttpRequest, metric_id: str) -> HttpResponse:
    _, figures = dashboard_figures(actor_for_request(request), query_from(request))
    figure = figures.get(metric_id)
    if figure is None or not figure.has_chart:
        raise Http404
    return HttpResponse(_chart_svg(figure), content_type="image/svg+xml")


_charts: OrderedDict[int, bytes] = OrderedDict()


def _chart_svg(figure: Figure) -> bytes:
    key = id(figure)  # figures are cached and immutable: one drawing per figure
    with _lock:
        if key in _charts:
            return _charts[key]
    svg = figure.chart().svg
    with _lock:
        _charts[key] = svg
        while len(_charts) > 200:
            _charts.popitem(last=False)
    return svg


@role_required(*READERS)
def dashboard_csv(request: HttpRequest, metric_id: str) -> HttpResponse:
    query = query_from(request)
    _, figures = dashboard_figures(actor_for_request(request), query)
    figure = figures.get(metric_id)
    if figure is None:
        raise Http404
    return _csv_response(figure.result, figure.headings, f"{metric_id}-{query.as_of:%Y-%m-%d}.csv")


def _own_benchmark(
    request: HttpRequest,
) -> tuple[Organisation, Request, metrics.Benchmark | None, str]:
    """The actor's own partner's benchmark, or the reason there is none."""
    actor = actor_for_request(request)
    organisation = (
        Organisation.objects.filter(pk__in=actor.organisation_ids(Role.EMPLOYER_USER))
        .order_by("name")
        .first()
    )
    if organisation is None:
        raise Http404
    query = query_from(request)
    scope = workforce.scope_for(actor=actor, as_of=query.as_of, today=timezone.localdate())
    frame, workplaces = workforce.frames(scope)
    try:
        benchmark = metrics.benchmark(
            frame, workplaces, partner=str(organisation.pk), as_of=query.as_of, rule=DEFAULT_RULE
        )
    except metrics.MetricsError as error:
        return organisation, query, None, str(error)
    return organisation, query, benchmark, ""


@role_required(Role.EMPLOYER_USER)
def benchmarks(request: HttpRequest) -> HttpResponse:
    """The actor's own partner against its peers and the whole partnership."""
    organisation, query, benchmark, problem = _own_benchmark(request)
    figures = [_figure(result) for result in benchmark.results] if benchmark else []
    own = _own_figures(request, organisation, query) if benchmark else []
    return render(
        request,
        "intelligence/benchmarks.html",
        {
            "organisation": organisation,
            "benchmark": benchmark,
            "problem": problem,
            "figures": figures,
            "own": own,
            "query": query,
            "querystring": request.GET.urlencode(),
        },
    )


def _own_figures(request: HttpRequest, organisation: Organisation, query: Request) -> list[Figure]:
    """The partner's own headcount, filled posts and FTE by sector, from its latest returns."""
    actor = actor_for_request(request)
    scope = workforce.scope_for(actor=actor, as_of=query.as_of, today=timezone.localdate())
    frame, _ = workforce.frames(scope)
    own = frame.filter(pl.col("organisation_id") == str(organisation.pk))
    return [
        _figure(measure(own, as_of=query.as_of, by=("sector",), rule=DEFAULT_RULE))
        for measure in (metrics.headcount, metrics.filled_posts, metrics.fte)
    ]


@role_required(Role.EMPLOYER_USER)
def benchmark_chart(request: HttpRequest, metric_id: str) -> HttpResponse:
    _, _, benchmark, _ = _own_benchmark(request)
    if benchmark is None:
        raise Http404
    figure = next((_figure(r) for r in benchmark.results if r.definition.id == metric_id), None)
    if figure is None or not figure.has_chart:
        raise Http404
    return HttpResponse(figure.chart().svg, content_type="image/svg+xml")
