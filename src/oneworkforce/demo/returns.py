"""A year of workforce returns for every employer partner of the demo district.

Each social care partner sends the two ASC-WDS bulk-upload files it would send Skills for Care:
the Workplace file (one establishment per site, with its staff total, and its starters, leavers
and vacancies by job role) and the Staff file (one row per post in post). Each health partner
sends the NHS staff file: its posts in post, and the posts that ended in the 12 months before,
with a leaving date and reason. There is one return per quarter-end in the year to the district's
reference date.

The files are written from the roster straight from the format specifications, as a partner's
own system writes them (the export functions start from loaded returns, which the demo does not
have yet). Then each goes through the product's own path, upload then the background check run
in-process, exactly as a partner's upload does. A demo file that is not accepted is a bug here,
so the load stops with its first errors. The files are also kept under
``var/demo/returns/<size>-seed<seed>/`` for people to open and try.

Details the roster does not hold (NI numbers, qualifications, pay, bands, sickness, vacancies)
are drawn from a random stream of their own, seeded by the district's seed, so the same district
always gives byte-identical files. Person-level details are drawn per person, so someone with
posts at two partners is described the same way by both. A few partners declare a staff total
that disagrees with their staff records, so the dashboard's "rates not computed where records
disagree" has something to show.

Most of a build's time is the product's check and load, about 60 ms a file of a few hundred rows
on the two-core development machine (reading, validating, normalising and loading take 5 to 20 ms
each; ``bench/demo.py`` times the returns apart). Writing the files takes a second or two.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import polars as pl
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from oneworkforce.background.models import Job
from oneworkforce.background.tasks import run_job
from oneworkforce.demo.generator import District
from oneworkforce.intelligence import services as intelligence_services
from oneworkforce.intelligence.models import (
    Person,
    Post,
    ReturnFormat,
    ReturnIssue,
    ReturnStatus,
    TrainingRecord,
    WorkforceReturn,
    Workplace,
)
from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.formats import (
    ASCWDS_STAFF,
    ASCWDS_WORKPLACE,
    NHS_STAFF,
    FileFormat,
)
from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import Organisation
from oneworkforce.reference import postcodes

__all__ = [
    "DEMO_RETURN_REJECTED",
    "DemoReturnRejected",
    "DemoReturns",
    "ReturnFile",
    "demo_returns",
    "demo_returns_clear",
    "demo_returns_load",
    "disagreeing_partners",
    "reporting_dates",
    "returns_directory",
]

DEMO_RETURN_REJECTED = (
    "The demo {format} of {organisation} for {reporting_date:%d %B %Y} was not accepted "
    "({status}): {problems}. The demo's files must always be accepted: this is a bug in "
    "oneworkforce/demo/returns.py."
)

SOCIAL_CARE_KINDS = ("council", "care_home_provider", "home_care_agency", "voluntary_group")
HEALTH_KINDS = ("nhs_trust", "gp_practice", "icb")
# The region build loads only the latest quarter: four quarters of its 150,000 posts would take
# it past the ten minutes a region build must stay under.
QUARTERS_LOADED = {"small": 4, "district": 4, "region": 1}
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))
# Returns reach the partnership about three weeks after the date they describe.
RECEIVED_AFTER = timedelta(days=20)
# Its own stream, so adding returns changes nothing the generator draws.
STREAM = 7_301
DIRECTLY_EMPLOYED = ("permanent", "temporary")

# Vacancies as a share of posts (filled and vacant), drawn per partner: Skills for Care puts
# the sector's rate at about 8 to 10%.
VACANCY_RATE = (0.08, 0.10)

ESTABLISHMENT_TYPE = {
    "council": "1",
    "care_home_provider": "6",
    "home_care_agency": "6",
    "voluntary_group": "7",
}
CQC_REGULATED = {"care_home_provider", "home_care_agency"}
MAIN_SERVICE = {
    "council": "16",  # social work and care management
    "home_care_agency": "8",  # domiciliary care
    "voluntary_group": "13",  # carers' support
}
CARE_HOME_WITH_NURSING, CARE_HOME_WITHOUT_NURSING = "1", "2"

# The Care Workforce Pathway category of the roles that have an obvious one.
PATHWAY = {
    "care-worker": "2",
    "support-worker": "2",
    "senior-care-worker": "3",
    "team-leader": "4",
    "deputy-manager": "6",
    "registered-manager": "7",
}
# Highest social care qualification (SCQUAL): "1;level", "2" none, "999" don't know. Most
# registered managers hold the Level 5 Diploma in Leadership and Management.
QUALIFICATION = {
    "registered-manager": {"1;5": 85, "1;4": 9, "1;3": 6},
    "deputy-manager": {"1;5": 40, "1;4": 15, "1;3": 35, "2": 10},
    "senior-care-worker": {"1;3": 55, "1;2": 20, "1;4": 5, "2": 15, "999": 5},
    "team-leader": {"1;3": 50, "1;2": 15, "1;4": 10, "1;5": 5, "2": 15, "999": 5},
    "first-line-manager": {"1;3": 35, "1;4": 15, "1;5": 15, "2": 30, "999": 5},
    "care-worker": {"1;2": 35, "1;3": 22, "2": 37, "999": 6},
    "support-worker": {"1;2": 33, "1;3": 25, "2": 36, "999": 6},
}
OTHER_QUALIFICATION = {"2": 70, "1;3": 10, "999": 20}
CARE_CERTIFICATE = {"1": 72, "3": 10, "2": 18}
# Recruitment source codes (RECSOURCE) from the ASC-WDS list, weighted roughly as adult social
# care recruits: most from other care employers, then first jobs, internal moves and other.
RECRUITMENT_SOURCE = {
    "2": 28, "1": 4, "5": 8, "17": 2, "7": 6, "8": 12, "10": 9, "12": 6, "18": 10, "15": 15,
}  # fmt: skip
# (pay interval, lowest, highest): annual salary in pounds or hourly rate in pounds, 2025.
PAY = {
    "registered-manager": ("1", 38_000, 48_000),
    "deputy-manager": ("1", 30_000, 36_000),
    "social-worker": ("1", 36_000, 44_000),
    "occupational-therapist": ("1", 34_000, 41_000),
    "registered-nurse": ("1", 37_000, 44_000),
    "senior-management": ("1", 58_000, 82_000),
    "middle-management": ("1", 42_000, 55_000),
    "first-line-manager": ("1", 31_000, 38_000),
    "care-worker": ("3", 12.21, 13.40),
    "support-worker": ("3", 12.25, 13.60),
    "senior-care-worker": ("3", 13.00, 14.90),
    "team-leader": ("3", 13.60, 15.50),
    "nursing-associate": ("3", 14.20, 16.10),
    "activities-worker": ("3", 12.21, 13.10),
    "care-coordinator": ("3", 13.00, 15.00),
    "administrative": ("3", 12.30, 14.60),
    "ancillary": ("3", 12.21, 12.80),
}
# ASC-WDS 2018 reasons for leaving (REASONS), as shares of leavers.
LEAVING_REASON_CODES = {
    "1": 10, "2": 7, "4": 10, "5": 6, "7": 12, "8": 25, "9": 11, "10": 8, "12": 5, "14": 6,
}  # fmt: skip
# Foreign nationals among each ethnicity's workers (the rest are British).
FOREIGN_NATIONAL = {
    "any-other-white-background": 0.7,
    "african": 0.45,
    "any-other-black-african-or-caribbean-background": 0.3,
    "indian": 0.15,
    "pakistani": 0.1,
    "bangladeshi": 0.1,
    "caribbean": 0.05,
}
# Illustrative ESR occupation codes (three characters; the product checks their shape only).
OCCUPATION = {
    "nursing-midwifery-registered": "N0A",
    "additional-clinical-services": "H1A",
    "administrative-clerical": "G1A",
    "allied-health-professionals": "S1A",
    "medical-dental": "M0A",
    "additional-professional-scientific-technical": "S4A",
    "estates-ancillary": "G2A",
    "healthcare-scientists": "S2A",
}
BANDS = {
    "nursing-midwifery-registered": {
        "Band 5": 45, "Band 6": 30, "Band 7": 18, "Band 8a": 6, "Band 8b": 1,
    },
    "additional-clinical-services": {"Band 2": 25, "Band 3": 45, "Band 4": 30},
    "administrative-clerical": {
        "Band 2": 15, "Band 3": 30, "Band 4": 25, "Band 5": 12, "Band 6": 8, "Band 7": 5,
        "Band 8a": 3, "Band 8b": 1, "Band 8c": 0.5, "Band 8d": 0.3, "Band 9": 0.2,
    },
    "allied-health-professionals": {"Band 5": 30, "Band 6": 40, "Band 7": 22, "Band 8a": 8},
    "medical-dental": {"Medical": 1},
    "additional-professional-scientific-technical": {
        "Band 4": 10, "Band 5": 25, "Band 6": 30, "Band 7": 25, "Band 8a": 10,
    },
    "estates-ancillary": {"Band 2": 60, "Band 3": 30, "Band 4": 10},
    "healthcare-scientists": {"Band 5": 20, "Band 6": 35, "Band 7": 30, "Band 8a": 15},
}  # fmt: skip
NHS_CONTRACT = {
    "permanent": "Permanent",
    "temporary": "Fixed Term Temp",
    "pool-or-bank": "Bank",
    "agency": "Locum",
    "other": "Honorary",
}
NHS_LEAVING_REASON = {
    "Voluntary Resignation - Work Life Balance": 24,
    "Voluntary Resignation - Relocation": 16,
    "Voluntary Resignation - Promotion": 14,
    "Voluntary Resignation - Better Reward Package": 6,
    "Voluntary Resignation - Other/Not Known": 22,
    "Dismissal - Capability": 3,
    "Retirement Age": 15,
}
NHS_DESTINATION = {
    "NHS Organisation": 38,
    "Private Health/Social Care": 10,
    "Education/Training": 6,
    "Other": 12,
    "Unknown": 34,
}
NHS_DISABILITY = {"no": "No", "yes": "Yes", "dont-know": "Unknown"}


class DemoReturnRejected(Exception):
    pass


@dataclass(frozen=True)
class ReturnFile:
    """One demo return: a partner's file of one format for one reporting date."""

    organisation: str  # the organisation's key in the district
    file_format: str
    reporting_date: date
    content: bytes = b""
    rows: int = 0

    @property
    def file_name(self) -> str:
        return f"{self.organisation}-{self.file_format}-{self.reporting_date:%Y-%m-%d}.csv"


