"""Writes to the candidate register. Each is one use case: checked, atomic, audited, told the
time. Messages to a candidate are written in the candidate's own language."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from oneworkforce.core.errors import DomainError
from oneworkforce.partners.access import Actor
from oneworkforce.partners.audit import audit_record
from oneworkforce.partners.models import AuditAction, Role
from oneworkforce.recruitment import personal_data
from oneworkforce.recruitment import selectors as recruitment_selectors
from oneworkforce.recruitment.models import (
    Candidate,
    CodeChannel,
    Consent,
    DuplicateStatus,
    EqualityMonitoring,
    ErasedCandidateCount,
    ErasureRequest,
    LikelyDuplicate,
    RegistrationChannel,
    SharingScope,
    SignInCode,
)
from oneworkforce.recruitment.texts import text_sender

CODE_LIFETIME = timedelta(days=14)
LINK_LIFETIME = timedelta(hours=1)
# E-mailed sign-in links to one person within LINK_LIFETIME: enough for a lost or slow message,
# too few for the form to flood someone's inbox.
LINKS_PER_LIFETIME = 3
CODE_ATTEMPTS = 5
# No 0/O or 1/I/L: a reference is read aloud and copied from paper.
_REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

ALREADY_REGISTERED_EMAIL = _(
    "Someone is already registered with this e-mail address. Sign in with a link sent to it "
    "instead, or use a different e-mail address."
)
ALREADY_REGISTERED_EMAIL_ADVISER = _(
    "{reference} is already registered with this e-mail address. Open their record instead."
)
LIKELY_DUPLICATE = _(
    "Someone with the same name, date of birth and postcode is already registered. Check "
    "whether they are the same person before you go on."
)
NAME_AN_EMPLOYER = _("Choose at least one employer who may see your profile")
NO_PARTNER_EMPLOYERS = _("There are no partner employers to share with yet")
CODE_NOT_ACCEPTED = _(
    "That code does not match, or it has expired. Check your reference and code, or ask an "
    "adviser for a new code."
)
LINK_NOT_ACCEPTED = _("That sign-in link has expired or has been used. Ask for a new one.")
NO_PHONE_FOR_TEXT = _("Add a mobile phone number before sending a code by text")
NO_EMAIL_FOR_LINK = _("Add an e-mail address before sending a sign-in link")
ERASURE_ALREADY_REQUESTED = _("You have already asked us to delete your data")
ERASURE_ALREADY_DONE = _("This person's data has already been deleted")
DUPLICATE_ALREADY_DECIDED = _("An adviser has already decided about these two records")


class RecruitmentError(DomainError):
    pass


class LikelyDuplicateFound(RecruitmentError):
    """The adviser must look at ``matches`` and either open one or confirm a new record."""

    def __init__(self, matches: list[Candidate]) -> None:
        super().__init__(str(LIKELY_DUPLICATE))
        self.matches = matches


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def candidate_actor(candidate: Candidate) -> Actor:
    """A candidate acting on their own record: named in the audit log by record number only."""
    return Actor(label=f"candidate #{candidate.pk}", memberships=frozenset())


def _new_reference() -> str:
    while True:
        reference = "C" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(7))
        if not Candidate.objects.filter(reference=reference).exists():
            return reference


_MANY_TO_MANY = ("qualifications",)


def _apply(candidate: Candidate, details: Mapping[str, Any]) -> list[str]:
    """Copy the form's cleaned details onto the record; the names of the fields that changed."""
    changed = []
    for name, value in details.items():
        if name in _MANY_TO_MANY:
            continue
        if getattr(candidate, name) != value:
            setattr(candidate, name, value)
            changed.append(name)
    return changed


def _check_email_free(email: str, *, exclude_pk: int | None, by_adviser: bool) -> None:
    if not email:
        return
    holder = recruitment_selectors.candidate_with_email(email)
    if holder is None or holder.pk == exclude_pk:
        return
    if by_adviser:
        message = str(ALREADY_REGISTERED_EMAIL_ADVISER).format(reference=holder.reference)
        raise RecruitmentError(message, field="email")
    raise RecruitmentError(str(ALREADY_REGISTERED_EMAIL), field="email")


