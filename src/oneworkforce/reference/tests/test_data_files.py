"""The shipped data files: they parse, say where they come from, and hold what the facts say."""

from __future__ import annotations

from collections import Counter

import pytest

from oneworkforce.reference import data_files
from oneworkforce.reference.models import RenewalRule, RoleGroup, Sector, TrainingFramework

# From domain-facts.md section 1.2: the ASC-WDS main job roles by group, as published.
ASCWDS_ROLE_CODES_BY_GROUP = {
    RoleGroup.CARE_PROVIDING: {7, 8, 9, 23, 52},
    RoleGroup.PROFESSIONAL: {6, 15, 16, 17, 36, 37, 38},
    RoleGroup.MANAGERIAL_SUPERVISORY: {1, 2, 3, 4, 5, 24, 43, 45},
    RoleGroup.IT_DIGITAL_DATA: {46, 47, 48, 49, 50, 51},
    RoleGroup.OTHER: {10, 11, 25, 26, 27, 34, 35, 39, 40, 42, 44},
}
ANALYSIS_FILE_ONLY_ROLE_CODES = {22, 41}
CARE_PROVIDING_ROLE_CODES = {4, 5, 7, 8, 9, 23, 45, 52}
TRAINING_CATEGORY_CODES = {
    *(1, 5, 6, 7, 8, 9, 10, 15, 30, 45),
    *(13, 14, 16, 17, 19, 20, 22, 23, 28, 33, 34, 38, 39, 44),
    *(2, 12, 18, 27, 29, 31, 32, 36, 40, 41, 42, 43),
    *(11, 35, 37),
    *(26, 46, 47, 48, 49, 50, 51),
    *(25, 21),
}
CARE_CERTIFICATE_2015 = [
    "Understand your role",
    "Personal development",
    "Duty of care",
    "Equality and diversity",
    "Person-centred working",
    "Communication",
    "Privacy and dignity",
    "Fluids and nutrition",
    "Awareness of mental health, dementia and learning disabilities",
    "Safeguarding adults",
    "Safeguarding children",
    "Basic life support",
    "Health and safety",
    "Handling information",
    "Infection prevention and control",
]


@pytest.fixture(scope="module")
def lists() -> dict[str, data_files.ReferenceList]:
    return {item.meta.name: item for item in data_files.read_reference_lists()}


def rows_of(lists: dict[str, data_files.ReferenceList], name: str) -> list[dict]:
    return [dict(row) for row in lists[name].rows]


class TestEveryDataFile:
    def test_every_list_parses_and_has_rows(self, lists):
        empty = [name for name, item in lists.items() if not item.rows]

        assert len(lists) >= 24
        assert empty == []

    def test_every_list_records_its_sources_dates_and_licence(self, lists):
        for item in lists.values():
            meta = item.meta

            assert meta.title, meta.name
            assert meta.licence, meta.name
            assert meta.sources, meta.name
            assert all(s.publisher and s.title and s.url for s in meta.sources), meta.name
            assert meta.source_date <= meta.written_date, meta.name
            assert meta.source_date_kind in data_files.SOURCE_DATE_KINDS, meta.name

    def test_every_csv_in_the_data_folder_is_named_in_sources_json(self, lists):
        named = {item.meta.file for item in lists.values()}

        on_disk = {
            str(path.relative_to(data_files.DATA_DIR))
            for path in data_files.DATA_DIR.rglob("*.csv")
        }

        assert on_disk == named

    def test_every_row_carries_its_list_source_date(self, lists):
        for item in lists.values():
            assert {row["source_date"] for row in item.rows} == {item.meta.source_date}


