"""Signing in and out, choosing a password from an invitation, and the second factor."""

from __future__ import annotations

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from oneworkforce.partners import services
from oneworkforce.partners.forms import AcceptInvitationForm, SignInForm, TotpForm

CODE_NOT_ACCEPTED = "That code was not accepted. Enter the code your app shows now."


class SignInView(LoginView):
    template_name = "partners/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token=token, on=timezone.now())
    except services.PartnersError as error:
        return render(
            request, "partners/invitation_invalid.html", {"message": error.message}, status=404
        )
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token, password=form.cleaned_data["password"], accepted_at=timezone.now()
            )
        except services.PartnersError as error:
            form.add_error(error.field, error.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to {invitation.organisation.name}.")
            return redirect("web:home")
    return render(
        request, "partners/accept_invitation.html", {"form": form, "invitation": invitation}
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("web:home")


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Register an authenticator app: show its key as a QR code, confirm with one code."""
    if not request.user.is_authenticated:
        return redirect("partners:sign-in")
    if user_has_device(request.user, confirmed=True):
        return redirect("partners:two-factor-verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "Your authenticator app is set up.")
            return redirect(_next_url(request))
        form.add_error("token", CODE_NOT_ACCEPTED)
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    qr_data_uri = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "partners/two_factor_setup.html",
        {"form": form, "qr_data_uri": qr_data_uri, "key": key, "next": _next_url(request)},
    )


@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("partners:sign-in")
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect("partners:two-factor-setup")
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", CODE_NOT_ACCEPTED)
    return render(
        request, "partners/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )
