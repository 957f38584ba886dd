"""The candidate's own pages: register, sign in, profile, consent, equality monitoring, and
their rights (download everything held, ask for erasure). Public, plain English, no script."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.views.decorators.http import require_http_methods, require_POST

from oneworkforce.partners.access import ANONYMOUS
from oneworkforce.recruitment import selectors, services
from oneworkforce.recruitment.candidate_session import (
    candidate_required,
    candidate_sign_in,
    candidate_sign_out,
    set_language_cookie,
    signed_in_candidate,
)
from oneworkforce.recruitment.forms import (
    CandidateForm,
    CodeSignInForm,
    ConsentForm,
    EqualityForm,
    LinkRequestForm,
)
from oneworkforce.recruitment.models import Candidate, CodeChannel, EqualityMonitoring

NEW_CODE_SESSION_KEY = "recruitment_new_code"


def join(request: HttpRequest) -> HttpResponse:
    return render(request, "recruitment/join.html", {"candidate": signed_in_candidate(request)})


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = CandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        try:
            candidate = services.candidate_register(
                actor=ANONYMOUS, details=form.details(), registered_at=now
            )
        except services.RecruitmentError as error:
            form.add_error(error.field, error.message)
        else:
            candidate_sign_in(request, candidate)
            if not candidate.email:
                # Someone with no e-mail address needs a code to come back with.
                request.session[NEW_CODE_SESSION_KEY] = services.sign_in_code_issue(
                    actor=services.candidate_actor(candidate),
                    candidate=candidate,
                    channel=CodeChannel.PRINTED,
                    issued_at=now,
                )
            return set_language_cookie(redirect("recruitment:registered"), candidate)
    return render(request, "recruitment/register.html", {"form": form})


@candidate_required
def registered(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    code = request.session.pop(NEW_CODE_SESSION_KEY, None)
    return render(request, "recruitment/registered.html", {"candidate": candidate, "code": code})


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = CodeSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.sign_in_code_redeem(
                reference=form.cleaned_data["reference"],
                code=form.cleaned_data["code"],
                at=timezone.now(),
            )
        except services.RecruitmentError as error:
            form.add_error(error.field, error.message)
        else:
            candidate_sign_in(request, candidate)
            return set_language_cookie(redirect("recruitment:profile"), candidate)
    return render(request, "recruitment/sign_in.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sign_in_email(request: HttpRequest) -> HttpResponse:
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sign_in_link_send(
            email=form.cleaned_data["email"],
            sent_at=timezone.now(),
            link_for=lambda token: request.build_absolute_uri(
                reverse("recruitment:sign-in-link", args=[token])
            ),
        )
        return render(
            request, "recruitment/sign_in_email_sent.html", {"email": form.cleaned_data["email"]}
        )
    return render(request, "recruitment/sign_in_email.html", {"form": form})


def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    # The link only signs in when its button is pressed: mail scanners that open links must
    # not spend it.
    if request.method == "POST":
        try:
            candidate = services.sign_in_link_redeem(token=token, at=timezone.now())
        except services.RecruitmentError as error:
            return render(request, "recruitment/sign_in_link.html", {"error": error.message})
        candidate_sign_in(request, candidate)
        return set_language_cookie(redirect("recruitment:profile"), candidate)
    return render(request, "recruitment/sign_in_link.html", {})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    candidate_sign_out(request)
    return redirect("recruitment:join")


@candidate_required
def profile(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    return render(
        request,
        "recruitment/profile.html",
        {
            "candidate": candidate,
            "consent": selectors.current_consent(candidate),
            "erasure_request": selectors.open_erasure_request(candidate),
            "today": timezone.localdate(),
        },
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    form = CandidateForm(request.POST or None, initial=CandidateForm.initial_for(candidate))
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_update(
                actor=services.candidate_actor(candidate),
                candidate=candidate,
                details=form.details(),
                updated_at=timezone.now(),
            )
        except services.RecruitmentError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _t("Your profile has been saved."))
            return set_language_cookie(redirect("recruitment:profile"), candidate)
    return render(request, "recruitment/profile_edit.html", {"form": form})


@candidate_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    current = selectors.current_consent(candidate)
    initial = {}
    if current is not None:
        initial = {
            "sharing": current.sharing,
            "organisations": list(current.organisations.all()),
            "contact_about_training": current.contact_about_training,
            "anonymised_statistics": current.anonymised_statistics,
        }
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                actor=services.candidate_actor(candidate),
                candidate=candidate,
                sharing=form.cleaned_data["sharing"],
                organisation_ids=[org.pk for org in form.cleaned_data["organisations"]],
                contact_about_training=form.cleaned_data["contact_about_training"],
                anonymised_statistics=form.cleaned_data["anonymised_statistics"],
                given_at=timezone.now(),
            )
        except services.RecruitmentError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _t("Your choices have been saved."))
            return redirect("recruitment:profile")
    return render(
        request,
        "recruitment/consent.html",
        {"form": form, "consent": current, "history": selectors.consent_history(candidate)},
    )


@candidate_required
@require_POST
def consent_withdraw(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    services.consent_withdraw(
        actor=services.candidate_actor(candidate), candidate=candidate, withdrawn_at=timezone.now()
    )
    messages.success(
        request, _t("You have withdrawn your consent. No employer can see your profile now.")
    )
    return redirect("recruitment:profile")


@candidate_required
@require_http_methods(["GET", "POST"])
def equality(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    held = (
        EqualityMonitoring.objects.filter(candidate=candidate)
        .values(*EqualityForm.base_fields)
        .first()
    )
    form = EqualityForm(request.POST or None, initial=held or {})
    if request.method == "POST" and form.is_valid():
        services.equality_monitoring_save(
            candidate=candidate, answers=form.cleaned_data, saved_at=timezone.now()
        )
        messages.success(request, _t("Thank you. Your answers have been saved."))
        return redirect("recruitment:profile")
    return render(request, "recruitment/equality.html", {"form": form})


@candidate_required
def my_data(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    return render(
        request,
        "recruitment/my_data.html",
        {"candidate": candidate, "sections": selectors.data_held_about(candidate)},
    )


@candidate_required
def my_data_download(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    response = HttpResponse(
        selectors.data_held_as_json(candidate), content_type="application/json; charset=utf-8"
    )
    name = f"my-data-{candidate.reference}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@candidate_required
@require_http_methods(["GET", "POST"])
def erasure_request(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    error = None
    if request.method == "POST":
        try:
            services.erasure_request(
                actor=services.candidate_actor(candidate),
                candidate=candidate,
                requested_at=timezone.now(),
            )
        except services.RecruitmentError as refused:
            error = refused.message
        else:
            messages.success(
                request,
                _t(
                    "We have your request. An adviser will delete your data and tell you "
                    "when it is done."
                ),
            )
            return redirect("recruitment:profile")
    return render(request, "recruitment/erasure_request.html", {"error": error})
