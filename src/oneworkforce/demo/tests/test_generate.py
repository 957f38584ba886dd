"""``generate``: a synthetic district, the same for the same seed."""

from collections import Counter

import polars as pl
import pytest

from oneworkforce.demo.generator import DUDLEY, SIZES, generate
from oneworkforce.reference import postcodes


@pytest.fixture(scope="module")
def small():
    return generate("small", seed=7)


def everything(district):
    return district.organisations, district.staff.to_dicts()


class TestGenerate:
    def test_the_same_seed_gives_the_same_district(self, small):
        again = generate("small", seed=7)

        assert again.organisations == small.organisations
        assert again.staff.equals(small.staff)

    def test_another_seed_gives_another_district(self, small):
        other = generate("small", seed=8)

        assert [o.name for o in other.organisations] != [o.name for o in small.organisations]
        assert not other.staff.equals(small.staff)

    def test_makes_the_organisations_of_each_kind_the_size_asks_for(self, small):
        kinds = Counter(organisation.kind for organisation in small.organisations)

        assert kinds == SIZES["small"].organisations

    def test_splits_staff_about_evenly_between_health_and_social_care(self, small):
        shares = small.staff["sector"].value_counts(normalize=True)
        share = dict(zip(shares["sector"], shares["proportion"], strict=True))

        assert share["health"] == pytest.approx(0.5, abs=0.05)
        assert share["social_care"] == pytest.approx(0.5, abs=0.05)
        assert len(small.staff) == SIZES["small"].staff

    def test_every_site_is_on_a_real_postcode_in_the_districts_local_authority(self, small):
        sites = [site for organisation in small.organisations for site in organisation.sites]

        authorities = {postcodes.lookup(site.postcode).local_authority_code for site in sites}

        assert sites
        assert authorities == {DUDLEY}

    def test_gives_every_organisation_a_unique_name_and_identifiers(self, small):
        for field in ("name", "cqc_provider_id", "ods_code", "ascwds_workplace_id"):
            values = [getattr(o, field) for o in small.organisations if getattr(o, field)]
            assert len(values) == len(set(values)), field

    def test_every_staff_member_works_at_one_of_their_employers_sites(self, small):
        sites_of = {o.key: {s.key for s in o.sites} for o in small.organisations}

        misplaced = [
            row
            for row in small.staff.iter_rows(named=True)
            if row["site"] not in sites_of[row["organisation"]]
        ]

        assert misplaced == []

    def test_health_staff_work_for_health_employers_and_social_care_staff_for_care_employers(
        self, small
    ):
        kind_of = {o.key: o.kind for o in small.organisations}
        staff = small.staff.with_columns(
            pl.col("organisation").replace_strict(kind_of).alias("kind")
        )

        health_kinds = set(staff.filter(pl.col("sector") == "health")["kind"])
        care_kinds = set(staff.filter(pl.col("sector") == "social_care")["kind"])

        assert health_kinds <= {"nhs_trust", "gp_practice", "icb"}
        assert care_kinds <= {
            "council",
            "care_home_provider",
            "home_care_agency",
            "voluntary_group",
        }

    def test_nobody_leaves_before_they_start(self, small):
        leavers = small.staff.filter(pl.col("left_date").is_not_null())

        assert leavers.height > 0
        assert (leavers["left_date"] > leavers["start_date"]).all()
