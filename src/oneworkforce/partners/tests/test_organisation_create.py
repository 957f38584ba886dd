"""Adding a partner organisation, by service and through its page."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from oneworkforce.partners import services
from oneworkforce.partners.access import NOT_ALLOWED, NotAllowed
from oneworkforce.partners.models import AuditAction, AuditEvent, Organisation, OrganisationKind
from oneworkforce.partners.services import IDENTIFIER_TAKEN, ORGANISATION_NAME_TAKEN
from oneworkforce.partners.tests.conftest import personal_content_in, shows
from oneworkforce.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


def create(actor, **fields):
    fields.setdefault("kind", OrganisationKind.NHS_TRUST)
    return services.organisation_create(actor=actor, created_at=NOW, **fields)


class TestOrganisationCreate:
    def test_adds_a_partner_with_its_national_identifiers(self, admin_actor):
        trust = create(
            admin_actor,
            name="Dudley Group NHS Foundation Trust",
            ods_code="RNA",
            cqc_provider_id="1-101613245",
        )

        assert Organisation.objects.get(ods_code="RNA") == trust
        assert (trust.cqc_provider_id, trust.sector) == ("1-101613245", "health")

    def test_records_who_created_it_when_and_nothing_personal(self, admin_actor, admin_user):
        trust = create(admin_actor, name="Dudley Group NHS Foundation Trust")

        event = AuditEvent.objects.get()
        assert (event.action, event.record_type, event.record_id) == (
            AuditAction.CREATED,
            "partners.organisation",
            str(trust.pk),
        )
        assert (event.actor, event.occurred_at, event.record_organisation) == (
            admin_user,
            NOW,
            trust,
        )
        assert personal_content_in(event, admin_user) == []

    def test_refuses_a_second_partner_with_the_same_name_in_another_case(self, admin_actor):
        OrganisationFactory(name="Dudley Group NHS Foundation Trust")
        organisations_before = Organisation.objects.count()

        with pytest.raises(services.PartnersError) as refusal:
            create(admin_actor, name="DUDLEY group nhs foundation trust")

        assert refusal.value.message == ORGANISATION_NAME_TAKEN.format(
            name="DUDLEY group nhs foundation trust"
        )
        assert refusal.value.field == "name"
        assert Organisation.objects.count() == organisations_before
        assert not AuditEvent.objects.exists()

    def test_refuses_a_second_partner_with_the_same_ods_code(self, admin_actor):
        OrganisationFactory(name="Dudley Group NHS Foundation Trust", ods_code="RNA")
        organisations_before = Organisation.objects.count()

        with pytest.raises(services.PartnersError) as refusal:
            create(admin_actor, name="Russells Hall Hospital", ods_code="RNA")

        assert refusal.value.message == IDENTIFIER_TAKEN.format(
            label="NHS ODS code", value="RNA", other="Dudley Group NHS Foundation Trust"
        )
        assert refusal.value.field == "ods_code"
        assert Organisation.objects.count() == organisations_before
        assert not AuditEvent.objects.exists()

    def test_refuses_a_second_partner_with_the_same_cqc_provider_id(self, admin_actor):
        OrganisationFactory(name="Netherton Lodge", cqc_provider_id="1-101613245")
        organisations_before = Organisation.objects.count()

        with pytest.raises(services.PartnersError) as refusal:
            create(admin_actor, name="Sedgley Lodge", cqc_provider_id="1-101613245")

        assert refusal.value.field == "cqc_provider_id"
        assert Organisation.objects.count() == organisations_before

    def test_allows_many_partners_without_identifiers(self, admin_actor):
        create(
            admin_actor, name="Brierley Hill Carers Centre", kind=OrganisationKind.VOLUNTARY_GROUP
        )

        create(admin_actor, name="Halesowen Age Concern", kind=OrganisationKind.VOLUNTARY_GROUP)

        assert Organisation.objects.filter(kind=OrganisationKind.VOLUNTARY_GROUP).count() == 2

    def test_refuses_someone_who_is_not_a_partnership_administrator(self, employer_actor):
        organisations_before = Organisation.objects.count()

        with pytest.raises(NotAllowed):
            create(employer_actor, name="Dudley Group NHS Foundation Trust")

        assert Organisation.objects.count() == organisations_before
        assert not AuditEvent.objects.exists()


class TestOrganisationCreatePage:
    url = reverse("partners:organisation-create")

    def test_adds_the_partner_and_opens_its_page(self, admin_client):
        response = admin_client.post(
            self.url,
            {
                "name": "  Dudley   Group NHS Foundation Trust ",
                "kind": "nhs_trust",
                "ods_code": "rna",
            },
        )

        trust = Organisation.objects.get(name="Dudley Group NHS Foundation Trust")
        assert response.url == reverse("partners:organisation-detail", args=[trust.pk])
        assert trust.ods_code == "RNA"

    def test_shows_that_the_name_is_taken_and_adds_nothing(
        self, admin_client, employer_organisation
    ):
        organisations_before = Organisation.objects.count()

        response = admin_client.post(
            self.url, {"name": employer_organisation.name.upper(), "kind": "care_home_provider"}
        )

        assert response.status_code == 200
        assert shows(
            response, ORGANISATION_NAME_TAKEN.format(name=employer_organisation.name.upper())
        )
        assert Organisation.objects.count() == organisations_before
        assert not AuditEvent.objects.exists()

    def test_shows_a_malformed_ods_code_and_adds_nothing(self, admin_client):
        response = admin_client.post(
            self.url, {"name": "Russells Hall Hospital", "kind": "nhs_trust", "ods_code": "R-N-A"}
        )

        assert shows(response, "Enter an ODS code of 3 to 6 letters and numbers, like RNA")
        assert not Organisation.objects.filter(name="Russells Hall Hospital").exists()

    def test_refuses_an_employer_user(self, employer_client):
        response = employer_client.post(
            self.url, {"name": "Russells Hall Hospital", "kind": "nhs_trust"}
        )

        assert response.status_code == 403
        assert not Organisation.objects.filter(name="Russells Hall Hospital").exists()


class TestOrganisationUpdate:
    def test_saves_the_changes_and_logs_which_fields_changed(
        self, admin_actor, employer_organisation
    ):
        services.organisation_update(
            actor=admin_actor,
            organisation=employer_organisation,
            changes={
                "name": "Netherton Lodge Nursing Home",
                "ascwds_workplace_id": "J1234567",
                "kind": employer_organisation.kind,
            },
            updated_at=NOW,
        )

        employer_organisation.refresh_from_db()
        event = AuditEvent.objects.get()
        assert employer_organisation.name == "Netherton Lodge Nursing Home"
        assert event.fields_changed == ["ascwds_workplace_id", "name"]

    def test_writes_nothing_when_nothing_changed(self, admin_actor, employer_organisation):
        services.organisation_update(
            actor=admin_actor,
            organisation=employer_organisation,
            changes={"name": employer_organisation.name},
            updated_at=NOW,
        )

        assert not AuditEvent.objects.exists()

    def test_refuses_the_name_of_another_partner(
        self, admin_actor, employer_organisation, other_organisation
    ):
        with pytest.raises(services.PartnersError) as refusal:
            services.organisation_update(
                actor=admin_actor,
                organisation=employer_organisation,
                changes={"name": other_organisation.name.lower()},
                updated_at=NOW,
            )

        employer_organisation.refresh_from_db()
        assert refusal.value.message == ORGANISATION_NAME_TAKEN.format(
            name=other_organisation.name.lower()
        )
        assert employer_organisation.name == "Netherton Lodge Care Home"
        assert not AuditEvent.objects.exists()

    def test_refuses_an_employer_user(self, employer_actor, employer_organisation):
        with pytest.raises(NotAllowed) as refusal:
            services.organisation_update(
                actor=employer_actor,
                organisation=employer_organisation,
                changes={"name": "Renamed"},
                updated_at=NOW,
            )

        assert refusal.value.message == NOT_ALLOWED


class TestOrganisationEditPage:
    def test_saves_the_change_and_returns_to_the_partner(self, admin_client, employer_organisation):
        url = reverse("partners:organisation-edit", args=[employer_organisation.pk])

        response = admin_client.post(
            url, {"name": "Netherton Lodge Nursing Home", "kind": "care_home_provider"}
        )

        employer_organisation.refresh_from_db()
        assert response.url == reverse(
            "partners:organisation-detail", args=[employer_organisation.pk]
        )
        assert employer_organisation.name == "Netherton Lodge Nursing Home"


class TestOrganisationListPage:
    def test_lists_partners_of_the_chosen_kind(
        self, admin_client, employer_organisation, other_organisation
    ):
        response = admin_client.get(
            reverse("partners:organisation-list"), {"kind": "home_care_agency"}
        )

        assert list(response.context["organisations"]) == [other_organisation]


class TestOrganisationDetailPage:
    def test_shows_a_member_their_own_organisation(self, employer_client, employer_organisation):
        response = employer_client.get(
            reverse("partners:organisation-detail", args=[employer_organisation.pk])
        )

        assert response.status_code == 200
        assert response.context["can_manage"] is False

    def test_hides_another_partner_from_a_member(self, employer_client, other_organisation):
        response = employer_client.get(
            reverse("partners:organisation-detail", args=[other_organisation.pk])
        )

        assert response.status_code == 404
