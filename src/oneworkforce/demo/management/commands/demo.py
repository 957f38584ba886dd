"""``manage.py demo``: build the synthetic district and print its demo logins."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from oneworkforce.demo import services
from oneworkforce.demo.generator import SIZES
from oneworkforce.partners.models import Organisation


class Command(BaseCommand):
    help = "Build a synthetic health and care district with demo logins for every role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="district")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--without-returns",
            action="store_true",
            help="skip the year of workforce returns (a quicker build)",
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--replace", action="store_true", help="delete the demo district and build it again"
        )
        group.add_argument(
            "--if-empty", action="store_true", help="build only when the database holds no partners"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Organisation.objects.exists():
            self.stdout.write("The demo district is already in the database.")
            self._print_logins(services.demo_logins())
            return
        started = time.perf_counter()
        try:
            loaded = services.demo_district_load(
                size=options["size"],
                seed=options["seed"],
                replace=options["replace"],
                loaded_at=timezone.now(),
                with_returns=not options["without_returns"],
            )
        except services.DemoError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Built the {options['size']} demo district (seed {options['seed']}) in "
            f"{time.perf_counter() - started:.1f} s."
        )
        if loaded.candidates is not None:
            found = loaded.candidates
            self.stdout.write(
                f"Registered {len(found.candidates):,} candidates "
                f"({found.by_channel.get('adviser', 0):,} by an adviser, "
                f"{found.without_email:,} with no e-mail, {found.in_urdu:,} in Urdu)."
            )
        if loaded.assessments is not None:
            taken = loaded.assessments
            self.stdout.write(
                f"Scored {taken.attempts - taken.unfinished:,} assessments "
                f"({taken.retakes:,} retakes, {taken.unfinished:,} left part-way, "
                f"{taken.notes:,} with an adviser's note)."
            )
        if loaded.vacancies is not None:
            self.stdout.write(
                f"Posted {loaded.vacancies.vacancies:,} vacancies ({loaded.vacancies.open:,} open) "
                f"and {loaded.vacancies.campaigns} joint campaigns."
            )
        if loaded.pipeline is not None:
            made = loaded.pipeline
            self.stdout.write(
                f"Made a year of pipeline history: {made.applications:,} applications, "
                f"{made.started:,} starters ({made.retained_12:,} still in post at 12 months), "
                f"{made.placements} placements ranked {made.placement_choices:,} times."
            )
        if loaded.returns is not None:
            self.stdout.write(
                f"Loaded {loaded.returns.returns:,} workforce returns "
                f"({loaded.returns.rows:,} rows); their files are in {loaded.returns.directory}."
            )
        self._print_logins(loaded.logins)

    def _print_logins(self, logins: list[services.DemoLogin]) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo logins (every account's password is: {services.DEMO_PASSWORD})")
        width = max((len(login.role) for login in logins), default=10)
        for login in logins:
            self.stdout.write(f"  {login.role:<{width}}  {login.email:<45}  {login.organisation}")
        self.stdout.write("")
