"""Reads of the candidate register, scoped by who is asking.

``candidates_visible_to`` is the one way to list or open candidates: recruitment advisers see
everyone; an employer user sees a candidate only while that candidate's current consent names
the employer; everyone else (analysts, board members, administrators) sees no one, and reads
anonymous counts instead. Withdrawing consent therefore takes effect at the next query.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from oneworkforce.engines.disclosure import ProtectedTable, protect_counts
from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import Organisation, OrganisationKind, Role
from oneworkforce.recruitment import personal_data
from oneworkforce.recruitment.models import (
    AgeBand,
    Barrier,
    Benefit,
    Candidate,
    CareSetting,
    Consent,
    Day,
    DuplicateStatus,
    EmploymentStatus,
    ErasedCandidateCount,
    ErasureRequest,
    HeardFrom,
    Language,
    LikelyDuplicate,
    RegistrationChannel,
    RoleInterest,
    SharingScope,
    Shift,
    age_band,
    age_on,
)

# The board's target group: people aged 50 and over (``models.MATURE_AGE``).
MATURE_BANDS = (AgeBand.FROM_50, AgeBand.FROM_65)


def _current_consent_naming(organisation_ids: frozenset[int]) -> Exists:
    return Exists(
        Consent.objects.filter(
            candidate=OuterRef("pk"),
            withdrawn_at__isnull=True,
            organisations__in=organisation_ids,
        ).exclude(sharing=SharingScope.ADVISER_ONLY)
    )


def candidates_visible_to(*, actor: Actor) -> QuerySet[Candidate]:
    if actor.has_role(Role.RECRUITMENT_ADVISER):
        return Candidate.objects.all()
    employers = actor.organisation_ids(Role.EMPLOYER_USER)
    if employers:
        return Candidate.objects.filter(_current_consent_naming(employers))
    return Candidate.objects.none()


def candidate_with_email(email: str) -> Candidate | None:
    """The candidate registered with this address (any case), for sign-in and duplicate checks."""
    email = email.strip()
    if not email:
        return None
    return Candidate.objects.filter(email__iexact=email).first()


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def likely_duplicates_of(*, full_name: str, date_of_birth: date, postcode: str) -> list[Candidate]:
    """Records with the same name (ignoring case and spacing), date of birth and postcode."""
    same_day_and_place = Candidate.objects.filter(
        date_of_birth=date_of_birth, postcode=postcode
    ).order_by("pk")
    return [c for c in same_day_and_place if _name_key(c.full_name) == _name_key(full_name)]


def partner_employers() -> QuerySet[Organisation]:
    """Organisations a candidate may share a profile with: every active partner but the
    partnership's own central team (whose advisers see every candidate anyway)."""
    return (
        Organisation.objects.filter(is_active=True)
        .exclude(kind=OrganisationKind.PARTNERSHIP)
        .order_by("name")
    )


def current_consent(candidate: Candidate) -> Consent | None:
    return (
        Consent.objects.filter(candidate=candidate, withdrawn_at__isnull=True)
        .prefetch_related("organisations")
        .first()
    )


def consent_history(candidate: Candidate) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(candidate=candidate)
        .prefetch_related("organisations")
        .order_by("-given_at", "-pk")
    )


def open_duplicates(*, actor: Actor) -> QuerySet[LikelyDuplicate]:
    if not actor.has_role(Role.RECRUITMENT_ADVISER):
        return LikelyDuplicate.objects.none()
    return (
        LikelyDuplicate.objects.filter(status=DuplicateStatus.OPEN)
        .select_related("candidate", "existing")
        .order_by("found_at", "pk")
    )


def open_erasure_requests(*, actor: Actor) -> QuerySet[ErasureRequest]:
    if not actor.has_role(Role.RECRUITMENT_ADVISER):
        return ErasureRequest.objects.none()
    return (
        ErasureRequest.objects.filter(confirmed_at__isnull=True, candidate__isnull=False)
        .select_related("candidate")
        .order_by("requested_at", "pk")
    )


def open_erasure_request(candidate: Candidate) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(candidate=candidate, confirmed_at__isnull=True).first()


@dataclass(frozen=True)
class HeldRecord:
    """One row of one registered model: its fields as stored, and as a person reads them."""

    values: dict[str, Any]
    readable: list[tuple[str, str]]


@dataclass(frozen=True)
class HeldSection:
    key: str
    label: str
    records: list[HeldRecord]


