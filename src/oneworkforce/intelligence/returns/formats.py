"""The column specifications of the return formats, as data.

Four formats: the three ASC-WDS bulk-upload files (Workplace, Staff, Training), copied column
for column from the published headers (facts file §1.1, from ``SopraSteria-SFC``'s
``workplaceHeaders.js``, ``workerHeaders.js`` and ``trainingHeaders.js``), and this product's own
NHS staff file, shaped like an Electronic Staff Record extract (facts file §3.8).

The specifications drive reading (the header check), validation (which code list a column
takes), the template download, the documentation page and the export, so a column is described
once. ``required`` means "must not be blank on a row that is checked"; conditional requirements
(MAINJRDESC for roles 23 and 27, PROVNUM when REGTYPE is 2) are rules, named in the description.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ASCWDS_STAFF",
    "ASCWDS_TRAINING",
    "ASCWDS_WORKPLACE",
    "FORMATS",
    "NHS_STAFF",
    "Column",
    "FileFormat",
    "Kind",
    "format_named",
]


class Kind(StrEnum):
    TEXT = "text"
    CODE = "code"  # one code from a list
    CODES = "codes"  # a ;-list of codes from a list
    COUNTS = "counts"  # a ;-list of whole numbers
    WHOLE = "whole number"
    NUMBER = "number"
    DATE = "date (DD/MM/YYYY)"
    YEAR = "year (YYYY)"
    COMPOUND = "compound (value;part)"


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    kind: Kind
    description: str
    example: str = ""
    codes: str | None = None  # the name of a list in ``codes.reference()``
    max_length: int | None = None
    dont_know: bool = False  # 999 means "don't know"


@dataclass(frozen=True)
class FileFormat:
    key: str
    title: str
    summary: str
    columns: tuple[Column, ...]
    # Columns a file may add, together and in this order, right after ``optional_after``.
    optional_columns: tuple[Column, ...] = ()
    optional_after: str | None = None
    status_column: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def all_columns(self) -> tuple[Column, ...]:
        """Every column a file of this format may hold, optional ones in their place."""
        if not self.optional_columns:
            return self.columns
        position = self.names.index(str(self.optional_after)) + 1
        return (*self.columns[:position], *self.optional_columns, *self.columns[position:])

    def column(self, name: str) -> Column:
        return next(column for column in self.all_columns if column.name == name)

    def accepted_headers(self) -> tuple[tuple[str, ...], ...]:
        """The headers a file may have: the columns, with any leading run of the optional ones.

        >>> [len(header) for header in ASCWDS_STAFF.accepted_headers()]
        [44, 45, 46]
        """
        headers = [self.names]
        if self.optional_columns:
            position = self.names.index(str(self.optional_after)) + 1
            for count in range(1, len(self.optional_columns) + 1):
                extra = tuple(column.name for column in self.optional_columns[:count])
                headers.append((*self.names[:position], *extra, *self.names[position:]))
        return tuple(headers)


def _id(name: str, description: str, example: str) -> Column:
    return Column(name, True, Kind.TEXT, description, example, max_length=50)


_STATUS = Column(
    "STATUS",
    True,
    Kind.CODE,
    "What to do with this record: NEW adds it, UPDATE changes it, DELETE removes it, NOCHANGE"
    " and UNCHECKED leave it as it is. Rows marked DELETE, NOCHANGE or UNCHECKED are not"
    " checked beyond their identifiers and STATUS, as in ASC-WDS.",
    "NEW",
    codes="ascwds_record_status",
)

ASCWDS_WORKPLACE = FileFormat(
    key="ascwds-workplace",
    title="ASC-WDS Workplace file",
    summary=(
        "One row per workplace: the ASC-WDS bulk-upload Workplace file, 44 columns in the"
        " published order. Social care partners upload the file they already send to ASC-WDS."
    ),
    status_column="STATUS",
    columns=(
        _id("LOCALESTID", "Your own identifier for the workplace, unique in the file.", "HOME01"),
        _STATUS,
        Column("ESTNAME", True, Kind.TEXT, "Workplace name.", "Rosewood House", max_length=120),
        Column(
            "ADDRESS1",
            True,
            Kind.TEXT,
            "First line of the address.",
            "1 High Street",
            max_length=40,
        ),
        Column("ADDRESS2", False, Kind.TEXT, "Second line of the address.", max_length=40),
        Column("ADDRESS3", False, Kind.TEXT, "Third line of the address.", max_length=40),
        Column("POSTTOWN", False, Kind.TEXT, "Post town.", "Dudley", max_length=40),
        Column(
            "POSTCODE",
            True,
            Kind.TEXT,
            "Workplace postcode, like DY1 1AA.",
            "DY1 1AA",
            max_length=10,
        ),
        Column(
            "ESTTYPE",
            True,
            Kind.CODE,
            "Employer type; 8 needs OTHERTYPE.",
            "6",
            "ascwds_employer_type",
        ),
        Column(
            "OTHERTYPE",
            False,
            Kind.TEXT,
            "Employer type when ESTTYPE is 8 (Other).",
            max_length=240,
        ),
        Column(
            "PERMCQC",
            False,
            Kind.CODE,
            "1 if the workplace shares its data with CQC, 0 if not.",
            "1",
            "ascwds_permission",
        ),
        Column(
            "PERMLA",
            False,
            Kind.CODE,
            "1 if it shares its data with the local authority, 0 if not.",
            "1",
            "ascwds_permission",
        ),
        Column(
            "REGTYPE",
            True,
            Kind.CODE,
            "CQC registration: 2 regulated (needs PROVNUM and LOCATIONID), 0 not.",
            "2",
            "ascwds_registration_type",
        ),
        Column(
            "PROVNUM",
            False,
            Kind.TEXT,
            "CQC provider id, like 1-101234567; required when REGTYPE is 2.",
            "1-101234567",
        ),
        Column(
            "LOCATIONID",
            False,
            Kind.TEXT,
            "CQC location id, like 1-987654321; required when REGTYPE is 2, except for a head"
            " office (MAINSERVICE 72).",
            "1-987654321",
        ),
        Column("MAINSERVICE", True, Kind.CODE, "The main service.", "2", "ascwds_service"),
        Column(
            "ALLSERVICES",
            True,
            Kind.CODES,
            "Every service, ;-separated, including the main one; 0 after the main service means"
            " no others.",
            "2",
            "ascwds_service",
        ),
        Column(
            "CAPACITY",
            False,
            Kind.COUNTS,
            "Capacity of each service, ;-separated in ALLSERVICES order (blank items allowed).",
        ),
        Column(
            "UTILISATION",
            False,
            Kind.COUNTS,
            "Places used for each service, ;-separated in ALLSERVICES order.",
        ),
        Column(
            "SERVICEDESC",
            False,
            Kind.TEXT,
            "Descriptions of 'other' services, ;-separated in ALLSERVICES order.",
        ),
        Column(
            "SERVICEUSERS",
            False,
            Kind.COUNTS,
            "Service-user group codes, ;-separated (the ASC-WDS list; checked for shape only).",
        ),
        Column(
            "OTHERUSERDESC",
            False,
            Kind.TEXT,
            "Descriptions of 'other' service-user groups, ;-separated in SERVICEUSERS order.",
        ),
        Column(
            "DHA",
            False,
            Kind.CODE,
            "Do staff carry out delegated healthcare activities?",
            "2",
            "ascwds_yes_no_dont_know",
        ),
        Column(
            "DHAACTIVITIES",
            False,
            Kind.COUNTS,
            "Delegated healthcare activity codes, ;-separated, when DHA is 1 (checked for shape"
            " only).",
        ),
        Column(
            "TOTALPERMTEMP",
            True,
            Kind.WHOLE,
            "Total permanent and temporary staff, 0 to 999; 0 only for a head office.",
            "25",
        ),
        Column(
            "ALLJOBROLES",
            False,
            Kind.CODES,
            "Job roles you give starters, leavers and vacancies for, ;-separated.",
            "4;8;7",
            "ascwds_job_role",
        ),
        Column(
            "STARTERS",
            False,
            Kind.COUNTS,
            "Starters in the last 12 months for each role, in ALLJOBROLES order; or 999 for don't"
            " know.",
            "0;5;1",
            dont_know=True,
        ),
        Column(
            "LEAVERS",
            False,
            Kind.COUNTS,
            "Leavers in the last 12 months for each role, in ALLJOBROLES order; or 999.",
            "0;4;0",
            dont_know=True,
        ),
        Column(
            "VACANCIES",
            False,
            Kind.COUNTS,
            "Vacancies today for each role, in ALLJOBROLES order; or 999.",
            "0;3;0",
            dont_know=True,
        ),
        Column(
            "REASONS",
            False,
            Kind.CODES,
            "Reasons for leaving, ;-separated codes.",
            "8;10",
            "ascwds_leaving_reason_2018",
        ),
        Column(
            "REASONNOS",
            False,
            Kind.COUNTS,
            "How many leavers gave each reason, in REASONS order; they add up to the leavers.",
            "3;1",
        ),
        Column(
            "REPEATTRAINING",
            False,
            Kind.CODE,
            "Do new starters repeat mandatory training done with a previous employer?",
            "2",
            "ascwds_repeat_training",
        ),
        Column(
            "CWPAWARE",
            False,
            Kind.WHOLE,
            "Awareness of the Care Workforce Pathway (ASC-WDS code; checked for shape only).",
        ),
        Column(
            "CWPUSE",
            False,
            Kind.COMPOUND,
            "Use of the Care Workforce Pathway: 1, 2 or 999, then ;-separated reason codes when 1.",
        ),
        Column(
            "CWPUSEDESC",
            False,
            Kind.TEXT,
            "Description when reason 10 (something else) is given in CWPUSE.",
            max_length=120,
        ),
        Column(
            "SICKPAY",
            False,
            Kind.CODE,
            "Sick pay above statutory: 1, 0 or unknown.",
            "1",
            "ascwds_yes_no_unknown",
        ),
        Column(
            "PENSION",
            False,
            Kind.CODE,
            "Pension contributions above the minimum: 1, 0 or unknown.",
            "1",
            "ascwds_yes_no_unknown",
        ),
        Column(
            "ACTUALCONT",
            False,
            Kind.TEXT,
            "Employer pension contribution; carried unchanged (its shape is not in our sources).",
            max_length=50,
        ),
        Column(
            "OPTOUTPEN",
            False,
            Kind.CODE,
            "Do staff opt out of the pension scheme?",
            "999",
            "ascwds_yes_no_dont_know",
        ),
        Column("HOLIDAY", False, Kind.WHOLE, "Days of paid holiday a year for care workers.", "28"),
        Column(
            "SLEEPINS", False, Kind.CODE, "Do staff work sleep-ins?", "2", "ascwds_yes_no_dont_know"
        ),
        Column(
            "SLEEPINPAY", False, Kind.CODE, "Are sleep-ins paid?", codes="ascwds_yes_no_dont_know"
        ),
        Column(
            "TRAVELTIME",
            False,
            Kind.TEXT,
            "Travel time pay; carried unchanged (its shape is not in our sources).",
            max_length=50,
        ),
        Column(
            "TTDIFFRATE",
            False,
            Kind.TEXT,
            "Travel time paid at a different rate; carried unchanged.",
            max_length=50,
        ),
    ),
)


def _qualification_columns() -> tuple[Column, ...]:
    columns: list[Column] = []
    for number in ("01", "02", "03"):
        columns.append(
            Column(
                f"QUALACH{number}",
                False,
                Kind.COMPOUND,
                "A qualification achieved: ASC-WDS qualification id;year achieved.",
            )
        )
        columns.append(
            Column(
                f"QUALACH{number}NOTES",
                False,
                Kind.TEXT,
                f"Notes on QUALACH{number}.",
                max_length=120,
            )
        )
    return tuple(columns)


ASCWDS_STAFF = FileFormat(
    key="ascwds-staff",
    title="ASC-WDS Staff file",
    summary=(
        "One row per worker record (one main job): the ASC-WDS bulk-upload Staff file, 44"
        " columns in the published order, with the two optional columns CHGUNIQUEWRKID and"
        " TRANSFERSTAFFRECORD allowed right after UNIQUEWORKERID."
    ),
    status_column="STATUS",
    optional_after="UNIQUEWORKERID",
    optional_columns=(
        Column(
            "CHGUNIQUEWRKID",
            False,
            Kind.TEXT,
            "A new UNIQUEWORKERID for this worker (renames the record).",
            max_length=50,
        ),
        Column(
            "TRANSFERSTAFFRECORD",
            False,
            Kind.TEXT,
            "The LOCALESTID of the workplace this worker moves to.",
            max_length=50,
        ),
    ),
    columns=(
        _id(
            "LOCALESTID",
            "The LOCALESTID of the worker's workplace, as in the Workplace file.",
            "HOME01",
        ),
        _id(
            "UNIQUEWORKERID",
            "Your own identifier for the worker, unique within the workplace.",
            "W0001",
        ),
        _STATUS,
        Column(
            "DISPLAYID",
            True,
            Kind.TEXT,
            "The name or id ASC-WDS shows for the worker; an id is kinder to privacy.",
            "CW-0001",
            max_length=50,
        ),
        Column(
            "NINUMBER",
            False,
            Kind.TEXT,
            "National Insurance number, like QQ123456C. Checked, then never stored: only a keyed"
            " hash is kept, to link one person's posts.",
        ),
        Column("POSTCODE", False, Kind.TEXT, "The worker's home postcode.", "DY1 2AB"),
        Column(
            "DOB",
            False,
            Kind.DATE,
            "Date of birth; an age of 14 to 100 on the return's reference date.",
            "14/05/1985",
        ),
        Column("GENDER", False, Kind.CODE, "Gender.", "2", "ascwds_gender"),
        Column("ETHNICITY", False, Kind.CODE, "Ethnicity.", "31", "ascwds_ethnicity"),
        Column(
            "NATIONALITY",
            False,
            Kind.WHOLE,
            "Nationality code: 826 British, 998 don't know, 999 other, or an ASC-WDS country code"
            " (checked for shape only).",
            "826",
        ),
        Column(
            "BRITISHCITIZENSHIP",
            False,
            Kind.CODE,
            "British citizenship, for a worker whose nationality is not British.",
            codes="ascwds_yes_no_dont_know",
        ),
        Column(
            "COUNTRYOFBIRTH",
            False,
            Kind.WHOLE,
            "Country of birth code: 826 United Kingdom, 998 don't know, 999 other, or an ASC-WDS"
            " country code.",
            "826",
        ),
        Column(
            "YEAROFENTRY",
            False,
            Kind.YEAR,
            "Year the worker came to the UK, for a worker born outside it.",
        ),
        Column("DISABLED", False, Kind.CODE, "Disability.", "0", "ascwds_disability"),
        Column("CARECERT", False, Kind.CODE, "Care Certificate.", "1", "ascwds_care_certificate"),
        Column(
            "L2CARECERT",
            False,
            Kind.COMPOUND,
            "Level 2 Adult Social Care Certificate: 1;year completed, 2 started, 3 no.",
            "3",
            "ascwds_l2_care_certificate",
        ),
        Column(
            "RECSOURCE",
            False,
            Kind.CODE,
            "Where the worker was recruited from.",
            "8",
            "ascwds_recruitment_source",
        ),
        Column(
            "HANDCVISA",
            False,
            Kind.CODE,
            "Does the worker hold a Health and Care Worker visa?",
            "2",
            "ascwds_yes_no_dont_know",
        ),
        Column(
            "INOUTUK",
            False,
            Kind.CODE,
            "Recruited inside (1) or outside (2) the UK, or 999.",
            codes="ascwds_inside_outside_uk",
            dont_know=True,
        ),
        Column("STARTDATE", False, Kind.DATE, "Start date in the main job.", "01/09/2021"),
        Column(
            "STARTINSECT",
            False,
            Kind.YEAR,
            "Year the worker started in adult social care, or 999.",
            "2015",
            dont_know=True,
        ),
        Column(
            "DHA",
            False,
            Kind.CODE,
            "Does the worker carry out delegated healthcare activities?",
            "2",
            "ascwds_yes_no_dont_know",
        ),
        Column(
            "APPRENTICE",
            False,
            Kind.CODE,
            "Is the worker an apprentice?",
            "2",
            "ascwds_yes_no_dont_know",
        ),
        Column("EMPLSTATUS", True, Kind.CODE, "Contract type.", "1", "ascwds_contract_type"),
        Column(
            "ZEROHRCONT",
            False,
            Kind.CODE,
            "Is the worker on a zero-hours contract?",
            "2",
            "ascwds_yes_no_dont_know",
        ),
        Column(
            "DAYSSICK",
            False,
            Kind.NUMBER,
            "Days off sick in the last 12 months, in half days, 0 to 366; or 999.",
            "3",
            dont_know=True,
        ),
        Column(
            "SALARYINT",
            False,
            Kind.CODE,
            "How pay is given: 1 annual salary (SALARY), 3 hourly rate (HOURLYRATE).",
            "3",
            "ascwds_salary_interval",
        ),
        Column("SALARY", False, Kind.WHOLE, "Annual salary in pounds, when SALARYINT is 1."),
        Column(
            "HOURLYRATE",
            False,
            Kind.NUMBER,
            "Hourly rate in pounds, like 12.60, when SALARYINT is 3.",
            "12.60",
        ),
        Column("MAINJOBROLE", True, Kind.CODE, "Main job role.", "8", "ascwds_job_role"),
        Column(
            "MAINJRDESC",
            False,
            Kind.TEXT,
            "Description of the main job; required for roles 23 and 27 (Other).",
            max_length=120,
        ),
        Column(
            "CONTHOURS",
            False,
            Kind.NUMBER,
            "Contracted weekly hours, in half hours, 0 to 75, or 999; for permanent and temporary"
            " staff not on zero hours.",
            "37.5",
            dont_know=True,
        ),
        Column(
            "AVGHOURS",
            False,
            Kind.NUMBER,
            "Average weekly hours, 0 to 75, or 999; for bank, agency, other and zero-hours"
            " workers.",
            dont_know=True,
        ),
        Column(
            "NMCREG",
            False,
            Kind.CODE,
            "NMC registration; only for registered nurses (MAINJOBROLE 16).",
            codes="ascwds_nmc_registration",
        ),
        Column(
            "AMHP",
            False,
            Kind.CODE,
            "Approved Mental Health Professional; only for social workers (MAINJOBROLE 6).",
            codes="ascwds_yes_no_dont_know",
        ),
        Column(
            "SCQUAL",
            False,
            Kind.COMPOUND,
            "Highest social care qualification: 1;level, 2 none, 999 don't know.",
            "1;2",
            "ascwds_qualification_level",
        ),
        Column(
            "NONSCQUAL",
            False,
            Kind.COMPOUND,
            "Highest other qualification: 1;level, 2 none, 999 don't know.",
            "2",
            "ascwds_qualification_level",
        ),
        Column(
            "CWPCATEGORY",
            False,
            Kind.CODE,
            "Care Workforce Pathway role category.",
            "2",
            "ascwds_care_workforce_pathway",
        ),
        *_qualification_columns(),
    ),
)

ASCWDS_TRAINING = FileFormat(
    key="ascwds-training",
    title="ASC-WDS Training file",
    summary="One row per training record: the ASC-WDS bulk-upload Training file, 12 columns.",
    columns=(
        _id("LOCALESTID", "The LOCALESTID of the worker's workplace.", "HOME01"),
        _id("UNIQUEWORKERID", "The worker's UNIQUEWORKERID, as in the Staff file.", "W0001"),
        Column("CATEGORY", True, Kind.CODE, "Training category.", "6", "ascwds_training_category"),
        Column(
            "TRAININGNAME",
            True,
            Kind.TEXT,
            "Name of the course.",
            "Fire safety awareness",
            max_length=120,
        ),
        Column(
            "ACCREDITED",
            False,
            Kind.CODE,
            "Was the training accredited?",
            "1",
            "ascwds_accredited",
            dont_know=True,
        ),
        Column("WHODELIVERED", False, Kind.CODE, "Who delivered it.", "2", "ascwds_who_delivered"),
        Column(
            "PROVIDERNAME",
            False,
            Kind.TEXT,
            "The external provider, when WHODELIVERED is 2.",
            "Dudley Training Ltd",
            max_length=120,
        ),
        Column(
            "HOWDELIVERED", False, Kind.CODE, "How it was delivered.", "1", "ascwds_how_delivered"
        ),
        Column(
            "VALIDITY",
            False,
            Kind.TEXT,
            "How long the training stays valid, in whole months, or none.",
            "12",
        ),
        Column("DATECOMPLETED", False, Kind.DATE, "Date completed.", "15/01/2025"),
        Column(
            "EXPIRYDATE", False, Kind.DATE, "Expiry date, after the date completed.", "15/01/2026"
        ),
        Column("NOTES", False, Kind.TEXT, "Notes.", max_length=1000),
    ),
)

NHS_STAFF = FileFormat(
    key="nhs-staff",
    title="NHS staff file (ESR-shaped)",
    summary=(
        "One row per assignment (post), shaped like an Electronic Staff Record extract: a"
        " person with two assignments has two rows with the same PERSON_ID. This is One"
        " Workforce's own format; it holds no names and no NHS or NI numbers."
    ),
    columns=(
        Column(
            "ORGANISATION_CODE",
            True,
            Kind.TEXT,
            "ODS code of the organisation where the post is worked, like RXK.",
            "RXK",
        ),
        Column(
            "ASSIGNMENT_NUMBER",
            True,
            Kind.TEXT,
            "ESR assignment number (the post), unique in the file.",
            "10293847-1",
        ),
        Column(
            "PERSON_ID",
            True,
            Kind.TEXT,
            "A pseudonymous employee number, the same on every assignment of one person.",
            "10293847",
        ),
        Column(
            "STAFF_GROUP",
            True,
            Kind.CODE,
            "NHS staff group: its key or its name.",
            "nursing-midwifery-registered",
            "nhs_staff_group",
        ),
        Column(
            "OCCUPATION_CODE",
            True,
            Kind.TEXT,
            "ESR occupation code: three letters or digits, like N0A.",
            "N0A",
        ),
        Column(
            "AFC_BAND",
            True,
            Kind.CODE,
            "Agenda for Change band, Medical or Non-AfC.",
            "Band 5",
            "nhs_afc_band",
        ),
        Column(
            "FTE",
            True,
            Kind.NUMBER,
            "Whole-time equivalent of the assignment, 0 to 1.5, up to two decimals.",
            "1.00",
        ),
        Column(
            "CONTRACT_TYPE",
            True,
            Kind.CODE,
            "Contract type of the assignment.",
            "Permanent",
            "nhs_contract_type",
        ),
        Column(
            "ASSIGNMENT_START_DATE", True, Kind.DATE, "Start date of the assignment.", "04/01/2021"
        ),
        Column("LEAVING_DATE", False, Kind.DATE, "Leaving date, when the assignment has ended."),
        Column(
            "LEAVING_REASON",
            False,
            Kind.TEXT,
            "ESR leaving reason, as ESR words it.",
            max_length=100,
        ),
        Column(
            "DESTINATION_ON_LEAVING",
            False,
            Kind.TEXT,
            "ESR destination on leaving, as ESR words it.",
            max_length=100,
        ),
        Column(
            "DATE_OF_BIRTH",
            False,
            Kind.DATE,
            "Date of birth; an age of 14 to 100 on the reference date.",
            "23/07/1990",
        ),
        Column("GENDER", False, Kind.CODE, "Gender.", "Female", "nhs_gender"),
        Column(
            "ETHNIC_ORIGIN",
            False,
            Kind.CODE,
            "NHS ethnic category letter.",
            "A",
            "nhs_ethnic_category",
        ),
        Column("DISABILITY", False, Kind.CODE, "Disability.", "No", "nhs_disability"),
        Column(
            "SITE_POSTCODE",
            False,
            Kind.TEXT,
            "Postcode of the site where the post is worked.",
            "DY1 2HQ",
        ),
        Column(
            "SICKNESS_DAYS_12M",
            False,
            Kind.NUMBER,
            "Days off sick in the last 12 months, in half days, 0 to 366.",
            "4.5",
        ),
    ),
)

FORMATS: dict[str, FileFormat] = {
    file_format.key: file_format
    for file_format in (ASCWDS_WORKPLACE, ASCWDS_STAFF, ASCWDS_TRAINING, NHS_STAFF)
}


def format_named(key: str) -> FileFormat:
    """The format with this key.

    >>> format_named("ascwds-training").names[:3]
    ('LOCALESTID', 'UNIQUEWORKERID', 'CATEGORY')
    """
    return FORMATS[key]
