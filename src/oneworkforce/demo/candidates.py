"""The demo district's candidate register: a few thousand local people looking for health and
care work, made from the district's seed, so the same demo always shows the same people.

About half registered themselves online; the rest were registered in person by a recruitment
adviser, and many of those have no e-mail address and want a text, a call, a letter or their
support worker. Some read and write in Urdu. Consent is spread across "all partner
employers", a few named employers (the demo employer login's care home among them often),
advisers only, and withdrawn; a few namesakes wait for an adviser to merge or keep apart, and
a few people have asked for their data to be deleted. Written in bulk.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

import numpy as np

from oneworkforce.demo.generator import NAMES, SIZES, District
from oneworkforce.partners.models import Organisation, OrganisationKind
from oneworkforce.recruitment.models import (
    AVAILABILITY_SLOTS,
    Barrier,
    Benefit,
    Candidate,
    CareExperience,
    CareSetting,
    Consent,
    ContactMethod,
    DbsLevel,
    DbsStatus,
    DuplicateStatus,
    EmploymentStatus,
    EqualityMonitoring,
    ErasedCandidateCount,
    ErasureRequest,
    Ethnicity,
    HeardFrom,
    HoursWanted,
    Language,
    LikelyDuplicate,
    RegistrationChannel,
    Religion,
    RightToWork,
    RoleInterest,
    Sex,
    SexualOrientation,
    SharingScope,
    TravelMode,
    YesNoPreferNot,
)
from oneworkforce.reference import postcodes
from oneworkforce.reference.models import Qualification

__all__ = ["DemoCandidates", "demo_candidates_clear", "demo_candidates_load"]

T = TypeVar("T")
SEED_OFFSET = 5_000
CANDIDATES = {"small": 2_000, "district": 3_000, "region": 5_000}
# "All partner employers" names every partner: in the region (800 partners) that is a large
# table per consent, so fewer people there choose it.
ALL_PARTNERS_SHARE = {"small": 0.3, "district": 0.3, "region": 0.05}
NAME_GROUPS = {"white_british": 0.5, "south_asian": 0.32, "eastern_european": 0.1, "african": 0.08}
GROUP_ETHNICITY = {
    "white_british": Ethnicity.WHITE_BRITISH,
    "south_asian": Ethnicity.PAKISTANI,
    "eastern_european": Ethnicity.WHITE_OTHER,
    "african": Ethnicity.BLACK,
}
GROUP_LANGUAGES = {
    "white_british": [],
    "south_asian": ["Urdu", "Punjabi"],
    "eastern_european": ["Polish", "Romanian"],
    "african": ["Somali", "Tigrinya"],
}
SETTINGS = list(CareSetting.values)
ROLES = list(RoleInterest.values[:6])
BARRIERS = list(Barrier.values)
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
NAMESAKE_PAIRS = 6
ERASURE_REQUESTS = 3


@dataclass(frozen=True)
class DemoCandidates:
    candidates: list[Candidate]
    by_channel: dict[str, int]
    in_urdu: int
    without_email: int
    by_sharing: dict[str, int]
    withdrawn: int
    namesakes: int
    erasure_requests: int


def demo_candidates_clear() -> None:
    ErasureRequest.objects.all().delete()
    ErasedCandidateCount.objects.all().delete()
    Candidate.objects.all().delete()


def _pick(rng: np.random.Generator, choices: list[T], low: int, high: int) -> list[T]:
    count = int(rng.integers(low, high + 1))
    picked = rng.choice(len(choices), size=min(count, len(choices)), replace=False)
    return [choices[i] for i in sorted(picked)]


def _one(rng: np.random.Generator, weights: dict[str, float]) -> str:
    # A walk along the cumulative weights: thousands of draws, each over a handful of keys,
    # run faster in plain Python than through numpy's weighted choice.
    target = rng.random() * sum(weights.values())
    for key, weight in weights.items():
        target -= weight
        if target < 0:
            return key
    return key


def _availability(rng: np.random.Generator) -> list[str]:
    pattern = rng.random()
    if pattern < 0.3:  # weekday days
        return [f"{day}:early" for day in ("mon", "tue", "wed", "thu", "fri")]
    if pattern < 0.45:  # nights
        return [
            f"{day}:night"
            for day in _pick(rng, ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], 2, 5)
        ]
    return sorted(_pick(rng, list(AVAILABILITY_SLOTS), 1, 12), key=AVAILABILITY_SLOTS.index)


def _reference(rng: np.random.Generator, taken: set[str]) -> str:
    while True:
        reference = "C" + "".join(REFERENCE_ALPHABET[i] for i in rng.integers(0, 31, size=7))
        if reference not in taken:
            taken.add(reference)
            return reference


def _person(
    rng: np.random.Generator,
    number: int,
    *,
    postcode_pool: list[str],
    loaded_at: datetime,
    adviser_ids: list[int],
) -> tuple[Candidate, str]:
    group = _one(rng, NAME_GROUPS)
    sex = "female" if rng.random() < 0.78 else "male"
    first = str(rng.choice(NAMES[group][sex]))
    family = str(rng.choice(NAMES[group]["family"]))
    by_adviser = rng.random() < 0.45
    language = Language.URDU if group == "south_asian" and rng.random() < 0.45 else Language.ENGLISH
    has_email = rng.random() < (0.55 if by_adviser else 0.92)
    if language == Language.URDU:
        has_email = has_email and rng.random() < 0.6
    email = f"{first}.{family}.{number}@example.net".lower() if has_email else ""
    phone = f"07700 900{int(rng.integers(0, 1000)):03d}" if rng.random() < 0.93 else ""
    if email and rng.random() < 0.6:
        contact = ContactMethod.EMAIL
    elif phone:
        contact = ContactMethod.TEXT if rng.random() < 0.6 else ContactMethod.PHONE
    elif rng.random() < 0.5:
        contact = ContactMethod.LETTER
    else:
        contact = ContactMethod.SUPPORT_WORKER
    # Ages 16 to 67, with the board's target group of mature applicants (50+) well represented.
    age_days = (
        int(rng.integers(16 * 366, 67 * 365))
        if rng.random() < 0.72
        else int(rng.integers(50 * 366, 67 * 365))
    )
    registered_at = loaded_at - timedelta(
        days=int(rng.integers(1, 365)), minutes=int(rng.integers(0, 600))
    )
    born = (registered_at - timedelta(days=age_days)).date()
    dbs = _one(
        rng,
        {
            DbsStatus.NONE: 0.55,
            DbsStatus.APPLIED: 0.1,
            DbsStatus.HELD: 0.25,
            DbsStatus.UPDATE_SERVICE: 0.1,
        },
    )
    driving = rng.random() < 0.55
    experience = _one(
        rng,
        {
            CareExperience.NONE: 0.5,
            CareExperience.UNDER_ONE_YEAR: 0.2,
            CareExperience.ONE_TO_THREE: 0.17,
            CareExperience.OVER_THREE: 0.13,
        },
    )
    languages = ["English"] + [name for name in GROUP_LANGUAGES[group] if rng.random() < 0.7]
    candidate = Candidate(
        reference="",
        full_name=f"{first} {family}",
        email=email,
        phone=phone,
        address=f"{int(rng.integers(1, 180))} {family} Road"
        if contact == ContactMethod.LETTER
        else "",
        postcode=str(rng.choice(postcode_pool)),
        date_of_birth=born,
        contact_method=contact,
        language=language,
        interpreter_needed=language == Language.URDU and by_adviser and rng.random() < 0.3,
        support_worker_name="Naz Begum, Keighley Women's Centre"
        if contact == ContactMethod.SUPPORT_WORKER
        else "",
        support_worker_contact="01535 000000" if contact == ContactMethod.SUPPORT_WORKER else "",
        registration_channel=RegistrationChannel.ADVISER
        if by_adviser
        else RegistrationChannel.SELF,
        registered_by_id=int(rng.choice(adviser_ids)) if by_adviser and adviser_ids else None,
        settings_of_interest=_pick(rng, SETTINGS, 1, 3),
        roles_of_interest=_pick(rng, ROLES, 1, 2),
        hours_wanted=_one(
            rng,
            {
                HoursWanted.FULL_TIME: 0.35,
                HoursWanted.PART_TIME: 0.4,
                HoursWanted.EITHER: 0.15,
                HoursWanted.BANK: 0.1,
            },
        ),
        availability=_availability(rng),
        travel_mode=TravelMode.CAR
        if driving and rng.random() < 0.7
        else _one(
            rng,
            {
                TravelMode.PUBLIC_TRANSPORT: 0.7,
                TravelMode.WALK: 0.2,
                TravelMode.BICYCLE: 0.05,
                TravelMode.LIFT: 0.05,
            },
        ),
        max_travel_miles=int(rng.integers(1, 21)),
        languages=languages,
        driving_licence=driving,
        has_car=driving and rng.random() < 0.8,
        right_to_work=_one(
            rng,
            {
                RightToWork.BRITISH_OR_IRISH: 0.8,
                RightToWork.SETTLED: 0.1,
                RightToWork.VISA: 0.06,
                RightToWork.NOT_SURE: 0.04,
            },
        ),
        dbs_status=dbs,
        dbs_level=DbsLevel.ENHANCED_BARRED
        if dbs in (DbsStatus.HELD, DbsStatus.UPDATE_SERVICE)
        else "",
        paid_care_experience=experience,
        unpaid_care_experience=rng.random() < 0.25,
        cares_for_family=rng.random() < 0.3,
        barriers=_pick(rng, BARRIERS, 0, 2),
        support_notes="",
        employment_status=_one(
            rng,
            {
                EmploymentStatus.UNEMPLOYED_SHORT: 0.3,
                EmploymentStatus.UNEMPLOYED_LONG: 0.25,
                EmploymentStatus.EMPLOYED_PART_TIME: 0.2,
                EmploymentStatus.EMPLOYED_FULL_TIME: 0.1,
                EmploymentStatus.EDUCATION: 0.08,
                EmploymentStatus.NOT_LOOKING: 0.07,
            },
        ),
        benefits=_pick(
            rng,
            [
                Benefit.UNIVERSAL_CREDIT,
                Benefit.UNIVERSAL_CREDIT,
                Benefit.PIP,
                Benefit.CARERS_ALLOWANCE,
            ],
            0,
            1,
        ),
        heard_from=_one(
            rng,
            {
                HeardFrom.JOBCENTRE: 0.3,
                HeardFrom.COMMUNITY_GROUP: 0.2,
                HeardFrom.SOCIAL_MEDIA: 0.15,
                HeardFrom.FRIEND_OR_FAMILY: 0.15,
                HeardFrom.EVENT: 0.08,
                HeardFrom.CAMPAIGN: 0.07,
                HeardFrom.COLLEGE: 0.05,
            },
        ),
        created_at=registered_at,
    )
    if (
        language == Language.URDU
        and Barrier.ENGLISH not in candidate.barriers
        and rng.random() < 0.5
    ):
        candidate.barriers = [*candidate.barriers, Barrier.ENGLISH]
    return candidate, group


def demo_candidates_load(
    *,
    district: District,
    organisations: dict[str, Organisation],
    adviser_ids: list[int],
    loaded_at: datetime,
) -> DemoCandidates:
    rng = np.random.default_rng(district.seed + SEED_OFFSET)
    postcode_pool = [
        code
        for authority in SIZES[district.size].authorities
        for code in postcodes.postcodes_in_authority(authority, located_only=True)[::7]
    ]
    employers = [
        org for key, org in organisations.items() if org.kind != OrganisationKind.PARTNERSHIP
    ]
    # The demo employer login works at the first care home: it sees a good share of people.
    demo_home = next(org for org in employers if org.kind == OrganisationKind.CARE_HOME_PROVIDER)
    qualification_ids = list(
        Qualification.objects.filter(retired_at__isnull=True)
        .order_by("key")
        .values_list("pk", flat=True)
    )
    taken: set[str] = set()
    people: list[tuple[Candidate, str]] = []
    for number in range(CANDIDATES[district.size]):
        candidate, group = _person(
            rng, number, postcode_pool=postcode_pool, loaded_at=loaded_at, adviser_ids=adviser_ids
        )
        candidate.reference = _reference(rng, taken)
        people.append((candidate, group))
    # Namesakes: a second record of an existing person, registered online later.
    namesakes: list[tuple[Candidate, Candidate]] = []
    for original, group in people[:NAMESAKE_PAIRS]:
        twin, _ = _person(
            rng, len(people), postcode_pool=postcode_pool, loaded_at=loaded_at, adviser_ids=[]
        )
        twin.full_name, twin.date_of_birth, twin.postcode = (
            original.full_name,
            original.date_of_birth,
            original.postcode,
        )
        twin.email = f"{twin.email.split('@')[0]}.second@example.net" if twin.email else ""
        twin.created_at = max(original.created_at, loaded_at - timedelta(days=20)) + timedelta(
            days=1
        )
        twin.reference = _reference(rng, taken)
        people.append((twin, group))
        namesakes.append((twin, original))
    candidates = Candidate.objects.bulk_create(
        [candidate for candidate, _ in people], batch_size=2000
    )

    Through = Candidate.qualifications.through
    links = []
    for candidate in candidates:
        if qualification_ids and rng.random() < 0.45:
            for pk in _pick(rng, qualification_ids, 1, 2):
                links.append(Through(candidate_id=candidate.pk, qualification_id=pk))
    Through.objects.bulk_create(links, batch_size=5000)

    all_share = ALL_PARTNERS_SHARE[district.size]
    consents: list[Consent] = []
    named: list[list[int]] = []
    withdrawn = 0
    for candidate in candidates:
        draw = rng.random()
        given_at = candidate.created_at + timedelta(minutes=int(rng.integers(5, 60 * 24 * 10)))
        given_at = min(given_at, loaded_at - timedelta(minutes=1))
        if draw < 0.08:
            continue  # not asked yet: advisers only
        if draw < all_share + 0.08:
            sharing, covered = SharingScope.ALL_PARTNERS, [org.pk for org in employers]
        elif draw < 0.75:
            sharing = SharingScope.NAMED
            covered = sorted(
                {
                    employers[int(i)].pk
                    for i in rng.integers(0, len(employers), size=int(rng.integers(1, 4)))
                }
                | ({demo_home.pk} if rng.random() < 0.5 else set())
            )
        else:
            sharing, covered = SharingScope.ADVISER_ONLY, []
        ends = rng.random() < 0.06
        consents.append(
            Consent(
                candidate=candidate,
                given_at=given_at,
                withdrawn_at=min(given_at + timedelta(days=int(rng.integers(1, 60))), loaded_at)
                if ends
                else None,
                sharing=sharing,
                contact_about_training=rng.random() < 0.7,
                anonymised_statistics=rng.random() < 0.9,
                recorded_by_id=candidate.registered_by_id,
                created_at=given_at,
            )
        )
        named.append(covered)
        withdrawn += int(ends)
    Consent.objects.bulk_create(consents, batch_size=2000)
    OrgThrough = Consent.organisations.through
    OrgThrough.objects.bulk_create(
        [
            OrgThrough(consent_id=consent.pk, organisation_id=pk)
            for consent, covered in zip(consents, named, strict=True)
            for pk in covered
        ],
        batch_size=10_000,
    )

    groups = {candidate.pk: group for (_, group), candidate in zip(people, candidates, strict=True)}
    monitoring = []
    for candidate in candidates:
        if rng.random() >= 0.6:
            continue
        prefer_not = rng.random() < 0.08
        monitoring.append(
            EqualityMonitoring(
                candidate=candidate,
                sex=Sex.PREFER_NOT_TO_SAY
                if prefer_not
                else _one(rng, {Sex.FEMALE: 0.78, Sex.MALE: 0.22}),
                ethnicity=Ethnicity.PREFER_NOT_TO_SAY
                if prefer_not
                else GROUP_ETHNICITY[groups[candidate.pk]],
                disability=_one(
                    rng,
                    {
                        YesNoPreferNot.NO: 0.8,
                        YesNoPreferNot.YES: 0.15,
                        YesNoPreferNot.PREFER_NOT_TO_SAY: 0.05,
                    },
                ),
                religion=Religion.MUSLIM
                if groups[candidate.pk] == "south_asian" and rng.random() < 0.85
                else _one(
                    rng,
                    {
                        Religion.NONE: 0.45,
                        Religion.CHRISTIAN: 0.45,
                        Religion.PREFER_NOT_TO_SAY: 0.1,
                    },
                ),
                sexual_orientation=_one(
                    rng,
                    {
                        SexualOrientation.HETEROSEXUAL: 0.88,
                        SexualOrientation.GAY_OR_LESBIAN: 0.03,
                        SexualOrientation.BISEXUAL: 0.03,
                        SexualOrientation.PREFER_NOT_TO_SAY: 0.06,
                    },
                ),
                created_at=candidate.created_at,
            )
        )
    EqualityMonitoring.objects.bulk_create(monitoring, batch_size=2000)

    by_pk = {candidate.reference: candidate for candidate in candidates}
    LikelyDuplicate.objects.bulk_create(
        [
            LikelyDuplicate(
                candidate=by_pk[twin.reference],
                existing=by_pk[original.reference],
                found_at=by_pk[twin.reference].created_at,
                status=DuplicateStatus.OPEN,
            )
            for twin, original in namesakes
        ]
    )
    asking = candidates[NAMESAKE_PAIRS : NAMESAKE_PAIRS + ERASURE_REQUESTS]
    ErasureRequest.objects.bulk_create(
        [
            ErasureRequest(
                candidate=candidate,
                candidate_reference=candidate.reference,
                requested_at=loaded_at - timedelta(days=1 + i),
                created_at=loaded_at - timedelta(days=1 + i),
            )
            for i, candidate in enumerate(asking)
        ]
    )
    return DemoCandidates(
        candidates=candidates,
        by_channel=dict(Counter(candidate.registration_channel for candidate in candidates)),
        in_urdu=sum(candidate.language == Language.URDU for candidate in candidates),
        without_email=sum(not candidate.email for candidate in candidates),
        by_sharing=dict(
            Counter(consent.sharing for consent in consents if consent.withdrawn_at is None)
        ),
        withdrawn=withdrawn,
        namesakes=len(namesakes),
        erasure_requests=len(asking),
    )
