"""Benchmark of the matching engine against the `matching` package, measured in the same run.

    .venv/bin/python bench/matching.py          # every stated size (several minutes)
    .venv/bin/python bench/matching.py --quick  # smaller sizes, shorter time limits

Allocation instances: n candidates, n/10 providers; each candidate ranks 10 distinct providers
drawn uniformly; each provider ranks every candidate who chose it, in random order; capacities
uniform in 10-20 ("easy") or 2-8 ("tight"). Our time is validation + solve + certificate from
arrays, the best of three runs; peak memory is the largest NumPy/Python allocation traced.
The `matching` package runs in a subprocess with a time limit (its time is building the game
and solving).
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from oneworkforce.engines.matching._jit import HAVE_NUMBA
from oneworkforce.engines.matching.allocation import optimal_allocation, stable_allocation
from oneworkforce.engines.matching.certificate import certify
from oneworkforce.engines.matching.eligibility import eligible_pairs
from oneworkforce.engines.matching.examples import random_district
from oneworkforce.engines.matching.retrieval import (
    index_vacancies,
    top_candidates_for,
    top_vacancies_for,
    top_vacancies_for_all,
)
from oneworkforce.engines.matching.types import AllocationInstance
from oneworkforce.engines.matching.validation import check_instance

CAPACITIES = {"easy": (10, 20), "tight": (2, 8)}
REPEATS = 3


def allocation_instance(
    n: int, kind: str, seed: int = 0, list_length: int = 10
) -> AllocationInstance:
    rng = np.random.default_rng(seed)
    m = max(n // 10, list_length)
    choices = rng.integers(0, m, size=(n, list_length))
    while True:
        ordered = np.sort(choices, axis=1)
        bad = np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1))
        if not bad.size:
            break
        choices[bad] = rng.integers(0, m, size=(bad.size, list_length))
    flat = choices.ravel().astype(np.int64)
    rows = np.repeat(np.arange(n, dtype=np.int64), list_length)
    order = np.argsort(flat * n + rng.permutation(n)[rows], kind="stable")
    ranking_offsets = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.bincount(flat, minlength=m), out=ranking_offsets[1:])
    tiers = np.arange(flat.shape[0], dtype=np.int64) - np.repeat(
        ranking_offsets[:-1], np.diff(ranking_offsets)
    )
    low, high = CAPACITIES[kind]
    return AllocationInstance(
        n_candidates=n,
        n_providers=m,
        choice_offsets=np.arange(0, n * list_length + 1, list_length, dtype=np.int64),
        choices=flat,
        capacities=rng.integers(low, high + 1, size=m).astype(np.int64),
        ranking_offsets=ranking_offsets,
        ranking=rows[order],
        ranking_tiers=tiers,
        scores=np.round(rng.uniform(0, 100, size=flat.shape[0]), 1),
    )


CPU_SECONDS: list[float] = []


def measure(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall-clock seconds and peak traced memory (MiB) of one call; CPU seconds go to
    ``CPU_SECONDS`` (all threads), to tell a busy machine from a slow program."""
    gc.collect()
    tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    seconds = time.perf_counter() - started
    CPU_SECONDS.append(time.process_time() - cpu)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, result


PEER = """
import sys, threading, time, warnings
import numpy as np
from matching.games import HospitalResident
# The package deep-copies its linked player objects recursively: give it a deep stack.
sys.setrecursionlimit(10**7)
threading.stack_size(1 << 30)
def run():
  data = np.load(sys.argv[1])
  off, ch, roff, rk, cap = data["off"], data["ch"], data["roff"], data["rk"], data["cap"]
  started = time.perf_counter()
  residents = {f"c{c}": [f"p{p}" for p in ch[off[c]:off[c+1]]] for c in range(len(off) - 1)}
  hospitals = {f"p{p}": [f"c{c}" for c in rk[roff[p]:roff[p+1]]] for p in range(len(roff) - 1)}
  capacities = {f"p{p}": int(cap[p]) for p in range(len(cap))}
  with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    game = HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
    game.solve(optimal="resident")
  print(time.perf_counter() - started)
worker = threading.Thread(target=run)
worker.start()
worker.join()
"""


def run_peer(instance: AllocationInstance, limit: float) -> float | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "instance.npz"
        np.savez(
            path,
            off=instance.choice_offsets,
            ch=instance.choices,
            roff=instance.ranking_offsets,
            rk=instance.ranking,
            cap=instance.capacities,
        )
        try:
            done = subprocess.run(  # noqa: S603 - our own interpreter and script
                [sys.executable, "-c", PEER, str(path)],
                capture_output=True,
                text=True,
                timeout=limit,
                check=True,
            )
        except subprocess.TimeoutExpired:
            return None
        except subprocess.CalledProcessError:
            return float("nan")
        return float(done.stdout.strip().splitlines()[-1])


