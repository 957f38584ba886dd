"""Writes the reference lists read by ``data_files`` into the database.

It is handed the model classes through ``get_model`` rather than importing them, so that the
``load_reference_data`` command passes the live models and a data migration passes the
historical ones. Fields the given model does not have are skipped: a migration written before
a column existed still loads today's files.

Rows are matched on their key. A row whose values already match is left alone (so loading twice
changes nothing, not even ``updated_at``); a changed row is updated; a new one is created; a row
no longer in any file is marked retired, never deleted, and comes back if its file lists it again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone

from oneworkforce.reference.data_files import (
    KINDS,
    DataFileError,
    ReferenceList,
    read_reference_lists,
)

GetModel = Callable[[str, str], type[models.Model]]

APP_LABEL = "reference"
MODEL_OF_KIND = {
    "staff_groups": "StaffGroup",
    "job_roles": "JobRole",
    "qualifications": "Qualification",
    "apprenticeship_standards": "ApprenticeshipStandard",
    "training_subjects": "TrainingSubject",
    "code_list": "CodeListItem",
}
# Columns that name rows of another list by key: field name -> kind of the list named.
FOREIGN_KEYS = {"apprenticeship_standards": {"mandatory_qualification": "qualifications"}}
MANY_TO_MANY = {"job_roles": {"nhs_staff_groups": "staff_groups"}}


@dataclass
class ListCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0

    @property
    def current(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class LoadReport:
    """Counts per list name (as in ``sources.json``)."""

    counts: dict[str, ListCounts] = field(default_factory=lambda: defaultdict(ListCounts))

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated or c.retired for c in self.counts.values())


def load_reference_lists(
    *, get_model: GetModel, lists: Sequence[ReferenceList], loaded_at: datetime
) -> LoadReport:
    report = LoadReport()
    ids_by_kind: dict[str, dict[str, int]] = {}
    for kind in KINDS:
        of_kind = [item for item in lists if item.meta.kind == kind]
        model = get_model(APP_LABEL, MODEL_OF_KIND[kind])
        _load_kind(
            kind=kind,
            model=model,
            lists=of_kind,
            ids_by_kind=ids_by_kind,
            loaded_at=loaded_at,
            report=report,
        )
        current = model._default_manager.filter(retired_at__isnull=True)
        ids_by_kind[kind] = dict(current.values_list("key", "pk"))
    return report


def load_in_migration(apps: Any, schema_editor: Any) -> None:
    """``RunPython`` step of the load migrations: every shipped file, through the migration's
    historical models (decision 0041)."""
    load_reference_lists(
        get_model=apps.get_model, lists=read_reference_lists(), loaded_at=timezone.now()
    )


def _row_key(kind: str, row: Mapping[str, Any]) -> tuple[str, ...]:
    return (row["list_name"], row["key"]) if kind == "code_list" else (row["key"],)


def _object_key(kind: str, obj: Any) -> tuple[str, ...]:
    return (obj.list_name, obj.key) if kind == "code_list" else (obj.key,)


def _load_kind(
    *,
    kind: str,
    model: type[models.Model],
    lists: Iterable[ReferenceList],
    ids_by_kind: Mapping[str, Mapping[str, int]],
    loaded_at: datetime,
    report: LoadReport,
) -> None:
    manager = model._default_manager
    # Historical models (in a migration) are not the classes mypy knows, so rows are ``Any``.
    existing: dict[tuple[str, ...], Any] = {_object_key(kind, obj): obj for obj in manager.all()}
    wanted: list[tuple[str, Mapping[str, Any]]] = [
        (item.meta.name, row) for item in lists for row in item.rows
    ]
    wanted_keys = {_row_key(kind, row) for _, row in wanted}
    if len(wanted_keys) != len(wanted):
        raise DataFileError(f"two files of kind {kind!r} share a key")

    # Retire first: outside codes are unique among current rows only, so a code can move from
    # a retired row to a new one in the same load.
    names = {name for name, _ in wanted}
    single_list = names.pop() if len(names) == 1 else kind
    for obj_key, obj in existing.items():
        if obj_key not in wanted_keys and obj.retired_at is None:
            obj.retired_at = loaded_at
            obj.save(update_fields=["retired_at", "updated_at"])
            list_name = obj.list_name if kind == "code_list" else single_list
            report.counts[list_name].retired += 1

    attnames = {f.name: f.attname for f in model._meta.concrete_fields}
    m2m_names = {f.name for f in model._meta.many_to_many}
    for list_name, row in wanted:
        values, relations = _field_values(
            kind=kind, row=row, attnames=attnames, m2m_names=m2m_names, ids_by_kind=ids_by_kind
        )
        obj = existing.get(_row_key(kind, row))
        counts = report.counts[list_name]
        created = obj is None
        changed = False
        if obj is None:
            obj = manager.create(**values)
        else:
            changed_fields = [name for name, value in values.items() if getattr(obj, name) != value]
            if changed_fields:
                for name in changed_fields:
                    setattr(obj, name, values[name])
                obj.save(update_fields=[*changed_fields, "updated_at"])
                changed = True
        for name, pks in relations.items():
            related = getattr(obj, name)
            if set(related.values_list("pk", flat=True)) != pks:
                related.set(pks)
                changed = True
        if created:
            counts.created += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1


def _field_values(
    *,
    kind: str,
    row: Mapping[str, Any],
    attnames: Mapping[str, str],
    m2m_names: set[str],
    ids_by_kind: Mapping[str, Mapping[str, int]],
) -> tuple[dict[str, Any], dict[str, set[int]]]:
    values: dict[str, Any] = {"retired_at": None}
    relations: dict[str, set[int]] = {}
    foreign_keys = FOREIGN_KEYS.get(kind, {})
    many_to_many = MANY_TO_MANY.get(kind, {})
    for name, value in row.items():
        if name in foreign_keys and name in attnames:
            values[attnames[name]] = _resolve(row, name, value, ids_by_kind[foreign_keys[name]])
        elif name in many_to_many and name in m2m_names:
            ids = ids_by_kind[many_to_many[name]]
            relations[name] = {_resolve(row, name, key, ids) for key in value}
        elif name in attnames:
            values[attnames[name]] = value
    return values, relations


def _resolve(row: Mapping[str, Any], column: str, key: str, ids: Mapping[str, int]) -> Any:
    if not key:
        return None
    try:
        return ids[key]
    except KeyError:
        raise DataFileError(
            f"row {row['key']!r}: {column} names {key!r}, which is not a current row of its list"
        ) from None
