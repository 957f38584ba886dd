"""Show a candidate's stored choices (lists of keys) as the words a person reads."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from oneworkforce.recruitment.forms import LANGUAGES_SPOKEN
from oneworkforce.recruitment.models import (
    AVAILABILITY_SLOTS,
    Barrier,
    Benefit,
    CareSetting,
    Day,
    RoleInterest,
    Shift,
)

register = template.Library()

_CHOICES: dict[str, type[models.TextChoices]] = {
    "settings": CareSetting,
    "roles": RoleInterest,
    "barriers": Barrier,
    "benefits": Benefit,
}


@register.filter
def choice_labels(keys: list[str] | None, kind: str) -> list[str]:
    """``["home_care"]|choice_labels:"settings"`` → the translated labels, in stored order."""
    if kind == "languages":
        known = dict(LANGUAGES_SPOKEN)
        return [str(known.get(key, key)) for key in keys or []]
    choices = _CHOICES[kind]
    labels = dict(choices.choices)
    return [str(labels.get(key, key)) for key in keys or []]


@register.simple_tag
def availability_table(slots: list[str] | None) -> list[dict[str, Any]]:
    """One row a day: the day's label, and for each shift whether the person can work it."""
    ticked = set(slots or []) & set(AVAILABILITY_SLOTS)
    return [
        {"label": label, "cells": [f"{day}:{shift}" in ticked for shift in Shift.values]}
        for day, label in Day.choices
    ]


@register.simple_tag
def shift_labels() -> list[str]:
    return [str(label) for label in Shift.labels]