@dataclass(frozen=True)
class DemoReturns:
    """What the demo loaded: accepted returns and the rows their files held."""

    returns: int
    rows: int
    directory: Path


def reporting_dates(district: District) -> tuple[date, ...]:
    """The quarter-ends whose returns the demo loads, oldest first: the year to the district's
    reference date (only its last quarter for the region).

    >>> from oneworkforce.demo.generator import generate
    >>> [f"{day:%Y-%m-%d}" for day in reporting_dates(generate("small", seed=1))]
    ['2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31']
    """
    reference_date = district.reference_date
    year_before = _year_before(reference_date)
    ends = [
        date(year, month, day)
        for year in (reference_date.year - 1, reference_date.year)
        for month, day in QUARTER_ENDS
    ]
    year = sorted(day for day in ends if year_before < day <= reference_date)
    return tuple(year[-QUARTERS_LOADED[district.size] :])


def disagreeing_partners(district: District) -> tuple[str, ...]:
    """The keys of the few partners whose declared staff total disagrees with their records:
    care homes and home care agencies, two in a small district and three otherwise."""
    candidates = [
        org.key
        for org in district.organisations
        if org.kind in {"care_home_provider", "home_care_agency"}
    ]
    count = 2 if len(candidates) < 10 else 3
    rng = np.random.default_rng([district.seed, STREAM, 1])
    chosen = rng.choice(len(candidates), size=min(count, len(candidates)), replace=False)
    return tuple(sorted(candidates[index] for index in chosen))