# What the download page calls each stored field, in the reader's language. A field missing
# here (a model registered later) is shown under its model's own verbose name.
FIELD_NAMES: dict[str, Any] = {
    "id": _("Record number"),
    "created_at": _("Created"),
    "updated_at": _("Last changed"),
    "reference": _("Reference"),
    "full_name": _("Full name"),
    "email": _("E-mail address"),
    "phone": _("Phone number"),
    "address": _("Address"),
    "postcode": _("Postcode"),
    "date_of_birth": _("Date of birth"),
    "contact_method": _("Contact by"),
    "language": _("Language for messages"),
    "interpreter_needed": _("Needs an interpreter"),
    "support_worker_name": _("Support worker"),
    "support_worker_contact": _("Support worker's phone or e-mail"),
    "registration_channel": _("How you registered"),
    "registered_by_id": _("Registered by (staff record number)"),
    "settings_of_interest": _("Where you would like to work"),
    "roles_of_interest": _("Jobs that interest you"),
    "hours_wanted": _("Hours"),
    "availability": _("When you could work"),
    "travel_mode": _("How you would get to work"),
    "max_travel_miles": _("Furthest you could travel, in miles"),
    "languages": _("Languages"),
    "driving_licence": _("Driving licence"),
    "has_car": _("Car"),
    "right_to_work": _("Right to work in the UK"),
    "dbs_status": _("DBS check"),
    "dbs_level": _("DBS check level"),
    "qualifications": _("Qualifications"),
    "paid_care_experience": _("Paid care work"),
    "unpaid_care_experience": _("Volunteered in care"),
    "cares_for_family": _("Cares for a family member or friend"),
    "experience_notes": _("Other experience"),
    "barriers": _("Help wanted"),
    "support_notes": _("Support notes"),
    "employment_status": _("Situation when registering"),
    "benefits": _("Benefits"),
    "heard_from": _("Heard about us from"),
    "candidate_id": _("Your record number"),
    "existing_id": _("The other record's number"),
    "sex": _("Sex"),
    "ethnicity": _("Ethnic group"),
    "disability": _("Disability or long-term health condition"),
    "religion": _("Religion"),
    "sexual_orientation": _("Sexual orientation"),
    "given_at": _("Given"),
    "withdrawn_at": _("Withdrawn"),
    "sharing": _("Who may see your profile"),
    "organisations": _("Employers it names"),
    "contact_about_training": _("Contact about training"),
    "anonymised_statistics": _("Counted in anonymous statistics"),
    "recorded_by_id": _("Recorded by (staff record number)"),
    "channel": _("How it was given"),
    "issued_by_id": _("Given by (staff record number)"),
    "expires_at": _("Expires"),
    "used_at": _("Used"),
    "failed_attempts": _("Wrong tries"),
    "found_at": _("Found"),
    "status": _("Decision"),
    "decided_by_id": _("Decided by (staff record number)"),
    "decided_at": _("Decided"),
    "candidate_reference": _("Reference"),
    "requested_at": _("Asked"),
    "confirmed_by_id": _("Confirmed by (staff record number)"),
    "confirmed_at": _("Confirmed"),
}
_LIST_CHOICES = {
    "settings_of_interest": CareSetting,
    "roles_of_interest": RoleInterest,
    "barriers": Barrier,
    "benefits": Benefit,
}
_DAYS = dict(Day.choices)
_SHIFTS = dict(Shift.choices)


def _field_name(field: models.Field[Any, Any]) -> str:
    return str(FIELD_NAMES.get(field.attname, FIELD_NAMES.get(field.name, field.verbose_name)))


def _display(row: models.Model, field: models.Field[Any, Any]) -> str:
    value = getattr(row, field.attname)
    if field.choices and value not in (None, ""):
        return str(getattr(row, f"get_{field.name}_display")())
    if field.name == "availability" and isinstance(value, list):
        cells = (slot.split(":") for slot in value if ":" in slot)
        return "; ".join(
            f"{_DAYS.get(day, day)} {_SHIFTS.get(shift, shift)}" for day, shift in cells
        )
    if isinstance(value, list):
        labels = dict(_LIST_CHOICES[field.name].choices) if field.name in _LIST_CHOICES else {}
        return ", ".join(str(labels.get(item, item)) for item in value)
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return "" if value is None else str(value)


