"""Forms of the candidate register. They check and tidy what was typed; services write.

Every message here is shown to candidates, so every one is marked for translation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oneworkforce.partners.models import OrganisationKind
from oneworkforce.recruitment import selectors as recruitment_selectors
from oneworkforce.recruitment.models import (
    AVAILABILITY_SLOTS,
    MINIMUM_AGE,
    Barrier,
    Benefit,
    CareExperience,
    CareSetting,
    CodeChannel,
    ContactMethod,
    Day,
    DbsLevel,
    DbsStatus,
    EmploymentStatus,
    Ethnicity,
    HeardFrom,
    HoursWanted,
    Language,
    Religion,
    RightToWork,
    RoleInterest,
    Sex,
    SexualOrientation,
    SharingScope,
    Shift,
    TravelMode,
    YesNoPreferNot,
    age_on,
)
from oneworkforce.reference import postcodes
from oneworkforce.reference import selectors as reference_selectors

ENTER_NAME = _("Enter your full name")
ENTER_POSTCODE = _("Enter a postcode, like BD1 1HY")
POSTCODE_NOT_FOUND = _("We cannot find that postcode. Check it and enter it again, like BD1 1HY")
ENTER_DATE_OF_BIRTH = _("Enter your date of birth, like 27 3 1980")
DATE_OF_BIRTH_NOT_REAL = _("Date of birth must be a real date, like 27 3 1980")
DATE_OF_BIRTH_IN_FUTURE = _("Date of birth must be in the past")
TOO_YOUNG = _("You must be 16 or older to register")
AVAILABILITY_EMPTY = _("Tick at least one time of day you could work")
EMAIL_NEEDED = _("Enter an e-mail address, or choose another way for us to contact you")
PHONE_NEEDED = _("Enter a phone number, or choose another way for us to contact you")
ADDRESS_NEEDED = _("Enter an address for letters, or choose another way for us to contact you")
SUPPORT_WORKER_NEEDED = _("Enter your support worker's name, or choose another way to contact you")
DBS_LEVEL_NEEDED = _("Choose the level of your DBS check")
TRAVEL_MILES = _("Enter how many miles you could travel, from 0 to 100")

# Stored in English (what advisers and employers read); shown in the reader's language.
LANGUAGES_SPOKEN = [
    ("English", _("English")),
    ("Urdu", _("Urdu")),
    ("Punjabi", _("Punjabi")),
    ("Pashto", _("Pashto")),
    ("Bengali", _("Bengali")),
    ("Gujarati", _("Gujarati")),
    ("Hindi", _("Hindi")),
    ("Arabic", _("Arabic")),
    ("Polish", _("Polish")),
    ("Romanian", _("Romanian")),
    ("Slovak", _("Slovak")),
    ("Czech", _("Czech")),
    ("Kurdish", _("Kurdish")),
    ("Portuguese", _("Portuguese")),
    ("Somali", _("Somali")),
    ("Tigrinya", _("Tigrinya")),
    ("British Sign Language", _("British Sign Language")),
]

_YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class _YesNo(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=_YES_NO,
            coerce=lambda value: value == "yes",
            widget=forms.RadioSelect,
            empty_value=None,
            **kwargs,
        )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value


def _choices(choices: Any, *, required: bool = True, label: Any, **kwargs: Any) -> Any:
    return forms.ChoiceField(
        choices=choices, widget=forms.RadioSelect, required=required, label=label, **kwargs
    )


def _many(choices: Any, *, label: Any, **kwargs: Any) -> Any:
    return forms.MultipleChoiceField(
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=label,
        **kwargs,
    )


class AvailabilityGrid(forms.MultipleChoiceField):
    """Days down, shifts across: the template draws it as a table of tick boxes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=[(slot, slot) for slot in AVAILABILITY_SLOTS],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": AVAILABILITY_EMPTY},
            **kwargs,
        )


