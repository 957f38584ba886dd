"""The allocation instance's JSON format: parse, validate (naming every problem), serialise.

The format (documented in ``docs/allocation-instance-format.md``)::

    {"candidates": [{"id": "c1", "choices": ["p2", "p1"]}, ...],
     "providers":  [{"id": "p1", "capacity": 2, "ranking": ["c3", ["c1", "c4"], "c2"]}, ...],
     "scores":     [{"candidate": "c1", "provider": "p1", "score": 73.5}, ...]}

Ids are strings; an inner list in a ranking is a tie; ``scores`` is needed only by the
optimal method. Parsing collects every problem before raising, so one run names them all.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np

from . import errors
from .types import Allocation, AllocationInstance, Certificate, Comparison, IntArray

__all__ = [
    "NamedInstance",
    "allocation_to_json",
    "certificate_to_json",
    "load_json",
    "parse_allocation",
    "parse_instance",
]


@dataclass(frozen=True, eq=False)
class NamedInstance:
    """An instance as arrays, with the string ids of its candidates and providers."""

    instance: AllocationInstance
    candidate_ids: tuple[str, ...]
    provider_ids: tuple[str, ...]


def load_json(path: str | Path) -> Any:
    """Read a JSON file, turning an unreadable or malformed file into a named problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise errors.InvalidInstanceError(
            [errors.FILE_NOT_READABLE.format(path=path, reason=error)]
        ) from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise errors.InvalidInstanceError(
            [
                errors.FILE_NOT_JSON.format(
                    where=path, reason=error.msg, line=error.lineno, column=error.colno
                )
            ]
        ) from error


def _is_id(value: object) -> bool:
    return isinstance(value, str) and value != ""


def _records(data: dict[str, Any], field: str, problems: list[str]) -> list[dict[str, Any]]:
    if field not in data:
        problems.append(errors.FIELD_MISSING.format(where="The instance", field=field))
        return []
    value = data[field]
    if not isinstance(value, list):
        problems.append(
            errors.FIELD_WRONG_TYPE.format(where="The instance", field=field, expected="a list")
        )
        return []
    kept: list[dict[str, Any]] = []
    for i, record in enumerate(value):
        if isinstance(record, dict):
            kept.append(record)
        else:
            problems.append(
                errors.FIELD_WRONG_TYPE.format(
                    where=f"{field}[{i}]", field=field, expected="a list of objects"
                )
            )
    return kept


def _ids(
    records: list[dict[str, Any]], label: str, duplicate: str, problems: list[str]
) -> list[str]:
    ids: list[str] = []
    for i, record in enumerate(records):
        value = record.get("id")
        if value is None:
            problems.append(errors.FIELD_MISSING.format(where=f"{label}[{i}]", field="id"))
        elif not _is_id(value):
            problems.append(errors.ENTRY_BAD_ID.format(where=f"{label}[{i}]", value=value))
        ids.append(str(value) if _is_id(value) else f"#{i}")
    for value, count in Counter(ids).items():
        if count > 1:
            problems.append(duplicate.format(id=value, count=count))
    return ids


def _id_list(record: dict[str, Any], field: str, where: str, problems: list[str]) -> list[Any]:
    if field not in record:
        problems.append(errors.FIELD_MISSING.format(where=where, field=field))
        return []
    value = record[field]
    if not isinstance(value, list):
        problems.append(errors.FIELD_WRONG_TYPE.format(where=where, field=field, expected="a list"))
        return []
    return value


