"""API of workforce returns (upload, status, report) and of the protected metrics."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from oneworkforce.intelligence import selectors, services
from oneworkforce.intelligence.models import ReturnFormat, WorkforceReturn
from oneworkforce.intelligence.views.dashboard import READERS, dashboard_figures, query_from
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.models import Role


class ReturnIssueSerializer(serializers.Serializer[Any]):
    kind = serializers.SerializerMethodField()
    line = serializers.IntegerField(allow_null=True)
    column = serializers.CharField()
    value = serializers.CharField()
    message = serializers.CharField()

    def get_kind(self, issue: Any) -> str:
        return "error" if issue.is_error else "warning"


class WorkforceReturnSerializer(serializers.ModelSerializer[WorkforceReturn]):
    organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    issues = serializers.SerializerMethodField()

    class Meta:
        model = WorkforceReturn
        fields = [
            "id", "organisation", "format", "reporting_date", "status", "file_name", "file_size",
            "received_at", "accepted_at", "row_count", "error_count", "warning_count", "issues",
        ]  # fmt: skip

    def get_issues(self, workforce_return: WorkforceReturn) -> list[dict[str, Any]] | None:
        """Every problem found, for the partner's own users only (null for others)."""
        actor = self.context["actor"]
        if not selectors.may_see_records(actor=actor, workforce_return=workforce_return):
            return None
        issues = selectors.issues_of(actor=actor, workforce_return=workforce_return)
        return ReturnIssueSerializer(issues, many=True).data  # type: ignore[return-value]


class ReturnUploadSerializer(serializers.Serializer[Any]):
    organisation = serializers.IntegerField()
    file_format = serializers.ChoiceField(choices=ReturnFormat.choices)
    reporting_date = serializers.DateField()
    file = serializers.FileField()


class WorkforceReturnViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[WorkforceReturn]
):
    """Workforce returns: a partner's own (every partner's status for an administrator)."""

    serializer_class = WorkforceReturnSerializer
    parser_classes = [MultiPartParser, FormParser]
    # For the schema only (ids are UUIDs); requests are scoped in get_queryset.
    queryset = WorkforceReturn.objects.none()

    def _require_uploader(self) -> None:
        if not actor_for_request(self.request).has_role(Role.EMPLOYER_USER, Role.PARTNERSHIP_ADMIN):
            raise PermissionDenied()

    def get_queryset(self):  # type: ignore[no-untyped-def]
        self._require_uploader()
        return selectors.returns_visible_to(actor=actor_for_request(self.request)).order_by(
            "-received_at"
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "actor": actor_for_request(self.request)}

    @extend_schema(request=ReturnUploadSerializer, responses={202: WorkforceReturnSerializer})
    def create(self, request: Request) -> Response:
        """Upload a return; it is checked in the background (poll its status)."""
        self._require_uploader()
        actor = actor_for_request(request)
        payload = ReturnUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        organisation = (
            selectors.organisations_uploading_for(actor=actor)
            .filter(pk=payload.validated_data["organisation"])
            .first()
        )
        if organisation is None:
            raise serializers.ValidationError(
                {"organisation": ["You cannot upload a return for that organisation."]}
            )
        upload = payload.validated_data["file"]
        workforce_return, _ = services.return_upload(
            actor=actor,
            organisation=organisation,
            file_format=payload.validated_data["file_format"],
            reporting_date=payload.validated_data["reporting_date"],
            file_name=upload.name,
            content=upload.read(),
            uploaded_at=timezone.now(),
        )
        body = WorkforceReturnSerializer(workforce_return, context=self.get_serializer_context())
        return Response(body.data, status=status.HTTP_202_ACCEPTED)


class MetricRowSerializer(serializers.Serializer[Any]):
    labels = serializers.ListField(child=serializers.CharField())
    display = serializers.CharField(help_text="The figure, or [c] where it is hidden.")
    value = serializers.FloatField(allow_null=True)
    is_total = serializers.BooleanField()


class MetricSerializer(serializers.Serializer[Any]):
    id = serializers.CharField(source="definition.id")
    title = serializers.CharField(source="definition.title")
    definition = serializers.CharField(source="definition.definition")
    unit = serializers.CharField(source="definition.unit")
    as_of = serializers.DateField()
    dimensions = serializers.ListField(child=serializers.CharField())
    rows = MetricRowSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())


@extend_schema(
    parameters=[
        OpenApiParameter("period", str, description="A reporting date, like 2026-03-31"),
        OpenApiParameter("by", str, description="sector, organisation_kind, role_group, ..."),
        OpenApiParameter("sector", str, description="health or social_care"),
    ],
    responses=MetricSerializer(many=True),
)
@api_view(["GET"])
def workforce_metrics(request: Request) -> Response:
    """Every workforce metric of the partnership, after disclosure control."""
    actor = actor_for_request(request)
    if not actor.has_role(*READERS):
        raise PermissionDenied()
    _, figures = dashboard_figures(actor, query_from(request))
    return Response(
        MetricSerializer([figure.result for figure in figures.values()], many=True).data
    )


__all__ = ["WorkforceReturnViewSet", "workforce_metrics"]
