"""Benchmark loading a 100,000-row staff return and the workforce dashboard at region size.

Run from the repository root: ``.venv/bin/python bench/intelligence.py`` (several minutes:
it builds the region demo). ``--quick`` uses the district demo for both parts instead: a
10,000-row staff file built from the district's roster, and the district's dashboard (about
9,000 posts); its figures are not the targets' sizes and say so.

Each part runs in a subprocess of its own, on a fresh SQLite database in a temporary
OW_VAR_DIR (DEBUG on, as a development server runs), and prints one JSON line back.

1. Loading a return (issue 8: "100,000 staff rows validate and load in under 30 s").
   The ASC-WDS Staff file is the region demo's own: ``demo.returns.demo_returns`` maps the
   roster of ``generate("region", seed)`` to the Staff file's columns, one file per social
   care partner. Those files are joined into one (57,000 rows for the region), and copies
   with each LOCALESTID prefixed (``2-HOME01``) make up the rest of the 100,000 rows: every
   row is valid, and each copy's workers are other workers. The file goes through the
   product's path: ``services.return_upload`` (stores the file and queues the job) and the
   job itself, run synchronously (``run_job.call``, as the demo loads its returns). The same
   file is then uploaded for a second partner and taken through the job's steps one by one,
   timed apart: read, validate, save the report's issues, normalise, and the database load
   (``services.return_accept``, one transaction). SQL time is the time inside the database
   driver's ``execute`` (via ``connection.execute_wrapper``); the rest of the load is Polars
   building the rows and their JSON records. Before either, a 100-row file is validated
   once, so neither pays for importing pandera (a worker pays it once).
   Baseline, in the same run: the first 2,000 rows of the file loaded by the same code, with
   ``loading._insert`` (the rows handed to the driver in one statement) swapped for the ORM's
   ``bulk_create`` in batches of 2,000 (the loader before it) and for one model ``save()`` per
   row, each scaled to the whole file.
2. The dashboard (issue 8: "renders in under 1 s after its first build").
   The region demo is built (``demo_district_load(size="region", seed=2026)``, which loads
   every partner's returns through the upload and the job). The demo analyst then asks, with
   Django's test client: the dashboard once cold (the workforce frame read from the database
   and every metric computed), then for each breakdown its first request (metrics computed
   from the frame already in memory) and 20 more (warm), then one chart image and one CSV.
   Baseline: the first build split into its two halves, called directly with both caches
   emptied: ``workforce.frames`` (database to frame) and ``metrics.partnership_dashboard``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any
from unittest import mock

REPOSITORY = Path(__file__).resolve().parents[1]
LOAD_ROWS, LOAD_TARGET_S = 100_000, 30.0
DASHBOARD_TARGET_S = 1.0
NAIVE_ROWS = 2_000
ORM_BATCH = 2_000
SEED = 2026
SIZES = {"full": ("region", LOAD_ROWS), "quick": ("district", 10_000)}


def configure(var_dir: str) -> None:
    """Point the settings at a scratch directory before Django reads them."""
    os.environ["OW_VAR_DIR"] = var_dir
    os.environ["DEBUG"] = "1"
    os.environ.pop("OW_TESTING", None)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)  # the database task queue; jobs are run here anyway
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "oneworkforce.config.settings"
    sys.path.insert(0, str(REPOSITORY / "src"))


def setup() -> float:
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    return time.perf_counter() - started


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    """Wall and CPU seconds of a block (CPU of the whole process: polars works in threads)."""

    def __enter__(self) -> Clock:
        self.started, self.started_cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.started
        self.cpu = time.process_time() - self.started_cpu


class SqlTimer:
    """Seconds spent inside the database driver's execute, for ``connection.execute_wrapper``."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


# Part 1: one large staff return.


