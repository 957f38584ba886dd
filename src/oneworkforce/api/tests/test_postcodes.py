"""The public postcode look-ups."""

import pytest
from django.urls import reverse

from oneworkforce.reference import postcodes
from oneworkforce.reference.postcodes import NOT_A_POSTCODE, UNKNOWN_POSTCODE

DISTANCE = reverse("api:postcode-distance")


class TestPostcodeDetail:
    def test_anyone_may_look_up_a_postcode(self, client):
        response = client.get(reverse("api:postcode-detail", args=["dy11hf"]))

        assert response.status_code == 200
        assert response.json() == {
            "postcode": "DY1 1HF",
            "latitude": pytest.approx(52.51221),
            "longitude": pytest.approx(-2.08433),
            "local_authority_code": "E08000027",
            "local_authority_name": "Dudley",
        }

    def test_accepts_the_postcode_written_with_its_space(self, client):
        response = client.get("/api/postcodes/DY1%201HF/")

        assert response.json()["postcode"] == "DY1 1HF"

    def test_names_an_unknown_postcode(self, client):
        response = client.get(reverse("api:postcode-detail", args=["DY1 9ZX"]))

        assert response.status_code == 400
        assert response.json() == {
            "errors": [
                {"field": "postcode", "message": UNKNOWN_POSTCODE.format(postcode="DY1 9ZX")}
            ]
        }

    def test_names_text_that_is_not_a_postcode(self, client):
        response = client.get(reverse("api:postcode-detail", args=["castle"]))

        assert response.json() == {"errors": [{"field": "postcode", "message": NOT_A_POSTCODE}]}


class TestPostcodeDistance:
    def test_anyone_may_measure_and_it_matches_the_reference_distance(self, client):
        response = client.get(DISTANCE, {"from": "DY1 1HF", "to": "b63 3bl"})

        assert response.status_code == 200
        assert response.json() == {
            "origin": "DY1 1HF",
            "destination": "B63 3BL",
            "kilometres": pytest.approx(postcodes.distance_km("DY1 1HF", "B63 3BL"), abs=0.0005),
        }

    def test_asks_for_both_postcodes(self, client):
        response = client.get(DISTANCE, {"from": "DY1 1HF"})

        assert response.status_code == 400
        assert response.json() == {
            "errors": [{"field": "to", "message": "Give a postcode, like DY1 1HF"}]
        }

    def test_names_which_postcode_is_unknown(self, client):
        response = client.get(DISTANCE, {"from": "DY1 1HF", "to": "DY1 9ZX"})

        assert response.json()["errors"] == [
            {"field": "to", "message": UNKNOWN_POSTCODE.format(postcode="DY1 9ZX")}
        ]
