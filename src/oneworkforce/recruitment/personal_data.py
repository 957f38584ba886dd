"""The one registry of models that hold a candidate's personal data.

The subject-access download and the erasure both walk this registry, so a model added later
is either registered here (and so downloaded and erased with the rest) or fails the system
check ``recruitment.E001`` and the test that looks for every relation to ``Candidate``.
Another app registers its models from its ``AppConfig.ready``::

    from oneworkforce.recruitment import personal_data
    personal_data.register(Result, label="Assessment results")
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core import checks
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from oneworkforce.recruitment.models import (
    Candidate,
    Consent,
    EqualityMonitoring,
    ErasureRequest,
    LikelyDuplicate,
    SignInCode,
)


class OnErase(enum.Enum):
    DELETE = "delete"
    # The row stays as a dated record that something happened, with its link to the person
    # cut and the listed fields blanked.
    DETACH = "detach"


@dataclass(frozen=True)
class PersonalDataModel:
    model: type[models.Model]
    label: str | Promise
    candidate_fields: tuple[str, ...]
    hidden_fields: frozenset[str]
    on_erase: OnErase

    def rows_for(self, candidate: Candidate) -> models.QuerySet[Any]:
        match = Q()
        for name in self.candidate_fields:
            match |= Q(**{name: candidate.pk})
        return self.model._default_manager.filter(match).order_by("pk")


_REGISTRY: dict[type[models.Model], PersonalDataModel] = {}


def register(
    model: type[models.Model],
    *,
    label: str | Promise,
    candidate_fields: Iterable[str] = ("candidate",),
    hidden_fields: Iterable[str] = (),
    on_erase: OnErase = OnErase.DELETE,
) -> None:
    """Declare that ``model`` holds a candidate's personal data, reached through
    ``candidate_fields``: foreign keys to ``Candidate``, or lookups through a model that is
    registered itself (``"attempt__candidate"``), whose rows move and go with that model's.
    ``hidden_fields`` are left out of the download (secrets such as code hashes), never out of
    the erasure."""
    fields = tuple(candidate_fields)
    if on_erase is OnErase.DETACH and any("__" in name for name in fields):
        raise ValueError("Only a direct foreign key to Candidate can be cut on erasure.")
    _REGISTRY[model] = PersonalDataModel(
        model=model,
        label=label,
        candidate_fields=fields,
        hidden_fields=frozenset(hidden_fields),
        on_erase=on_erase,
    )


def registered() -> list[PersonalDataModel]:
    """Every registered model, the candidate record first."""
    return sorted(_REGISTRY.values(), key=lambda entry: entry.model is not Candidate)


def is_registered(model: type[models.Model]) -> bool:
    return model in _REGISTRY


def models_referring_to_candidate() -> Iterator[type[models.Model]]:
    """Every installed model with a foreign key or one-to-one field to ``Candidate`` (the
    tables Django makes for many-to-many fields go with the model that declares them)."""
    for model in apps.get_models():
        if any(
            field.is_relation
            and bool(field.many_to_one or field.one_to_one)
            and field.concrete
            and field.related_model is Candidate
            for field in model._meta.get_fields()
        ):
            yield model


def unregistered_models() -> list[type[models.Model]]:
    return [model for model in models_referring_to_candidate() if not is_registered(model)]


@checks.register(checks.Tags.models)
def check_every_candidate_model_is_registered(**kwargs: Any) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"{model._meta.label} refers to Candidate but is not in the personal-data registry.",
            hint="Call oneworkforce.recruitment.personal_data.register() from its app's ready().",
            obj=model,
            id="recruitment.E001",
        )
        for model in unregistered_models()
    ]


register(Candidate, label=_("Your profile"), candidate_fields=("pk",))
register(EqualityMonitoring, label=_("Equality monitoring answers"))
register(Consent, label=_("Your consent: who may see your profile"))
register(
    SignInCode,
    label=_("Sign-in codes issued to you"),
    hidden_fields=("code_hash",),
)
register(
    LikelyDuplicate,
    label=_("Checks for a second record of you"),
    candidate_fields=("candidate", "existing"),
)
register(
    ErasureRequest,
    label=_("Your requests to delete your data"),
    on_erase=OnErase.DETACH,
)