def staff_file(size: str, seed: int, rows: int) -> tuple[bytes, Any, int]:
    """The demo's ASC-WDS Staff files for its latest reporting date joined into one, topped up
    to ``rows`` with copies under prefixed LOCALESTIDs. Returns the bytes, the reporting
    date and how many rows came from the demo before copying."""
    import polars as pl

    from oneworkforce.demo.generator import generate
    from oneworkforce.demo.returns import demo_returns
    from oneworkforce.intelligence.returns.formats import ASCWDS_STAFF

    district = generate(size, seed)
    files = demo_returns(district)
    day = max(item.reporting_date for item in files if item.file_format == "ascwds-staff")
    parts = [
        pl.read_csv(item.content, infer_schema=False)
        for item in files
        if item.file_format == "ascwds-staff" and item.reporting_date == day
    ]
    demo = pl.concat(parts, how="vertical").select(ASCWDS_STAFF.names)
    copies = [demo]
    while sum(part.height for part in copies) < rows:
        prefix = f"{len(copies) + 1}-"
        copies.append(
            demo.with_columns((pl.lit(prefix) + pl.col("LOCALESTID")).alias("LOCALESTID"))
        )
    frame = pl.concat(copies).head(rows)
    if frame.height != rows:
        raise SystemExit(f"the demo gives {frame.height} staff rows, not {rows}")
    content = frame.write_csv(quote_style="necessary", line_terminator="\r\n").encode("utf-8")
    return content, day, demo.height


def first_lines(content: bytes, rows: int) -> bytes:
    lines = content.split(b"\r\n")
    return b"\r\n".join(lines[: rows + 1]) + b"\r\n"


