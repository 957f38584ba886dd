"""What a long-running function is handed to report how far it has got."""

from __future__ import annotations

import time

from oneworkforce.background.models import Job


class Progress:
    """Counts steps and writes them to the job row, at most every half second, so that
    reporting progress never slows the work it reports on."""

    def __init__(self, job: Job, *, min_interval_s: float = 0.5) -> None:
        self.job = job
        self._min_interval_s = min_interval_s
        self._last_write = 0.0

    def start(self, *, total: int, message: str = "") -> None:
        self.job.steps_total = total
        self.job.steps_done = 0
        self.job.message = message
        self._write(force=True)

    def advance(self, steps: int = 1, *, message: str | None = None) -> None:
        self.job.steps_done = min(self.job.steps_done + steps, self.job.steps_total or steps)
        if message is not None:
            self.job.message = message
        self._write(force=False)

    def _write(self, *, force: bool) -> None:
        now = time.monotonic()
        if force or now - self._last_write >= self._min_interval_s:
            Job.objects.filter(pk=self.job.pk).update(
                steps_total=self.job.steps_total,
                steps_done=self.job.steps_done,
                message=self.job.message[:300],
            )
            self._last_write = now
