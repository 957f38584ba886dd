"""Forms validate and normalise what people type; services decide and save."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from oneworkforce.partners.models import OrganisationKind, Role, SharingScope
from oneworkforce.reference import postcodes

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]
ENTER_DATE = "Enter a date like 31/03/2027"


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Enter the email address and password of your account. Both are case-sensitive "
            "for the password only."
        ),
        "inactive": _("This account has been closed. Ask your partnership administrator."),
    }

    def clean_username(self) -> str:
        # Addresses are stored in lower case; people type them as they like.
        return self.cleaned_data["username"].strip().lower()


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the partner's name"}
    )
    kind = forms.ChoiceField(
        label="Type of organisation",
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of organisation"},
    )
    cqc_provider_id = forms.RegexField(
        label="CQC provider ID (optional)",
        regex=r"^1-\d{6,11}$",
        required=False,
        help_text="For example, 1-101613245",
        error_messages={"invalid": "Enter a CQC provider ID like 1-101613245"},
    )
    ods_code = forms.RegexField(
        label="NHS ODS code (optional)",
        regex=r"^[A-Za-z0-9]{3,6}$",
        required=False,
        help_text="For example, RNA for a trust or M87001 for a GP practice",
        error_messages={"invalid": "Enter an ODS code of 3 to 6 letters and numbers, like RNA"},
    )
    ascwds_workplace_id = forms.RegexField(
        label="ASC-WDS workplace ID (optional)",
        regex=r"^[A-Za-z]?\d{6,8}$",
        required=False,
        help_text="The workplace ID in the Adult Social Care Workforce Data Set, like J1234567",
        error_messages={"invalid": "Enter an ASC-WDS workplace ID like J1234567"},
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_ods_code(self) -> str:
        return self.cleaned_data["ods_code"].upper()

    def clean_ascwds_workplace_id(self) -> str:
        return self.cleaned_data["ascwds_workplace_id"].upper()


class SiteForm(forms.Form):
    name = forms.CharField(
        label="Site name", max_length=200, error_messages={"required": "Enter the site's name"}
    )
    address_line_1 = forms.CharField(
        label="Address line 1",
        max_length=200,
        error_messages={"required": "Enter the first line of the address"},
    )
    address_line_2 = forms.CharField(
        label="Address line 2 (optional)", max_length=200, required=False
    )
    town = forms.CharField(
        label="Town or city", max_length=100, error_messages={"required": "Enter the town or city"}
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        error_messages={"required": "Enter a postcode, like DY1 1HF"},
    )
    cqc_location_id = forms.RegexField(
        label="CQC location ID (optional)",
        regex=r"^1-\d{6,11}$",
        required=False,
        error_messages={"invalid": "Enter a CQC location ID like 1-112233445"},
    )

    def clean_postcode(self) -> str:
        try:
            return postcodes.normalise(self.cleaned_data["postcode"])
        except postcodes.InvalidPostcode as error:
            raise forms.ValidationError(str(error)) from error


class InvitationForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter the person's name"}
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the role this person will have"},
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class AcceptInvitationForm(forms.Form):
    password = forms.CharField(
        label="Choose a password",
        strip=False,
        help_text="At least 12 characters. Avoid common words and your name.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    password_again = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", "The two passwords are different. Type them again.")
        return cleaned


class AgreementForm(forms.Form):
    provider = forms.ModelChoiceField(
        label="Organisation sharing its data",
        queryset=None,
        empty_label="Choose an organisation",
        error_messages={"required": "Choose the organisation that shares its data"},
    )
    recipient = forms.ModelChoiceField(
        label="Organisation allowed to see it",
        queryset=None,
        empty_label="Choose an organisation",
        error_messages={"required": "Choose the organisation that may see the data"},
    )
    scope = forms.ChoiceField(
        label="What may be seen",
        choices=SharingScope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the agreement covers"},
    )
    purpose = forms.CharField(
        label="Purpose",
        widget=forms.Textarea,
        help_text="Why the data is shared, as the signed agreement says.",
        error_messages={"required": "Enter the purpose of the agreement"},
    )
    start_date = forms.DateField(
        label="Start date",
        input_formats=DATE_FORMATS,
        help_text="For example, 01/04/2027",
        error_messages={"required": "Enter the start date", "invalid": ENTER_DATE},
    )
    end_date = forms.DateField(
        label="End date (optional)",
        input_formats=DATE_FORMATS,
        required=False,
        help_text="The last day the agreement covers. Leave empty if it has no end date.",
        error_messages={"invalid": ENTER_DATE},
    )

    def __init__(self, *args: object, organisations: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["provider"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["recipient"].queryset = organisations  # type: ignore[attr-defined]


class AgreementEndForm(forms.Form):
    end_date = forms.DateField(
        label="Last day the agreement covers",
        input_formats=DATE_FORMATS,
        help_text="For example, 31/03/2027",
        error_messages={"required": "Enter the last day", "invalid": ENTER_DATE},
    )


class AuditSearchForm(forms.Form):
    record_type = forms.CharField(
        label="Record type", required=False, help_text="For example, partners.user"
    )
    record_id = forms.CharField(label="Record ID", required=False)
    action = forms.ChoiceField(label="Action", required=False, choices=[("", "Any action")])
    since = forms.DateField(
        label="From",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": ENTER_DATE},
    )
    until = forms.DateField(
        label="To",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": ENTER_DATE},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        from oneworkforce.partners.models import AuditAction

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["action"].choices = [("", "Any action"), *AuditAction.choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if isinstance(since, date) and isinstance(until, date) and until < since:
            self.add_error("until", "The 'to' date must be the same as or after the 'from' date")
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What the token is for",
        max_length=100,
        help_text="For example, Nightly export to the trust's data warehouse",
        error_messages={"required": "Enter what the token is for"},
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=None,
        empty_label="Choose an organisation",
        error_messages={"required": "Choose the organisation the token acts for"},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the role the token acts in"},
    )

    def __init__(self, *args: object, organisations: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class TotpForm(forms.Form):
    token = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\s*\d{6}\s*$",
        help_text="The 6-digit code, like 123456",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "invalid": "Enter the 6-digit code from your authenticator app, like 123456",
        },
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()
