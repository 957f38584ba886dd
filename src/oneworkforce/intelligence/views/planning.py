"""Planning pages: the projection (one scenario, and several side by side), saved scenarios,
population versions, the programmes' statistics and money, and the board report.

Only analysts and partnership administrators open them. Every chart stands beside the table
of its figures, with the scenario's assumptions beside it; every page works without
JavaScript (forms are plain GET or POST, charts are images).
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from oneworkforce.background import selectors as background_selectors
from oneworkforce.background import services as background_services
from oneworkforce.background.models import Job
from oneworkforce.engines.disclosure import MARKER
from oneworkforce.engines.projection import ProjectionInputError
from oneworkforce.intelligence.models import Initiative, Scenario, Workstream
from oneworkforce.intelligence.planning import forms as planning_forms
from oneworkforce.intelligence.planning import participants, population, programme, selectors
from oneworkforce.intelligence.planning import services as planning_services
from oneworkforce.intelligence.planning.adapter import ProtectedProjection, role_group_label
from oneworkforce.intelligence.planning.steps import (
    CHARACTERISTIC_NAMES,
    CHARACTERISTICS,
    INTO_WORK,
    RETAINED_12_MONTHS,
)
from oneworkforce.intelligence.reports import tasks as report_tasks
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.views.decorators import role_required
from oneworkforce.web.charts import Chart, line_chart
from oneworkforce.web.csv_safety import safe_cell

PLANNERS = selectors.PLANNERS
BASELINE = "baseline"
MEASURES = {
    "gap": "Gap: posts needed but not filled",
    "demand": "Demand: posts needed",
    "supply": "Supply: people in post",
}


def _base_or_problem(request: HttpRequest) -> tuple[selectors.PlanningBase | None, str]:
    try:
        base = selectors.baseline_for(
            actor=actor_for_request(request), as_of=None, today=timezone.localdate()
        )
    except selectors.PlanningUnavailable as problem:
        return None, str(problem)
    return base, ""


def _chosen(request: HttpRequest, key: str) -> Scenario | None:
    """The saved scenario named by ``key`` (None for the baseline); 404 if there is none."""
    if key in ("", BASELINE):
        return None
    if not key.isdigit():
        raise Http404
    return get_object_or_404(
        selectors.scenarios_visible_to(actor=actor_for_request(request)), pk=int(key)
    )


def _chart(protected: ProtectedProjection, measure: str) -> Chart:
    return line_chart(
        title=f"{MEASURES[measure]}, {protected.scenario_name}",
        x=protected.years,
        series=[(row.label, row.values) for row in protected.measure(measure)],
        unit="Posts",
        zero_line=measure == "gap",
    )


def _comparison_chart(plans: list[selectors.Planned], measure: str) -> Chart:
    return line_chart(
        title=f"{MEASURES[measure]}, every role group, by scenario",
        x=plans[0].protected.years,
        series=[(plan.name, plan.protected.measure(measure)[-1].values) for plan in plans],
        unit="Posts",
        zero_line=measure == "gap",
    )


def _projection_context(base: selectors.PlanningBase) -> dict[str, object]:
    return {
        "base": base,
        "baseline": base.baseline,
        "groups": [(role_group_label(g.role_group), g) for g in base.baseline.groups],
        "population": base.population_in_use,
        "marker": MARKER,
    }


@role_required(*PLANNERS)
def projection(request: HttpRequest) -> HttpResponse:
    """One scenario's demand, supply and gap by role group for 15 years."""
    actor = actor_for_request(request)
    scenarios = selectors.scenarios_visible_to(actor=actor)
    key = request.GET.get("scenario", BASELINE)
    scenario = _chosen(request, key)
    base, problem = _base_or_problem(request)
    context: dict[str, object] = {"scenarios": scenarios, "chosen": key, "problem": problem}
    if base is not None:
        try:
            plan = selectors.planned(base=base, scenario=scenario)
        except ProjectionInputError as error:
            context["problem"] = str(error)
        else:
            context.update(_projection_context(base))
            context["plan"] = plan
            context["figures"] = [
                (measure, title, _chart(plan.protected, measure), plan.protected.measure(measure))
                for measure, title in MEASURES.items()
            ]
    return render(request, "intelligence/planning/projection.html", context)


