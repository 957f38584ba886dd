"""The week as a grid of days by early, late and night shifts, stored as one 21-bit number.

Bit ``3 * day + shift`` is set when the shift is worked (days Monday to Sunday, shifts early,
late, night): the layout the matching engine's ``Candidates.availability`` and
``Vacancies.shifts`` use, so a pattern passes to the engine unchanged.

>>> mask = mask_of(["mon-early", "sun-night"])
>>> mask, slots_of(mask)
(1048577, ['mon-early', 'sun-night'])
>>> describe(mask_of([f"{day}-early" for day in DAY_KEYS[:5]]))
'Early shifts on weekdays'
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext, gettext_lazy

DAYS = (
    ("mon", gettext_lazy("Monday")),
    ("tue", gettext_lazy("Tuesday")),
    ("wed", gettext_lazy("Wednesday")),
    ("thu", gettext_lazy("Thursday")),
    ("fri", gettext_lazy("Friday")),
    ("sat", gettext_lazy("Saturday")),
    ("sun", gettext_lazy("Sunday")),
)
SHIFTS = (
    ("early", gettext_lazy("Early")),
    ("late", gettext_lazy("Late")),
    ("night", gettext_lazy("Night")),
)
DAY_KEYS = tuple(key for key, _ in DAYS)
SHIFT_KEYS = tuple(key for key, _ in SHIFTS)
SLOT_KEYS = tuple(f"{day}-{shift}" for day in DAY_KEYS for shift in SHIFT_KEYS)
FULL_WEEK = (1 << len(SLOT_KEYS)) - 1
WEEKDAYS = sum(1 << (3 * day + shift) for day in range(5) for shift in range(3))


def bit(day: int, shift: int) -> int:
    return 1 << (3 * day + shift)


def mask_of(slots: Iterable[str]) -> int:
    """The number for a set of slot keys like ``"mon-early"``; unknown keys raise KeyError."""
    index = {key: position for position, key in enumerate(SLOT_KEYS)}
    mask = 0
    for slot in slots:
        mask |= 1 << index[slot]
    return mask


def slots_of(mask: int) -> list[str]:
    return [key for position, key in enumerate(SLOT_KEYS) if mask >> position & 1]


def shift_mask(shift: str) -> int:
    """Every day's slot of one shift (``"early"``, ``"late"`` or ``"night"``)."""
    position = SHIFT_KEYS.index(shift)
    return sum(bit(day, position) for day in range(len(DAYS)))


def grid(mask: int) -> list[tuple[str, str, list[tuple[str, bool]]]]:
    """Rows of (day key, day label, [(slot key, worked)]) for a table of the week."""
    return [
        (
            day_key,
            day_label,
            [
                (f"{day_key}-{shift_key}", bool(mask & bit(day, shift)))
                for shift, shift_key in enumerate(SHIFT_KEYS)
            ],
        )
        for day, (day_key, day_label) in enumerate(DAYS)
    ]


def describe(mask: int) -> str:
    """A short plain description of a pattern, for lists and the careers site, in the
    language of the page (the whole phrase is translated, since word order differs)."""
    if mask == 0:
        return gettext("No set shifts")
    worked = [str(label) for shift, (key, label) in enumerate(SHIFTS) if mask & shift_mask(key)]
    days = gettext("every day")
    if mask & ~WEEKDAYS == 0:
        days = gettext("weekdays")
    elif any(not mask & sum(bit(day, shift) for shift in range(3)) for day in range(7)):
        days = gettext("some days")
    if len(worked) == 1:
        return gettext("%(shifts)s shifts on %(days)s") % {"shifts": worked[0], "days": days}
    kinds = gettext("%(shifts)s and %(last)s") % {
        "shifts": ", ".join(worked[:-1]),
        "last": worked[-1].lower(),
    }
    return gettext("%(shifts)s shifts on %(days)s") % {
        "shifts": kinds[:1].upper() + kinds[1:].lower(),
        "days": days,
    }
