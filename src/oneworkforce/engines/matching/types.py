"""Plain data the matching engine takes and returns.

An allocation instance is held as integer-indexed NumPy arrays in CSR form (offsets into one
flat array), so that a million candidates fit in a few hundred megabytes:

- candidate ``c`` chooses ``choices[choice_offsets[c]:choice_offsets[c + 1]]``, best first;
- provider ``p`` ranks ``ranking[ranking_offsets[p]:ranking_offsets[p + 1]]``, best first, and
  ``ranking_tiers`` gives each entry's tier: entries with equal tiers are tied;
- ``scores``, when given, is aligned with ``choices`` (one score per candidate's choice; NaN
  where unknown) and is used only by the optimal method.

A pair is acceptable only when each side lists the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Allocation",
    "AllocationInstance",
    "BoolArray",
    "Candidates",
    "Certificate",
    "Comparison",
    "Explanation",
    "FloatArray",
    "IntArray",
    "ScorePart",
    "TopK",
    "UInt64Array",
    "Vacancies",
]

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


def _csr(rows: Sequence[Sequence[int]]) -> tuple[IntArray, IntArray]:
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = np.fromiter((x for r in rows for x in r), dtype=np.int64, count=int(offsets[-1]))
    return offsets, flat


@dataclass(frozen=True, eq=False)
class AllocationInstance:
    """Two-sided preferences with provider capacities, as arrays (see the module docstring).

    >>> inst = AllocationInstance.from_lists(
    ...     choices=[[0, 1], [0]], capacities=[1, 1], rankings=[[[0, 1]], [0]]
    ... )
    >>> inst.n_candidates, inst.n_providers, inst.ranking_tiers.tolist()
    (2, 2, [0, 0, 0])
    """

    n_candidates: int
    n_providers: int
    choice_offsets: IntArray
    choices: IntArray
    capacities: IntArray
    ranking_offsets: IntArray
    ranking: IntArray
    ranking_tiers: IntArray
    scores: FloatArray | None = None

    @classmethod
    def from_lists(
        cls,
        *,
        choices: Sequence[Sequence[int]],
        capacities: Sequence[int],
        rankings: Sequence[Sequence[int | Sequence[int]]],
        scores: dict[tuple[int, int], float] | None = None,
    ) -> AllocationInstance:
        """Build an instance from Python lists; an inner list in a ranking is a tie."""
        choice_offsets, flat_choices = _csr(choices)
        flat_rows: list[list[int]] = []
        tier_rows: list[list[int]] = []
        for row in rankings:
            ids: list[int] = []
            tiers: list[int] = []
            # Tiers count the groups that hold someone: an empty tie is no tier at all.
            groups = [[entry] if isinstance(entry, int) else list(entry) for entry in row]
            for tier, group in enumerate(group for group in groups if group):
                ids.extend(group)
                tiers.extend([tier] * len(group))
            flat_rows.append(ids)
            tier_rows.append(tiers)
        ranking_offsets, flat_ranking = _csr(flat_rows)
        _, flat_tiers = _csr(tier_rows)
        score_array: FloatArray | None = None
        if scores is not None:
            score_array = np.full(flat_choices.shape[0], np.nan)
            for c, row in enumerate(choices):
                for j, p in enumerate(row):
                    if (c, p) in scores:
                        score_array[choice_offsets[c] + j] = scores[(c, p)]
        return cls(
            n_candidates=len(choices),
            n_providers=len(capacities),
            choice_offsets=choice_offsets,
            choices=flat_choices,
            capacities=np.asarray(capacities, dtype=np.int64),
            ranking_offsets=ranking_offsets,
            ranking=flat_ranking,
            ranking_tiers=flat_tiers,
            scores=score_array,
        )

    def choice_list(self, candidate: int) -> list[int]:
        """The providers ``candidate`` chooses, best first."""
        lo, hi = self.choice_offsets[candidate], self.choice_offsets[candidate + 1]
        return [int(x) for x in self.choices[lo:hi]]

    def ranking_list(self, provider: int) -> list[int | list[int]]:
        """The candidates ``provider`` ranks, best first, with ties as inner lists."""
        lo, hi = self.ranking_offsets[provider], self.ranking_offsets[provider + 1]
        out: list[int | list[int]] = []
        previous = -1
        for c, t in zip(
            self.ranking[lo:hi].tolist(), self.ranking_tiers[lo:hi].tolist(), strict=True
        ):
            if t == previous:
                last = out[-1]
                if isinstance(last, list):
                    last.append(c)
                else:
                    out[-1] = [last, c]
            else:
                out.append(c)
            previous = t
        return out


@dataclass(frozen=True, eq=False)
class Allocation:
    """Who goes where: ``provider_of[c]`` is candidate ``c``'s provider, or -1 if unplaced.

    ``method`` is ``"stable"`` or ``"optimal"``; ``proposing`` says which side proposed in
    deferred acceptance; ``seed`` is the tie-breaking lottery's seed, so a run can be repeated.
    ``total_score`` is the sum of the placed pairs' scores when the instance has scores.
    """

    provider_of: IntArray
    method: str
    proposing: str | None
    seed: int | None
    total_score: float | None = None

    @property
    def placed(self) -> int:
        """How many candidates have a place."""
        return int(np.count_nonzero(self.provider_of >= 0))


@dataclass(frozen=True, eq=False)
class Certificate:
    """An independent check of an allocation against the original preference lists.

    ``stable`` is true only when no candidate and provider would both rather be together:
    the candidate strictly prefers the provider to their place (or has none) and the provider
    has a free place or strictly prefers the candidate to someone it admitted (ties do not
    block; this is weak stability). ``blocking_pairs`` lists every such pair as rows of
    (candidate, provider). ``by_rank[r]`` counts candidates placed at their (r+1)-th choice.
    """

    stable: bool
    blocking_pairs: IntArray
    capacity_ok: bool
    over_capacity: IntArray
    acceptable_ok: bool
    unacceptable: IntArray
    by_rank: IntArray
    placed: int
    unplaced: int

    @property
    def valid(self) -> bool:
        """True when the allocation respects capacities, acceptability and stability."""
        return self.stable and self.capacity_ok and self.acceptable_ok


@dataclass(frozen=True)
class Comparison:
    """The stable and the optimal allocation side by side, so users can choose knowingly."""

    stable_placed: int
    optimal_placed: int
    stable_unplaced: int
    optimal_unplaced: int
    stable_total_score: float
    optimal_total_score: float
    score_gap: float
    stable_blocking_pairs: int
    optimal_blocking_pairs: int


UInt64Array = NDArray[np.uint64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class Candidates:
    """Candidates' profiles as columns (one row per candidate).

    Coordinates are projected kilometres. ``travel_mode`` is 0 on foot, 1 by bike, 2 by public
    transport, 3 by car. ``check_level`` is 0 none, 1 basic, 2 standard, 3 enhanced, 4 enhanced
    with barred lists. ``skills`` is a bitset of qualifications and skills, shape (n, words).
    ``availability`` is a 21-bit mask: bit ``3 * day + shift`` for days Monday..Sunday and
    shifts early, late, night. ``interest_roles`` and ``interest_settings`` are bitsets of role
    and setting codes (0..63); ``languages`` a bitset of language codes (0..63).
    """

    x_km: FloatArray
    y_km: FloatArray
    max_travel_km: FloatArray
    travel_mode: IntArray
    right_to_work: BoolArray
    check_level: IntArray
    age: IntArray
    driving_licence: BoolArray
    car: BoolArray
    skills: UInt64Array
    availability: UInt64Array
    hours_min: FloatArray
    hours_max: FloatArray
    experience_years: FloatArray
    interest_roles: UInt64Array
    interest_settings: UInt64Array
    languages: UInt64Array

    def __len__(self) -> int:
        return int(self.x_km.shape[0])


@dataclass(frozen=True, eq=False)
class Vacancies:
    """Vacancies' requirements as columns (one row per vacancy); codes as in :class:`Candidates`.

    ``required_skills`` are hard rules; ``desired_skills`` only score. ``shifts`` is the
    21-bit shift pattern; ``role`` and ``setting`` are codes 0..63; ``languages`` is a bitset of
    languages the job would like.
    """

    x_km: FloatArray
    y_km: FloatArray
    check_level: IntArray
    min_age: IntArray
    needs_driving: BoolArray
    required_skills: UInt64Array
    desired_skills: UInt64Array
    shifts: UInt64Array
    hours: FloatArray
    experience_years: FloatArray
    role: IntArray
    setting: IntArray
    languages: UInt64Array

    def __len__(self) -> int:
        return int(self.x_km.shape[0])


@dataclass(frozen=True)
class ScorePart:
    """One part of a score: its name, weight, value in [0, 1], points and plain sentence."""

    name: str
    weight: float
    value: float
    points: float
    sentence: str


@dataclass(frozen=True)
class Explanation:
    """A candidate-vacancy pair: eligible or not (with reasons), the score and its parts."""

    candidate: int
    vacancy: int
    eligible: bool
    reasons: tuple[str, ...]
    score: float
    parts: tuple[ScorePart, ...]


@dataclass(frozen=True, eq=False)
class TopK:
    """Best matches: ``indices[i, j]`` is row i's (j+1)-th best match (-1 when fewer)."""

    indices: IntArray
    scores: FloatArray