class CandidateForm(forms.Form):
    """The whole profile: the same fields whether the person registers themself, edits their
    profile, or an adviser fills it in with them (advisers see a few more fields)."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=200, error_messages={"required": ENTER_NAME}
    )
    dob_day = forms.CharField(required=False, max_length=2, label=_("Day"))
    dob_month = forms.CharField(required=False, max_length=2, label=_("Month"))
    dob_year = forms.CharField(required=False, max_length=4, label=_("Year"))
    postcode = forms.CharField(
        label=_("Postcode"), max_length=10, error_messages={"required": ENTER_POSTCODE}
    )
    email = forms.EmailField(
        label=_("E-mail address (if you have one)"),
        required=False,
        error_messages={"invalid": _("Enter an e-mail address like name@example.com")},
    )
    phone = forms.CharField(
        label=_("Phone number (if you have one)"), required=False, max_length=20
    )
    address = forms.CharField(
        label=_("Address for letters"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Only needed if you would like us to write to you"),
    )
    contact_method = _choices(
        ContactMethod.choices,
        label=_("How would you like us to contact you?"),
        error_messages={"required": _("Choose how you would like us to contact you")},
    )
    support_worker_name = forms.CharField(
        label=_("Support worker's name"), required=False, max_length=200
    )
    support_worker_contact = forms.CharField(
        label=_("Support worker's phone or e-mail"), required=False, max_length=200
    )
    language = _choices(
        Language.choices,
        label=_("Which language should we write to you in?"),
        initial=Language.ENGLISH,
    )
    settings_of_interest = _many(CareSetting.choices, label=_("Where would you like to work?"))
    roles_of_interest = _many(RoleInterest.choices, label=_("What jobs interest you?"))
    hours_wanted = _choices(
        HoursWanted.choices,
        label=_("How many hours would you like to work?"),
        error_messages={"required": _("Choose how many hours you would like to work")},
    )
    availability = AvailabilityGrid(label=_("When could you work?"))
    travel_mode = _choices(
        TravelMode.choices,
        label=_("How would you get to work?"),
        error_messages={"required": _("Choose how you would get to work")},
    )
    max_travel_miles = forms.IntegerField(
        label=_("How far could you travel to work, in miles?"),
        min_value=0,
        max_value=100,
        error_messages={
            "required": TRAVEL_MILES,
            "invalid": TRAVEL_MILES,
            "min_value": TRAVEL_MILES,
            "max_value": TRAVEL_MILES,
        },
    )
    languages = _many(LANGUAGES_SPOKEN, label=_("Which languages do you speak?"))
    driving_licence = _YesNo(label=_("Do you have a full UK driving licence?"), required=False)
    has_car = _YesNo(label=_("Do you have a car you can use for work?"), required=False)
    right_to_work = _choices(
        RightToWork.choices,
        label=_("Are you allowed to work in the UK?"),
        error_messages={"required": _("Choose whether you are allowed to work in the UK")},
    )
    dbs_status = _choices(
        DbsStatus.choices,
        label=_("Do you have a DBS (criminal record) check?"),
        error_messages={"required": _("Choose whether you have a DBS check")},
    )
    dbs_level = _choices(
        [("", _("Not applicable")), *DbsLevel.choices],
        required=False,
        label=_("If you have one, what level is it?"),
    )
    qualifications = forms.ModelMultipleChoiceField(
        queryset=reference_selectors.qualifications(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Which of these qualifications do you have?"),
    )
    paid_care_experience = _choices(
        CareExperience.choices,
        label=_("How long have you worked in a paid care job?"),
        error_messages={"required": _("Choose how long you have worked in paid care")},
    )
    unpaid_care_experience = _YesNo(
        label=_("Have you volunteered in care or support?"), required=False
    )
    cares_for_family = _YesNo(
        label=_("Do you look after a family member or friend?"), required=False
    )
    experience_notes = forms.CharField(
        label=_("Tell us about any other work or experience"), required=False, widget=forms.Textarea
    )
    barriers = _many(
        Barrier.choices,
        label=_("Is there anything you would like help with?"),
        help_text=_("We use this to offer you support. Employers do not see it."),
    )
    support_notes = forms.CharField(
        label=_("Anything else we should know to support you?"),
        required=False,
        widget=forms.Textarea,
    )
    employment_status = _choices(
        EmploymentStatus.choices,
        label=_("Which of these describes you now?"),
        error_messages={"required": _("Choose what describes you now")},
    )
    benefits = _many(Benefit.choices, label=_("Do you get any of these benefits?"))
    heard_from = _choices(
        HeardFrom.choices,
        label=_("How did you hear about us?"),
        error_messages={"required": _("Choose how you heard about us")},
    )

    ADVISER_ONLY_FIELDS = ("interpreter_needed",)

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    @classmethod
    def initial_for(cls, candidate: Any) -> dict[str, Any]:
        initial = {
            name: getattr(candidate, name) for name in cls.base_fields if hasattr(candidate, name)
        }
        initial["qualifications"] = list(candidate.qualifications.all())
        initial["dob_day"] = str(candidate.date_of_birth.day)
        initial["dob_month"] = str(candidate.date_of_birth.month)
        initial["dob_year"] = str(candidate.date_of_birth.year)
        return initial

    def clean_postcode(self) -> str:
        try:
            return postcodes.lookup(self.cleaned_data["postcode"]).postcode
        except postcodes.InvalidPostcode:
            raise forms.ValidationError(ENTER_POSTCODE) from None
        except postcodes.UnknownPostcode:
            raise forms.ValidationError(POSTCODE_NOT_FOUND) from None

    def clean_phone(self) -> str:
        return " ".join(self.cleaned_data["phone"].split())

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def _date_of_birth(self) -> date | None:
        parts = [
            self.cleaned_data.get(f"dob_{part}", "").strip() for part in ("day", "month", "year")
        ]
        if not all(parts):
            self.add_error("dob_day", ENTER_DATE_OF_BIRTH)
            return None
        try:
            day, month, year = (int(part) for part in parts)
            born = date(year, month, day)
        except ValueError:
            self.add_error("dob_day", DATE_OF_BIRTH_NOT_REAL)
            return None
        if born >= self.today:
            self.add_error("dob_day", DATE_OF_BIRTH_IN_FUTURE)
            return None
        if age_on(born, self.today) < MINIMUM_AGE:
            self.add_error("dob_day", TOO_YOUNG)
            return None
        return born

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["date_of_birth"] = self._date_of_birth()
        method = cleaned.get("contact_method")
        needs = {
            ContactMethod.EMAIL: ("email", EMAIL_NEEDED),
            ContactMethod.PHONE: ("phone", PHONE_NEEDED),
            ContactMethod.TEXT: ("phone", PHONE_NEEDED),
            ContactMethod.LETTER: ("address", ADDRESS_NEEDED),
            ContactMethod.SUPPORT_WORKER: ("support_worker_name", SUPPORT_WORKER_NEEDED),
        }
        if method in needs:
            name, message = needs[method]
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        if cleaned.get("dbs_status") in (DbsStatus.HELD, DbsStatus.UPDATE_SERVICE):
            if not cleaned.get("dbs_level"):
                self.add_error("dbs_level", DBS_LEVEL_NEEDED)
        else:
            cleaned["dbs_level"] = ""
        return cleaned

    def details(self) -> dict[str, Any]:
        """The cleaned values under the candidate's field names, ready for a service."""
        details = {
            name: value for name, value in self.cleaned_data.items() if not name.startswith("dob_")
        }
        for name in ("driving_licence", "has_car", "unpaid_care_experience", "cares_for_family"):
            details[name] = bool(details.get(name))
        return details

    def availability_rows(self) -> list[dict[str, Any]]:
        """The grid as the template draws it: one row a day, one tick box a shift."""
        ticked = set(self["availability"].value() or [])
        return [
            {
                "day": day,
                "label": label,
                "cells": [
                    {
                        "value": f"{day}:{shift}",
                        "shift_label": shift_label,
                        "checked": f"{day}:{shift}" in ticked,
                    }
                    for shift, shift_label in Shift.choices
                ],
            }
            for day, label in Day.choices
        ]

    def dob_parts(self) -> list[Any]:
        return [self["dob_day"], self["dob_month"], self["dob_year"]]

    def shift_labels(self) -> list[str]:
        return [str(label) for label in Shift.labels]


