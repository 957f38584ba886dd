"""schema.org ``JobPosting`` for a vacancy, for search engines and national campaigns.

Only what the vacancy says is published: the employer, the place, the pay, the hours and the
dates. See https://schema.org/JobPosting.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils.html import _json_script_escapes  # type: ignore[attr-defined]
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import override

from oneworkforce.recruitment.vacancies.models import ContractType, PayKind, Vacancy

FULL_TIME_HOURS = 30


def employment_types(vacancy: Vacancy) -> list[str]:
    types = ["FULL_TIME" if vacancy.hours_per_week >= FULL_TIME_HOURS else "PART_TIME"]
    if vacancy.contract_type == ContractType.FIXED_TERM:
        types.append("TEMPORARY")
    elif vacancy.contract_type == ContractType.BANK:
        types.append("PER_DIEM")
    return types


def _salary(vacancy: Vacancy) -> dict[str, Any]:
    if vacancy.pay_kind == PayKind.HOURLY:
        value: dict[str, Any] = {
            "@type": "QuantitativeValue",
            "value": float(vacancy.hourly_rate or 0),
            "unitText": "HOUR",
        }
    else:
        value = {
            "@type": "QuantitativeValue",
            "minValue": vacancy.salary_from,
            "maxValue": vacancy.salary_to,
            "unitText": "YEAR",
        }
    return {"@type": "MonetaryAmount", "currency": "GBP", "value": value}


def job_posting(vacancy: Vacancy, *, url: str) -> dict[str, Any]:
    """The vacancy as a schema.org ``JobPosting`` (a dict ready for JSON)."""
    site = vacancy.site
    # Search engines and national feeds read English, whatever the language of the page.
    with override("en-gb"):
        shift_summary = vacancy.shift_summary
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": {
            "@type": "PropertyValue",
            "name": vacancy.organisation.name,
            "value": str(vacancy.pk),
        },
        "title": vacancy.title,
        "description": vacancy.description,
        "datePosted": vacancy.posted_at.date().isoformat(),
        "validThrough": f"{vacancy.closing_date.isoformat()}T23:59:59",
        "employmentType": employment_types(vacancy),
        "hiringOrganization": {"@type": "Organization", "name": vacancy.organisation.name},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": site.address_line_1,
                "addressLocality": site.town,
                "postalCode": site.postcode,
                "addressCountry": "GB",
            },
        },
        "baseSalary": _salary(vacancy),
        "occupationalCategory": vacancy.job_role.name,
        "workHours": f"{vacancy.hours_per_week:g} hours a week; {shift_summary.lower()}",
        "totalJobOpenings": vacancy.posts,
        "url": url,
    }
    if site.latitude is not None and site.longitude is not None:
        posting["jobLocation"]["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": site.latitude,
            "longitude": site.longitude,
        }
    return posting


def job_posting_list(
    vacancies: Iterable[tuple[Vacancy, str]], *, name: str, generated_on: date
) -> dict[str, Any]:
    """Every vacancy given, with its page address, as a schema.org ``ItemList``."""
    items = []
    for position, (vacancy, url) in enumerate(vacancies, start=1):
        posting = job_posting(vacancy, url=url)
        # The list's own @context covers every item.
        del posting["@context"]
        items.append({"@type": "ListItem", "position": position, "item": posting})
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": name,
        "dateModified": generated_on.isoformat(),
        "numberOfItems": len(items),
        "itemListElement": items,
    }


def script_json(data: dict[str, Any]) -> SafeString:
    """JSON safe to place inside a <script> element: <, > and & are escaped, so no text of the
    vacancy can close the element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308
