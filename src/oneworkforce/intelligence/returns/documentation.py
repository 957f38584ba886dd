"""The documentation of every format, column and code, as data a Django page renders.

Built from the same specifications and rules that read and validate files, so the page cannot
drift from the validator: each column lists its codes with their labels and every rule that
can report on it, with the rule's severity and what it says (row values shown as "…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.formats import FORMATS, FileFormat
from oneworkforce.intelligence.returns.report import Severity
from oneworkforce.intelligence.returns.rules.common import Context
from oneworkforce.intelligence.returns.templates import template_filename
from oneworkforce.intelligence.returns.validation import rules_for

__all__ = [
    "CodeDoc",
    "ColumnDoc",
    "FormatDoc",
    "RuleDoc",
    "all_documentation",
    "documentation",
]

# Any reference date gives the same rules; only the wording of dates in messages depends on it.
_DOCUMENTED_ON = date(2026, 3, 31)
_PLACEHOLDER = re.compile(r"\{\w+\}")


@dataclass(frozen=True)
class CodeDoc:
    code: str
    label: str


@dataclass(frozen=True)
class RuleDoc:
    key: str
    severity: Severity
    says: str


@dataclass(frozen=True)
class ColumnDoc:
    position: int
    name: str
    required: bool
    optional_column: bool
    kind: str
    meaning: str
    example: str
    max_length: int | None
    codes_title: str | None
    codes_source: str | None
    codes: tuple[CodeDoc, ...]
    rules: tuple[RuleDoc, ...]


@dataclass(frozen=True)
class FormatDoc:
    key: str
    title: str
    summary: str
    template_filename: str
    columns: tuple[ColumnDoc, ...]

    @property
    def errors_and_warnings(self) -> tuple[int, int]:
        rules = [rule for column in self.columns for rule in column.rules]
        errors = sum(rule.severity is Severity.ERROR for rule in rules)
        return errors, len(rules) - errors


@cache
def documentation(file_format: FileFormat) -> FormatDoc:
    """Everything a person needs to fill a file of this format.

    >>> from oneworkforce.intelligence.returns.formats import ASCWDS_STAFF
    >>> doc = documentation(ASCWDS_STAFF)
    >>> column = next(column for column in doc.columns if column.name == "MAINJOBROLE")
    >>> column.required, column.codes[7]
    (True, CodeDoc(code='8', label='Care worker'))
    >>> [rule.key for rule in column.rules]
    ['MAINJOBROLE.required', 'MAINJOBROLE.code', 'MAINJOBROLE.legacy_code']
    """
    context = Context(
        reference_date=_DOCUMENTED_ON, workplace_ids=frozenset(), staff_keys=frozenset()
    )
    rules = rules_for(file_format, context)
    optional = {column.name for column in file_format.optional_columns}
    columns = []
    for position, column in enumerate(file_format.all_columns, start=1):
        codes = reference()[column.codes] if column.codes else None
        columns.append(
            ColumnDoc(
                position=position,
                name=column.name,
                required=column.required,
                optional_column=column.name in optional,
                kind=column.kind.value,
                meaning=column.description,
                example=column.example,
                max_length=column.max_length,
                codes_title=codes.title if codes else None,
                codes_source=codes.source if codes else None,
                codes=tuple(
                    CodeDoc(code.code, code.label) for code in codes.codes if not code.is_legacy
                )
                if codes
                else (),
                rules=tuple(
                    RuleDoc(rule.key, rule.severity, _PLACEHOLDER.sub("…", rule.message))
                    for rule in rules
                    if rule.anchor == column.name
                ),
            )
        )
    return FormatDoc(
        key=file_format.key,
        title=file_format.title,
        summary=file_format.summary,
        template_filename=template_filename(file_format),
        columns=tuple(columns),
    )


def all_documentation() -> tuple[FormatDoc, ...]:
    """The documentation of every format, in the order a partner meets them."""
    return tuple(documentation(file_format) for file_format in FORMATS.values())
