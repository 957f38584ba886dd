"""Benchmark the board report for the ``district`` demo: the whole background job (figures,
charts, tagged PDF, CSV pack) must finish in under 30 s.

Run from the repository root: ``.venv/bin/python bench/board_report.py [--size district]``.

It builds the demo district in a fresh SQLite database in a temporary directory (the demo's
own build is timed by bench/demo.py, not here), then, each in a fresh process so nothing is
cached from the build:

- **cold job**: the board report job run the way the worker runs it (``run_job`` on a
  queued job): the workforce frames are read from the database for every reporting date,
  the baseline is built, WeasyPrint loads its fonts. The 30 s target is for this figure.
- **cold stages**: the same work stage by stage (the workforce metrics, trends, projection
  and programme statistics, then the PDF and the pack), to show where the time goes;
- **warm job**: a second job in that process, as a busy worker makes it, with the frames
  and baseline kept in memory: the baseline the cold figures are read against.
"""

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
TARGET_S = 30.0


def configure(var_dir: str) -> None:
    """Point the settings at a scratch directory before Django reads them."""
    os.environ["OW_VAR_DIR"] = var_dir
    os.environ["OW_TESTING"] = "1"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneworkforce.config.settings")
    sys.path.insert(0, str(REPOSITORY / "src"))


def build(size: str, seed: int) -> dict[str, object]:
    from django.core.management import call_command
    from django.utils import timezone

    from oneworkforce.demo import services as demo_services
    from oneworkforce.intelligence.models import ParticipantStep, Post, Scenario

    call_command("migrate", verbosity=0)
    demo_services.demo_district_load(size=size, seed=seed, replace=False, loaded_at=timezone.now())
    return {
        "posts": Post.objects.count(),
        "scenarios": Scenario.objects.count(),
        "participant_steps": ParticipantStep.objects.count(),
    }


def _analyst():  # type: ignore[no-untyped-def]
    from oneworkforce.demo import services as demo_services
    from oneworkforce.partners.models import User

    return User.objects.get(email=f"analyst@{demo_services.DEMO_EMAIL_DOMAIN}")


def one_job() -> tuple[float, object]:
    from oneworkforce.background.models import Job
    from oneworkforce.background.tasks import run_job
    from oneworkforce.intelligence.reports.tasks import BOARD_REPORT_JOB

    job = Job.objects.create(kind=BOARD_REPORT_JOB, title="Board report", requested_by=_analyst())
    started = time.perf_counter()
    run_job.call(str(job.pk))
    elapsed = time.perf_counter() - started
    job.refresh_from_db()
    if job.status != "succeeded":
        raise SystemExit(f"the board report job failed: {job.error}")
    return elapsed, job


def cold_job() -> dict[str, object]:
    from django.conf import settings

    from oneworkforce.intelligence.reports.tasks import pack_path

    elapsed, job = one_job()
    return {
        "cold_job_s": round(elapsed, 2),
        "pdf_kb": round((Path(settings.MEDIA_ROOT) / job.result_file).stat().st_size / 1024, 1),
        "pack_kb": round(pack_path(job).stat().st_size / 1024, 1),
    }


def cold_stages() -> dict[str, object]:
    from django.utils import timezone

    from oneworkforce.intelligence.reports import content, rendering
    from oneworkforce.partners.access import actor_for_user

    actor = actor_for_user(_analyst())
    stages: dict[str, float] = {}
    marks: list[tuple[str, float]] = []
    started = time.perf_counter()
    report = content.board_report_gather(
        actor=actor,
        made_at=timezone.now(),
        today=timezone.localdate(),
        step=lambda stage: marks.append((stage, time.perf_counter())),
    )
    marks.append(("end", time.perf_counter()))
    for (stage, at), (_, until) in itertools.pairwise(marks):
        stages[stage] = round(until - at, 2)
    gather_s = time.perf_counter() - started
    started = time.perf_counter()
    rendering.board_report_pdf(report)
    pdf_s = time.perf_counter() - started
    started = time.perf_counter()
    rendering.board_report_pack(report)
    pack_s = time.perf_counter() - started
    warm_s, _ = one_job()
    return {
        "cold_stages_s": stages,
        "cold_figures_s": round(gather_s, 2),
        "cold_pdf_s": round(pdf_s, 2),
        "cold_pack_s": round(pack_s, 3),
        "warm_job_s": round(warm_s, 2),
    }


def child(var_dir: str, what: str, size: str, seed: int) -> None:
    configure(var_dir)
    import django

    django.setup()
    result = {"build": lambda: build(size, seed), "job": cold_job, "stages": cold_stages}[what]()
    print(json.dumps(result))


def run_child(var_dir: str, what: str, size: str, seed: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", what, "--var-dir", var_dir, "--size", size,
               "--seed", str(seed)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"{what} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="district", choices=("small", "district", "region"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--child", choices=("build", "job", "stages"))
    parser.add_argument("--var-dir")
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.var_dir, arguments.child, arguments.size, arguments.seed)
        return
    with tempfile.TemporaryDirectory(prefix="ow-bench-report-") as var_dir:
        figures: dict[str, object] = {"size": arguments.size, "target_s": TARGET_S}
        for what in ("build", "job", "stages"):
            figures |= run_child(var_dir, what, arguments.size, arguments.seed)
    print(json.dumps(figures))
    cold, warm = float(figures["cold_job_s"]), float(figures["warm_job_s"])  # type: ignore[arg-type]
    print(
        f"Board report for the {arguments.size} demo ({figures['posts']:,} posts, "
        f"{figures['scenarios']} scenarios): {cold:.1f} s cold (target under {TARGET_S:.0f} s), "
        f"{warm:.1f} s warm; cold stages {figures['cold_stages_s']}, PDF "
        f"{figures['cold_pdf_s']} s, pack {figures['cold_pack_s']} s"
    )
    if cold >= TARGET_S:
        raise SystemExit(f"over the target: {cold:.1f} s >= {TARGET_S:.0f} s")


if __name__ == "__main__":
    main()
