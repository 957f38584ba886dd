"""Selectors other apps read the reference lists through."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from oneworkforce.reference import selectors
from oneworkforce.reference.models import CodeList, JobRoleSource, TrainingFramework
from oneworkforce.reference.tests.factories import (
    CodeListItemFactory,
    JobRoleFactory,
    QualificationFactory,
    StaffGroupFactory,
)

RETIRED_AT = datetime(2026, 11, 27, tzinfo=UTC)


@pytest.mark.django_db
class TestJobRoles:
    def test_lists_current_ascwds_roles_in_code_order(self):
        roles = selectors.job_roles(source=JobRoleSource.ASCWDS)

        codes = [role.ascwds_code for role in roles]
        assert codes == sorted(codes)
        assert len(codes) == 39

    def test_leaves_out_retired_roles_unless_asked(self):
        retired_role = JobRoleFactory(retired_at=RETIRED_AT)

        assert retired_role not in selectors.job_roles()
        assert retired_role in selectors.job_roles(include_retired=True)


@pytest.mark.django_db
class TestJobRoleByAscwdsCode:
    def test_finds_care_worker_by_code_8_with_its_staff_group(self):
        role = selectors.job_role_by_ascwds_code(8)

        assert role is not None
        assert role.name == "Care worker"
        assert role.is_care_providing
        assert [g.name for g in role.nhs_staff_groups.all()] == ["Additional Clinical Services"]

    def test_returns_none_for_a_code_nobody_published(self):
        assert selectors.job_role_by_ascwds_code(999) is None

    def test_returns_none_for_a_retired_code(self):
        JobRoleFactory(ascwds_code=900, retired_at=RETIRED_AT)

        assert selectors.job_role_by_ascwds_code(900) is None

    def test_a_factory_role_can_map_to_staff_groups(self):
        staff_group = StaffGroupFactory()

        role = JobRoleFactory(ascwds_code=901, nhs_staff_groups=[staff_group])

        assert list(selectors.job_role_by_ascwds_code(901).nhs_staff_groups.all()) == [staff_group]
        assert role.key.startswith("test-")


@pytest.mark.django_db
class TestStaffGroups:
    def test_lists_the_nine_nhs_staff_groups_by_name(self):
        names = [group.name for group in selectors.staff_groups()]

        assert names == sorted(names)
        assert len(names) == 9


@pytest.mark.django_db
class TestQualifications:
    def test_min_level_keeps_levels_at_or_above_it_and_drops_unlevelled_ones(self):
        found = selectors.qualifications(min_level=3)

        assert {q.rqf_level for q in found} <= {3, 4, 5, 6}
        assert "care-certificate" not in {q.key for q in found}
        assert "level-2-diploma-care" not in {q.key for q in found}

    def test_orders_by_level(self):
        QualificationFactory(rqf_level=1)

        levels = [q.rqf_level for q in selectors.qualifications(min_level=0)]

        assert levels == sorted(levels)


@pytest.mark.django_db
class TestTrainingSubjects:
    def test_filters_by_framework(self):
        standards = selectors.training_subjects(framework=TrainingFramework.CARE_CERTIFICATE)

        assert [s.number for s in standards] == list(range(1, 16))


@pytest.mark.django_db
class TestApprenticeshipStandards:
    def test_lists_standards_by_level_with_their_qualification(self):
        standards = list(selectors.apprenticeship_standards())

        levels = [s.level for s in standards]
        assert levels == sorted(levels)
        adult_care_worker = next(s for s in standards if s.reference == "ST0005")
        assert adult_care_worker.mandatory_qualification.name == "Level 2 Diploma in Care"
        assert adult_care_worker.funding_band_max == 4000


@pytest.mark.django_db
class TestCodeList:
    def test_returns_code_and_label_pairs_in_published_order(self):
        pairs = selectors.code_list(CodeList.CONTRACT_TYPE)

        assert pairs == [
            ("1", "Permanent"),
            ("2", "Temporary"),
            ("3", "Pool or bank"),
            ("4", "Agency"),
            ("7", "Other"),
        ]

    def test_includes_legacy_codes_only_when_asked(self):
        codes = [
            code for code, _ in selectors.code_list("ascwds_contract_type", include_legacy=True)
        ]

        assert "6" in codes

    def test_leaves_out_items_without_a_code_and_retired_items(self):
        CodeListItemFactory(list_name=CodeList.CONTRACT_TYPE, code="")
        CodeListItemFactory(list_name=CodeList.CONTRACT_TYPE, code="95", retired_at=RETIRED_AT)

        codes = [code for code, _ in selectors.code_list(CodeList.CONTRACT_TYPE)]

        assert codes == ["1", "2", "3", "4", "7"]

    def test_items_without_a_code_are_still_listed_as_items(self):
        uncoded = CodeListItemFactory(list_name=CodeList.CONTRACT_TYPE, code="")

        assert uncoded in selectors.code_list_items(CodeList.CONTRACT_TYPE)
