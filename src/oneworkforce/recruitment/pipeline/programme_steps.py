"""The recruitment pipeline as a source of the board's programme statistics.

An initiative linked to a joint recruitment campaign (``Initiative.campaign``) is credited with
the applications to that campaign's vacancies: each application gives the journey steps it
reached, dated, through :mod:`oneworkforce.intelligence.planning.steps`:

- ``applied``: the day the application reached the "applied" stage;
- ``interviewed``: the day of the interview, once it has passed (or, with no interview date
  recorded, the day of the offer, since nobody is offered a job unseen); not counted when
  the application was turned down because the person did not come;
- ``offered``: the day the job was offered;
- ``started``: the first day in work;
- ``retained_6_months`` and ``retained_12_months``: 6 and 12 months after starting, once the
  employer has recorded them still in post at that milestone.

Only candidates whose current consent lets them be counted in anonymous statistics are
included. The person is a keyed hash of the candidate's id (never the id itself), so the
programme counts someone once per step however many vacancies they applied for, and nobody
reading the records can go back to the register. Equality groups come from the candidate's
optional equality monitoring answers, mapped to the programme's groups ("unknown" for no
answer or "prefer not to say"); the age band is the age on the day of the step.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from django.conf import settings
from django.utils import timezone

from oneworkforce.intelligence.models import Initiative
from oneworkforce.intelligence.planning import steps
from oneworkforce.recruitment.models import (
    Candidate,
    EqualityMonitoring,
    Ethnicity,
    Sex,
    YesNoPreferNot,
    age_on,
)
from oneworkforce.recruitment.pipeline.models import (
    Application,
    RejectionReason,
    Stage,
    StageChange,
    stage_index,
)
from oneworkforce.recruitment.pipeline.services import add_months
from oneworkforce.recruitment.vacancies.models import Campaign

__all__ = ["CampaignApplications", "participant_key"]

SEX_GROUP: dict[str, str] = {Sex.FEMALE: "female", Sex.MALE: "male"}
ETHNICITY_GROUP: dict[str, str] = {
    Ethnicity.WHITE_BRITISH: "white",
    Ethnicity.WHITE_OTHER: "white",
    Ethnicity.PAKISTANI: "asian",
    Ethnicity.INDIAN: "asian",
    Ethnicity.BANGLADESHI: "asian",
    Ethnicity.ASIAN_OTHER: "asian",
    Ethnicity.BLACK: "black",
    Ethnicity.MIXED: "mixed",
    Ethnicity.OTHER: "other",
}
DISABILITY_GROUP: dict[str, str] = {YesNoPreferNot.YES: "yes", YesNoPreferNot.NO: "no"}
# The programme's age bands (steps.AGE_BAND_VALUES), by the lowest age in each.
AGE_BAND_FROM: tuple[tuple[int, str], ...] = (
    (65, "65 and over"),
    (55, "55 to 64"),
    (45, "45 to 54"),
    (35, "35 to 44"),
    (25, "25 to 34"),
    (16, "16 to 24"),
)
RETENTION_STEPS = (
    (6, Stage.RETAINED_6, "retained_6_months"),
    (12, Stage.RETAINED_12, "retained_12_months"),
)


def participant_key(candidate_id: int) -> str:
    """A stable pseudonym for a candidate: an HMAC of the id keyed with the site's secret.

    >>> participant_key(7) == participant_key(7) != participant_key(8)
    True
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"candidate:{candidate_id}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:24]


def programme_age_band(date_of_birth: date, on: date) -> str:
    """>>> programme_age_band(date(2000, 6, 1), date(2026, 5, 31))
    '25 to 34'
    """
    age = age_on(date_of_birth, on)
    return next((band for lowest, band in AGE_BAND_FROM if age >= lowest), "unknown")


