"""Partner organisations, their sites and their people."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from oneworkforce.partners import selectors, services
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.audit import audit_read
from oneworkforce.partners.forms import InvitationForm, OrganisationForm, SiteForm
from oneworkforce.partners.models import Invitation, Membership, Organisation, Role
from oneworkforce.partners.views.decorators import role_required

ALL_STAFF = tuple(Role.values)


def _organisation_for(request: HttpRequest, pk: int) -> Organisation:
    """The organisation if the actor may see it; otherwise 404, so nothing hints it exists."""
    organisation = (
        selectors.organisations_visible_to(actor=actor_for_request(request)).filter(pk=pk).first()
    )
    if organisation is None:
        raise Http404
    return organisation


@role_required(Role.PARTNERSHIP_ADMIN)
def organisation_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    organisations = selectors.organisations_visible_to(actor=actor).order_by("name")
    kind = request.GET.get("kind", "")
    if kind:
        organisations = organisations.filter(kind=kind)
    return render(
        request,
        "partners/organisation_list.html",
        {
            "organisations": organisations,
            "kind": kind,
            "kinds": Organisation._meta.get_field("kind").choices,
        },
    )


@role_required(Role.PARTNERSHIP_ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                actor=actor_for_request(request), created_at=timezone.now(), **form.cleaned_data
            )
        except services.PartnersError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"{organisation.name} has been added.")
            return redirect("partners:organisation-detail", organisation.pk)
    return render(request, "partners/organisation_form.html", {"form": form, "organisation": None})


@role_required(Role.PARTNERSHIP_ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk)
    initial = {field: getattr(organisation, field) for field in OrganisationForm.base_fields}
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=actor_for_request(request),
                organisation=organisation,
                changes=form.cleaned_data,
                updated_at=timezone.now(),
            )
        except services.PartnersError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, "The changes have been saved.")
            return redirect("partners:organisation-detail", organisation.pk)
    return render(
        request, "partners/organisation_form.html", {"form": form, "organisation": organisation}
    )


@role_required(*ALL_STAFF)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    organisation = _organisation_for(request, pk)
    memberships = selectors.memberships_of_organisation(actor=actor, organisation=organisation)
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "sites": organisation.sites.order_by("name"),
            "memberships": memberships.order_by("user__full_name", "role"),
            "invitations": selectors.invitations_waiting(actor=actor, organisation=organisation),
            "agreements": selectors.agreements_visible_to(actor=actor)
            .filter(provider=organisation)
            .order_by("-start_date"),
            "can_manage": actor.is_partnership_admin,
        },
    )


@role_required(Role.PARTNERSHIP_ADMIN)
@require_http_methods(["GET", "POST"])
def site_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk)
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            site = services.site_create(
                actor=actor_for_request(request),
                organisation=organisation,
                created_at=timezone.now(),
                **form.cleaned_data,
            )
        except services.PartnersError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"{site.name} has been added.")
            return redirect("partners:organisation-detail", organisation.pk)
    return render(request, "partners/site_form.html", {"form": form, "organisation": organisation})


@role_required(Role.PARTNERSHIP_ADMIN)
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_send(
                actor=actor_for_request(request),
                organisation=organisation,
                invited_at=timezone.now(),
                link_for=lambda token: request.build_absolute_uri(
                    reverse("partners:accept-invitation", args=[token])
                ),
                **form.cleaned_data,
            )
        except services.PartnersError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"An invitation has been sent to {invitation.email}.")
            return redirect("partners:organisation-detail", organisation.pk)
    return render(
        request, "partners/invitation_form.html", {"form": form, "organisation": organisation}
    )


@role_required(Role.PARTNERSHIP_ADMIN)
@require_POST
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation, pk=pk, accepted_at__isnull=True, cancelled_at__isnull=True
    )
    services.invitation_cancel(
        actor=actor_for_request(request), invitation=invitation, cancelled_at=timezone.now()
    )
    messages.success(request, f"The invitation to {invitation.email} has been cancelled.")
    return redirect("partners:organisation-detail", invitation.organisation_id)


@role_required(Role.PARTNERSHIP_ADMIN)
@require_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("user", "organisation"), pk=pk)
    services.membership_end(
        actor=actor_for_request(request), membership=membership, ended_at=timezone.now()
    )
    messages.success(
        request,
        f"{membership.user.full_name} is no longer {membership.get_role_display().lower()} here.",
    )
    return redirect("partners:organisation-detail", membership.organisation_id)


@role_required(Role.PARTNERSHIP_ADMIN)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    user = get_object_or_404(selectors.users_visible_to(actor=actor), pk=pk)
    memberships = user.memberships.select_related("organisation").order_by("organisation__name")
    owner = memberships.first()
    audit_read(
        actor=actor,
        record=user,
        record_organisation_id=owner.organisation_id if owner else None,
        occurred_at=timezone.now(),
    )
    return render(
        request, "partners/user_detail.html", {"person": user, "memberships": memberships}
    )


@role_required(Role.PARTNERSHIP_ADMIN)
@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    user = get_object_or_404(selectors.users_visible_to(actor=actor), pk=pk)
    try:
        services.user_deactivate(actor=actor, user=user, deactivated_at=timezone.now())
    except services.PartnersError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"{user.full_name} can no longer sign in. Their sessions have ended."
        )
    return redirect("partners:user-detail", user.pk)


@role_required(Role.PARTNERSHIP_ADMIN)
@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    user = get_object_or_404(selectors.users_visible_to(actor=actor), pk=pk)
    services.user_reactivate(actor=actor, user=user, reactivated_at=timezone.now())
    messages.success(request, f"{user.full_name} can sign in again.")
    return redirect("partners:user-detail", user.pk)