def _save_refusing_a_taken_email(candidate: Candidate, *, by_adviser: bool) -> None:
    """Save; if another request registered the same e-mail address a moment ago (the check
    above saw it free), the database's constraint refuses it and the person is told why."""
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:
        if candidate.email and recruitment_selectors.candidate_with_email(candidate.email):
            _check_email_free(candidate.email, exclude_pk=candidate.pk, by_adviser=by_adviser)
        raise


@transaction.atomic
def candidate_register(
    *,
    actor: Actor,
    details: Mapping[str, Any],
    registered_at: datetime,
    keep_apart_from: Iterable[int] = (),
) -> Candidate:
    """Register a person, themself (an anonymous actor) or by a recruitment adviser.

    The same e-mail is refused. The same name, date of birth and postcode is never refused:
    an adviser is shown the matches (``LikelyDuplicateFound``) and registers anyway by
    naming them in ``keep_apart_from``; a person registering themself is registered, and the
    pair waits for an adviser to merge or keep apart.
    """
    by_adviser = actor.has_role(Role.RECRUITMENT_ADVISER)
    if not actor.is_anonymous and not by_adviser:
        actor.require(Role.RECRUITMENT_ADVISER)
    _check_email_free(details.get("email", ""), exclude_pk=None, by_adviser=by_adviser)
    matches = recruitment_selectors.likely_duplicates_of(
        full_name=details["full_name"],
        date_of_birth=details["date_of_birth"],
        postcode=details["postcode"],
    )
    confirmed_apart = set(keep_apart_from)
    if by_adviser and any(match.pk not in confirmed_apart for match in matches):
        raise LikelyDuplicateFound(matches)

    candidate = Candidate(
        reference=_new_reference(),
        registration_channel=RegistrationChannel.ADVISER
        if by_adviser
        else RegistrationChannel.SELF,
        registered_by_id=actor.user_id,
        created_at=registered_at,
    )
    _apply(candidate, details)
    _save_refusing_a_taken_email(candidate, by_adviser=by_adviser)
    candidate.qualifications.set(details.get("qualifications", []))
    for match in matches:
        LikelyDuplicate.objects.create(
            candidate=candidate,
            existing=match,
            found_at=registered_at,
            status=DuplicateStatus.KEPT_APART if by_adviser else DuplicateStatus.OPEN,
            decided_by_id=actor.user_id if by_adviser else None,
            decided_at=registered_at if by_adviser else None,
        )
    audit_record(
        actor=actor if by_adviser else candidate_actor(candidate),
        action=AuditAction.CREATED,
        record=candidate,
        record_organisation_id=None,
        occurred_at=registered_at,
    )
    return candidate


@transaction.atomic
def candidate_update(
    *, actor: Actor, candidate: Candidate, details: Mapping[str, Any], updated_at: datetime
) -> Candidate:
    """Change a profile: the candidate's own, or any by a recruitment adviser."""
    by_adviser = actor.has_role(Role.RECRUITMENT_ADVISER)
    if not by_adviser and actor != candidate_actor(candidate):
        actor.require(Role.RECRUITMENT_ADVISER)
    if "email" in details:
        _check_email_free(details["email"], exclude_pk=candidate.pk, by_adviser=by_adviser)
    changed = _apply(candidate, details)
    _save_refusing_a_taken_email(candidate, by_adviser=by_adviser)
    if "qualifications" in details:
        before = set(candidate.qualifications.values_list("pk", flat=True))
        after = {qualification.pk for qualification in details["qualifications"]}
        if before != after:
            candidate.qualifications.set(details["qualifications"])
            changed.append("qualifications")
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.CHANGED,
            record=candidate,
            record_organisation_id=None,
            occurred_at=updated_at,
            fields_changed=changed,
        )
    return candidate


@transaction.atomic
def equality_monitoring_save(
    *, candidate: Candidate, answers: Mapping[str, str], saved_at: datetime
) -> EqualityMonitoring:
    monitoring, _created = EqualityMonitoring.objects.update_or_create(
        candidate=candidate, defaults={**answers, "updated_at": saved_at}
    )
    return monitoring


