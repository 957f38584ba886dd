"""Forms of the planning pages: they validate and normalise; services save.

People think of changes as percentages, so the scenario form asks for them that way
("international recruitment at 50% of today's") and hands the services the engine's
factors (0.5)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from oneworkforce.intelligence.models import InitiativeKind
from oneworkforce.intelligence.planning import assumptions
from oneworkforce.intelligence.planning.adapter import role_group_label
from oneworkforce.intelligence.planning.steps import CHARACTERISTICS, STEPS
from oneworkforce.partners.forms import DATE_FORMATS, ENTER_DATE
from oneworkforce.recruitment.vacancies.models import Campaign
from oneworkforce.reference.models import RoleGroup

WEIGHT_BANDS = (
    ("aged_65_84", "people aged 65 to 84"),
    ("aged_85_plus", "people aged 85 and over"),
    ("working_age", "working-age people (18 to 64)"),
)
WEIGHTS_OVER_100 = (
    "The demand weights for {group} add up to {total:g}%; they are shares of demand, so they "
    "must add up to 100% or less"
)
WEIGHTS_INCOMPLETE = (
    "Enter all three demand weights for {group}, or leave all three empty to use the defaults"
)
ENTER_PERCENT = "Enter a percentage from {low} to {high}, like {example}"
ENTER_NAME = "Enter a name for the scenario, like Grow our own"
COMPARE_TWO = "Choose at least two scenarios to compare"
ENTER_AMOUNT = "Enter an amount in pounds, like 12500 or 12500.50"


def _percent(label: str, low: int, high: int, example: str, help_text: str) -> forms.FloatField:
    message = ENTER_PERCENT.format(low=low, high=high, example=example)
    return forms.FloatField(
        label=label,
        min_value=low,
        max_value=high,
        help_text=help_text,
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


class ScenarioForm(forms.Form):
    name = forms.CharField(max_length=100, error_messages={"required": ENTER_NAME})
    description = forms.CharField(
        max_length=500,
        required=False,
        label="What the scenario is about (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    turnover_points = forms.FloatField(
        label="Change in turnover, in percentage points",
        min_value=-50,
        max_value=50,
        initial=0,
        help_text="For example -5 for turnover down 5 points; 0 for no change",
        error_messages={
            "required": "Enter the change in turnover, like -5 or 0",
            "invalid": "Enter the change in turnover as a number, like -5",
            "min_value": "Enter a change from -50 to 50 percentage points",
            "max_value": "Enter a change from -50 to 50 percentage points",
        },
    )
    extra_programme_starters = forms.FloatField(
        label="More starters a year from the partnership's programmes",
        min_value=0,
        max_value=100_000,
        initial=0,
        help_text="For example 200 for 200 more apprentices a year; 0 for none",
        error_messages={
            "required": "Enter how many more starters a year, like 200 or 0",
            "invalid": "Enter how many more starters a year as a number, like 200",
            "min_value": "Enter 0 or more starters a year",
            "max_value": "Enter at most 100,000 starters a year",
        },
    )
    international_percent = _percent(
        "International recruitment, as a percentage of today's",
        0,
        500,
        "50 for halved",
        "100 for no change",
    )
    external_percent = _percent(
        "Recruitment from outside the partnership, as a percentage of today's",
        0,
        500,
        "120",
        "100 for no change",
    )
    retirement_percent = _percent(
        "Retirement rates, as a percentage of the default rates",
        0,
        500,
        "80",
        "100 for no change",
    )
    demand_growth_percent = _percent(
        "How strongly demand follows population growth, as a percentage of the default", 0,
        500, "120", "100 for no change",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in ("international_percent", "external_percent", "retirement_percent",
                      "demand_growth_percent"):  # fmt: skip
            self.fields[field].initial = 100
        for group in RoleGroup.values:
            default = assumptions.demand_weights_for(group)
            for band, words in WEIGHT_BANDS:
                self.fields[f"weight_{group}_{band}"] = forms.FloatField(
                    label=f"{role_group_label(group)}: % of demand following {words}",
                    required=False,
                    min_value=0,
                    max_value=100,
                    help_text=f"Default {getattr(default, band):.0%}",
                    error_messages={
                        "invalid": ENTER_PERCENT.format(low=0, high=100, example="35"),
                        "min_value": ENTER_PERCENT.format(low=0, high=100, example="35"),
                        "max_value": ENTER_PERCENT.format(low=0, high=100, example="35"),
                    },
                )

    def weight_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (
                role_group_label(group),
                [self[f"weight_{group}_{band}"] for band, _ in WEIGHT_BANDS],
            )
            for group in RoleGroup.values
        ]

    @property
    def weights_given(self) -> bool:
        """True when the analyst's own weights are saved or wrong: then they stay in view."""
        return any(
            (name in self.errors) or self.initial.get(name) is not None or self.data.get(name)
            for name in self.fields
            if name.startswith("weight_")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        weights: dict[str, dict[str, float]] = {}
        for group in RoleGroup.values:
            given = {band: cleaned.get(f"weight_{group}_{band}") for band, _ in WEIGHT_BANDS}
            if all(value is None for value in given.values()):
                continue
            if any(value is None for value in given.values()):
                self.add_error(
                    f"weight_{group}_aged_65_84",
                    WEIGHTS_INCOMPLETE.format(group=role_group_label(group).lower()),
                )
                continue
            total = sum(value for value in given.values() if value is not None)
            if total > 100:
                self.add_error(
                    f"weight_{group}_aged_65_84",
                    WEIGHTS_OVER_100.format(group=role_group_label(group).lower(), total=total),
                )
                continue
            weights[group] = {
                band: round(value / 100, 6) for band, value in given.items() if value is not None
            }
        cleaned["demand_weights"] = weights
        return cleaned

    def values(self) -> dict[str, object]:
        """The scenario's fields as the services take them."""
        data = self.cleaned_data
        return {
            "description": data["description"],
            "turnover_points": data["turnover_points"],
            "extra_programme_starters": data["extra_programme_starters"],
            "international_factor": data["international_percent"] / 100,
            "external_factor": data["external_percent"] / 100,
            "retirement_factor": data["retirement_percent"] / 100,
            "demand_growth_factor": data["demand_growth_percent"] / 100,
            "demand_weights": data["demand_weights"],
        }

    @classmethod
    def initial_of(cls, scenario: Any) -> dict[str, object]:
        initial: dict[str, object] = {
            "name": scenario.name,
            "description": scenario.description,
            "turnover_points": scenario.turnover_points,
            "extra_programme_starters": scenario.extra_programme_starters,
            "international_percent": round(scenario.international_factor * 100, 4),
            "external_percent": round(scenario.external_factor * 100, 4),
            "retirement_percent": round(scenario.retirement_factor * 100, 4),
            "demand_growth_percent": round(scenario.demand_growth_factor * 100, 4),
        }
        for group, given in (scenario.demand_weights or {}).items():
            for band, _ in WEIGHT_BANDS:
                initial[f"weight_{group}_{band}"] = round(given[band] * 100, 4)
        return initial


class CompareForm(forms.Form):
    scenarios = forms.MultipleChoiceField(
        label="Scenarios to compare",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": COMPARE_TWO},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenarios"].choices = choices  # type: ignore[attr-defined]

    def clean_scenarios(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["scenarios"]
        if len(chosen) < 2:
            raise forms.ValidationError(COMPARE_TWO)
        return chosen


class PopulationUploadForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        label="Name of these figures",
        help_text="For example ONS 2022-based subnational population projections",
        error_messages={"required": "Enter a name for these figures"},
    )
    source = forms.CharField(
        max_length=500,
        label="Where they come from",
        help_text="The publisher and release, so readers of the projection can check them",
        error_messages={"required": "Enter where the figures come from"},
    )
    file = forms.FileField(
        label="The population file (CSV)",
        help_text="Columns local_authority_code, age_band, year, population",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
        error_messages={
            "required": "Choose the population file to upload",
            "empty": "The file you chose is empty",
        },
    )


class WorkstreamForm(forms.Form):
    name = forms.CharField(
        max_length=200, error_messages={"required": "Enter the workstream's name"}
    )
    description = forms.CharField(max_length=500, required=False, label="Description (optional)")


class InitiativeForm(forms.Form):
    name = forms.CharField(
        max_length=200, error_messages={"required": "Enter the initiative's name"}
    )
    kind = forms.ChoiceField(
        label="What kind of initiative is it?",
        choices=InitiativeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of initiative it is"},
    )
    start_date = forms.DateField(
        label="When it started",
        input_formats=DATE_FORMATS,
        help_text="For example 01/04/2026",
        error_messages={"required": "Enter when the initiative started", "invalid": ENTER_DATE},
    )
    campaign = forms.ModelChoiceField(
        label="Joint recruitment campaign (optional)",
        queryset=Campaign.objects.order_by("-start_date", "name"),
        required=False,
        empty_label="None",
        help_text=(
            "Applications to the campaign's vacancies count as this initiative's people "
            "applying, interviewed, offered, starting and staying in work"
        ),
        error_messages={"invalid_choice": "Choose a campaign from the list, or None"},
    )


def _money(label: str, *, minimum: Decimal, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=minimum,
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "required": ENTER_AMOUNT,
            "invalid": ENTER_AMOUNT,
            "min_value": ENTER_AMOUNT,
            "max_digits": "Enter an amount under £10,000,000,000",
            "max_decimal_places": "Enter pounds and pence, like 12500.50",
        },
    )


