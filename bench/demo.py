"""Benchmark building the demo district at each size, against a row-by-row loader.

Run from the repository root: ``.venv/bin/python bench/demo.py [--sizes small,district,region]``.

Each size runs in a subprocess of its own, with a fresh SQLite database in a temporary
directory, so no size inherits another's caches, pages or database. The subprocess times
the generator alone (plain data, no database), ``migrate`` on the empty database, then the
loader the ``demo`` command calls (which runs the generator again, writes every row and the
staff roster file); it prints one JSON line back.

The baseline, for ``small`` only, is what a first loader would do: save each organisation,
site, user, membership and agreement with ``.save()``, and hash the shared demo password
once per user with ``make_password``. It runs inside one transaction, as the real loader
does, so the difference is the row-by-row writes and the repeated hashing, not commits.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

REPOSITORY = Path(__file__).resolve().parents[1]
SIZES = ("small", "district", "region")
TARGET_S = {"district": 60.0, "region": 600.0}


def configure(var_dir: str) -> None:
    """Point the settings at a scratch directory before Django reads them."""
    os.environ["OW_VAR_DIR"] = var_dir
    os.environ["OW_TESTING"] = "1"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneworkforce.config.settings")
    sys.path.insert(0, str(REPOSITORY / "src"))


def one_size(size: str, seed: int, naive: bool) -> dict[str, object]:
    """Build one size in a fresh database; runs in its own subprocess."""
    import django

    django.setup()

    from django.core.management import call_command
    from django.utils import timezone

    from oneworkforce.demo import returns as demo_returns
    from oneworkforce.demo import services
    from oneworkforce.demo.generator import generate
    from oneworkforce.partners.models import Membership, Organisation, Site, User

    started = time.perf_counter()
    district = generate(size, seed)
    generate_s = time.perf_counter() - started

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - started

    returns_load = demo_returns.demo_returns_load
    returns: dict[str, float] = {"s": 0.0, "files": 0}

    def timed_returns_load(**arguments: object) -> object:
        started = time.perf_counter()
        loaded = returns_load(**arguments)
        returns["s"] += time.perf_counter() - started
        returns["files"] += loaded.returns
        return loaded

    started = time.perf_counter()
    if naive:
        hashing_s = naive_load(size=size, seed=seed, loaded_at=timezone.now())
    else:
        with mock.patch.object(demo_returns, "demo_returns_load", timed_returns_load):
            services.demo_district_load(
                size=size, seed=seed, replace=False, loaded_at=timezone.now()
            )
        hashing_s = None
    load_s = time.perf_counter() - started

    roster = services.roster_path(district)
    with roster.open("rb") as lines:
        roster_rows = sum(1 for _ in lines) - 1
    if roster_rows != len(district.staff):
        raise SystemExit(f"the roster holds {roster_rows} rows, not {len(district.staff)}")
    return {
        "size": size,
        "naive": naive,
        "organisations": Organisation.objects.count(),
        "sites": Site.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "staff": len(district.staff),
        "generate_s": generate_s,
        "migrate_s": migrate_s,
        "load_s": load_s,
        "returns_s": returns["s"],
        "return_files": returns["files"],
        "hashing_s": hashing_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def naive_load(*, size: str, seed: int, loaded_at: object) -> float:
    """The loader a first implementation would write: one ``.save()`` per row and one
    password hash per user. Builds the same rows as ``demo_district_load``; returns the
    seconds spent hashing."""
    from datetime import date, timedelta

    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from oneworkforce.demo import services
    from oneworkforce.demo.generator import generate
    from oneworkforce.partners.models import (
        DataSharingAgreement,
        Membership,
        Organisation,
        Role,
        SharingScope,
        Site,
        User,
    )
    from oneworkforce.reference import postcodes

    hashing_s = 0.0

    def hashed() -> str:
        nonlocal hashing_s
        started = time.perf_counter()
        password = make_password(services.DEMO_PASSWORD)
        hashing_s += time.perf_counter() - started
        return password

    def add_user(email: str, full_name: str, organisation: Organisation, role: str) -> None:
        user = User(email=email, full_name=full_name, password=hashed())
        user.save()
        Membership(user=user, organisation=organisation, role=role).save()

    today: date = loaded_at.date()  # type: ignore[attr-defined]
    with transaction.atomic():
        district = generate(size, seed)
        partnership = Organisation(name=services.PARTNERSHIP_NAME, kind="partnership")
        partnership.save()
        organisations = {"partnership": partnership}
        for seed_org in district.organisations:
            organisation = Organisation(
                name=seed_org.name,
                kind=seed_org.kind,
                cqc_provider_id=seed_org.cqc_provider_id,
                ods_code=seed_org.ods_code,
                ascwds_workplace_id=seed_org.ascwds_workplace_id,
            )
            organisation.save()
            organisations[seed_org.key] = organisation
            for seed_site in seed_org.sites:
                place = postcodes.lookup(seed_site.postcode)
                Site(
                    organisation=organisation,
                    name=seed_site.name,
                    address_line_1=seed_site.address_line_1,
                    town=seed_site.town,
                    postcode=place.postcode,
                    latitude=place.latitude,
                    longitude=place.longitude,
                    local_authority_code=place.local_authority_code or "",
                    cqc_location_id=seed_site.cqc_location_id,
                ).save()
        by_kind = {"partnership": partnership}
        for seed_org in district.organisations:
            by_kind.setdefault(seed_org.kind, organisations[seed_org.key])
        for role, kind in services.LOGIN_HOME.items():
            add_user(
                f"{role.replace('_', '.')}@{services.DEMO_EMAIL_DOMAIN}",
                f"Demo {Role(role).label.lower()}",
                by_kind[kind],
                role,
            )
        for seed_org in district.organisations:
            if seed_org.kind in {"partnership", "college", "university", "icb"}:
                continue
            add_user(
                f"employer.{seed_org.key}@{services.DEMO_EMAIL_DOMAIN}",
                f"Employer contact, {seed_org.name}"[:200],
                organisations[seed_org.key],
                Role.EMPLOYER_USER,
            )
        for index, seed_org in enumerate(district.organisations):
            DataSharingAgreement(
                provider=organisations[seed_org.key],
                recipient=partnership,
                scope=SharingScope.WORKFORCE_AGGREGATES,
                purpose="Workforce planning across the partnership (demo agreement).",
                start_date=date(today.year - 2, 4, 1),
                end_date=today - timedelta(days=30) if index % 9 == 4 else None,
            ).save()
        roster = services.roster_path(district)
        roster.parent.mkdir(parents=True, exist_ok=True)
        district.staff.write_csv(roster)
    return hashing_s


def in_subprocess(size: str, seed: int, naive: bool) -> dict[str, object]:
    command = [sys.executable, __file__, "--one", size, "--seed", str(seed)]
    if naive:
        command.append("--naive")
    result = subprocess.run(  # noqa: S603 (our own interpreter, this script)
        command, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"building {size} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated sizes")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--one", choices=SIZES, help=argparse.SUPPRESS)
    parser.add_argument("--naive", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()

    if arguments.one:
        var_dir = tempfile.mkdtemp(prefix="ow-bench-demo-")
        configure(var_dir)
        try:
            measured = one_size(arguments.one, arguments.seed, arguments.naive)
        finally:
            shutil.rmtree(var_dir, ignore_errors=True)
        print(json.dumps(measured))
        return

    sizes = [size.strip() for size in arguments.sizes.split(",") if size.strip()]
    unknown = set(sizes) - set(SIZES)
    if unknown:
        parser.error(f"unknown sizes: {', '.join(sorted(unknown))}; choose from {SIZES}")
    runs = []
    for size in sizes:
        runs.append(in_subprocess(size, arguments.seed, naive=False))
        if size == "small":
            runs.append(in_subprocess(size, arguments.seed, naive=True))

    print(
        f"demo district, seed {arguments.seed}; each run in a new process on a new SQLite "
        f"database; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    print()
    # Title, width, then the format of each value after its alignment and width.
    columns = [
        ("size", 8, "", lambda run: run["size"]),
        ("loader", 10, "", lambda run: "row by row" if run["naive"] else "bulk"),
        ("orgs", 5, "", lambda run: run["organisations"]),
        ("sites", 5, "", lambda run: run["sites"]),
        ("users", 5, "", lambda run: run["users"]),
        ("staff", 7, ",", lambda run: run["staff"]),
        ("generate s", 10, ".2f", lambda run: run["generate_s"]),
        ("migrate s", 9, ".2f", lambda run: run["migrate_s"]),
        ("load s", 7, ".2f", lambda run: run["load_s"]),
        ("returns", 7, ",", lambda run: run["return_files"]),
        ("returns s", 9, ".2f", lambda run: run["returns_s"]),
        ("peak MB", 7, ".0f", lambda run: run["peak_mb"]),
    ]

    def align(position: int) -> str:
        return "<" if position < 2 else ">"

    print("  ".join(f"{t:{align(i)}{w}}" for i, (t, w, _, _) in enumerate(columns)))
    print("  ".join("-" * width for _, width, _, _ in columns))
    for run in runs:
        print("  ".join(f"{v(run):{align(i)}{w}{f}}" for i, (_, w, f, v) in enumerate(columns)))
    print()
    print("load s: the demo command's work, the generator included; migrate is apart.")
    print(
        "returns s: the part of it that writes the workforce returns and takes each through "
        "the upload and the background check"
    )
    for run in runs:
        if run["return_files"]:
            print(
                f"  {run['size']}: {run['return_files']:,} returns in {run['returns_s']:.1f} s, "
                f"{1000 * run['returns_s'] / run['return_files']:.0f} ms a return; the rest of "
                f"the load {run['load_s'] - run['returns_s']:.1f} s"
            )
    bulk = {run["size"]: run for run in runs if not run["naive"]}
    naive = next((run for run in runs if run["naive"]), None)
    if naive is not None:
        print(
            f"baseline (small): row by row {naive['load_s']:.2f} s, of which "
            f"{naive['hashing_s']:.2f} s hashing {naive['users']} passwords one by one; bulk "
            f"loader {bulk['small']['load_s']:.2f} s "
            f"({naive['load_s'] / bulk['small']['load_s']:.1f}x faster)"
        )
    for size, limit in TARGET_S.items():
        if size not in bulk:
            continue
        load_s = bulk[size]["load_s"]
        verdict = "met" if load_s < limit else "MISSED"
        print(
            f"target: {size} demo builds in under {limit:.0f} s: {verdict} ({load_s:.1f} s; "
            f"{load_s + bulk[size]['migrate_s']:.1f} s with migrate)"
        )


if __name__ == "__main__":
    main()