def demo_returns(district: District) -> list[ReturnFile]:
    """Every demo return of the district, in the order they are uploaded: by reporting date,
    then partner, the Workplace file before the Staff file. Pure: no database, no files.

    Linear in the roster's size for each reporting date; a few seconds for the region.
    """
    workers = _workers(district)
    sites = _sites(district)
    disagreeing = disagreeing_partners(district)
    dates = reporting_dates(district)
    files: list[ReturnFile] = []
    for position, day in enumerate(dates):
        previous = dates[position - 1] if position else None
        sickness = _sickness(district, day)
        in_day = workers.with_columns(sickness_days=sickness)
        workplaces = _workplace_rows(
            in_day,
            sites,
            seed=district.seed,
            disagreeing=disagreeing,
            day=day,
            previous=previous,
        )
        workplace = _by_organisation(workplaces)
        staff = _by_organisation(_staff_rows(in_day, workplaces, day, previous))
        nhs = _by_organisation(_nhs_rows(in_day, district, day))
        for org in district.organisations:
            if org.kind in SOCIAL_CARE_KINDS:
                parts = (
                    (ReturnFormat.ASCWDS_WORKPLACE, ASCWDS_WORKPLACE, workplace),
                    (ReturnFormat.ASCWDS_STAFF, ASCWDS_STAFF, staff),
                )
            elif org.kind in HEALTH_KINDS:
                parts = ((ReturnFormat.NHS_STAFF, NHS_STAFF, nhs),)
            else:
                continue
            for file_format, spec, frames in parts:
                frame = frames.get(org.key)
                # A partner with nobody to report on that day sends nothing (a Workplace file
                # needs at least one workplace with staff).
                if frame is None or frame.is_empty():
                    continue
                files.append(
                    ReturnFile(
                        organisation=org.key,
                        file_format=str(file_format),
                        reporting_date=day,
                        content=_csv(frame, spec),
                        rows=frame.height,
                    )
                )
    return files


def returns_directory(district: District) -> Path:
    return Path(settings.VAR_DIR) / "demo" / "returns" / f"{district.size}-seed{district.seed}"


@transaction.atomic
def demo_returns_load(
    *,
    district: District,
    organisations: Mapping[str, Organisation],
    uploaded_by: Actor,
    loaded_at: datetime,
) -> DemoReturns:
    """Write the district's returns under ``returns_directory`` and load each one through the
    product's upload and check, as a partner's upload is; raise ``DemoReturnRejected`` if one
    is not accepted.

    ``organisations`` maps the district's organisation keys to their rows. Each return is
    received three weeks after its reporting date (never after ``loaded_at``); a reporting date
    after ``loaded_at`` is skipped, since the product refuses returns about the future.
    """
    files = demo_returns(district)
    directory = _write_files(district, files)
    today = timezone.localdate(loaded_at)
    returns = rows = 0
    for item in files:
        if item.reporting_date > today:
            continue
        received = timezone.make_aware(
            datetime.combine(item.reporting_date + RECEIVED_AFTER, time(9, 0))
        )
        workforce_return, changed = intelligence_services.return_upload(
            actor=uploaded_by,
            organisation=organisations[item.organisation],
            file_format=item.file_format,
            reporting_date=item.reporting_date,
            file_name=item.file_name,
            content=item.content,
            uploaded_at=min(received, loaded_at),
        )
        if changed:
            # The background task itself, run here rather than by a worker: it checks and loads
            # the return with a Progress, and records the job's outcome as a worker would.
            run_job.call(str(workforce_return.job_id))
            workforce_return.refresh_from_db()
        if workforce_return.status != ReturnStatus.ACCEPTED:
            raise DemoReturnRejected(_rejection(workforce_return))
        returns += 1
        rows += workforce_return.row_count
    return DemoReturns(returns=returns, rows=rows, directory=directory)


