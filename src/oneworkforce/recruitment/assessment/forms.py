"""Forms of the assessment: one question's answer, an adviser's note, and the draft bank's
question and threshold editors. They validate and normalise; services save."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms

from oneworkforce.engines import assessment as engine
from oneworkforce.recruitment.assessment.documents import ShownQuestion
from oneworkforce.recruitment.assessment.services import NOT_AN_OPTION

ENTER_PROMPT = "Enter the question in English"
ENTER_OPTION = "Enter at least two answers, each with its English text"
BAD_SCORES = (
    'Write the points of answer {number} like "dignity 2, respect 1": measures are {measures}, '
    "points from 0 to {most}"
)
BAD_KEY = 'Enter a short name of lower-case letters, digits and hyphens, like "door-opens"'
KEY_TAKEN = "The draft already has a question called {key}"
THRESHOLDS_ORDER = "The concern threshold must be below the strong threshold"
OPTION_ROWS = 5
_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


class AnswerForm(forms.Form):
    """One question page: the question is the page's heading (a fieldset legend)."""

    def __init__(self, *args: Any, question: ShownQuestion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"] = forms.ChoiceField(
            label=question.prompt,
            help_text=question.hint,
            choices=[(option.key, option.label) for option in question.options],
            widget=forms.RadioSelect,
            error_messages={"required": NOT_AN_OPTION, "invalid_choice": NOT_AN_OPTION},
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        help_text="What you discussed with the candidate and what you agreed. They can read "
        "it when they download their data.",
        widget=forms.Textarea,
        error_messages={"required": "Enter a note"},
    )


def _parse_scores(text: str) -> dict[str, int] | None:
    scores: dict[str, int] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        match = re.fullmatch(r"([a-z]+)\s*[:= ]\s*(\d+)", part)
        if not match or match[1] not in engine.MEASURES:
            return None
        points = int(match[2])
        if points > engine.MOST_POINTS:
            return None
        scores[match[1]] = points
    return scores


def scores_text(scores: dict[str, int]) -> str:
    return ", ".join(f"{measure} {points}" for measure, points in scores.items())