@transaction.atomic
def consent_record(
    *,
    actor: Actor,
    candidate: Candidate,
    sharing: str,
    organisation_ids: Iterable[int],
    contact_about_training: bool,
    anonymised_statistics: bool,
    given_at: datetime,
) -> Consent:
    """Record what the candidate agrees to now; the consent it replaces ends at the same
    moment. "All partner employers" names every partner employer of today."""
    _check_candidate_or_adviser(actor, candidate)
    if sharing == SharingScope.NAMED:
        named = set(organisation_ids)
        organisations = list(recruitment_selectors.partner_employers().filter(pk__in=named))
        if not organisations:
            raise RecruitmentError(str(NAME_AN_EMPLOYER), field="organisations")
    elif sharing == SharingScope.ALL_PARTNERS:
        organisations = list(recruitment_selectors.partner_employers())
        if not organisations:
            raise RecruitmentError(str(NO_PARTNER_EMPLOYERS), field="sharing")
    else:
        organisations = []
    _end_current_consent(candidate, at=given_at)
    consent = Consent.objects.create(
        candidate=candidate,
        given_at=given_at,
        sharing=sharing,
        contact_about_training=contact_about_training,
        anonymised_statistics=anonymised_statistics,
        recorded_by_id=actor.user_id,
        created_at=given_at,
    )
    consent.organisations.set(organisations)
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=consent,
        record_organisation_id=None,
        occurred_at=given_at,
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Actor, candidate: Candidate, withdrawn_at: datetime) -> None:
    """End the current consent now: from this moment no employer sees the profile, and the
    candidate is contacted by advisers only."""
    _check_candidate_or_adviser(actor, candidate)
    ended = _end_current_consent(candidate, at=withdrawn_at)
    if ended is not None:
        audit_record(
            actor=actor,
            action=AuditAction.CHANGED,
            record=ended,
            record_organisation_id=None,
            occurred_at=withdrawn_at,
            fields_changed=["withdrawn_at"],
        )


def _end_current_consent(candidate: Candidate, *, at: datetime) -> Consent | None:
    current = Consent.objects.select_for_update().filter(
        candidate=candidate, withdrawn_at__isnull=True
    )
    ended = current.first()
    current.update(withdrawn_at=at)
    return ended


def _check_candidate_or_adviser(actor: Actor, candidate: Candidate) -> None:
    if actor != candidate_actor(candidate):
        actor.require(Role.RECRUITMENT_ADVISER)


def _code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


@transaction.atomic
def sign_in_code_issue(
    *, actor: Actor, candidate: Candidate, channel: str, issued_at: datetime
) -> str:
    """Give a person a new one-time code to sign in with, printed by the adviser or sent by
    text; earlier unused codes stop working. Returns the code (shown once, never stored).
    A person who registers themself with no e-mail address is given one to write down."""
    _check_candidate_or_adviser(actor, candidate)
    if channel == CodeChannel.TEXT and not candidate.phone:
        raise RecruitmentError(str(NO_PHONE_FOR_TEXT), field="channel")
    code = _code()
    SignInCode.objects.filter(candidate=candidate, used_at__isnull=True).update(used_at=issued_at)
    SignInCode.objects.create(
        candidate=candidate,
        code_hash=_hash(f"{candidate.reference}:{code}"),
        channel=channel,
        issued_by_id=actor.user_id,
        expires_at=issued_at + CODE_LIFETIME,
        created_at=issued_at,
    )
    if channel == CodeChannel.TEXT:
        with translation.override(candidate.language):
            body = gettext(
                "Your sign-in code for health and care jobs is %(code)s. Your reference is "
                "%(reference)s. The code works once, for 14 days."
            ) % {"code": code, "reference": candidate.reference}
            text_sender().send(to=candidate.phone, body=body, secret=code)
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=candidate,
        record_organisation_id=None,
        occurred_at=issued_at,
        fields_changed=["sign_in_code"],
    )
    return code


