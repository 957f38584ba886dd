"""The offline postcode reference: normalising, looking up, measuring, and listing by district.

Several tests read the source file the data was built from, which lives in shared/data beside
the repository (at ../shared/data from the repository root, locally and in CI).
"""

import math
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.reference import postcodes
from oneworkforce.reference.postcodes import (
    ATTRIBUTION,
    NO_LOCATION,
    NOT_A_POSTCODE,
    UNKNOWN_AUTHORITY,
    UNKNOWN_POSTCODE,
    InvalidPostcode,
    PostcodeWithoutLocation,
    UnknownAuthority,
    UnknownPostcode,
    layout,
)
from oneworkforce.reference.postcodes.directory import DATA_DIR

REPOSITORY = Path(__file__).resolve().parents[2]
SOURCE_DIR = REPOSITORY.parent / "shared" / "data" / "uk-postcodes"
SOURCE = SOURCE_DIR / "postcodes.csv.gz"


@pytest.fixture(scope="module")
def source() -> pl.DataFrame:
    """Every row of the source, with the postcode compacted (no spaces)."""
    if not SOURCE.exists():
        pytest.fail(f"The postcode source file is missing: expected it at {SOURCE}")
    return pl.read_csv(
        SOURCE, schema={"postcode": pl.Utf8, "lat": pl.Float64, "long": pl.Float64}
    ).with_columns(pl.col("postcode").str.replace_all(" ", ""))


def source_row(source: pl.DataFrame, postcode: str) -> dict[str, object]:
    rows = source.filter(pl.col("postcode") == postcode.replace(" ", "")).to_dicts()
    assert len(rows) == 1, f"{postcode} should be in the source exactly once"
    return rows[0]


def haversine(latitude_a: float, longitude_a: float, latitude_b: float, longitude_b: float):
    """The textbook formula, written out again so the product's version is checked."""
    radius_km = 6371.0088
    a = (
        math.sin(math.radians(latitude_b - latitude_a) / 2) ** 2
        + math.cos(math.radians(latitude_a))
        * math.cos(math.radians(latitude_b))
        * math.sin(math.radians(longitude_b - longitude_a) / 2) ** 2
    )
    return 2 * radius_km * math.atan2(math.sqrt(a), math.sqrt(1 - a))


class TestNormalise:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("DY1 1AA", "DY1 1AA"),
            ("dy11aa", "DY1 1AA"),
            ("  Dy1   1aA ", "DY1 1AA"),
            ("d y 1\t1 a a", "DY1 1AA"),
            ("sw1a1aa", "SW1A 1AA"),
            ("EC1A 1BB", "EC1A 1BB"),
            ("w1a0ax", "W1A 0AX"),
            ("b332tx", "B33 2TX"),
            ("m11ae", "M1 1AE"),
            ("gir 0aa", "GIR 0AA"),
        ],
    )
    def test_accepts_any_spacing_and_case(self, text, expected):
        normalised = postcodes.normalise(text)

        assert normalised == expected

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "   ",
            "DY1",
            "DY1 1A",
            "DY1 1AAA",
            "1DY 1AA",
            "DY1 AAA",
            "DYY1 1AA",
            "DY1-1AA",
            "NPT 0AD",
            "GIR 1AA",
            "\uff24Y1 1AA",
            "\u017f1 1AA",
            "DY1 1AA\n0AA",
        ],
    )
    def test_refuses_text_that_is_not_a_postcode(self, text):
        with pytest.raises(InvalidPostcode) as raised:
            postcodes.normalise(text)

        assert raised.value.message == NOT_A_POSTCODE == "Enter a real postcode, like DY1 1AA"

    @given(st.text())
    def test_is_idempotent_on_any_text(self, text):
        try:
            once = postcodes.normalise(text)
        except InvalidPostcode:
            return

        assert postcodes.normalise(once) == once

    @given(st.from_regex(layout.COMPACT_PATTERN, fullmatch=True), st.data())
    def test_ignores_inserted_spaces_and_case(self, compact, data):
        mangled = "".join(
            data.draw(st.sampled_from(["", " ", "  ", "\t"]))
            + (character.lower() if data.draw(st.booleans()) else character)
            for character in compact
        ) + data.draw(st.sampled_from(["", " "]))

        normalised = postcodes.normalise(mangled)

        assert normalised == f"{compact[:-3]} {compact[-3:]}"


