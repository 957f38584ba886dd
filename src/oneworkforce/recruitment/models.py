"""The candidate register: one record per local person, the consent they control, and the
one-time codes that let people without an e-mail address sign in.

A candidate is not a ``partners.User``: candidates sign in with a one-time code (see
docs/decisions), and what staff may see of them follows from their current ``Consent``.
Equality monitoring is kept in its own table so that no employer-facing query can reach it.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from oneworkforce.core.models import BaseModel

# Funders count people aged 50 and over as "mature" applicants (the board's target group).
MATURE_AGE = 50
MINIMUM_AGE = 16


class Language(models.TextChoices):
    ENGLISH = "en-gb", "English"
    URDU = "ur", "اردو (Urdu)"


class ContactMethod(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    LETTER = "letter", _("Letter")
    SUPPORT_WORKER = "support_worker", _("Through my support worker")


class RegistrationChannel(models.TextChoices):
    SELF = "self", _("Registered online")
    ADVISER = "adviser", _("Registered by an adviser")


class CareSetting(models.TextChoices):
    HOME_CARE = "home_care", _("Care in people's own homes")
    RESIDENTIAL = "residential", _("Residential care home")
    NURSING = "nursing", _("Nursing home")
    HOSPITAL = "hospital", _("Hospital")
    COMMUNITY = "community", _("Community health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    LEARNING_DISABILITY = "learning_disability", _("Learning disability support")
    DAY_SERVICES = "day_services", _("Day services")


class RoleInterest(models.TextChoices):
    CARE_WORKER = "care_worker", _("Care worker")
    SENIOR_CARE_WORKER = "senior_care_worker", _("Senior care worker")
    SUPPORT_WORKER = "support_worker", _("Support worker")
    HEALTHCARE_ASSISTANT = "healthcare_assistant", _("Healthcare assistant")
    PERSONAL_ASSISTANT = "personal_assistant", _("Personal assistant")
    NURSE = "nurse", _("Nurse")
    DOMESTIC_CATERING = "domestic_catering", _("Housekeeping, kitchen or domestic")
    ADMINISTRATION = "administration", _("Administration or reception")
    DRIVER = "driver", _("Driver")


class HoursWanted(models.TextChoices):
    FULL_TIME = "full_time", _("Full time (30 hours a week or more)")
    PART_TIME = "part_time", _("Part time (under 30 hours a week)")
    EITHER = "either", _("Either")
    BANK = "bank", _("Flexible or bank shifts")


class Day(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")
    SUNDAY = "sun", _("Sunday")


class Shift(models.TextChoices):
    EARLY = "early", _("Early (7am to 3pm)")
    LATE = "late", _("Late (2pm to 10pm)")
    NIGHT = "night", _("Night (10pm to 7am)")


# Every cell of the weekly availability grid, as stored: "mon:early", "mon:late", …
AVAILABILITY_SLOTS = tuple(f"{day}:{shift}" for day in Day.values for shift in Shift.values)


class TravelMode(models.TextChoices):
    WALK = "walk", _("Walking")
    BICYCLE = "bicycle", _("Bicycle")
    PUBLIC_TRANSPORT = "public_transport", _("Bus or train")
    CAR = "car", _("My own car")
    LIFT = "lift", _("Lift from someone")


class RightToWork(models.TextChoices):
    BRITISH_OR_IRISH = "british_or_irish", _("Yes: British or Irish citizen")
    SETTLED = "settled", _("Yes: settled or pre-settled status")
    VISA = "visa", _("Yes: a visa that lets me work")
    NOT_SURE = "not_sure", _("I am not sure")
    NO = "no", _("No")


class DbsStatus(models.TextChoices):
    NONE = "none", _("I do not have one")
    APPLIED = "applied", _("I have applied")
    HELD = "held", _("I have one")
    UPDATE_SERVICE = "update_service", _("I have one on the DBS Update Service")


class DbsLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    STANDARD = "standard", _("Standard")
    ENHANCED = "enhanced", _("Enhanced")
    ENHANCED_BARRED = "enhanced_barred", _("Enhanced with barred lists")


class CareExperience(models.TextChoices):
    NONE = "none", _("None")
    UNDER_ONE_YEAR = "under_1", _("Less than a year")
    ONE_TO_THREE = "1_to_3", _("1 to 3 years")
    OVER_THREE = "over_3", _("More than 3 years")


class Barrier(models.TextChoices):
    CHILDCARE = "childcare", _("Childcare")
    TRANSPORT = "transport", _("Getting to work")
    CONFIDENCE = "confidence", _("Confidence")
    ENGLISH = "english", _("Speaking or reading English")
    DIGITAL = "digital", _("Using computers or phones")
    HEALTH = "health", _("My health")
    CARING = "caring", _("Caring for someone")
    HOUSING = "housing", _("Housing")


class EmploymentStatus(models.TextChoices):
    UNEMPLOYED_SHORT = "unemployed_short", _("Not working, for less than 12 months")
    UNEMPLOYED_LONG = "unemployed_long", _("Not working, for 12 months or more")
    EMPLOYED_PART_TIME = "employed_part_time", _("Working part time")
    EMPLOYED_FULL_TIME = "employed_full_time", _("Working full time")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    EDUCATION = "education", _("In education or training")
    NOT_LOOKING = "not_looking", _("Not working and not looking until now")


class Benefit(models.TextChoices):
    UNIVERSAL_CREDIT = "universal_credit", _("Universal Credit")
    JSA = "jsa", _("Jobseeker's Allowance")
    ESA = "esa", _("Employment and Support Allowance")
    PIP = "pip", _("Personal Independence Payment")
    INCOME_SUPPORT = "income_support", _("Income Support")
    CARERS_ALLOWANCE = "carers_allowance", _("Carer's Allowance")
    PENSION_CREDIT = "pension_credit", _("Pension Credit")


class HeardFrom(models.TextChoices):
    JOBCENTRE = "jobcentre", _("Jobcentre")
    COMMUNITY_GROUP = "community_group", _("A community group or place of worship")
    SOCIAL_MEDIA = "social_media", _("Social media")
    FRIEND_OR_FAMILY = "friend_or_family", _("A friend or family member")
    EMPLOYER = "employer", _("An employer")
    COLLEGE = "college", _("A college or training provider")
    EVENT = "event", _("A jobs fair or event")
    CAMPAIGN = "campaign", _("A poster, leaflet or advert")
    OTHER = "other", _("Somewhere else")


class AgeBand(models.TextChoices):
    UNDER_25 = "16-24", "16 to 24"
    FROM_25 = "25-34", "25 to 34"
    FROM_35 = "35-49", "35 to 49"
    FROM_50 = "50-64", "50 to 64"
    FROM_65 = "65+", "65 and over"


def age_on(date_of_birth: date, on: date) -> int:
    """Whole years between a birth date and a day.

    >>> age_on(date(2000, 2, 29), date(2026, 2, 28))
    25
    """
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - int(before_birthday)


def age_band(age: int) -> AgeBand:
    """>>> age_band(50).value
    '50-64'
    """
    for limit, band in ((25, AgeBand.UNDER_25), (35, AgeBand.FROM_25), (50, AgeBand.FROM_35)):
        if age < limit:
            return band
    return AgeBand.FROM_50 if age < 65 else AgeBand.FROM_65


class Candidate(BaseModel):
    """One local person looking for health or care work, whoever registered them."""

    reference = models.CharField(max_length=12, unique=True)
    full_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8)
    date_of_birth = models.DateField()
    contact_method = models.CharField(max_length=16, choices=ContactMethod.choices)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    interpreter_needed = models.BooleanField(default=False)
    support_worker_name = models.CharField(max_length=200, blank=True)
    support_worker_contact = models.CharField(max_length=200, blank=True)
    registration_channel = models.CharField(max_length=8, choices=RegistrationChannel.choices)
    registered_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    settings_of_interest = models.JSONField(default=list, blank=True)
    roles_of_interest = models.JSONField(default=list, blank=True)
    hours_wanted = models.CharField(max_length=16, choices=HoursWanted.choices)
    availability = models.JSONField(default=list)
    travel_mode = models.CharField(max_length=20, choices=TravelMode.choices)
    max_travel_miles = models.PositiveSmallIntegerField()
    languages = models.JSONField(default=list, blank=True)
    driving_licence = models.BooleanField(default=False)
    has_car = models.BooleanField(default=False)
    right_to_work = models.CharField(max_length=20, choices=RightToWork.choices)
    dbs_status = models.CharField(max_length=16, choices=DbsStatus.choices)
    dbs_level = models.CharField(max_length=16, choices=DbsLevel.choices, blank=True)
    qualifications = models.ManyToManyField("reference.Qualification", blank=True, related_name="+")
    paid_care_experience = models.CharField(max_length=8, choices=CareExperience.choices)
    unpaid_care_experience = models.BooleanField(default=False)
    cares_for_family = models.BooleanField(default=False)
    experience_notes = models.TextField(blank=True)
    barriers = models.JSONField(default=list, blank=True)
    support_notes = models.TextField(blank=True)
    employment_status = models.CharField(max_length=20, choices=EmploymentStatus.choices)
    benefits = models.JSONField(default=list, blank=True)
    heard_from = models.CharField(max_length=20, choices=HeardFrom.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="candidate_email_unique_ignoring_case"
            ),
            models.CheckConstraint(
                condition=Q(contact_method__in=ContactMethod.values),
                name="candidate_contact_method_known",
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="candidate_language_known"
            ),
            # Someone who wants e-mails must have an address; a support worker must be named.
            models.CheckConstraint(
                condition=~Q(contact_method=ContactMethod.EMAIL) | ~Q(email=""),
                name="candidate_email_contact_has_address",
            ),
            models.CheckConstraint(
                condition=~Q(contact_method__in=[ContactMethod.PHONE, ContactMethod.TEXT])
                | ~Q(phone=""),
                name="candidate_phone_contact_has_number",
            ),
            models.CheckConstraint(
                condition=~Q(contact_method=ContactMethod.SUPPORT_WORKER)
                | ~Q(support_worker_name=""),
                name="candidate_support_worker_contact_is_named",
            ),
            models.CheckConstraint(
                condition=Q(dbs_status__in=[DbsStatus.NONE, DbsStatus.APPLIED]) | ~Q(dbs_level=""),
                name="candidate_held_dbs_has_level",
            ),
        ]
        indexes = [models.Index(fields=["date_of_birth", "postcode"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.reference})"

    def age_band_on(self, on: date) -> AgeBand:
        return age_band(age_on(self.date_of_birth, on))

    def is_mature_on(self, on: date) -> bool:
        return age_on(self.date_of_birth, on) >= MATURE_AGE


class PreferNotToSay(models.TextChoices):
    PREFER_NOT_TO_SAY = "prefer_not", _("Prefer not to say")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    PREFER_NOT_TO_SAY = "prefer_not", _("Prefer not to say")


class Ethnicity(models.TextChoices):
    # The 2021 census high-level groups, with the groups most of the district chose split out.
    WHITE_BRITISH = "white_british", _("White: English, Welsh, Scottish, Northern Irish or British")
    WHITE_OTHER = "white_other", _("White: any other White background")
    PAKISTANI = "asian_pakistani", _("Asian or Asian British: Pakistani")
    INDIAN = "asian_indian", _("Asian or Asian British: Indian")
    BANGLADESHI = "asian_bangladeshi", _("Asian or Asian British: Bangladeshi")
    ASIAN_OTHER = "asian_other", _("Asian or Asian British: any other Asian background")
    BLACK = "black", _("Black, Black British, Caribbean or African")
    MIXED = "mixed", _("Mixed or multiple ethnic groups")
    OTHER = "other", _("Another ethnic group")
    PREFER_NOT_TO_SAY = "prefer_not", _("Prefer not to say")


class YesNoPreferNot(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT_TO_SAY = "prefer_not", _("Prefer not to say")


class Religion(models.TextChoices):
    NONE = "none", _("No religion")
    CHRISTIAN = "christian", _("Christian")
    MUSLIM = "muslim", _("Muslim")
    HINDU = "hindu", _("Hindu")
    SIKH = "sikh", _("Sikh")
    JEWISH = "jewish", _("Jewish")
    BUDDHIST = "buddhist", _("Buddhist")
    OTHER = "other", _("Another religion")
    PREFER_NOT_TO_SAY = "prefer_not", _("Prefer not to say")


class SexualOrientation(models.TextChoices):
    HETEROSEXUAL = "heterosexual", _("Straight or heterosexual")
    GAY_OR_LESBIAN = "gay_or_lesbian", _("Gay or lesbian")
    BISEXUAL = "bisexual", _("Bisexual")
    OTHER = "other", _("Another sexual orientation")
    PREFER_NOT_TO_SAY = "prefer_not", _("Prefer not to say")


class EqualityMonitoring(BaseModel):
    """Optional answers used only for anonymous inclusion statistics: never shown to an
    employer, never used to match (kept apart so no candidate query can join it by accident)."""

    candidate = models.OneToOneField(
        Candidate, on_delete=models.CASCADE, related_name="equality_monitoring"
    )
    sex = models.CharField(max_length=16, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices, blank=True)
    disability = models.CharField(max_length=16, choices=YesNoPreferNot.choices, blank=True)
    religion = models.CharField(max_length=16, choices=Religion.choices, blank=True)
    sexual_orientation = models.CharField(
        max_length=16, choices=SexualOrientation.choices, blank=True
    )


class SharingScope(models.TextChoices):
    ALL_PARTNERS = "all_partners", _("All partner employers")
    NAMED = "named", _("Only the employers I choose")
    ADVISER_ONLY = "adviser_only", _("No employers: only the recruitment advisers")


class Consent(BaseModel):
    """What a candidate agreed to, from ``given_at`` until ``withdrawn_at``.

    A change is a new record: the current one is withdrawn at the same moment, so the history
    says exactly who could see the profile on any day. ``organisations`` names every employer
    the consent covers, also for "all partner employers" (those that were partners when it was
    given: an organisation that joins later needs the candidate's fresh consent).
    """

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="consents")
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    sharing = models.CharField(max_length=16, choices=SharingScope.choices)
    organisations = models.ManyToManyField("partners.Organisation", blank=True, related_name="+")
    contact_about_training = models.BooleanField()
    anonymised_statistics = models.BooleanField()
    recorded_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_current_per_candidate",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
            models.CheckConstraint(
                condition=Q(sharing__in=SharingScope.values), name="consent_sharing_known"
            ),
        ]


class CodeChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    TEXT = "text", _("Text message")
    PRINTED = "printed", _("Printed")


class SignInCode(BaseModel):
    """A one-time code a candidate signs in with. Only its hash is kept; it expires, dies after
    a few wrong guesses, and works once."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="sign_in_codes")
    code_hash = models.CharField(max_length=64)
    channel = models.CharField(max_length=8, choices=CodeChannel.choices)
    issued_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an adviser")
    MERGED = "merged", _("Merged into one record")
    KEPT_APART = "kept_apart", _("Different people")


class LikelyDuplicate(BaseModel):
    """Two records that may be the same person (same name, date of birth and postcode),
    waiting for an adviser to merge them or keep them apart. Never decided by the software,
    because a common name and birthday can belong to two neighbours."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    existing = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    found_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    decided_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "existing"], name="likely_duplicate_pair_unique"
            ),
            models.CheckConstraint(
                condition=~Q(candidate=models.F("existing")),
                name="likely_duplicate_of_another_record",
            ),
        ]


class ErasureRequest(BaseModel):
    """A candidate's request to be forgotten. An adviser confirms it; then every registered
    personal-data row goes, and only this request's dates (no name) and anonymous counts stay."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    candidate_reference = models.CharField(max_length=12)
    requested_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=Q(confirmed_at__isnull=True),
                name="erasure_request_one_open_per_candidate",
            ),
        ]


class ErasedCandidateCount(models.Model):
    """How many erased candidates registered in a month by a channel: what statistics keep of
    people who asked to be forgotten (a count, nothing that could name them)."""

    registered_month = models.DateField()
    registration_channel = models.CharField(max_length=8, choices=RegistrationChannel.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registered_month", "registration_channel"],
                name="erased_candidate_count_unique_month_channel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registered_month:%B %Y}, {self.registration_channel}: {self.count}"
