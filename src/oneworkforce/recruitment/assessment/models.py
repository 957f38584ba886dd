"""Versions of the assessment's question bank, candidates' attempts, and advisers' notes.

A bank version is a whole document (questions in every language, scoring, recommendations;
see ``engines.assessment.bank``). Advisers edit the one draft; publishing it makes it the
version new attempts use, and from then on it never changes, so every attempt can be
explained by the version it points at.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oneworkforce.core.models import BaseModel
from oneworkforce.engines import assessment as engine


class BankStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Level(models.TextChoices):
    READY_NOW = engine.Level.READY_NOW.value, _("Ready for a care job now")
    READY_WITH_SUPPORT = engine.Level.READY_WITH_SUPPORT.value, _("Ready with some support")
    NEEDS_PREPARATION = engine.Level.NEEDS_PREPARATION.value, _("Preparation first")


class Measure(models.TextChoices):
    COMPASSION = "compassion", _("Compassion")
    RESPECT = "respect", _("Respect")
    DIGNITY = "dignity", _("Dignity")
    COMMUNICATION = "communication", _("Communication")
    RELIABILITY = "reliability", _("Reliability")
    TEAMWORK = "teamwork", _("Teamwork")
    COURAGE = "courage", _("Courage to speak up")
    ENGLISH = "english", _("English")
    MATHS = "maths", _("Maths")
    DIGITAL = "digital", _("Using computers and phones")
    DOCUMENTS = "documents", _("Identity and right-to-work documents")
    CHECKS = "checks", _("DBS check and references")
    AVAILABILITY = "availability", _("When you can start and which shifts")


class Band(models.TextChoices):
    STRONG = engine.Band.STRONG.value, _("A strength")
    DEVELOPING = engine.Band.DEVELOPING.value, _("Developing")
    CONCERN = engine.Band.CONCERN.value, _("Needs work")


class BankVersion(BaseModel):
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=BankStatus.choices)
    document = models.JSONField()
    change_note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["number"], name="bank_version_number_unique"),
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=BankStatus.DRAFT),
                name="bank_version_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status__in=BankStatus.values), name="bank_version_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=BankStatus.DRAFT, published_at__isnull=True)
                | Q(status=BankStatus.PUBLISHED, published_at__isnull=False),
                name="bank_version_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Question bank version {self.number} ({self.get_status_display().lower()})"

    @property
    def is_draft(self) -> bool:
        return self.status == BankStatus.DRAFT


class Attempt(BaseModel):
    """One sitting of the assessment by one candidate, answered question by question and
    scored when submitted. A retake is a new attempt; old ones stay, dated."""

    candidate = models.ForeignKey(
        "recruitment.Candidate", on_delete=models.CASCADE, related_name="assessment_attempts"
    )
    # Verbose names are what a candidate's data download calls each field, in their language.
    bank_version = models.ForeignKey(
        BankVersion,
        on_delete=models.PROTECT,
        related_name="attempts",
        verbose_name=_("Question bank version"),
    )
    language = models.CharField(_("Language"), max_length=8)
    started_at = models.DateTimeField(_("Started"))
    submitted_at = models.DateTimeField(_("Sent"), null=True, blank=True)
    # Question key to option key, saved as each page is answered.
    answers = models.JSONField(_("Your answers"), default=dict, blank=True)
    level = models.CharField(_("Result"), max_length=24, choices=Level.choices, blank=True)
    # The engine's result when submitted: every measure's points and band, the reasons and
    # the recommendations' keys (see services.result_as_json).
    result = models.JSONField(_("Scores and recommendations"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=Q(submitted_at__isnull=True),
                name="attempt_one_open_per_candidate",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True, level="", result__isnull=True)
                | (Q(submitted_at__isnull=False, result__isnull=False) & ~Q(level="")),
                name="attempt_submitted_has_result",
            ),
            models.CheckConstraint(
                condition=Q(level="") | Q(level__in=Level.values), name="attempt_level_known"
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True)
                | Q(submitted_at__gte=models.F("started_at")),
                name="attempt_submitted_after_started",
            ),
        ]
        indexes = [models.Index(fields=["candidate", "started_at"])]

    def __str__(self) -> str:
        return f"Assessment attempt #{self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class AdviserNote(BaseModel):
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="notes", verbose_name=_("Assessment")
    )
    written_at = models.DateTimeField(_("Written"))
    written_by = models.ForeignKey(
        "partners.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Written by (staff record number)"),
    )
    text = models.TextField(_("Note"))

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="adviser_note_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Adviser's note #{self.pk}"
