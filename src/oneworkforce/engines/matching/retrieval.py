"""Top-k retrieval both ways, and the batch job over everyone, with explanations.

Hard rules come first: a pair that fails eligibility never enters a result. For one
candidate or one vacancy the work is a handful of NumPy passes over the other side. The batch
job (:func:`top_vacancies_for_all`) buckets vacancies in a uniform grid of ``cell_km``
squares, so each candidate reads only the cells within their travel limit, a column of cells
at a time; with numba it runs a compiled kernel over candidates in parallel (it scores a
whole run of vacancies in vector instructions, then drops those failing a rule), otherwise
it falls back to the one-candidate NumPy path per candidate. Both give the exact top k, ties
broken by the lower index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from . import reasons
from ._jit import HAVE_NUMBA, jit, jit_parallel, parallel_range, resolve_backend
from .eligibility import eligible_pairs, ineligibility_reasons
from .scoring import Weights, popcount_rows, score_pairs, score_parts
from .types import (
    BoolArray,
    Candidates,
    Explanation,
    FloatArray,
    IntArray,
    TopK,
    UInt64Array,
    Vacancies,
)

__all__ = [
    "VacancyIndex",
    "explain",
    "index_vacancies",
    "top_candidates_for",
    "top_vacancies_for",
    "top_vacancies_for_all",
]


@dataclass(frozen=True, eq=False)
class VacancyIndex:
    """Vacancies bucketed in a uniform grid of ``cell_km`` squares (built once, queried often).

    Vacancies are grouped by whether they need a driver, the check level they need, and
    their cell, in that order, so that one column of cells (fixed ``ix``, consecutive
    ``iy``) of one driving group and level is one run of consecutive slots: a candidate
    reads the part of each column within their travel limit in one pass, and never reads the
    groups they cannot enter. ``grid_vacancies`` holds the columns reordered group by group;
    ``order[slot]`` is the original index of the vacancy in ``slot``; group
    ``((driving * levels + level) * gx + ix) * gy + iy`` holds slots
    ``group_start[group]:group_start[group + 1]``. ``required_by_word`` and
    ``desired_by_word`` hold the skill bitsets word by word (``[word, slot]``), so a run's
    words are read from consecutive memory; ``required_words`` marks the words in which some
    vacancy requires a qualification; ``widest`` is the most slots in one column.
    """

    vacancies: Vacancies
    grid_vacancies: Vacancies
    x0: float
    y0: float
    cell_km: float
    gx: int
    gy: int
    levels: int
    order: IntArray
    group_start: IntArray
    has_required: BoolArray
    shifts_wanted: FloatArray
    skills_wanted: FloatArray
    languages_wanted: FloatArray
    inverse_years: FloatArray
    required_by_word: UInt64Array
    desired_by_word: UInt64Array
    required_words: BoolArray
    widest: int


def index_vacancies(vacancies: Vacancies, cell_km: float = 2.0) -> VacancyIndex:
    """Build the grid index over vacancies. Cost: O(m log m) time, O(m) memory."""
    x0 = float(vacancies.x_km.min(initial=0.0))
    y0 = float(vacancies.y_km.min(initial=0.0))
    gx = int((float(vacancies.x_km.max(initial=0.0)) - x0) // cell_km) + 1
    gy = int((float(vacancies.y_km.max(initial=0.0)) - y0) // cell_km) + 1
    cell = ((vacancies.x_km - x0) // cell_km).astype(np.int64) * gy + (
        (vacancies.y_km - y0) // cell_km
    ).astype(np.int64)
    levels = int(vacancies.check_level.max(initial=0)) + 1
    kind = vacancies.needs_driving.astype(np.int64) * levels + vacancies.check_level
    group = kind * (gx * gy) + cell
    groups = gx * gy * 2 * levels
    order = np.argsort(group, kind="stable").astype(np.int64)
    group_start = np.zeros(groups + 1, dtype=np.int64)
    np.cumsum(np.bincount(group, minlength=groups), out=group_start[1:])
    grid = Vacancies(
        **{
            f.name: np.ascontiguousarray(getattr(vacancies, f.name)[order])
            for f in fields(Vacancies)
        }
    )
    return VacancyIndex(
        vacancies, grid, x0, y0, cell_km, gx, gy, levels, order, group_start,
        np.any(grid.required_skills != 0, axis=1),
        np.bitwise_count(grid.shifts).astype(np.float64),
        popcount_rows(grid.desired_skills).astype(np.float64),
        np.bitwise_count(grid.languages).astype(np.float64),
        1.0 / np.maximum(grid.experience_years, 1e-9),
        np.ascontiguousarray(grid.required_skills.T),
        np.ascontiguousarray(grid.desired_skills.T),
        np.any(grid.required_skills != 0, axis=0),
        int(np.diff(group_start[::gy]).max(initial=0)),
    )  # fmt: skip


def _run_kernel(
    candidates: Candidates,
    index: VacancyIndex,
    who: IntArray,
    k: int,
    weights: Weights,
    *,
    parallel: bool,
) -> tuple[IntArray, FloatArray]:
    g = index.grid_vacancies
    kernel = _top_parallel if parallel else _top_serial
    result: tuple[IntArray, FloatArray] = kernel(
        who, k, index.widest, index.x0, index.y0, index.cell_km, index.gx, index.gy, index.levels,
        index.order, index.group_start,
        candidates.x_km, candidates.y_km, candidates.max_travel_km, candidates.travel_mode,
        candidates.right_to_work, candidates.check_level, candidates.age,
        candidates.driving_licence, candidates.car, candidates.skills, candidates.availability,
        candidates.hours_min, candidates.hours_max, candidates.experience_years,
        candidates.interest_roles, candidates.interest_settings, candidates.languages,
        g.x_km, g.y_km, g.check_level, g.min_age, g.needs_driving,
        index.required_by_word, index.desired_by_word,
        g.shifts, g.hours, g.experience_years, g.role, g.setting, g.languages,
        index.has_required, index.shifts_wanted, index.skills_wanted, index.languages_wanted,
        index.inverse_years, index.required_words,
        weights.vector(), weights.distance_factors(),
        1.0 / weights.hours_tolerance, 100.0 / weights.total(),
    )  # fmt: skip
    return result


def explain(
    candidates: Candidates,
    vacancies: Vacancies,
    candidate: int,
    vacancy: int,
    weights: Weights | None = None,
    skill_names: Sequence[str] | None = None,
    translate: reasons.Translate = reasons.english,
) -> Explanation:
    """Eligibility with reasons, and the score with its parts, for one pair; every sentence's
    template goes through ``translate`` (Django's ``gettext``, say) before it is filled in.

    >>> from oneworkforce.engines.matching.examples import tiny_district
    >>> people, jobs = tiny_district()
    >>> names = ["First Aid", "Level 2 Diploma", "Food Hygiene"]
    >>> why = explain(people, jobs, 0, 0, skill_names=names)
    >>> why.eligible, round(why.score, 1)
    (True, 97.6)
    >>> for part in why.parts[:4]:
    ...     print(part.sentence)
    4 km away, about 7 minutes by car
    Covers 5 of the 5 shifts
    Wants 20 to 30 hours a week; the job offers 25
    Has the Level 2 Diploma the job asks for
    """
    weights = weights or Weights()
    found = ineligibility_reasons(candidates, vacancies, candidate, vacancy, skill_names, translate)
    score, parts = score_parts(
        candidates, vacancies, candidate, vacancy, weights, skill_names, translate
    )
    return Explanation(candidate, vacancy, not found, found, score, parts)


def _best(indices: IntArray, scores: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    """The k best by score, ties to the lower index, best first."""
    if indices.shape[0] > k:
        # Keep everything tied with the k-th score, then order exactly.
        kth = np.partition(scores, indices.shape[0] - k)[indices.shape[0] - k]
        keep = scores >= kth
        indices, scores = indices[keep], scores[keep]
    order = np.lexsort((indices, -scores))[:k]
    return indices[order], scores[order]


def top_vacancies_for(
    candidates: Candidates,
    vacancies: Vacancies,
    candidate: int,
    k: int = 10,
    weights: Weights | None = None,
    *,
    index: VacancyIndex | None = None,
    backend: str = "auto",
) -> tuple[IntArray, FloatArray]:
    """One candidate's k best eligible vacancies (indices and scores, best first).

    >>> from oneworkforce.engines.matching.examples import tiny_district
    >>> people, jobs = tiny_district()
    >>> top_vacancies_for(people, jobs, 0, k=5)[0].tolist()
    [0]

    Pass an ``index`` from :func:`index_vacancies` to reuse it across calls; with numba the
    compiled kernel then visits only the grid cells within the candidate's travel limit.
    Cost: O(m * words) for m vacancies without the index.
    """
    weights = weights or Weights()
    if resolve_backend(backend) == "numba":
        index = index or index_vacancies(vacancies)
        best, best_scores = _run_kernel(
            candidates, index, np.array([candidate], dtype=np.int64), k, weights, parallel=False
        )
        found = best[0] >= 0
        return best[0][found], best_scores[0][found]
    # One candidate index broadcasts against every vacancy, so no per-pair copies are made.
    c = np.int64(candidate)
    dx = vacancies.x_km - candidates.x_km[candidate]
    dy = vacancies.y_km - candidates.y_km[candidate]
    limit = candidates.max_travel_km[candidate]
    if not candidates.right_to_work[candidate]:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    near = np.flatnonzero(dx * dx + dy * dy <= limit * limit)
    ok = near[eligible_pairs(candidates, vacancies, c, near)]  # type: ignore[arg-type]
    return _best(ok, score_pairs(candidates, vacancies, c, ok, weights), k)  # type: ignore[arg-type]


def top_candidates_for(
    candidates: Candidates,
    vacancies: Vacancies,
    vacancy: int,
    k: int = 10,
    weights: Weights | None = None,
) -> tuple[IntArray, FloatArray]:
    """One vacancy's k best eligible candidates (indices and scores, best first).

    >>> from oneworkforce.engines.matching.examples import tiny_district
    >>> people, jobs = tiny_district()
    >>> top_candidates_for(people, jobs, 0, k=5)[0].tolist()
    [0]

    Cost: O(n * words) for n candidates.
    """
    weights = weights or Weights()
    c = np.arange(len(candidates), dtype=np.int64)
    v = np.int64(vacancy)
    ok = c[eligible_pairs(candidates, vacancies, c, v)]  # type: ignore[arg-type]
    return _best(ok, score_pairs(candidates, vacancies, ok, v, weights), k)  # type: ignore[arg-type]


def top_vacancies_for_all(
    candidates: Candidates,
    vacancies: Vacancies,
    k: int = 10,
    weights: Weights | None = None,
    *,
    cell_km: float = 2.0,
    backend: str = "auto",
) -> TopK:
    """Every candidate's k best eligible vacancies, exactly, as (n, k) arrays.

    >>> from oneworkforce.engines.matching.examples import tiny_district
    >>> people, jobs = tiny_district()
    >>> top_vacancies_for_all(people, jobs, k=2).indices.tolist()
    [[0, -1], [-1, -1]]

    Cost: for each candidate, the vacancies in grid cells within their travel limit; memory
    O(n * k + m).
    """
    weights = weights or Weights()
    n = len(candidates)
    if resolve_backend(backend) == "numpy":
        indices = np.full((n, k), -1, dtype=np.int64)
        scores = np.full((n, k), -np.inf)
        for c in range(n):
            best, best_scores = top_vacancies_for(
                candidates, vacancies, c, k, weights, backend="numpy"
            )
            indices[c, : best.shape[0]] = best
            scores[c, : best.shape[0]] = best_scores
        return TopK(indices, scores)
    index = index_vacancies(vacancies, cell_km)
    # Neighbours read the same vacancies: visiting candidates cell by cell (and, within a
    # cell, by the groups they may enter) keeps those vacancies in the processor's cache.
    cx = np.clip((candidates.x_km - index.x0) // cell_km, 0, index.gx - 1).astype(np.int64)
    cy = np.clip((candidates.y_km - index.y0) // cell_km, 0, index.gy - 1).astype(np.int64)
    drives = candidates.driving_licence & candidates.car
    visit = np.lexsort((drives, candidates.check_level, cx * index.gy + cy)).astype(np.int64)
    found, found_scores = _run_kernel(candidates, index, visit, k, weights, parallel=True)
    indices = np.empty_like(found)
    scores = np.empty_like(found_scores)
    indices[visit] = found
    scores[visit] = found_scores
    return TopK(indices, scores)


_M1 = np.uint64(0x5555555555555555)
_M2 = np.uint64(0x3333333333333333)
_M4 = np.uint64(0x0F0F0F0F0F0F0F0F)
_H01 = np.uint64(0x0101010101010101)
_S1 = np.uint64(1)
_S2 = np.uint64(2)
_S4 = np.uint64(4)
_S56 = np.uint64(56)


if HAVE_NUMBA:
    from numba.extending import intrinsic

    @intrinsic
    def _ctpop(typingctx: Any, x: Any) -> Any:
        """The processor's population count (LLVM ctpop)."""

        def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
            return builder.ctpop(args[0])

        return x(x), codegen

    _processor_popcount: Any = _ctpop

    @jit
    def _popcount(x: np.uint64) -> float:
        return float(_processor_popcount(x))

else:

    def _popcount(x: np.uint64) -> float:
        x = x - ((x >> _S1) & _M1)
        x = (x & _M2) + ((x >> _S2) & _M2)
        x = (x + (x >> _S4)) & _M4
        return float((x * _H01) >> _S56)


# The kernels below repeat score_pairs' arithmetic operation for operation, so the compiled
# and NumPy paths give bit-identical scores (the tests compare them).
@jit
def _scan(
    c: int, bi: IntArray, bs: FloatArray, held: FloatArray, missing: UInt64Array,
    scores: FloatArray,
    k: int, x0: float, y0: float, cell_km: float, gx: int, gy: int, levels: int,
    order: IntArray, group_start: IntArray,
    cx: FloatArray, cy: FloatArray, travel: FloatArray, mode: IntArray, rtw: np.ndarray,
    ccheck: IntArray, age: IntArray, licence: np.ndarray, car: np.ndarray, skills: UInt64Array,
    avail: UInt64Array, hmin: FloatArray, hmax: FloatArray, years: FloatArray,
    roles: UInt64Array, settings: UInt64Array, clang: UInt64Array,
    vx: FloatArray, vy: FloatArray, vcheck: IntArray, min_age: IntArray, needs_driving: np.ndarray,
    required: UInt64Array, desired: UInt64Array, shifts: UInt64Array, hours: FloatArray,
    vyears: FloatArray, role: IntArray, setting: IntArray, vlang: UInt64Array,
    has_required: BoolArray, shifts_wanted: FloatArray, skills_wanted: FloatArray,
    languages_wanted: FloatArray, inverse_years: FloatArray, required_words: BoolArray,
    w: FloatArray, factors: FloatArray, inverse_tolerance: float, scale: float,
) -> None:  # fmt: skip
    """Candidate ``c``'s best k into ``bi``/``bs``; ``held``, ``missing`` and ``scores`` are
    scratch rows of at least ``widest`` slots.

    Each run of slots a candidate may enter (one cell, one driving group, check levels up to
    theirs) is scored in straight-line passes with no branch per vacancy, which the compiler
    turns into vector instructions: a vacancy failing a hard rule gets minus infinity. Only
    the rare score good enough for the top k then takes the branching insertion. Scoring
    everything costs less than the branches that used to skip work (measured: a bound on the
    score saved the full score for under a tenth of the pairs).
    """  # fmt: skip
    if not rtw[c]:
        return
    drives = licence[c] and car[c]
    factor = factors[mode[c]]
    words = skills.shape[1]
    r = travel[c]
    r2 = r * r
    px = cx[c]
    py = cy[c]
    age_c = age[c]
    check_c = ccheck[c]
    avail_c = avail[c]
    lang_c = clang[c]
    roles_c = roles[c]
    settings_c = settings[c]
    hmin_c = hmin[c]
    hmax_c = hmax[c]
    years_c = years[c]
    w0, w1, w2, w3, w4, w5, w6 = w[0], w[1], w[2], w[3], w[4], w[5], w[6]
    ix_lo = max(int((px - r - x0) // cell_km), 0)
    ix_hi = min(int((px + r - x0) // cell_km), gx - 1)
    last = k - 1
    top_level = min(check_c, levels - 1)
    # A millimetre of slack against rounding: the run may hold a few vacancies too far away
    # (the distance test below drops them), never miss one within reach.
    slack = 1e-6
    for driving in range(2 if drives else 1):
        for level in range(top_level + 1):
            kind = (driving * levels + level) * gx
            for ix in range(ix_lo, ix_hi + 1):
                left = x0 + ix * cell_km
                ex = max(left - px, 0.0, px - (left + cell_km))
                if ex > r + slack:
                    continue
                half = np.sqrt(max(r2 - ex * ex, 0.0)) + slack
                iy_lo = max(int((py - half - y0) // cell_km), 0)
                iy_hi = min(int((py + half - y0) // cell_km), gy - 1)
                if iy_hi < iy_lo:
                    continue
                column = (kind + ix) * gy
                start = group_start[column + iy_lo]
                stop = group_start[column + iy_hi + 1]
                if stop == start:
                    continue
                # Unsigned positions spare the compiler numba's negative-index check, so it
                # loads runs of vacancies with plain vector loads instead of gathers.
                lo = np.uint64(start)
                count = np.uint64(stop - start)
                for i in range(count):
                    held[i] = 0.0
                    missing[i] = 0
                # A word no vacancy requires anything in, or in which the candidate holds
                # nothing, adds nothing to ``missing`` or ``held``: skip its pass.
                for word in range(words):
                    have = skills[c, word]
                    if required_words[word]:
                        lacking = ~have
                        for i in range(count):
                            missing[i] |= required[word, lo + i] & lacking
                    if have:
                        for i in range(count):
                            held[i] += _popcount(desired[word, lo + i] & have)
                for i in range(count):
                    v = lo + i
                    dx = px - vx[v]
                    dy = py - vy[v]
                    d2 = dx * dx + dy * dy
                    v0 = max(0.0, 1.0 - np.sqrt(d2) * factor)
                    wanted = shifts_wanted[v]
                    covered = _popcount(shifts[v] & avail_c)
                    v1 = covered / max(wanted, 1.0) if wanted > 0 else 1.0
                    gap = max(hmin_c - hours[v], 0.0) + max(hours[v] - hmax_c, 0.0)
                    v2 = max(0.0, 1.0 - gap * inverse_tolerance)
                    s_wanted = skills_wanted[v]
                    v3 = held[i] / max(s_wanted, 1.0) if s_wanted > 0 else 1.0
                    v4 = min(1.0, years_c * inverse_years[v]) if vyears[v] > 0 else 1.0
                    rb = float((roles_c >> np.uint64(role[v])) & _S1)
                    sb = float((settings_c >> np.uint64(setting[v])) & _S1)
                    v5 = 0.5 * rb + 0.5 * sb
                    l_wanted = languages_wanted[v]
                    spoken = _popcount(vlang[v] & lang_c)
                    v6 = spoken / max(l_wanted, 1.0) if l_wanted > 0 else 1.0
                    total = w0 * v0
                    total = total + w1 * v1
                    total = total + w2 * v2
                    total = total + w3 * v3
                    total = total + w4 * v4
                    total = total + w5 * v5
                    total = total + w6 * v6
                    score = total * scale
                    # The groups already keep out jobs above the candidate's check level and,
                    # for a candidate who cannot drive, jobs that need a driver.
                    eligible = (d2 <= r2) & (age_c >= min_age[v]) & (missing[i] == 0)
                    scores[i] = score if eligible else -np.inf
                # Only a score at least the k-th best so far can enter (the k-th is minus
                # infinity until k are found, and a vacancy failing a rule never enters).
                floor = bs[last]
                for i in range(count):
                    score = scores[i]
                    if score < floor or score == -np.inf:
                        continue
                    original = order[lo + i]
                    if bi[last] >= 0 and (
                        score < bs[last] or (score == bs[last] and original > bi[last])
                    ):
                        continue
                    # Insert in order: higher score first, lower index first among equals.
                    j = last
                    while j > 0 and (
                        bi[j - 1] < 0
                        or score > bs[j - 1]
                        or (score == bs[j - 1] and original < bi[j - 1])
                    ):
                        bs[j] = bs[j - 1]
                        bi[j] = bi[j - 1]
                        j -= 1
                    bs[j] = score
                    bi[j] = original


@jit_parallel
def _top_parallel(who: IntArray, k: int, widest: int, *columns: Any) -> tuple[IntArray, FloatArray]:
    rows = who.shape[0]
    best_index = np.full((rows, k), -1, dtype=np.int64)
    best_score = np.full((rows, k), -np.inf)
    widest = max(widest, 1)
    for t in parallel_range(rows):
        held = np.empty(widest)
        missing = np.empty(widest, dtype=np.uint64)
        scores = np.empty(widest)
        _scan(who[t], best_index[t], best_score[t], held, missing, scores, k, *columns)
    return best_index, best_score


@jit
def _top_serial(who: IntArray, k: int, widest: int, *columns: Any) -> tuple[IntArray, FloatArray]:
    rows = who.shape[0]
    best_index = np.full((rows, k), -1, dtype=np.int64)
    best_score = np.full((rows, k), -np.inf)
    widest = max(widest, 1)
    held = np.empty(widest)
    missing = np.empty(widest, dtype=np.uint64)
    scores = np.empty(widest)
    for t in range(rows):
        _scan(who[t], best_index[t], best_score[t], held, missing, scores, k, *columns)
    return best_index, best_score