class TestLookup:
    def test_finds_a_dudley_postcode_and_its_local_authority(self, source):
        expected = source_row(source, "DY1 1AA")

        found = postcodes.lookup("dy1 1aa")

        assert found.postcode == "DY1 1AA"
        assert (found.latitude, found.longitude) == (expected["lat"], expected["long"])
        assert found.local_authority_code == "E08000027"
        assert found.local_authority_name == "Dudley"
        assert found.has_location

    def test_finds_a_bradford_postcode_and_its_local_authority(self):
        found = postcodes.lookup("BD11AA")

        assert (found.local_authority_code, found.local_authority_name) == (
            "E08000032",
            "Bradford",
        )

    def test_refuses_a_malformed_postcode(self):
        with pytest.raises(InvalidPostcode) as raised:
            postcodes.lookup("DY1 1A")

        assert str(raised.value) == NOT_A_POSTCODE

    def test_refuses_a_well_formed_postcode_that_does_not_exist(self, source):
        assert source.filter(pl.col("postcode") == "DY11ZZ").is_empty()

        with pytest.raises(UnknownPostcode) as raised:
            postcodes.lookup("dy1 1zz")

        assert raised.value.message == UNKNOWN_POSTCODE.format(postcode="DY1 1ZZ")
        assert raised.value.message == "DY1 1ZZ is not a known postcode"

    def test_refuses_a_postcode_whose_outward_code_does_not_exist(self):
        with pytest.raises(UnknownPostcode, match="ZZ1 1AA is not a known postcode"):
            postcodes.lookup("ZZ1 1AA")

    def test_keeps_a_real_postcode_that_has_no_location(self, source):
        assert source_row(source, "AB11 3AG")["lat"] is None

        found = postcodes.lookup("AB11 3AG")

        assert (found.latitude, found.longitude) == (None, None)
        assert not found.has_location

    def test_keeps_the_girobank_postcode_without_location_or_authority(self):
        found = postcodes.lookup("GIR 0AA")

        assert found.latitude is None
        assert found.local_authority_code is None

    def test_drops_the_withdrawn_newport_codes_the_source_still_lists(self, source):
        assert source_row(source, "NPT 0AD")["lat"] is not None

        with pytest.raises(InvalidPostcode):
            postcodes.lookup("NPT 0AD")

    def test_round_trips_a_random_sample_of_the_source(self, source):
        well_formed = source.filter(pl.col("postcode").str.contains(layout.COMPACT_PATTERN))
        sample = pl.concat(
            [
                well_formed.filter(pl.col("lat").is_not_null()).sample(2_000, seed=30),
                well_formed.filter(pl.col("lat").is_null()).sample(200, seed=30),
            ]
        )

        found = [postcodes.lookup(compact) for compact in sample["postcode"]]

        assert [place.postcode.replace(" ", "") for place in found] == sample["postcode"].to_list()
        assert [place.latitude for place in found] == sample["lat"].to_list()
        assert [place.longitude for place in found] == [
            None if latitude is None else longitude
            for latitude, longitude in sample.select("lat", "long").iter_rows()
        ]


class TestDistanceKm:
    def test_matches_the_haversine_of_the_source_coordinates(self, source):
        dudley = source_row(source, "DY1 1AA")
        bradford = source_row(source, "BD1 1AA")
        expected = haversine(dudley["lat"], dudley["long"], bradford["lat"], bradford["long"])

        distance = postcodes.distance_km("DY1 1AA", "bd11aa")

        assert distance == pytest.approx(expected, abs=0.01)
        assert distance == pytest.approx(144.6, abs=0.05)

    def test_is_zero_from_a_postcode_to_itself(self):
        assert postcodes.distance_km("DY1 1AA", "dy11aa") == 0.0

    def test_refuses_a_postcode_without_a_location(self):
        with pytest.raises(PostcodeWithoutLocation) as raised:
            postcodes.distance_km("DY1 1AA", "AB11 3AG")

        assert raised.value.message == NO_LOCATION.format(postcode="AB11 3AG")

    def test_refuses_an_unknown_postcode(self):
        with pytest.raises(UnknownPostcode):
            postcodes.distance_km("DY1 1ZZ", "DY1 1AA")