def part_load(size: str, seed: int, rows: int) -> dict[str, Any]:
    migrate_s = setup()

    from django.conf import settings
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from oneworkforce.background.tasks import run_job
    from oneworkforce.intelligence import loading, services
    from oneworkforce.intelligence.models import (
        Post,
        ReturnIssue,
        ReturnStatus,
        WorkforceReturn,
    )
    from oneworkforce.intelligence.returns.formats import ASCWDS_STAFF
    from oneworkforce.intelligence.returns.normalised import normalise
    from oneworkforce.intelligence.returns.reading import read_upload
    from oneworkforce.intelligence.returns.validation import validate
    from oneworkforce.partners.access import actor_for_user
    from oneworkforce.partners.models import Membership, Organisation, Role, User

    with Clock() as building:
        content, day, demo_rows = staff_file(size, seed, rows)

    partnership = Organisation.objects.create(name="Bench partnership", kind="partnership")
    admin = User.objects.create_user("bench.admin@example.test", None, full_name="Bench admin")
    Membership.objects.create(user=admin, organisation=partnership, role=Role.PARTNERSHIP_ADMIN)
    actor = actor_for_user(admin)
    providers = [
        Organisation.objects.create(name=f"Bench care provider {name}", kind="care_home_provider")
        for name in (
            "end to end",
            "phases",
            "driver sample",
            "per-row sample",
            "quiet sample",
            "bulk_create sample",
        )
    ]

    def upload(organisation: Organisation, body: bytes) -> WorkforceReturn:
        workforce_return, changed = services.return_upload(
            actor=actor,
            organisation=organisation,
            file_format=ASCWDS_STAFF.key,
            reporting_date=day,
            file_name="staff.csv",
            content=body,
            uploaded_at=timezone.now(),
        )
        assert changed
        return workforce_return

    def read(body: bytes) -> Any:
        return read_upload(
            content=body,
            filename="staff.csv",
            file_format=ASCWDS_STAFF,
            max_bytes=settings.WORKFORCE_RETURN_MAX_BYTES,
        )

    # The first validation in a process imports pandera's backends; a worker does it once.
    with Clock() as warm_up:
        validate(read(first_lines(content, 100)), reference_date=day)

    # End to end: the upload, then its job, as a worker runs it.
    with Clock() as end_to_end:
        with Clock() as uploading:
            workforce_return = upload(providers[0], content)
        with Clock() as job:
            run_job.call(str(workforce_return.job_id))
    workforce_return.refresh_from_db()
    if workforce_return.status != ReturnStatus.ACCEPTED:
        errors = ReturnIssue.objects.filter(workforce_return=workforce_return, is_error=True)
        raise SystemExit(
            f"the bench file was not accepted ({workforce_return.status}, "
            f"{workforce_return.error_count} errors, {workforce_return.failure}): "
            + "; ".join(
                f"line {issue.line} {issue.column} {issue.value!r}: {issue.message}"
                for issue in errors.order_by("line")[:5]
            )
        )
    loaded_posts = Post.objects.filter(workforce_return=workforce_return).count()

    # The same steps, one at a time, for a second partner.
    phases: dict[str, Clock] = {}
    workforce_return = upload(providers[1], content)
    with Clock() as phases["read"]:
        uploaded = read(content)
    with Clock() as phases["validate"]:
        report = validate(uploaded, reference_date=day)
    if report.errors:
        first = report.errors[0]
        raise SystemExit(f"{len(report.errors)} errors, first line {first.line}: {first.message}")
    with Clock() as phases["save issues"]:
        services._save_issues(  # the job's own helper
            workforce_return,
            iter([(False, warning) for warning in report.warnings]),
        )
    with Clock() as phases["normalise"]:
        tables = normalise(
            uploaded, report=report, reference_date=day, ni_hash_key=settings.NI_HASH_KEY
        )
    sql = SqlTimer()
    with Clock() as phases["load"], connection.execute_wrapper(sql):
        services.return_accept(
            workforce_return=workforce_return, tables=tables, accepted_at=timezone.now()
        )

    # Baseline: the first rows loaded by the same code, through the driver (the product), the
    # ORM's bulk_create in batches (the loader before it) and one create() per row.
    sample = first_lines(content, NAIVE_ROWS)

    def sample_tables() -> Any:
        uploaded = read(sample)
        report = validate(uploaded, reference_date=day)
        return normalise(
            uploaded, report=report, reference_date=day, ni_hash_key=settings.NI_HASH_KEY
        )

    def objects(model: type, frame: Any) -> Any:
        for values in frame.iter_rows(named=True):
            yield model(**{**values, "record": json.loads(values["record"])})

    def in_batches(model: type, frame: Any) -> None:
        batch = []
        for item in objects(model, frame):
            batch.append(item)
            if len(batch) >= ORM_BATCH:
                model.objects.bulk_create(batch)
                batch = []
        model.objects.bulk_create(batch)

    def one_by_one(model: type, frame: Any) -> None:
        for item in objects(model, frame):
            item.save(force_insert=True)

    samples: dict[str, float] = {}
    for label, organisation, patch in (
        ("driver", providers[2], None),
        ("driver, no query log", providers[4], None),
        ("bulk_create", providers[5], in_batches),
        ("per row", providers[3], one_by_one),
    ):
        sample_return = upload(organisation, sample)
        tables_sample = sample_tables()
        quiet = override_settings(DEBUG=False) if "no query log" in label else nullcontext()
        replaced = mock.patch.object(loading, "_insert", patch) if patch else nullcontext()
        with Clock() as clock, quiet, replaced:
            services.return_accept(
                workforce_return=sample_return, tables=tables_sample, accepted_at=timezone.now()
            )
        samples[label] = clock.wall
        if Post.objects.filter(workforce_return=sample_return).count() != NAIVE_ROWS:
            raise SystemExit(f"the {label} sample did not load {NAIVE_ROWS} posts")

    return {
        "size": size,
        "rows": rows,
        "demo_rows": demo_rows,
        "mb": len(content) / 1e6,
        "migrate_s": migrate_s,
        "build_s": building.wall,
        "warm_up_s": warm_up.wall,
        "end_to_end_s": end_to_end.wall,
        "end_to_end_cpu_s": end_to_end.cpu,
        "upload_s": uploading.wall,
        "job_s": job.wall,
        "posts": loaded_posts,
        "people": len(tables.people),
        "qualifications": len(tables.qualifications),
        "warnings": len(report.warnings),
        "phases": {name: [clock.wall, clock.cpu] for name, clock in phases.items()},
        "load_sql_s": sql.seconds,
        "load_queries": sql.queries,
        "sample_driver_s": samples["driver"],
        "sample_quiet_s": samples["driver, no query log"],
        "sample_bulk_s": samples["bulk_create"],
        "sample_per_row_s": samples["per row"],
        "peak_mb": peak_mb(),
    }


