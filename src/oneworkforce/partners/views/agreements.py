"""Data-sharing agreements between partners."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from oneworkforce.partners import selectors, services
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.forms import AgreementEndForm, AgreementForm
from oneworkforce.partners.models import Role
from oneworkforce.partners.views.decorators import role_required


@role_required(Role.PARTNERSHIP_ADMIN)
def agreement_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    agreements = selectors.agreements_visible_to(actor=actor).order_by(
        "provider__name", "-start_date"
    )
    return render(
        request,
        "partners/agreement_list.html",
        {"agreements": agreements, "today": timezone.localdate()},
    )


@role_required(Role.PARTNERSHIP_ADMIN)
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    organisations = selectors.organisations_visible_to(actor=actor).order_by("name")
    form = AgreementForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_create(actor=actor, created_at=timezone.now(), **form.cleaned_data)
        except services.PartnersError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, "The agreement has been recorded.")
            return redirect("partners:agreement-list")
    return render(request, "partners/agreement_form.html", {"form": form})


@role_required(Role.PARTNERSHIP_ADMIN)
@require_http_methods(["GET", "POST"])
def agreement_end(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    agreement = get_object_or_404(selectors.agreements_visible_to(actor=actor), pk=pk)
    form = AgreementEndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_end(
                actor=actor,
                agreement=agreement,
                end_date=form.cleaned_data["end_date"],
                ended_at=timezone.now(),
            )
        except services.PartnersError as error:
            form.add_error(error.field or "end_date", error.message)
        else:
            messages.success(request, "The agreement's end date has been recorded.")
            return redirect("partners:agreement-list")
    return render(request, "partners/agreement_end.html", {"form": form, "agreement": agreement})
