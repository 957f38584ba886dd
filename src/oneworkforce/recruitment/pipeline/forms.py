"""Forms of the pipeline's pages. They check shapes and normalise; the services enforce the
rules and save. Candidates' forms are translated; staff forms are in English."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oneworkforce.partners.forms import DATE_FORMATS, ENTER_DATE
from oneworkforce.partners.models import Site
from oneworkforce.recruitment.pipeline.models import (
    CheckStatus,
    LeavingReason,
    NextActor,
    Placement,
    RejectionReason,
    WithdrawalReason,
)
from oneworkforce.reference import selectors as reference_selectors
from oneworkforce.reference.models import JobRole, JobRoleSource

MAX_RANKED = 5
STAFF_NEXT_ACTOR = [
    (NextActor.CANDIDATE.value, "The candidate"),
    (NextActor.EMPLOYER.value, "Us (the employer)"),
    (NextActor.THIRD_PARTY.value, "Someone else (a referee, the DBS or occupational health)"),
    (NextActor.NOBODY.value, "Nobody: the check is done"),
]
ENTER_TIME = "Enter a time in 24-hour format, like 14:30"
CHOOSE_A_REASON = "Choose a reason"


class ApplyForm(forms.Form):
    adjustments = forms.CharField(
        label=_("Do you need any adjustments for the interview or at work? (optional)"),
        help_text=_(
            "For example, a ground-floor room, an interpreter, extra time, or interviews in "
            "the morning. The employer will see what you write here."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WithdrawForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you withdrawing?"),
        choices=WithdrawalReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you are withdrawing")},
    )
    note = forms.CharField(
        label=_("Anything you want to add (optional)"), required=False, max_length=300
    )


class PlacementRankingForm(forms.Form):
    """One list per choice, most wanted first; the same placement twice is for the service
    to refuse, with a message naming it."""

    def __init__(self, *args: Any, placements: list[Placement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.placements = {str(p.pk): p for p in placements}
        choices = [("", _("No choice"))] + [
            (str(p.pk), f"{p.title}, {p.organisation.name}") for p in placements
        ]
        ordinals = [_("First choice"), _("Second choice"), _("Third choice"),
                    _("Fourth choice"), _("Fifth choice")]  # fmt: skip
        for index in range(min(MAX_RANKED, len(placements))):
            self.fields[f"choice_{index + 1}"] = forms.ChoiceField(
                label=ordinals[index], choices=choices, required=False
            )

    def ranked(self) -> list[Placement]:
        picked = [self.cleaned_data.get(name) for name in self.fields]
        return [self.placements[value] for value in picked if value]


class SuggestForm(forms.Form):
    reference = forms.CharField(
        label="Candidate's reference",
        help_text="From their record, like CAB12CD3",
        max_length=12,
        error_messages={"required": "Enter the candidate's reference"},
    )

    def clean_reference(self) -> str:
        return str(self.cleaned_data["reference"]).strip().upper().replace(" ", "")


class InterviewForm(forms.Form):
    interview_date = forms.DateField(
        label="Date",
        input_formats=DATE_FORMATS,
        help_text="For example 14/01/2027",
        error_messages={"required": "Enter the interview date", "invalid": ENTER_DATE},
    )
    interview_time = forms.TimeField(
        label="Time",
        input_formats=["%H:%M", "%H.%M"],
        help_text="For example 14:30",
        error_messages={"required": "Enter the interview time", "invalid": ENTER_TIME},
    )
    place = forms.CharField(
        label="Where",
        max_length=200,
        help_text="An address and room, or 'by phone' or 'by video call'",
        error_messages={"required": "Enter where the interview is"},
    )

    def interview_at(self) -> datetime:
        day, time = self.cleaned_data["interview_date"], self.cleaned_data["interview_time"]
        return timezone.make_aware(datetime.combine(day, time))


class OfferForm(forms.Form):
    start_date = forms.DateField(
        label="Start date offered",
        input_formats=DATE_FORMATS,
        help_text="For example 01/02/2027",
        error_messages={"required": "Enter the start date", "invalid": ENTER_DATE},
    )


class CheckForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=CheckStatus.choices)
    next_actor = forms.ChoiceField(label="Who acts next", choices=STAFF_NEXT_ACTOR)
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)


class StartForm(forms.Form):
    started_date = forms.DateField(
        label="Day they started",
        input_formats=DATE_FORMATS,
        help_text="For example 01/02/2027",
        error_messages={"required": "Enter the day they started", "invalid": ENTER_DATE},
    )


class LeftForm(forms.Form):
    left_date = forms.DateField(
        label="Day they left",
        input_formats=DATE_FORMATS,
        error_messages={"required": "Enter the day they left", "invalid": ENTER_DATE},
    )
    leaving_reason = forms.ChoiceField(
        label="Why they left",
        choices=LeavingReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_A_REASON},
    )


class RejectForm(forms.Form):
    rejection_reason = forms.ChoiceField(
        label="Reason",
        choices=RejectionReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_A_REASON},
    )
    rejection_note = forms.CharField(label="Note (optional)", required=False, max_length=300)


class PlacementForm(forms.Form):
    site: forms.ModelChoiceField[Site] = forms.ModelChoiceField(
        label="Where is the placement?",
        queryset=Site.objects.none(),
        error_messages={"required": "Choose the site"},
    )
    job_role: forms.ModelChoiceField[JobRole] = forms.ModelChoiceField(
        label="Job role",
        queryset=JobRole.objects.none(),
        error_messages={"required": "Choose the job role"},
    )
    title = forms.CharField(
        label="Title", max_length=120, error_messages={"required": "Enter a title"}
    )
    description = forms.CharField(
        label="What the person will do (optional)", required=False, widget=forms.Textarea
    )
    start_date = forms.DateField(
        label="Start date",
        input_formats=DATE_FORMATS,
        error_messages={"required": "Enter the start date", "invalid": ENTER_DATE},
    )
    end_date = forms.DateField(
        label="End date",
        input_formats=DATE_FORMATS,
        error_messages={"required": "Enter the end date", "invalid": ENTER_DATE},
    )
    places = forms.IntegerField(
        label="Number of places",
        error_messages={"required": "Enter the number of places", "invalid": "Enter a number"},
    )
    hourly_rate = forms.DecimalField(
        label="Hourly rate, in pounds",
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "required": "Enter the hourly rate, like 12.60",
            "invalid": "Enter the hourly rate, like 12.60",
            "min_value": "Enter the hourly rate, like 12.60: placements are paid",
        },
    )

    def __init__(self, *args: Any, sites: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites  # type: ignore[attr-defined]
        self.fields["job_role"].queryset = reference_selectors.job_roles(  # type: ignore[attr-defined]
            source=JobRoleSource.ASCWDS
        ).filter(in_bulk_upload=True)
