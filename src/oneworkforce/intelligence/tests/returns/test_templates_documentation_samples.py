"""Templates, the documentation page's data, and the sample files with their planted errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.documentation import all_documentation, documentation
from oneworkforce.intelligence.returns.formats import (
    ASCWDS_STAFF,
    ASCWDS_WORKPLACE,
    FORMATS,
    NHS_STAFF,
)
from oneworkforce.intelligence.returns.normalised import count_workforce, normalise
from oneworkforce.intelligence.returns.reading import read_upload
from oneworkforce.intelligence.returns.report import Severity
from oneworkforce.intelligence.returns.templates import template_csv
from oneworkforce.intelligence.returns.validation import validate, workplace_ids

from .conftest import REFERENCE_DATE

SAMPLES = Path(__file__).resolve().parents[2] / "returns" / "samples"
DOCS = Path(__file__).resolve().parents[5] / "docs" / "returns-formats.md"
E, W = Severity.ERROR, Severity.WARNING


def read_sample(name: str, file_format):
    return read_upload(
        content=(SAMPLES / name).read_bytes(), filename=name, file_format=file_format
    )


class TestTemplates:
    @pytest.mark.parametrize("file_format", FORMATS.values(), ids=FORMATS.keys())
    def test_the_example_row_passes_with_no_errors_and_no_warnings(self, file_format) -> None:
        uploaded = read_upload(
            content=template_csv(file_format), filename="t.csv", file_format=file_format
        )

        report = validate(uploaded, reference_date=REFERENCE_DATE)

        assert uploaded.rows == 1
        assert (report.errors, report.warnings) == ((), ())

    @pytest.mark.parametrize("file_format", FORMATS.values(), ids=FORMATS.keys())
    def test_the_header_is_the_format_in_utf8_without_a_bom(self, file_format) -> None:
        content = template_csv(file_format)

        assert content.split(b"\r\n")[0] == ",".join(file_format.names).encode("ascii")


class TestDocumentation:
    @pytest.mark.parametrize("file_format", FORMATS.values(), ids=FORMATS.keys())
    def test_documents_every_column_in_order(self, file_format) -> None:
        doc = documentation(file_format)

        assert [column.name for column in doc.columns] == [c.name for c in file_format.all_columns]
        assert all(column.meaning for column in doc.columns)

    def test_lists_the_codes_of_a_coded_column_with_their_labels(self) -> None:
        doc = documentation(ASCWDS_STAFF)

        gender = next(column for column in doc.columns if column.name == "GENDER")

        assert [(code.code, code.label) for code in gender.codes] == [
            (code.code, code.label) for code in reference()["ascwds_gender"].codes
        ]

    def test_says_which_rules_are_errors_and_which_are_warnings(self) -> None:
        doc = documentation(ASCWDS_STAFF)

        conthours = next(column for column in doc.columns if column.name == "CONTHOURS")

        assert {rule.severity for rule in conthours.rules} == {W}
        assert any("over 75" in rule.says for rule in conthours.rules)
        assert all("{" not in rule.says for rule in conthours.rules)

    def test_the_documentation_page_names_every_column(self) -> None:
        page = DOCS.read_text(encoding="utf-8")

        missing = [
            f"{doc.key}:{column.name}"
            for doc in all_documentation()
            for column in doc.columns
            if f"`{column.name}`" not in page
        ]
        assert missing == []


PLANTED = {
    "ascwds-workplace-with-errors.csv": {
        (3, "LOCATIONID.missing", E), (4, "ALLSERVICES.main_service", E),
        (5, "STARTERS.per_role", E), (6, "TOTALPERMTEMP.count", E), (7, "ESTTYPE.code", E),
        (8, "POSTCODE.postcode", E),
        (9, "LOCALESTID.duplicate", E), (10, "REASONNOS.total", E), (11, "PROVNUM.format", E),
        (12, "ESTNAME.required", E), (13, "OTHERTYPE.ignored", W), (14, "SICKPAY.code", W),
    },
    "ascwds-staff-with-errors.csv": {
        (3, "MAINJOBROLE.code", E), (4, "MAINJRDESC.required", E), (5, "EMPLSTATUS.required", E),
        (6, "UNIQUEWORKERID.duplicate", E), (7, "GENDER.code", E), (8, "POSTCODE.postcode", E),
        (9, "NINUMBER.format", E), (10, "STATUS.code", E), (11, "SALARY.interval", E),
        (12, "ZEROHRCONT.conflict", E), (12, "CONTHOURS.zero_hours", W),
        (13, "LOCALESTID.unknown_workplace", E), (14, "SCQUAL.level_missing", E),
        (15, "DOB.over_75", W), (16, "CONTHOURS.over_75", W), (17, "NMCREG.not_a_nurse", W),
    },
    "nhs-staff-with-errors.csv": {
        (4, "STAFF_GROUP.code", E), (5, "AFC_BAND.code", E), (6, "FTE.over_limit", E),
        (7, "FTE.number", E), (8, "CONTRACT_TYPE.code", E), (9, "ASSIGNMENT_START_DATE.date", E),
        (10, "LEAVING_DATE.before_start", E), (11, "ASSIGNMENT_NUMBER.duplicate", E),
        (12, "OCCUPATION_CODE.shape", E), (13, "SITE_POSTCODE.postcode", E),
        (14, "FTE.over_one", W), (15, "DATE_OF_BIRTH.over_75", W),
    },
}  # fmt: skip
SAMPLE_FORMATS = {
    "ascwds-workplace": ASCWDS_WORKPLACE,
    "ascwds-staff": ASCWDS_STAFF,
    "nhs-staff": NHS_STAFF,
}


@pytest.fixture(scope="module")
def known_workplaces() -> frozenset[str]:
    return workplace_ids(read_sample("ascwds-workplace-valid.csv", ASCWDS_WORKPLACE))


class TestSamples:
    @pytest.mark.parametrize("key", SAMPLE_FORMATS)
    def test_the_valid_sample_passes_cleanly(self, key: str, known_workplaces) -> None:
        uploaded = read_sample(f"{key}-valid.csv", SAMPLE_FORMATS[key])

        report = validate(
            uploaded,
            reference_date=REFERENCE_DATE,
            workplace_ids=known_workplaces if key == "ascwds-staff" else None,
        )

        assert (report.errors, report.warnings) == ((), ())

    @pytest.mark.parametrize("name", PLANTED)
    def test_the_validator_finds_exactly_the_planted_mistakes(
        self, name: str, known_workplaces
    ) -> None:
        key = name.removesuffix("-with-errors.csv")
        uploaded = read_sample(name, SAMPLE_FORMATS[key])

        report = validate(
            uploaded,
            reference_date=REFERENCE_DATE,
            workplace_ids=known_workplaces if key == "ascwds-staff" else None,
        )

        found = {
            (issue.line, issue.rule, issue.severity) for issue in (*report.errors, *report.warnings)
        }
        assert found == PLANTED[name]

    def test_the_nhs_sample_has_one_person_in_two_posts(self) -> None:
        uploaded = read_sample("nhs-staff-valid.csv", NHS_STAFF)
        result = normalise(
            uploaded,
            report=validate(uploaded, reference_date=REFERENCE_DATE),
            reference_date=REFERENCE_DATE,
        )

        counts = count_workforce(people=result.people, posts=result.posts, on=REFERENCE_DATE)

        assert (counts.headcount, counts.filled_posts) == (7, 8)
        assert result.posts.filter(result.posts["person_key"] == "10293847")["fte"].sum() == 1.0
