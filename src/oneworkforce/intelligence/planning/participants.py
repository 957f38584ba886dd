"""The participant steps file: people an initiative moved forward, one row per step reached.

::

    participant_ref,step,reached_date,age_band,sex,ethnicity_group,disability
    BR-0001,registered,2026-04-14,25 to 34,female,asian,no
    BR-0001,started,2026-06-02,25 to 34,female,asian,no

- ``participant_ref``: the programme's own pseudonymous reference (letters, digits, - and _,
  up to 64), never a name, e-mail or national insurance number;
- ``step``: one of the journey's steps (``registered``, ``assessed``, ``trained``,
  ``applied``, ``interviewed``, ``offered``, ``started``, ``retained_6_months``,
  ``retained_12_months``);
- ``reached_date``: the date, as 2026-06-02 or 02/06/2026;
- equality groups, each optional (empty is ``unknown``): ``age_band`` (16 to 24, 25 to 34,
  35 to 44, 45 to 54, 55 to 64, 65 and over), ``sex`` (female, male, other),
  ``ethnicity_group`` (white, mixed, asian, black, other), ``disability`` (yes, no).

A file with any bad row is refused whole; a row already recorded (same person, same step)
is updated, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from oneworkforce.intelligence.planning.steps import CHARACTERISTICS, STEPS

__all__ = ["COLUMNS", "ParticipantFileError", "ParticipantRow", "read_participants_csv"]

COLUMNS = (
    "participant_ref", "step", "reached_date", "age_band", "sex", "ethnicity_group", "disability",
)  # fmt: skip
REQUIRED = ("participant_ref", "step", "reached_date")
REFERENCE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_FILE_BYTES = 5_000_000
MAX_MESSAGES = 200

NOT_UTF8 = "The file is not a CSV file in UTF-8; save it as 'CSV UTF-8' and upload it again"
TOO_BIG = "The file is bigger than 5 MB; split it into smaller files"
EMPTY_FILE = "The file is empty; it needs a header row and one row per step a person reached"
MISSING_COLUMNS = "The first row must name the columns {required}; it does not name {missing}"
BAD_REFERENCE = (
    "Line {line}: participant_ref {value!r} is not a reference; use up to 64 letters, digits, "
    "- or _, like BR-0001 (never a name or e-mail address)"
)
BAD_STEP = "Line {line}: step {value!r} is not one of {steps}"
BAD_DATE = "Line {line}: reached_date {value!r} is not a date; enter it like 2026-06-02"
FUTURE_DATE = "Line {line}: reached_date {value} is in the future; enter the date it happened"
BAD_GROUP = "Line {line}: {column} {value!r} is not one of {allowed} (or leave it empty)"
DUPLICATE_ROW = "Line {line}: {ref} reaching {step} is also on line {first}; give it once"
TOO_MANY_PROBLEMS = "and {more} more problems; correct these first"


class ParticipantFileError(ValueError):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages[:3]))
        self.messages = messages


@dataclass(frozen=True)
class ParticipantRow:
    participant_ref: str
    step: str
    reached_date: date
    age_band: str
    sex: str
    ethnicity_group: str
    disability: str


def _date(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_participants_csv(content: bytes, *, today: date) -> list[ParticipantRow]:
    """The rows of a participant steps file, or :class:`ParticipantFileError` listing every
    problem by line.

    >>> content = b"participant_ref,step,reached_date\\nBR-1,started,2026-06-02\\n"
    >>> read_participants_csv(content, today=date(2026, 7, 1))[0].age_band
    'unknown'

    Complexity: O(n) for n rows.
    """
    if len(content) > MAX_FILE_BYTES:
        raise ParticipantFileError([TOO_BIG])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParticipantFileError([NOT_UTF8]) from error
    lines = list(csv.reader(io.StringIO(text)))
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ParticipantFileError([EMPTY_FILE])
    header = [cell.strip().lower() for cell in lines[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ParticipantFileError(
            [MISSING_COLUMNS.format(required=", ".join(REQUIRED), missing=", ".join(missing))]
        )
    messages: list[str] = []
    rows: list[ParticipantRow] = []
    seen: dict[tuple[str, str], int] = {}
    for line, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        position = {name: header.index(name) for name in COLUMNS if name in header}
        values = {
            name: cells[position[name]].strip()
            if position.get(name, len(cells)) < len(cells)
            else ""
            for name in COLUMNS
        }
        row = _row(line, values, today)
        if isinstance(row, list):
            messages.extend(row)
            continue
        key = (row.participant_ref, row.step)
        if key in seen:
            messages.append(
                DUPLICATE_ROW.format(line=line, ref=key[0], step=key[1], first=seen[key])
            )
            continue
        seen[key] = line
        rows.append(row)
    if not rows and not messages:
        messages.append(EMPTY_FILE)
    if messages:
        shown = messages[:MAX_MESSAGES]
        if len(messages) > MAX_MESSAGES:
            shown.append(TOO_MANY_PROBLEMS.format(more=len(messages) - MAX_MESSAGES))
        raise ParticipantFileError(shown)
    return rows


def _row(line: int, values: dict[str, str], today: date) -> ParticipantRow | list[str]:
    problems = []
    if not REFERENCE.match(values["participant_ref"]):
        problems.append(BAD_REFERENCE.format(line=line, value=values["participant_ref"]))
    step = values["step"].lower()
    if step not in STEPS:
        problems.append(BAD_STEP.format(line=line, value=values["step"], steps=", ".join(STEPS)))
    reached = _date(values["reached_date"])
    if reached is None:
        problems.append(BAD_DATE.format(line=line, value=values["reached_date"]))
    elif reached > today:
        problems.append(FUTURE_DATE.format(line=line, value=reached.isoformat()))
    groups = {}
    for column, allowed in CHARACTERISTICS.items():
        value = values[column].lower() or "unknown"
        known = {key.lower(): key for key in allowed}
        if value not in known:
            choices = ", ".join(key for key in allowed if key != "unknown")
            problems.append(
                BAD_GROUP.format(line=line, column=column, value=values[column], allowed=choices)
            )
        else:
            groups[column] = known[value]
    if problems:
        return problems
    assert reached is not None
    return ParticipantRow(
        values["participant_ref"],
        step,
        reached,
        groups["age_band"],
        groups["sex"],
        groups["ethnicity_group"],
        groups["disability"],
    )
