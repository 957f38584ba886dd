"""The board report job: gather the figures, write the PDF and the CSV pack, with progress."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from oneworkforce.background.models import Job
from oneworkforce.background.progress import Progress
from oneworkforce.background.registry import register
from oneworkforce.intelligence.reports.content import board_report_gather
from oneworkforce.intelligence.reports.rendering import board_report_pack, board_report_pdf
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.audit import audit_record
from oneworkforce.partners.models import AuditAction

__all__ = ["BOARD_REPORT_JOB", "make_board_report", "pack_name", "pack_path"]

BOARD_REPORT_JOB = "board_report"
NO_REQUESTER = "The account that asked for this report is gone: ask for a new report"
STAGES = (
    "Workforce metrics",
    "Trends",
    "Projection",
    "Programme statistics",
    "Writing the PDF",
    "Writing the CSV pack",
)


def pack_path(job: Job) -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs" / f"{job.pk}-figures.zip"


def pack_name(job: Job) -> str:
    return f"board-report-figures-{job.created_at:%Y-%m-%d}.zip"


@register(BOARD_REPORT_JOB)
def make_board_report(job: Job, progress: Progress) -> None:
    """The board report of the figures its requester may see, as PDF and CSV pack."""
    requester = job.requested_by
    if requester is None:
        raise ValueError(NO_REQUESTER)
    actor = actor_for_user(requester)
    progress.start(total=len(STAGES), message=STAGES[0])
    done: list[str] = []

    def step(message: str) -> None:
        if done:
            progress.advance(message=message)
        done.append(message)

    now = timezone.now()
    report = board_report_gather(actor=actor, made_at=now, today=timezone.localdate(), step=step)
    progress.advance(message=STAGES[4])
    relative = Path("jobs") / f"{job.pk}.pdf"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(board_report_pdf(report))
    progress.advance(message=STAGES[5])
    pack_path(job).write_bytes(board_report_pack(report))
    audit_record(
        actor=actor,
        action=AuditAction.EXPORTED,
        record=job,
        record_organisation_id=None,
        occurred_at=now,
    )
    job.result_file = str(relative)
    job.result_name = f"board-report-{now:%Y-%m-%d}.pdf"
    job.message = "The board report and its CSV pack are ready"