def demo_returns_clear() -> None:
    """Delete every workforce return, its stored files, what it loaded and its jobs (for the
    demo's --replace, which deletes the partners the returns belong to)."""
    stored = WorkforceReturn.objects.values_list("stored_file", "issues_file")
    names = sorted({name for pair in stored for name in pair if name})
    # Only once the rows are gone for good: a rebuild that fails keeps the old returns whole.
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
    for model in (Post, TrainingRecord, Workplace, Person, ReturnIssue, WorkforceReturn):
        model.objects.all().delete()
    Job.objects.filter(kind=intelligence_services.RETURN_JOB).delete()


def _rejection(workforce_return: WorkforceReturn) -> str:
    issues = ReturnIssue.objects.filter(workforce_return=workforce_return, is_error=True)
    problems = [
        f"line {issue.line}, {issue.column} {issue.value!r}: {issue.message}"
        for issue in issues.order_by("line", "pk")[:5]
    ]
    if workforce_return.failure:
        problems.append(workforce_return.failure)
    job = Job.objects.filter(pk=workforce_return.job_id).first()
    if job is not None and job.error:
        problems.append(job.error)
    return DEMO_RETURN_REJECTED.format(
        format=workforce_return.get_format_display(),
        organisation=workforce_return.organisation.name,
        reporting_date=workforce_return.reporting_date,
        status=workforce_return.get_status_display(),
        problems="; ".join(problems) or "no errors recorded",
    )


def _write_files(district: District, files: list[ReturnFile]) -> Path:
    """Keep the files, one folder per reporting date, replacing any from an earlier build."""
    directory = returns_directory(district)
    if directory.exists():
        shutil.rmtree(directory)
    for item in files:
        path = directory / f"{item.reporting_date:%Y-%m-%d}" / item.file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.content)
    return directory


# Building the files.


def _year_before(day: date) -> date:
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def _pick(
    rng: np.random.Generator, keys: np.ndarray, tables: Mapping[str, Mapping[str, float]]
) -> np.ndarray:
    """For each row, a value drawn from the weights of its key's table; null without one."""
    chosen = np.full(len(keys), None, dtype=object)
    for key, weights in tables.items():
        rows = np.flatnonzero(keys == key)
        values = np.array(list(weights), dtype=object)
        p = np.array(list(weights.values()), dtype=float)
        chosen[rows] = values[rng.choice(len(values), size=len(rows), p=p / p.sum())]
    return chosen


def _draw(rng: np.random.Generator, n: int, weights: Mapping[str, float]) -> np.ndarray:
    """``n`` values drawn from ``weights``."""
    return _pick(rng, np.full(n, "any"), {"any": weights})


def _texts(values: np.ndarray) -> pl.Series:
    """A text column from an array of strings and Nones."""
    return pl.Series(values.tolist(), dtype=pl.String)


