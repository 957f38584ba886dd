"""The public careers site: every live vacancy in the district, joint campaigns, and one way
to apply. No sign-in; every page works without JavaScript."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from oneworkforce.recruitment.candidate_session import candidate_required
from oneworkforce.recruitment.models import Candidate
from oneworkforce.recruitment.vacancies import matching, selectors
from oneworkforce.recruitment.vacancies import shifts as week
from oneworkforce.recruitment.vacancies.forms import CareersSearchForm
from oneworkforce.recruitment.vacancies.models import Campaign
from oneworkforce.recruitment.vacancies.structured_data import (
    job_posting,
    job_posting_list,
    script_json,
)
from oneworkforce.reference import postcodes

PAGE_SIZE = 20
BEST_MATCHES = 10
# The candidate register's public registration page: the one way to apply, for every job.
REGISTRATION_URL_NAME = "recruitment:register"


def _search(request: HttpRequest, *, campaign: Campaign | None = None) -> dict[str, Any]:
    today = timezone.localdate()
    form = CareersSearchForm(
        request.GET or None, job_roles=selectors.roles_with_live_vacancies(on_date=today)
    )
    results: list[selectors.Found] = []
    if not form.is_bound:
        results = selectors.careers_search(
            query=selectors.CareersQuery(campaign=campaign), on_date=today
        )
    elif form.is_valid():
        results = selectors.careers_search(query=form.query(campaign=campaign), on_date=today)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "form": form,
        "page": page,
        "query": params.urlencode(),
        "searched_by_distance": bool(
            form.is_bound and form.is_valid() and form.cleaned_data["postcode"]
        ),
        "postcode_attribution": postcodes.ATTRIBUTION,
    }


def search(request: HttpRequest) -> HttpResponse:
    context = _search(request)
    context["campaigns"] = selectors.live_campaigns(on_date=timezone.localdate())
    return render(request, "vacancies/careers/search.html", context)


def apply_url() -> str:
    """Where a candidate applies: the register's registration page (empty until the register's
    pages are installed, when the page offers the team's e-mail address alone)."""
    try:
        return reverse(REGISTRATION_URL_NAME)
    except NoReverseMatch:
        return ""


def vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    found = get_object_or_404(selectors.live_vacancies(on_date=today), pk=pk)
    url = request.build_absolute_uri(reverse("careers:vacancy", args=[found.pk]))
    campaigns = selectors.live_campaigns(on_date=today).filter(vacancies=found)
    return render(
        request,
        "vacancies/careers/vacancy.html",
        {
            "vacancy": found,
            "week": week.grid(found.shifts),
            "shift_names": [label for _, label in week.SHIFTS],
            "structured_data": script_json(job_posting(found, url=url)),
            "campaigns": campaigns,
            "apply_url": apply_url(),
            "contact_email": settings.PARTNERSHIP_CONTACT_EMAIL,
        },
    )


def feed(request: HttpRequest) -> JsonResponse:
    """Every live vacancy as a schema.org ItemList of JobPostings, for national campaigns."""
    today = timezone.localdate()
    vacancies = selectors.live_vacancies(on_date=today).order_by("pk")
    listing = job_posting_list(
        (
            (item, request.build_absolute_uri(reverse("careers:vacancy", args=[item.pk])))
            for item in vacancies
        ),
        name=f"Health and care vacancies: {settings.PARTNERSHIP_NAME}",
        generated_on=today,
    )
    response = JsonResponse(listing, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    # National job sites read the feed from their own servers; any of them may.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    found = get_object_or_404(selectors.campaigns_started(on_date=today), slug=slug)
    context = _search(request, campaign=found)
    context.update(
        campaign=found,
        is_running=found.is_running_on(today),
        employers=found.employers.order_by("name"),
        apply_url=apply_url(),
        contact_email=settings.PARTNERSHIP_CONTACT_EMAIL,
    )
    return render(request, "vacancies/careers/campaign.html", context)


@candidate_required
def my_matches(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    """The signed-in candidate's best live vacancies, each with the reasons it suits them."""
    today = timezone.localdate()
    vacancies = selectors.live_vacancies(on_date=today)
    matches = matching.best_vacancies_for(candidate, vacancies, on_date=today, k=BEST_MATCHES)
    return render(
        request,
        "vacancies/careers/my_matches.html",
        {"candidate": candidate, "matches": matches, "postcode_attribution": postcodes.ATTRIBUTION},
    )
