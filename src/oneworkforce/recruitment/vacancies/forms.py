"""Forms of vacancies, their status, campaigns and the careers site's search. They check
shapes and normalise; the services enforce the rules and save."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oneworkforce.partners.forms import DATE_FORMATS, ENTER_DATE
from oneworkforce.partners.models import Organisation, Site
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.models import (
    Campaign,
    CharterPoint,
    CheckLevel,
    ContractType,
    NhsBand,
    PayKind,
    Setting,
    SickPay,
    Vacancy,
    VacancyStatus,
)
from oneworkforce.recruitment.vacancies.selectors import CareersQuery, HoursBand
from oneworkforce.recruitment.vacancies.services import VacancyDetails
from oneworkforce.reference import postcodes
from oneworkforce.reference import selectors as reference_selectors
from oneworkforce.reference.models import JobRole, JobRoleSource, Qualification

SLOT_CHOICES = [
    (f"{day}-{shift}", f"{day_label} {shift_label.lower()}")
    for day, day_label in week.DAYS
    for shift, shift_label in week.SHIFTS
]
ENTER_A_WHOLE_NUMBER = "Enter a whole number, like 2"
POSTCODE_FOR_DISTANCE = _("Enter a postcode to search by distance, like DY1 1AA")
# The postcode directory's own messages, in the visitor's language (the directory's are English).
ENTER_A_REAL_POSTCODE = _("Enter a real postcode, like DY1 1AA")
POSTCODE_NOT_KNOWN = _("%(postcode)s is not a known postcode")
POSTCODE_WITHOUT_LOCATION = _(
    "%(postcode)s has no map location; use the postcode of a nearby street"
)


def _job_roles() -> Any:
    return reference_selectors.job_roles(source=JobRoleSource.ASCWDS).filter(in_bulk_upload=True)


class VacancyForm(forms.Form):
    site: forms.ModelChoiceField[Site] = forms.ModelChoiceField(
        label="Where is the job?",
        queryset=None,
        empty_label="Choose a site",
        error_messages={"required": "Choose the site where the job is"},
    )
    job_role: forms.ModelChoiceField[JobRole] = forms.ModelChoiceField(
        label="Job role",
        queryset=None,
        empty_label="Choose a job role",
        help_text="The roles of the adult social care workforce data set (ASC-WDS)",
        error_messages={"required": "Choose the job role"},
    )
    title = forms.CharField(
        label="Job title",
        max_length=120,
        help_text="As candidates will see it, like Night care assistant",
        error_messages={"required": "Enter the job title"},
    )
    description = forms.CharField(
        label="About the job",
        widget=forms.Textarea,
        max_length=5000,
        help_text="What the work involves, who it is with, and what support new staff get",
        error_messages={"required": "Describe the job"},
    )
    pay_kind = forms.ChoiceField(
        label="How is the job paid?",
        choices=PayKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the job is paid"},
    )
    hourly_rate = forms.DecimalField(
        label="Hourly rate, in pounds (for hourly pay)",
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal("999.99"),
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"invalid": "Enter the hourly rate as a number, like 12.60"},
    )
    nhs_band = forms.ChoiceField(
        label="NHS band (for banded pay)",
        required=False,
        choices=[("", "Not banded"), *NhsBand.choices],
    )
    salary_from = forms.IntegerField(
        label="Yearly salary from, in pounds (for banded pay)",
        required=False,
        min_value=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"invalid": "Enter the salary as a whole number, like 31049"},
    )
    salary_to = forms.IntegerField(
        label="Yearly salary to, in pounds (for banded pay)",
        required=False,
        min_value=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"invalid": "Enter the salary as a whole number, like 37796"},
    )
    contract_type = forms.ChoiceField(
        label="Contract",
        choices=ContractType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of contract"},
    )
    hours_per_week = forms.DecimalField(
        label="Hours a week",
        min_value=0,
        max_value=60,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the hours a week",
            "invalid": "Enter the hours a week as a number, like 37.5",
            "min_value": "Enter hours a week from 0 to 60",
            "max_value": "Enter hours a week from 0 to 60",
        },
    )
    shifts = forms.MultipleChoiceField(
        label="Shifts the job works",
        choices=SLOT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one shift the job works"},
    )
    setting = forms.ChoiceField(
        label="Setting",
        choices=[("", "Choose a setting"), *Setting.choices],
        error_messages={"required": "Choose where the work happens"},
    )
    qualifications: forms.ModelMultipleChoiceField[Qualification] = forms.ModelMultipleChoiceField(
        label="Qualifications the job needs (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only what candidates must already hold; leave empty if you train new staff",
    )
    needs_driving_licence = forms.BooleanField(label="Needs a driving licence", required=False)
    needs_car = forms.BooleanField(label="Needs a car for work", required=False)
    check_level = forms.TypedChoiceField(
        label="Criminal record check (DBS)",
        choices=CheckLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the level of criminal record check"},
    )
    minimum_age = forms.IntegerField(
        label="Minimum age",
        initial=18,
        min_value=16,
        max_value=25,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the minimum age",
            "invalid": ENTER_A_WHOLE_NUMBER,
            "min_value": "Enter a minimum age from 16 to 25",
            "max_value": "Enter a minimum age from 16 to 25",
        },
    )
    closing_date = forms.DateField(
        label="Closing date",
        input_formats=DATE_FORMATS,
        help_text="The last day to apply, for example 31/01/2027",
        error_messages={"required": "Enter the closing date", "invalid": ENTER_DATE},
    )
    posts = forms.IntegerField(
        label="Number of posts",
        initial=1,
        min_value=1,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the number of posts",
            "invalid": ENTER_A_WHOLE_NUMBER,
            "min_value": "Enter a number of posts from 1 to 100",
            "max_value": "Enter a number of posts from 1 to 100",
        },
    )
    guaranteed_hours = forms.BooleanField(label="The hours are guaranteed", required=False)
    paid_travel_time = forms.BooleanField(
        label="Travel time between visits is paid", required=False
    )
    sick_pay = forms.ChoiceField(
        label="Sick pay",
        choices=SickPay.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the sick pay the job has"},
    )
    charter_points = forms.MultipleChoiceField(
        label="Ethical Care Charter points your organisation has signed (optional)",
        choices=CharterPoint.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    campaigns: forms.ModelMultipleChoiceField[Campaign] = forms.ModelMultipleChoiceField(
        label="Joint campaigns to show it in (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, sites: Any, campaigns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites  # type: ignore[attr-defined]
        self.fields["job_role"].queryset = _job_roles()  # type: ignore[attr-defined]
        self.fields["qualifications"].queryset = reference_selectors.qualifications()  # type: ignore[attr-defined]
        self.fields["campaigns"].queryset = campaigns  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Only the chosen way of paying is kept, so a rate typed and then abandoned for a
        # band is not refused.
        if cleaned.get("pay_kind") == PayKind.HOURLY:
            cleaned.update(nhs_band="", salary_from=None, salary_to=None)
        elif cleaned.get("pay_kind") == PayKind.NHS_BAND:
            cleaned["hourly_rate"] = None
        return cleaned

    def details(self) -> VacancyDetails:
        data = self.cleaned_data
        return VacancyDetails(
            site=data["site"],
            job_role=data["job_role"],
            title=" ".join(data["title"].split()),
            description=data["description"].strip(),
            pay_kind=data["pay_kind"],
            hourly_rate=data["hourly_rate"],
            nhs_band=data["nhs_band"],
            salary_from=data["salary_from"],
            salary_to=data["salary_to"],
            contract_type=data["contract_type"],
            hours_per_week=data["hours_per_week"],
            shifts=week.mask_of(data["shifts"]),
            setting=data["setting"],
            qualifications=list(data["qualifications"]),
            needs_driving_licence=data["needs_driving_licence"],
            needs_car=data["needs_car"],
            check_level=data["check_level"],
            minimum_age=data["minimum_age"],
            closing_date=data["closing_date"],
            posts=data["posts"],
            guaranteed_hours=data["guaranteed_hours"],
            paid_travel_time=data["paid_travel_time"],
            sick_pay=data["sick_pay"],
            charter_points=data["charter_points"],
            campaigns=list(data["campaigns"]),
        )

    @staticmethod
    def initial_for(vacancy: Vacancy) -> dict[str, Any]:
        names = [
            "site", "job_role", "title", "description", "pay_kind", "hourly_rate", "nhs_band",
            "salary_from", "salary_to", "contract_type", "hours_per_week", "setting",
            "needs_driving_licence", "needs_car", "check_level", "minimum_age", "closing_date",
            "posts", "guaranteed_hours", "paid_travel_time", "sick_pay", "charter_points",
        ]  # fmt: skip
        initial = {name: getattr(vacancy, name) for name in names}
        initial["closing_date"] = f"{vacancy.closing_date:%d/%m/%Y}"
        initial["shifts"] = week.slots_of(vacancy.shifts)
        initial["qualifications"] = list(vacancy.qualifications.all())
        initial["campaigns"] = list(vacancy.campaigns.all())
        return initial


class StatusChange(forms.Form):
    status = forms.ChoiceField(
        label="What has happened to the vacancy?",
        choices=[
            (VacancyStatus.CLOSED, "Closed: no more applications, posts not yet filled"),
            (VacancyStatus.FILLED, "Filled: every post has someone starting"),
            (VacancyStatus.WITHDRAWN, "Withdrawn: the job is no longer needed"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what has happened to the vacancy"},
    )
    on_date = forms.DateField(
        label="On what date?",
        input_formats=DATE_FORMATS,
        help_text="For example, 27/11/2026",
        error_messages={"required": "Enter the date it happened", "invalid": ENTER_DATE},
    )


class CampaignForm(forms.Form):
    name = forms.CharField(
        label="Campaign name",
        max_length=120,
        help_text="Like Winter home care drive 2026",
        error_messages={"required": "Enter the campaign's name"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        help_text="One sentence for the careers site",
        error_messages={"required": "Enter a one-sentence summary"},
    )
    description = forms.CharField(
        label="About the campaign",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Describe the campaign"},
    )
    start_date = forms.DateField(
        label="Start date",
        input_formats=DATE_FORMATS,
        help_text="For example, 01/12/2026",
        error_messages={"required": "Enter the start date", "invalid": ENTER_DATE},
    )
    end_date = forms.DateField(
        label="End date",
        input_formats=DATE_FORMATS,
        help_text="For example, 28/02/2027",
        error_messages={"required": "Enter the end date", "invalid": ENTER_DATE},
    )
    employers: forms.ModelMultipleChoiceField[Organisation] = forms.ModelMultipleChoiceField(
        label="Employers recruiting together",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least two employers: a joint campaign has several"},
    )

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employers"].queryset = employers  # type: ignore[attr-defined]


DISTANCE_CHOICES = [
    ("", _("Any distance")),
    ("2", _("Within 2 km")),
    ("5", _("Within 5 km")),
    ("10", _("Within 10 km")),
    ("20", _("Within 20 km")),
    ("40", _("Within 40 km")),
]


class CareersSearchForm(forms.Form):
    """The careers site's search: every field optional, sent by GET so results can be shared."""

    job_role: forms.ModelChoiceField[JobRole] = forms.ModelChoiceField(
        label=_("Job role"), queryset=None, required=False, empty_label=_("Any role")
    )
    postcode = forms.CharField(
        label=_("Your postcode"),
        required=False,
        max_length=10,
        help_text=_("To see how far away each job is, like DY1 1AA"),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )
    within = forms.TypedChoiceField(
        label=_("Distance"),
        choices=DISTANCE_CHOICES,
        required=False,
        coerce=float,
        empty_value=None,
    )
    hours = forms.ChoiceField(
        label=_("Hours"), choices=[("", _("Any hours")), *HoursBand.CHOICES], required=False
    )
    shift = forms.MultipleChoiceField(
        label=_("Shifts"),
        choices=week.SHIFTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Jobs with any of the shifts you choose"),
    )
    setting = forms.ChoiceField(
        label=_("Setting"), choices=[("", _("Any setting")), *Setting.choices], required=False
    )

    def __init__(self, *args: Any, job_roles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job_role"].queryset = job_roles  # type: ignore[attr-defined]

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"].strip()
        if not text:
            return ""
        try:
            place = postcodes.lookup(text)
        except postcodes.InvalidPostcode:
            raise forms.ValidationError(ENTER_A_REAL_POSTCODE) from None
        except postcodes.UnknownPostcode as error:
            raise forms.ValidationError(POSTCODE_NOT_KNOWN % {"postcode": error.postcode}) from None
        if place.latitude is None:
            raise forms.ValidationError(POSTCODE_WITHOUT_LOCATION % {"postcode": place.postcode})
        return place.postcode

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        wants_distance = cleaned.get("within") is not None
        if wants_distance and not cleaned.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", POSTCODE_FOR_DISTANCE)
        return cleaned

    def query(self, *, campaign: Any = None) -> CareersQuery:
        data = self.cleaned_data
        return CareersQuery(
            job_role=data.get("job_role"),
            postcode=data.get("postcode", ""),
            within_km=data.get("within"),
            hours=data.get("hours", ""),
            shifts=data.get("shift", []),
            setting=data.get("setting", ""),
            campaign=campaign,
        )
