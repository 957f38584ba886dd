"""API of the pipeline: applications with their dated stages and checks, through the same
scoping selector as the pages (an employer never sees a suggested candidate whose consent no
longer names it); one action per stage move, each refusing what the page refuses; and
placements, which every member of staff may read."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.audit import audit_read
from oneworkforce.partners.models import Role
from oneworkforce.recruitment.pipeline import selectors, services
from oneworkforce.recruitment.pipeline.models import (
    Application,
    CheckKind,
    CheckStatus,
    EmploymentCheck,
    NextActor,
    Placement,
    RejectionReason,
    StageChange,
)
from oneworkforce.reference.models import JobRole

MOVERS = (Role.RECRUITMENT_ADVISER, Role.EMPLOYER_USER)


class StageChangeSerializer(serializers.ModelSerializer[StageChange]):
    class Meta:
        model = StageChange
        fields = ["stage", "entered_at"]
        read_only_fields = fields


class EmploymentCheckSerializer(serializers.ModelSerializer[EmploymentCheck]):
    class Meta:
        model = EmploymentCheck
        fields = ["kind", "status", "status_date", "next_actor", "note"]
        read_only_fields = fields


class ApplicationSerializer(serializers.ModelSerializer[Application]):
    candidate_reference = serializers.CharField(source="candidate.reference", read_only=True)
    candidate_name = serializers.CharField(source="candidate.full_name", read_only=True)
    changes = StageChangeSerializer(many=True, read_only=True)
    checks = EmploymentCheckSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id", "vacancy", "candidate_reference", "candidate_name", "stage", "stage_at",
            "outcome", "reason", "reason_note", "ended_at", "adjustments", "interview_at",
            "interview_place", "offered_start_date", "started_date", "left_date", "changes",
            "checks",
        ]  # fmt: skip
        read_only_fields = fields


class InterviewSerializer(serializers.Serializer[Any]):
    interview_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=200)


class OfferSerializer(serializers.Serializer[Any]):
    start_date = serializers.DateField()


class CheckUpdateSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(CheckKind.choices)
    status = serializers.ChoiceField(CheckStatus.choices)
    next_actor = serializers.ChoiceField(NextActor.choices)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class StartSerializer(serializers.Serializer[Any]):
    started_date = serializers.DateField()


class RetentionSerializer(serializers.Serializer[Any]):
    months = serializers.ChoiceField([3, 6, 12])


class RejectSerializer(serializers.Serializer[Any]):
    reason = serializers.ChoiceField(RejectionReason.choices)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Application]
):
    """Applications to the caller's organisation's vacancies (all of them for recruitment
    advisers), each with its dated stages and pre-employment checks."""

    serializer_class = ApplicationSerializer
    queryset = Application.objects.none()  # for the schema; requests are scoped below

    def get_queryset(self):  # type: ignore[no-untyped-def]
        actor = actor_for_request(self.request)
        if not actor.has_role(*MOVERS):
            raise PermissionDenied()
        return (
            selectors.applications_visible_to(actor=actor)
            .prefetch_related("changes", "checks")
            .order_by("-stage_at", "pk")
        )

    @extend_schema(responses=ApplicationSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        application = self.get_object()
        audit_read(
            actor=actor_for_request(request),
            record=application,
            record_organisation_id=application.vacancy.organisation_id,
            occurred_at=timezone.now(),
        )
        return Response(self.get_serializer(application).data)

    def _move(self, request: Request, payload_class: type | None, move: Any) -> Response:
        application = self.get_object()
        data: dict[str, Any] = {}
        if payload_class is not None:
            payload = payload_class(data=request.data)
            payload.is_valid(raise_exception=True)
            data = dict(payload.validated_data)
        move(actor_for_request(request), application, data, timezone.now())
        fresh = self.get_queryset().get(pk=application.pk)  # type: ignore[no-untyped-call]
        return Response(ApplicationSerializer(fresh).data)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def shortlist(self, request: Request, pk: str) -> Response:
        """Move an application from applied to shortlisted."""
        return self._move(
            request,
            None,
            lambda actor, a, d, now: services.application_shortlist(
                actor=actor, application=a, shortlisted_at=now
            ),
        )

    @extend_schema(request=InterviewSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def interview(self, request: Request, pk: str) -> Response:
        """Book the interview and invite the candidate, in their language."""
        return self._move(
            request,
            InterviewSerializer,
            lambda actor, a, d, now: services.interview_book(
                actor=actor,
                application=a,
                interview_at=d["interview_at"],
                place=d["place"],
                booked_at=now,
            ),
        )

    @extend_schema(request=OfferSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def offer(self, request: Request, pk: str) -> Response:
        """Make an offer; refused when every post of the vacancy is already offered."""
        return self._move(
            request,
            OfferSerializer,
            lambda actor, a, d, now: services.offer_make(
                actor=actor, application=a, start_date=d["start_date"], offered_at=now
            ),
        )

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def checks(self, request: Request, pk: str) -> Response:
        """Open the six NHS Employment Check Standards checks."""
        return self._move(
            request,
            None,
            lambda actor, a, d, now: services.checks_begin(
                actor=actor, application=a, begun_at=now
            ),
        )

    @extend_schema(request=CheckUpdateSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="check")
    def check_update(self, request: Request, pk: str) -> Response:
        """Record one check's status and who acts next."""

        def move(actor: Any, application: Application, data: dict[str, Any], now: Any) -> None:
            check = application.checks.filter(kind=data["kind"]).first()
            if check is None:
                raise services.PipelineError(
                    services.STAGE_OUT_OF_ORDER.format(
                        current=application.get_stage_display(),
                        needed="Pre-employment checks",
                        wanted="a check is updated",
                    )
                )
            services.check_update(
                actor=actor,
                check=check,
                status=data["status"],
                next_actor=data["next_actor"],
                note=data["note"],
                updated_at=now,
            )

        return self._move(request, CheckUpdateSerializer, move)

    @extend_schema(request=StartSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str) -> Response:
        """Record the start; refused while any check is not cleared."""
        return self._move(
            request,
            StartSerializer,
            lambda actor, a, d, now: services.application_start(
                actor=actor, application=a, started_date=d["started_date"], recorded_at=now
            ),
        )

    @extend_schema(request=RetentionSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def retained(self, request: Request, pk: str) -> Response:
        """Record the person still in post at a 3, 6 or 12-month milestone that has come."""
        return self._move(
            request,
            RetentionSerializer,
            lambda actor, a, d, now: services.retention_confirm(
                actor=actor, application=a, months=int(d["months"]), recorded_at=now
            ),
        )

    @extend_schema(request=RejectSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        """Close the application as not successful, with a reason."""
        return self._move(
            request,
            RejectSerializer,
            lambda actor, a, d, now: services.application_reject(
                actor=actor, application=a, reason=d["reason"], note=d["note"], rejected_at=now
            ),
        )


class PlacementSerializer(serializers.ModelSerializer[Placement]):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    job_role: serializers.SlugRelatedField[JobRole] = serializers.SlugRelatedField(
        slug_field="key", read_only=True
    )

    class Meta:
        model = Placement
        fields = [
            "id", "organisation", "organisation_name", "site", "job_role", "title",
            "description", "start_date", "end_date", "places", "hourly_rate", "status",
        ]  # fmt: skip
        read_only_fields = fields


class PlacementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Placement]
):
    """Paid work placements partners offer: offers, not personal data, so any staff member
    or token reads them."""

    serializer_class = PlacementSerializer
    queryset = Placement.objects.none()

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if not actor_for_request(self.request).roles:
            raise PermissionDenied()
        return selectors.placements_for_staff()


__all__ = ["ApplicationSerializer", "ApplicationViewSet", "PlacementViewSet"]
