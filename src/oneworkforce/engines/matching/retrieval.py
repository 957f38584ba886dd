"""Top-k retrieval both ways, and the batch job over everyone, with explanations.

Hard rules come first: a pair that fails eligibility never gets a score. For one candidate
or one vacancy the work is a handful of NumPy passes over the other side. The batch job
(:func:`top_vacancies_for_all`) buckets vacancies in a uniform grid of ``cell_km`` squares,
so each candidate visits only the cells within their travel limit; with numba it runs a
compiled kernel over candidates in parallel, otherwise it falls back to the one-candidate
NumPy path per candidate. Both give the exact top k, ties broken by the lower index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

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

    Within a cell, vacancies are grouped by whether they need a driver and by the check level
    they need, so a candidate skips whole groups they cannot enter. ``grid_vacancies`` holds
    the columns reordered group by group (a scan reads memory in order); ``order[slot]`` is
    the original index of the vacancy in ``slot``; group ``(cell * 2 + driving) * levels +
    level`` holds slots ``group_start[group]:group_start[group + 1]``, for cell
    ``ix * gy + iy``.
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
    group = (cell * 2 + vacancies.needs_driving.astype(np.int64)) * levels + vacancies.check_level
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
        who, k, index.x0, index.y0, index.cell_km, index.gx, index.gy, index.levels,
        index.order, index.group_start,
        candidates.x_km, candidates.y_km, candidates.max_travel_km, candidates.travel_mode,
        candidates.right_to_work, candidates.check_level, candidates.age,
        candidates.driving_licence, candidates.car, candidates.skills, candidates.availability,
        candidates.hours_min, candidates.hours_max, candidates.experience_years,
        candidates.interest_roles, candidates.interest_settings, candidates.languages,
        g.x_km, g.y_km, g.check_level, g.min_age, g.needs_driving, g.required_skills,
        g.desired_skills, g.shifts, g.hours, g.experience_years, g.role, g.setting, g.languages,
        index.has_required, index.shifts_wanted, index.skills_wanted, index.languages_wanted,
        index.inverse_years,
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
) -> Explanation:
    """Eligibility with reasons, and the score with its parts, for one pair.

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
    found = ineligibility_reasons(candidates, vacancies, candidate, vacancy, skill_names)
    score, parts = score_parts(candidates, vacancies, candidate, vacancy, weights, skill_names)
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
    c: int, bi: IntArray, bs: FloatArray,
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
    languages_wanted: FloatArray, inverse_years: FloatArray,
    w: FloatArray, factors: FloatArray, inverse_tolerance: float, scale: float,
) -> None:  # fmt: skip
    if not rtw[c]:
        return
    drives = licence[c] and car[c]
    factor = factors[mode[c]]
    words = skills.shape[1]
    r = travel[c]
    r2 = r * r
    px = cx[c]
    py = cy[c]
    # The most the parts after the cheap ones can add, to skip pairs that cannot enter.
    late_max = w[1] + w[3] + w[6]
    ix_lo = max(int((px - r - x0) // cell_km), 0)
    ix_hi = min(int((px + r - x0) // cell_km), gx - 1)
    iy_lo = max(int((py - r - y0) // cell_km), 0)
    iy_hi = min(int((py + r - y0) // cell_km), gy - 1)
    last = k - 1
    for ix in range(ix_lo, ix_hi + 1):
        left = x0 + ix * cell_km
        ex = max(left - px, 0.0, px - (left + cell_km))
        for iy in range(iy_lo, iy_hi + 1):
            bottom = y0 + iy * cell_km
            ey = max(bottom - py, 0.0, py - (bottom + cell_km))
            if ex * ex + ey * ey > r2:
                continue
            cell = ix * gy + iy
            top_level = min(ccheck[c], levels - 1)
            for driving in range(2 if drives else 1):
                base = (cell * 2 + driving) * levels
                for v in range(group_start[base], group_start[base + top_level + 1]):
                    dx = px - vx[v]
                    dy = py - vy[v]
                    d2 = dx * dx + dy * dy
                    if d2 > r2 or ccheck[c] < vcheck[v] or age[c] < min_age[v]:
                        continue
                    if needs_driving[v] and not drives:
                        continue
                    if has_required[v]:
                        missing = False
                        for word in range(words):
                            if required[v, word] & ~skills[c, word]:
                                missing = True
                        if missing:
                            continue
                    v0 = max(0.0, 1.0 - np.sqrt(d2) * factor)
                    gap = max(hmin[c] - hours[v], 0.0) + max(hours[v] - hmax[c], 0.0)
                    v2 = max(0.0, 1.0 - gap * inverse_tolerance)
                    v4 = min(1.0, years[c] * inverse_years[v]) if vyears[v] > 0 else 1.0
                    rb = float((roles[c] >> np.uint64(role[v])) & _S1)
                    sb = float((settings[c] >> np.uint64(setting[v])) & _S1)
                    v5 = 0.5 * rb + 0.5 * sb
                    if bi[last] >= 0:
                        bound = (w[0] * v0 + w[2] * v2 + w[4] * v4 + w[5] * v5 + late_max) * scale
                        if bound * (1.0 + 1e-12) < bs[last]:
                            continue
                    wanted = shifts_wanted[v]
                    v1 = _popcount(shifts[v] & avail[c]) / max(wanted, 1.0) if wanted > 0 else 1.0
                    s_wanted = skills_wanted[v]
                    v3 = 1.0
                    if s_wanted > 0:
                        s_held = 0.0
                        for word in range(words):
                            s_held += _popcount(desired[v, word] & skills[c, word])
                        v3 = s_held / max(s_wanted, 1.0)
                    l_wanted = languages_wanted[v]
                    v6 = (
                        _popcount(vlang[v] & clang[c]) / max(l_wanted, 1.0) if l_wanted > 0 else 1.0
                    )
                    total = w[0] * v0
                    total = total + w[1] * v1
                    total = total + w[2] * v2
                    total = total + w[3] * v3
                    total = total + w[4] * v4
                    total = total + w[5] * v5
                    total = total + w[6] * v6
                    score = total * scale
                    original = order[v]
                    if bi[last] >= 0 and (
                        score < bs[last] or (score == bs[last] and original > bi[last])
                    ):
                        continue
                    # Insert in order: higher score first, lower index first among equals.
                    i = last
                    while i > 0 and (
                        bi[i - 1] < 0
                        or score > bs[i - 1]
                        or (score == bs[i - 1] and original < bi[i - 1])
                    ):
                        bs[i] = bs[i - 1]
                        bi[i] = bi[i - 1]
                        i -= 1
                    bs[i] = score
                    bi[i] = original


@jit_parallel
def _top_parallel(who: IntArray, k: int, *columns: Any) -> tuple[IntArray, FloatArray]:
    rows = who.shape[0]
    best_index = np.full((rows, k), -1, dtype=np.int64)
    best_score = np.full((rows, k), -np.inf)
    for t in parallel_range(rows):
        _scan(who[t], best_index[t], best_score[t], k, *columns)
    return best_index, best_score


@jit
def _top_serial(who: IntArray, k: int, *columns: Any) -> tuple[IntArray, FloatArray]:
    rows = who.shape[0]
    best_index = np.full((rows, k), -1, dtype=np.int64)
    best_score = np.full((rows, k), -np.inf)
    for t in range(rows):
        _scan(who[t], best_index[t], best_score[t], k, *columns)
    return best_index, best_score