class TestCoordinates:
    def test_agrees_with_the_source_for_a_random_sample(self, source):
        sample = source.filter(pl.col("postcode").str.contains(layout.COMPACT_PATTERN)).sample(
            5_000, seed=31
        )
        expected = sample.select(
            pl.col("lat").fill_null(np.nan),
            pl.when(pl.col("lat").is_null()).then(np.nan).otherwise(pl.col("long")),
        ).to_numpy()

        found = postcodes.coordinates(sample["postcode"].to_list())

        np.testing.assert_array_equal(found, expected)

    @given(
        st.lists(
            st.one_of(
                st.text(st.characters(codec="ascii"), max_size=10),
                st.text(max_size=10),
                st.builds(
                    lambda postcode, gap, lower: (postcode.lower() if lower else postcode).replace(
                        " ", gap
                    ),
                    st.sampled_from(["DY1 1AA", "SW1A 1AA", "AB11 3AG", "GIR 0AA", "DY1 1ZZ"]),
                    st.sampled_from(["", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f",
                                     "\u00a0", "\u2003", "-"]),
                    st.booleans(),
                ),
            ),
            max_size=8,
        )
    )  # fmt: skip
    def test_agrees_with_lookup_one_by_one(self, texts):
        expected = []
        for text in texts:
            try:
                place = postcodes.lookup(text)
            except (InvalidPostcode, UnknownPostcode):
                expected.append([math.nan, math.nan])
                continue
            expected.append(
                [math.nan, math.nan]
                if not place.has_location
                else [place.latitude, place.longitude]
            )

        found = postcodes.coordinates(texts, unknown="nan")

        np.testing.assert_array_equal(found, np.array(expected).reshape(-1, 2))

    def test_gives_nan_for_unknown_and_malformed_postcodes_when_asked(self):
        found = postcodes.coordinates(["DY1 1ZZ", "nonsense", "ZZ1 1AA", "DY1 1AA"], unknown="nan")

        assert np.isnan(found[:3]).all()
        assert found[3].tolist() == [52.5119, -2.08843]

    def test_refuses_an_unknown_postcode_by_default(self):
        with pytest.raises(UnknownPostcode, match="DY1 1ZZ"):
            postcodes.coordinates(["DY1 1AA", "dy11zz"])

    def test_refuses_a_malformed_postcode_by_default(self):
        with pytest.raises(InvalidPostcode):
            postcodes.coordinates(["DY1 1AA", "DY1"])

    def test_returns_an_empty_array_for_no_postcodes(self):
        assert postcodes.coordinates([]).shape == (0, 2)


class TestPostcodesInAuthority:
    def test_lists_real_postcodes_of_dudley(self):
        dudley = postcodes.postcodes_in_authority("E08000027")

        assert "DY1 1AA" in dudley
        assert len(dudley) == len(set(dudley)) > 5_000
        assert {postcodes.lookup(p).local_authority_code for p in dudley[::100]} == {"E08000027"}

    def test_leaves_out_postcodes_without_a_location_when_asked(self):
        # Barnet has a few postcodes without a location; most districts have none.
        every = postcodes.postcodes_in_authority("E09000008")

        located = postcodes.postcodes_in_authority("E09000008", located_only=True)

        unlocated = set(every) - set(located)
        assert 0 < len(unlocated) < 10
        assert not any(postcodes.lookup(p).has_location for p in unlocated)
        assert all(postcodes.lookup(p).has_location for p in located[::50])

    def test_refuses_an_unknown_code(self):
        with pytest.raises(UnknownAuthority) as raised:
            postcodes.postcodes_in_authority("E99999999")

        assert raised.value.message == UNKNOWN_AUTHORITY.format(code="E99999999")


class TestAuthorityName:
    def test_names_a_district_from_the_2021_list(self):
        assert postcodes.authority_name("E08000032") == "Bradford"

    def test_falls_back_to_the_code_for_a_district_created_since_2021(self):
        assert postcodes.authority_name("E08000039") == "E08000039"

    def test_refuses_an_unknown_code(self):
        with pytest.raises(UnknownAuthority):
            postcodes.authority_name("nonsense")

    def test_lists_every_district_once(self):
        every = postcodes.authorities()

        assert every["E08000027"] == "Dudley"
        assert len(every) > 300


class TestAttribution:
    def test_matches_the_licence_text_of_the_source(self):
        readme = (SOURCE_DIR / "README.md").read_text(encoding="utf-8")

        assert " ".join(ATTRIBUTION.split()) in " ".join(readme.split())

    def test_ships_beside_the_data(self):
        readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")

        assert ATTRIBUTION.replace("\n", "\n    ") in readme