class BudgetForm(forms.Form):
    year = forms.IntegerField(
        label="Financial year starting in",
        min_value=2000,
        max_value=2100,
        help_text="For example 2026 for April 2026 to March 2027",
        error_messages={
            "required": "Enter the year the financial year starts, like 2026",
            "invalid": "Enter the year as 4 digits, like 2026",
            "min_value": "Enter a year from 2000 to 2100",
            "max_value": "Enter a year from 2000 to 2100",
        },
    )
    amount = _money("Budget in pounds", minimum=Decimal(0))


class SpendForm(forms.Form):
    initiative: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Initiative (optional)", queryset=None, required=False,
        empty_label="The workstream as a whole",
    )  # fmt: skip
    spent_date = forms.DateField(
        label="Date spent",
        input_formats=DATE_FORMATS,
        help_text="For example 15/05/2026",
        error_messages={"required": "Enter the date the money was spent", "invalid": ENTER_DATE},
    )
    amount = _money("Amount in pounds", minimum=Decimal("0.01"))
    description = forms.CharField(
        max_length=200, error_messages={"required": "Enter what the money was spent on"}
    )

    def __init__(self, *args: Any, initiatives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives  # type: ignore[attr-defined]


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label="Participant steps file (CSV)",
        help_text="Columns participant_ref, step, reached_date, and optionally age_band, sex, "
        "ethnicity_group, disability",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv"}),
        error_messages={
            "required": "Choose the participant steps file to upload",
            "empty": "The file you chose is empty",
        },
    )