@role_required(*PLANNERS)
def projection_csv(request: HttpRequest) -> HttpResponse:
    scenario = _chosen(request, request.GET.get("scenario", BASELINE))
    base, problem = _base_or_problem(request)
    if base is None:
        raise Http404(problem)
    try:
        plan = selectors.planned(base=base, scenario=scenario)
    except ProjectionInputError as error:
        raise Http404(str(error)) from error
    buffer = io.StringIO()
    write_projection_csv(buffer, [plan])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="projection.csv"'
    return response


def write_projection_csv(buffer: io.StringIO, plans: list[selectors.Planned]) -> None:
    """Every scenario's figures in long form: scenario, measure, role group, year, figure."""
    writer = csv.writer(buffer)
    writer.writerow(["scenario", "measure", "role_group", "year", "posts"])
    for plan in plans:
        for measure in MEASURES:
            for row in plan.protected.measure(measure):
                for year, shown in zip(plan.protected.years, row.cells(), strict=True):
                    writer.writerow(
                        [safe_cell(value) for value in (plan.name, measure, row.label, year, shown)]
                    )
    writer.writerow([])
    for plan in plans:
        for sentence in plan.assumptions:
            writer.writerow([safe_cell(f"Assumption ({plan.name}): {sentence}")])
    if plans:
        writer.writerow([safe_cell(f"Note: {plans[0].protected.note}")])


def _compare_choices(request: HttpRequest) -> list[tuple[str, str]]:
    scenarios = selectors.scenarios_visible_to(actor=actor_for_request(request))
    return [(BASELINE, selectors.BASELINE_NAME)] + [(str(s.pk), s.name) for s in scenarios]


@role_required(*PLANNERS)
def compare(request: HttpRequest) -> HttpResponse:
    """Two or more scenarios side by side, each chart with every scenario's assumptions."""
    choices = _compare_choices(request)
    form = planning_forms.CompareForm(
        request.GET if "scenarios" in request.GET else None, choices=choices
    )
    context: dict[str, object] = {"form": form}
    if form.is_bound and form.is_valid():
        base, problem = _base_or_problem(request)
        context["problem"] = problem
        if base is not None:
            chosen = [_chosen(request, key) for key in form.cleaned_data["scenarios"]]
            try:
                plans = selectors.planned_many(base=base, scenarios=chosen)
            except ProjectionInputError as error:
                context["problem"] = str(error)
            else:
                context.update(_projection_context(base))
                context["plans"] = plans
                context["figures"] = [
                    (
                        measure,
                        title,
                        _comparison_chart(plans, measure),
                        [
                            replace(plan.protected.measure(measure)[-1], label=plan.name)
                            for plan in plans
                        ],
                    )
                    for measure, title in MEASURES.items()
                ]
                context["by_group"] = [
                    (plan, _chart(plan.protected, "gap"), plan.protected.gap) for plan in plans
                ]
                context["years"] = plans[0].protected.years
    return render(request, "intelligence/planning/compare.html", context)


@role_required(*PLANNERS)
def scenario_list(request: HttpRequest) -> HttpResponse:
    scenarios = selectors.scenarios_visible_to(actor=actor_for_request(request))
    described = [(scenario, selectors.scenario_sentences(scenario)) for scenario in scenarios]
    return render(request, "intelligence/planning/scenario_list.html", {"described": described})


