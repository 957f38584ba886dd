"""``demo_returns_load``: a year of accepted returns for every employer partner of the demo.

Building the small district with its returns takes about 30 s (each of its 80 files goes through
the real upload and check), so the tests that need it share one build, rolled back after the
module, and are marked slow.
"""

import dataclasses
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from django.db import transaction
from django.test import override_settings

from oneworkforce.demo import returns as demo_returns
from oneworkforce.demo import services
from oneworkforce.demo.generator import generate
from oneworkforce.intelligence.models import Post, ReturnStatus, WorkforceReturn, Workplace
from oneworkforce.intelligence.returns import formats
from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.models import OrganisationKind, Role
from oneworkforce.partners.tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

SEED = 5
LOADED_AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
SOCIAL_CARE_FORMATS = {"ascwds-workplace", "ascwds-staff"}
SAMPLES = Path(formats.__file__).parent / "samples"


@pytest.fixture(scope="module")
def small_build(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small demo district built once, with its returns; rolled back after the module."""
    var = tmp_path_factory.mktemp("var")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(VAR_DIR=var, MEDIA_ROOT=var / "media", PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        loaded = services.demo_district_load(
            size="small", seed=SEED, replace=False, loaded_at=LOADED_AT
        )
        yield loaded
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def district():
    return generate("small", seed=SEED)


def in_post_on(staff: pl.DataFrame, day: date) -> pl.DataFrame:
    left = pl.col("left_date")
    return staff.filter((pl.col("start_date") <= day) & (left.is_null() | (left > day)))


def employers(district):
    return [
        org
        for org in district.organisations
        if org.kind in demo_returns.SOCIAL_CARE_KINDS + demo_returns.HEALTH_KINDS
    ]


@pytest.mark.slow
class TestDemoReturnsLoad:
    def test_every_employer_partner_has_an_accepted_return_of_each_format_each_quarter(
        self, small_build, district
    ):
        dates = demo_returns.reporting_dates(district)
        expected = Counter()
        for org in employers(district):
            kind_formats = (
                SOCIAL_CARE_FORMATS if org.kind in demo_returns.SOCIAL_CARE_KINDS else {"nhs-staff"}
            )
            for day in dates:
                for file_format in kind_formats:
                    expected[(org.name, file_format, day)] += 1

        accepted = Counter(
            WorkforceReturn.objects.filter(status=ReturnStatus.ACCEPTED).values_list(
                "organisation__name", "format", "reporting_date"
            )
        )

        assert len(dates) == 4
        assert accepted == expected
        assert not WorkforceReturn.objects.exclude(status=ReturnStatus.ACCEPTED).exists()
        assert small_build.returns.returns == sum(expected.values())

    def test_counts_the_rows_of_the_files_it_loaded(self, small_build):
        rows = sum(WorkforceReturn.objects.values_list("row_count", flat=True))

        assert small_build.returns.rows == rows > 1000

    def test_each_staff_return_holds_the_partners_posts_in_post_on_its_date(
        self, small_build, district
    ):
        key_of = {org.name: org.key for org in district.organisations}
        staff_returns = WorkforceReturn.objects.filter(
            format__in=["ascwds-staff", "nhs-staff"]
        ).select_related("organisation")

        for workforce_return in staff_returns:
            day = workforce_return.reporting_date
            roster = in_post_on(district.staff, day).filter(
                pl.col("organisation") == key_of[workforce_return.organisation.name]
            )
            posts = Post.objects.filter(workforce_return=workforce_return)
            in_post = posts.exclude(left_date__lte=day)
            assert in_post.count() == roster.height, workforce_return
            assert set(in_post.values_list("contract_type", flat=True)) <= set(
                roster.get_column("contract_type")
            )

    def test_nhs_returns_also_hold_the_leavers_of_the_year_before_with_a_reason(self, small_build):
        leavers = Post.objects.filter(sector="health", left_date__isnull=False)

        assert leavers.exists()
        assert not leavers.filter(leaving_reason="").exists()

    def test_only_the_chosen_partners_declare_a_total_that_disagrees_with_their_records(
        self, small_build, district
    ):
        disagreeing = {
            org.name
            for org in district.organisations
            if org.key in demo_returns.disagreeing_partners(district)
        }
        found = set()
        for day in demo_returns.reporting_dates(district):
            for workplace_return in WorkforceReturn.objects.filter(
                format="ascwds-workplace", reporting_date=day
            ).select_related("organisation"):
                declared = sum(
                    Workplace.objects.filter(workforce_return=workplace_return).values_list(
                        "declared_staff", flat=True
                    )
                )
                records = Post.objects.filter(
                    organisation=workplace_return.organisation,
                    workforce_return__format="ascwds-staff",
                    workforce_return__reporting_date=day,
                    contract_type__in=["permanent", "temporary"],
                ).count()
                if declared != records:
                    found.add(workplace_return.organisation.name)

        assert len(disagreeing) == 2
        assert found == disagreeing

    def test_most_registered_managers_hold_a_level_5_qualification(self, small_build):
        managers = Post.objects.filter(job_role="Registered manager")

        with_level_5 = managers.filter(person__has_leadership_qualification=True)

        assert with_level_5.count() > managers.count() / 2

    def test_keeps_the_files_it_loaded_under_var_demo_returns(self, small_build, district):
        directory = small_build.returns.directory

        kept = {path.name: path.read_bytes() for path in directory.rglob("*.csv")}

        assert directory.name == f"small-seed{SEED}"
        assert kept == {
            item.file_name: item.content for item in demo_returns.demo_returns(district)
        }


class TestDemoReturns:
    def test_the_same_seed_gives_byte_identical_files(self, district):
        files = demo_returns.demo_returns(district)

        again = demo_returns.demo_returns(generate("small", seed=SEED))

        assert [(f.file_name, f.content) for f in again] == [
            (f.file_name, f.content) for f in files
        ]

    def test_another_seed_gives_other_files(self, district):
        files = demo_returns.demo_returns(district)

        other = demo_returns.demo_returns(generate("small", seed=SEED + 1))

        assert [f.content for f in other] != [f.content for f in files]

    def test_the_region_has_only_the_latest_quarter(self, district):
        region = dataclasses.replace(district, size="region")

        dates = demo_returns.reporting_dates(region)

        assert dates == (date(2026, 3, 31),)


class TestDemoReturnsLoadRefusal:
    def test_stops_with_the_first_errors_of_a_file_the_product_rejects(
        self, monkeypatch, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path / "media"
        home = OrganisationFactory(kind=OrganisationKind.CARE_HOME_PROVIDER)
        employer = actor_for_user(member(role=Role.EMPLOYER_USER, organisation=home))
        rejected = demo_returns.ReturnFile(
            organisation="home",
            file_format="ascwds-staff",
            reporting_date=date(2026, 3, 31),
            content=(SAMPLES / "ascwds-staff-with-errors.csv").read_bytes(),
        )
        monkeypatch.setattr(demo_returns, "demo_returns", lambda district: [rejected])

        with pytest.raises(demo_returns.DemoReturnRejected) as refusal:
            demo_returns.demo_returns_load(
                district=generate("small", seed=SEED),
                organisations={"home": home},
                uploaded_by=employer,
                loaded_at=LOADED_AT,
            )

        assert "line 3, MAINJOBROLE '99'" in str(refusal.value)
        assert "bug in oneworkforce/demo/returns.py" in str(refusal.value)
