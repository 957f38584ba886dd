"""The `oneworkforce allocate` command, run on the documented example and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oneworkforce.cli import EXIT_CHECK_FAILED, EXIT_INVALID_INPUT, EXIT_OK, main
from oneworkforce.engines.matching import errors

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "allocation-instance.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out else {}, captured.err


def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return str(path)


class TestAllocateCommand:
    def test_allocates_the_documented_example_stably(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, output, _ = run(capsys, "allocate", str(EXAMPLE), "--seed", "3")

        assert code == EXIT_OK
        assert output["seed"] == 3
        assert output["certificate"]["stable"] is True
        assert output["certificate"]["blocking_pairs"] == []
        assert output["certificate"]["capacity_ok"] is True
        assert output["unassigned"] == ["chloe"]
        assert {"candidate": "ben", "provider": "oak-house"} in output["assignments"]

    def test_the_same_seed_repeats_the_run_exactly(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        first = run(capsys, "allocate", str(EXAMPLE), "--seed", "11")[1]
        second = run(capsys, "allocate", str(EXAMPLE), "--seed", "11")[1]

        assert first == second

    def test_provider_proposing_runs(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, output, _ = run(
            capsys, "allocate", str(EXAMPLE), "--proposing", "providers", "--seed", "1"
        )

        assert code == EXIT_OK
        assert output["proposing"] == "providers"
        assert output["certificate"]["stable"] is True

    def test_optimal_reports_its_score_and_the_gap_to_the_stable_result(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, output, _ = run(
            capsys, "allocate", str(EXAMPLE), "--method", "optimal", "--seed", "3"
        )

        assert code == EXIT_OK
        assert output["total_score"] == 243.5
        assert output["comparison"]["stable_total_score"] == 196.0
        assert output["comparison"]["score_gap"] == 47.5
        assert output["certificate"]["blocking_pairs"] == [["dev", "riverside"]]

    def test_certifies_an_allocation_made_elsewhere(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        _, made, _ = run(capsys, "allocate", str(EXAMPLE), "--seed", "3")
        allocation = write(tmp_path, "allocation.json", made)

        code, output, _ = run(capsys, "allocate", "--check", allocation, str(EXAMPLE))

        assert code == EXIT_OK
        assert output["certificate"]["stable"] is True

    def test_a_broken_allocation_fails_its_check(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        allocation = write(
            tmp_path,
            "allocation.json",
            {"assignments": [{"candidate": "chloe", "provider": "riverside"}]},
        )

        code, output, _ = run(capsys, "allocate", "--check", allocation, str(EXAMPLE))

        assert code == EXIT_CHECK_FAILED
        assert ["ben", "oak-house"] in output["certificate"]["blocking_pairs"]

    def test_names_every_problem_in_a_bad_instance(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        bad = write(
            tmp_path,
            "bad.json",
            {
                "candidates": [{"id": "c1", "choices": ["p1", "p1", "p9"]}],
                "providers": [{"id": "p1", "capacity": -2, "ranking": ["c1", "c7"]}],
            },
        )

        code, output, err = run(capsys, "allocate", bad)

        assert code == EXIT_INVALID_INPUT
        assert output == {}
        for message in (
            errors.CHOICE_DUPLICATE.format(candidate="c1", provider="p1"),
            errors.CHOICE_UNKNOWN_PROVIDER.format(candidate="c1", provider="p9"),
            errors.PROVIDER_CAPACITY_NEGATIVE.format(provider="p1", value=-2),
            errors.RANKING_UNKNOWN_CANDIDATE.format(provider="p1", candidate="c7"),
        ):
            assert message in err

    def test_names_a_malformed_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, _, err = run(capsys, "allocate", write(tmp_path, "broken.json", '{"candidates": ['))

        assert code == EXIT_INVALID_INPUT
        assert "is not valid JSON" in err

    def test_optimal_needs_every_acceptable_pair_scored(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        unscored = write(
            tmp_path,
            "unscored.json",
            {
                "candidates": [{"id": "c1", "choices": ["p1"]}],
                "providers": [{"id": "p1", "capacity": 1, "ranking": ["c1"]}],
            },
        )

        code, _, err = run(capsys, "allocate", unscored, "--method", "optimal")

        assert code == EXIT_INVALID_INPUT
        assert errors.SCORE_MISSING.format(candidate="c1", provider="p1") in err

    def test_refuses_duplicate_ids_and_a_candidate_tied_twice(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        bad = write(
            tmp_path,
            "dupes.json",
            {
                "candidates": [{"id": "c1", "choices": []}, {"id": "c1", "choices": []}],
                "providers": [{"id": "p1", "capacity": 1, "ranking": [["c1", "c1"]]}],
            },
        )

        code, _, err = run(capsys, "allocate", bad)

        assert code == EXIT_INVALID_INPUT
        assert errors.CANDIDATE_DUPLICATE_ID.format(id="c1", count=2) in err
        assert errors.RANKING_DUPLICATE.format(provider="p1", candidate="c1") in err