def data_held_about(candidate: Candidate) -> list[HeldSection]:
    """Everything the registry lists for this person: what the download and the page show."""
    sections = []
    for entry in personal_data.registered():
        records = []
        for row in entry.rows_for(candidate):
            values: dict[str, Any] = {}
            readable: list[tuple[str, str]] = []
            for field in row._meta.concrete_fields:
                if field.name in entry.hidden_fields:
                    continue
                values[field.attname] = getattr(row, field.attname)
                readable.append((_field_name(field), _display(row, field)))
            for field in row._meta.many_to_many:
                related = [str(item) for item in getattr(row, field.name).all()]
                values[field.name] = related
                readable.append((_field_name(field), ", ".join(related)))
            records.append(HeldRecord(values=values, readable=readable))
        sections.append(
            HeldSection(key=entry.model._meta.label_lower, label=str(entry.label), records=records)
        )
    return sections


def data_held_as_json(candidate: Candidate) -> str:
    """The machine-readable download: one list of records per registered model."""
    document = {
        "reference": candidate.reference,
        "sections": {
            section.key: {
                "label": section.label,
                "records": [record.values for record in section.records],
            }
            for section in data_held_about(candidate)
        },
    }
    return json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@dataclass(frozen=True)
class RegistrationCounts:
    """Anonymous counts only: registered now, by channel, and people erased since."""

    current_by_channel: dict[str, int]
    erased_by_channel: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.current_by_channel.values()) + sum(self.erased_by_channel.values())


def registration_counts() -> RegistrationCounts:
    current = dict(
        Candidate.objects.values_list("registration_channel")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("registration_channel", "n")
    )
    erased = dict(
        ErasedCandidateCount.objects.values("registration_channel")
        .annotate(n=Sum("count"))
        .order_by()
        .values_list("registration_channel", "n")
    )
    return RegistrationCounts(current_by_channel=current, erased_by_channel=erased)


STATISTICS_READERS = (
    Role.RECRUITMENT_ADVISER,
    Role.ANALYST,
    Role.BOARD_MEMBER,
    Role.PARTNERSHIP_ADMIN,
)


@dataclass(frozen=True)
class StatisticsTable:
    title: str
    heading: str
    table: ProtectedTable


def _protected(
    title: str, heading: str, counts: dict[str, int], order: list[str]
) -> StatisticsTable:
    table = protect_counts(
        [(label, counts.get(label, 0)) for label in order],
        dimensions=["group"],
        count="people",
        categories={"group": order},
    )
    return StatisticsTable(title=title, heading=heading, table=table)


def register_statistics(*, actor: Actor, on: date) -> list[StatisticsTable]:
    """Anonymous counts for funders and the board, every one through disclosure control:
    the people whose current consent lets them be counted, and those deleted at their
    request (a count kept at erasure). Nobody is listed."""
    if not actor.has_role(*STATISTICS_READERS):
        return []
    counted = Candidate.objects.filter(
        consents__withdrawn_at__isnull=True, consents__anonymised_statistics=True
    )
    rows = list(
        counted.values_list(
            "registration_channel", "date_of_birth", "heard_from", "employment_status", "language"
        )
    )

    def tally(position: int, labels: dict[str, Any]) -> dict[str, int]:
        found = Counter(str(labels.get(row[position], row[position])) for row in rows)
        return dict(found)

    bands: Counter[str] = Counter()
    for row in rows:
        band = age_band(age_on(row[1], on))
        label = str(band.label) + (gettext(" (mature applicants)") if band in MATURE_BANDS else "")
        bands[label] += 1
    band_order = [
        str(band.label) + (gettext(" (mature applicants)") if band in MATURE_BANDS else "")
        for band in AgeBand
    ]
    erased = dict(
        ErasedCandidateCount.objects.values("registration_channel")
        .annotate(n=Sum("count"))
        .order_by()
        .values_list("registration_channel", "n")
    )
    channels = dict(RegistrationChannel.choices)
    return [
        _protected(
            gettext("How people registered"),
            gettext("Registered"),
            tally(0, channels),
            [str(label) for label in channels.values()],
        ),
        _protected(
            gettext("Age when counted"),
            gettext("Age band"),
            dict(bands),
            band_order,
        ),
        _protected(
            gettext("How they heard about us"),
            gettext("Heard from"),
            tally(2, dict(HeardFrom.choices)),
            [str(label) for label in HeardFrom.labels],
        ),
        _protected(
            gettext("Situation when they registered"),
            gettext("Situation"),
            tally(3, dict(EmploymentStatus.choices)),
            [str(label) for label in EmploymentStatus.labels],
        ),
        _protected(
            gettext("Language for messages"),
            gettext("Language"),
            tally(4, dict(Language.choices)),
            [str(label) for label in Language.labels],
        ),
        _protected(
            gettext("Deleted at their request"),
            gettext("Had registered"),
            {str(channels[key]): int(value) for key, value in erased.items()},
            [str(label) for label in channels.values()],
        ),
    ]
