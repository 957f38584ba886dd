"""Reads the reference data files shipped in ``reference/data/`` into plain Python values.

No Django here: the loader (``loading.py``) takes these values and writes them through either
the live models (the ``load_reference_data`` command) or the historical ones (a data migration).

``sources.json`` names every list: its kind, its CSV file, its sources and dates. Each CSV is
UTF-8 with a header row; the columns are fixed per kind (``COLUMNS``). Booleans are written
``yes``/``no``, lists of keys are separated by ``;``, and an empty cell means "not given".
A file that breaks these rules raises ``DataFileError`` naming the file, line and column.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCES_FILE = "sources.json"

# The order matters: job roles point at staff groups, standards at qualifications.
KINDS = (
    "staff_groups",
    "job_roles",
    "qualifications",
    "apprenticeship_standards",
    "training_subjects",
    "code_list",
)
SOURCE_DATE_KINDS = ("published", "month", "year", "read")

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class DataFileError(ValueError):
    """A reference data file that cannot be read as it stands."""


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    url: str
    date: str | None
    commit: str | None = None


@dataclass(frozen=True)
class ListMeta:
    name: str
    title: str
    kind: str
    file: str
    sources: tuple[Source, ...]
    source_date: date
    source_date_kind: str
    written_date: date
    licence: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ReferenceList:
    meta: ListMeta
    # One mapping per CSV row, keyed by model field name (plus ``source_date`` from the meta).
    rows: tuple[Mapping[str, object], ...]


Converter = Callable[[str], object]


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    return value.strip()


def _optional_text(value: str) -> str:
    return value.strip()


def _key(value: str) -> str:
    if not _KEY.match(value.strip()):
        raise ValueError(f"{value!r} is not a key (lower-case words joined by hyphens)")
    return value.strip()


def _optional_key(value: str) -> str:
    return _key(value) if value.strip() else ""


def _keys(value: str) -> tuple[str, ...]:
    return tuple(_key(part) for part in value.split(";") if part.strip())


def _integer(value: str) -> int:
    return int(value.strip())


def _optional_integer(value: str) -> int | None:
    return int(value.strip()) if value.strip() else None


def _yes_no(value: str) -> bool:
    answer = value.strip().lower()
    if answer not in {"yes", "no"}:
        raise ValueError(f"{value!r} is not yes or no")
    return answer == "yes"


_COMMON: dict[str, Converter] = {"key": _key, "notes": _optional_text}

COLUMNS: dict[str, dict[str, Converter]] = {
    "staff_groups": {**_COMMON, "name": _text, "sector": _text},
    "job_roles": {
        **_COMMON,
        "ascwds_code": _optional_integer,
        "name": _text,
        "role_group": _text,
        "sector": _text,
        "is_care_providing": _yes_no,
        "in_bulk_upload": _yes_no,
        "needs_description": _yes_no,
        "nhs_staff_groups": _keys,
    },
    "qualifications": {
        **_COMMON,
        "name": _text,
        "rqf_level": _optional_integer,
        "kind": _text,
        "sector": _text,
        "is_relevant_care_qualification": _yes_no,
        "is_legacy": _yes_no,
    },
    "apprenticeship_standards": {
        **_COMMON,
        "reference": _optional_text,
        "version": _optional_text,
        "title": _text,
        "level": _integer,
        "funding_band_max": _optional_integer,
        "sector": _text,
        "lars_code": _optional_text,
        "mandatory_qualification": _optional_key,
    },
    "training_subjects": {
        **_COMMON,
        "name": _text,
        "framework": _text,
        "framework_version": _optional_text,
        "number": _optional_integer,
        "level": _optional_integer,
        "in_cstf": _yes_no,
        "renewal_rule": _text,
        "renewal_months": _optional_integer,
        "refresher_hours_per_three_years": _optional_integer,
        "ascwds_training_category": _optional_text,
    },
    "code_list": {
        **_COMMON,
        "code": _optional_text,
        "label": _text,
        "group": _optional_text,
        "sort_order": _integer,
        "is_legacy": _yes_no,
    },
}

# Rows of a job-roles file without a ``source`` column come from ASC-WDS.
_DEFAULTS: dict[str, dict[str, object]] = {"job_roles": {"source": "ascwds"}}


def read_reference_lists(data_dir: Path = DATA_DIR) -> tuple[ReferenceList, ...]:
    """Every list named in ``sources.json``, in loading order (``KINDS``), rows as written."""
    metas = read_sources(data_dir)
    lists = [ReferenceList(meta=meta, rows=_read_rows(data_dir, meta)) for meta in metas]
    return tuple(sorted(lists, key=lambda item: KINDS.index(item.meta.kind)))


def read_sources(data_dir: Path = DATA_DIR) -> tuple[ListMeta, ...]:
    path = data_dir / SOURCES_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return tuple(_list_meta(name, entry) for name, entry in document["lists"].items())
    except (OSError, ValueError, KeyError, TypeError) as problem:
        raise DataFileError(f"{path}: {problem}") from problem


def _list_meta(name: str, entry: Mapping[str, object]) -> ListMeta:
    kind = str(entry["kind"])
    if kind not in KINDS:
        raise ValueError(f"list {name!r} has an unknown kind {kind!r}")
    source_date_kind = str(entry["source_date_kind"])
    if source_date_kind not in SOURCE_DATE_KINDS:
        raise ValueError(f"list {name!r} has an unknown source_date_kind {source_date_kind!r}")
    sources = entry["sources"]
    notes = entry["notes"]
    if not isinstance(sources, list) or not sources:
        raise ValueError(f"list {name!r} names no source")
    if not isinstance(notes, list):
        raise ValueError(f"list {name!r}: notes must be a list")
    for field in ("title", "licence"):
        if not str(entry[field]).strip():
            raise ValueError(f"list {name!r} has no {field}")
    return ListMeta(
        name=name,
        title=str(entry["title"]),
        kind=kind,
        file=str(entry["file"]),
        sources=tuple(
            Source(
                publisher=str(source["publisher"]),
                title=str(source["title"]),
                url=str(source["url"]),
                date=source.get("date"),
                commit=source.get("commit"),
            )
            for source in sources
        ),
        source_date=date.fromisoformat(str(entry["source_date"])),
        source_date_kind=source_date_kind,
        written_date=date.fromisoformat(str(entry["written_date"])),
        licence=str(entry["licence"]),
        notes=tuple(str(note) for note in notes),
    )


def _read_rows(data_dir: Path, meta: ListMeta) -> tuple[Mapping[str, object], ...]:
    path = data_dir / meta.file
    columns = COLUMNS[meta.kind]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = tuple(reader.fieldnames or ())
            missing = [column for column in columns if column not in header]
            unknown = [column for column in header if column not in columns]
            if missing or unknown:
                raise DataFileError(
                    f"{path}: columns missing {missing or 'none'}, not expected {unknown or 'none'}"
                )
            # Line 1 is the header, so the first record is on line 2.
            rows = [
                _convert(path, line, record, columns) for line, record in enumerate(reader, start=2)
            ]
    except OSError as problem:
        raise DataFileError(f"{path}: {problem}") from problem
    _check_unique(path, rows, "key")
    if meta.kind == "code_list":
        _check_unique(path, [row for row in rows if row["code"]], "code")
    defaults = _DEFAULTS.get(meta.kind, {})
    extra: dict[str, object] = {"source_date": meta.source_date}
    if meta.kind == "code_list":
        extra["list_name"] = meta.name
    return tuple({**defaults, **row, **extra} for row in rows)


def _convert(
    path: Path, line: int, record: Mapping[object, object], columns: dict[str, Converter]
) -> dict[str, object]:
    if None in record:
        raise DataFileError(f"{path}, line {line}: more cells than columns")
    row: dict[str, object] = {}
    for column, convert in columns.items():
        cell = record[column]
        if cell is None:
            raise DataFileError(f"{path}, line {line}: fewer cells than columns")
        try:
            row[column] = convert(str(cell))
        except ValueError as problem:
            raise DataFileError(f"{path}, line {line}, column {column}: {problem}") from problem
    return row


def _check_unique(path: Path, rows: list[dict[str, object]], column: str) -> None:
    seen: set[object] = set()
    for row in rows:
        if row[column] in seen:
            raise DataFileError(f"{path}: {column} {row[column]!r} appears twice")
        seen.add(row[column])
