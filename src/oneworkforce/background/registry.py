"""The kinds of background job, each a function ``(job, progress) -> None``.

Apps register their long work here at start-up (in their ``tasks`` module), so the one task
that runs jobs can find it by name.
"""

from __future__ import annotations

from collections.abc import Callable

from oneworkforce.background.models import Job
from oneworkforce.background.progress import Progress

JobFunction = Callable[[Job, Progress], None]
_JOBS: dict[str, JobFunction] = {}


def register(kind: str) -> Callable[[JobFunction], JobFunction]:
    def decorate(function: JobFunction) -> JobFunction:
        _JOBS[kind] = function
        return function

    return decorate


def job_function(kind: str) -> JobFunction:
    return _JOBS[kind]
