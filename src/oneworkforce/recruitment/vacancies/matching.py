"""The one adapter between the database and the matching engine, for vacancies.

It turns candidate-register rows and vacancy rows into the engine's column types
(``engines.matching.Candidates`` and ``Vacancies``), asks the engine for the best matches, and
turns its answers back into rows with reasons in plain words. It decides nothing about who may
see whom: callers pass only the candidates the asker may see (the register's
``candidates_visible_to``), so a candidate outside that scope is never scored, counted or
hinted at.

How the register's answers become the engine's numbers (docs/decisions/0095):

- places: postcodes and sites become kilometres on a flat projection around the mean latitude
  of the people and places in the call (under 0.5% from the great-circle distance across a
  region);
- a criminal-record check is one of the employer's pre-employment checks, so it is not asked
  of candidates in advance: every vacancy goes to the engine needing none;
- a job that needs a car needs the licence too (a model constraint); a job that needs only a
  licence is refused by this adapter to a candidate without one, as the engine knows only
  "licence and car";
- hours wanted: full time 30 to 48 a week, part time 8 to 29.5, either 8 to 48, bank shifts
  0 to 48; experience: none 0 years, under a year 0.5, 1 to 3 years 2, more than 3 years 4.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
from django.apps import apps
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_noop

from oneworkforce.engines import matching as engine
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.models import Setting, Vacancy
from oneworkforce.reference import postcodes
from oneworkforce.reference.models import JobRole, Qualification

if TYPE_CHECKING:
    from oneworkforce.recruitment.models import Candidate

KM_PER_MILE = 1.609344
TRAVEL_MODE = {"walk": 0, "bicycle": 1, "public_transport": 2, "car": 3, "lift": 3}
HAS_RIGHT_TO_WORK = {"british_or_irish", "settled", "visa"}
HOURS_WANTED = {
    "full_time": (30.0, 48.0),
    "part_time": (8.0, 29.5),
    "either": (8.0, 48.0),
    "bank": (0.0, 48.0),
}
EXPERIENCE_YEARS = {"none": 0.0, "under_1": 0.5, "1_to_3": 2.0, "over_3": 4.0}
# The register's role interests, as the ASC-WDS roles they lead to.
ROLES_OF_INTEREST = {
    "care_worker": ("care-worker",),
    "senior_care_worker": ("senior-care-worker",),
    "support_worker": ("support-worker", "community-support-outreach"),
    "healthcare_assistant": ("nursing-assistant", "care-worker"),
    "personal_assistant": ("care-worker", "support-worker"),
    "nurse": ("registered-nurse", "nursing-associate"),
    "domestic_catering": ("ancillary",),
    "administration": ("administrative",),
    "driver": ("other-non-care-providing",),
}
SETTING_CODE = {value: code for code, value in enumerate(Setting.values)}
# Said of the candidate, as the engine's sentences are, since employers read them too.
DRIVING_HELD = gettext_noop("Has the driving licence and the car the job needs")
LICENCE_HELD = gettext_noop("Has the driving licence the job needs")


@dataclass(frozen=True)
class Codes:
    """How qualifications and job roles become bits: one bit per row of the reference lists."""

    qualification_bit: dict[int, int]
    qualification_names: list[str]
    role_code: dict[int, int]
    role_of_key: dict[str, int]

    @property
    def words(self) -> int:
        return max(1, math.ceil(len(self.qualification_names) / 64))

    @classmethod
    def load(cls) -> Codes:
        qualifications = list(Qualification.objects.order_by("key").values_list("pk", "name"))
        # Role codes are 0..63 in the engine: the ASC-WDS main roles fit.
        roles = list(
            JobRole.objects.filter(source="ascwds").order_by("key").values_list("pk", "key")[:64]
        )
        return cls(
            qualification_bit={pk: bit for bit, (pk, _) in enumerate(qualifications)},
            qualification_names=[name for _, name in qualifications],
            role_code={pk: code for code, (pk, _) in enumerate(roles)},
            role_of_key={key: code for code, (_, key) in enumerate(roles)},
        )


@dataclass(frozen=True)
class Projection:
    """Degrees to kilometres on a plane touching the earth at ``latitude``."""

    latitude: float

    def kilometres(self, latitudes: np.ndarray, longitudes: np.ndarray) -> np.ndarray:
        scale = math.pi / 180 * postcodes.EARTH_RADIUS_KM
        x = np.asarray(longitudes, dtype=np.float64) * scale * math.cos(math.radians(self.latitude))
        y = np.asarray(latitudes, dtype=np.float64) * scale
        return np.stack([x, y])


def projection_for(*latitudes: np.ndarray) -> Projection:
    known = np.concatenate([np.asarray(values, dtype=np.float64) for values in latitudes])
    known = known[~np.isnan(known)]
    return Projection(float(known.mean()) if known.size else 52.5)


def _bitset(bits: Sequence[int], words: int) -> np.ndarray:
    row = np.zeros(words, dtype=np.uint64)
    for bit in bits:
        row[bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
    return row


def _mask(bits: Sequence[int]) -> int:
    return sum(1 << bit for bit in set(bits))


def _age(born: date, on: date) -> int:
    return on.year - born.year - int((on.month, on.day) < (born.month, born.day))


# The candidate fields matching reads: a shortlist loads only these, for thousands of people.
CANDIDATE_FIELDS = (
    "pk", "reference", "full_name", "postcode", "date_of_birth", "hours_wanted", "availability",
    "travel_mode", "max_travel_miles", "right_to_work", "driving_licence", "has_car",
    "paid_care_experience", "roles_of_interest", "settings_of_interest",
)  # fmt: skip


@dataclass(frozen=True)
class CandidateFacts:
    """What matching reads of a candidate (the fields above but the name and reference):
    read as plain values, so a shortlist over thousands of people costs no model objects;
    only the people shown are loaded whole."""

    pk: int
    postcode: str
    date_of_birth: date
    hours_wanted: str
    availability: list[str]
    travel_mode: str
    max_travel_miles: int
    right_to_work: str
    driving_licence: bool
    has_car: bool
    paid_care_experience: str
    roles_of_interest: list[str]
    settings_of_interest: list[str]


FACT_NAMES = tuple(name for name in CandidateFacts.__dataclass_fields__)


def candidate_facts(
    candidates: QuerySet[Candidate] | Sequence[Candidate],
) -> list[CandidateFacts]:
    if isinstance(candidates, QuerySet):
        return [CandidateFacts(*row) for row in candidates.values_list(*FACT_NAMES)]
    return [
        CandidateFacts(*(getattr(candidate, name) for name in FACT_NAMES))
        for candidate in candidates
    ]


# Ids per query, under SQLite's limit on a statement's parameters.
ID_BATCH = 900


def _qualifications_of(links: Any, owner: str, ids: Sequence[int]) -> dict[int, list[int]]:
    """Qualification ids per row (``owner`` is the through table's column for the row), in one
    query per batch rather than one per row."""
    held: dict[int, list[int]] = {pk: [] for pk in ids}
    for start in range(0, len(ids), ID_BATCH):
        pairs = links.objects.filter(**{f"{owner}__in": ids[start : start + ID_BATCH]})
        for row_id, qualification_id in pairs.values_list(owner, "qualification_id"):
            held[row_id].append(qualification_id)
    return held


@dataclass(frozen=True)
class VacancyFacts:
    """What matching reads of a vacancy: read as plain values, so a list of every live
    vacancy costs no model objects; only the best few are loaded whole, to show."""

    pk: int
    latitude: float | None
    longitude: float | None
    minimum_age: int
    needs_driving_licence: bool
    needs_car: bool
    shifts: int
    hours_per_week: Decimal
    job_role_id: int
    setting: str

    @classmethod
    def of(cls, vacancy: Vacancy) -> VacancyFacts:
        return cls(
            vacancy.pk,
            vacancy.site.latitude,
            vacancy.site.longitude,
            vacancy.minimum_age,
            vacancy.needs_driving_licence,
            vacancy.needs_car,
            vacancy.shifts,
            vacancy.hours_per_week,
            vacancy.job_role_id,
            vacancy.setting,
        )


FACT_FIELDS = (
    "pk", "site__latitude", "site__longitude", "minimum_age", "needs_driving_licence",
    "needs_car", "shifts", "hours_per_week", "job_role_id", "setting",
)  # fmt: skip


def vacancy_facts(vacancies: QuerySet[Vacancy] | Sequence[Vacancy]) -> list[VacancyFacts]:
    if isinstance(vacancies, QuerySet):
        return [VacancyFacts(*row) for row in vacancies.values_list(*FACT_FIELDS)]
    return [VacancyFacts.of(vacancy) for vacancy in vacancies]


def candidate_columns(
    candidates: Sequence[Candidate] | Sequence[CandidateFacts],
    *,
    codes: Codes,
    projection: Projection,
    on_date: date,
) -> engine.Candidates:
    """The register's candidates (rows or their facts) as engine columns."""
    places = postcodes.coordinates(
        [candidate.postcode for candidate in candidates],
        unknown="nan",
    ).reshape(-1, 2)
    x, y = projection.kilometres(places[:, 0], places[:, 1])
    rows: list[Candidate | CandidateFacts] = list(candidates)
    held = _qualifications_of(
        apps.get_model("recruitment", "Candidate").qualifications.through,
        "candidate_id",
        [row.pk for row in rows],
    )
    hours = [HOURS_WANTED.get(row.hours_wanted, (0.0, 48.0)) for row in rows]
    return engine.Candidates(
        x_km=x,
        y_km=y,
        max_travel_km=np.array(
            [row.max_travel_miles * KM_PER_MILE for row in rows],
            dtype=np.float64,
        ),
        travel_mode=np.array(
            [TRAVEL_MODE.get(row.travel_mode, 2) for row in rows],
            dtype=np.int64,
        ),
        right_to_work=np.array(
            [row.right_to_work in HAS_RIGHT_TO_WORK for row in rows],
            dtype=bool,
        ),
        # Checks are the employer's to make (see the module docstring), so no level is needed.
        check_level=np.zeros(len(rows), dtype=np.int64),
        age=np.array(
            [_age(row.date_of_birth, on_date) for row in rows],
            dtype=np.int64,
        ),
        driving_licence=np.array([row.driving_licence for row in rows], dtype=bool),
        car=np.array([row.has_car for row in rows], dtype=bool),
        skills=np.array(
            [
                _bitset(
                    [
                        codes.qualification_bit[pk]
                        for pk in held[row.pk]
                        if pk in codes.qualification_bit
                    ],
                    codes.words,
                )
                for row in rows
            ],
            dtype=np.uint64,
        ).reshape(len(rows), codes.words),
        availability=np.array(
            [week.mask_of(slot.replace(":", "-") for slot in row.availability) for row in rows],
            dtype=np.uint64,
        ),
        hours_min=np.array([low for low, _ in hours], dtype=np.float64),
        hours_max=np.array([high for _, high in hours], dtype=np.float64),
        experience_years=np.array(
            [EXPERIENCE_YEARS.get(row.paid_care_experience, 0.0) for row in rows],
            dtype=np.float64,
        ),
        interest_roles=np.array(
            [
                _mask(
                    [
                        codes.role_of_key[key]
                        for interest in row.roles_of_interest
                        for key in ROLES_OF_INTEREST.get(interest, ())
                        if key in codes.role_of_key
                    ]
                )
                for row in rows
            ],
            dtype=np.uint64,
        ),
        interest_settings=np.array(
            [
                _mask([SETTING_CODE[s] for s in row.settings_of_interest if s in SETTING_CODE])
                for row in rows
            ],
            dtype=np.uint64,
        ),
        languages=np.zeros(len(rows), dtype=np.uint64),
    )


def vacancy_columns(
    facts: Sequence[VacancyFacts], *, codes: Codes, projection: Projection
) -> engine.Vacancies:
    """Vacancies as engine columns."""
    rows = list(facts)
    held = _qualifications_of(
        Vacancy.qualifications.through, "vacancy_id", [row.pk for row in rows]
    )
    latitudes = np.array([_or_nan(row.latitude) for row in rows], dtype=np.float64)
    longitudes = np.array([_or_nan(row.longitude) for row in rows], dtype=np.float64)
    x, y = projection.kilometres(latitudes, longitudes)
    required = [
        _bitset(
            [codes.qualification_bit[pk] for pk in held[row.pk] if pk in codes.qualification_bit],
            codes.words,
        )
        for row in rows
    ]
    return engine.Vacancies(
        x_km=x,
        y_km=y,
        check_level=np.zeros(len(rows), dtype=np.int64),
        min_age=np.array([row.minimum_age for row in rows], dtype=np.int64),
        needs_driving=np.array([row.needs_car for row in rows], dtype=bool),
        required_skills=np.array(required, dtype=np.uint64).reshape(len(rows), codes.words),
        desired_skills=np.zeros((len(rows), codes.words), dtype=np.uint64),
        shifts=np.array([row.shifts for row in rows], dtype=np.uint64),
        hours=np.array([float(row.hours_per_week) for row in rows], dtype=np.float64),
        experience_years=np.zeros(len(rows), dtype=np.float64),
        role=np.array([codes.role_code.get(row.job_role_id, 0) for row in rows], dtype=np.int64),
        setting=np.array([SETTING_CODE[row.setting] for row in rows], dtype=np.int64),
        languages=np.zeros(len(rows), dtype=np.uint64),
    )


def _or_nan(value: float | None) -> float:
    return math.nan if value is None else value


@dataclass(frozen=True)
class Match:
    """One candidate and one vacancy, the score (0 to 100) and why, in plain words."""

    candidate: Candidate
    vacancy: Vacancy
    score: float
    reasons: tuple[str, ...]


# The score's parts worth a sentence on a page, in the order people read them.
SHOWN_PARTS = ("distance", "shifts", "hours", "skills", "interests")


def _reasons(
    people: engine.Candidates,
    jobs: engine.Vacancies,
    c: int,
    v: int,
    *,
    vacancy: VacancyFacts,
    codes: Codes,
) -> tuple[str, ...]:
    why = engine.explain(
        people, jobs, c, v, skill_names=codes.qualification_names, translate=gettext
    )
    by_name = {part.name: part.sentence for part in why.parts}
    sentences = [by_name[name] for name in SHOWN_PARTS]
    if vacancy.needs_car:
        sentences.append(gettext(DRIVING_HELD))
    elif vacancy.needs_driving_licence:
        sentences.append(gettext(LICENCE_HELD))
    return tuple(sentences)


def _licence_ok(candidate: Candidate | CandidateFacts, vacancy: VacancyFacts) -> bool:
    return not vacancy.needs_driving_licence or bool(candidate.driving_licence)


def _shown(vacancies: QuerySet[Vacancy] | Sequence[Vacancy], ids: list[int]) -> dict[int, Vacancy]:
    """The vacancies to show, whole, with what their pages print."""
    if isinstance(vacancies, QuerySet):
        return Vacancy.objects.select_related("organisation", "site", "job_role").in_bulk(ids)
    wanted = set(ids)
    return {vacancy.pk: vacancy for vacancy in vacancies if vacancy.pk in wanted}


def best_vacancies_for(
    candidate: Candidate,
    vacancies: QuerySet[Vacancy] | Sequence[Vacancy],
    *,
    on_date: date,
    k: int = 10,
) -> list[Match]:
    """A candidate's ``k`` best vacancies they are eligible for, best first, with reasons."""
    facts = vacancy_facts(vacancies)
    if not facts:
        return []
    codes = Codes.load()
    projection = _projection(facts, [candidate])
    people = candidate_columns([candidate], codes=codes, projection=projection, on_date=on_date)
    jobs = vacancy_columns(facts, codes=codes, projection=projection)
    # Every eligible vacancy in order: the adapter's own licence rule may set some aside.
    found, scores = engine.top_vacancies_for(people, jobs, 0, k=len(facts), backend="numpy")
    chosen = []
    for v, score in zip(found.tolist(), scores.tolist(), strict=True):
        if _licence_ok(candidate, facts[v]):
            chosen.append((v, score))
        if len(chosen) == k:
            break
    shown = _shown(vacancies, [facts[v].pk for v, _ in chosen])
    return [
        Match(
            candidate,
            shown[facts[v].pk],
            score,
            _reasons(people, jobs, 0, v, vacancy=facts[v], codes=codes),
        )
        for v, score in chosen
    ]


def shortlist_for(
    vacancy: Vacancy,
    candidates: QuerySet[Candidate] | Sequence[Candidate],
    *,
    on_date: date,
    k: int = 20,
) -> list[Match]:
    """The ``k`` best eligible candidates for one vacancy, from those given, with reasons.

    Pass only the candidates the asker may see: this function neither widens nor narrows
    that scope, and nobody else is scored or counted."""
    rows = candidate_facts(candidates)
    if not rows:
        return []
    facts = VacancyFacts.of(vacancy)
    codes = Codes.load()
    projection = _projection([facts], rows)
    people = candidate_columns(rows, codes=codes, projection=projection, on_date=on_date)
    jobs = vacancy_columns([facts], codes=codes, projection=projection)
    found, scores = engine.top_candidates_for(people, jobs, 0, k=len(rows))
    chosen = []
    for c, score in zip(found.tolist(), scores.tolist(), strict=True):
        if _licence_ok(rows[c], facts):
            chosen.append((c, score))
        if len(chosen) == k:
            break
    if isinstance(candidates, QuerySet):
        shown = candidates.in_bulk([rows[c].pk for c, _ in chosen])
    else:
        shown = {candidate.pk: candidate for candidate in candidates}
    return [
        Match(
            shown[rows[c].pk],
            vacancy,
            score,
            _reasons(people, jobs, c, 0, vacancy=facts, codes=codes),
        )
        for c, score in chosen
    ]


def _projection(
    facts: Sequence[VacancyFacts], candidates: Sequence[Candidate] | Sequence[CandidateFacts]
) -> Projection:
    places = postcodes.coordinates(
        [candidate.postcode for candidate in candidates],
        unknown="nan",
    ).reshape(-1, 2)
    sites = np.array([_or_nan(row.latitude) for row in facts], dtype=np.float64)
    return projection_for(places[:, 0], sites)


def best_vacancies_for_all(
    candidates: Sequence[Candidate],
    vacancies: QuerySet[Vacancy] | Sequence[Vacancy],
    *,
    on_date: date,
    k: int = 10,
) -> dict[int, list[tuple[Vacancy, float]]]:
    """Every candidate's ``k`` best vacancies at once (by candidate id), best first, as the
    engine's batch job finds them; the same lists ``best_vacancies_for`` gives one at a time,
    without the reasons. Candidates and sites with no map location match nothing."""
    people_rows = [row for row in candidates if _located(row.postcode)]
    facts = [row for row in vacancy_facts(vacancies) if row.latitude is not None]
    ranked: dict[int, list[tuple[int, float]]] = {row.pk: [] for row in candidates}
    if people_rows and facts:
        codes = Codes.load()
        projection = _projection(facts, people_rows)
        people = candidate_columns(people_rows, codes=codes, projection=projection, on_date=on_date)
        jobs = vacancy_columns(facts, codes=codes, projection=projection)
        # The adapter's own licence rule may set aside at most this many of a candidate's list.
        licence_only = sum(1 for row in facts if row.needs_driving_licence and not row.needs_car)
        top = engine.top_vacancies_for_all(people, jobs, k=k + licence_only)
        for c, candidate in enumerate(people_rows):
            best = ranked[candidate.pk]
            for v, score in zip(top.indices[c].tolist(), top.scores[c].tolist(), strict=True):
                if v < 0 or len(best) == k:
                    break
                if _licence_ok(candidate, facts[v]):
                    best.append((facts[v].pk, float(score)))
    shown = _shown(vacancies, sorted({pk for best in ranked.values() for pk, _ in best}))
    return {
        candidate_id: [(shown[pk], score) for pk, score in best]
        for candidate_id, best in ranked.items()
    }


def _located(postcode: str) -> bool:
    try:
        return postcodes.lookup(postcode).latitude is not None
    except postcodes.PostcodeError:
        return False
