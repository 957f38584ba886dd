"""Benchmark matching candidates and vacancies on the region demo, against pair-by-pair scoring.

Run from the repository root: ``.venv/bin/python bench/vacancy_matching.py``
(``--size district`` for a quicker run).

A fresh SQLite database in a temporary directory gets the demo district of the chosen size
without its workforce returns: its candidate register and its vacancies. Then:

- one candidate's "jobs that suit you" page, opened through Django's test client as that
  candidate (every middleware, the view, the adapter, the engine and the template), for a
  sample of candidates; the target is under 1 s;
- every candidate's top 10 at once (the adapter's batch, the engine's batch job);
- a vacancy's shortlist page, as its employer (the consenting pool) and as a recruitment
  adviser (the whole register).

The baseline, measured in the same run on the same rows, scores pairs one at a time with
the engine's ``explain`` and sorts: what a first implementation without the engine's
retrieval would do.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
TARGET_MS = 1000.0


def configure(var_dir: str) -> None:
    """Point the settings at a scratch directory before Django reads them."""
    os.environ["OW_VAR_DIR"] = var_dir
    os.environ["OW_TESTING"] = "1"
    os.environ.pop("DATABASE_URL", None)
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneworkforce.config.settings")
    sys.path.insert(0, str(REPOSITORY / "src"))


def wall_ms(action: Callable[[], object], repeats: int, warm_ups: int = 1) -> list[float]:
    for _ in range(warm_ups):
        action()
    times = []
    for _ in range(repeats):
        started = time.perf_counter_ns()
        action()
        times.append((time.perf_counter_ns() - started) / 1e6)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="region", choices=["small", "district", "region"])
    parser.add_argument("--sample", type=int, default=20, help="candidates whose page is timed")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    arguments = parser.parse_args()
    var_dir = tempfile.mkdtemp(prefix="ow-bench-vacancy-matching-")
    configure(var_dir)
    try:
        run(arguments.size, arguments.sample)
    finally:
        if arguments.keep:
            print(f"kept: {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


def run(size: str, sample: int) -> None:
    import django

    django.setup()

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from oneworkforce.demo import services as demo_services
    from oneworkforce.engines import matching as engine
    from oneworkforce.partners.access import actor_for_user
    from oneworkforce.partners.models import Membership, Role
    from oneworkforce.recruitment.candidate_session import SESSION_KEY
    from oneworkforce.recruitment.models import Candidate
    from oneworkforce.recruitment.vacancies import matching, selectors

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - started
    started = time.perf_counter()
    demo_services.demo_district_load(
        size=size, seed=2026, replace=False, loaded_at=timezone.now(), with_returns=False
    )
    load_s = time.perf_counter() - started
    today = timezone.localdate()

    live_query = selectors.live_vacancies(on_date=today)
    live = list(live_query)
    people = list(Candidate.objects.only(*matching.CANDIDATE_FIELDS).order_by("pk"))
    print(
        f"{size} demo: migrate {migrate_s:.1f} s, load {load_s:.1f} s; {len(people):,} "
        f"candidates, {len(live):,} live vacancies; SQLite; {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print()

    # One candidate's page, through every layer.
    chosen = people[:: max(1, len(people) // sample)][:sample]
    client = Client()
    page_times: list[float] = []
    shown = 0
    for person in chosen:
        session = client.session
        session[SESSION_KEY] = person.pk
        session.save()
        started = time.perf_counter_ns()
        response = client.get(reverse("careers:my-matches"))
        page_times.append((time.perf_counter_ns() - started) / 1e6)
        if response.status_code != 200:
            raise SystemExit(f"the candidate page answered {response.status_code}")
        shown += len(matching.best_vacancies_for(person, live, on_date=today))

    # The same candidates, scored pair by pair (the baseline).
    codes = matching.Codes.load()

    def pair_by_pair(person: Candidate) -> list[int]:
        facts = matching.vacancy_facts(live)
        projection = matching._projection(facts, [person])
        columns = matching.candidate_columns(
            [person], codes=codes, projection=projection, on_date=today
        )
        jobs = matching.vacancy_columns(facts, codes=codes, projection=projection)
        scored = [
            (why.score, v)
            for v in range(len(live))
            if (why := engine.explain(columns, jobs, 0, v)).eligible
        ]
        return [v for _, v in sorted(scored, key=lambda item: (-item[0], item[1]))[:10]]

    baseline_sample = chosen[:3]
    baseline_times = [
        wall_ms(lambda p=p: pair_by_pair(p), 1, warm_ups=0)[0] for p in baseline_sample
    ]

    # Everyone's top 10 at once.
    (batch_ms,) = wall_ms(
        lambda: matching.best_vacancies_for_all(people, live_query, on_date=today, k=10), 1
    )
    lists = matching.best_vacancies_for_all(people, live_query, on_date=today, k=10)
    with_a_match = sum(1 for found in lists.values() if found)

    # Shortlists: the employer with the most live vacancies, and an adviser.
    busiest = max(
        {vacancy.organisation_id for vacancy in live},
        key=lambda org: sum(1 for vacancy in live if vacancy.organisation_id == org),
    )
    vacancy = next(vacancy for vacancy in live if vacancy.organisation_id == busiest)
    employer = (
        Membership.objects.filter(organisation_id=busiest, role=Role.EMPLOYER_USER).first().user
    )
    adviser = Membership.objects.filter(role=Role.RECRUITMENT_ADVISER).first().user
    shortlists = {}
    for label, user in (
        ("employer (consenting pool)", employer),
        ("adviser (whole register)", adviser),
    ):
        staff = Client()
        staff.force_login(user)
        path = reverse("vacancies:shortlist", args=[vacancy.pk])
        response = staff.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code} to the {label}")
        pool = selectors.shortlist_pool(actor=actor_for_user(user), vacancy=vacancy).count()
        shortlists[label] = (wall_ms(lambda staff=staff, path=path: staff.get(path), 10), pool)

    width = 52
    print(f"{'measure':<{width}}  {'median ms':>9}  {'p95 ms':>8}")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 8}")
    print(
        f"{'a candidate page (' + str(len(chosen)) + ' candidates)':<{width}}  "
        f"{statistics.median(page_times):>9.1f}  {p95(page_times):>8.1f}"
    )
    print(
        f"{f'baseline: pair-by-pair scoring ({len(baseline_sample)} candidates)':<{width}}  "
        f"{statistics.median(baseline_times):>9.1f}  {p95(baseline_times):>8.1f}"
    )
    print(
        f"{'everyone top 10 at once (' + format(len(people), ',') + ')':<{width}}  {batch_ms:>9.1f}"
    )
    for label, (times, pool) in shortlists.items():
        print(
            f"{'shortlist page, ' + label + f', pool {pool:,}':<{width}}  "
            f"{statistics.median(times):>9.1f}  {p95(times):>8.1f}"
        )
    print()
    print(
        f"candidate pages showed {shown / len(chosen):.1f} jobs on average; {with_a_match:,} of "
        f"{len(people):,} candidates have at least one match"
    )
    verdict = "met" if p95(page_times) < TARGET_MS else "missed"
    print(f"target: a candidate's list in under {TARGET_MS:.0f} ms (p95): {verdict}")
    print(
        f"the page is {statistics.median(baseline_times) / statistics.median(page_times):.1f}x "
        "faster than scoring pair by pair (medians)"
    )


if __name__ == "__main__":
    main()