def _choices(values: dict[str, str]) -> list[tuple[str, str]]:
    return list(values.items())


class ParticipantStepForm(forms.Form):
    participant_ref = forms.RegexField(
        regex=r"^[A-Za-z0-9_-]{1,64}$",
        label="Participant reference",
        help_text="The programme's own reference, like BR-0001; never a name",
        error_messages={
            "required": "Enter the participant's reference, like BR-0001",
            "invalid": "Use up to 64 letters, digits, - or _, like BR-0001",
        },
    )
    step = forms.ChoiceField(
        label="Step reached", choices=_choices(STEPS),
        error_messages={"required": "Choose the step the participant reached"},
    )  # fmt: skip
    reached_date = forms.DateField(
        label="Date reached",
        input_formats=DATE_FORMATS,
        error_messages={"required": "Enter the date the step was reached", "invalid": ENTER_DATE},
    )
    age_band = forms.ChoiceField(label="Age", choices=_choices(CHARACTERISTICS["age_band"]))
    sex = forms.ChoiceField(label="Sex", choices=_choices(CHARACTERISTICS["sex"]))
    ethnicity_group = forms.ChoiceField(
        label="Ethnic group", choices=_choices(CHARACTERISTICS["ethnicity_group"])
    )
    disability = forms.ChoiceField(
        label="Disability", choices=_choices(CHARACTERISTICS["disability"])
    )