# Part 2: the dashboard.


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def part_dashboard(size: str, seed: int, repeats: int) -> dict[str, Any]:
    migrate_s = setup()

    from django.db import connection, reset_queries
    from django.test import Client
    from django.utils import timezone

    from oneworkforce.demo import services as demo_services
    from oneworkforce.engines.disclosure import DEFAULT_RULE
    from oneworkforce.intelligence import metrics, workforce
    from oneworkforce.intelligence.models import Person, Post, ReturnStatus, WorkforceReturn
    from oneworkforce.intelligence.views import dashboard
    from oneworkforce.partners.access import actor_for_user
    from oneworkforce.partners.models import Role, User

    with Clock() as building:
        loaded = demo_services.demo_district_load(
            size=size, seed=seed, replace=False, loaded_at=timezone.now()
        )
    posts = Post.objects.count()
    if not posts:
        raise SystemExit("the demo loaded no workforce returns: nothing to put on the dashboard")
    analyst = User.objects.get(
        memberships__role=Role.ANALYST, email__endswith=f"@{demo_services.DEMO_EMAIL_DOMAIN}"
    )
    client = Client()
    client.force_login(analyst)

    def get(path: str) -> tuple[float, float, int, int]:
        """Wall and CPU seconds, status and query count of one request (DEBUG logs every
        query anyway, so counting them costs nothing more)."""
        reset_queries()  # a request clears the log as it starts, so count from empty
        with Clock() as clock:
            response = client.get(path)
        queries = len(connection.queries)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}, not 200")
        return clock.wall, clock.cpu, response.status_code, queries

    # A first request elsewhere, so the cold dashboard does not pay for Django's first request.
    home_s = get("/home/")[0]
    base = "/workforce/dashboard/"
    cold_s, cold_cpu, _, cold_queries = get(base)

    actor = actor_for_user(analyst)
    query = dashboard.Request(as_of=workforce.reporting_dates()[0], by="sector", sector="")
    scope, figures = dashboard.dashboard_figures(actor, query)
    frame, workplaces = workforce.frames(scope)
    chart_id = next(
        metric_id
        for _, ids in dashboard.SECTIONS
        for metric_id in ids
        if metric_id in figures and figures[metric_id].has_chart
    )
    paths = [(f"dashboard by {by}", f"{base}?by={by}") for by in dashboard.BREAKDOWNS]
    paths += [
        (f"chart {chart_id}.svg", f"{base}{chart_id}.svg"),
        (f"CSV {chart_id}.csv", f"{base}{chart_id}.csv"),
    ]
    requests: dict[str, dict[str, Any]] = {}
    for label, path in paths:
        first = get(path)
        timed = [get(path) for _ in range(repeats)]
        requests[label] = {
            "first": first[0],
            "wall": [wall for wall, _, _, _ in timed],
            "cpu": [cpu for _, cpu, _, _ in timed],
            "queries": timed[-1][3],
        }

    # Baseline: the first build's two halves, with both caches emptied each time.
    halves: dict[str, list[float]] = {"frames": [], "metrics": []}
    for _ in range(3):
        workforce._cache.clear()
        dashboard._figures.clear()
        with Clock() as reading:
            frame, workplaces = workforce.frames(scope)
        with Clock() as computing:
            metrics.partnership_dashboard(
                frame, workplaces, as_of=query.as_of, rule=DEFAULT_RULE, by=("sector",)
            )
        halves["frames"].append(reading.wall)
        halves["metrics"].append(computing.wall)

    return {
        "size": size,
        "migrate_s": migrate_s,
        "build_s": building.wall,
        "returns": WorkforceReturn.objects.filter(status=ReturnStatus.ACCEPTED).count(),
        "file_rows": loaded.returns.rows,
        "returns_in_scope": len(scope.return_ids),
        "partners_in_scope": len(scope.organisation_ids),
        "posts": posts,
        "people": Person.objects.count(),
        "frame_rows": frame.height,
        "workplaces": workplaces.height,
        "as_of": query.as_of.isoformat(),
        "home_s": home_s,
        "cold_s": cold_s,
        "cold_cpu_s": cold_cpu,
        "cold_queries": cold_queries,
        "requests": requests,
        "frames_s": halves["frames"],
        "metrics_s": halves["metrics"],
        "peak_mb": peak_mb(),
    }


# The parent: runs each part in its own process and prints the table.


