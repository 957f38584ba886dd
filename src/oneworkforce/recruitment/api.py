"""API of the candidate register: the same people the pages show, through the same selector.

A recruitment adviser reads every candidate; an employer's user or token reads a candidate
only while that candidate's current consent names the employer, so a withdrawal removes them
from the next answer. Support needs, benefits, date of birth and equality answers are never
in the API.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.audit import audit_read
from oneworkforce.partners.models import Role
from oneworkforce.recruitment import selectors
from oneworkforce.recruitment.models import Candidate

SEES_CANDIDATES = (Role.RECRUITMENT_ADVISER, Role.EMPLOYER_USER)


class CandidateSerializer(serializers.ModelSerializer[Candidate]):
    qualifications = serializers.SlugRelatedField[Any](slug_field="key", many=True, read_only=True)
    settings_of_interest = serializers.ListField(child=serializers.CharField())
    roles_of_interest = serializers.ListField(child=serializers.CharField())
    availability = serializers.ListField(
        child=serializers.CharField(), help_text='Cells of the weekly grid, like "mon:early".'
    )
    languages = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Candidate
        fields = [
            "id", "reference", "full_name", "email", "phone", "contact_method", "language",
            "postcode", "settings_of_interest", "roles_of_interest", "hours_wanted",
            "availability", "travel_mode", "max_travel_miles", "languages", "driving_licence",
            "has_car", "right_to_work", "dbs_status", "dbs_level", "qualifications",
            "paid_care_experience", "unpaid_care_experience", "cares_for_family",
        ]  # fmt: skip
        read_only_fields = fields


class CandidateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Candidate]
):
    """Candidates: all of them for recruitment advisers, and for an employer only those whose
    current consent names it."""

    serializer_class = CandidateSerializer
    # For the schema only; requests are scoped in get_queryset.
    queryset = Candidate.objects.none()

    def get_queryset(self):  # type: ignore[no-untyped-def]
        actor = actor_for_request(self.request)
        if not actor.has_role(*SEES_CANDIDATES):
            raise PermissionDenied()
        return (
            selectors.candidates_visible_to(actor=actor)
            .prefetch_related("qualifications")
            .order_by("pk")
        )

    @extend_schema(responses=CandidateSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        candidate = self.get_object()
        audit_read(
            actor=actor_for_request(request),
            record=candidate,
            record_organisation_id=None,
            occurred_at=timezone.now(),
        )
        return Response(self.get_serializer(candidate).data)
