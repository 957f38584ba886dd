"""A job's progress page (it refreshes itself; htmx swaps in just the panel) and its result."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from oneworkforce.background import selectors
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.models import Role
from oneworkforce.partners.views.decorators import role_required


@role_required(*Role.values)
def job_detail(request: HttpRequest, pk: str) -> HttpResponse:
    job = get_object_or_404(selectors.jobs_visible_to(actor=actor_for_request(request)), pk=pk)
    template = "background/job_panel.html" if request.htmx else "background/job_detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})


@role_required(*Role.values)
def job_result(request: HttpRequest, pk: str) -> FileResponse:
    job = get_object_or_404(selectors.jobs_visible_to(actor=actor_for_request(request)), pk=pk)
    if not job.result_file:
        raise Http404
    path = Path(settings.MEDIA_ROOT) / job.result_file
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.result_name)
