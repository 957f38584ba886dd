"""API of the projection and of saved scenarios (analysts and partnership administrators
only): every projected figure after disclosure control, as on the pages."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from oneworkforce.engines.projection import ProjectionInputError
from oneworkforce.intelligence.models import Scenario
from oneworkforce.intelligence.planning import selectors, services
from oneworkforce.partners.access import Actor, actor_for_request
from oneworkforce.reference.models import RoleGroup

__all__ = ["ScenarioViewSet", "projections"]

UNKNOWN_SCENARIO = "There is no scenario {key!r}; use 'baseline' or a scenario's id"


class DemandWeightsSerializer(serializers.Serializer[Any]):
    aged_65_84 = serializers.FloatField(min_value=0, max_value=1)
    aged_85_plus = serializers.FloatField(min_value=0, max_value=1)
    working_age = serializers.FloatField(min_value=0, max_value=1)

    def validate(self, attrs: dict[str, float]) -> dict[str, float]:
        if sum(attrs.values()) > 1:
            raise serializers.ValidationError(
                "The three weights are shares of demand: they must add up to 1 or less"
            )
        return attrs


class ScenarioSerializer(serializers.ModelSerializer[Scenario]):
    demand_weights = serializers.DictField(
        child=DemandWeightsSerializer(),
        required=False,
        help_text="Per role group, the shares of demand following each population; "
        "groups left out keep the documented defaults.",
    )
    assumptions = serializers.SerializerMethodField()

    class Meta:
        model = Scenario
        fields = [
            "id", "name", "description", "turnover_points", "extra_programme_starters",
            "international_factor", "external_factor", "retirement_factor",
            "demand_growth_factor", "demand_weights", "assumptions", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "assumptions", "created_at", "updated_at"]
        extra_kwargs = {
            "turnover_points": {"min_value": -50, "max_value": 50},
            "extra_programme_starters": {"min_value": 0, "max_value": 100_000},
            "international_factor": {"min_value": 0, "max_value": 5},
            "external_factor": {"min_value": 0, "max_value": 5},
            "retirement_factor": {"min_value": 0, "max_value": 5},
            "demand_growth_factor": {"min_value": 0, "max_value": 5},
        }

    def get_assumptions(self, scenario: Scenario) -> list[str]:
        return list(selectors.scenario_sentences(scenario))

    def validate_demand_weights(self, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - set(RoleGroup.values))
        if unknown:
            raise serializers.ValidationError(
                f"Unknown role groups: {', '.join(unknown)}; use {', '.join(RoleGroup.values)}"
            )
        return {group: dict(weights) for group, weights in value.items()}


class ScenarioViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Scenario],
):
    """Saved scenarios: changes to the baseline, named by the partnership's analysts."""

    serializer_class = ScenarioSerializer
    queryset = Scenario.objects.none()  # for the schema; requests are scoped below

    def _actor(self) -> Actor:
        actor = actor_for_request(self.request)
        if not selectors.may_plan(actor=actor):
            raise PermissionDenied()
        return actor

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.scenarios_visible_to(actor=self._actor())

    def _save(
        self, serializer: serializers.BaseSerializer[Scenario], instance: Scenario | None
    ) -> Scenario:
        values = dict(serializer.validated_data)
        name = values.pop("name", instance.name if instance else "")
        try:
            if instance is None:
                return services.scenario_create(
                    actor=self._actor(), name=name, values=values, created_at=timezone.now()
                )
            return services.scenario_update(
                actor=self._actor(),
                scenario=instance,
                name=name,
                values=values,
                changed_at=timezone.now(),
            )
        except services.PlanningError as error:
            raise serializers.ValidationError(
                {error.field or "non_field_errors": [error.message]}
            ) from error

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        scenario = self._save(serializer, None)
        return Response(self.get_serializer(scenario).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(
            instance, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        scenario = self._save(serializer, instance)
        return Response(self.get_serializer(scenario).data)

    def perform_destroy(self, instance: Scenario) -> None:
        services.scenario_delete(actor=self._actor(), scenario=instance, deleted_at=timezone.now())


class ProjectedRowSerializer(serializers.Serializer[Any]):
    role_group = serializers.CharField(source="label", help_text="Or Total")
    is_total = serializers.BooleanField()
    values = serializers.ListField(
        child=serializers.FloatField(allow_null=True),
        help_text="One figure per year; null where hidden to protect privacy.",
    )
    display = serializers.ListField(child=serializers.CharField())


class ProjectionSerializer(serializers.Serializer[Any]):
    scenario_id = serializers.IntegerField(allow_null=True, help_text="null for the baseline")
    name = serializers.CharField()
    assumptions = serializers.ListField(child=serializers.CharField())
    years = serializers.ListField(child=serializers.IntegerField(), source="protected.years")
    demand = ProjectedRowSerializer(many=True, source="protected.demand")
    supply = ProjectedRowSerializer(many=True, source="protected.supply")
    gap = ProjectedRowSerializer(many=True, source="protected.gap")
    note = serializers.CharField(source="protected.note")


@extend_schema(
    parameters=[
        OpenApiParameter(
            "scenario",
            str,
            many=True,
            description="'baseline' or a saved scenario's id; repeat to get several "
            "(the baseline when none is given)",
        )
    ],
    responses=ProjectionSerializer(many=True),
)
@api_view(["GET"])
def projections(request: Request) -> Response:
    """Demand, supply and the gap by role group and year, for each scenario asked for."""
    actor = actor_for_request(request)
    if not selectors.may_plan(actor=actor):
        raise PermissionDenied()
    keys = request.query_params.getlist("scenario") or ["baseline"]
    visible = selectors.scenarios_visible_to(actor=actor)
    chosen: list[Scenario | None] = []
    for key in keys:
        if key == "baseline":
            chosen.append(None)
            continue
        scenario = visible.filter(pk=int(key)).first() if key.isdigit() else None
        if scenario is None:
            raise NotFound(UNKNOWN_SCENARIO.format(key=key))
        chosen.append(scenario)
    try:
        base = selectors.baseline_for(actor=actor, as_of=None, today=timezone.localdate())
        plans = selectors.planned_many(base=base, scenarios=chosen)
    except (selectors.PlanningUnavailable, ProjectionInputError) as error:
        raise serializers.ValidationError({"non_field_errors": [str(error)]}) from error
    return Response(ProjectionSerializer(plans, many=True).data)
