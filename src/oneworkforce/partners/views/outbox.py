"""Every message the product sent, for an administrator to check what went to whom."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from oneworkforce.partners import selectors
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.models import Role
from oneworkforce.partners.views.decorators import role_required


@role_required(Role.PARTNERSHIP_ADMIN)
def outbox(request: HttpRequest) -> HttpResponse:
    messages = selectors.outbox_visible_to(actor=actor_for_request(request))
    page = Paginator(messages, 50).get_page(request.GET.get("page"))
    return render(request, "partners/outbox.html", {"page": page})


@role_required(Role.PARTNERSHIP_ADMIN)
def outbox_message(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(
        selectors.outbox_visible_to(actor=actor_for_request(request)), pk=pk
    )
    return render(request, "partners/outbox_message.html", {"message": message})
