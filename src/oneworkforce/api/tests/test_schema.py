"""``/api/schema/``: a valid OpenAPI document of every endpoint."""

import pytest
from django.test import Client
from django.urls import reverse
from drf_spectacular.validation import validate_schema


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    """Generated once for the module: building the schema walks every endpoint."""
    with django_db_blocker.unblock():
        response = Client().get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


class TestSchema:
    def test_is_a_valid_openapi_document(self, schema):
        validate_schema(schema)

        assert schema["openapi"].startswith("3.")

    def test_lists_every_endpoint(self, schema):
        assert {
            "/api/organisations/",
            "/api/organisations/{id}/",
            "/api/sites/",
            "/api/sites/{id}/",
            "/api/postcodes/{postcode}/",
            "/api/postcodes/distance/",
        } <= set(schema["paths"])

    def test_describes_the_token_header(self, schema):
        scheme = schema["components"]["securitySchemes"]["organisationToken"]

        assert (scheme["type"], scheme["in"], scheme["name"]) == (
            "apiKey",
            "header",
            "Authorization",
        )
        assert {"organisationToken": []} in schema["paths"]["/api/organisations/"]["get"][
            "security"
        ]