def ours(instance: AllocationInstance) -> Any:
    check_instance(instance)
    allocation = stable_allocation(instance, seed=1, validate=False)
    certificate = certify(instance, allocation.provider_of, validate=False)
    assert certificate.valid
    return allocation


def allocation_table(sizes: list[int], peer_sizes: set[int], limit: float) -> list[str]:
    lines = [
        "Stable allocation (candidate-proposing), validation + solve + certificate from arrays, "
        "best of three runs",
        f"{'candidates':>10} {'kind':>6} {'ours s':>8} {'CPU s':>7} {'peak MiB':>9} "
        f"{'matching s':>11} {'ratio':>8} {'target':>8} {'result':>7}",
    ]
    seconds_at: dict[tuple[int, str], float] = {}
    cpu_at: dict[tuple[int, str], float] = {}
    for n in sizes:
        for kind in CAPACITIES:
            instance = allocation_instance(n, kind)
            # Best of three, as timeit reports: one run's time also measures what else the
            # machine was doing, and the ratio between sizes compounds two such runs.
            runs = [measure(lambda instance=instance: ours(instance)) for _ in range(REPEATS)]
            cpus = CPU_SECONDS[-REPEATS:]
            best = min(range(REPEATS), key=lambda i: runs[i][0])
            seconds, peak = runs[best][0], max(run[1] for run in runs)
            CPU_SECONDS.append(cpus[best])
            seconds_at[(n, kind)] = seconds
            cpu_at[(n, kind)] = CPU_SECONDS[-1]
            peer: float | None = None
            peer_text, ratio_text = "not run", "-"
            if n in peer_sizes:
                peer = run_peer(instance, limit)
                peer_text = f"over {limit:.0f}" if peer is None else f"{peer:.2f}"
                if peer is not None and peer != peer:
                    peer_text, peer = "crashed", None
                ratio_text = (
                    f">{limit / seconds:.0f}x" if peer is None else f"{peer / seconds:.0f}x"
                )
            target = {100_000: 1.0, 1_000_000: 15.0}.get(n)
            verdict = "-" if target is None else ("met" if seconds <= target else "MISSED")
            target_text = "-" if target is None else f"<={target:g} s"
            lines.append(
                f"{n:>10,} {kind:>6} {seconds:>8.3f} {CPU_SECONDS[-1]:>7.2f} {peak:>9.0f} "
                f"{peer_text:>11} {ratio_text:>8} {target_text:>8} {verdict:>7}"
            )
    for kind in CAPACITIES:
        if (100_000, kind) in seconds_at and (1_000_000, kind) in seconds_at:
            growth = seconds_at[(1_000_000, kind)] / seconds_at[(100_000, kind)]
            cpu_growth = cpu_at[(1_000_000, kind)] / max(cpu_at[(100_000, kind)], 1e-9)
            verdict = "met" if growth <= 20 else "MISSED"
            # The wall-clock ratio also measures how busy the machine was at each size.
            lines.append(
                f"  {kind}: 10x the candidates cost {growth:.1f}x the time (target <=20x) "
                f"{verdict}; {cpu_growth:.1f}x the CPU time"
            )
    return lines


def optimal_table(n: int) -> list[str]:
    lines = [
        f"Optimal allocation (min-cost flow), {n:,} candidates, {n * 10:,} edges, "
        "validation + solve",
        f"{'kind':>6} {'seconds':>8} {'CPU s':>7} {'peak MiB':>9} {'placed':>9} "
        f"{'stable placed':>14} {'target':>8} {'result':>7}",
    ]
    for kind in CAPACITIES:
        instance = allocation_instance(n, kind)
        seconds, peak, result = measure(lambda instance=instance: optimal_allocation(instance))
        stable = stable_allocation(instance, seed=1)
        verdict = "met" if seconds <= 2.0 or n < 100_000 else "MISSED"
        lines.append(
            f"{kind:>6} {seconds:>8.3f} {CPU_SECONDS[-1]:>7.2f} {peak:>9.0f} {result.placed:>9,} "
            f"{stable.placed:>14,} "
            f"{'<=2 s':>8} {verdict if n >= 100_000 else '-':>7}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes and time limits")
    args = parser.parse_args()
    print(f"numba kernels: {'on' if HAVE_NUMBA else 'off (NumPy fallback)'}")
    print(
        "Times are wall-clock on this machine as it is (other work may share it); "
        "'CPU s' is CPU time over all threads."
    )
    # Compile (or load the cached) kernels before timing anything: an instance big enough
    # that "auto" picks them, and each backend-choosing call once.
    warm = allocation_instance(5_000, "tight")
    ours(warm)
    stable_allocation(warm, seed=1, proposing="providers")
    optimal_allocation(warm)
    ours(allocation_instance(200, "tight"))
    if args.quick:
        sizes, peer_sizes, limit, optimal_n = (
            [1_000, 10_000, 100_000],
            {1_000, 10_000},
            20.0,
            100_000,
        )
    else:
        sizes, peer_sizes, limit, optimal_n = (
            [1_000, 10_000, 100_000, 1_000_000],
            {1_000, 10_000, 100_000},
            60.0,
            100_000,
        )
    sections = [
        allocation_table(sizes, peer_sizes, limit),
        optimal_table(optimal_n),
        retrieval_table(quick=args.quick),
    ]

    for section in sections:
        print()
        print("\n".join(section))


