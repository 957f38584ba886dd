"""Eligibility, explainable scores and top-k retrieval, checked against plain loops."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.engines.matching import reasons
from oneworkforce.engines.matching._jit import HAVE_NUMBA
from oneworkforce.engines.matching.eligibility import eligible_pairs, ineligibility_reasons
from oneworkforce.engines.matching.examples import random_district, tiny_district
from oneworkforce.engines.matching.retrieval import (
    explain,
    index_vacancies,
    top_candidates_for,
    top_vacancies_for,
    top_vacancies_for_all,
)
from oneworkforce.engines.matching.scoring import Weights, score_pairs

BACKENDS = ["numpy", "numba"] if HAVE_NUMBA else ["numpy"]


def brute_top(people, jobs, c, k, weights):  # type: ignore[no-untyped-def]
    """Check every vacancy, sort all eligible ones, keep the best k (ties to the lower index)."""
    every = np.arange(len(jobs))
    mine = np.full(every.shape[0], c)
    ok = every[eligible_pairs(people, jobs, mine, every)]
    scores = score_pairs(people, jobs, mine[: ok.shape[0]], ok, weights)
    found = sorted(zip((-scores).tolist(), ok.tolist(), strict=True))[:k]
    return [v for _, v in found], [-s for s, _ in found]


class TestEligibility:
    def test_names_every_rule_a_pair_fails(self) -> None:
        people, jobs = tiny_district()
        far_job = 1
        stranger = dataclasses.replace(people, right_to_work=np.array([False, True]))

        found = ineligibility_reasons(stranger, jobs, 0, far_job)

        assert found == (
            reasons.INELIGIBLE_RIGHT_TO_WORK,
            reasons.INELIGIBLE_DISTANCE.format(distance=30.0, limit=10.0),
        )

    def test_names_a_missing_qualification(self) -> None:
        people, jobs = tiny_district()
        strict = dataclasses.replace(jobs, required_skills=np.array([[0b1], [0]], dtype=np.uint64))

        found = ineligibility_reasons(
            people, strict, 0, 0, skill_names=["Care Certificate", "b", "c"]
        )

        assert found == (reasons.INELIGIBLE_QUALIFICATION.format(name="Care Certificate"),)

    def test_vectorised_rules_agree_with_the_reasons(self) -> None:
        people, jobs = random_district(120, 100, np.random.default_rng(3), size_km=15)
        c, v = (a.ravel() for a in np.meshgrid(np.arange(120), np.arange(100), indexing="ij"))

        mask = eligible_pairs(people, jobs, c, v)

        expected = [
            not ineligibility_reasons(people, jobs, int(i), int(j))
            for i, j in zip(c, v, strict=True)
        ]
        assert mask.tolist() == expected


class TestScoring:
    def test_explains_a_score_in_parts_that_add_up(self) -> None:
        people, jobs = tiny_district()

        why = explain(
            people, jobs, 0, 0, skill_names=["First Aid", "Level 2 Diploma", "Food Hygiene"]
        )

        assert why.eligible
        assert sum(p.points for p in why.parts) == pytest.approx(why.score)
        assert why.parts[0].sentence == "4 km away, about 7 minutes by car"
        assert why.parts[1].sentence == reasons.SCORE_SHIFTS.format(covered=5, wanted=5)
        assert why.parts[3].sentence == reasons.SCORE_SKILL_ONE.format(name="Level 2 Diploma")

    def test_every_sentence_and_every_word_put_into_one_goes_through_translate(self) -> None:
        people, jobs = tiny_district()
        stranger = dataclasses.replace(people, right_to_work=np.zeros(len(people), dtype=bool))
        seen: list[str] = []

        def translate(template: str) -> str:
            seen.append(template)
            return f"<{template}>"

        why = explain(stranger, jobs, 0, 0, translate=translate)

        assert why.reasons == (f"<{reasons.INELIGIBLE_RIGHT_TO_WORK}>",)
        assert all(p.sentence.startswith("<") and p.sentence.endswith(">") for p in why.parts)
        assert why.parts[0].sentence == "<4 km away, about 7 minutes <by car>>"
        assert reasons.TRAVEL_MODES[3] in seen

    def test_says_which_of_the_role_and_the_setting_the_candidate_is_interested_in(
        self,
    ) -> None:
        people, jobs = tiny_district()
        role = np.uint64(1) << np.uint64(int(jobs.role[0]))
        setting = np.uint64(1) << np.uint64(int(jobs.setting[0]))
        expected = {
            (role, setting): reasons.SCORE_INTERESTS_BOTH,
            (role, np.uint64(0)): reasons.SCORE_INTERESTS_ROLE,
            (np.uint64(0), setting): reasons.SCORE_INTERESTS_SETTING,
            (np.uint64(0), np.uint64(0)): reasons.SCORE_INTERESTS_NEITHER,
        }

        for (roles, settings_), sentence in expected.items():
            person = dataclasses.replace(
                people,
                interest_roles=np.full(len(people), roles, dtype=np.uint64),
                interest_settings=np.full(len(people), settings_, dtype=np.uint64),
            )
            assert explain(person, jobs, 0, 0).parts[5].sentence == sentence

    def test_weights_are_data(self) -> None:
        people, jobs = tiny_district()
        only_distance = Weights.from_json(
            '{"distance": 1, "shifts": 0, "hours": 0, "skills": 0, "experience": 0,'
            ' "interests": 0, "languages": 0}'
        )

        why = explain(people, jobs, 0, 0, only_distance)

        assert why.score == pytest.approx(100 * why.parts[0].value)

    def test_refuses_unknown_or_negative_weights(self) -> None:
        with pytest.raises(ValueError, match="unknown weight names: speed"):
            Weights.from_dict({"speed": 1})
        with pytest.raises(ValueError, match="0 or more"):
            Weights.from_dict({"distance": -1})

    def test_scores_lie_between_0_and_100(self) -> None:
        people, jobs = random_district(300, 300, np.random.default_rng(5))
        c, v = (a.ravel() for a in np.meshgrid(np.arange(300), np.arange(300), indexing="ij"))

        scores = score_pairs(people, jobs, c, v, Weights())

        assert scores.min() >= 0
        assert scores.max() <= 100


class TestTopK:
    @settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 10_000), st.integers(1, 12), st.sampled_from(BACKENDS))
    def test_a_candidates_top_k_is_exact(self, seed: int, k: int, backend: str) -> None:
        people, jobs = random_district(30, 400, np.random.default_rng(seed))
        weights = Weights()

        for c in range(len(people)):
            indices, scores = top_vacancies_for(people, jobs, c, k, weights, backend=backend)

            expected_indices, expected_scores = brute_top(people, jobs, c, k, weights)
            assert indices.tolist() == expected_indices
            assert scores.tolist() == expected_scores

    @pytest.mark.slow
    @settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 10_000), st.sampled_from(BACKENDS))
    def test_the_batch_job_equals_one_candidate_at_a_time(self, seed: int, backend: str) -> None:
        people, jobs = random_district(300, 500, np.random.default_rng(seed), size_km=20)

        batch = top_vacancies_for_all(people, jobs, k=7, backend=backend, cell_km=1.5)

        index = index_vacancies(jobs, cell_km=3.0)
        for c in range(len(people)):
            indices, scores = top_vacancies_for(people, jobs, c, 7, backend="numpy")
            assert batch.indices[c, : indices.shape[0]].tolist() == indices.tolist()
            assert batch.scores[c, : scores.shape[0]].tolist() == scores.tolist()
            assert (batch.indices[c, indices.shape[0] :] == -1).all()
            again = top_vacancies_for(people, jobs, c, 7, index=index, backend=backend)[0]
            assert again.tolist() == indices.tolist()

    @settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 10_000), st.sampled_from([1.0, 2.0, 3.0]), st.sampled_from(BACKENDS))
    def test_vacancies_on_cell_edges_and_at_the_travel_limit_are_found(
        self, seed: int, cell_km: float, backend: str
    ) -> None:
        rng = np.random.default_rng(seed)
        people, jobs = random_district(40, 300, rng, size_km=12)
        # Whole kilometres put vacancies on cell edges and many exactly at a travel limit;
        # some candidates live outside the grid the vacancies span.
        jobs = dataclasses.replace(
            jobs,
            x_km=rng.integers(0, 13, 300).astype(np.float64),
            y_km=rng.integers(0, 13, 300).astype(np.float64),
        )
        people = dataclasses.replace(
            people,
            x_km=rng.integers(-4, 17, 40).astype(np.float64),
            y_km=rng.integers(-4, 17, 40).astype(np.float64),
            max_travel_km=rng.integers(1, 8, 40).astype(np.float64),
        )

        batch = top_vacancies_for_all(people, jobs, k=6, cell_km=cell_km, backend=backend)

        for c in range(len(people)):
            expected, expected_scores = brute_top(people, jobs, c, 6, Weights())
            found = batch.indices[c][batch.indices[c] >= 0]
            assert found.tolist() == expected
            assert batch.scores[c, : found.shape[0]].tolist() == expected_scores

    def test_a_vacancys_top_k_is_exact(self) -> None:
        people, jobs = random_district(500, 20, np.random.default_rng(8))

        indices, scores = top_candidates_for(people, jobs, 3, k=10)

        everyone = np.arange(500)
        ok = everyone[eligible_pairs(people, jobs, everyone, np.full(500, 3))]
        all_scores = score_pairs(people, jobs, ok, np.full(ok.shape[0], 3), Weights())
        ranked = sorted(zip(-all_scores, ok, strict=True))[:10]
        assert indices.tolist() == [int(c) for _, c in ranked]
        assert scores.tolist() == [-s for s, _ in ranked]
