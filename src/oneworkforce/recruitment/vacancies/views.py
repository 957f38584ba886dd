"""Staff pages: employers post and manage vacancies; the central team runs joint campaigns."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from oneworkforce.core.errors import DomainError
from oneworkforce.engines.disclosure import TOTAL, ProtectedTable
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.models import Role
from oneworkforce.partners.views.decorators import role_required
from oneworkforce.recruitment.vacancies import matching, selectors, services
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.forms import CampaignForm, StatusChange, VacancyForm
from oneworkforce.recruitment.vacancies.models import Vacancy, VacancyStatus

POSTERS = (Role.EMPLOYER_USER, Role.PARTNERSHIP_ADMIN)
READERS = tuple(Role.values)
SHORTLISTERS = (Role.EMPLOYER_USER, Role.RECRUITMENT_ADVISER)
SHORTLIST_LENGTH = 20
VACANCY_POSTED = "Vacancy posted: it is on the careers site until {closing_date:%d %B %Y}"
VACANCY_UPDATED = "Vacancy updated"
STATUS_CHANGED = "The vacancy is now {status}"
CAMPAIGN_STARTED = "Campaign created: employers can now add their vacancies to it"

STATUS_SERVICES = {
    VacancyStatus.CLOSED: services.vacancy_close,
    VacancyStatus.FILLED: services.vacancy_fill,
    VacancyStatus.WITHDRAWN: services.vacancy_withdraw,
}


def _show_error(form: Any, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


@role_required(*READERS)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    today = timezone.localdate()
    vacancies = selectors.vacancies_visible_to(actor=actor, on_date=today).order_by(
        "status", "closing_date", "pk"
    )
    page = Paginator(vacancies, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "vacancies/vacancy_list.html",
        {
            "page": page,
            "today": today,
            "may_post": actor.has_role(*POSTERS)
            and selectors.sites_for_posting(actor=actor).exists(),
        },
    )


def _vacancy_form(request: HttpRequest, **kwargs: Any) -> VacancyForm:
    actor = actor_for_request(request)
    return VacancyForm(
        request.POST or None,
        sites=selectors.sites_for_posting(actor=actor),
        campaigns=selectors.campaigns_for_vacancy_form(actor=actor, on_date=timezone.localdate()),
        **kwargs,
    )


def _form_context(form: VacancyForm, **extra: Any) -> dict[str, Any]:
    """The form, and the week's grid of shift boxes with what the form holds ticked."""
    chosen = set(form["shifts"].value() or [])
    labels = dict(form.fields["shifts"].choices)  # type: ignore[attr-defined]
    rows = [
        (
            day_label,
            [
                {
                    "slot": slot,
                    "checked": slot in chosen,
                    "index": week.SLOT_KEYS.index(slot),
                    "label": labels[slot],
                }
                for slot, _ in cells
            ],
        )
        for _, day_label, cells in week.grid(0)
    ]
    return {
        "form": form,
        "shift_rows": rows,
        "shift_names": [label for _, label in week.SHIFTS],
        **extra,
    }


@role_required(*POSTERS)
@require_http_methods(["GET", "POST"])
def vacancy_post(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    sites = selectors.sites_for_posting(actor=actor)
    initial = {"site": sites.first()} if sites.count() == 1 else {}
    form = _vacancy_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_post(
                actor=actor, details=form.details(), posted_at=timezone.now()
            )
        except services.VacancyError as error:
            _show_error(form, error)
        else:
            messages.success(request, VACANCY_POSTED.format(closing_date=vacancy.closing_date))
            return redirect("vacancies:detail", vacancy.pk)
    return render(request, "vacancies/vacancy_form.html", _form_context(form, vacancy=None))


def _visible(request: HttpRequest, pk: int) -> Vacancy:
    actor = actor_for_request(request)
    return get_object_or_404(
        selectors.vacancies_visible_to(actor=actor, on_date=timezone.localdate()), pk=pk
    )


def _managed(request: HttpRequest, pk: int) -> Vacancy:
    return get_object_or_404(
        selectors.vacancies_managed_by(actor=actor_for_request(request)), pk=pk
    )


@role_required(*READERS)
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    vacancy = _visible(request, pk)
    return render(
        request,
        "vacancies/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "week": week.grid(vacancy.shifts),
            "shift_names": [label for _, label in week.SHIFTS],
            "may_change": selectors.may_change(actor=actor, vacancy=vacancy),
            "is_live": vacancy.is_live_on(timezone.localdate()),
            "today": timezone.localdate(),
            "may_shortlist": actor.has_role(*SHORTLISTERS)
            and selectors.vacancy_for_shortlist(
                actor=actor, pk=vacancy.pk, on_date=timezone.localdate()
            )
            is not None,
            # The pipeline's rule for reading a vacancy's applications: an adviser, or a user
            # of the employer that posted it (vacancies cannot import the pipeline above it).
            "may_see_applications": actor.has_role(Role.RECRUITMENT_ADVISER)
            or vacancy.organisation_id in actor.organisation_ids(Role.EMPLOYER_USER),
        },
    )