def parse_instance(data: object, *, need_scores: bool = False) -> NamedInstance:
    """Turn the parsed JSON of an instance into arrays, or raise naming every problem.

    >>> named = parse_instance({
    ...     "candidates": [{"id": "c1", "choices": ["p1"]}, {"id": "c2", "choices": ["p1"]}],
    ...     "providers": [{"id": "p1", "capacity": 1, "ranking": [["c1", "c2"]]}],
    ... })
    >>> named.instance.ranking_tiers.tolist(), named.candidate_ids
    ([0, 0], ('c1', 'c2'))
    >>> parse_instance({"candidates": [{"id": "c1", "choices": ["p9", "p9"]}],
    ...                 "providers": [{"id": "p1", "capacity": -1, "ranking": []}]})
    Traceback (most recent call last):
    ...
    oneworkforce.engines.matching.errors.InvalidInstanceError: Candidate "c1" chooses "p9", \
which is not a provider; Candidate "c1" lists provider "p9" more than once; Provider "p1": \
capacity must be 0 or more; found -1

    Cost: O(L) for L list entries, plus the arrays' construction.
    """
    problems: list[str] = []
    if not isinstance(data, dict):
        raise errors.InvalidInstanceError([errors.TOP_NOT_OBJECT])
    candidates = _records(data, "candidates", problems)
    providers = _records(data, "providers", problems)
    candidate_ids = _ids(candidates, "candidates", errors.CANDIDATE_DUPLICATE_ID, problems)
    provider_ids = _ids(providers, "providers", errors.PROVIDER_DUPLICATE_ID, problems)
    candidate_index = {c: i for i, c in enumerate(candidate_ids)}
    provider_index = {p: i for i, p in enumerate(provider_ids)}

    choices: list[list[int]] = []
    for i, record in enumerate(candidates):
        name = candidate_ids[i]
        row: list[int] = []
        seen: set[str] = set()
        for value in _id_list(record, "choices", f'Candidate "{name}"', problems):
            if not _is_id(value):
                problems.append(
                    errors.ENTRY_BAD_ID.format(where=f'Candidate "{name}"', value=value)
                )
            elif value in seen:
                problems.append(errors.CHOICE_DUPLICATE.format(candidate=name, provider=value))
            elif value not in provider_index:
                problems.append(
                    errors.CHOICE_UNKNOWN_PROVIDER.format(candidate=name, provider=value)
                )
            else:
                row.append(provider_index[value])
            if _is_id(value):
                seen.add(value)
        choices.append(row)

    capacities: list[int] = []
    rankings: list[list[int | list[int]]] = []
    for i, record in enumerate(providers):
        name = provider_ids[i]
        capacity = record.get("capacity")
        if "capacity" not in record:
            problems.append(
                errors.FIELD_MISSING.format(where=f'Provider "{name}"', field="capacity")
            )
            capacity = 0
        elif isinstance(capacity, bool) or not isinstance(capacity, int):
            problems.append(errors.PROVIDER_CAPACITY_BAD.format(provider=name, value=capacity))
            capacity = 0
        elif capacity < 0:
            problems.append(errors.PROVIDER_CAPACITY_NEGATIVE.format(provider=name, value=capacity))
            capacity = 0
        capacities.append(capacity)
        ranked: list[int | list[int]] = []
        seen = set()
        for entry in _id_list(record, "ranking", f'Provider "{name}"', problems):
            tie: list[int] = []
            for value in entry if isinstance(entry, list) else [entry]:
                if not _is_id(value):
                    problems.append(
                        errors.ENTRY_BAD_ID.format(where=f'Provider "{name}"', value=value)
                    )
                elif value in seen:
                    problems.append(errors.RANKING_DUPLICATE.format(provider=name, candidate=value))
                elif value not in candidate_index:
                    problems.append(
                        errors.RANKING_UNKNOWN_CANDIDATE.format(provider=name, candidate=value)
                    )
                else:
                    tie.append(candidate_index[value])
                if _is_id(value):
                    seen.add(value)
            if tie:
                ranked.append(tie if len(tie) > 1 else tie[0])
        rankings.append(ranked)

    scores = _parse_scores(data, candidate_index, provider_index, problems)
    if need_scores and not problems:
        accepted_by = [
            {c for entry in row for c in (entry if isinstance(entry, list) else [entry])}
            for row in rankings
        ]
        for c, row in enumerate(choices):
            for p in row:
                if c in accepted_by[p] and (c, p) not in scores:
                    problems.append(
                        errors.SCORE_MISSING.format(
                            candidate=candidate_ids[c], provider=provider_ids[p]
                        )
                    )
    if problems:
        raise errors.InvalidInstanceError(problems)
    instance = AllocationInstance.from_lists(
        choices=choices,
        capacities=capacities,
        rankings=rankings,
        scores=scores if "scores" in data else None,
    )
    return NamedInstance(instance, tuple(candidate_ids), tuple(provider_ids))


def _parse_scores(
    data: dict[str, Any],
    candidate_index: dict[str, int],
    provider_index: dict[str, int],
    problems: list[str],
) -> dict[tuple[int, int], float]:
    scores: dict[tuple[int, int], float] = {}
    if "scores" not in data:
        return scores
    for i, record in enumerate(_records(data, "scores", problems)):
        c, p, score = record.get("candidate"), record.get("provider"), record.get("score")
        for field, value in (("candidate", c), ("provider", p), ("score", score)):
            if value is None:
                problems.append(errors.FIELD_MISSING.format(where=f"scores[{i}]", field=field))
        if c is not None and c not in candidate_index:
            problems.append(errors.SCORE_UNKNOWN_CANDIDATE.format(candidate=c))
        if p is not None and p not in provider_index:
            problems.append(errors.SCORE_UNKNOWN_PROVIDER.format(provider=p))
        number_ok = (
            isinstance(score, int | float) and not isinstance(score, bool) and math.isfinite(score)
        )
        if score is not None and not number_ok:
            problems.append(errors.SCORE_NOT_NUMBER.format(candidate=c, provider=p))
        if c in candidate_index and p in provider_index and number_ok:
            key = (candidate_index[c], provider_index[p])
            if key in scores:
                problems.append(errors.SCORE_DUPLICATE.format(candidate=c, provider=p))
            scores[key] = float(cast(float, score))
    return scores