def sign_in_code_redeem(*, reference: str, code: str, at: datetime) -> Candidate:
    """The candidate whose reference and code these are; the code is spent. A wrong code
    counts against every live code of that reference, which stop working after a few."""
    reference = reference.strip().upper().replace(" ", "")
    candidate = Candidate.objects.filter(reference=reference).first()
    if candidate is None:
        raise RecruitmentError(str(CODE_NOT_ACCEPTED), field="code")
    live = SignInCode.objects.filter(
        candidate=candidate,
        used_at__isnull=True,
        expires_at__gt=at,
        failed_attempts__lt=CODE_ATTEMPTS,
        channel__in=[CodeChannel.PRINTED, CodeChannel.TEXT],
    )
    # Spending the code is one conditional update, so two requests cannot both use it.
    spent = live.filter(code_hash=_hash(f"{reference}:{code.strip()}")).update(used_at=at)
    if not spent:
        # Not in a transaction that the refusal rolls back: the wrong guess must count.
        live.update(failed_attempts=F("failed_attempts") + 1)
        raise RecruitmentError(str(CODE_NOT_ACCEPTED), field="code")
    return candidate


def sign_in_link_send(*, email: str, sent_at: datetime, link_for: Callable[[str], str]) -> None:
    """E-mail a one-time sign-in link to the candidate with this address, at most
    LINKS_PER_LIFETIME an hour. Nothing says whether the address is registered or a link was
    held back, so the page cannot be used to find out who is registered."""
    candidate = recruitment_selectors.candidate_with_email(email)
    if candidate is None:
        return
    with transaction.atomic():
        # The person's row locked: requests at the same moment count one after another, so
        # together they cannot pass the limit.
        Candidate.objects.select_for_update().filter(pk=candidate.pk).first()
        recent = SignInCode.objects.filter(
            candidate=candidate, channel=CodeChannel.EMAIL, created_at__gt=sent_at - LINK_LIFETIME
        )
        if recent.count() >= LINKS_PER_LIFETIME:
            return  # the links already sent still work; the page says so either way
        token = secrets.token_urlsafe(32)
        SignInCode.objects.create(
            candidate=candidate,
            code_hash=_hash(token),
            channel=CodeChannel.EMAIL,
            expires_at=sent_at + LINK_LIFETIME,
            created_at=sent_at,
        )
    with translation.override(candidate.language):
        subject = gettext("Sign in to your health and care jobs profile")
        body = gettext(
            "Hello %(name)s,\n\nOpen this link within an hour to sign in:\n%(link)s\n\n"
            "If you did not ask for it, you can ignore this message."
        ) % {"name": candidate.full_name, "link": link_for(token)}
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[candidate.email])


@transaction.atomic
def sign_in_link_redeem(*, token: str, at: datetime) -> Candidate:
    link = (
        SignInCode.objects.select_for_update()
        .select_related("candidate")
        .filter(
            code_hash=_hash(token),
            channel=CodeChannel.EMAIL,
            used_at__isnull=True,
            expires_at__gt=at,
        )
        .first()
    )
    if link is None:
        raise RecruitmentError(str(LINK_NOT_ACCEPTED))
    link.used_at = at
    link.save(update_fields=["used_at", "updated_at"])
    return link.candidate


@transaction.atomic
def duplicate_keep_apart(*, actor: Actor, pair: LikelyDuplicate, decided_at: datetime) -> None:
    actor.require(Role.RECRUITMENT_ADVISER)
    _decide(actor, pair, DuplicateStatus.KEPT_APART, decided_at)


