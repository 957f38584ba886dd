"""Render Django form fields in GOV.UK Frontend markup: label, hint, error, control."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField

register = template.Library()


def _kind(field: BoundField) -> str:
    widget = field.field.widget
    # Tick boxes first: Django's CheckboxSelectMultiple is a subclass of RadioSelect.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


@register.inclusion_tag("web/includes/field.html")
def field(bound: BoundField, label_size: str = "s", width: str = "", heading: bool = False) -> dict:
    return {
        "field": bound,
        "kind": _kind(bound),
        "label_size": label_size,
        "width": width,
        "heading": heading,
    }


@register.inclusion_tag("web/includes/error_summary.html")
def error_summary(*forms_: forms.BaseForm) -> dict:
    errors = []
    for form in forms_:
        for name, messages in form.errors.items():
            anchor = f"id_{form.add_prefix(name)}" if name != "__all__" else ""
            if name in form.fields and _kind(form[name]) in {"radios", "checkboxes"}:
                anchor += "_0"
            errors.extend({"anchor": anchor, "message": message} for message in messages)
    return {"errors": errors}
