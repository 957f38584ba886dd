"""API tokens: each acts for one organisation in one role."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from oneworkforce.partners import selectors, services
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.forms import ApiTokenForm
from oneworkforce.partners.models import Role
from oneworkforce.partners.views.decorators import role_required


@role_required(Role.PARTNERSHIP_ADMIN)
def token_list(request: HttpRequest) -> HttpResponse:
    tokens = selectors.api_tokens_visible_to(actor=actor_for_request(request))
    return render(request, "partners/token_list.html", {"tokens": tokens, "now": timezone.now()})


@role_required(Role.PARTNERSHIP_ADMIN)
@require_http_methods(["GET", "POST"])
def token_create(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    organisations = selectors.organisations_visible_to(actor=actor).order_by("name")
    form = ApiTokenForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        token, key = services.api_token_create(
            actor=actor, created_at=timezone.now(), **form.cleaned_data
        )
        # The key is shown on this response only; it is never stored.
        response = render(request, "partners/token_created.html", {"token": token, "key": key})
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "partners/token_form.html", {"form": form})


@role_required(Role.PARTNERSHIP_ADMIN)
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    token = get_object_or_404(selectors.api_tokens_visible_to(actor=actor), pk=pk)
    services.api_token_revoke(actor=actor, token=token, revoked_at=timezone.now())
    messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("partners:token-list")