class QuestionForm(forms.Form):
    """A question of the draft bank with up to five answers, each scored against measures."""

    key = forms.CharField(
        label="Short name",
        help_text="Lower-case letters, digits and hyphens. Attempts record answers by it.",
        max_length=40,
    )
    section = forms.ChoiceField(
        label="Section",
        choices=[
            (engine.Section.VALUES.value, "Care values (situations)"),
            (engine.Section.SKILLS.value, "English, maths and digital skills"),
            (engine.Section.READINESS.value, "Job readiness"),
        ],
        widget=forms.RadioSelect,
    )
    prompt_en = forms.CharField(label="Question in English", widget=forms.Textarea)
    prompt_ur = forms.CharField(
        label="Question in Urdu",
        widget=forms.Textarea,
        required=False,
        help_text="Left empty, Urdu pages show the English.",
    )
    hint_en = forms.CharField(label="Hint in English (optional)", required=False)
    hint_ur = forms.CharField(label="Hint in Urdu (optional)", required=False)

    def __init__(
        self, *args: Any, existing_keys: set[str], editing: str | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.existing_keys = existing_keys
        self.editing = editing
        if editing:
            self.fields["key"].disabled = True
        for number in range(1, OPTION_ROWS + 1):
            self.fields[f"option_{number}_en"] = forms.CharField(
                label=f"Answer {number} in English", required=False
            )
            self.fields[f"option_{number}_ur"] = forms.CharField(
                label=f"Answer {number} in Urdu", required=False
            )
            self.fields[f"option_{number}_scores"] = forms.CharField(
                label=f"Points of answer {number}",
                required=False,
                help_text="For example: dignity 2, respect 1. Leave empty for no points.",
            )

    def option_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"option_{n}_en"], self[f"option_{n}_ur"], self[f"option_{n}_scores"])
            for n in range(1, OPTION_ROWS + 1)
        ]

    def clean_key(self) -> str:
        key: str = self.cleaned_data["key"].strip()
        if not _KEY.fullmatch(key):
            raise forms.ValidationError(BAD_KEY)
        if self.editing is None and key in self.existing_keys:
            raise forms.ValidationError(KEY_TAKEN.format(key=key))
        return key

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        options = []
        for number in range(1, OPTION_ROWS + 1):
            english = (cleaned.get(f"option_{number}_en") or "").strip()
            urdu = (cleaned.get(f"option_{number}_ur") or "").strip()
            scores_raw = cleaned.get(f"option_{number}_scores") or ""
            if not english:
                continue
            scores = _parse_scores(scores_raw)
            if scores is None:
                self.add_error(
                    f"option_{number}_scores",
                    BAD_SCORES.format(
                        number=number, measures=", ".join(engine.MEASURES), most=engine.MOST_POINTS
                    ),
                )
                continue
            label = {"en-gb": english} | ({"ur": urdu} if urdu else {})
            options.append({"key": f"a{number}", "label": label, "scores": scores})
        if len(options) < 2 and not self.errors:
            self.add_error("option_1_en", ENTER_OPTION)
        cleaned["options"] = options
        return cleaned

    def question(self) -> dict[str, Any]:
        data = self.cleaned_data
        key = self.editing or data["key"]

        def text(english: str, urdu: str) -> dict[str, str]:
            return {"en-gb": english.strip()} | ({"ur": urdu.strip()} if urdu.strip() else {})

        entry: dict[str, Any] = {
            "key": key,
            "section": data["section"],
            "prompt": text(data["prompt_en"], data.get("prompt_ur", "")),
        }
        if data.get("hint_en", "").strip():
            entry["hint"] = text(data["hint_en"], data.get("hint_ur", ""))
        entry["options"] = data["options"]
        return entry

    @classmethod
    def initial_for(cls, entry: dict[str, Any]) -> dict[str, Any]:
        initial = {
            "key": entry["key"],
            "section": entry["section"],
            "prompt_en": entry.get("prompt", {}).get("en-gb", ""),
            "prompt_ur": entry.get("prompt", {}).get("ur", ""),
            "hint_en": (entry.get("hint") or {}).get("en-gb", ""),
            "hint_ur": (entry.get("hint") or {}).get("ur", ""),
        }
        for number, option in enumerate(entry.get("options", [])[:OPTION_ROWS], start=1):
            initial[f"option_{number}_en"] = option.get("label", {}).get("en-gb", "")
            initial[f"option_{number}_ur"] = option.get("label", {}).get("ur", "")
            initial[f"option_{number}_scores"] = scores_text(option.get("scores", {}))
        return initial


class ThresholdsForm(forms.Form):
    strong_percent = forms.IntegerField(
        label="Strong from (per cent of the most points)",
        min_value=1,
        max_value=100,
        help_text="A measure at or above this share of its maximum is a strength.",
    )
    concern_percent = forms.IntegerField(
        label="Needs work below (per cent of the most points)",
        min_value=1,
        max_value=100,
        help_text="A care value below this share means preparation comes first.",
    )
    change_note = forms.CharField(
        label="Why the change",
        required=False,
        widget=forms.Textarea,
        help_text="Kept with the version, so that later readers know why results changed.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        strong, concern = cleaned.get("strong_percent"), cleaned.get("concern_percent")
        if strong is not None and concern is not None and concern >= strong:
            self.add_error("concern_percent", THRESHOLDS_ORDER)
        return cleaned


NOT_JSON = "The file is not a question bank: {problem}. Upload a .json file saved from this page"
TOO_LARGE = (
    "The file is larger than 1 MB. A question bank is far smaller: check it is the right file"
)
MAX_DOCUMENT_BYTES = 1024 * 1024


class DocumentForm(forms.Form):
    """A whole bank document, for changes the question and scoring pages do not cover
    (recommendations, next steps, placements, sections' text)."""

    file = forms.FileField(
        label="Question bank file",
        help_text="A .json file: download a version from its page, change it, upload it here.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise forms.ValidationError(NOT_JSON.format(problem=error)) from error
