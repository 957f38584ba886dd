"""The first API endpoints: organisations, sites, postcode look-ups and distances."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from oneworkforce.api import serializers
from oneworkforce.partners import selectors as partners_selectors
from oneworkforce.partners import services as partners_services
from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.models import Organisation, Site
from oneworkforce.reference import postcodes


class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Organisation]
):
    """Partner organisations: every partner for a partnership administrator's token, otherwise
    the token's own organisation."""

    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return partners_selectors.organisations_visible_to(
            actor=actor_for_request(self.request)
        ).order_by("name")

    @extend_schema(
        request=serializers.OrganisationCreateSerializer,
        responses={201: serializers.OrganisationSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = serializers.OrganisationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        organisation = partners_services.organisation_create(
            actor=actor_for_request(request), created_at=timezone.now(), **payload.validated_data
        )
        return Response(
            serializers.OrganisationSerializer(organisation).data, status=status.HTTP_201_CREATED
        )


class SiteViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Site]):
    """Sites of the organisations the token may see."""

    serializer_class = serializers.SiteSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return partners_selectors.sites_visible_to(actor=actor_for_request(self.request)).order_by(
            "organisation__name", "name"
        )


def _lookup(text: str, field: str) -> postcodes.Postcode:
    try:
        return postcodes.lookup(text)
    except (postcodes.InvalidPostcode, postcodes.UnknownPostcode) as error:
        raise ValidationError({field: [str(error)]}) from error


@extend_schema(responses=serializers.PostcodeSerializer)
@api_view(["GET"])
@permission_classes([])
def postcode_detail(request: Request, postcode: str) -> Response:
    """A UK postcode's coordinates and local authority. Public reference data."""
    place = _lookup(postcode, "postcode")
    return Response(serializers.PostcodeSerializer(place).data)


@extend_schema(
    parameters=[
        OpenApiParameter("from", str, required=True, description="A postcode, like DY1 1HF"),
        OpenApiParameter("to", str, required=True, description="A postcode, like B63 3BL"),
    ],
    responses=serializers.DistanceSerializer,
)
@api_view(["GET"])
@permission_classes([])
def postcode_distance(request: Request) -> Response:
    """Straight-line distance in kilometres between two postcodes."""
    missing = {
        name: ["Give a postcode, like DY1 1HF"]
        for name in ("from", "to")
        if not request.query_params.get(name)
    }
    if missing:
        raise ValidationError(missing)
    origin = _lookup(request.query_params["from"], "from")
    destination = _lookup(request.query_params["to"], "to")
    kilometres = postcodes.distance_km(origin.postcode, destination.postcode)
    return Response(
        {
            "origin": origin.postcode,
            "destination": destination.postcode,
            "kilometres": round(kilometres, 3),
        }
    )