@role_required(*POSTERS)
@require_http_methods(["GET", "POST"])
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed(request, pk)
    if vacancy.status != VacancyStatus.OPEN:
        raise Http404
    form = _vacancy_form(request, initial=VacancyForm.initial_for(vacancy))
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(
                actor=actor_for_request(request),
                vacancy=vacancy,
                details=form.details(),
                updated_at=timezone.now(),
            )
        except services.VacancyError as error:
            _show_error(form, error)
        else:
            messages.success(request, VACANCY_UPDATED)
            return redirect("vacancies:detail", vacancy.pk)
    return render(request, "vacancies/vacancy_form.html", _form_context(form, vacancy=vacancy))


@role_required(*POSTERS)
@require_http_methods(["GET", "POST"])
def vacancy_status(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed(request, pk)
    form = StatusChange(request.POST or None)
    if request.method == "POST" and form.is_valid():
        status = VacancyStatus(form.cleaned_data["status"])
        try:
            STATUS_SERVICES[status](
                actor=actor_for_request(request),
                vacancy=vacancy,
                on_date=form.cleaned_data["on_date"],
                recorded_at=timezone.now(),
            )
        except services.VacancyError as error:
            _show_error(form, error)
        else:
            messages.success(request, STATUS_CHANGED.format(status=status.label.lower()))
            return redirect("vacancies:detail", vacancy.pk)
    return render(request, "vacancies/vacancy_status.html", {"form": form, "vacancy": vacancy})


@role_required(*READERS)
def campaign_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    return render(
        request,
        "vacancies/campaign_list.html",
        {
            "campaigns": selectors.campaigns_for_staff(),
            "may_run": selectors.may_run_campaigns(actor=actor),
            "today": timezone.localdate(),
        },
    )


@role_required(*services.CAMPAIGN_RUNNERS)
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None, employers=selectors.employers_for_campaigns())
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                actor=actor_for_request(request),
                created_at=timezone.now(),
                **form.cleaned_data,
            )
        except services.CampaignError as error:
            _show_error(form, error)
        else:
            messages.success(request, CAMPAIGN_STARTED)
            return redirect("vacancies:campaign-detail", campaign.slug)
    return render(request, "vacancies/campaign_form.html", {"form": form})


def _label(key: tuple[Any, ...]) -> str:
    return "Total" if key[0] is TOTAL else str(key[0])


def _plain_table(table: ProtectedTable) -> dict[str, Any]:
    """Column headings and rows of displayed figures (a hidden one shows as [c])."""
    grid = table.grid()
    return {
        "columns": [_label(key) for key in grid.column_labels],
        "rows": [
            (_label(key), [cell.display for cell in row])
            for key, row in zip(grid.row_labels, grid.cells, strict=True)
        ],
    }


@role_required(*READERS)
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(selectors.campaigns_for_staff(), slug=slug)
    table = selectors.campaign_statistics(campaign=campaign)
    return render(
        request,
        "vacancies/campaign_detail.html",
        {
            "campaign": campaign,
            "employers": campaign.employers.order_by("name"),
            "vacancies": campaign.vacancies.select_related("organisation", "site").order_by(
                "status", "closing_date"
            ),
            "statistics": _plain_table(table),
            "note": table.note,
        },
    )


@role_required(*SHORTLISTERS)
def vacancy_shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    """The best candidates for an open vacancy, only from those whose consent covers its
    employer (everyone, for a recruitment adviser), each with the reasons they match."""
    actor = actor_for_request(request)
    today = timezone.localdate()
    vacancy = selectors.vacancy_for_shortlist(actor=actor, pk=pk, on_date=today)
    if vacancy is None:
        raise Http404
    pool = selectors.shortlist_pool(actor=actor, vacancy=vacancy)
    matches = matching.shortlist_for(vacancy, pool, on_date=today, k=SHORTLIST_LENGTH)
    return render(
        request,
        "vacancies/vacancy_shortlist.html",
        {"vacancy": vacancy, "matches": matches, "length": SHORTLIST_LENGTH},
    )
