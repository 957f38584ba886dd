"""Benchmark the postcode lookup against a plain dict and a polars filter, in one process.

Run from the repository root: ``.venv/bin/python bench/postcodes.py``.

The queries are real postcodes drawn at random from the whole country, so lookups touch pages
of the mapped files all over, as a busy service would; times are per call, wall clock.
"""

import argparse
import gc
import json
import math
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl

from oneworkforce.reference import postcodes
from oneworkforce.reference.postcodes import directory

REPOSITORY = Path(__file__).resolve().parents[1]
SOURCE = REPOSITORY.parent / "shared" / "data" / "uk-postcodes" / "postcodes.csv.gz"
TARGET_US = 50.0


def memory_mb() -> dict[str, float]:
    """Resident memory of this process: private (RssAnon) and mapped files (RssFile)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in {"RssAnon", "RssFile"}:
            fields[name] = int(value.split()[0]) / 1024
    return fields


def dict_mb(table: dict[str, tuple[float, float]]) -> float:
    """The Python objects of the baseline dict: the table, its keys, tuples and floats."""
    objects = sys.getsizeof(table)
    for key, value in table.items():
        objects += sys.getsizeof(key) + sys.getsizeof(value) + sum(map(sys.getsizeof, value))
    return objects / 1e6


def per_call_us(function: Callable[[str], object], queries: list[str]) -> np.ndarray:
    timings = np.empty(len(queries))
    clock = time.perf_counter_ns
    for position, query in enumerate(queries):
        started = clock()
        function(query)
        timings[position] = clock() - started
    return timings / 1000


FRESH_PROCESS = """
import json, time
started = time.perf_counter()
from oneworkforce.reference import postcodes
postcodes.lookup("DY1 1AA")
opened_ms = (time.perf_counter() - started) * 1000
import numpy as np
from pathlib import Path
from oneworkforce.reference.postcodes import directory

def memory_mb():
    status = dict(
        line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
    )
    return {name: int(status[name].split()[0]) / 1024 for name in ("RssAnon", "RssFile")}

tables = directory._tables()
rows = np.random.default_rng(1).integers(0, len(tables.inward), 20_000)
outward = np.searchsorted(tables.outward_start_array, rows, side="right") - 1
queries = [
    f"{tables.outward[o]} {tables.inward_text[i]}"
    for o, i in zip(outward.tolist(), tables.inward[rows].tolist())
]
before = memory_mb()
for query in queries:
    postcodes.lookup(query)
