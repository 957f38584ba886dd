"""Holds users of roles that need a second factor at the set-up or code page until they pass."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device

from oneworkforce.partners.access import actor_for_request

# Pages a user must still reach before passing the second factor.
_OPEN_PATH_NAMES = ("partners:two-factor-setup", "partners:two-factor-verify", "partners:sign-out")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[union-attr]
            and settings.TWO_FACTOR_ROLES
            and not request.path.startswith(settings.STATIC_URL)
            and request.path not in {reverse(name) for name in _OPEN_PATH_NAMES}
            and actor_for_request(request).has_role(*settings.TWO_FACTOR_ROLES)
        ):
            target = (
                "partners:two-factor-verify"
                if user_has_device(user, confirmed=True)
                else "partners:two-factor-setup"
            )
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(target)}?{query}")
        return self.get_response(request)
