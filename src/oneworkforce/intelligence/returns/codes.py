"""The code lists the return formats accept, read once from the shipped reference data.

ASC-WDS lists come from ``reference/data`` through ``read_reference_lists()``; a few lists the
reference data does not hold (the NHS staff file's own vocabularies, and small ASC-WDS lists
named only in the validator source) are written here, each with its source in ``source``.

A code is what a file holds (``8``, ``NEW``, ``Band 5``); a key is the product's slug for it
(``care-worker``), which the normalised tables store. Matching of codes is exact after the
cell is trimmed, except for lists marked ``case_insensitive`` (words such as ``Bank``), and
lists with ``aliases`` (other spellings that mean the same code).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from oneworkforce.reference.data_files import read_reference_lists

__all__ = ["Code", "CodeList", "JobRole", "Reference", "reference"]

REFERENCE_DATA = "reference data (reference/data/sources.json)"
THIS_PRODUCT = "this product (documented in docs/returns-formats.md)"


@dataclass(frozen=True)
class Code:
    code: str
    key: str
    label: str
    is_legacy: bool = False


@dataclass(frozen=True)
class CodeList:
    """A closed list of codes; legacy codes are known but no longer accepted in a return.

    >>> yes_no = CodeList("yes-no", "Yes or no", (Code("1", "yes", "Yes"), Code("2", "no", "No")))
    >>> yes_no.accepted, yes_no.key_of("2"), yes_no.example
    (('1', '2'), 'no', Code(code='1', key='yes', label='Yes', is_legacy=False))
    """

    name: str
    title: str
    codes: tuple[Code, ...]
    source: str = REFERENCE_DATA
    case_insensitive: bool = False
    aliases: Mapping[str, str] = field(default_factory=dict)
    noun: str = ""

    @property
    def description(self) -> str:
        """What one code is, for messages: "a job role", "an Agenda for Change band".

        >>> CodeList("x", "ASC-WDS main job role (MAINJOBROLE)", ()).description
        'a main job role'
        """
        if self.noun.startswith(("a ", "an ")):
            return self.noun
        noun = self.noun or self.title.split(" (")[0].removeprefix("ASC-WDS ")
        return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun

    @property
    def accepted(self) -> tuple[str, ...]:
        return tuple(code.code for code in self.codes if not code.is_legacy)

    @property
    def legacy(self) -> tuple[str, ...]:
        return tuple(code.code for code in self.codes if code.is_legacy)

    @property
    def example(self) -> Code:
        return next(code for code in self.codes if not code.is_legacy)

    def key_of(self, code: str) -> str | None:
        return next((item.key for item in self.codes if item.code == code), None)

    def spellings(self) -> dict[str, str]:
        """Every accepted spelling (upper-cased when case-insensitive) → its code."""
        spellings = dict(zip(self.accepted, self.accepted, strict=True))
        spellings.update(self.aliases)
        if self.case_insensitive:
            return {spelling.upper(): code for spelling, code in spellings.items()}
        return spellings

    def keys_by_code(self) -> dict[str, str]:
        return {code.code: code.key for code in self.codes if not code.is_legacy}

    def codes_by_key(self) -> dict[str, str]:
        return {code.key: code.code for code in self.codes if not code.is_legacy}


@dataclass(frozen=True)
class JobRole:
    code: str
    key: str
    name: str
    is_care_providing: bool
    in_bulk_upload: bool
    needs_description: bool
    staff_group: str | None


@dataclass(frozen=True)
class Reference:
    lists: Mapping[str, CodeList]
    job_roles: tuple[JobRole, ...]

    def __getitem__(self, name: str) -> CodeList:
        return self.lists[name]

    def job_role(self, code: str) -> JobRole | None:
        return next((role for role in self.job_roles if role.code == code), None)


def _codes(*items: tuple[str, str, str]) -> tuple[Code, ...]:
    return tuple(Code(code, key, label) for code, key, label in items)


# Lists named in the ASC-WDS validator source but not in the project's reference data.
_ASCWDS_EXTRA = (
    CodeList(
        "ascwds_permission",
        "Shares data: no or yes (PERMCQC, PERMLA)",
        _codes(("0", "no", "No"), ("1", "yes", "Yes")),
        "ASC-WDS workplaceCSVValidator.js (allowed values 0 and 1)",
        noun="0 or 1 answer",
    ),
    CodeList(
        "ascwds_inside_outside_uk",
        "Recruited inside or outside the UK (INOUTUK)",
        _codes(
            ("1", "inside-uk", "Recruited inside the UK"),
            ("2", "outside-uk", "Recruited from outside the UK"),
            ("999", "dont-know", "Don't know"),
        ),
        "ASC-WDS codes 1/2/999 (facts file §1.1); the labels are this product's reading",
        noun="inside or outside the UK answer",
    ),
    CodeList(
        "ascwds_repeat_training",
        "New starters repeat training done elsewhere (REPEATTRAINING)",
        _codes(
            ("1", "yes-always", "Yes, always"),
            ("2", "yes-very-often", "Yes, very often"),
            ("3", "yes-not-very-often", "Yes, but not very often"),
            ("4", "no-never", "No, never"),
        ),
        "ASC-WDS workplaceCSVValidator.js (_transformRepeatTrainingAndAcceptCareCert)",
        noun="repeat-training answer",
    ),
    CodeList(
        "ascwds_yes_no_unknown",
        "Yes, no or unknown (SICKPAY, PENSION)",
        _codes(("1", "yes", "Yes"), ("0", "no", "No"), ("unknown", "dont-know", "Don't know")),
        "ASC-WDS workplaceCSVValidator.js (allowed values 0, 1 and 'unknown')",
        case_insensitive=True,
        noun="1, 0 or unknown answer",
    ),
    CodeList(
        "ascwds_accredited",
        "Accredited training (ACCREDITED)",
        _codes(("1", "yes", "Yes"), ("0", "no", "No"), ("999", "dont-know", "Don't know")),
        "ASC-WDS trainingCSVValidator.js (allowed values 0, 1 and 999)",
        noun="accredited answer",
    ),
    CodeList(
        "ascwds_who_delivered",
        "Who delivered the training (WHODELIVERED)",
        _codes(("1", "in-house", "In-house staff"), ("2", "external", "External provider")),
        "ASC-WDS bulk-upload training download (convertWhoDelivered)",
        noun="who-delivered answer",
    ),
    CodeList(
        "ascwds_how_delivered",
        "How the training was delivered (HOWDELIVERED)",
        _codes(("1", "face-to-face", "Face to face"), ("2", "e-learning", "E-learning")),
        "ASC-WDS bulk-upload training download (convertHowDelivered)",
        noun="how-delivered answer",
    ),
)

# The NHS staff file is this product's own format; its vocabularies follow ESR's wording.
_NHS = (
    CodeList(
        "nhs_afc_band",
        "Agenda for Change band",
        _codes(
            *((f"Band {band}", f"band-{band}", f"Band {band}") for band in "1234567"),
            *((f"Band 8{part}", f"band-8{part}", f"Band 8{part}") for part in "abcd"),
            ("Band 9", "band-9", "Band 9"),
            ("Medical", "medical", "Medical and dental pay scales"),
            ("Non-AfC", "non-afc", "Other pay scale (not Agenda for Change)"),
        ),
        THIS_PRODUCT,
        case_insensitive=True,
        noun="an Agenda for Change band",
    ),
    CodeList(
        "nhs_contract_type",
        "NHS assignment contract type",
        (
            Code("Permanent", "permanent", "Permanent"),
            Code("Fixed Term Temp", "temporary", "Fixed term temporary"),
            Code("Bank", "pool-or-bank", "Bank"),
            Code("Locum", "agency", "Locum"),
            Code("Honorary", "other", "Honorary"),
        ),
        THIS_PRODUCT + "; keys are the ASC-WDS contract-type keys, so both sectors count alike",
        case_insensitive=True,
        noun="contract type",
    ),
    CodeList(
        "nhs_gender",
        "Gender (NHS staff file)",
        _codes(
            ("Male", "male", "Male"),
            ("Female", "female", "Female"),
            ("Other", "other", "Other"),
            ("Not known", "dont-know", "Not known or not stated"),
        ),
        THIS_PRODUCT + "; keys are the ASC-WDS gender keys",
        case_insensitive=True,
        noun="gender",
    ),
    CodeList(
        "nhs_disability",
        "Disability (NHS staff file)",
        _codes(
            ("Yes", "yes", "Yes"),
            ("No", "no", "No"),
            ("Not declared", "undisclosed", "Not declared"),
            ("Unknown", "dont-know", "Unknown"),
        ),
        THIS_PRODUCT + "; keys are the ASC-WDS disability keys",
        case_insensitive=True,
        noun="disability answer",
    ),
    CodeList(
        "nhs_ethnic_category",
        "NHS ethnic category (one letter)",
        _codes(
            ("A", "english-welsh-scottish-northern-irish-or-british", "White: British"),
            ("B", "irish", "White: Irish"),
            ("C", "any-other-white-background", "White: any other White background"),
            ("D", "white-and-black-caribbean", "Mixed: White and Black Caribbean"),
            ("E", "white-and-black-african", "Mixed: White and Black African"),
            ("F", "white-and-asian", "Mixed: White and Asian"),
            ("G", "any-other-mixed-or-multiple-ethnic-background", "Mixed: any other mixed"),
            ("H", "indian", "Asian or Asian British: Indian"),
            ("J", "pakistani", "Asian or Asian British: Pakistani"),
            ("K", "bangladeshi", "Asian or Asian British: Bangladeshi"),
            ("L", "any-other-asian-background", "Asian or Asian British: any other Asian"),
            ("M", "caribbean", "Black or Black British: Caribbean"),
            ("N", "african", "Black or Black British: African"),
            ("P", "any-other-black-african-or-caribbean-background", "Black: any other Black"),
            ("R", "chinese", "Other ethnic group: Chinese"),
            ("S", "any-other-ethnic-group", "Other ethnic group: any other"),
            ("Z", "dont-know", "Not stated"),
        ),
        "NHS Data Dictionary ethnic category (2001 census letters; verify); keys are the"
        " ASC-WDS ethnicity keys",
        case_insensitive=True,
        noun="an NHS ethnic category",
    ),
)


# How messages name one code of a reference-data list, where its title does not read well.
_NOUNS = {
    "ascwds_service": "service",
    "ascwds_leaving_reason_2018": "reason for leaving",
    "ascwds_leaving_destination_2018": "leaving destination",
    "ascwds_nmc_registration": "an NMC registration",
    "ascwds_worker_leave_reason": "reason a worker left",
    "ascwds_yes_no_dont_know": "1, 2 or 999 answer",
    "ascwds_record_status": "record status",
    "ascwds_disability": "disability answer",
    "ascwds_care_certificate": "Care Certificate answer",
    "ascwds_care_workforce_pathway": "Care Workforce Pathway category",
    "ascwds_l2_care_certificate": "Level 2 Adult Social Care Certificate answer",
}


@cache
def reference() -> Reference:
    """Every code list the formats use, read once per process.

    >>> reference()["ascwds_record_status"].accepted
    ('NEW', 'UPDATE', 'DELETE', 'NOCHANGE', 'UNCHECKED')
    >>> reference().job_role("8").key
    'care-worker'
    """
    lists: dict[str, CodeList] = {}
    job_roles: list[JobRole] = []
    for item in read_reference_lists():
        meta = item.meta
        if meta.kind == "code_list":
            lists[meta.name] = CodeList(
                meta.name,
                meta.title,
                tuple(
                    Code(
                        str(row["code"]), str(row["key"]), str(row["label"]), bool(row["is_legacy"])
                    )
                    for row in item.rows
                    if row["code"]
                ),
                case_insensitive=meta.name == "ascwds_record_status",
                noun=_NOUNS.get(meta.name, ""),
            )
        elif meta.kind == "job_roles":
            for row in item.rows:
                if row["ascwds_code"] is None:
                    continue
                listed = row["nhs_staff_groups"]
                groups = tuple(str(group) for group in listed) if isinstance(listed, tuple) else ()
                job_roles.append(
                    JobRole(
                        code=str(row["ascwds_code"]),
                        key=str(row["key"]),
                        name=str(row["name"]),
                        is_care_providing=bool(row["is_care_providing"]),
                        in_bulk_upload=bool(row["in_bulk_upload"]),
                        needs_description=bool(row["needs_description"]),
                        staff_group=str(groups[0]) if groups else None,
                    )
                )
        elif meta.kind == "staff_groups":
            lists["nhs_staff_group"] = CodeList(
                "nhs_staff_group",
                meta.title,
                tuple(
                    Code(str(row["key"]), str(row["key"]), str(row["name"])) for row in item.rows
                ),
                case_insensitive=True,
                aliases={str(row["name"]): str(row["key"]) for row in item.rows},
                noun="an NHS staff group",
            )
    lists["ascwds_job_role"] = CodeList(
        "ascwds_job_role",
        "ASC-WDS main job role",
        tuple(
            Code(role.code, role.key, role.name, is_legacy=not role.in_bulk_upload)
            for role in sorted(job_roles, key=lambda role: int(role.code))
        ),
    )
    for extra in (*_ASCWDS_EXTRA, *_NHS):
        lists[extra.name] = extra
    return Reference(lists=lists, job_roles=tuple(job_roles))
