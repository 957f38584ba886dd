from __future__ import annotations

from django import forms

from oneworkforce.intelligence.models import ReturnFormat
from oneworkforce.partners.forms import DATE_FORMATS, ENTER_DATE


class ReturnUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Partner",
        queryset=None,
        empty_label="Choose the partner this return is for",
        error_messages={"required": "Choose the partner this return is for"},
    )
    file_format = forms.ChoiceField(
        label="What kind of file is it?",
        choices=ReturnFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of file this is"},
    )
    reporting_date = forms.DateField(
        label="The date the return describes",
        input_formats=DATE_FORMATS,
        help_text="Usually the last day of the quarter or year, for example 31/03/2026",
        error_messages={"required": "Enter the date the return describes", "invalid": ENTER_DATE},
    )
    file = forms.FileField(
        label="The file",
        help_text="CSV or Excel (.xlsx), up to 50 MB, with the format's header row",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={
            "required": "Choose the file to upload",
            "empty": "The file you chose is empty",
        },
    )

    def __init__(self, *args: object, organisations: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