def _money(expr: pl.Expr) -> pl.Expr:
    """Pounds with two decimals, like 12.60."""
    pence = (expr * 100).round().cast(pl.Int64)
    return pl.format("{}.{}", pence // 100, (pence % 100).cast(pl.String).str.pad_start(2, "0"))


def _half_units(expr: pl.Expr) -> pl.Expr:
    """Hours or days in halves: 37.5 as 37.5, 31.0 as 31."""
    return (
        pl.when(expr == expr.floor())
        .then(expr.cast(pl.Int64).cast(pl.String))
        .otherwise(expr.round(1).cast(pl.String))
    )


def _dmy(expr: pl.Expr) -> pl.Expr:
    return expr.dt.strftime("%d/%m/%Y")


def _workers(district: District) -> pl.DataFrame:
    """The roster with the details the returns need that it does not hold, drawn once per
    post (or per person) so that every quarter describes a post the same way."""
    rng = np.random.default_rng([district.seed, STREAM])
    staff = district.staff.with_columns(
        person_number=pl.col("person_id").str.slice(1).cast(pl.Int64),
        birth_year=pl.col("date_of_birth").dt.year().cast(pl.Int64),
        start_year=pl.col("start_date").dt.year().cast(pl.Int64),
    )
    n = staff.height
    role = staff.get_column("job_role").to_numpy()
    ethnicity = staff.get_column("ethnicity").to_numpy()
    birth_year = staff.get_column("birth_year").to_numpy()
    start_year = staff.get_column("start_year").to_numpy()

    # Per person, indexed by person number, so both posts of one person agree.
    people = int(staff.get_column("person_number").max() or 0) + 1
    person = staff.get_column("person_number").to_numpy()
    authorities = sorted({org.authority_code for org in district.organisations})
    homes = np.array(
        sorted({code for a in authorities for code in postcodes.postcodes_in_authority(a)})
    )
    home = homes[rng.integers(0, len(homes), people)][person]
    foreign_draw = rng.random(people)[person]
    entry_gap = rng.integers(0, 12, people)[person]
    visa_draw = rng.random(people)[person]
    first_start = (
        staff.group_by("person_number")
        .agg(pl.col("start_year").min())
        .sort("person_number")
        .to_dict(as_series=False)
    )
    first_start_of = np.zeros(people, dtype=np.int64)
    first_start_of[first_start["person_number"]] = first_start["start_year"]
    share = np.array([FOREIGN_NATIONAL.get(str(e), 0.02) for e in ethnicity])
    foreign = foreign_draw < share
    # A second post keeps its own start date but takes its holder's date of birth, so a few
    # start before the holder was born: the year of entry stays after the year of birth.
    first = first_start_of[person]
    entry = np.clip(first - entry_gap, birth_year + 1, np.maximum(first, birth_year + 1))
    visa = foreign & (visa_draw < 0.45) & (start_year >= 2021)

    # Per post.
    qualified_roles = np.where(np.isin(role, list(QUALIFICATION)), role, "other")
    qualification = _pick(rng, qualified_roles, {**QUALIFICATION, "other": OTHER_QUALIFICATION})
    care_roles = np.array([r in PATHWAY or r == "registered-manager" for r in role])
    certificate = np.where(care_roles, _draw(rng, n, CARE_CERTIFICATE), None)
    source = _draw(rng, n, RECRUITMENT_SOURCE)
    sector_gap = np.minimum(rng.geometric(0.25, n) - 1, 30)
    in_sector = np.clip(start_year - sector_gap, birth_year + 16, start_year)
    sector_unknown = (rng.random(n) < 0.05) | (start_year < birth_year + 16)
    apprentice = np.where(
        np.isin(role, ["care-worker", "support-worker"]) & (rng.random(n) < 0.04), "1", "2"
    )
    average_hours = np.round(rng.uniform(8, 30, n) * 2) / 2
    pay_draw = rng.random(n)
    pay_of = [PAY.get(str(r), ("", 0, 0)) for r in role]
    interval = np.array([item[0] for item in pay_of], dtype=object)
    low, high = (np.array([item[i] for item in pay_of], dtype=float) for i in (1, 2))
    pay = low + pay_draw * (high - low)
    amhp = np.where(rng.random(n) < 0.12, "1", "2")
    leaving_code = _draw(rng, n, LEAVING_REASON_CODES)
    vacancy_rate = rng.uniform(*VACANCY_RATE, len(district.organisations))

    band = _pick(rng, role, BANDS)
    nhs_reason = _draw(rng, n, NHS_LEAVING_REASON)
    nhs_destination = _draw(rng, n, NHS_DESTINATION)
    retire_draw = rng.random(n)

    kind_of = {org.key: org.kind for org in district.organisations}
    rate_of = {
        org.key: float(rate) for org, rate in zip(district.organisations, vacancy_rate, strict=True)
    }
    left = pl.col("left_date")
    leaving_age = left.dt.year().cast(pl.Int64) - pl.col("birth_year")
    return staff.with_columns(
        kind=pl.col("organisation").replace_strict(kind_of),
        vacancy_rate=pl.col("organisation").replace_strict(rate_of, return_dtype=pl.Float64),
        # QQ is a prefix HMRC never issues, so no real person's number can appear.
        ni_number=pl.format("QQ{}C", pl.col("person_number").cast(pl.String).str.pad_start(6, "0")),
        home_postcode=pl.Series(home, dtype=pl.String),
        foreign=pl.Series(foreign),
        year_of_entry=pl.Series(entry, dtype=pl.Int64),
        visa=pl.Series(visa),
        qualification=_texts(qualification),
        care_certificate=_texts(certificate),
        recruitment_source=_texts(source),
        year_in_sector=pl.when(pl.Series(sector_unknown))
        .then(pl.lit("999"))
        .otherwise(pl.Series(in_sector).cast(pl.String)),
        apprentice=pl.Series(apprentice, dtype=pl.String),
        average_hours=pl.Series(average_hours),
        pay_interval=_texts(interval).replace("", None),
        pay=pl.Series(pay),
        amhp=pl.Series(amhp, dtype=pl.String),
        leaving_code=_texts(leaving_code),
        band=_texts(band),
        nhs_reason=pl.when(pl.col("contract_type") == "temporary")
        .then(pl.lit("End of Fixed Term Contract"))
        .when((leaving_age >= 60) & pl.Series(retire_draw < 0.7))
        .then(pl.lit("Retirement Age"))
        .otherwise(_texts(nhs_reason)),
        nhs_destination=_texts(nhs_destination),
    ).with_columns(
        nhs_destination=pl.when(pl.col("nhs_reason") == "Retirement Age")
        .then(pl.lit("No Employment"))
        .otherwise(pl.col("nhs_destination")),
    )


def _sickness(district: District, day: date) -> pl.Series:
    """Days off sick in the 12 months to ``day``, in half days: most people take a few, some
    none, a few many (health about 8 a year on average, social care about 5)."""
    rng = np.random.default_rng([district.seed, STREAM, day.toordinal()])
    health = district.staff.get_column("sector").to_numpy() == "health"
    days = rng.gamma(0.6, np.where(health, 13.0, 8.0))
    return pl.Series(np.clip(np.round(days * 2) / 2, 0, 120))


def _in_post(day: date) -> pl.Expr:
    left = pl.col("left_date")
    return (pl.col("start_date") <= day) & (left.is_null() | (left > day))


def _by_organisation(frame: pl.DataFrame) -> dict[str, pl.DataFrame]:
    return {
        str(key[0]): part.drop("organisation")
        for key, part in frame.partition_by("organisation", as_dict=True).items()
    }


def _csv(frame: pl.DataFrame, spec: FileFormat) -> bytes:
    """The file: the format's columns in order, blank where not given, UTF-8 with CRLF line
    ends and quotes only where a cell needs them, as spreadsheets write CSV."""
    cells = frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(pl.String).alias(name)
        for name in spec.names
    )
    return cells.write_csv(quote_style="necessary", line_terminator="\r\n").encode("utf-8")


