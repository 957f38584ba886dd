"""Pages of the pipeline.

Candidates (signed in with a code or link) apply, follow each application as a tracker of
dated steps and checks, withdraw, and rank paid placements: every string they read is
translated. Employers (and advisers, who support every partner) read a vacancy's
applications, suggest candidates within consent, and move an applicant from shortlist to
started and through retention. Advisers run and confirm the placement allocation.
"""

from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.views.decorators.http import require_http_methods, require_POST

from oneworkforce.core.errors import DomainError
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.audit import audit_read
from oneworkforce.partners.models import Role
from oneworkforce.partners.views.decorators import role_required
from oneworkforce.recruitment import selectors as recruitment_selectors
from oneworkforce.recruitment.candidate_session import candidate_required
from oneworkforce.recruitment.models import Candidate
from oneworkforce.recruitment.pipeline import allocation, selectors, services, statistics
from oneworkforce.recruitment.pipeline.forms import (
    ApplyForm,
    CheckForm,
    InterviewForm,
    LeftForm,
    OfferForm,
    PlacementForm,
    PlacementRankingForm,
    RejectForm,
    StartForm,
    SuggestForm,
    WithdrawForm,
)
from oneworkforce.recruitment.pipeline.models import AllocationRun, Outcome
from oneworkforce.recruitment.services import candidate_actor
from oneworkforce.recruitment.vacancies import selectors as vacancy_selectors
from oneworkforce.web.charts import bar_chart
from oneworkforce.web.csv_safety import safe_cell

MOVERS = (Role.EMPLOYER_USER, Role.RECRUITMENT_ADVISER)
PLACEMENT_OFFERERS = (Role.EMPLOYER_USER, Role.PARTNERSHIP_ADMIN)
READERS = tuple(Role.values)
ADVISERS = (Role.RECRUITMENT_ADVISER,)
# Aggregates only, with small numbers hidden: for the partnership's readers and its advisers.
STATISTICS_READERS = (
    Role.ANALYST,
    Role.BOARD_MEMBER,
    Role.PARTNERSHIP_ADMIN,
    Role.RECRUITMENT_ADVISER,
)

STEP_DONE = "Saved: {step}"
SUGGESTED = "{reference} has been suggested for this job and told about it"
NO_SUCH_CANDIDATE = "There is nobody you may see with the reference {reference}"
PLACEMENT_OFFERED = "Placement offered: candidates can now choose it"
ALLOCATION_CONFIRMED = "Places given: {placed} candidates have been told"


