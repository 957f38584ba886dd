"""The assessment's pages: candidates take it one question a page and read their result;
advisers read results, add notes, and edit the question bank's draft and publish it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods, require_POST

from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.audit import audit_read
from oneworkforce.partners.views.decorators import role_required
from oneworkforce.recruitment.assessment import documents, selectors, services
from oneworkforce.recruitment.assessment.forms import (
    AnswerForm,
    DocumentForm,
    NoteForm,
    QuestionForm,
    ThresholdsForm,
)
from oneworkforce.recruitment.assessment.models import Attempt, BankVersion, Level
from oneworkforce.recruitment.candidate_session import candidate_required
from oneworkforce.recruitment.models import Candidate

READERS = selectors.READERS


def _language() -> str:
    return documents.supported_language(translation.get_language())


# Candidates' pages ----------------------------------------------------------------------------


@candidate_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    open_attempt = selectors.open_attempt(candidate=candidate)
    error = None
    if request.method == "POST":
        try:
            attempt = services.attempt_start(
                candidate=candidate, language=_language(), started_at=timezone.now()
            )
        except services.AssessmentError as refused:
            error = refused.message
        else:
            return redirect(_next_page(attempt))
    version = open_attempt.bank_version if open_attempt else selectors.current_bank_version()
    return render(
        request,
        "assessment/start.html",
        {
            "candidate": candidate,
            "open_attempt": open_attempt,
            "question_count": len(version.document.get("questions", [])) if version else 0,
            "answered_count": len(open_attempt.answers) if open_attempt else 0,
            "past_attempts": selectors.attempts_of(candidate=candidate).filter(
                submitted_at__isnull=False
            ),
            "available": version is not None,
            "error": error,
        },
    )


def _next_page(attempt: Attempt) -> str:
    """The first question still unanswered, or the check-your-answers page."""
    for entry in attempt.bank_version.document.get("questions", []):
        if entry["key"] not in attempt.answers:
            return reverse("assessment:question", args=[entry["key"]])
    return reverse("assessment:check")


@candidate_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, candidate: Candidate, key: str) -> HttpResponse:
    attempt = selectors.open_attempt(candidate=candidate)
    if attempt is None:
        return redirect("assessment:start")
    language = _language()
    document = attempt.bank_version.document
    questions = documents.questions_in(document, language)
    index = next((i for i, shown in enumerate(questions) if shown.key == key), None)
    if index is None:
        raise Http404
    shown = questions[index]
    # An empty POST (nothing ticked) must still be validated, so it is not `POST or None`.
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        question=shown,
        initial={"answer": attempt.answers.get(key)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.attempt_answer(
                attempt=attempt,
                question_key=key,
                option_key=form.cleaned_data["answer"],
                answered_at=timezone.now(),
            )
        except services.AssessmentError as error:
            form.add_error("answer", error.message)
        else:
            # Someone changing one answer from the check page goes back there.
            if request.GET.get("change") or index == len(questions) - 1:
                return redirect("assessment:check")
            return redirect("assessment:question", questions[index + 1].key)
    previous = questions[index - 1].key if index else None
    first_of_section = index == 0 or questions[index - 1].section != shown.section
    return render(
        request,
        "assessment/question.html",
        {
            "candidate": candidate,
            "form": form,
            "question": shown,
            "previous": previous,
            "total": len(questions),
            "section_intro": documents.section_intro(document, shown.section, language)
            if first_of_section
            else "",
            "changing": bool(request.GET.get("change")),
        },
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    attempt = selectors.open_attempt(candidate=candidate)
    if attempt is None:
        return redirect("assessment:start")
    error = None
    if request.method == "POST":
        try:
            attempt = services.attempt_submit(attempt=attempt, submitted_at=timezone.now())
        except services.AssessmentError as refused:
            error = refused.message
        else:
            return redirect("assessment:result", attempt.pk)
    questions = documents.questions_in(attempt.bank_version.document, _language())
    rows = [(shown, shown.option_label(attempt.answers.get(shown.key))) for shown in questions]
    return render(
        request,
        "assessment/check.html",
        {
            "candidate": candidate,
            "rows": rows,
            "unanswered": [shown for shown, label in rows if not label],
            "error": error,
        },
    )


@candidate_required
def result(request: HttpRequest, candidate: Candidate, pk: int) -> HttpResponse:
    attempt = get_object_or_404(
        selectors.attempts_of(candidate=candidate).filter(submitted_at__isnull=False), pk=pk
    )
    return render(
        request,
        "assessment/result.html",
        {
            "candidate": candidate,
            "attempt": attempt,
            "result": selectors.shown_result(attempt=attempt, language=_language()),
            "notes": selectors.notes_shown_to_candidate(candidate=candidate, attempt=attempt),
        },
    )


# Advisers' pages ------------------------------------------------------------------------------


@role_required(*READERS)
def attempt_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    attempts = selectors.attempts_visible_to(actor=actor).filter(submitted_at__isnull=False)
    level = request.GET.get("level", "")
    if level in Level.values:
        attempts = attempts.filter(level=level)
    page = Paginator(attempts.order_by("-submitted_at", "-pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assessment/staff/attempt_list.html",
        {"page": page, "level": level, "levels": Level.choices},
    )


@role_required(*READERS)
@require_http_methods(["GET", "POST"])
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for_request(request)
    attempt = get_object_or_404(selectors.attempts_visible_to(actor=actor), pk=pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_add(
                actor=actor,
                attempt=attempt,
                text=form.cleaned_data["text"],
                written_at=timezone.now(),
            )
        except services.AssessmentError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, "Note added")
            return redirect("assessment:attempt-detail", attempt.pk)
    if request.method == "GET":
        audit_read(
            actor=actor, record=attempt, record_organisation_id=None, occurred_at=timezone.now()
        )
    questions = documents.questions_in(attempt.bank_version.document, documents.ENGLISH)
    answers = [(shown, shown.option_label(attempt.answers.get(shown.key))) for shown in questions]
    return render(
        request,
        "assessment/staff/attempt_detail.html",
        {
            "attempt": attempt,
            "result": selectors.shown_result(attempt=attempt, language=documents.ENGLISH)
            if attempt.is_submitted
            else None,
            "answers": answers,
            "notes": selectors.notes_of(actor=actor, attempt=attempt),
            "other_attempts": selectors.attempts_of(candidate=attempt.candidate).exclude(
                pk=attempt.pk
            ),
            "form": form,
        },
    )


@role_required(*READERS)
@require_http_methods(["GET", "POST"])
def bank_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for_request(request)
    error = None
    if request.method == "POST":
        try:
            draft = services.bank_draft_start(actor=actor, created_at=timezone.now())
        except services.AssessmentError as refused:
            error = refused.message
        else:
            return redirect("assessment:bank-detail", draft.number)
    return render(
        request,
        "assessment/staff/bank_list.html",
        {
            "versions": selectors.bank_versions(actor=actor),
            "draft": selectors.bank_draft(),
            "error": error,
        },
    )


def _version(request: HttpRequest, number: int) -> BankVersion:
    return get_object_or_404(
        selectors.bank_versions(actor=actor_for_request(request)), number=number
    )


@role_required(*READERS)
def bank_detail(request: HttpRequest, number: int) -> HttpResponse:
    version = _version(request, number)
    current = selectors.current_bank_version()
    return render(
        request,
        "assessment/staff/bank_detail.html",
        {
            "version": version,
            "is_current": current is not None and current.pk == version.pk,
            "questions": documents.questions_in(version.document, documents.ENGLISH),
            "scoring": version.document.get("scoring", {}),
            "problems": documents.bank_problems(version.document) if version.is_draft else [],
        },
    )


def _draft(request: HttpRequest, number: int) -> BankVersion:
    version = _version(request, number)
    if not version.is_draft:
        messages.error(request, services.NOT_A_DRAFT.format(number=version.number))
        raise _NotADraft(version)
    return version


class _NotADraft(Exception):
    def __init__(self, version: BankVersion) -> None:
        self.version = version


def _question_page(request: HttpRequest, number: int, key: str | None) -> HttpResponse:
    actor = actor_for_request(request)
    try:
        version = _draft(request, number)
    except _NotADraft as refused:
        return redirect("assessment:bank-detail", refused.version.number)
    entries = {entry["key"]: entry for entry in version.document.get("questions", [])}
    if key is not None and key not in entries:
        raise Http404
    form = QuestionForm(
        request.POST or None,
        initial=QuestionForm.initial_for(entries[key]) if key else {},
        existing_keys=set(entries),
        editing=key,
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.bank_question_save(
                actor=actor, version=version, question=form.question(), saved_at=timezone.now()
            )
        except services.BankInvalid as invalid:
            problems = invalid.problems
        else:
            messages.success(request, "Question saved in the draft")
            return redirect("assessment:bank-detail", version.number)
    return render(
        request,
        "assessment/staff/question_form.html",
        {"version": version, "form": form, "key": key, "problems": problems},
    )


@role_required(*READERS)
@require_http_methods(["GET", "POST"])
def bank_question_edit(request: HttpRequest, number: int, key: str) -> HttpResponse:
    return _question_page(request, number, key)


@role_required(*READERS)
@require_http_methods(["GET", "POST"])
def bank_question_add(request: HttpRequest, number: int) -> HttpResponse:
    return _question_page(request, number, None)


@role_required(*READERS)
@require_POST
def bank_question_remove(request: HttpRequest, number: int, key: str) -> HttpResponse:
    try:
        version = _draft(request, number)
    except _NotADraft as refused:
        return redirect("assessment:bank-detail", refused.version.number)
    try:
        services.bank_question_remove(
            actor=actor_for_request(request),
            version=version,
            question_key=key,
            removed_at=timezone.now(),
        )
    except services.BankInvalid as invalid:
        messages.error(request, "The question was not removed: " + "; ".join(invalid.problems))
    else:
        messages.success(request, "Question removed from the draft")
    return redirect("assessment:bank-detail", version.number)


@role_required(*READERS)
@require_http_methods(["GET", "POST"])
def bank_thresholds(request: HttpRequest, number: int) -> HttpResponse:
    try:
        version = _draft(request, number)
    except _NotADraft as refused:
        return redirect("assessment:bank-detail", refused.version.number)
    form = ThresholdsForm(
        request.POST or None,
        initial={**version.document.get("scoring", {}), "change_note": version.change_note},
    )
    if request.method == "POST" and form.is_valid():
        services.bank_thresholds_save(
            actor=actor_for_request(request),
            version=version,
            strong_percent=form.cleaned_data["strong_percent"],
            concern_percent=form.cleaned_data["concern_percent"],
            change_note=form.cleaned_data["change_note"],
            saved_at=timezone.now(),
        )
        messages.success(request, "Scoring saved in the draft")
        return redirect("assessment:bank-detail", version.number)
    return render(
        request, "assessment/staff/thresholds_form.html", {"version": version, "form": form}
    )


@role_required(*READERS)
@require_POST
def bank_publish(request: HttpRequest, number: int) -> HttpResponse:
    version = _version(request, number)
    try:
        services.bank_publish(
            actor=actor_for_request(request), version=version, published_at=timezone.now()
        )
    except services.AssessmentError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"Version {version.number} is published: new attempts use it")
    return redirect("assessment:bank-detail", version.number)


@role_required(*READERS)
@require_POST
def bank_discard(request: HttpRequest, number: int) -> HttpResponse:
    version = _version(request, number)
    try:
        services.bank_draft_discard(
            actor=actor_for_request(request), version=version, discarded_at=timezone.now()
        )
    except services.AssessmentError as refused:
        messages.error(request, refused.message)
        return redirect("assessment:bank-detail", version.number)
    messages.success(request, f"Draft version {number} discarded")
    return redirect("assessment:bank-list")


@role_required(*READERS)
def bank_document(request: HttpRequest, number: int) -> HttpResponse:
    """The version's whole document as a file, to keep or to change and upload to a draft."""
    version = _version(request, number)
    response = HttpResponse(
        json.dumps(version.document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="question-bank-{version.number}.json"'
    return response


@role_required(*READERS)
@require_http_methods(["GET", "POST"])
def bank_document_upload(request: HttpRequest, number: int) -> HttpResponse:
    try:
        version = _draft(request, number)
    except _NotADraft as refused:
        return redirect("assessment:bank-detail", refused.version.number)
    form = DocumentForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.bank_draft_save(
                actor=actor_for_request(request),
                version=version,
                document=form.cleaned_data["file"],
                saved_at=timezone.now(),
            )
        except services.BankInvalid as invalid:
            problems = invalid.problems
        else:
            messages.success(request, "The draft now holds the uploaded question bank")
            return redirect("assessment:bank-detail", version.number)
    return render(
        request,
        "assessment/staff/document_form.html",
        {"version": version, "form": form, "problems": problems},
    )