class _RecordIds(forms.TypedMultipleChoiceField):
    """Ids of records the adviser has looked at; the service checks them against the matches."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit()


class AdviserCandidateForm(CandidateForm):
    interpreter_needed = forms.BooleanField(
        label=_("Needs an interpreter at meetings"), required=False
    )
    keep_apart_from = _RecordIds(coerce=int, required=False, widget=forms.MultipleHiddenInput)

    def details(self) -> dict[str, Any]:
        details = super().details()
        details.pop("keep_apart_from", None)
        return details


# Up to this many employers, every group of the consent form's list is shown open.
OPEN_LIST_LIMIT = 30


@dataclass(frozen=True)
class OptionGroup:
    """One kind of organisation in a long list of tick boxes: its options (each with its place
    on the page, which its id uses), how many are ticked, and whether to show it open."""

    label: str
    options: list[tuple[int, BoundWidget]]
    chosen: int
    open: bool


class ConsentForm(forms.Form):
    sharing = _choices(
        SharingScope.choices,
        label=_("Who may see your profile?"),
        help_text=_(
            "Recruitment advisers always can. Employers who see it may contact you about jobs."
        ),
        error_messages={"required": _("Choose who may see your profile")},
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=recruitment_selectors.partner_employers(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("If you chose only some employers, which ones?"),
    )
    contact_about_training = _YesNo(
        label=_("May we contact you about training courses?"),
        error_messages={"required": _("Choose whether we may contact you about training")},
    )
    anonymised_statistics = _YesNo(
        label=_("May we count you in statistics that do not name you?"),
        help_text=_("Funders use these numbers. Nobody can tell from them who you are."),
        error_messages={"required": _("Choose whether we may count you in statistics")},
    )

    def organisation_groups(self) -> list[OptionGroup]:
        """The employers to choose from, grouped by kind of organisation (the database allows
        only the kinds listed). A region has hundreds: a group is shown closed unless something
        in it is chosen, the list is short, or the field has an error to correct. Options are
        numbered in the order the page shows them, so the error summary's link (to the first)
        reaches the top of the list."""
        bound = self["organisations"]
        options = list(bound)
        members: dict[str, list[BoundWidget]] = defaultdict(list)
        for option in options:
            members[option.data["value"].instance.kind].append(option)
        show_all = len(options) <= OPEN_LIST_LIMIT or bool(bound.errors)
        groups = []
        shown = 0
        for kind, label in OrganisationKind.choices:
            if kind not in members:
                continue
            chosen = sum(1 for option in members[kind] if option.data["selected"])
            numbered = list(enumerate(members[kind], start=shown))
            shown += len(numbered)
            groups.append(OptionGroup(str(label), numbered, chosen, show_all or chosen > 0))
        return groups


class EqualityForm(forms.Form):
    sex = _choices(Sex.choices, required=False, label=_("What is your sex?"))
    ethnicity = _choices(Ethnicity.choices, required=False, label=_("What is your ethnic group?"))
    disability = _choices(
        YesNoPreferNot.choices,
        required=False,
        label=_("Do you have a disability or a long-term health condition?"),
    )
    religion = _choices(Religion.choices, required=False, label=_("What is your religion?"))
    sexual_orientation = _choices(
        SexualOrientation.choices, required=False, label=_("What is your sexual orientation?")
    )


class CodeSignInForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference"),
        help_text=_("It starts with C, like C7K3P9QX. It is on your letter or text message."),
        max_length=12,
        error_messages={"required": _("Enter your reference")},
    )
    code = forms.CharField(
        label=_("Your 6-digit code"),
        max_length=6,
        min_length=6,
        error_messages={
            "required": _("Enter your 6-digit code"),
            "min_length": _("Enter all 6 digits of your code"),
        },
    )


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={
            "required": _("Enter your e-mail address"),
            "invalid": _("Enter an e-mail address like name@example.com"),
        },
    )


class IssueCodeForm(forms.Form):
    channel = _choices(
        [
            (CodeChannel.PRINTED, _("Print it for them now")),
            (CodeChannel.TEXT, _("Send it by text")),
        ],
        label=_("How should they get their sign-in code?"),
        error_messages={"required": _("Choose how to give them the code")},
    )


class CandidateSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, reference, e-mail or postcode"), required=False)
