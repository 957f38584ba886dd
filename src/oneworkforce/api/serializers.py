from __future__ import annotations

from rest_framework import serializers

from oneworkforce.partners.models import Organisation, OrganisationKind, Site


class SiteSerializer(serializers.ModelSerializer[Site]):
    class Meta:
        model = Site
        fields = [
            "id",
            "organisation",
            "name",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "latitude",
            "longitude",
            "local_authority_code",
            "cqc_location_id",
        ]
        read_only_fields = ["latitude", "longitude", "local_authority_code"]


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    sector = serializers.CharField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "sector",
            "cqc_provider_id",
            "ods_code",
            "ascwds_workplace_id",
            "is_active",
        ]
        read_only_fields = ["is_active"]


class OrganisationCreateSerializer(serializers.Serializer[Organisation]):
    """The same rules as the web form: identifiers are stored in upper case."""

    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)
    cqc_provider_id = serializers.RegexField(
        r"^1-\d{6,11}$", required=False, default="", allow_blank=True
    )
    ods_code = serializers.RegexField(
        r"^[A-Za-z0-9]{3,6}$", required=False, default="", allow_blank=True
    )
    ascwds_workplace_id = serializers.RegexField(
        r"^[A-Za-z]?\d{6,8}$", required=False, default="", allow_blank=True
    )

    def validate_name(self, value: str) -> str:
        return " ".join(value.split())

    def validate_ods_code(self, value: str) -> str:
        return value.upper()

    def validate_ascwds_workplace_id(self, value: str) -> str:
        return value.upper()


class PostcodeSerializer(serializers.Serializer[object]):
    postcode = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    local_authority_code = serializers.CharField(allow_null=True)
    local_authority_name = serializers.CharField(allow_null=True)


class DistanceSerializer(serializers.Serializer[object]):
    origin = serializers.CharField()
    destination = serializers.CharField()
    kilometres = serializers.FloatField()
