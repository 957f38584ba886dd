"""The public pages, the signed-in home page and the error pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader

from oneworkforce.partners import selectors as partners_selectors
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.models import Role
from oneworkforce.partners.views.decorators import role_required
from oneworkforce.reference import postcodes


def start(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    return render(request, "web/start.html")


@role_required(*Role.values)
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    organisations = partners_selectors.organisations_visible_to(actor=actor).order_by("name")
    return render(
        request,
        "web/home.html",
        {
            "roles": sorted({Role(role).label for role in actor.roles}),
            "my_organisations": organisations.filter(pk__in=actor.organisation_ids()),
            "partner_count": organisations.count() if actor.is_partnership_admin else None,
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/privacy.html", {"session_minutes": settings.SESSION_COOKIE_AGE // 60}
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html", {"postcode_attribution": postcodes.ATTRIBUTION})


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever failed may be among them.
    return HttpResponse(loader.get_template("web/500.html").render(), status=500)
