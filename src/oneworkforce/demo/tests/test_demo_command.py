"""``manage.py demo``: load the district, print one login per role, and guard a second run."""

from io import StringIO

import polars as pl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from oneworkforce.demo import services
from oneworkforce.demo.generator import SIZES, generate
from oneworkforce.demo.services import ALREADY_LOADED, DEMO_PASSWORD, roster_path
from oneworkforce.partners.models import Membership, Organisation, Role, Site, User
from oneworkforce.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def demo(*arguments):
    # The returns have tests of their own (test_demo_returns.py); these are about the command.
    out = StringIO()
    call_command("demo", *arguments, "--without-returns", stdout=out)
    return out.getvalue()


def counts():
    return tuple(model.objects.count() for model in (Organisation, Site, User, Membership))


class TestDemoCommand:
    def test_loads_the_organisations_and_sites_of_the_small_district(self):
        demo("--size", "small", "--seed", "3")

        district = generate("small", 3)
        assert Organisation.objects.count() == len(district.organisations) + 1
        assert Site.objects.count() == sum(len(o.sites) for o in district.organisations)
        assert Organisation.objects.filter(
            name=services.PARTNERSHIP_NAME, kind="partnership"
        ).exists()

    def test_prints_one_demo_login_per_role_with_the_password(self):
        output = demo("--size", "small")

        assert f"every account's password is: {DEMO_PASSWORD}" in output
        for role in Role:
            email = f"{role.value.replace('_', '.')}@{services.DEMO_EMAIL_DOMAIN}"
            assert email in output
            assert Membership.objects.filter(user__email=email, role=role).exists()

    def test_each_demo_login_signs_in(self, client):
        demo("--size", "small")

        for login in services.demo_logins():
            response = client.post(
                reverse("partners:sign-in"), {"username": login.email, "password": DEMO_PASSWORD}
            )
            assert response.url == reverse("web:home"), login.email
            client.post(reverse("partners:sign-out"))

    def test_writes_the_staff_roster(self, var_dir):
        demo("--size", "small", "--seed", "3")

        roster = pl.read_csv(roster_path(generate("small", 3)))
        assert roster.height == SIZES["small"].staff
        assert roster_path(generate("small", 3)).is_relative_to(var_dir)

    def test_if_empty_changes_nothing_on_a_second_run(self):
        demo("--size", "small")
        before = counts()

        output = demo("--size", "small", "--if-empty")

        assert counts() == before
        assert "already in the database" in output
        assert "partnership.admin@" in output

    def test_refuses_a_second_load_without_replace(self):
        demo("--size", "small")
        before = counts()

        with pytest.raises(CommandError) as refusal:
            demo("--size", "small", "--seed", "99")

        assert str(refusal.value) == ALREADY_LOADED
        assert counts() == before

    def test_refuses_to_load_over_partners_already_there(self):
        OrganisationFactory()

        with pytest.raises(CommandError):
            demo("--size", "small")

        assert Organisation.objects.count() == 1

    def test_replace_builds_the_district_again(self):
        demo("--size", "small", "--seed", "1")

        demo("--size", "small", "--seed", "2", "--replace")

        expected = {o.name for o in generate("small", 2).organisations} | {
            services.PARTNERSHIP_NAME
        }
        assert set(Organisation.objects.values_list("name", flat=True)) == expected

    @pytest.mark.slow
    def test_builds_the_full_district_with_its_roster(self):
        demo("--size", "district")

        district = generate("district", 2026)
        assert 55 <= Organisation.objects.count() <= 65
        assert pl.read_csv(roster_path(district)).height == 11_000
