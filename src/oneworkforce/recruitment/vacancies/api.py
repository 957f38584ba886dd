"""API of vacancies: every member of staff reads what they may see; an employer's token
posts and changes its own organisation's vacancies."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from oneworkforce.partners.access import actor_for_request
from oneworkforce.partners.models import Role, Site
from oneworkforce.recruitment.vacancies import selectors, services
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.models import (
    Campaign,
    CharterPoint,
    CheckLevel,
    ContractType,
    NhsBand,
    PayKind,
    Setting,
    SickPay,
    Vacancy,
)
from oneworkforce.reference.models import JobRole, Qualification

SHIFTS_HELP = (
    "Days and shifts worked, like mon-early, sat-night (days mon..sun; early, late, night)"
)


class VacancySerializer(serializers.ModelSerializer[Vacancy]):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    job_role: serializers.SlugRelatedField[JobRole] = serializers.SlugRelatedField(
        slug_field="key", read_only=True
    )
    qualifications: serializers.SlugRelatedField[Qualification] = serializers.SlugRelatedField(
        slug_field="key", many=True, read_only=True
    )
    campaigns: serializers.SlugRelatedField[Campaign] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    shifts = serializers.SerializerMethodField(help_text=SHIFTS_HELP)
    charter_points = serializers.ListField(child=serializers.ChoiceField(CharterPoint.choices))

    class Meta:
        model = Vacancy
        fields = [
            "id", "organisation", "organisation_name", "site", "job_role", "title", "description",
            "pay_kind", "hourly_rate", "nhs_band", "salary_from", "salary_to", "contract_type",
            "hours_per_week", "shifts", "setting", "qualifications", "needs_driving_licence",
            "needs_car", "check_level", "minimum_age", "closing_date", "posts",
            "guaranteed_hours", "paid_travel_time", "sick_pay", "charter_points", "campaigns",
            "status", "posted_at", "closed_date", "filled_date", "withdrawn_date",
        ]  # fmt: skip
        read_only_fields = fields

    def get_shifts(self, vacancy: Vacancy) -> list[str]:
        return week.slots_of(vacancy.shifts)


class VacancyWriteSerializer(serializers.Serializer[Any]):
    """A vacancy's details; on a partial update, fields left out keep their values."""

    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.all())
    job_role = serializers.SlugRelatedField(slug_field="key", queryset=JobRole.objects.all())
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=5000)
    pay_kind = serializers.ChoiceField(PayKind.choices)
    hourly_rate = serializers.DecimalField(
        max_digits=6, decimal_places=2, required=False, allow_null=True
    )
    nhs_band = serializers.ChoiceField(NhsBand.choices, required=False, allow_blank=True)
    salary_from = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    salary_to = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    contract_type = serializers.ChoiceField(ContractType.choices)
    hours_per_week = serializers.DecimalField(max_digits=4, decimal_places=1)
    shifts = serializers.ListField(
        child=serializers.ChoiceField(week.SLOT_KEYS), allow_empty=False, help_text=SHIFTS_HELP
    )
    setting = serializers.ChoiceField(Setting.choices)
    qualifications = serializers.SlugRelatedField(
        slug_field="key", many=True, queryset=Qualification.objects.all(), required=False
    )
    needs_driving_licence = serializers.BooleanField(required=False)
    needs_car = serializers.BooleanField(required=False)
    check_level = serializers.ChoiceField(CheckLevel.choices)
    minimum_age = serializers.IntegerField(required=False)
    closing_date = serializers.DateField()
    posts = serializers.IntegerField(required=False)
    guaranteed_hours = serializers.BooleanField(required=False)
    paid_travel_time = serializers.BooleanField(required=False)
    sick_pay = serializers.ChoiceField(SickPay.choices)
    charter_points = serializers.ListField(
        child=serializers.ChoiceField(CharterPoint.choices), required=False
    )
    campaigns = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Campaign.objects.all(), required=False
    )

    def details(self, base: services.VacancyDetails | None = None) -> services.VacancyDetails:
        data = dict(self.validated_data)
        if "shifts" in data:
            data["shifts"] = week.mask_of(data["shifts"])
        if base is not None:
            return replace(base, **data)
        return services.VacancyDetails(**data)


def details_of(vacancy: Vacancy) -> services.VacancyDetails:
    """A vacancy's current details, for a partial update to start from."""
    names = set(services.VacancyDetails.__dataclass_fields__)
    values = {name: getattr(vacancy, name) for name in names}
    values["qualifications"] = list(vacancy.qualifications.all())
    values["campaigns"] = list(vacancy.campaigns.all())
    return services.VacancyDetails(**values)


class VacancyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Vacancy],
):
    """Vacancies: every open one, and the others of the caller's organisation (all of them for
    the partnership's central team). Only an employer token writes, for its own organisation."""

    serializer_class = VacancySerializer
    queryset = Vacancy.objects.none()  # for the schema; requests are scoped in get_queryset

    def get_queryset(self):  # type: ignore[no-untyped-def]
        actor = actor_for_request(self.request)
        if not actor.roles:
            raise PermissionDenied()
        return (
            selectors.vacancies_visible_to(actor=actor, on_date=timezone.localdate())
            .prefetch_related("qualifications", "campaigns")
            .order_by("-posted_at", "pk")
        )

    def _employer(self) -> Any:
        actor = actor_for_request(self.request)
        if not actor.has_role(Role.EMPLOYER_USER):
            raise PermissionDenied()
        return actor

    def _payload(self, request: Request, *, partial: bool) -> VacancyWriteSerializer:
        payload = VacancyWriteSerializer(data=request.data, partial=partial)
        payload.is_valid(raise_exception=True)
        return payload

    def _answer(self, vacancy: Vacancy, code: int) -> Response:
        return Response(VacancySerializer(vacancy).data, status=code)

    @extend_schema(request=VacancyWriteSerializer, responses={201: VacancySerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Post an open vacancy at one of the token's organisation's sites."""
        actor = self._employer()
        details = self._payload(request, partial=False).details()
        vacancy = services.vacancy_post(actor=actor, details=details, posted_at=timezone.now())
        return self._answer(vacancy, status.HTTP_201_CREATED)

    @extend_schema(request=VacancyWriteSerializer, responses=VacancySerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change an open vacancy of the token's organisation (PATCH sends only changes)."""
        actor = self._employer()
        vacancy = self.get_object()
        if not selectors.may_change(actor=actor, vacancy=vacancy):
            raise PermissionDenied()
        partial = kwargs.get("partial", False)
        details = self._payload(request, partial=partial).details(
            details_of(vacancy) if partial else None
        )
        vacancy = services.vacancy_update(
            actor=actor, vacancy=vacancy, details=details, updated_at=timezone.now()
        )
        return self._answer(vacancy, status.HTTP_200_OK)


__all__ = ["VacancySerializer", "VacancyViewSet", "VacancyWriteSerializer"]