def _show_error(form: forms.Form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


# Candidate pages ---------------------------------------------------------------------------


@candidate_required
def my_applications(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    applications = list(selectors.applications_of(candidate=candidate))
    return render(
        request,
        "pipeline/candidate/applications.html",
        {
            "candidate": candidate,
            "applications": [
                (application, selectors.checks_done(application)) for application in applications
            ],
        },
    )


def _own_application(candidate: Candidate, pk: int) -> Any:
    return get_object_or_404(selectors.applications_of(candidate=candidate), pk=pk)


@candidate_required
@require_http_methods(["GET", "POST"])
def my_application(request: HttpRequest, candidate: Candidate, pk: int) -> HttpResponse:
    application = _own_application(candidate, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(
                actor=candidate_actor(candidate),
                application=application,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                withdrawn_at=timezone.now(),
            )
        except services.PipelineError as error:
            _show_error(form, error)
        else:
            messages.success(request, _t("You have withdrawn your application"))
            return redirect("pipeline:my-application", application.pk)
    return render(
        request,
        "pipeline/candidate/application.html",
        {
            "candidate": candidate,
            "application": application,
            "steps": selectors.stage_history(application),
            "checks": selectors.checks_of(application),
            "form": form,
            "may_withdraw": application.outcome == Outcome.ACTIVE
            and application.started_date is None,
        },
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, candidate: Candidate, vacancy_pk: int) -> HttpResponse:
    today = timezone.localdate()
    vacancy = get_object_or_404(vacancy_selectors.live_vacancies(on_date=today), pk=vacancy_pk)
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_apply(
                actor=candidate_actor(candidate),
                candidate=candidate,
                vacancy=vacancy,
                adjustments=form.cleaned_data["adjustments"],
                applied_at=timezone.now(),
            )
        except services.PipelineError as error:
            _show_error(form, error)
        else:
            messages.success(request, _t("Your application has been sent"))
            return redirect("pipeline:my-application", application.pk)
    return render(
        request,
        "pipeline/candidate/apply.html",
        {"candidate": candidate, "vacancy": vacancy, "form": form},
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def my_placements(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    placements = list(selectors.open_placements(on_date=timezone.localdate()))
    chosen = list(selectors.placement_choices_of(candidate=candidate))
    initial = {
        f"choice_{choice.rank}": str(choice.placement_id)
        for choice in chosen
        if choice.rank <= len(placements)
    }
    form = PlacementRankingForm(request.POST or None, placements=placements, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_choices_save(
                candidate=candidate, placements=form.ranked(), chosen_at=timezone.now()
            )
        except services.PipelineError as error:
            form.add_error("choice_1", error.message)
        else:
            messages.success(request, _t("Your choices have been saved"))
            return redirect("pipeline:my-placements")
    return render(
        request,
        "pipeline/candidate/placements.html",
        {
            "candidate": candidate,
            "placements": placements,
            "form": form,
            "given": selectors.placements_given_to(candidate=candidate),
        },
    )


# Staff pages -------------------------------------------------------------------------------


def _vacancy_or_404(request: HttpRequest, pk: int) -> Any:
    vacancy = selectors.vacancy_for_applications(actor=actor_for_request(request), pk=pk)
    if vacancy is None:
        raise Http404
    return vacancy


@role_required(*MOVERS)
@require_http_methods(["GET", "POST"])
def vacancy_applications(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    vacancy = _vacancy_or_404(request, pk)
    form = SuggestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"]
        candidate = (
            recruitment_selectors.candidates_visible_to(actor=actor)
            .filter(reference=reference)
            .first()
        )
        if candidate is None:
            form.add_error("reference", NO_SUCH_CANDIDATE.format(reference=reference))
        else:
            try:
                services.application_suggest(
                    actor=actor, candidate=candidate, vacancy=vacancy, suggested_at=timezone.now()
                )
            except DomainError as error:
                form.add_error("reference", error.message)
            else:
                messages.success(request, SUGGESTED.format(reference=reference))
                return redirect("pipeline:vacancy-applications", vacancy.pk)
    applications = list(selectors.applications_for_vacancy(actor=actor, vacancy=vacancy))
    return render(
        request,
        "pipeline/staff/vacancy_applications.html",
        {
            "vacancy": vacancy,
            "applications": applications,
            "offers": services.offers_made(vacancy),
            "form": form,
        },
    )


STEP_FORMS: dict[str, type[forms.Form]] = {
    "interview": InterviewForm,
    "offer": OfferForm,
    "start": StartForm,
    "left": LeftForm,
    "reject": RejectForm,
    "check": CheckForm,
}


def _do_step(
    step: str, form: forms.Form | None, application: Any, request: HttpRequest, kind: str
) -> str:
    """Run one step's service; the step's name as the page confirms it."""
    actor = actor_for_request(request)
    now = timezone.now()
    data = form.cleaned_data if form is not None else {}
    if step == "shortlist":
        services.application_shortlist(actor=actor, application=application, shortlisted_at=now)
        return "shortlisted"
    if step == "interview":
        assert isinstance(form, InterviewForm)
        services.interview_book(
            actor=actor,
            application=application,
            interview_at=form.interview_at(),
            place=data["place"],
            booked_at=now,
        )
        return "interview booked and the candidate invited"
    if step == "offer":
        services.offer_make(
            actor=actor, application=application, start_date=data["start_date"], offered_at=now
        )
        return "offer made and sent to the candidate"
    if step == "checks":
        services.checks_begin(actor=actor, application=application, begun_at=now)
        return "pre-employment checks opened"
    if step == "check":
        check = application.checks.filter(kind=kind).first()
        if check is None:
            raise Http404
        services.check_update(
            actor=actor,
            check=check,
            status=data["status"],
            next_actor=data["next_actor"],
            note=data["note"],
            updated_at=now,
        )
        return f"{check.get_kind_display()} check updated"
    if step == "start":
        services.application_start(
            actor=actor,
            application=application,
            started_date=data["started_date"],
            recorded_at=now,
        )
        return "started work"
    if step.startswith("retained_"):
        months = int(step.removeprefix("retained_"))
        services.retention_confirm(
            actor=actor, application=application, months=months, recorded_at=now
        )
        return f"still in post after {months} months"
    if step == "left":
        services.application_left(
            actor=actor,
            application=application,
            left_date=data["left_date"],
            reason=data["leaving_reason"],
            recorded_at=now,
        )
        return "leaver recorded"
    if step == "reject":
        services.application_reject(
            actor=actor,
            application=application,
            reason=data["rejection_reason"],
            note=data["rejection_note"],
            rejected_at=now,
        )
        return "application closed as not successful"
    raise Http404


STEPS = {"shortlist", "checks", "retained_3", "retained_6", "retained_12", *STEP_FORMS}


@role_required(*MOVERS)
@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    application = get_object_or_404(selectors.applications_visible_to(actor=actor), pk=pk)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in STEPS:
        raise Http404
    kind = request.POST.get("check_kind", "") if step == "check" else ""
    key = f"check_{kind}" if step == "check" else step
    bound: dict[str, forms.Form] = {}
    if step:
        form_class = STEP_FORMS.get(step)
        prefix = f"check-{kind}" if step == "check" else step
        form = form_class(request.POST, prefix=prefix) if form_class else None
        if form is None or form.is_valid():
            try:
                done = _do_step(step, form, application, request, kind)
            except DomainError as error:
                if form is None:
                    messages.error(request, error.message)
                    return redirect("pipeline:application-detail", application.pk)
                _show_error(form, error)
            else:
                messages.success(request, STEP_DONE.format(step=done))
                return redirect("pipeline:application-detail", application.pk)
        if form is not None:
            bound[key] = form
    application.refresh_from_db()
    if request.method == "GET":
        # An adviser is outside the employer's organisation: their read is logged.
        audit_read(
            actor=actor,
            record=application,
            record_organisation_id=application.vacancy.organisation_id,
            occurred_at=timezone.now(),
        )
    checks = selectors.checks_of(application)
    check_forms = [
        (
            check,
            bound.get(f"check_{check.kind}")
            or CheckForm(
                prefix=f"check-{check.kind}",
                initial={
                    "status": check.status,
                    "next_actor": check.next_actor,
                    "note": check.note,
                },
            ),
        )
        for check in checks
    ]
    milestone = services.next_milestone(application)
    return render(
        request,
        "pipeline/staff/application_detail.html",
        {
            "application": application,
            "candidate": application.candidate,
            "vacancy": application.vacancy,
            "steps": selectors.stage_history(application),
            "check_forms": check_forms,
            "interview_form": bound.get("interview") or InterviewForm(prefix="interview"),
            "offer_form": bound.get("offer") or OfferForm(prefix="offer"),
            "start_form": bound.get("start") or StartForm(prefix="start"),
            "left_form": bound.get("left") or LeftForm(prefix="left"),
            "reject_form": bound.get("reject") or RejectForm(prefix="reject"),
            "milestone": milestone,
            "milestone_due": services.add_months(application.started_date, milestone)
            if milestone and application.started_date
            else None,
            "error_form": next(iter(bound.values()), None),
            "today": timezone.localdate(),
        },
    )


@role_required(*MOVERS)
def retention(request: HttpRequest) -> HttpResponse:
    prompts = selectors.retention_prompts_for(actor=actor_for_request(request))
    return render(request, "pipeline/staff/retention.html", {"prompts": prompts})


@role_required(*READERS)
def placement_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    return render(
        request,
        "pipeline/staff/placement_list.html",
        {
            "placements": selectors.placements_for_staff(),
            "may_offer": actor.has_role(*PLACEMENT_OFFERERS)
            and selectors.sites_for_placements(actor=actor).exists(),
            "may_allocate": actor.has_role(*ADVISERS),
        },
    )


@role_required(*PLACEMENT_OFFERERS)
@require_http_methods(["GET", "POST"])
def placement_offer(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    form = PlacementForm(request.POST or None, sites=selectors.sites_for_placements(actor=actor))
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_offer(actor=actor, offered_at=timezone.now(), **form.cleaned_data)
        except services.PipelineError as error:
            _show_error(form, error)
        else:
            messages.success(request, PLACEMENT_OFFERED)
            return redirect("pipeline:placement-list")
    return render(request, "pipeline/staff/placement_form.html", {"form": form})


@role_required(*ADVISERS)
@require_http_methods(["GET", "POST"])
def allocation_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    if request.method == "POST":
        try:
            run = allocation.allocation_run(actor=actor, run_at=timezone.now())
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("pipeline:allocation-list")
        return redirect("pipeline:allocation-detail", run.pk)
    inputs = allocation.gather(today=timezone.localdate())
    return render(
        request,
        "pipeline/staff/allocation_list.html",
        {
            "runs": selectors.allocation_runs_for(actor=actor)[:20],
            "open_placements": len(inputs.placements),
            "candidates": len(inputs.candidate_ids),
            "places": int(inputs.instance.capacities.sum()),
        },
    )


def _run_or_404(request: HttpRequest, pk: int) -> AllocationRun:
    return get_object_or_404(selectors.allocation_runs_for(actor=actor_for_request(request)), pk=pk)


@role_required(*ADVISERS)
def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(request, pk)
    places = list(selectors.places_in_run(run))
    by_rank = [(index + 1, count) for index, count in enumerate(run.by_rank) if count]
    return render(
        request,
        "pipeline/staff/allocation_detail.html",
        {"run": run, "places": places, "by_rank": by_rank, "fairness": run.fairness},
    )


@role_required(*ADVISERS)
@require_POST
def allocation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(request, pk)
    try:
        allocation.allocation_confirm(
            actor=actor_for_request(request), run=run, confirmed_at=timezone.now()
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ALLOCATION_CONFIRMED.format(placed=run.placed))
    return redirect("pipeline:allocation-detail", run.pk)


def _breakdown(request: HttpRequest) -> str:
    by = request.GET.get("by", "employer")
    return by if by in statistics.BREAKDOWNS else "employer"


@role_required(*STATISTICS_READERS)
def pipeline_statistics(request: HttpRequest) -> HttpResponse:
    by = _breakdown(request)
    report = statistics.stage_report(by=by)
    chart = bar_chart(
        title="Applications reaching each stage, all groups",
        labels=report.columns,
        values=report.total_shown,
        display=report.total_display,
        unit="Applications",
    )
    into_work, into_work_note = statistics.into_work_rows()
    return render(
        request,
        "pipeline/staff/statistics.html",
        {
            "by": by,
            "breakdowns": statistics.BREAKDOWNS,
            "by_label": statistics.BREAKDOWNS[by],
            "report": report,
            "conversion_columns": [
                f"{before} to {after}"
                for before, after in zip(report.columns, report.columns[1:], strict=False)
            ],
            "chart": chart,
            "medians": statistics.median_days(),
            "retention": statistics.retention(today=timezone.localdate()),
            "equality": statistics.equality().groups,
            "into_work": into_work,
            "into_work_note": into_work_note,
        },
    )


@role_required(*STATISTICS_READERS)
def pipeline_statistics_csv(request: HttpRequest) -> HttpResponse:
    """The stage table as shown: hidden figures as the marker, every cell made safe."""
    by = _breakdown(request)
    report = statistics.stage_report(by=by)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pipeline-stages-by-{by}.csv"'
    writer = csv.writer(response)
    writer.writerow([statistics.BREAKDOWNS[by], *report.columns])
    for row in report.counts:
        writer.writerow([safe_cell(row.label), *(safe_cell(cell) for cell in row.cells)])
    writer.writerow([])
    writer.writerow([safe_cell(report.note)])
    return response