def _steps_reached(
    application: Application, stage_days: dict[str, date], until: date
) -> Iterator[tuple[str, date]]:
    reached = stage_index(application.stage)
    if Stage.APPLIED in stage_days:
        yield "applied", stage_days[Stage.APPLIED]
    if reached >= stage_index(Stage.INTERVIEW):
        did_not_come = application.reason == RejectionReason.DID_NOT_ATTEND
        if application.interview_at is not None:
            interview_day = timezone.localdate(application.interview_at)
            if interview_day <= until and not did_not_come:
                yield "interviewed", interview_day
        elif Stage.OFFER in stage_days:
            yield "interviewed", stage_days[Stage.OFFER]
    if Stage.OFFER in stage_days:
        yield "offered", stage_days[Stage.OFFER]
    if application.started_date is not None and reached >= stage_index(Stage.STARTED):
        yield "started", application.started_date
        for months, stage, step in RETENTION_STEPS:
            if reached >= stage_index(stage):
                yield step, add_months(application.started_date, months)


class CampaignApplications:
    """Applications to the vacancies of the joint campaigns linked to initiatives."""

    key = "recruitment-pipeline"
    label = "Applications to joint recruitment campaigns linked to an initiative"

    def records(self, *, until: date) -> Iterable[steps.StepRecord]:
        """Every step reached on or before ``until``.

        Complexity: O(a + c) queries' rows for a applications and c stage changes, in five
        queries whatever the number of applications.
        """
        initiatives_by_campaign: dict[int, list[int]] = defaultdict(list)
        for initiative_id, campaign_id in Initiative.objects.filter(
            campaign__isnull=False
        ).values_list("pk", "campaign_id"):
            initiatives_by_campaign[campaign_id].append(initiative_id)
        if not initiatives_by_campaign:
            return
        initiatives_by_vacancy: dict[int, set[int]] = defaultdict(set)
        for vacancy_id, campaign_id in Campaign.vacancies.through.objects.filter(
            campaign_id__in=initiatives_by_campaign
        ).values_list("vacancy_id", "campaign_id"):
            initiatives_by_vacancy[vacancy_id].update(initiatives_by_campaign[campaign_id])
        counted = Candidate.objects.filter(
            consents__withdrawn_at__isnull=True, consents__anonymised_statistics=True
        )
        applications = list(
            Application.objects.filter(
                vacancy_id__in=initiatives_by_vacancy, candidate__in=counted
            ).order_by("pk")
        )
        stage_days: dict[int, dict[str, date]] = defaultdict(dict)
        for application_id, stage, entered_at in StageChange.objects.filter(
            application__in=[a.pk for a in applications],
            stage__in=[Stage.APPLIED, Stage.OFFER],
        ).values_list("application_id", "stage", "entered_at"):
            stage_days[application_id][stage] = timezone.localdate(entered_at)
        candidate_ids = {a.candidate_id for a in applications}
        births = dict(
            Candidate.objects.filter(pk__in=candidate_ids).values_list("pk", "date_of_birth")
        )
        answers = {
            candidate_id: (
                SEX_GROUP.get(sex, "unknown"),
                ETHNICITY_GROUP.get(ethnicity, "unknown"),
                DISABILITY_GROUP.get(disability, "unknown"),
            )
            for candidate_id, sex, ethnicity, disability in EqualityMonitoring.objects.filter(
                candidate_id__in=candidate_ids
            ).values_list("candidate_id", "sex", "ethnicity", "disability")
        }
        for application in applications:
            person = participant_key(application.candidate_id)
            sex, ethnicity, disability = answers.get(
                application.candidate_id, ("unknown", "unknown", "unknown")
            )
            for step, day in _steps_reached(application, stage_days[application.pk], until):
                if day > until:
                    continue
                for initiative_id in sorted(initiatives_by_vacancy[application.vacancy_id]):
                    yield steps.StepRecord(
                        source=self.key,
                        initiative_id=initiative_id,
                        participant=person,
                        step=step,
                        reached_date=day,
                        age_band=programme_age_band(births[application.candidate_id], day),
                        sex=sex,
                        ethnicity_group=ethnicity,
                        disability=disability,
                    )
