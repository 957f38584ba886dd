"""The formats as data: the published ASC-WDS headers, and every code list they name."""

from __future__ import annotations

import pytest

from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.formats import (
    ASCWDS_STAFF,
    ASCWDS_TRAINING,
    ASCWDS_WORKPLACE,
    FORMATS,
    NHS_STAFF,
    Kind,
)

# The facts file, §1.1, copied from the ASC-WDS bulk-upload header definitions.
WORKPLACE_HEADER = [
    "LOCALESTID",
    "STATUS",
    "ESTNAME",
    "ADDRESS1",
    "ADDRESS2",
    "ADDRESS3",
    "POSTTOWN",
    "POSTCODE",
    "ESTTYPE",
    "OTHERTYPE",
    "PERMCQC",
    "PERMLA",
    "REGTYPE",
    "PROVNUM",
    "LOCATIONID",
    "MAINSERVICE",
    "ALLSERVICES",
    "CAPACITY",
    "UTILISATION",
    "SERVICEDESC",
    "SERVICEUSERS",
    "OTHERUSERDESC",
    "DHA",
    "DHAACTIVITIES",
    "TOTALPERMTEMP",
    "ALLJOBROLES",
    "STARTERS",
    "LEAVERS",
    "VACANCIES",
    "REASONS",
    "REASONNOS",
    "REPEATTRAINING",
    "CWPAWARE",
    "CWPUSE",
    "CWPUSEDESC",
    "SICKPAY",
    "PENSION",
    "ACTUALCONT",
    "OPTOUTPEN",
    "HOLIDAY",
    "SLEEPINS",
    "SLEEPINPAY",
    "TRAVELTIME",
    "TTDIFFRATE",
]
STAFF_HEADER = [
    "LOCALESTID",
    "UNIQUEWORKERID",
    "STATUS",
    "DISPLAYID",
    "NINUMBER",
    "POSTCODE",
    "DOB",
    "GENDER",
    "ETHNICITY",
    "NATIONALITY",
    "BRITISHCITIZENSHIP",
    "COUNTRYOFBIRTH",
    "YEAROFENTRY",
    "DISABLED",
    "CARECERT",
    "L2CARECERT",
    "RECSOURCE",
    "HANDCVISA",
    "INOUTUK",
    "STARTDATE",
    "STARTINSECT",
    "DHA",
    "APPRENTICE",
    "EMPLSTATUS",
    "ZEROHRCONT",
    "DAYSSICK",
    "SALARYINT",
    "SALARY",
    "HOURLYRATE",
    "MAINJOBROLE",
    "MAINJRDESC",
    "CONTHOURS",
    "AVGHOURS",
    "NMCREG",
    "AMHP",
    "SCQUAL",
    "NONSCQUAL",
    "CWPCATEGORY",
    "QUALACH01",
    "QUALACH01NOTES",
    "QUALACH02",
    "QUALACH02NOTES",
    "QUALACH03",
    "QUALACH03NOTES",
]
TRAINING_HEADER = [
    "LOCALESTID",
    "UNIQUEWORKERID",
    "CATEGORY",
    "TRAININGNAME",
    "ACCREDITED",
    "WHODELIVERED",
    "PROVIDERNAME",
    "HOWDELIVERED",
    "VALIDITY",
    "DATECOMPLETED",
    "EXPIRYDATE",
    "NOTES",
]


class TestAscwdsHeaders:
    def test_the_workplace_file_has_the_44_published_columns_in_order(self) -> None:
        assert list(ASCWDS_WORKPLACE.names) == WORKPLACE_HEADER
        assert len(WORKPLACE_HEADER) == 44

    def test_the_staff_file_has_the_44_published_columns_in_order(self) -> None:
        assert list(ASCWDS_STAFF.names) == STAFF_HEADER
        assert len(STAFF_HEADER) == 44

    def test_the_staff_file_allows_the_two_optional_columns_after_uniqueworkerid(self) -> None:
        headers = ASCWDS_STAFF.accepted_headers()

        assert headers[1][:4] == ("LOCALESTID", "UNIQUEWORKERID", "CHGUNIQUEWRKID", "STATUS")
        assert headers[2][2:4] == ("CHGUNIQUEWRKID", "TRANSFERSTAFFRECORD")

    def test_the_training_file_has_the_12_published_columns_in_order(self) -> None:
        assert list(ASCWDS_TRAINING.names) == TRAINING_HEADER


class TestColumns:
    @pytest.mark.parametrize("file_format", FORMATS.values(), ids=FORMATS.keys())
    def test_every_named_code_list_is_shipped(self, file_format) -> None:
        named = {column.codes for column in file_format.all_columns if column.codes}

        assert named <= set(reference().lists)

    @pytest.mark.parametrize("file_format", FORMATS.values(), ids=FORMATS.keys())
    def test_every_coded_example_is_an_accepted_code(self, file_format) -> None:
        for column in file_format.columns:
            if column.kind is Kind.CODE and column.example:
                codes = reference()[str(column.codes)]
                spelling = column.example.upper() if codes.case_insensitive else column.example
                assert spelling in codes.spellings(), column.name

    @pytest.mark.parametrize("file_format", FORMATS.values(), ids=FORMATS.keys())
    def test_every_column_is_described(self, file_format) -> None:
        assert all(column.description.endswith((".", "?")) for column in file_format.all_columns)

    def test_the_nhs_staff_file_keeps_person_and_post_apart(self) -> None:
        assert {"PERSON_ID", "ASSIGNMENT_NUMBER", "ORGANISATION_CODE"} <= set(NHS_STAFF.names)

    def test_the_staff_groups_come_from_the_reference_list(self) -> None:
        groups = reference()["nhs_staff_group"]

        assert groups.spellings()["ADDITIONAL CLINICAL SERVICES"] == "additional-clinical-services"
        assert "additional-clinical-services" in groups.accepted


class TestCodeLists:
    def test_old_job_roles_are_known_but_not_accepted(self) -> None:
        job_roles = reference()["ascwds_job_role"]

        assert "22" in job_roles.legacy
        assert "22" not in job_roles.accepted
        assert job_roles.key_of("8") == "care-worker"

    def test_the_volunteer_contract_is_no_longer_accepted(self) -> None:
        assert reference()["ascwds_contract_type"].legacy == ("6",)

    def test_a_job_role_knows_its_care_providing_flag_and_staff_group(self) -> None:
        care_worker = reference().job_role("8")

        assert care_worker is not None
        assert care_worker.is_care_providing
        assert care_worker.staff_group == "additional-clinical-services"
