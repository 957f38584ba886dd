"""Where the programme statistics find people moving forward: a small registry of step sources.

A step source yields one :class:`StepRecord` per person reaching a step of the journey
(registered, assessed, trained, ..., started, retained at 12 months) through one of the
partnership's initiatives. The participant records entered or imported on the programme
pages are the first source; another app adds its own (the recruitment pipeline, say) by
registering a source in its ``AppConfig.ready``::

    from oneworkforce.intelligence.planning import steps

    steps.register_step_source(CandidateSteps())

A source must give only steps attributable to an initiative (``initiative_id``), with the
person's pseudonymous key unique within the source, and equality groups in the vocabularies
below (anything else counts as "unknown").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from oneworkforce.intelligence.metrics.dimensions import AGE_BANDS, LABELS

__all__ = [
    "AGE_BAND_VALUES",
    "CHARACTERISTICS",
    "INTO_WORK",
    "RETAINED_12_MONTHS",
    "STEPS",
    "StepRecord",
    "StepSource",
    "register_step_source",
    "step_sources",
]

STEPS: dict[str, str] = {
    "registered": "Registered",
    "assessed": "Assessed",
    "trained": "Trained or on placement",
    "applied": "Applied for a job",
    "interviewed": "Interviewed",
    "offered": "Offered a job",
    "started": "Started work",
    "retained_6_months": "Still in work at 6 months",
    "retained_12_months": "Still in work at 12 months",
}
INTO_WORK = "started"
RETAINED_12_MONTHS = "retained_12_months"
AGE_BAND_VALUES = (*AGE_BANDS, "unknown")
CHARACTERISTICS: dict[str, dict[str, str]] = {
    "age_band": {**{band: band.capitalize() for band in AGE_BANDS}, "unknown": "Not known"},
    "sex": LABELS["sex"],
    "ethnicity_group": LABELS["ethnicity_group"],
    "disability": LABELS["disability"],
}
CHARACTERISTIC_NAMES = {
    "age_band": "Age",
    "sex": "Sex",
    "ethnicity_group": "Ethnic group",
    "disability": "Disability",
}


@dataclass(frozen=True)
class StepRecord:
    source: str
    initiative_id: int
    participant: str
    step: str
    reached_date: date
    age_band: str = "unknown"
    sex: str = "unknown"
    ethnicity_group: str = "unknown"
    disability: str = "unknown"

    def group(self, characteristic: str) -> str:
        value = getattr(self, characteristic)
        return value if value in CHARACTERISTICS[characteristic] else "unknown"


class StepSource(Protocol):
    key: str
    label: str

    def records(self, *, until: date) -> Iterable[StepRecord]:
        """Every step reached on or before ``until``."""
        ...


_SOURCES: dict[str, StepSource] = {}


def register_step_source(source: StepSource) -> StepSource:
    """Add ``source`` (a second source with the same key replaces the first)."""
    _SOURCES[source.key] = source
    return source


def step_sources() -> tuple[StepSource, ...]:
    return tuple(_SOURCES.values())