def _sites(district: District) -> pl.DataFrame:
    """The social care sites as ASC-WDS workplaces: name, address, type, registration and
    main service; care homes have a number of beds."""
    rng = np.random.default_rng([district.seed, STREAM, 2])
    rows = []
    for org in district.organisations:
        if org.kind not in SOCIAL_CARE_KINDS:
            continue
        for site in org.sites:
            regulated = org.kind in CQC_REGULATED
            service = MAIN_SERVICE.get(org.kind, "")
            beds = None
            if org.kind == "care_home_provider":
                nursing = "Nursing" in org.name
                service = CARE_HOME_WITH_NURSING if nursing else CARE_HOME_WITHOUT_NURSING
                beds = int(rng.integers(22, 90))
            rows.append(
                {
                    "organisation": org.key,
                    "site": site.key,
                    "ESTNAME": site.name,
                    "ADDRESS1": site.address_line_1,
                    "POSTTOWN": site.town,
                    "POSTCODE": site.postcode,
                    "ESTTYPE": ESTABLISHMENT_TYPE[org.kind],
                    "PERMCQC": "1",
                    "PERMLA": "1",
                    "REGTYPE": "2" if regulated else "0",
                    "PROVNUM": org.cqc_provider_id if regulated else None,
                    "LOCATIONID": site.cqc_location_id if regulated else None,
                    "MAINSERVICE": service,
                    "ALLSERVICES": service,
                    "beds": beds,
                }
            )
    return pl.DataFrame(rows, schema_overrides={"beds": pl.Int64}, infer_schema_length=None)


def _role_codes() -> dict[str, str]:
    return reference()["ascwds_job_role"].codes_by_key()


def _workplace_rows(
    workers: pl.DataFrame,
    sites: pl.DataFrame,
    *,
    seed: int,
    disagreeing: tuple[str, ...],
    day: date,
    previous: date | None,
) -> pl.DataFrame:
    """One Workplace file row per site with directly employed staff on ``day``."""
    rng = np.random.default_rng([seed, STREAM, day.toordinal(), 3])
    year_before = _year_before(day)
    care = workers.filter(pl.col("kind").is_in(SOCIAL_CARE_KINDS))
    employed = pl.col("contract_type").is_in(DIRECTLY_EMPLOYED)
    started = pl.col("start_date").is_between(year_before, day, closed="right")
    left = pl.col("left_date").is_between(year_before, day, closed="right")
    by_role = (
        care.group_by("organisation", "site", "job_role")
        .agg(
            in_post=_in_post(day).sum(),
            employed=(_in_post(day) & employed).sum(),
            starters=(started & employed).sum(),
            leavers=(left & employed).sum(),
            vacancy_rate=pl.col("vacancy_rate").first(),
        )
        .join(sites.select("site", "REGTYPE"), on="site")
        .with_columns(code=pl.col("job_role").replace_strict(_role_codes()).cast(pl.Int64))
        .sort("site", "code")
    )
    # Vacancies in proportion to each role's directly employed staff. A registered manager's
    # post is only vacant where the service is CQC regulated (ASC-WDS ignores it elsewhere).
    expected = by_role.get_column("employed").to_numpy() * (
        (rate := by_role.get_column("vacancy_rate").to_numpy()) / (1 - rate)
    )
    vacancies = rng.poisson(expected)
    vacancies[
        (by_role.get_column("job_role").to_numpy() == "registered-manager")
        & (by_role.get_column("REGTYPE").to_numpy() != "2")
    ] = 0
    by_role = by_role.with_columns(vacancies=pl.Series(vacancies, dtype=pl.Int64)).filter(
        (pl.col("in_post") + pl.col("starters") + pl.col("leavers") + pl.col("vacancies")) > 0
    )
    counts = by_role.group_by("site", maintain_order=True).agg(
        ALLJOBROLES=pl.col("code").cast(pl.String).str.join(";"),
        STARTERS=pl.col("starters").cast(pl.String).str.join(";"),
        LEAVERS=pl.col("leavers").cast(pl.String).str.join(";"),
        VACANCIES=pl.col("vacancies").cast(pl.String).str.join(";"),
        total=pl.col("employed").sum().cast(pl.Int64),
    )
    reasons = (
        care.filter(left & employed)
        .group_by("site", "leaving_code")
        .len()
        .with_columns(pl.col("leaving_code").cast(pl.Int64))
        .sort("site", "leaving_code")
        .group_by("site", maintain_order=True)
        .agg(
            REASONS=pl.col("leaving_code").cast(pl.String).str.join(";"),
            REASONNOS=pl.col("len").cast(pl.String).str.join(";"),
        )
    )
    rows = (
        sites.join(counts, on="site", how="inner")
        .join(reasons, on="site", how="left")
        .sort("organisation", "total", "site", descending=[False, True, False])
        .with_columns(_declared(disagreeing))
        # ASC-WDS accepts a total of 0 only for a head office, and the demo has none.
        .filter(pl.col("TOTALPERMTEMP") > 0)
    )
    use = rng.uniform(0.82, 0.97, rows.height)
    return rows.with_columns(
        LOCALESTID=pl.col("site"),
        STATUS=pl.lit("NEW" if previous is None else "UPDATE"),
        CAPACITY=pl.col("beds").cast(pl.String),
        UTILISATION=(pl.col("beds") * pl.Series(use)).round().cast(pl.Int64).cast(pl.String),
        TOTALPERMTEMP=pl.col("TOTALPERMTEMP").cast(pl.String),
    ).sort("organisation", "LOCALESTID")