def _scenario_form_page(request: HttpRequest, scenario: Scenario | None) -> HttpResponse:
    actor = actor_for_request(request)
    if request.method == "POST":
        form = planning_forms.ScenarioForm(request.POST)
        if form.is_valid():
            try:
                if scenario is None:
                    saved = planning_services.scenario_create(
                        actor=actor,
                        name=form.cleaned_data["name"],
                        values=form.values(),
                        created_at=timezone.now(),
                    )
                else:
                    saved = planning_services.scenario_update(
                        actor=actor,
                        scenario=scenario,
                        name=form.cleaned_data["name"],
                        values=form.values(),
                        changed_at=timezone.now(),
                    )
            except planning_services.PlanningError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(request, f"Scenario “{saved.name}” saved")
                return redirect(f"{reverse('intelligence:projection')}?scenario={saved.pk}")
    else:
        initial = planning_forms.ScenarioForm.initial_of(scenario) if scenario else None
        form = planning_forms.ScenarioForm(initial=initial)
    return render(
        request, "intelligence/planning/scenario_form.html", {"form": form, "scenario": scenario}
    )


@role_required(*PLANNERS)
def scenario_create(request: HttpRequest) -> HttpResponse:
    return _scenario_form_page(request, None)


@role_required(*PLANNERS)
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_object_or_404(
        selectors.scenarios_visible_to(actor=actor_for_request(request)), pk=pk
    )
    return _scenario_form_page(request, scenario)


@role_required(*PLANNERS)
@require_POST
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    scenario = get_object_or_404(selectors.scenarios_visible_to(actor=actor), pk=pk)
    planning_services.scenario_delete(actor=actor, scenario=scenario, deleted_at=timezone.now())
    messages.success(request, f"Scenario “{scenario.name}” deleted")
    return redirect("intelligence:scenario-list")


