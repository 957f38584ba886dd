"""Synthetic candidates and vacancies for worked examples, tests and the benchmark.

:func:`random_district` draws a district of ``size_km`` x ``size_km`` with candidates who
travel 5 to 25 km, ``n_skills`` skills (the first ten are regulated qualifications a job may
require) and 21 shift slots. Nothing here is real data.
"""

from __future__ import annotations

import numpy as np

from .types import Candidates, UInt64Array, Vacancies

__all__ = ["random_district", "tiny_district"]

N_SKILLS = 300
N_QUALIFICATIONS = 10


def _bitset(rows: np.ndarray, bits: np.ndarray, n_rows: int, n_bits: int) -> UInt64Array:
    words = max(1, (n_bits + 63) // 64)
    out = np.zeros((n_rows, words), dtype=np.uint64)
    np.bitwise_or.at(
        out, (rows, bits // 64), np.left_shift(np.uint64(1), (bits % 64).astype(np.uint64))
    )
    return out


def _mask(rng: np.random.Generator, n: int, n_bits: int, p: float) -> UInt64Array:
    bits = rng.random((n, n_bits)) < p
    weights = np.left_shift(np.uint64(1), np.arange(n_bits, dtype=np.uint64))
    mask: UInt64Array = (bits.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)
    return mask


def random_district(
    n_candidates: int,
    n_vacancies: int,
    rng: np.random.Generator,
    *,
    size_km: float = 40.0,
    n_skills: int = N_SKILLS,
) -> tuple[Candidates, Vacancies]:
    """A random district: candidates and vacancies with realistic-looking profiles."""
    n, m = n_candidates, n_vacancies
    held = rng.integers(N_QUALIFICATIONS, n_skills, size=(n, 8))
    qualified = rng.random((n, N_QUALIFICATIONS)) < 0.3
    q_rows, q_bits = np.nonzero(qualified)
    skill_rows = np.concatenate((np.repeat(np.arange(n), 8), q_rows))
    skill_bits = np.concatenate((held.ravel(), q_bits))
    licence = rng.random(n) < 0.6
    hours_min = rng.integers(8, 31, size=n).astype(np.float64)
    candidates = Candidates(
        x_km=rng.uniform(0, size_km, n),
        y_km=rng.uniform(0, size_km, n),
        max_travel_km=rng.uniform(5, 25, n),
        travel_mode=rng.choice(4, size=n, p=[0.15, 0.1, 0.4, 0.35]).astype(np.int64),
        right_to_work=rng.random(n) < 0.95,
        check_level=rng.choice(5, size=n, p=[0.3, 0.2, 0.1, 0.3, 0.1]).astype(np.int64),
        age=rng.integers(16, 68, size=n).astype(np.int64),
        driving_licence=licence,
        car=licence & (rng.random(n) < 0.8),
        skills=_bitset(skill_rows, skill_bits, n, n_skills),
        availability=_mask(rng, n, 21, 0.5),
        hours_min=hours_min,
        hours_max=hours_min + rng.integers(0, 21, size=n),
        experience_years=np.round(rng.exponential(3.0, n), 1),
        interest_roles=_mask(rng, n, 20, 0.15),
        interest_settings=_mask(rng, n, 8, 0.25),
        languages=np.uint64(1) | _mask(rng, n, 20, 0.05),
    )
    wants_qualification = rng.random(m) < 0.3
    r_rows = np.flatnonzero(wants_qualification)
    r_bits = rng.integers(0, N_QUALIFICATIONS, size=r_rows.size)
    d_bits = rng.integers(N_QUALIFICATIONS, n_skills, size=(m, 4))
    shifts = np.zeros(m, dtype=np.uint64)
    for _ in range(5):
        shifts |= np.left_shift(np.uint64(1), rng.integers(0, 21, size=m).astype(np.uint64))
    vacancies = Vacancies(
        x_km=rng.uniform(0, size_km, m),
        y_km=rng.uniform(0, size_km, m),
        check_level=rng.choice(5, size=m, p=[0.2, 0.2, 0.1, 0.4, 0.1]).astype(np.int64),
        min_age=np.where(rng.random(m) < 0.7, 18, 16).astype(np.int64),
        needs_driving=rng.random(m) < 0.25,
        required_skills=_bitset(r_rows, r_bits, m, n_skills),
        desired_skills=_bitset(np.repeat(np.arange(m), 4), d_bits.ravel(), m, n_skills),
        shifts=shifts,
        hours=rng.integers(10, 41, size=m).astype(np.float64),
        experience_years=rng.integers(0, 4, size=m).astype(np.float64),
        role=rng.integers(0, 20, size=m).astype(np.int64),
        setting=rng.integers(0, 8, size=m).astype(np.int64),
        languages=np.where(
            rng.random(m) < 0.2,
            np.left_shift(np.uint64(1), rng.integers(1, 20, size=m).astype(np.uint64)),
            np.uint64(0),
        ).astype(np.uint64),
    )
    return candidates, vacancies


def tiny_district() -> tuple[Candidates, Vacancies]:
    """Two candidates and two vacancies, for worked examples.

    Candidate 0 (Asha) lives 4 km from vacancy 0, drives, holds skill 1 (the Level 2 Diploma)
    and an enhanced check; candidate 1 (Ben) has only a basic check.
    """

    def u(*values: int) -> UInt64Array:
        return np.array(values, dtype=np.uint64)

    candidates = Candidates(
        x_km=np.array([0.0, 10.0]),
        y_km=np.array([0.0, 0.0]),
        max_travel_km=np.array([10.0, 15.0]),
        travel_mode=np.array([3, 2]),
        right_to_work=np.array([True, True]),
        check_level=np.array([3, 1]),
        age=np.array([34, 19]),
        driving_licence=np.array([True, False]),
        car=np.array([True, False]),
        skills=u(0b110, 0b100).reshape(2, 1),
        availability=u(0b000_000_000_011_011_011_011, 0b111_111_111_111_111_111_111),
        hours_min=np.array([20.0, 30.0]),
        hours_max=np.array([30.0, 37.5]),
        experience_years=np.array([3.0, 0.0]),
        interest_roles=u(0b1, 0b10),
        interest_settings=u(0b1, 0b1),
        languages=u(0b1, 0b11),
    )
    vacancies = Vacancies(
        x_km=np.array([4.0, 30.0]),
        y_km=np.array([0.0, 0.0]),
        check_level=np.array([3, 0]),
        min_age=np.array([18, 18]),
        needs_driving=np.array([True, False]),
        required_skills=u(0b000, 0b000).reshape(2, 1),
        desired_skills=u(0b010, 0b100).reshape(2, 1),
        shifts=u(0b000_000_000_001_001_011_001, 0b111),
        hours=np.array([25.0, 37.5]),
        experience_years=np.array([2.0, 0.0]),
        role=np.array([0, 1]),
        setting=np.array([0, 0]),
        languages=u(0, 0b10),
    )
    return candidates, vacancies