def _declared(disagreeing: tuple[str, ...]) -> pl.Expr:
    """TOTALPERMTEMP: the directly employed staff in post, except at the largest site of each
    disagreeing partner (rows sorted largest first), which declares 3 fewer, or 4 more if it
    has 6 or fewer."""
    largest = pl.col("site") == pl.col("site").first().over("organisation")
    off = pl.when(pl.col("total") > 6).then(pl.lit(-3)).otherwise(pl.lit(4))
    return (
        pl.when(pl.col("organisation").is_in(disagreeing) & largest)
        .then(pl.col("total") + off)
        .otherwise(pl.col("total"))
        .clip(0, 999)
        .alias("TOTALPERMTEMP")
    )


def _staff_rows(
    workers: pl.DataFrame, workplaces: pl.DataFrame, day: date, previous: date | None
) -> pl.DataFrame:
    """One Staff file row per social care post in post on ``day``.

    Every row names a workplace of the partner's Workplace file, as ASC-WDS demands. A site
    with nobody directly employed on the day is not one (ASC-WDS takes a staff total of 0 only
    from a head office), so its bank and agency workers are recorded at the partner's largest
    workplace.
    """
    codes = reference()
    largest = (
        workplaces.sort("total", "LOCALESTID", descending=[True, False])
        .group_by("organisation", maintain_order=True)
        .agg(largest=pl.col("LOCALESTID").first())
    )
    listed = workplaces.get_column("LOCALESTID").to_list()
    posts = (
        workers.filter(pl.col("kind").is_in(SOCIAL_CARE_KINDS) & _in_post(day))
        .join(largest, on="organisation", how="left")
        .with_columns(
            site=pl.when(pl.col("site").is_in(listed) | pl.col("largest").is_null())
            .then(pl.col("site"))
            .otherwise(pl.col("largest"))
        )
    )
    zero_hours = pl.col("contracted_hours") == 0
    contract = pl.col("contract_type").replace_strict(codes["ascwds_contract_type"].codes_by_key())
    contracted = contract.is_in(["1", "2"])
    new = pl.lit(True) if previous is None else pl.col("start_date") > pl.lit(previous)
    role = pl.col("job_role")
    agency = pl.col("contract_type") == "agency"
    salaried = (pl.col("pay_interval") == "1") & ~agency
    hourly = (pl.col("pay_interval") == "3") & ~agency
    return posts.select(
        "organisation",
        LOCALESTID=pl.col("site"),
        UNIQUEWORKERID=pl.col("staff_id"),
        STATUS=pl.when(new).then(pl.lit("NEW")).otherwise(pl.lit("UPDATE")),
        DISPLAYID=pl.col("staff_id"),
        NINUMBER=pl.col("ni_number"),
        POSTCODE=pl.col("home_postcode"),
        DOB=_dmy(pl.col("date_of_birth")),
        GENDER=pl.col("sex").replace_strict(codes["ascwds_gender"].codes_by_key()),
        ETHNICITY=pl.col("ethnicity").replace_strict(codes["ascwds_ethnicity"].codes_by_key()),
        NATIONALITY=pl.when(pl.col("foreign")).then(pl.lit("999")).otherwise(pl.lit("826")),
        BRITISHCITIZENSHIP=pl.when(pl.col("foreign")).then(pl.lit("2")),
        COUNTRYOFBIRTH=pl.when(pl.col("foreign")).then(pl.lit("999")).otherwise(pl.lit("826")),
        YEAROFENTRY=pl.when(pl.col("foreign")).then(pl.col("year_of_entry").cast(pl.String)),
        DISABLED=pl.col("disability").replace_strict(codes["ascwds_disability"].codes_by_key()),
        CARECERT=pl.col("care_certificate"),
        RECSOURCE=pl.col("recruitment_source"),
        HANDCVISA=pl.when(pl.col("visa")).then(pl.lit("1")).otherwise(pl.lit("2")),
        INOUTUK=pl.when(pl.col("visa")).then(pl.lit("2")),
        STARTDATE=_dmy(pl.col("start_date")),
        STARTINSECT=pl.col("year_in_sector"),
        APPRENTICE=pl.col("apprentice"),
        EMPLSTATUS=contract,
        ZEROHRCONT=pl.when(zero_hours).then(pl.lit("1")).otherwise(pl.lit("2")),
        DAYSSICK=_half_units(pl.col("sickness_days")),
        SALARYINT=pl.when(salaried | hourly).then(pl.col("pay_interval")),
        SALARY=pl.when(salaried).then((pl.col("pay") / 100).round().cast(pl.Int64) * 100),
        HOURLYRATE=pl.when(hourly).then(_money(pl.col("pay"))),
        MAINJOBROLE=role.replace_strict(_role_codes()),
        CONTHOURS=pl.when(~zero_hours & contracted).then(_half_units(pl.col("contracted_hours"))),
        AVGHOURS=pl.when(zero_hours)
        .then(_half_units(pl.col("average_hours")))
        .when(~contracted)
        .then(_half_units(pl.col("contracted_hours"))),
        NMCREG=pl.when(role == "registered-nurse").then(pl.lit("1")),
        AMHP=pl.when(role == "social-worker").then(pl.col("amhp")),
        SCQUAL=pl.col("qualification"),
        CWPCATEGORY=role.replace_strict(PATHWAY, default=None),
    ).sort("organisation", "LOCALESTID", "UNIQUEWORKERID")


