"""Adding a site: a real postcode, a name unique within the partner, a unique CQC location."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from oneworkforce.partners import services
from oneworkforce.partners.models import AuditAction, AuditEvent, Site
from oneworkforce.partners.services import IDENTIFIER_TAKEN, SITE_NAME_TAKEN
from oneworkforce.partners.tests.conftest import shows
from oneworkforce.partners.tests.factories import DUDLEY, SiteFactory
from oneworkforce.reference.postcodes import NOT_A_POSTCODE, UNKNOWN_POSTCODE

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
# Well formed, in Dudley's DY1 sector, but never issued.
UNISSUED_POSTCODE = "DY1 9ZX"


def add_site(actor, organisation, **fields):
    values = {
        "name": "Netherton Lodge",
        "address_line_1": "1 Halesowen Road",
        "town": "Netherton",
        "postcode": "DY1 1HF",
    }
    return services.site_create(
        actor=actor, organisation=organisation, created_at=NOW, **{**values, **fields}
    )


class TestSiteCreate:
    def test_places_the_site_from_its_postcode(self, admin_actor, employer_organisation):
        site = add_site(admin_actor, employer_organisation, postcode="dy11hf")

        assert site.postcode == "DY1 1HF"
        assert site.local_authority_code == DUDLEY
        assert site.latitude == pytest.approx(52.512, abs=0.001)

    def test_records_the_new_site_in_the_audit_log(self, admin_actor, employer_organisation):
        site = add_site(admin_actor, employer_organisation)

        event = AuditEvent.objects.get()
        assert (event.action, event.record_type, event.record_id) == (
            AuditAction.CREATED,
            "partners.site",
            str(site.pk),
        )
        assert event.record_organisation == employer_organisation

    def test_refuses_a_postcode_that_was_never_issued(self, admin_actor, employer_organisation):
        with pytest.raises(services.PartnersError) as refusal:
            add_site(admin_actor, employer_organisation, postcode=UNISSUED_POSTCODE)

        assert refusal.value.message == UNKNOWN_POSTCODE.format(postcode=UNISSUED_POSTCODE)
        assert refusal.value.field == "postcode"
        assert not Site.objects.exists()
        assert not AuditEvent.objects.exists()

    def test_refuses_text_that_is_not_a_postcode(self, admin_actor, employer_organisation):
        with pytest.raises(services.PartnersError) as refusal:
            add_site(admin_actor, employer_organisation, postcode="Dudley")

        assert refusal.value.message == NOT_A_POSTCODE
        assert not Site.objects.exists()

    def test_refuses_a_second_site_of_the_same_name_at_one_partner(
        self, admin_actor, employer_organisation
    ):
        SiteFactory(organisation=employer_organisation, name="Netherton Lodge")

        with pytest.raises(services.PartnersError) as refusal:
            add_site(admin_actor, employer_organisation, name="NETHERTON LODGE")

        assert refusal.value.message == SITE_NAME_TAKEN.format(
            organisation=employer_organisation.name, name="NETHERTON LODGE"
        )
        assert Site.objects.count() == 1
        assert not AuditEvent.objects.exists()

    def test_allows_the_same_site_name_at_another_partner(
        self, admin_actor, employer_organisation, other_organisation
    ):
        SiteFactory(organisation=other_organisation, name="Netherton Lodge")

        add_site(admin_actor, employer_organisation, name="Netherton Lodge")

        assert Site.objects.filter(name="Netherton Lodge").count() == 2

    def test_refuses_a_cqc_location_id_another_site_has(
        self, admin_actor, employer_organisation, other_organisation
    ):
        SiteFactory(organisation=other_organisation, cqc_location_id="1-112233445")

        with pytest.raises(services.PartnersError) as refusal:
            add_site(admin_actor, employer_organisation, cqc_location_id="1-112233445")

        assert refusal.value.message == IDENTIFIER_TAKEN.format(
            label="CQC location ID", value="1-112233445", other="another site"
        )
        assert Site.objects.count() == 1


class TestSiteCreatePage:
    def post(self, client, organisation, postcode):
        return client.post(
            reverse("partners:site-create", args=[organisation.pk]),
            {
                "name": "Netherton Lodge",
                "address_line_1": "1 Halesowen Road",
                "town": "Netherton",
                "postcode": postcode,
            },
        )

    def test_adds_the_site_and_returns_to_the_partner(self, admin_client, employer_organisation):
        response = self.post(admin_client, employer_organisation, "DY1 1HF")

        assert response.url == reverse(
            "partners:organisation-detail", args=[employer_organisation.pk]
        )
        assert employer_organisation.sites.get().postcode == "DY1 1HF"

    def test_names_the_unknown_postcode_and_adds_nothing(self, admin_client, employer_organisation):
        response = self.post(admin_client, employer_organisation, "dy1 9zx")

        assert response.status_code == 200
        assert shows(response, UNKNOWN_POSTCODE.format(postcode=UNISSUED_POSTCODE))
        assert not Site.objects.exists()
        assert not AuditEvent.objects.exists()

    def test_asks_for_a_real_postcode_when_given_something_else(
        self, admin_client, employer_organisation
    ):
        response = self.post(admin_client, employer_organisation, "DUDLEY")

        assert shows(response, NOT_A_POSTCODE)
        assert not Site.objects.exists()
