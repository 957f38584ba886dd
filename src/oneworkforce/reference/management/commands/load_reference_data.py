"""``manage.py load_reference_data``: reload the shipped reference lists and print the counts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from oneworkforce.reference import services
from oneworkforce.reference.data_files import DataFileError


class Command(BaseCommand):
    help = "Load the reference lists shipped in the package (idempotent) and print the counts."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = services.reference_data_load(loaded_at=timezone.now())
        except DataFileError as problem:
            raise CommandError(f"Nothing was loaded: {problem}") from problem
        width = max(len(name) for name in report.counts)
        self.stdout.write(f"{'list':<{width}}  current  created  updated  unchanged  retired")
        for name, counts in report.counts.items():
            self.stdout.write(
                f"{name:<{width}}  {counts.current:>7}  {counts.created:>7}  {counts.updated:>7}"
                f"  {counts.unchanged:>9}  {counts.retired:>7}"
            )
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Reference data loaded."))
        else:
            self.stdout.write("Reference data was already up to date: nothing changed.")
