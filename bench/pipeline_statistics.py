"""Benchmark the pipeline statistics page on a region demo, against counting row by row.

Run from the repository root: ``.venv/bin/python bench/pipeline_statistics.py``
(``--size district`` for a smaller demo).

A fresh SQLite database in a temporary directory gets the demo with a year of applications;
an analyst of the partnership opens the statistics page under each breakdown through Django's
test client (every middleware, the view and the template, without the network). The baseline
counts the stage table the way the page first did: every stage change fetched and counted in
Python, its stage's label translated on each row; both give the same table (checked).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections import Counter, defaultdict

from web import configure, p95, timings_ms  # bench/web.py, beside this script

TARGET_MS = 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="region", choices=["district", "region"])
    parser.add_argument("--requests", type=int, default=10, help="timed requests per page")
    arguments = parser.parse_args()
    var_dir = tempfile.mkdtemp(prefix="ow-bench-statistics-")
    configure(var_dir)
    try:
        run(arguments.size, arguments.requests)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def run(size: str, repeats: int) -> None:
    import django

    django.setup()

    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from oneworkforce.demo import services as demo_services
    from oneworkforce.partners.models import User
    from oneworkforce.recruitment.pipeline import statistics as pipeline_statistics
    from oneworkforce.recruitment.pipeline.models import Application, Stage, StageChange

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    demo_services.demo_district_load(size=size, seed=2026, replace=False, loaded_at=timezone.now())
    load_s = time.perf_counter() - started
    analyst = User.objects.get(email=f"analyst@{demo_services.DEMO_EMAIL_DOMAIN}")
    client = Client()
    client.force_login(analyst)

    def row_by_row(by: str) -> list[tuple[str, str, int]]:
        fields = {"employer": "vacancy__organisation__name", "role": "vacancy__job_role__name"}
        groups: dict[int, list[str]] = defaultdict(list)
        for pk, label in Application.objects.values_list("pk", fields[by]):
            groups[pk].append(str(label))
        reached: Counter[tuple[str, str]] = Counter()
        for application_id, stage in StageChange.objects.filter(
            stage__in=[s.value for s in pipeline_statistics.HIRING_STAGES]
        ).values_list("application_id", "stage"):
            for group in groups.get(application_id, ()):
                reached[(group, str(Stage(stage).label))] += 1
        return [(group, stage, n) for (group, stage), n in sorted(reached.items())]

    def grouped(by: str) -> list[tuple[str, str, int]]:
        return pipeline_statistics.stage_counts(by=by)

    results: list[tuple[str, list[float], list[float]]] = []
    for by in pipeline_statistics.BREAKDOWNS:
        path = f"/pipeline/statistics/?by={by}"
        if client.get(path).status_code != 200:
            raise SystemExit(f"{path} did not answer 200")
        wall, cpu = timings_ms(lambda path=path: client.get(path), repeats)
        results.append((f"statistics page, by {by}", wall, cpu))
    for by in ("employer", "role"):
        if grouped(by) != row_by_row(by):
            raise SystemExit(f"the row-by-row count by {by} differs from the page's")
        for label, count in (
            (f"stage counts by {by}: grouped query", grouped),
            (f"stage counts by {by}: row by row (baseline)", row_by_row),
        ):
            wall, cpu = timings_ms(lambda by=by, count=count: count(by), repeats)
            results.append((label, wall, cpu))

    applications = Application.objects.count()
    changes = StageChange.objects.count()
    print(
        f"{size} demo: {applications:,} applications, {changes:,} stage changes; loaded in "
        f"{load_s:.0f} s; {repeats} timed runs after warm-ups; SQLite"
    )
    width = max(len(label) for label, _, _ in results)
    print(f"{'task':<{width}}  {'median ms':>9}  {'p95 ms':>7}  {'CPU ms':>7}")
    for label, wall, cpu in results:
        print(
            f"{label:<{width}}  {statistics.median(wall):>9.1f}  {p95(wall):>7.1f}"
            f"  {statistics.median(cpu):>7.1f}"
        )
    slowest = max(statistics.median(wall) for label, wall, _ in results if "page" in label)
    verdict = "met" if slowest <= TARGET_MS else "MISSED"
    print(f"target: every breakdown's page under {TARGET_MS:.0f} ms (median): {verdict}")


if __name__ == "__main__":
    main()