def in_subprocess(part: str, mode: str, seed: int, repeats: int) -> dict[str, Any]:
    command = [
        sys.executable, __file__, "--part", part, "--mode", mode, "--seed", str(seed),
        "--requests", str(repeats),
    ]  # fmt: skip
    result = subprocess.run(  # noqa: S603 (our own interpreter, this script)
        command, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"part {part} failed:\n{result.stdout[-2000:]}\n{result.stderr[-6000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


LABEL = 46


def row(label: str, *cells: str) -> None:
    print(f"{label:<{LABEL}}" + "".join(f"  {cell:>8}" for cell in cells))


def rule(columns: int) -> None:
    print("-" * LABEL + ("  " + "-" * 8) * columns)


def report_load(run: dict[str, Any]) -> float:
    rows = run["rows"]
    print(
        f"1. one ASC-WDS Staff file of {rows:,} rows, {run['mb']:.1f} MB ({run['demo_rows']:,} "
        f"rows from the {run['size']} demo's files, the rest copies); no errors, "
        f"{run['warnings']:,} warnings"
    )
    print(
        f"   loads {run['posts']:,} posts and {run['people']:,} people; not counted: building "
        f"the file {run['build_s']:.1f} s, the first validation (imports) {run['warm_up_s']:.1f} s"
    )
    print()
    row("step", "wall s", "CPU s", "rows/s")
    rule(3)

    def line(label: str, wall: float, cpu: float | None = None, count: int = rows) -> None:
        row(label, f"{wall:.2f}", "" if cpu is None else f"{cpu:.2f}", f"{count / wall:,.0f}")

    line("end to end: upload + job", run["end_to_end_s"], run["end_to_end_cpu_s"])
    line("  upload (hash, store the file, queue the job)", run["upload_s"])
    line("  the job (read, check, load), synchronously", run["job_s"])
    print("the job's steps timed one by one (a second partner):")
    for name, (wall, cpu) in run["phases"].items():
        line(f"  {name}", wall, cpu)
    load_s = run["phases"]["load"][0]
    sql_s = run["load_sql_s"]
    row(f"    of which in SQLite ({run['load_queries']} statements)", f"{sql_s:.2f}")
    row("    of which Python (Polars rows, JSON)", f"{load_s - sql_s:.2f}")
    line("  the steps together", sum(wall for wall, _ in run["phases"].values()))
    print(f"baseline: the first {NAIVE_ROWS:,} rows, loaded by the same code:")
    driver, quiet = run["sample_driver_s"], run["sample_quiet_s"]
    bulk, per_row = run["sample_bulk_s"], run["sample_per_row_s"]
    line("  through the driver in one go (the product)", driver, count=NAIVE_ROWS)
    line("  the same, with DEBUG's query log off", quiet, count=NAIVE_ROWS)
    line(f"  ORM bulk_create in batches of {ORM_BATCH:,}", bulk, count=NAIVE_ROWS)
    line("  one model save() per row", per_row, count=NAIVE_ROWS)
    bulk_scaled = bulk * rows / NAIVE_ROWS
    scaled = per_row * rows / NAIVE_ROWS
    line(f"  bulk_create, scaled to {rows:,}", bulk_scaled)
    line(f"  one save() per row, scaled to {rows:,}", scaled)
    print()
    print(
        f"the database load writes {rows / load_s:,.0f} rows/s through the driver, "
        f"{NAIVE_ROWS / bulk:,.0f} with bulk_create, {NAIVE_ROWS / per_row:,.0f} one by one: the "
        f"driver is {bulk_scaled / load_s:.1f}x faster than bulk_create and {scaled / load_s:.1f}x"
        f" faster than one by one ({load_s:.1f} s against {bulk_scaled:.0f} s and {scaled:.0f} s "
        f"scaled); peak memory {run['peak_mb']:,.0f} MB"
    )
    return float(run["end_to_end_s"])


def report_dashboard(run: dict[str, Any], repeats: int) -> tuple[float, float]:
    print(
        f"2. the {run['size']} demo, built in {run['build_s']:.0f} s: {run['returns']:,} accepted "
        f"returns ({run['file_rows']:,} rows), {run['posts']:,} posts, {run['people']:,} people"
    )
    print(
        f"   the analyst's dashboard on {run['as_of']}: {run['partners_in_scope']} partners, "
        f"{run['returns_in_scope']} returns, {run['frame_rows']:,} posts, "
        f"{run['workplaces']:,} workplaces"
    )
    print(
        f"   first: a page's first request (for a breakdown, its metrics computed from the frame"
        f" in memory); median, p95 and CPU of {repeats} more"
    )
    print()
    row("request", "first s", "median s", "p95 s", "CPU s", "queries")
    rule(5)
    row("home page (Django's first request)", f"{run['home_s']:.3f}")
    row(
        "dashboard, cold (frame + metrics)",
        f"{run['cold_s']:.3f}",
        "",
        "",
        f"{run['cold_cpu_s']:.3f}",
        str(run["cold_queries"]),
    )
    worst_median = worst_first = 0.0
    for label, measured in run["requests"].items():
        median = statistics.median(measured["wall"])
        if label.startswith("dashboard"):
            worst_median = max(worst_median, median)
            worst_first = max(worst_first, measured["first"])
        row(
            label,
            f"{measured['first']:.3f}",
            f"{median:.3f}",
            f"{p95(measured['wall']):.3f}",
            f"{statistics.median(measured['cpu']):.3f}",
            str(measured["queries"]),
        )
    frames_s = statistics.median(run["frames_s"])
    metrics_s = statistics.median(run["metrics_s"])
    print("baseline: the first build called directly (median of 3, caches emptied):")
    row("  workforce.frames (database to frame)", f"{frames_s:.3f}")
    row("  metrics.partnership_dashboard (by sector)", f"{metrics_s:.3f}")
    row("  together", f"{frames_s + metrics_s:.3f}")
    print()
    print(
        f"the first build: {frames_s:.2f} s reading the frame, {metrics_s:.2f} s computing "
        f"(the cold request {run['cold_s']:.2f} s); then a warm dashboard {worst_median:.3f} s "
        f"at worst; peak memory {run['peak_mb']:,.0f} MB"
    )
    return worst_median, worst_first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="district size for both parts")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--requests", type=int, default=20, help="warm requests per page")
    parser.add_argument("--part", choices=("load", "dashboard"), help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=tuple(SIZES), default="full", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    mode = "quick" if arguments.quick else arguments.mode
    size, rows = SIZES[mode]

    if arguments.part:
        var_dir = tempfile.mkdtemp(prefix=f"ow-bench-intelligence-{arguments.part}-")
        configure(var_dir)
        try:
            if arguments.part == "load":
                measured = part_load(size, arguments.seed, rows)
            else:
                measured = part_dashboard(size, arguments.seed, arguments.requests)
        finally:
            shutil.rmtree(var_dir, ignore_errors=True)
        print(json.dumps(measured))
        return

    started = time.perf_counter()
    load_run = in_subprocess("load", mode, arguments.seed, arguments.requests)
    dashboard_run = in_subprocess("dashboard", mode, arguments.seed, arguments.requests)
    print(
        f"intelligence bench ({mode}: {size}), seed {arguments.seed}; SQLite, DEBUG on; each part"
        f" in a new process on a new database; {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}; {time.perf_counter() - started:.0f} s in all"
    )
    print()
    load_s = report_load(load_run)
    print()
    worst_median, worst_first = report_dashboard(dashboard_run, arguments.requests)
    print()
    note = "" if mode == "full" else f"; quick run, {size} size, not the target's"
    verdict = "met" if load_s < LOAD_TARGET_S else "MISSED"
    print(
        f"target: {LOAD_ROWS:,} staff rows validate and load in under {LOAD_TARGET_S:.0f} s: "
        f"{verdict} ({load_s:.1f} s for {rows:,} rows, upload + job{note})"
    )
    verdict = "met" if worst_median < DASHBOARD_TARGET_S else "MISSED"
    print(
        f"target: dashboard at region size under {DASHBOARD_TARGET_S:.0f} s after its first "
        f"build (warm median, slowest breakdown): {verdict} ({worst_median:.3f} s; a "
        f"breakdown's first request at worst {worst_first:.3f} s, cold "
        f"{dashboard_run['cold_s']:.1f} s{note})"
    )


if __name__ == "__main__":
    main()
