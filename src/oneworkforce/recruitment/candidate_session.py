"""How a candidate signs in: a one-time code or link puts their record's id in the session.

Candidates are not ``partners.User``s (see docs/decisions/): many have no e-mail address,
which a user account needs, and none needs a password. A candidate session and a staff session
never mix: signing in as a candidate signs any staff user out, and a staff user who signs in
on the same browser is no longer treated as the candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from oneworkforce.recruitment.models import Candidate

SESSION_KEY = "recruitment_candidate_id"

View = Callable[..., HttpResponse]


def candidate_sign_in(request: HttpRequest, candidate: Candidate) -> None:
    if request.user.is_authenticated:
        logout(request)
    request.session.cycle_key()
    request.session[SESSION_KEY] = candidate.pk


def candidate_sign_out(request: HttpRequest) -> None:
    request.session.flush()


def signed_in_candidate(request: HttpRequest) -> Candidate | None:
    """The candidate signed in on this request, kept on the request once looked up."""
    if request.user.is_authenticated:
        return None
    if not hasattr(request, "_ow_candidate"):
        pk = request.session.get(SESSION_KEY)
        request._ow_candidate = (  # type: ignore[attr-defined]
            Candidate.objects.filter(pk=pk).first() if pk is not None else None
        )
    found: Candidate | None = request._ow_candidate  # type: ignore[attr-defined]
    return found


def set_language_cookie(response: HttpResponse, candidate: Candidate) -> HttpResponse:
    """Pages follow the candidate's stored language once they sign in."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        candidate.language,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def candidate_required(view: View) -> View:
    """Visitors who are not signed in as a candidate go to the candidate sign-in page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        candidate = signed_in_candidate(request)
        if candidate is None:
            return redirect_to_login(request.get_full_path(), reverse("recruitment:sign-in"))
        return view(request, candidate, *args, **kwargs)

    wrapped.candidate_only = True  # type: ignore[attr-defined]
    return wrapped
