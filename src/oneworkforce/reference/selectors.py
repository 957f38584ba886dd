"""Reads of the reference lists for other apps. Reference data is not personal, so nothing here
is scoped by who is asking; the selectors hide retired rows unless asked and fix the order."""

from __future__ import annotations

from django.db.models import QuerySet

from oneworkforce.reference.models import (
    ApprenticeshipStandard,
    CodeList,
    CodeListItem,
    JobRole,
    JobRoleSource,
    Qualification,
    StaffGroup,
    TrainingFramework,
    TrainingSubject,
)


def job_roles(
    *, source: JobRoleSource | str | None = None, include_retired: bool = False
) -> QuerySet[JobRole]:
    """Job roles in code order (roles without a code last, by name), with their staff groups."""
    roles = JobRole.objects.prefetch_related("nhs_staff_groups")
    if source is not None:
        roles = roles.filter(source=source)
    if not include_retired:
        roles = roles.filter(retired_at__isnull=True)
    return roles.order_by("source", "ascwds_code", "name")


def job_role_by_ascwds_code(code: int) -> JobRole | None:
    """The current ASC-WDS role with this MAINJOBROLE code, or None. A role kept only to read
    old records (``in_bulk_upload`` false) is returned too: callers validating a new return
    check that flag."""
    return (
        JobRole.objects.filter(
            source=JobRoleSource.ASCWDS, ascwds_code=code, retired_at__isnull=True
        )
        .prefetch_related("nhs_staff_groups")
        .first()
    )


def staff_groups(*, include_retired: bool = False) -> QuerySet[StaffGroup]:
    groups = StaffGroup.objects.all()
    if not include_retired:
        groups = groups.filter(retired_at__isnull=True)
    return groups.order_by("name")


def qualifications(
    *, min_level: int | None = None, include_retired: bool = False
) -> QuerySet[Qualification]:
    """Qualifications by level then name; ``min_level`` keeps those at that RQF level or above
    (and so drops those without a level)."""
    found = Qualification.objects.all()
    if min_level is not None:
        found = found.filter(rqf_level__gte=min_level)
    if not include_retired:
        found = found.filter(retired_at__isnull=True)
    return found.order_by("rqf_level", "name")


def training_subjects(
    *, framework: TrainingFramework | str | None = None, include_retired: bool = False
) -> QuerySet[TrainingSubject]:
    subjects = TrainingSubject.objects.all()
    if framework is not None:
        subjects = subjects.filter(framework=framework)
    if not include_retired:
        subjects = subjects.filter(retired_at__isnull=True)
    return subjects.order_by("framework", "number", "name", "level")


def apprenticeship_standards(*, include_retired: bool = False) -> QuerySet[ApprenticeshipStandard]:
    standards = ApprenticeshipStandard.objects.select_related("mandatory_qualification")
    if not include_retired:
        standards = standards.filter(retired_at__isnull=True)
    return standards.order_by("level", "title")


def code_list_items(
    name: CodeList | str, *, include_legacy: bool = False, include_retired: bool = False
) -> QuerySet[CodeListItem]:
    """The items of one code list in their published order, including any without a code."""
    items = CodeListItem.objects.filter(list_name=name)
    if not include_legacy:
        items = items.filter(is_legacy=False)
    if not include_retired:
        items = items.filter(retired_at__isnull=True)
    return items.order_by("sort_order", "key")


def code_list(name: CodeList | str, *, include_legacy: bool = False) -> list[tuple[str, str]]:
    """(code, label) pairs of one list's current codes, in published order: what a form's
    choices or an upload validator needs. Items whose code no source gives are left out."""
    return [
        (code, label)
        for code, label in code_list_items(name, include_legacy=include_legacy)
        .exclude(code="")
        .values_list("code", "label")
    ]
