"""Factories for the reference models, for any app's tests.

The data migration loads the shipped lists into every test database, so these factories make
rows that cannot clash with them: keys start ``test-`` and outside codes are left empty unless
a test gives one. To use a shipped row instead, read it through the selectors, for example
``selectors.job_role_by_ascwds_code(8)`` for care worker.
"""

from __future__ import annotations

from datetime import date

import factory

from oneworkforce.reference.models import (
    ApprenticeshipStandard,
    CodeList,
    CodeListItem,
    JobRole,
    JobRoleSource,
    Qualification,
    QualificationKind,
    RenewalRule,
    RoleGroup,
    Sector,
    StaffGroup,
    TrainingFramework,
    TrainingSubject,
)

SOURCE_DATE = date(2026, 1, 1)


class StaffGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffGroup

    key = factory.Sequence(lambda n: f"test-staff-group-{n}")
    name = factory.Sequence(lambda n: f"Test staff group {n}")
    sector = Sector.HEALTH
    source_date = SOURCE_DATE


class JobRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobRole
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"test-job-role-{n}")
    name = factory.Sequence(lambda n: f"Test job role {n}")
    source = JobRoleSource.ASCWDS
    ascwds_code = None
    role_group = RoleGroup.CARE_PROVIDING
    sector = Sector.SOCIAL_CARE
    is_care_providing = True
    source_date = SOURCE_DATE

    @factory.post_generation
    def nhs_staff_groups(self, create: bool, extracted: list[StaffGroup] | None, **kwargs: object):
        if create and extracted:
            self.nhs_staff_groups.set(extracted)


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    key = factory.Sequence(lambda n: f"test-qualification-{n}")
    name = factory.Sequence(lambda n: f"Test Level 2 Diploma {n}")
    rqf_level = 2
    kind = QualificationKind.DIPLOMA
    sector = Sector.SOCIAL_CARE
    is_relevant_care_qualification = True
    source_date = SOURCE_DATE


class TrainingSubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSubject

    key = factory.Sequence(lambda n: f"test-training-subject-{n}")
    name = factory.Sequence(lambda n: f"Test training subject {n}")
    framework = TrainingFramework.OTHER
    renewal_rule = RenewalRule.PERIODIC
    renewal_months = 12
    source_date = SOURCE_DATE


class ApprenticeshipStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApprenticeshipStandard

    key = factory.Sequence(lambda n: f"test-standard-{n}")
    title = factory.Sequence(lambda n: f"Test apprenticeship {n}")
    level = 3
    funding_band_max = 5000
    sector = Sector.BOTH
    source_date = SOURCE_DATE


class CodeListItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CodeListItem

    list_name = CodeList.CONTRACT_TYPE
    key = factory.Sequence(lambda n: f"test-code-{n}")
    code = ""
    label = factory.Sequence(lambda n: f"Test code {n}")
    sort_order = factory.Sequence(lambda n: 900 + n)
    source_date = SOURCE_DATE