def retrieval_table(*, quick: bool) -> list[str]:
    n_candidates, n_vacancies = (10_000, 20_000) if quick else (100_000, 20_000)
    rng = np.random.default_rng(0)
    candidates, vacancies = random_district(n_candidates, n_vacancies, rng)
    sample = np.arange(0, n_candidates, max(1, n_candidates // 1000))
    near = eligible = 0
    everyone = np.arange(n_vacancies)
    for c in sample[:200]:
        dx = vacancies.x_km - candidates.x_km[c]
        dy = vacancies.y_km - candidates.y_km[c]
        near += int(np.count_nonzero(dx * dx + dy * dy <= candidates.max_travel_km[c] ** 2))
        eligible += int(
            np.count_nonzero(
                eligible_pairs(candidates, vacancies, np.full(n_vacancies, c), everyone)
            )
        )
    lines = [
        f"Top-10 retrieval: {n_candidates:,} candidates x {n_vacancies:,} vacancies in a "
        "40 x 40 km district;\n  candidates travel 5-25 km (uniform); 300 skills (10 regulated "
        "qualifications, 30% of vacancies require one);\n  21 shift slots; 5 check levels; 25% of "
        "vacancies need a driver",
        f"  pairs within travel limit: {near / (200 * n_vacancies):.0%}; eligible after every hard "
        f"rule: {eligible / (200 * n_vacancies):.0%} (mean over 200 candidates)",
        f"{'task':<52} {'seconds':>9} {'CPU s':>7} {'peak MiB':>9} {'target':>9} {'result':>7}",
    ]
    index = index_vacancies(vacancies)
    top_vacancies_for(candidates, vacancies, 0, 10, index=index)
    top_vacancies_for_all(candidates, vacancies, k=10, weights=None)  # compile / load the kernel
    seconds, peak, _ = measure(lambda: top_vacancies_for_all(candidates, vacancies, k=10))
    target = 10.0 if n_candidates == 100_000 else None
    lines.append(
        _row(f"every candidate's top 10 ({n_candidates:,})", seconds, peak, target, CPU_SECONDS[-1])
    )
    started = time.perf_counter()
    for c in sample:
        top_vacancies_for(candidates, vacancies, int(c), 10, index=index)
    each = (time.perf_counter() - started) / sample.shape[0]
    lines.append(_row("one candidate's top 10, grid index built once (mean)", each, None, 0.001))
    started = time.perf_counter()
    for c in sample[:100]:
        top_vacancies_for(candidates, vacancies, int(c), 10, backend="numpy")
    lines.append(
        _row(
            "one candidate's top 10, NumPy path, no index (mean)",
            (time.perf_counter() - started) / 100,
            None,
            None,
        )
    )
    started = time.perf_counter()
    index_vacancies(vacancies)
    lines.append(
        _row("building the grid index over vacancies", time.perf_counter() - started, None, None)
    )
    started = time.perf_counter()
    for v in range(20):
        top_candidates_for(candidates, vacancies, v, 10)
    lines.append(
        _row(
            "one vacancy's top 10 candidates (mean)",
            (time.perf_counter() - started) / 20,
            None,
            None,
        )
    )
    return lines


def _row(
    task: str, seconds: float, peak: float | None, target: float | None, cpu: float | None = None
) -> str:
    peak_text = "-" if peak is None else f"{peak:.0f}"
    cpu_text = "-" if cpu is None else f"{cpu:.2f}"
    start = f"{task:<52} {seconds:>9.4f} {cpu_text:>7} {peak_text:>9}"
    if target is None:
        return f"{start} {'-':>9} {'-':>7}"
    verdict = "met" if seconds <= target else "MISSED"
    target_text = f"<={target:g} s"
    return f"{start} {target_text:>9} {verdict:>7}"


if __name__ == "__main__":
    main()
