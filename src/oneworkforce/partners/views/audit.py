"""The audit log: search it, and export what the search found."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from oneworkforce.background import services as background_services
from oneworkforce.partners import selectors
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.forms import AuditSearchForm
from oneworkforce.partners.models import Role
from oneworkforce.partners.tasks import AUDIT_EXPORT_JOB
from oneworkforce.partners.views.decorators import role_required


def _search(request: HttpRequest) -> tuple[AuditSearchForm, object]:
    form = AuditSearchForm(request.GET or None)
    actor = actor_for_request(request)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_events_visible_to(
        actor=actor,
        record_type=filters.get("record_type", ""),
        record_id=filters.get("record_id", ""),
        action=filters.get("action", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    return form, events


@role_required(Role.PARTNERSHIP_ADMIN)
def audit_log(request: HttpRequest) -> HttpResponse:
    form, events = _search(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "partners/audit_log.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@role_required(Role.PARTNERSHIP_ADMIN)
@require_POST
def audit_export(request: HttpRequest) -> HttpResponse:
    """Exports run in the background: a busy log can hold millions of events."""
    form = AuditSearchForm(request.POST)
    if not form.is_valid():
        return render(request, "partners/audit_log.html", {"form": form, "page": None, "query": ""})
    filters = {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in form.cleaned_data.items()
    }
    job = background_services.job_enqueue(
        actor=actor_for_request(request),
        kind=AUDIT_EXPORT_JOB,
        title="Audit log export",
        parameters=filters,
        enqueued_at=timezone.now(),
    )
    return redirect("background:job-detail", job.pk)
