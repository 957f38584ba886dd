"""Staff pages of the candidate register. Recruitment advisers register and support people;
employer users see only the candidates whose current consent names their organisation."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from oneworkforce.partners.access import Actor, actor_for_request
from oneworkforce.partners.audit import audit_read
from oneworkforce.partners.models import Role
from oneworkforce.partners.views.decorators import role_required
from oneworkforce.recruitment import selectors, services
from oneworkforce.recruitment.forms import (
    AdviserCandidateForm,
    CandidateSearchForm,
    ConsentForm,
    IssueCodeForm,
)
from oneworkforce.recruitment.models import Candidate, CodeChannel

ADVISER = Role.RECRUITMENT_ADVISER
SEES_CANDIDATES = (Role.RECRUITMENT_ADVISER, Role.EMPLOYER_USER)


def _candidate_for(actor: Actor, pk: int) -> Candidate:
    """The candidate if the actor may see them now; otherwise 404, so nothing hints they exist."""
    candidate = selectors.candidates_visible_to(actor=actor).filter(pk=pk).first()
    if candidate is None:
        raise Http404
    return candidate


@role_required(*SEES_CANDIDATES)
def candidate_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    search = CandidateSearchForm(request.GET or None)
    candidates = selectors.candidates_visible_to(actor=actor).order_by("full_name", "pk")
    if search.is_valid() and search.cleaned_data["q"]:
        q = search.cleaned_data["q"].strip()
        candidates = candidates.filter(
            Q(full_name__icontains=q)
            | Q(reference__iexact=q)
            | Q(email__iexact=q)
            | Q(postcode__iexact=q.upper())
        )
    page = Paginator(candidates, 50).get_page(request.GET.get("page"))
    query = (
        f"q={search.cleaned_data['q']}" if search.is_valid() and search.cleaned_data["q"] else ""
    )
    return render(
        request,
        "recruitment/staff/candidate_list.html",
        {
            "page": page,
            "search": search,
            "query": query,
            "is_adviser": actor.has_role(ADVISER),
            "open_duplicates": selectors.open_duplicates(actor=actor).count(),
            "open_erasures": selectors.open_erasure_requests(actor=actor).count(),
        },
    )


@role_required(ADVISER)
@require_http_methods(["GET", "POST"])
def candidate_register(request: HttpRequest) -> HttpResponse:
    form = AdviserCandidateForm(request.POST or None)
    matches: list[Candidate] = []
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_register(
                actor=actor_for_request(request),
                details=form.details(),
                registered_at=timezone.now(),
                keep_apart_from=form.cleaned_data["keep_apart_from"],
            )
        except services.LikelyDuplicateFound as found:
            matches = found.matches
        except services.RecruitmentError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, f"{candidate.full_name} is registered as {candidate.reference}."
            )
            return redirect("recruitment:candidate-consent", candidate.pk)
    return render(
        request,
        "recruitment/staff/candidate_register.html",
        {"form": form, "matches": matches, "duplicate_message": services.LIKELY_DUPLICATE},
    )


@role_required(*SEES_CANDIDATES)
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    candidate = _candidate_for(actor, pk)
    now = timezone.now()
    audit_read(actor=actor, record=candidate, record_organisation_id=None, occurred_at=now)
    is_adviser = actor.has_role(ADVISER)
    today = timezone.localdate()
    return render(
        request,
        "recruitment/staff/candidate_detail.html",
        {
            "candidate": candidate,
            "is_adviser": is_adviser,
            "consent": selectors.current_consent(candidate) if is_adviser else None,
            "erasure_request": selectors.open_erasure_request(candidate) if is_adviser else None,
            "age_band": candidate.age_band_on(today).label,
            "is_mature": candidate.is_mature_on(today),
        },
    )


@role_required(ADVISER)
@require_http_methods(["GET", "POST"])
def candidate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    candidate = _candidate_for(actor, pk)
    initial = AdviserCandidateForm.initial_for(candidate)
    initial["interpreter_needed"] = candidate.interpreter_needed
    form = AdviserCandidateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_update(
                actor=actor, candidate=candidate, details=form.details(), updated_at=timezone.now()
            )
        except services.RecruitmentError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, "The profile has been saved.")
            return redirect("recruitment:candidate-detail", candidate.pk)
    return render(
        request, "recruitment/staff/candidate_edit.html", {"form": form, "candidate": candidate}
    )


@role_required(ADVISER)
@require_http_methods(["GET", "POST"])
def candidate_consent(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    candidate = _candidate_for(actor, pk)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                actor=actor,
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
            messages.success(request, "Their consent has been recorded.")
            return redirect("recruitment:candidate-detail", candidate.pk)
    return render(
        request,
        "recruitment/staff/candidate_consent.html",
        {
            "form": form,
            "candidate": candidate,
            "consent": selectors.current_consent(candidate),
            "history": selectors.consent_history(candidate),
        },
    )


@role_required(ADVISER)
@require_POST
def candidate_consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    candidate = _candidate_for(actor, pk)
    services.consent_withdraw(actor=actor, candidate=candidate, withdrawn_at=timezone.now())
    messages.success(request, "Their consent has been withdrawn. No employer can see them now.")
    return redirect("recruitment:candidate-consent", candidate.pk)


@role_required(ADVISER)
@require_http_methods(["GET", "POST"])
def candidate_sign_in_code(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    candidate = _candidate_for(actor, pk)
    form = IssueCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            code = services.sign_in_code_issue(
                actor=actor,
                candidate=candidate,
                channel=form.cleaned_data["channel"],
                issued_at=timezone.now(),
            )
        except services.RecruitmentError as error:
            form.add_error(error.field, error.message)
        else:
            if form.cleaned_data["channel"] == CodeChannel.TEXT:
                messages.success(
                    request, f"A sign-in code has been sent by text to {candidate.phone}."
                )
                return redirect("recruitment:candidate-detail", candidate.pk)
            return render(
                request,
                "recruitment/staff/sign_in_code_printout.html",
                {"candidate": candidate, "code": code},
            )
    return render(
        request, "recruitment/staff/sign_in_code.html", {"form": form, "candidate": candidate}
    )


@role_required(ADVISER)
def candidate_data(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _candidate_for(actor_for_request(request), pk)
    return render(
        request,
        "recruitment/staff/candidate_data.html",
        {"candidate": candidate, "sections": selectors.data_held_about(candidate)},
    )


@role_required(ADVISER)
@require_POST
def candidate_erasure_request(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    candidate = _candidate_for(actor, pk)
    try:
        services.erasure_request(actor=actor, candidate=candidate, requested_at=timezone.now())
    except services.RecruitmentError as error:
        messages.error(request, error.message)
    return redirect("recruitment:erasure-list")


@role_required(ADVISER)
def duplicate_list(request: HttpRequest) -> HttpResponse:
    pairs = selectors.open_duplicates(actor=actor_for_request(request))
    return render(request, "recruitment/staff/duplicate_list.html", {"pairs": pairs})


@role_required(ADVISER)
@require_POST
def duplicate_merge(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    pair = get_object_or_404(selectors.open_duplicates(actor=actor), pk=pk)
    kept = services.duplicate_merge(actor=actor, pair=pair, merged_at=timezone.now())
    messages.success(request, f"The two records are now one: {kept.reference}.")
    return redirect("recruitment:duplicate-list")


@role_required(ADVISER)
@require_POST
def duplicate_keep_apart(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    pair = get_object_or_404(selectors.open_duplicates(actor=actor), pk=pk)
    services.duplicate_keep_apart(actor=actor, pair=pair, decided_at=timezone.now())
    messages.success(request, "The two records are kept apart as different people.")
    return redirect("recruitment:duplicate-list")


@role_required(ADVISER)
def erasure_list(request: HttpRequest) -> HttpResponse:
    requests = selectors.open_erasure_requests(actor=actor_for_request(request))
    return render(request, "recruitment/staff/erasure_list.html", {"requests": requests})


@role_required(ADVISER)
@require_POST
def erasure_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    erasure = get_object_or_404(selectors.open_erasure_requests(actor=actor), pk=pk)
    reference = erasure.candidate_reference
    services.erasure_confirm(actor=actor, request=erasure, confirmed_at=timezone.now())
    messages.success(request, f"Everything held about {reference} has been deleted.")
    return redirect("recruitment:erasure-list")


@role_required(*selectors.STATISTICS_READERS)
def statistics(request: HttpRequest) -> HttpResponse:
    tables = selectors.register_statistics(
        actor=actor_for_request(request), on=timezone.localdate()
    )
    return render(request, "recruitment/staff/statistics.html", {"tables": tables})
