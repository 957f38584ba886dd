"""Send what the pipeline owes people today: interview reminders to candidates and retention
prompts to employers. Run daily (the database queue's worker or cron); safe to run again."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse
from django.utils import timezone

from oneworkforce.recruitment.pipeline import services


class Command(BaseCommand):
    help = "Send interview reminders and retention prompts that are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help="Run as on this day (YYYY-MM-DD), at noon; now by default",
        )
        parser.add_argument(
            "--site-url",
            default="",
            help="The site's address, like https://jobs.example.org, for the link in prompts",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day: date | None = options["today"]
        now = (
            timezone.make_aware(datetime.combine(day, time(12)))
            if day is not None
            else timezone.now()
        )
        base = options["site_url"].rstrip("/")
        link = f"{base}{reverse('pipeline:retention')}"
        reminded = services.interview_reminders_send(now=now)
        prompted = services.retention_prompts_send(now=now, link=link)
        self.stdout.write(f"{reminded} interview reminders, {prompted} retention prompts")
