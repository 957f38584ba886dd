"""Benchmark the busiest staff pages on the district demo, against the N+1 partner list.

Run from the repository root: ``.venv/bin/python bench/web.py``.

A fresh SQLite database in a temporary directory gets the ``district`` demo (60 partners
besides the partnership); the partnership administrator then opens each page through
Django's test client, so a request passes every middleware, the view and the template,
as it would under a server, without the network. Times are wall clock per request.

The baseline renders the partner list the way a first implementation would: plain
organisations, then two queries per row for its sites and people, through the same
template. The real path is rendered the same way beside it, so the two differ only in
the queries.
"""

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
TARGET_MS = 100.0
WARM_UPS = 3


def configure(var_dir: str) -> None:
    """Point the settings at a scratch directory before Django reads them."""
    os.environ["OW_VAR_DIR"] = var_dir
    os.environ["OW_TESTING"] = "1"
    os.environ.pop("DATABASE_URL", None)
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneworkforce.config.settings")
    sys.path.insert(0, str(REPOSITORY / "src"))


def timings_ms(action: Callable[[], object], repeats: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU times of ``repeats`` calls. CPU time leaves out waiting for a core,
    so it stays steady when other processes share the machine; wall time includes it and the
    disk's commits."""
    for _ in range(WARM_UPS):
        action()
    wall, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter_ns(), time.thread_time_ns()
        action()
        cpu.append((time.thread_time_ns() - started_cpu) / 1e6)
        wall.append((time.perf_counter_ns() - started) / 1e6)
    return wall, cpu


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    arguments = parser.parse_args()
    var_dir = tempfile.mkdtemp(prefix="ow-bench-web-")
    configure(var_dir)
    try:
        run(arguments.requests)
    finally:
        if arguments.keep:
            print(f"kept: {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


def run(repeats: int) -> None:
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from oneworkforce.demo import services as demo_services
    from oneworkforce.partners import selectors
    from oneworkforce.partners.access import actor_for_request
    from oneworkforce.partners.models import Organisation, User

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - started
    started = time.perf_counter()
    demo_services.demo_district_load(
        size="district", seed=2026, replace=False, loaded_at=timezone.now()
    )
    load_s = time.perf_counter() - started

    admin = User.objects.get(email=f"partnership.admin@{demo_services.DEMO_EMAIL_DOMAIN}")
    partners = Organisation.objects.exclude(kind="partnership").count()
    # The partner with the most sites: the fullest organisation page.
    busiest = max(Organisation.objects.all(), key=lambda org: org.sites.count())
    client = Client()
    client.force_login(admin)

    pages = [
        ("home page", "/home/"),
        (f"partner list ({partners} partners)", "/partners/"),
        ("one partner's page", f"/partners/{busiest.pk}/"),
        ("data-sharing list", "/data-sharing/"),
        ("API organisation list", "/api/organisations/"),
    ]
    results: dict[str, tuple[tuple[list[float], list[float]], int]] = {}
    for label, path in pages:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}, not 200")
        # Queries are counted on a request of their own: capturing them slows the cursor. The
        # count is read at once, as the next request clears the log the capture slices.
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        query_count = len(queries)
        results[label] = (timings_ms(lambda path=path: client.get(path), repeats), query_count)

    # The partner list rendered directly, with and without the annotated query.
    request = RequestFactory().get("/partners/")
    request.user = admin
    request.session = client.session
    kinds = Organisation._meta.get_field("kind").choices

    def annotated() -> str:
        organisations = selectors.organisations_visible_to(
            actor=actor_for_request(request)
        ).order_by("name")
        return render_to_string(
            "partners/organisation_list.html",
            {"organisations": organisations, "kind": "", "kinds": kinds},
            request=request,
        )

    def naive() -> str:
        organisations = list(Organisation.objects.order_by("name"))
        for organisation in organisations:
            organisation.site_count = organisation.sites.count()  # type: ignore[attr-defined]
            organisation.member_count = (  # type: ignore[attr-defined]
                organisation.memberships.values("user").distinct().count()
            )
        return render_to_string(
            "partners/organisation_list.html",
            {"organisations": organisations, "kind": "", "kinds": kinds},
            request=request,
        )

    def page(html: str) -> str:
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)

    if page(annotated()) != page(naive()):
        raise SystemExit("the naive partner list does not render the same page")
    for label, render in (
        ("partner list, rendered: annotated query", annotated),
        ("partner list, rendered: naive N+1", naive),
    ):
        with CaptureQueriesContext(connection) as queries:
            render()
        query_count = len(queries)
        results[label] = (timings_ms(render, repeats), query_count)

    width = max(len(label) for label in results)
    load = os.getloadavg()[0]
    print(
        f"district demo: migrate {migrate_s:.1f} s, load {load_s:.1f} s; {repeats} timed "
        f"requests per page after {WARM_UPS} warm-ups; SQLite; {os.cpu_count()} cores, "
        f"load average {load:.1f}"
    )
    print()
    print(f"{'page':<{width}}  {'median ms':>9}  {'p95 ms':>7}  {'CPU ms':>6}  {'queries':>7}")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 7}  {'-' * 6}  {'-' * 7}")
    for label, ((wall, cpu), query_count) in results.items():
        if label.startswith("partner list, rendered: annotated"):
            print("baseline: the partner list's template rendered directly (no middleware)")
        print(
            f"{label:<{width}}  {statistics.median(wall):>9.1f}  {p95(wall):>7.1f}"
            f"  {statistics.median(cpu):>6.1f}  {query_count:>7}"
        )

    def median_ms(label: str) -> float:
        return statistics.median(results[label][0][0])

    annotated_ms = median_ms("partner list, rendered: annotated query")
    naive_ms = median_ms("partner list, rendered: naive N+1")
    print()
    print(
        f"the annotated single query renders the list {naive_ms / annotated_ms:.1f}x faster "
        "than the N+1 (median wall time)"
    )
    for label, path in pages[:2]:
        median = median_ms(label)
        verdict = "met" if median < TARGET_MS else "MISSED"
        print(f"target: {path} median under {TARGET_MS:.0f} ms: {verdict} ({median:.1f} ms)")


if __name__ == "__main__":
    main()