after = memory_mb()
print(json.dumps({"opened_ms": opened_ms, "before": before, "after": after}))
"""


def fresh_process() -> dict[str, float]:
    """Open the data in a new interpreter, then measure memory across 20,000 lookups."""
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed script)
        [sys.executable, "-c", FRESH_PROCESS],
        capture_output=True,
        text=True,
        check=True,
    )
    measured = json.loads(result.stdout)
    return {
        "opened_ms": measured["opened_ms"],
        "private_mb": measured["after"]["RssAnon"],
        "mapped_mb": measured["after"]["RssFile"] - measured["before"]["RssFile"],
        "private_added_mb": measured["after"]["RssAnon"] - measured["before"]["RssAnon"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--queries", type=int, default=20_000)
    arguments = parser.parse_args()
    rows: list[tuple[str, str, str]] = []

    def row(measure: str, ours: str, baseline: str = "") -> None:
        rows.append((measure, ours, baseline))

    def read_source() -> pl.DataFrame:
        compact = pl.col("postcode").str.replace_all(" ", "")
        return pl.read_csv(
            arguments.source, schema={"postcode": pl.Utf8, "lat": pl.Float64, "long": pl.Float64}
        ).with_columns(
            pl.concat_str(compact.str.head(-3), compact.str.tail(3), separator=" ").alias(
                "postcode"
            )
        )

    # Real postcodes with a location, drawn from the source before anything is timed.
    located = read_source().filter(
        pl.col("lat").is_not_null() & ~pl.col("postcode").str.starts_with("NPT")
    )
    queries = located["postcode"].sample(arguments.queries, seed=2025).to_list()
    bulk = located["postcode"].sample(100_000, seed=2026).to_list()
    spaced_queries = [query.lower().replace(" ", "") for query in queries]
    pairs = list(zip(queries, reversed(queries), strict=True))
    del located
    gc.collect()

    fresh = fresh_process()
    directory._tables.cache_clear()
    started = time.perf_counter()
    postcodes.lookup("DY1 1AA")
    open_ms = (time.perf_counter() - started) * 1000
    row("open: import + first lookup, new process", f"{fresh['opened_ms']:.0f} ms")
    row("open: first lookup in this process", f"{open_ms:.1f} ms")

    lookups = per_call_us(postcodes.lookup, spaced_queries)
    distances = per_call_us(lambda pair: postcodes.distance_km(*pair), pairs)  # type: ignore[arg-type,misc]
    started = time.perf_counter()
    postcodes.coordinates(bulk)
    bulk_ms = (time.perf_counter() - started) * 1000

    # Baseline: the obvious design, a dict of every postcode built from the source at start-up.
    started = time.perf_counter()
    source = read_source()
    table = dict(
        zip(
            source["postcode"].to_list(),
            zip(source["lat"].to_list(), source["long"].to_list(), strict=True),
            strict=True,
        )
    )
    dict_build_s = time.perf_counter() - started
    dict_lookups = per_call_us(lambda text: table[postcodes.normalise(text)], spaced_queries)

    def dict_distance(pair: tuple[str, str]) -> float:
        a, b = table[postcodes.normalise(pair[0])], table[postcodes.normalise(pair[1])]
        phi_a, phi_b = math.radians(a[0]), math.radians(b[0])
        h = (
            math.sin((phi_b - phi_a) / 2) ** 2
            + math.cos(phi_a) * math.cos(phi_b) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
        )
        return 2 * postcodes.EARTH_RADIUS_KM * math.asin(math.sqrt(h))

    dict_distances = per_call_us(dict_distance, pairs)  # type: ignore[arg-type]
    started = time.perf_counter()
    np.array([table[postcodes.normalise(text)] for text in bulk], dtype=float)
    dict_bulk_ms = (time.perf_counter() - started) * 1000
    filter_lookups = per_call_us(
        lambda text: source.filter(pl.col("postcode") == postcodes.normalise(text)).row(0),
        spaced_queries[:200],
    )

    row("build at start-up", "none (files mapped)", f"{dict_build_s:.1f} s (read CSV, fill dict)")
    row(
        "memory after 20,000 lookups, new process",
        f"{fresh['private_mb']:.0f} MB private, whole process",
        f"+{dict_mb(table):.0f} MB of dict objects, per process",
    )
    row(
        "  of which added by the lookups",
        f"{fresh['private_added_mb']:.1f} MB private, {fresh['mapped_mb']:.0f} MB shared pages",
    )
    row("data on disk", f"{data_mb():.1f} MB", f"{arguments.source.stat().st_size / 1e6:.1f} MB gz")
    row(
        "lookup median / p99",
        f"{np.median(lookups):.1f} / {np.percentile(lookups, 99):.1f} µs",
        f"{np.median(dict_lookups):.1f} / {np.percentile(dict_lookups, 99):.1f} µs",
    )
    row(
        "distance median / p99",
        f"{np.median(distances):.1f} / {np.percentile(distances, 99):.1f} µs",
        f"{np.median(dict_distances):.1f} / {np.percentile(dict_distances, 99):.1f} µs",
    )
    row("coordinates, 100,000 postcodes", f"{bulk_ms:.0f} ms", f"{dict_bulk_ms:.0f} ms")
    row("polars filter per lookup (median)", "", f"{statistics.median(filter_lookups):.0f} µs")

    width = max(len(measure) for measure, _, _ in rows)
    print(f"{'measure':<{width}}  {'mmap arrays':<36}  baseline (dict; polars filter)")
    print(f"{'-' * width}  {'-' * 36}  {'-' * 30}")
    for measure, ours, baseline in rows:
        print(f"{measure:<{width}}  {ours:<36}  {baseline}")
    print()
    for name, timings in (("lookup", lookups), ("distance", distances)):
        median = float(np.median(timings))
        verdict = "met" if median < TARGET_US else "MISSED"
        print(f"target: {name} median under {TARGET_US:.0f} µs: {verdict} ({median:.1f} µs)")
    print(f"queries: {len(queries):,} random postcodes with a location, from the source")


def data_mb() -> float:
    files = directory.DATA_DIR.iterdir()
    return sum(path.stat().st_size for path in files) / 1e6


if __name__ == "__main__":
    main()