@transaction.atomic
def duplicate_merge(*, actor: Actor, pair: LikelyDuplicate, merged_at: datetime) -> Candidate:
    """Fold the newer record into the one already registered: every registered personal-data
    row moves across (a one-to-one row only where the kept record has none), the kept record
    fills its empty contact details from the other, and the newer record goes. If both hold a
    current consent, the one given later stays in force."""
    actor.require(Role.RECRUITMENT_ADVISER)
    _decide(actor, pair, DuplicateStatus.MERGED, merged_at)
    kept, gone = pair.existing, pair.candidate
    consents = list(
        Consent.objects.filter(candidate__in=[kept, gone], withdrawn_at__isnull=True).order_by(
            "given_at"
        )
    )
    for older in consents[:-1]:
        Consent.objects.filter(pk=older.pk).update(withdrawn_at=merged_at)
    LikelyDuplicate.objects.filter(candidate=gone).exclude(pk=pair.pk).delete()
    LikelyDuplicate.objects.filter(existing=gone).delete()
    for entry in personal_data.registered():
        if entry.model in (Candidate, LikelyDuplicate):
            continue
        for name in entry.candidate_fields:
            if "__" in name:
                # Reached through another registered model, and so moved with it.
                continue
            field = entry.model._meta.get_field(name)
            rows = entry.model._default_manager.filter(**{name: gone.pk})
            if field.one_to_one and entry.model._default_manager.filter(**{name: kept.pk}).exists():
                rows.delete()
            else:
                rows.update(**{name: kept.pk})
    for name in ("email", "phone", "address", "support_worker_name", "support_worker_contact"):
        if not getattr(kept, name) and getattr(gone, name):
            setattr(kept, name, getattr(gone, name))
    kept.qualifications.add(*gone.qualifications.all())
    # The newer record goes first, so that its e-mail address is free for the kept one.
    gone_pk = gone.pk
    LikelyDuplicate.objects.filter(pk=pair.pk).delete()
    gone.delete()
    kept.save()
    audit_record(
        actor=actor,
        action=AuditAction.DELETED,
        record=Candidate(pk=gone_pk),
        record_organisation_id=None,
        occurred_at=merged_at,
        fields_changed=["merged"],
    )
    audit_record(
        actor=actor,
        action=AuditAction.CHANGED,
        record=kept,
        record_organisation_id=None,
        occurred_at=merged_at,
        fields_changed=["merged"],
    )
    return kept


def _decide(actor: Actor, pair: LikelyDuplicate, status: str, at: datetime) -> None:
    updated = LikelyDuplicate.objects.filter(pk=pair.pk, status=DuplicateStatus.OPEN).update(
        status=status, decided_by_id=actor.user_id, decided_at=at
    )
    if not updated:
        raise RecruitmentError(str(DUPLICATE_ALREADY_DECIDED))


@transaction.atomic
def erasure_request(
    *, actor: Actor, candidate: Candidate, requested_at: datetime
) -> ErasureRequest:
    """The candidate (or an adviser for them) asks for everything to be deleted; an adviser
    confirms it with ``erasure_confirm``."""
    _check_candidate_or_adviser(actor, candidate)
    if ErasureRequest.objects.filter(candidate=candidate, confirmed_at__isnull=True).exists():
        raise RecruitmentError(str(ERASURE_ALREADY_REQUESTED))
    request = ErasureRequest.objects.create(
        candidate=candidate,
        candidate_reference=candidate.reference,
        requested_at=requested_at,
        created_at=requested_at,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=request,
        record_organisation_id=None,
        occurred_at=requested_at,
    )
    return request


@transaction.atomic
def erasure_confirm(*, actor: Actor, request: ErasureRequest, confirmed_at: datetime) -> None:
    """Delete everything the registry lists for the person, keep an anonymous count of them
    for statistics, and keep the request, dated, with its link to the person cut."""
    actor.require(Role.RECRUITMENT_ADVISER)
    candidate = request.candidate
    if candidate is None or request.confirmed_at is not None:
        raise RecruitmentError(str(ERASURE_ALREADY_DONE))
    month = date(candidate.created_at.year, candidate.created_at.month, 1)
    counted, _created = ErasedCandidateCount.objects.get_or_create(
        registered_month=month, registration_channel=candidate.registration_channel
    )
    ErasedCandidateCount.objects.filter(pk=counted.pk).update(count=F("count") + 1)
    ErasureRequest.objects.filter(pk=request.pk).update(
        confirmed_by_id=actor.user_id, confirmed_at=confirmed_at
    )
    candidate_pk = candidate.pk
    for entry in reversed(personal_data.registered()):
        rows = entry.rows_for(candidate)
        if entry.on_erase is personal_data.OnErase.DETACH:
            for name in entry.candidate_fields:
                entry.model._default_manager.filter(**{name: candidate_pk}).update(**{name: None})
        else:
            rows.delete()
    audit_record(
        actor=actor,
        action=AuditAction.DELETED,
        record=Candidate(pk=candidate_pk),
        record_organisation_id=None,
        occurred_at=confirmed_at,
        fields_changed=["erased"],
    )
