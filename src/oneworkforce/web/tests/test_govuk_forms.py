"""The GOV.UK form tags: each error links to its field."""

from django import forms
from django.template import Context, Template

from oneworkforce.web.templatetags.govuk_forms import error_summary


class ExampleForm(forms.Form):
    name = forms.CharField(error_messages={"required": "Enter the name"})
    kind = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a kind"},
    )

    def clean(self):
        raise forms.ValidationError("Something about the whole form")


class TestErrorSummary:
    def test_links_each_error_to_its_field_and_radios_to_the_first_option(self):
        form = ExampleForm(data={})
        form.is_valid()

        summary = error_summary(form)

        assert summary["errors"] == [
            {"anchor": "id_name", "message": "Enter the name"},
            {"anchor": "id_kind_0", "message": "Choose a kind"},
            {"anchor": "", "message": "Something about the whole form"},
        ]

    def test_a_form_without_errors_has_nothing_to_summarise(self):
        form = forms.Form(data={})

        summary = error_summary(form)

        assert summary["errors"] == []


class TestField:
    def test_renders_the_error_beside_the_field(self):
        form = ExampleForm(data={})
        form.is_valid()

        html = Template("{% load govuk_forms %}{% field form.name %}").render(
            Context({"form": form})
        )

        assert 'class="govuk-form-group govuk-form-group--error"' in html
        assert "Enter the name" in html
        assert 'aria-describedby="id_name-error"' in html
