"""Factories for the candidate register, for any app's tests.

``CandidateFactory`` makes a complete, valid profile on a real Bradford postcode.
``consent_for`` records consent the way a service does. ``profile_post`` is the form data
that registers or edits a person through the pages.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date
from typing import Any

import factory
from django.utils import timezone

from oneworkforce.partners.models import Organisation
from oneworkforce.recruitment.models import (
    Candidate,
    CareExperience,
    Consent,
    ContactMethod,
    DbsStatus,
    EmploymentStatus,
    HeardFrom,
    HoursWanted,
    Language,
    RegistrationChannel,
    RightToWork,
    SharingScope,
    TravelMode,
)

# Real postcodes in Bradford (E08000032).
HOME_POSTCODE = "BD1 1HY"
OTHER_POSTCODE = "BD3 9AA"
NOT_A_REAL_POSTCODE = "BD99 9ZZ"

_references = itertools.count(1)


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate
        skip_postgeneration_save = True

    reference = factory.LazyFunction(lambda: f"CT{next(_references):06d}")
    full_name = factory.Sequence(lambda n: f"Test Candidate {n}")
    email = factory.Sequence(lambda n: f"candidate{n}@example.net")
    phone = "07700 900123"
    postcode = HOME_POSTCODE
    date_of_birth = date(1980, 3, 27)
    contact_method = ContactMethod.EMAIL
    language = Language.ENGLISH
    registration_channel = RegistrationChannel.SELF
    settings_of_interest = factory.LazyFunction(lambda: ["home_care", "residential"])
    roles_of_interest = factory.LazyFunction(lambda: ["care_worker"])
    hours_wanted = HoursWanted.PART_TIME
    availability = factory.LazyFunction(lambda: ["mon:early", "tue:early", "sat:late"])
    travel_mode = TravelMode.PUBLIC_TRANSPORT
    max_travel_miles = 5
    languages = factory.LazyFunction(lambda: ["English"])
    right_to_work = RightToWork.BRITISH_OR_IRISH
    dbs_status = DbsStatus.NONE
    paid_care_experience = CareExperience.NONE
    employment_status = EmploymentStatus.UNEMPLOYED_SHORT
    heard_from = HeardFrom.JOBCENTRE


def without_email(**fields: Any) -> Candidate:
    """Someone registered in person who has no e-mail address and wants a text."""
    defaults: dict[str, Any] = {
        "email": "",
        "contact_method": ContactMethod.TEXT,
        "registration_channel": RegistrationChannel.ADVISER,
    }
    return CandidateFactory(**(defaults | fields))


def consent_for(
    candidate: Candidate,
    *,
    sharing: str = SharingScope.NAMED,
    organisations: Iterable[Organisation] = (),
    withdrawn: bool = False,
) -> Consent:
    now = timezone.now()
    consent = Consent.objects.create(
        candidate=candidate,
        given_at=now,
        withdrawn_at=now if withdrawn else None,
        sharing=sharing,
        contact_about_training=True,
        anonymised_statistics=True,
    )
    consent.organisations.set(list(organisations))
    return consent


def profile_post(**overrides: Any) -> dict[str, Any]:
    """What a person types into the profile form, complete and valid."""
    data: dict[str, Any] = {
        "full_name": "Amina Hussain",
        "dob_day": "14",
        "dob_month": "6",
        "dob_year": "1969",
        "postcode": "bd1 1hy",
        "email": "",
        "phone": "07700 900456",
        "contact_method": ContactMethod.TEXT,
        "language": Language.URDU,
        "settings_of_interest": ["home_care"],
        "roles_of_interest": ["care_worker"],
        "hours_wanted": HoursWanted.PART_TIME,
        "availability": ["mon:early", "wed:early"],
        "travel_mode": TravelMode.PUBLIC_TRANSPORT,
        "max_travel_miles": "4",
        "languages": ["Urdu", "Punjabi"],
        "driving_licence": "no",
        "has_car": "no",
        "right_to_work": RightToWork.BRITISH_OR_IRISH,
        "dbs_status": DbsStatus.NONE,
        "paid_care_experience": CareExperience.NONE,
        "cares_for_family": "yes",
        "barriers": ["english", "confidence"],
        "employment_status": EmploymentStatus.UNEMPLOYED_LONG,
        "benefits": ["universal_credit"],
        "heard_from": HeardFrom.COMMUNITY_GROUP,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
