"""A synthetic health and care district, made deterministically from a seed.

Plain data only (no database): ``generate(size, seed)`` returns the partner organisations,
their sites on real postcodes of the district's local authorities, and a staff roster with a
realistic mix of job roles, ages, contracts and hours. ``loader`` writes it to the database
and the roster to a file. The same size and seed always give the same district.

Shares and mixes are illustrative, chosen to resemble the published pattern of the sector
(Skills for Care's "State of the adult social care sector" and NHS workforce statistics):
social care is mostly female care workers on zero-hours or part-time contracts; health is
mostly permanent staff on Agenda for Change bands.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from oneworkforce.reference import postcodes

NAMES = json.loads((Path(__file__).parent / "data" / "names.json").read_text(encoding="utf-8"))

DUDLEY = "E08000027"
BLACK_COUNTRY = ("E08000027", "E08000028", "E08000030", "E08000031")


@dataclass(frozen=True)
class Size:
    name: str
    authorities: tuple[str, ...]
    organisations: dict[str, int]
    staff: int


SIZES: dict[str, Size] = {
    "small": Size(
        "small",
        (DUDLEY,),
        {
            "council": 1,
            "nhs_trust": 1,
            "icb": 1,
            "gp_practice": 2,
            "college": 1,
            "care_home_provider": 4,
            "home_care_agency": 2,
            "voluntary_group": 1,
            "training_provider": 1,
        },
        500,
    ),
    "district": Size(
        "district",
        (DUDLEY,),
        {
            "council": 1,
            "nhs_trust": 2,
            "icb": 1,
            "gp_practice": 8,
            "college": 2,
            "university": 1,
            "care_home_provider": 26,
            "home_care_agency": 12,
            "voluntary_group": 5,
            "training_provider": 2,
        },
        11_000,
    ),
    "region": Size(
        "region",
        BLACK_COUNTRY,
        {
            "council": 4,
            "nhs_trust": 8,
            "icb": 1,
            "gp_practice": 150,
            "college": 6,
            "university": 2,
            "care_home_provider": 380,
            "home_care_agency": 200,
            "voluntary_group": 60,
            "training_provider": 12,
        },
        150_000,
    ),
}

# Staff each kind of organisation employs, as relative weights within its sector's half.
HEALTH_WEIGHT = {"nhs_trust": 88.0, "gp_practice": 1.2, "icb": 3.0}
SOCIAL_CARE_WEIGHT = {
    "council": 14.0,
    "care_home_provider": 1.9,
    "home_care_agency": 2.1,
    "voluntary_group": 1.0,
}
SITES_PER_KIND = {
    "council": (2, 4),
    "nhs_trust": (3, 6),
    "icb": (1, 1),
    "gp_practice": (1, 2),
    "college": (1, 3),
    "university": (1, 2),
    "care_home_provider": (1, 3),
    "home_care_agency": (1, 1),
    "voluntary_group": (1, 1),
    "training_provider": (1, 1),
}

SOCIAL_CARE_ROLES = {
    "care-worker": 50,
    "senior-care-worker": 11,
    "support-worker": 9,
    "registered-nurse": 3,
    "registered-manager": 2,
    "deputy-manager": 1.5,
    "team-leader": 2.5,
    "first-line-manager": 1.5,
    "social-worker": 3,
    "occupational-therapist": 0.6,
    "nursing-associate": 0.4,
    "activities-worker": 1.5,
    "care-coordinator": 1.5,
    "administrative": 5,
    "ancillary": 7,
    "senior-management": 0.5,
    "middle-management": 1,
}
HEALTH_GROUPS = {
    "nursing-midwifery-registered": 26,
    "additional-clinical-services": 24,
    "administrative-clerical": 23,
    "allied-health-professionals": 7,
    "medical-dental": 9,
    "additional-professional-scientific-technical": 5,
    "estates-ancillary": 4,
    "healthcare-scientists": 2,
}
CONTRACTS = {
    "social_care": {"permanent": 72, "temporary": 6, "pool-or-bank": 9, "agency": 3, "other": 10},
    "health": {"permanent": 88, "temporary": 4, "pool-or-bank": 6, "agency": 1, "other": 1},
}
ANNUAL_TURNOVER = {"social_care": 0.26, "health": 0.11}
FEMALE_SHARE = {"social_care": 0.81, "health": 0.77}
# Ethnic groups of the names drawn, and the ASC-WDS ethnicity code each person records.
NAME_GROUPS = {
    "white_british": 0.64,
    "south_asian": 0.20,
    "eastern_european": 0.08,
    "african": 0.08,
}
ETHNICITY_OF_GROUP = {
    "white_british": ("english-welsh-scottish-northern-irish-or-british", "irish"),
    "south_asian": ("pakistani", "indian", "bangladeshi"),
    "eastern_european": ("any-other-white-background",),
    "african": ("african", "caribbean", "any-other-black-african-or-caribbean-background"),
}
STREETS = ["High Street", "Church Road", "Station Road", "Park Lane", "Mill Street", "Queens Road"]
KIND_LABEL = {
    "council": "{place} Council Adult Social Care",
    "nhs_trust": "{place} {trust} NHS Foundation Trust",
    "icb": "Black Country Integrated Care Board",
    "gp_practice": "{place} {gp}",
    "college": "{place} College",
    "university": "University of the {uni}",
    "care_home_provider": "{place} {home}",
    "home_care_agency": "{place} {agency}",
    "voluntary_group": "{place} {voluntary}",
    "training_provider": "{place} {training}",
}
WORDS = {
    "trust": ["Group", "Community Healthcare", "Integrated Care", "Mental Health"],
    "gp": ["Medical Practice", "Health Centre", "Family Practice", "Surgery"],
    "uni": ["Black Country", "West Midlands"],
    "home": [
        "Lodge Care Home",
        "House Nursing Home",
        "Court Residential Home",
        "Manor Care Home",
        "Grange Nursing Home",
        "View Care Centre",
    ],
    "agency": ["Home Care", "Care at Home", "Homecare Services", "Community Care"],
    "voluntary": ["Carers Centre", "Age Concern", "Community Association", "Mencap"],
    "training": ["Care Academy", "Training Partnership", "Skills Centre"],
}


@dataclass(frozen=True)
class OrganisationSeed:
    key: str
    name: str
    kind: str
    authority_code: str
    cqc_provider_id: str = ""
    ods_code: str = ""
    ascwds_workplace_id: str = ""
    sites: tuple[SiteSeed, ...] = ()


@dataclass(frozen=True)
class SiteSeed:
    key: str
    name: str
    address_line_1: str
    town: str
    postcode: str
    cqc_location_id: str = ""


@dataclass(frozen=True)
class District:
    size: str
    seed: int
    reference_date: date
    organisations: tuple[OrganisationSeed, ...]
    staff: pl.DataFrame = field(repr=False)


def _weighted(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    keys = np.array(list(weights))
    p = np.array(list(weights.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=p / p.sum())]


def _organisations(size: Size, rng: np.random.Generator) -> list[OrganisationSeed]:
    area_postcodes = {code: postcodes.postcodes_in_authority(code) for code in size.authorities}
    organisations: list[OrganisationSeed] = []
    used_names: set[str] = set()
    counter = {"cqc": 100_000_000, "ods": 0, "ascwds": 1_000_000, "site_cqc": 110_000_000}
    for kind, count in size.organisations.items():
        for index in range(count):
            authority = size.authorities[index % len(size.authorities)]
            places = NAMES["places"][authority]
            name = ""
            for attempt in range(100):
                words = {key: str(rng.choice(options)) for key, options in WORDS.items()}
                name = KIND_LABEL[kind].format(place=str(rng.choice(places)), **words)
                if attempt > 20:
                    name = f"{name} {attempt}"
                if name not in used_names:
                    break
            used_names.add(name)
            key = f"{kind}-{index + 1}"
            identifiers: dict[str, str] = {}
            if kind in {"care_home_provider", "home_care_agency", "council", "voluntary_group"}:
                counter["ascwds"] += 1
                identifiers["ascwds_workplace_id"] = f"J{counter['ascwds']}"
            if kind in {"care_home_provider", "home_care_agency", "gp_practice", "nhs_trust"}:
                counter["cqc"] += 7
                identifiers["cqc_provider_id"] = f"1-{counter['cqc']}"
            if kind in {"nhs_trust", "icb", "gp_practice"}:
                counter["ods"] += 1
                prefix = {"nhs_trust": "RX", "icb": "QU", "gp_practice": "M8"}[kind]
                identifiers["ods_code"] = f"{prefix}{counter['ods']:04d}"
            low, high = SITES_PER_KIND[kind]
            site_count = int(rng.integers(low, high + 1))
            sites = []
            for site_index in range(site_count):
                site_authority = size.authorities[(index + site_index) % len(size.authorities)]
                pool = area_postcodes[site_authority]
                postcode = pool[int(rng.integers(len(pool)))]
                cqc_location = ""
                if kind in {"care_home_provider", "home_care_agency"}:
                    counter["site_cqc"] += 3
                    cqc_location = f"1-{counter['site_cqc']}"
                place = str(rng.choice(NAMES["places"][site_authority]))
                site_name = name if site_count == 1 else f"{name}, {place} site {site_index + 1}"
                sites.append(
                    SiteSeed(
                        key=f"{key}-site-{site_index + 1}",
                        name=site_name,
                        address_line_1=f"{int(rng.integers(1, 300))} {rng.choice(STREETS)}",
                        town=place,
                        postcode=postcode,
                        cqc_location_id=cqc_location,
                    )
                )
            organisations.append(
                OrganisationSeed(key, name, kind, authority, sites=tuple(sites), **identifiers)
            )
    return organisations


def _staff(
    organisations: list[OrganisationSeed], size: Size, rng: np.random.Generator, on: date
) -> pl.DataFrame:
    rows_org: list[str] = []
    rows_site: list[str] = []
    rows_sector: list[str] = []
    for sector, weights in (("health", HEALTH_WEIGHT), ("social_care", SOCIAL_CARE_WEIGHT)):
        employers = [org for org in organisations if org.kind in weights]
        w = np.array([weights[org.kind] for org in employers]) * rng.uniform(
            0.6, 1.4, len(employers)
        )
        n = size.staff // 2
        counts = rng.multinomial(n, w / w.sum())
        for org, count in zip(employers, counts, strict=True):
            rows_org.extend([org.key] * int(count))
            site_keys = [site.key for site in org.sites]
            rows_site.extend(np.array(site_keys)[rng.integers(0, len(site_keys), int(count))])
            rows_sector.extend([sector] * int(count))
    n = len(rows_org)
    sector = np.array(rows_sector)
    is_health = sector == "health"
    role = np.where(
        is_health, _weighted(rng, HEALTH_GROUPS, n), _weighted(rng, SOCIAL_CARE_ROLES, n)
    )
    female = rng.random(n) < np.where(
        is_health, FEMALE_SHARE["health"], FEMALE_SHARE["social_care"]
    )
    group = _weighted(rng, NAME_GROUPS, n)
    given = np.empty(n, dtype=object)
    family = np.empty(n, dtype=object)
    ethnicity = np.empty(n, dtype=object)
    for name_group, names in ((g, NAMES[g]) for g in NAME_GROUPS):
        in_group = group == name_group
        for sex_key, mask in (("female", in_group & female), ("male", in_group & ~female)):
            given[mask] = rng.choice(names[sex_key], size=int(mask.sum()))
        family[in_group] = rng.choice(names["family"], size=int(in_group.sum()))
        ethnicity[in_group] = rng.choice(ETHNICITY_OF_GROUP[name_group], size=int(in_group.sum()))
    # Ages: the care workforce is older than the working population; a quarter are 55+.
    today = np.datetime64(on, "D")
    age = np.clip(rng.normal(44, 12.5, n), 17, 74).astype(int)
    birth = today - (age * 365.25 + rng.integers(0, 365, n)).astype("timedelta64[D]")
    contract = np.where(
        is_health,
        _weighted(rng, CONTRACTS["health"], n),
        _weighted(rng, CONTRACTS["social_care"], n),
    )
    zero_hours = (~is_health) & (rng.random(n) < 0.22)
    hours = np.where(zero_hours, 0.0, np.clip(np.round(rng.normal(31, 8, n) * 2) / 2, 7.5, 48.0))
    fte = np.round(np.minimum(hours / 37.5, 1.0), 2)
    tenure_days = np.minimum(rng.exponential(365 * 6, n).astype(int), (age - 16) * 365)
    start = today - tenure_days.astype("timedelta64[D]")
    turnover = np.where(is_health, ANNUAL_TURNOVER["health"], ANNUAL_TURNOVER["social_care"])
    left_on = today - rng.integers(1, 365, n).astype("timedelta64[D]")
    leaves = (rng.random(n) < turnover) & (left_on > start)
    disability = _weighted(rng, {"no": 84, "yes": 8, "dont-know": 8}, n)
    # About 3 in 100 people hold a second post at another partner (bank shifts, a second job).
    person = np.arange(1, n + 1)
    second = np.flatnonzero(rng.random(n) < 0.03)
    holders, extra = second[::2][: len(second) // 2], second[1::2]
    person[extra] = person[holders]
    for column in (given, family, ethnicity, birth, female):
        column[extra] = column[holders]
    return pl.DataFrame(
        {
            "staff_id": [f"S{i:07d}" for i in range(1, n + 1)],
            "person_id": [f"P{p:07d}" for p in person],
            "organisation": rows_org,
            "site": rows_site,
            "sector": sector,
            "job_role": role,
            "given_name": given.astype(str),
            "family_name": family.astype(str),
            "sex": np.where(female, "female", "male"),
            "date_of_birth": birth.astype("datetime64[D]"),
            "ethnicity": ethnicity.astype(str),
            "disability": disability,
            "contract_type": contract,
            "contracted_hours": hours,
            "fte": fte,
            "start_date": start,
            "left_date": pl.Series(np.where(leaves, left_on, np.datetime64("NaT"))).cast(pl.Date),
        }
    )


def generate(size: str, seed: int, *, reference_date: date = date(2026, 3, 31)) -> District:
    """Make the district of ``size`` from ``seed``.

    >>> district = generate("small", seed=7)
    >>> district.organisations[0].kind, len(district.staff) > 400
    ('council', True)
    >>> generate("small", seed=7).staff.equals(district.staff)
    True
    """
    spec = SIZES[size]
    rng = np.random.default_rng(seed)
    organisations = _organisations(spec, rng)
    staff = _staff(organisations, spec, rng, reference_date)
    return District(size, seed, reference_date, tuple(organisations), staff)
