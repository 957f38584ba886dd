"""API of the assessment: candidates' sent attempts with their results and advisers' notes,
and the question bank's versions. Recruitment advisers and partnership administrators only:
employers see a candidate's result only through the profile their consent shares."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.audit import audit_read
from oneworkforce.recruitment.assessment import selectors
from oneworkforce.recruitment.assessment.models import AdviserNote, Attempt, BankVersion, Level
from oneworkforce.recruitment.models import Candidate


class MeasureScoreSerializer(serializers.Serializer[Any]):
    measure = serializers.CharField()
    points = serializers.IntegerField()
    maximum = serializers.IntegerField()
    band = serializers.ChoiceField(choices=["strong", "developing", "concern"])


class ReasonSerializer(serializers.Serializer[Any]):
    measure = serializers.CharField()
    band = serializers.ChoiceField(choices=["strong", "developing", "concern"])


class RecommendationsSerializer(serializers.Serializer[Any]):
    training = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of the training subjects reference list."
    )
    next_steps = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of the bank version's steps."
    )
    placements = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of the bank version's placement kinds."
    )
    roles = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of the job roles reference list."
    )


class ResultSerializer(serializers.Serializer[Any]):
    scores = MeasureScoreSerializer(many=True)
    reasons = ReasonSerializer(many=True)
    recommendations = RecommendationsSerializer()


class AdviserNoteSerializer(serializers.ModelSerializer[AdviserNote]):
    class Meta:
        model = AdviserNote
        fields = ["written_at", "text"]


class AttemptSerializer(serializers.ModelSerializer[Attempt]):
    candidate: serializers.SlugRelatedField[Candidate] = serializers.SlugRelatedField(
        slug_field="reference", read_only=True
    )
    bank_version: serializers.SlugRelatedField[BankVersion] = serializers.SlugRelatedField(
        slug_field="number", read_only=True
    )
    result = ResultSerializer(read_only=True)
    notes = AdviserNoteSerializer(many=True, read_only=True)

    class Meta:
        model = Attempt
        fields = [
            "id", "candidate", "bank_version", "language", "started_at", "submitted_at",
            "level", "result", "notes",
        ]  # fmt: skip


class BankVersionSerializer(serializers.ModelSerializer[BankVersion]):
    document = serializers.JSONField(
        help_text="The whole bank: questions in every language, scoring, recommendations."
    )

    class Meta:
        model = BankVersion
        fields = ["number", "status", "published_at", "change_note", "document"]


def _require_assessor(request: Request) -> None:
    if not actor_for_request(request).has_role(*selectors.READERS):
        raise PermissionDenied()


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("candidate", str, description="A candidate's reference"),
            OpenApiParameter("level", str, enum=Level.values),
        ]
    )
)
class AttemptViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Attempt]
):
    """Sent assessments, newest first, with results and advisers' notes."""

    serializer_class = AttemptSerializer
    queryset = Attempt.objects.none()

    def get_queryset(self) -> QuerySet[Attempt]:
        _require_assessor(self.request)
        attempts = (
            selectors.attempts_visible_to(actor=actor_for_request(self.request))
            .filter(submitted_at__isnull=False)
            .prefetch_related("notes")
            .order_by("-submitted_at", "-pk")
        )
        reference = self.request.query_params.get("candidate")
        if reference:
            attempts = attempts.filter(candidate__reference=reference)
        level = self.request.query_params.get("level")
        if level:
            attempts = attempts.filter(level=level)
        return attempts

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        attempt = self.get_object()
        audit_read(
            actor=actor_for_request(request),
            record=attempt,
            record_organisation_id=None,
            occurred_at=timezone.now(),
        )
        return Response(self.get_serializer(attempt).data)


class BankVersionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[BankVersion]
):
    """The question bank's versions, newest first; a published one never changes."""

    serializer_class = BankVersionSerializer
    queryset = BankVersion.objects.none()
    lookup_field = "number"
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[BankVersion]:
        _require_assessor(self.request)
        return selectors.bank_versions(actor=actor_for_request(self.request))


__all__ = ["AttemptViewSet", "BankVersionViewSet"]
