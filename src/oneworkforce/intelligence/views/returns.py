"""Uploading workforce returns, reading their reports, and the formats' documentation."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from oneworkforce.intelligence import selectors, services
from oneworkforce.intelligence.forms import ReturnUploadForm
from oneworkforce.intelligence.loading import stored_tables
from oneworkforce.intelligence.models import ReturnFormat, ReturnStatus, WorkforceReturn
from oneworkforce.intelligence.returns.documentation import all_documentation, documentation
from oneworkforce.intelligence.returns.export import (
    export_staff,
    export_training,
    export_workplaces,
)
from oneworkforce.intelligence.returns.formats import FORMATS
from oneworkforce.intelligence.returns.templates import template_csv, template_filename
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.models import Role
from oneworkforce.partners.views.decorators import role_required
from oneworkforce.web.csv_safety import safe_cell

UPLOADERS = (Role.EMPLOYER_USER, Role.PARTNERSHIP_ADMIN)


@role_required(*UPLOADERS)
def return_list(request: HttpRequest) -> HttpResponse:
    returns = selectors.returns_visible_to(actor=actor_for_request(request)).order_by(
        "-received_at"
    )
    page = Paginator(returns, 30).get_page(request.GET.get("page"))
    return render(request, "intelligence/return_list.html", {"page": page})


@role_required(*UPLOADERS)
@require_http_methods(["GET", "POST"])
def return_upload(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    organisations = selectors.organisations_uploading_for(actor=actor)
    initial = {"organisation": organisations.first()} if organisations.count() == 1 else {}
    form = ReturnUploadForm(
        request.POST or None, request.FILES or None, organisations=organisations, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            workforce_return, changed = services.return_upload(
                actor=actor,
                organisation=form.cleaned_data["organisation"],
                file_format=form.cleaned_data["file_format"],
                reporting_date=form.cleaned_data["reporting_date"],
                file_name=upload.name,
                content=upload.read(),
                uploaded_at=timezone.now(),
            )
        except services.ReturnError as error:
            form.add_error(error.field, error.message)
        else:
            if not changed:
                messages.info(
                    request,
                    services.UPLOAD_UNCHANGED.format(
                        format=workforce_return.get_format_display(),
                        reporting_date=workforce_return.reporting_date,
                        accepted_at=workforce_return.accepted_at,
                    ),
                )
            return redirect("intelligence:return-detail", workforce_return.pk)
    return render(request, "intelligence/return_upload.html", {"form": form})


def _return_for(request: HttpRequest, pk: str) -> WorkforceReturn:
    return get_object_or_404(selectors.returns_visible_to(actor=actor_for_request(request)), pk=pk)


@role_required(*UPLOADERS)
def return_detail(request: HttpRequest, pk: str) -> HttpResponse:
    actor = actor_for_request(request)
    workforce_return = _return_for(request, pk)
    issues = selectors.issues_of(actor=actor, workforce_return=workforce_return)
    page = Paginator(issues, 100).get_page(request.GET.get("page"))
    template = (
        "intelligence/return_status.html" if request.htmx else "intelligence/return_detail.html"
    )  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "workforce_return": workforce_return,
            "page": page,
            "may_see_records": selectors.may_see_records(
                actor=actor, workforce_return=workforce_return
            ),
        },
    )


@role_required(Role.EMPLOYER_USER)
def return_issues_csv(request: HttpRequest, pk: str) -> HttpResponse:
    actor = actor_for_request(request)
    workforce_return = _return_for(request, pk)
    if not selectors.may_see_records(actor=actor, workforce_return=workforce_return):
        raise Http404
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["line", "column", "value", "severity", "message"])
    for issue in selectors.issues_of(actor=actor, workforce_return=workforce_return).iterator():
        writer.writerow(
            [
                safe_cell(value)
                for value in (
                    issue.line or "",
                    issue.column,
                    issue.value,
                    "error" if issue.is_error else "warning",
                    issue.message,
                )
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="report-{workforce_return.file_name}.csv"'
    )
    return response


@role_required(Role.EMPLOYER_USER)
def return_records(request: HttpRequest, pk: str) -> HttpResponse:
    actor = actor_for_request(request)
    workforce_return = _return_for(request, pk)
    if not selectors.may_see_records(actor=actor, workforce_return=workforce_return):
        raise Http404
    posts = selectors.posts_of(actor=actor, workforce_return=workforce_return).order_by("key")
    page = Paginator(posts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "intelligence/return_records.html",
        {"workforce_return": workforce_return, "page": page},
    )


@role_required(Role.EMPLOYER_USER)
def return_export(request: HttpRequest, pk: str) -> HttpResponse:
    """The accepted return as an ASC-WDS bulk-upload file, so nobody types it twice."""
    actor = actor_for_request(request)
    workforce_return = _return_for(request, pk)
    if not selectors.may_see_records(actor=actor, workforce_return=workforce_return):
        raise Http404
    if workforce_return.status not in (ReturnStatus.ACCEPTED, ReturnStatus.SUPERSEDED):
        raise Http404
    tables = stored_tables(workforce_return)
    if workforce_return.format == ReturnFormat.ASCWDS_WORKPLACE:
        content = export_workplaces(
            workplaces=tables.workplaces, workplace_roles=tables.workplace_roles
        )
    elif workforce_return.format == ReturnFormat.ASCWDS_STAFF:
        content = export_staff(
            people=tables.people, posts=tables.posts, qualifications=tables.qualifications
        )
    elif workforce_return.format == ReturnFormat.ASCWDS_TRAINING:
        content = export_training(training=tables.training)
    else:
        raise Http404
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    name = f"{workforce_return.format}-{workforce_return.reporting_date:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def format_list(request: HttpRequest) -> HttpResponse:
    return render(request, "intelligence/format_list.html", {"formats": all_documentation()})


def format_detail(request: HttpRequest, key: str) -> HttpResponse:
    file_format = FORMATS.get(key)
    if file_format is None:
        raise Http404
    return render(request, "intelligence/format_detail.html", {"doc": documentation(file_format)})


def format_template(request: HttpRequest, key: str) -> HttpResponse:
    file_format = FORMATS.get(key)
    if file_format is None:
        raise Http404
    response = HttpResponse(template_csv(file_format), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{template_filename(file_format)}"'
    return response