@role_required(*PLANNERS)
def population_versions(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    problems: list[str] = []
    if request.method == "POST":
        form = planning_forms.PopulationUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                planning_services.population_upload(
                    actor=actor,
                    name=form.cleaned_data["name"],
                    source=form.cleaned_data["source"],
                    file_name=upload.name,
                    content=upload.read(),
                    uploaded_at=timezone.now(),
                )
            except planning_services.PopulationUploadError as error:
                form.add_error("file", error.message)
                problems = error.messages
            else:
                messages.success(request, "Population figures uploaded: projections use them now")
                return redirect("intelligence:population")
    else:
        form = planning_forms.PopulationUploadForm()
    return render(
        request,
        "intelligence/planning/population.html",
        {
            "form": form,
            "problems": problems,
            "versions": selectors.population_versions(actor=actor),
            "in_use": selectors.population_in_use(),
            "columns": population.COLUMNS,
        },
    )


@role_required(*PLANNERS)
def population_illustrative(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        population.ILLUSTRATIVE_FILE.read_bytes(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="population-illustrative.csv"'
    return response


def _characteristic(request: HttpRequest) -> str:
    asked = request.GET.get("by", "sex")
    return asked if asked in CHARACTERISTICS else "sex"


@role_required(*PLANNERS)
def programme_page(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    characteristic = _characteristic(request)
    figures = selectors.programme_for(
        actor=actor, until=timezone.localdate(), characteristic=characteristic
    )
    ids = {stream.name: stream.pk for stream in selectors.workstreams_visible_to(actor=actor)}
    streams = []
    for stream in (*figures.workstreams, figures.total):
        headings, rows = _group_rows(stream)
        streams.append(
            {
                "figures": stream,
                "pk": ids.get(stream.name) if stream is not figures.total else None,
                "into_work": stream.people_at(INTO_WORK),
                "retained": stream.people_at(RETAINED_12_MONTHS),
                "headings": headings,
                "rows": rows,
            }
        )
    return render(
        request,
        "intelligence/planning/programme.html",
        {
            "figures": figures,
            "streams": streams,
            "characteristic": characteristic,
            "characteristic_name": CHARACTERISTIC_NAMES[characteristic],
            "characteristics": CHARACTERISTIC_NAMES,
            "form": planning_forms.WorkstreamForm(),
        },
    )


def _group_rows(
    stream: programme.WorkstreamFigures,
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The equality table of a workstream as headings and rows (steps down, groups across)."""
    grid = stream.by_group.grid()
    headings = [str(label[0]) for label in grid.column_labels]
    rows = [
        (str(label[0]), [cell.display for cell in cells])
        for label, cells in zip(grid.row_labels, grid.cells, strict=True)
    ]
    return headings, rows


@role_required(*PLANNERS)
@require_POST
def workstream_create(request: HttpRequest) -> HttpResponse:
    form = planning_forms.WorkstreamForm(request.POST)
    if form.is_valid():
        try:
            workstream = planning_services.workstream_create(
                actor=actor_for_request(request),
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                created_at=timezone.now(),
            )
        except planning_services.PlanningError as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("intelligence:workstream-detail", workstream.pk)
    return render(request, "intelligence/planning/workstream_new.html", {"form": form})


def _workstream_page(request: HttpRequest, workstream: Workstream, **forms: object) -> HttpResponse:
    initiatives = workstream.initiatives.order_by("start_date", "name")
    context = {
        "workstream": workstream,
        "initiatives": initiatives,
        "budgets": workstream.budgets.order_by("year"),
        "spend": workstream.spend.select_related("initiative").order_by("-spent_date", "-pk")[:50],
        "budget_form": forms.get("budget_form") or planning_forms.BudgetForm(prefix="budget"),
        "spend_form": forms.get("spend_form")
        or planning_forms.SpendForm(prefix="spend", initiatives=initiatives),
        "initiative_form": forms.get("initiative_form")
        or planning_forms.InitiativeForm(prefix="initiative"),
    }
    status = 400 if forms else 200
    return render(request, "intelligence/planning/workstream.html", context, status=status)


def _workstream(request: HttpRequest, pk: int) -> Workstream:
    return get_object_or_404(
        selectors.workstreams_visible_to(actor=actor_for_request(request)), pk=pk
    )


@role_required(*PLANNERS)
def workstream_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _workstream_page(request, _workstream(request, pk))


@role_required(*PLANNERS)
@require_POST
def budget_set(request: HttpRequest, pk: int) -> HttpResponse:
    workstream = _workstream(request, pk)
    form = planning_forms.BudgetForm(request.POST, prefix="budget")
    if not form.is_valid():
        return _workstream_page(request, workstream, budget_form=form)
    planning_services.budget_set(
        actor=actor_for_request(request),
        workstream=workstream,
        year=form.cleaned_data["year"],
        amount=form.cleaned_data["amount"],
        set_at=timezone.now(),
    )
    messages.success(request, "Budget saved")
    return redirect("intelligence:workstream-detail", workstream.pk)


@role_required(*PLANNERS)
@require_POST
def spend_record(request: HttpRequest, pk: int) -> HttpResponse:
    workstream = _workstream(request, pk)
    form = planning_forms.SpendForm(
        request.POST, prefix="spend", initiatives=workstream.initiatives.order_by("name")
    )
    if form.is_valid():
        try:
            planning_services.spend_record(
                actor=actor_for_request(request),
                workstream=workstream,
                initiative=form.cleaned_data["initiative"],
                spent_date=form.cleaned_data["spent_date"],
                amount=form.cleaned_data["amount"],
                description=form.cleaned_data["description"],
                recorded_at=timezone.now(),
            )
        except planning_services.PlanningError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, "Spending recorded")
            return redirect("intelligence:workstream-detail", workstream.pk)
    return _workstream_page(request, workstream, spend_form=form)


@role_required(*PLANNERS)
@require_POST
def initiative_create(request: HttpRequest, pk: int) -> HttpResponse:
    workstream = _workstream(request, pk)
    form = planning_forms.InitiativeForm(request.POST, prefix="initiative")
    if form.is_valid():
        try:
            initiative = planning_services.initiative_create(
                actor=actor_for_request(request),
                workstream=workstream,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                start_date=form.cleaned_data["start_date"],
                campaign=form.cleaned_data["campaign"],
                created_at=timezone.now(),
            )
        except planning_services.PlanningError as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("intelligence:initiative-detail", initiative.pk)
    return _workstream_page(request, workstream, initiative_form=form)


def _initiative(request: HttpRequest, pk: int) -> Initiative:
    return get_object_or_404(
        selectors.initiatives_visible_to(actor=actor_for_request(request)), pk=pk
    )


def _initiative_page(
    request: HttpRequest,
    initiative: Initiative,
    *,
    problems: list[str] | None = None,
    **forms: object,
) -> HttpResponse:
    counts = selectors.initiative_step_counts(initiative=initiative)
    context = {
        "initiative": initiative,
        "step_counts": counts,
        "problems": problems or [],
        "columns": participants.COLUMNS,
        "step_form": forms.get("step_form") or planning_forms.ParticipantStepForm(prefix="step"),
        "import_form": forms.get("import_form") or planning_forms.ParticipantImportForm(),
    }
    return render(
        request, "intelligence/planning/initiative.html", context, status=400 if forms else 200
    )


@role_required(*PLANNERS)
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _initiative_page(request, _initiative(request, pk))


@role_required(*PLANNERS)
@require_POST
def participant_step_record(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    form = planning_forms.ParticipantStepForm(request.POST, prefix="step")
    if not form.is_valid():
        return _initiative_page(request, initiative, step_form=form)
    if form.cleaned_data["reached_date"] > timezone.localdate():
        form.add_error("reached_date", "Enter the date the step was reached, today or before")
        return _initiative_page(request, initiative, step_form=form)
    planning_services.participant_step_record(
        actor=actor_for_request(request),
        initiative=initiative,
        row=participants.ParticipantRow(**form.cleaned_data),
        recorded_at=timezone.now(),
    )
    messages.success(request, "Step recorded")
    return redirect("intelligence:initiative-detail", initiative.pk)


@role_required(*PLANNERS)
@require_POST
def participants_import(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    form = planning_forms.ParticipantImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _initiative_page(request, initiative, import_form=form)
    try:
        created, updated = planning_services.participants_import(
            actor=actor_for_request(request),
            initiative=initiative,
            content=form.cleaned_data["file"].read(),
            imported_at=timezone.now(),
        )
    except planning_services.ParticipantImportError as error:
        form.add_error("file", error.message)
        return _initiative_page(request, initiative, import_form=form, problems=error.messages)
    messages.success(request, f"{created} steps added and {updated} updated")
    return redirect("intelligence:initiative-detail", initiative.pk)


def _report_jobs(request: HttpRequest) -> QuerySet[Job]:
    return background_selectors.jobs_visible_to(actor=actor_for_request(request)).filter(
        kind=report_tasks.BOARD_REPORT_JOB
    )


@role_required(*PLANNERS)
def board_report(request: HttpRequest) -> HttpResponse:
    """Ask for a board report (it is made in the background) and find the ones made."""
    if request.method == "POST":
        job = background_services.job_enqueue(
            actor=actor_for_request(request),
            kind=report_tasks.BOARD_REPORT_JOB,
            title="Board report",
            parameters={},
            enqueued_at=timezone.now(),
        )
        return redirect("intelligence:board-report-detail", job.pk)
    jobs = _report_jobs(request).order_by("-created_at")[:20]
    return render(request, "intelligence/planning/board_report.html", {"jobs": jobs})


@role_required(*PLANNERS)
def board_report_detail(request: HttpRequest, pk: str) -> HttpResponse:
    job = get_object_or_404(_report_jobs(request), pk=pk)
    return render(request, "intelligence/planning/board_report_detail.html", {"job": job})


@role_required(*PLANNERS)
def board_report_pack(request: HttpRequest, pk: str) -> HttpResponse:
    job = get_object_or_404(_report_jobs(request), pk=pk)
    path = report_tasks.pack_path(job)
    if not job.result_file or not path.exists():
        raise Http404
    response = HttpResponse(path.read_bytes(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{report_tasks.pack_name(job)}"'
    return response