class TestAscwdsJobRoles:
    def test_codes_are_unique(self, lists):
        codes = [row["ascwds_code"] for row in rows_of(lists, "ascwds_job_roles")]

        assert [code for code, n in Counter(codes).items() if n > 1] == []

    def test_bulk_upload_codes_match_the_published_groups(self, lists):
        rows = [row for row in rows_of(lists, "ascwds_job_roles") if row["in_bulk_upload"]]

        by_group = {
            group: {row["ascwds_code"] for row in rows if row["role_group"] == group}
            for group in ASCWDS_ROLE_CODES_BY_GROUP
        }

        assert by_group == ASCWDS_ROLE_CODES_BY_GROUP

    def test_analysis_file_only_codes_are_kept_but_not_accepted_in_uploads(self, lists):
        kept = {
            row["ascwds_code"]
            for row in rows_of(lists, "ascwds_job_roles")
            if not row["in_bulk_upload"]
        }

        assert kept == ANALYSIS_FILE_ONLY_ROLE_CODES

    def test_every_role_has_a_sector_and_a_role_group(self, lists):
        for row in rows_of(lists, "ascwds_job_roles"):
            assert row["sector"] in Sector.values, row["key"]
            assert row["role_group"] in RoleGroup.values, row["key"]

    def test_care_providing_flag_follows_the_published_list(self, lists):
        flagged = {
            row["ascwds_code"]
            for row in rows_of(lists, "ascwds_job_roles")
            if row["is_care_providing"]
        }

        assert flagged == CARE_PROVIDING_ROLE_CODES

    def test_only_the_two_other_roles_need_a_description(self, lists):
        needing = {
            row["ascwds_code"]
            for row in rows_of(lists, "ascwds_job_roles")
            if row["needs_description"]
        }

        assert needing == {23, 27}

    def test_every_mapped_staff_group_exists(self, lists):
        staff_groups = {row["key"] for row in rows_of(lists, "nhs_staff_groups")}

        mapped = {
            key for row in rows_of(lists, "ascwds_job_roles") for key in row["nhs_staff_groups"]
        }

        assert mapped <= staff_groups


class TestNhsStaffGroups:
    def test_every_staff_group_has_a_sector(self, lists):
        assert {row["sector"] for row in rows_of(lists, "nhs_staff_groups")} == {Sector.HEALTH}

    def test_the_six_groups_the_facts_name_are_present(self, lists):
        names = {row["name"] for row in rows_of(lists, "nhs_staff_groups")}

        assert {
            "Additional Clinical Services",
            "Additional Professional, Scientific and Technical",
            "Administrative and Clerical",
            "Allied Health Professionals",
            "Estates and Ancillary",
            "Healthcare Scientists",
        } <= names


class TestTrainingSubjects:
    def test_every_subject_has_a_framework_and_a_renewal_rule(self, lists):
        for row in rows_of(lists, "training_subjects"):
            assert row["framework"] in TrainingFramework.values, row["key"]
            assert row["renewal_rule"] in RenewalRule.values, row["key"]
            periodic = row["renewal_rule"] == RenewalRule.PERIODIC
            assert (row["renewal_months"] is not None) == periodic, row["key"]

    def test_all_fifteen_care_certificate_standards_are_present_in_order(self, lists):
        standards = sorted(
            (row["number"], row["name"])
            for row in rows_of(lists, "training_subjects")
            if row["framework"] == TrainingFramework.CARE_CERTIFICATE
        )

        assert standards == list(enumerate(CARE_CERTIFICATE_2015, start=1))

    def test_the_eleven_cstf_subjects_are_covered(self, lists):
        cstf_rows = [row for row in rows_of(lists, "training_subjects") if row["in_cstf"]]

        subjects = {row["name"].split(" (")[0] for row in cstf_rows}

        assert subjects == {
            "Conflict resolution",
            "Equality, diversity and human rights",
            "Fire safety",
            "Health, safety and welfare",
            "Infection prevention and control",
            "Information governance and data security",
            "Moving and handling",
            "Preventing radicalisation",
            "Resuscitation",
            "Safeguarding adults",
            "Safeguarding children",
        }

    def test_dementia_tiers_and_safeguarding_levels_one_to_three_are_present(self, lists):
        rows = rows_of(lists, "training_subjects")

        dementia = {row["level"] for row in rows if row["framework"] == TrainingFramework.DEMENTIA}
        adults = {row["level"] for row in rows if row["key"].startswith("safeguarding-adults")}
        children = {row["level"] for row in rows if row["key"].startswith("safeguarding-children")}

        assert dementia == adults == children == {1, 2, 3}

    def test_every_mapped_training_category_is_in_the_ascwds_list(self, lists):
        categories = {row["code"] for row in rows_of(lists, "ascwds_training_category")}

        mapped = {
            row["ascwds_training_category"]
            for row in rows_of(lists, "training_subjects")
            if row["ascwds_training_category"]
        }

        assert mapped <= categories