def parse_allocation(data: object, named: NamedInstance) -> IntArray:
    """Read ``{"assignments": [{"candidate": ..., "provider": ...}]}`` into ``provider_of``.

    >>> named = parse_instance({"candidates": [{"id": "c1", "choices": ["p1"]}],
    ...                         "providers": [{"id": "p1", "capacity": 1, "ranking": ["c1"]}]})
    >>> parse_allocation({"assignments": [{"candidate": "c1", "provider": "p1"}]}, named).tolist()
    [0]
    """
    if not isinstance(data, dict) or not isinstance(data.get("assignments"), list):
        raise errors.InvalidAllocationError([errors.ALLOCATION_NOT_OBJECT])
    candidate_index = {c: i for i, c in enumerate(named.candidate_ids)}
    provider_index = {p: i for i, p in enumerate(named.provider_ids)}
    provider_of = np.full(len(named.candidate_ids), -1, dtype=np.int64)
    problems: list[str] = []
    for record in data["assignments"]:
        if not isinstance(record, dict):
            problems.append(errors.ALLOCATION_NOT_OBJECT)
            continue
        c, p = record.get("candidate"), record.get("provider")
        if c not in candidate_index:
            problems.append(errors.ALLOCATION_UNKNOWN_CANDIDATE.format(candidate=c))
        if p not in provider_index:
            problems.append(errors.ALLOCATION_UNKNOWN_PROVIDER.format(provider=p))
        if c in candidate_index and p in provider_index:
            if provider_of[candidate_index[c]] >= 0:
                problems.append(errors.ALLOCATION_CANDIDATE_TWICE.format(candidate=c))
            provider_of[candidate_index[c]] = provider_index[p]
    if problems:
        raise errors.InvalidAllocationError(problems)
    return provider_of


def certificate_to_json(named: NamedInstance, certificate: Certificate) -> dict[str, Any]:
    """The certificate with ids in place of indices; ``by_rank`` maps "1", "2"... to counts."""
    c_ids, p_ids = named.candidate_ids, named.provider_ids
    return {
        "stable": certificate.stable,
        "blocking_pairs": [[c_ids[c], p_ids[p]] for c, p in certificate.blocking_pairs.tolist()],
        "capacity_ok": certificate.capacity_ok,
        "over_capacity": [p_ids[p] for p in certificate.over_capacity.tolist()],
        "acceptable_ok": certificate.acceptable_ok,
        "unacceptable": [c_ids[c] for c in certificate.unacceptable.tolist()],
        "by_rank": {str(r + 1): n for r, n in enumerate(certificate.by_rank.tolist())},
        "placed": certificate.placed,
        "unplaced": certificate.unplaced,
    }


def allocation_to_json(
    named: NamedInstance,
    allocation: Allocation,
    certificate: Certificate,
    comparison: Comparison | None = None,
) -> dict[str, Any]:
    """The allocation, its certificate and (for the optimal method) the comparison, as JSON."""
    c_ids, p_ids = named.candidate_ids, named.provider_ids
    provider_of = allocation.provider_of.tolist()
    result: dict[str, Any] = {
        "method": allocation.method,
        "proposing": allocation.proposing,
        "seed": allocation.seed,
        "assignments": [
            {"candidate": c_ids[c], "provider": p_ids[p]}
            for c, p in enumerate(provider_of)
            if p >= 0
        ],
        "unassigned": [c_ids[c] for c, p in enumerate(provider_of) if p < 0],
        "certificate": certificate_to_json(named, certificate),
    }
    if allocation.total_score is not None:
        result["total_score"] = round(allocation.total_score, 6)
    if comparison is not None:
        result["comparison"] = {
            "stable_placed": comparison.stable_placed,
            "optimal_placed": comparison.optimal_placed,
            "stable_unplaced": comparison.stable_unplaced,
            "optimal_unplaced": comparison.optimal_unplaced,
            "stable_total_score": round(comparison.stable_total_score, 6),
            "optimal_total_score": round(comparison.optimal_total_score, 6),
            "score_gap": comparison.score_gap,
            "stable_blocking_pairs": comparison.stable_blocking_pairs,
            "optimal_blocking_pairs": comparison.optimal_blocking_pairs,
        }
    return result