def _esr_organisation_code(ods_code: str) -> str:
    """The code the NHS staff file accepts for a partner's ODS code.

    The file's ORGANISATION_CODE takes 3 to 5 characters, but the demo's partners have
    6-character codes (as GP practices have, like M87001); such a code loses the zero after
    its two-character prefix.

    >>> _esr_organisation_code("RX0001"), _esr_organisation_code("RNA")
    ('RX001', 'RNA')
    """
    if len(ods_code) <= 5:
        return ods_code
    return ods_code[:2] + ods_code[3:]


def _nhs_rows(workers: pl.DataFrame, district: District, day: date) -> pl.DataFrame:
    """One NHS staff file row per health post in post on ``day``, and per post that ended in
    the 12 months before it."""
    codes = reference()
    code_of = {
        org.key: _esr_organisation_code(org.ods_code)
        for org in district.organisations
        if org.kind in HEALTH_KINDS
    }
    postcode_of = {site.key: site.postcode for org in district.organisations for site in org.sites}
    left = pl.col("left_date")
    ended = left <= day
    health = workers.filter(pl.col("kind").is_in(HEALTH_KINDS))
    # An ESR assignment number is the person's number and the post's place among their posts
    # in the NHS, so it is unique across every partner's file.
    health = health.with_columns(
        assignment=pl.format(
            "{}-{}",
            pl.col("person_number") + 10_000_000,
            pl.col("staff_id").rank("ordinal").over("person_number"),
        )
    )
    rows = health.filter(
        (pl.col("start_date") <= day) & (left.is_null() | (left > _year_before(day)))
    )
    gp = pl.col("kind") == "gp_practice"
    return rows.select(
        "organisation",
        ORGANISATION_CODE=pl.col("organisation").replace_strict(code_of),
        ASSIGNMENT_NUMBER=pl.col("assignment"),
        PERSON_ID=(pl.col("person_number") + 10_000_000).cast(pl.String),
        STAFF_GROUP=pl.col("job_role"),
        OCCUPATION_CODE=pl.col("job_role").replace_strict(OCCUPATION),
        # GP practices do not use Agenda for Change.
        AFC_BAND=pl.when(gp & (pl.col("band") != "Medical"))
        .then(pl.lit("Non-AfC"))
        .otherwise(pl.col("band")),
        FTE=_money(pl.col("fte")),
        CONTRACT_TYPE=pl.col("contract_type").replace_strict(NHS_CONTRACT),
        ASSIGNMENT_START_DATE=_dmy(pl.col("start_date")),
        LEAVING_DATE=pl.when(ended).then(_dmy(left)),
        LEAVING_REASON=pl.when(ended).then(pl.col("nhs_reason")),
        DESTINATION_ON_LEAVING=pl.when(ended).then(pl.col("nhs_destination")),
        DATE_OF_BIRTH=_dmy(pl.col("date_of_birth")),
        GENDER=pl.col("sex").str.to_titlecase(),
        ETHNIC_ORIGIN=pl.col("ethnicity").replace_strict(
            codes["nhs_ethnic_category"].codes_by_key()
        ),
        DISABILITY=pl.col("disability").replace_strict(NHS_DISABILITY),
        SITE_POSTCODE=pl.col("site").replace_strict(postcode_of),
        SICKNESS_DAYS_12M=_half_units(pl.col("sickness_days")),
    ).sort("organisation", "ASSIGNMENT_NUMBER")