class TestQualifications:
    def test_levels_are_rqf_levels_or_empty(self, lists):
        for row in rows_of(lists, "qualifications"):
            assert row["rqf_level"] is None or 0 <= row["rqf_level"] <= 8, row["key"]

    def test_the_social_care_ladder_runs_from_level_2_to_level_5(self, lists):
        levels = {row["key"]: row["rqf_level"] for row in rows_of(lists, "qualifications")}

        assert levels["care-certificate"] is None
        assert levels["level-2-diploma-care"] == 2
        assert levels["level-3-diploma-adult-care"] == 3
        assert levels["level-5-diploma-leadership-management-adult-care"] == 5


class TestApprenticeshipStandards:
    def test_every_standard_has_a_level_and_a_funding_band_or_says_why_not(self, lists):
        for row in rows_of(lists, "apprenticeship_standards"):
            assert 2 <= row["level"] <= 7, row["key"]
            if row["funding_band_max"] is None:
                assert "band" in row["notes"].lower(), row["key"]
            else:
                assert row["funding_band_max"] > 0, row["key"]

    def test_references_marked_verify_in_the_facts_are_left_empty(self, lists):
        references = {row["reference"] for row in rows_of(lists, "apprenticeship_standards")}

        assert {"ST0007", "ST0508", "ST0781"}.isdisjoint(references)
        assert {"ST0005", "ST0006", "ST0008", "ST0216", "ST0217"} <= references

    def test_every_mandatory_qualification_exists(self, lists):
        qualifications = {row["key"] for row in rows_of(lists, "qualifications")}

        named = {
            row["mandatory_qualification"]
            for row in rows_of(lists, "apprenticeship_standards")
            if row["mandatory_qualification"]
        }

        assert named <= qualifications


class TestAscwdsCodeLists:
    def test_training_categories_match_the_published_codes(self, lists):
        codes = {int(row["code"]) for row in rows_of(lists, "ascwds_training_category")}

        assert codes == TRAINING_CATEGORY_CODES

    def test_contract_types_are_the_current_codes_plus_the_2018_volunteer_code(self, lists):
        rows = rows_of(lists, "ascwds_contract_type")

        current = [row["code"] for row in rows if not row["is_legacy"]]
        legacy = [row["code"] for row in rows if row["is_legacy"]]

        assert current == ["1", "2", "3", "4", "7"]
        assert legacy == ["6"]

    def test_ethnicity_codes_are_31_to_47_then_98_and_99(self, lists):
        codes = [row["code"] for row in rows_of(lists, "ascwds_ethnicity")]

        assert codes == [str(code) for code in range(31, 48)] + ["98", "99"]

    def test_services_fall_into_the_published_groups(self, lists):
        groups = {row["group"] for row in rows_of(lists, "ascwds_service")}

        assert groups == {"residential", "domiciliary", "day", "community", "health_and_other"}


class TestReadingABrokenFile:
    def test_names_the_file_line_and_column(self, tmp_path):
        broken = tmp_path / "data"
        broken.mkdir()
        (broken / "sources.json").write_text(
            '{"lists": {"ascwds_gender": {"title": "t", "kind": "code_list",'
            ' "file": "gender.csv", "sources": [{"publisher": "p", "title": "t", "url": "u"}],'
            ' "source_date": "2026-01-01", "source_date_kind": "read",'
            ' "written_date": "2026-01-02", "licence": "l", "notes": []}}}',
            encoding="utf-8",
        )
        (broken / "gender.csv").write_text(
            "key,code,label,group,sort_order,is_legacy,notes\nmale,1,Male,,first,no,\n",
            encoding="utf-8",
        )

        with pytest.raises(data_files.DataFileError) as raised:
            data_files.read_reference_lists(broken)

        assert "gender.csv, line 2, column sort_order" in str(raised.value)
