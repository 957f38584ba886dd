"""Receiving, checking and loading workforce returns: all or nothing, one at a time per
partner, and the same file twice changes nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from oneworkforce.background import services as background_services
from oneworkforce.background.models import Job
from oneworkforce.background.progress import Progress
from oneworkforce.background.registry import register
from oneworkforce.core.errors import DomainError
from oneworkforce.intelligence import loading
from oneworkforce.intelligence.models import (
    IN_PROGRESS,
    ReturnFormat,
    ReturnIssue,
    ReturnStatus,
    WorkforceReturn,
    Workplace,
)
from oneworkforce.intelligence.returns.formats import FORMATS
from oneworkforce.intelligence.returns.normalised import normalise
from oneworkforce.intelligence.returns.reading import UploadRefused, read_upload
from oneworkforce.intelligence.returns.report import Issue
from oneworkforce.intelligence.returns.validation import validate
from oneworkforce.partners.access import Actor, NotAllowed
from oneworkforce.partners.audit import audit_record
from oneworkforce.partners.models import AuditAction, Organisation, Role

RETURN_JOB = "workforce_return"
UPLOAD_IN_PROGRESS = (
    "{organisation} already has a return being checked. Wait for it to finish (its page shows "
    "how far it has got), then upload again."
)
UPLOAD_UNCHANGED = (
    "This file is the same as the {format} for {reporting_date:%d %B %Y} accepted on "
    "{accepted_at:%d %B %Y}, so nothing has changed."
)
REPORTING_DATE_IN_FUTURE = (
    "The reporting date cannot be in the future. Enter the date the return describes."
)
LOAD_FAILED = "The return could not be saved ({error}). Nothing was changed: upload it again."

ISSUE_BATCH = 5000


class ReturnError(DomainError):
    pass


def _may_upload_for(actor: Actor, organisation: Organisation) -> bool:
    return actor.is_partnership_admin or organisation.pk in actor.organisation_ids(
        Role.EMPLOYER_USER
    )


def _accepted(
    organisation: Organisation, file_format: str, reporting_date: date
) -> WorkforceReturn | None:
    return WorkforceReturn.objects.filter(
        organisation=organisation,
        format=file_format,
        reporting_date=reporting_date,
        status=ReturnStatus.ACCEPTED,
    ).first()


@transaction.atomic
def return_upload(
    *,
    actor: Actor,
    organisation: Organisation,
    file_format: str,
    reporting_date: date,
    file_name: str,
    content: bytes,
    uploaded_at: datetime,
) -> tuple[WorkforceReturn, bool]:
    """Store an uploaded return and queue its check. Returns the return and whether anything
    will change: uploading the accepted file again returns that version, unchanged."""
    if not _may_upload_for(actor, organisation):
        raise NotAllowed()
    ReturnFormat(file_format)
    if reporting_date > timezone.localdate(uploaded_at):
        raise ReturnError(REPORTING_DATE_IN_FUTURE, field="reporting_date")
    digest = hashlib.sha256(content).hexdigest()
    current = _accepted(organisation, file_format, reporting_date)
    if current is not None and current.file_sha256 == digest:
        return current, False
    if WorkforceReturn.objects.filter(organisation=organisation, status__in=IN_PROGRESS).exists():
        raise ReturnError(UPLOAD_IN_PROGRESS.format(organisation=organisation.name), field="file")
    suffix = PurePath(file_name).suffix.lower()[:6]
    stored = default_storage.save(
        f"returns/{organisation.pk}/{digest[:16]}{suffix}", ContentFile(content)
    )
    try:
        with transaction.atomic():
            workforce_return = WorkforceReturn.objects.create(
                organisation=organisation,
                format=file_format,
                reporting_date=reporting_date,
                uploaded_by_id=actor.user_id,
                received_at=uploaded_at,
                file_name=PurePath(file_name).name[:255],
                file_sha256=digest,
                file_size=len(content),
                stored_file=stored,
                status=ReturnStatus.QUEUED,
            )
    except IntegrityError as error:  # another upload for this partner won the race
        raise ReturnError(
            UPLOAD_IN_PROGRESS.format(organisation=organisation.name), field="file"
        ) from error
    job = background_services.job_enqueue(
        actor=actor,
        kind=RETURN_JOB,
        title=f"Checking {workforce_return}",
        parameters={"return_id": str(workforce_return.pk)},
        enqueued_at=uploaded_at,
    )
    workforce_return.job = job
    workforce_return.save(update_fields=["job", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record=workforce_return,
        record_organisation_id=organisation.pk,
        occurred_at=uploaded_at,
    )
    return workforce_return, True


def _set_status(workforce_return: WorkforceReturn, status: str, **fields: Any) -> None:
    WorkforceReturn.objects.filter(pk=workforce_return.pk).update(status=status, **fields)
    workforce_return.status = status
    for name, value in fields.items():
        setattr(workforce_return, name, value)


def _save_issues(workforce_return: WorkforceReturn, issues: Iterator[tuple[bool, Issue]]) -> None:
    batch: list[ReturnIssue] = []
    for is_error, issue in issues:
        batch.append(
            ReturnIssue(
                workforce_return=workforce_return,
                is_error=is_error,
                line=issue.line or None,
                column=issue.column[:40],
                value=issue.value[:100],
                message=issue.message[:500],
            )
        )
        if len(batch) >= ISSUE_BATCH:
            ReturnIssue.objects.bulk_create(batch)
            batch.clear()
    ReturnIssue.objects.bulk_create(batch)


def _known_workplaces(workforce_return: WorkforceReturn) -> set[str] | None:
    """The workplace ids of the partner's accepted workplace file for the same date, so a
    staff or training row naming another workplace is an error; None when there is none."""
    if workforce_return.format not in (ReturnFormat.ASCWDS_STAFF, ReturnFormat.ASCWDS_TRAINING):
        return None
    workplace_return = _accepted(
        workforce_return.organisation,
        ReturnFormat.ASCWDS_WORKPLACE,
        workforce_return.reporting_date,
    )
    if workplace_return is None:
        return None
    return set(
        Workplace.objects.filter(workforce_return=workplace_return).values_list("key", flat=True)
    )


@register(RETURN_JOB)
def check_and_load_return(job: Job, progress: Progress) -> None:
    """Read, validate and (when there is no error) load a return in one transaction."""
    workforce_return = WorkforceReturn.objects.select_related("organisation").get(
        pk=job.parameters["return_id"]
    )
    if workforce_return.status != ReturnStatus.QUEUED:
        return
    progress.start(total=4, message="Reading the file")
    _set_status(workforce_return, ReturnStatus.CHECKING)
    with default_storage.open(workforce_return.stored_file, "rb") as stored:
        content = stored.read()
    file_format = FORMATS[workforce_return.format]
    try:
        uploaded = read_upload(
            content=content,
            filename=workforce_return.file_name,
            file_format=file_format,
            max_bytes=settings.WORKFORCE_RETURN_MAX_BYTES,
        )
    except UploadRefused as refusal:
        _save_issues(workforce_return, iter([(True, Issue(0, "", "", str(refusal), "file"))]))
        _set_status(workforce_return, ReturnStatus.REJECTED, error_count=1)
        job.message = "The file could not be read"
        return
    progress.advance(message=f"Checking {uploaded.rows:,} rows")
    report = validate(
        uploaded,
        reference_date=workforce_return.reporting_date,
        workplace_ids=_known_workplaces(workforce_return),
    )
    _save_issues(
        workforce_return,
        iter(
            [
                *((True, issue) for issue in report.errors),
                *((False, issue) for issue in report.warnings),
            ]
        ),
    )
    counts = {
        "row_count": uploaded.rows,
        "error_count": len(report.errors),
        "warning_count": len(report.warnings),
    }
    if report.errors:
        _set_status(workforce_return, ReturnStatus.REJECTED, **counts)
        job.message = f"{len(report.errors):,} errors found: nothing was saved"
        return
    progress.advance(message="Preparing the records")
    tables = normalise(
        uploaded,
        report=report,
        reference_date=workforce_return.reporting_date,
        ni_hash_key=settings.NI_HASH_KEY,
    )
    _set_status(workforce_return, ReturnStatus.LOADING, **counts)
    progress.advance(message="Saving the records")
    try:
        return_accept(workforce_return=workforce_return, tables=tables, accepted_at=timezone.now())
    except DatabaseError as error:
        _set_status(
            workforce_return,
            ReturnStatus.FAILED,
            failure=LOAD_FAILED.format(error=type(error).__name__),
        )
        raise
    job.message = f"Accepted: {uploaded.rows:,} rows, {len(report.warnings):,} warnings"


@transaction.atomic
def return_accept(*, workforce_return: WorkforceReturn, tables: Any, accepted_at: datetime) -> None:
    """Load the return's records and make it the accepted version, replacing the last one for
    its partner, format and date. All of it happens, or none of it."""
    loading.load_tables(workforce_return=workforce_return, tables=tables)
    WorkforceReturn.objects.filter(
        organisation=workforce_return.organisation,
        format=workforce_return.format,
        reporting_date=workforce_return.reporting_date,
        status=ReturnStatus.ACCEPTED,
    ).update(status=ReturnStatus.SUPERSEDED, superseded_at=accepted_at)
    _set_status(workforce_return, ReturnStatus.ACCEPTED, accepted_at=accepted_at)


__all__ = ["ReturnError", "check_and_load_return", "return_accept", "return_upload"]
