"""``/api/organisations/`` and ``/api/sites/``: what a token sees, and what it may add."""

import pytest
from django.urls import reverse

from oneworkforce.api.serializers import OrganisationCreateSerializer
from oneworkforce.partners.access import NOT_ALLOWED
from oneworkforce.partners.models import AuditEvent, Organisation, Role
from oneworkforce.partners.services import IDENTIFIER_TAKEN, ORGANISATION_NAME_TAKEN
from oneworkforce.partners.tests.factories import (
    OrganisationFactory,
    SiteFactory,
    api_token_for,
    token_header,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS = reverse("api:organisation-list")
SITES = reverse("api:site-list")


@pytest.fixture
def admin_key(partnership):
    return api_token_for(organisation=partnership, role=Role.PARTNERSHIP_ADMIN)[1]


@pytest.fixture
def employer_key(employer_organisation):
    return api_token_for(organisation=employer_organisation, role=Role.EMPLOYER_USER)[1]


def names(response):
    return [item["name"] for item in response.json()["results"]]


class TestOrganisationList:
    def test_an_employer_token_sees_only_its_own_organisation(
        self, client, employer_key, employer_organisation, other_organisation
    ):
        response = client.get(ORGANISATIONS, **token_header(employer_key))

        assert names(response) == [employer_organisation.name]

    def test_an_administrators_token_sees_every_partner(
        self, client, admin_key, partnership, employer_organisation, other_organisation
    ):
        response = client.get(ORGANISATIONS, **token_header(admin_key))

        assert sorted(names(response)) == sorted(
            [partnership.name, employer_organisation.name, other_organisation.name]
        )

    def test_gives_each_partners_kind_sector_and_identifiers(
        self, client, employer_key, employer_organisation
    ):
        employer_organisation.cqc_provider_id = "1-101613245"
        employer_organisation.save()

        (item,) = client.get(ORGANISATIONS, **token_header(employer_key)).json()["results"]

        assert item == {
            "id": employer_organisation.pk,
            "name": employer_organisation.name,
            "kind": "care_home_provider",
            "sector": "social_care",
            "cqc_provider_id": "1-101613245",
            "ods_code": "",
            "ascwds_workplace_id": "",
            "is_active": True,
        }

    def test_an_employer_token_cannot_open_another_partner(
        self, client, employer_key, other_organisation
    ):
        response = client.get(
            reverse("api:organisation-detail", args=[other_organisation.pk]),
            **token_header(employer_key),
        )

        assert response.status_code == 404


class TestSiteList:
    def test_an_employer_token_sees_only_its_own_sites(
        self, client, employer_key, employer_organisation, other_organisation
    ):
        own = SiteFactory(organisation=employer_organisation)
        SiteFactory(organisation=other_organisation)

        response = client.get(SITES, **token_header(employer_key))

        assert [item["id"] for item in response.json()["results"]] == [own.pk]

    def test_an_administrators_token_sees_every_site(
        self, client, admin_key, employer_organisation, other_organisation
    ):
        sites = [
            SiteFactory(organisation=employer_organisation),
            SiteFactory(organisation=other_organisation),
        ]

        response = client.get(SITES, **token_header(admin_key))

        assert sorted(item["id"] for item in response.json()["results"]) == sorted(
            site.pk for site in sites
        )


class TestOrganisationCreate:
    def test_an_administrators_token_adds_a_partner(self, client, admin_key):
        response = client.post(
            ORGANISATIONS,
            {"name": "Russells Hall Hospital", "kind": "nhs_trust", "ods_code": "RNA"},
            content_type="application/json",
            **token_header(admin_key),
        )

        assert response.status_code == 201
        assert response.json()["sector"] == "health"
        assert Organisation.objects.filter(name="Russells Hall Hospital", ods_code="RNA").exists()
        assert AuditEvent.objects.get().actor_label.startswith("API token #")

    def test_refuses_an_employer_token(self, client, employer_key):
        organisations_before = Organisation.objects.count()

        response = client.post(
            ORGANISATIONS,
            {"name": "Russells Hall Hospital", "kind": "nhs_trust"},
            content_type="application/json",
            **token_header(employer_key),
        )

        assert response.status_code == 403
        assert response.json() == {"errors": [{"field": None, "message": NOT_ALLOWED}]}
        assert Organisation.objects.count() == organisations_before

    def test_names_each_malformed_field_and_adds_nothing(self, client, admin_key):
        organisations_before = Organisation.objects.count()
        messages = OrganisationCreateSerializer().fields

        response = client.post(
            ORGANISATIONS,
            {"kind": "castle"},
            content_type="application/json",
            **token_header(admin_key),
        )

        assert response.status_code == 400
        assert sorted(response.json()["errors"], key=lambda error: error["field"]) == [
            {
                "field": "kind",
                "message": messages["kind"].error_messages["invalid_choice"].format(input="castle"),
            },
            {"field": "name", "message": messages["name"].error_messages["required"]},
        ]
        assert Organisation.objects.count() == organisations_before
        assert not AuditEvent.objects.exists()

    def test_names_a_taken_name_and_adds_nothing(self, client, admin_key, employer_organisation):
        organisations_before = Organisation.objects.count()

        response = client.post(
            ORGANISATIONS,
            {"name": employer_organisation.name.lower(), "kind": "care_home_provider"},
            content_type="application/json",
            **token_header(admin_key),
        )

        assert response.status_code == 400
        assert response.json() == {
            "errors": [
                {
                    "field": "name",
                    "message": ORGANISATION_NAME_TAKEN.format(
                        name=employer_organisation.name.lower()
                    ),
                }
            ]
        }
        assert Organisation.objects.count() == organisations_before
        assert not AuditEvent.objects.exists()

    def test_refuses_an_ods_code_already_taken_in_another_case(self, client, admin_key):
        trust = OrganisationFactory(name="Dudley Group NHS Foundation Trust", ods_code="RNA")
        organisations_before = Organisation.objects.count()

        response = client.post(
            ORGANISATIONS,
            {"name": "Russells Hall Hospital", "kind": "nhs_trust", "ods_code": "rna"},
            content_type="application/json",
            **token_header(admin_key),
        )

        assert response.status_code == 400
        assert response.json() == {
            "errors": [
                {
                    "field": "ods_code",
                    "message": IDENTIFIER_TAKEN.format(
                        label="NHS ODS code", value="RNA", other=trust.name
                    ),
                }
            ]
        }
        assert Organisation.objects.count() == organisations_before

    def test_refuses_a_body_that_is_not_json(self, client, admin_key):
        response = client.post(
            ORGANISATIONS, "{not json", content_type="application/json", **token_header(admin_key)
        )

        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] is None
