"""Public pages of the reference lists: what each holds, where it came from, and its rows."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from oneworkforce.reference import selectors
from oneworkforce.reference.data_files import ListMeta, read_sources

Columns = tuple[tuple[str, Callable[[object], object]], ...]

# What each kind of list shows: (heading, value) pairs.
COLUMNS: dict[str, Columns] = {
    "staff_groups": (
        ("Staff group", lambda r: r.name),
        ("Sector", lambda r: r.get_sector_display()),
    ),
    "job_roles": (
        ("Code", lambda r: r.ascwds_code if r.ascwds_code is not None else "—"),
        ("Job role", lambda r: r.name),
        ("Role group", lambda r: r.get_role_group_display()),
        ("Sector", lambda r: r.get_sector_display()),
        ("Provides care", lambda r: "Yes" if r.is_care_providing else "No"),
        ("NHS staff groups", lambda r: ", ".join(g.name for g in r.nhs_staff_groups.all()) or "—"),
    ),
    "qualifications": (
        ("Qualification", lambda r: r.name),
        ("RQF level", lambda r: r.rqf_level if r.rqf_level is not None else "—"),
        (
            "Relevant care qualification",
            lambda r: "Yes" if r.is_relevant_care_qualification else "No",
        ),
        ("Still open", lambda r: "No" if r.is_legacy else "Yes"),
    ),
    "training_subjects": (
        ("Subject", lambda r: r.name),
        ("Framework", lambda r: r.get_framework_display()),
        ("Level", lambda r: r.level or "—"),
        (
            "Renewal",
            lambda r: (
                f"Every {r.renewal_months} months"
                if r.renewal_months
                else r.get_renewal_rule_display()
            ),
        ),
    ),
    "apprenticeship_standards": (
        ("Standard", lambda r: r.reference or "—"),
        ("Title", lambda r: r.title),
        ("Level", lambda r: r.level),
        (
            "Funding band (max £)",
            lambda r: f"{r.funding_band_max:,}" if r.funding_band_max else "Not known",
        ),
    ),
    "code_list": (
        ("Code", lambda r: r.code or "—"),
        ("Meaning", lambda r: r.label),
        ("Still used", lambda r: "No" if r.is_legacy else "Yes"),
    ),
}


def _rows(meta: ListMeta) -> object:
    if meta.kind == "staff_groups":
        return selectors.staff_groups()
    if meta.kind == "job_roles":
        return selectors.job_roles().prefetch_related("nhs_staff_groups")
    if meta.kind == "qualifications":
        return selectors.qualifications()
    if meta.kind == "training_subjects":
        return selectors.training_subjects()
    if meta.kind == "apprenticeship_standards":
        return selectors.apprenticeship_standards()
    return selectors.code_list_items(meta.name, include_legacy=True)


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "reference/index.html", {"lists": read_sources()})


def reference_list(request: HttpRequest, name: str) -> HttpResponse:
    meta = next((item for item in read_sources() if item.name == name), None)
    if meta is None:
        raise Http404
    columns = COLUMNS[meta.kind]
    rows = [[value(row) for _, value in columns] for row in _rows(meta)]
    return render(
        request,
        "reference/list.html",
        {"meta": meta, "headings": [heading for heading, _ in columns], "rows": rows},
    )
