"""Reads of workforce returns, scoped by who is asking.

A partner's employer users see its returns and its staff records; a partnership
administrator sees every return's status (never its records or the values in its report);
analysts and board members see aggregates only (``metrics`` selectors), never a record.
"""

from __future__ import annotations

from django.db.models import QuerySet

from oneworkforce.intelligence.models import Post, ReturnIssue, ReturnStatus, WorkforceReturn
from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import Organisation, Role


def returns_visible_to(*, actor: Actor) -> QuerySet[WorkforceReturn]:
    returns = WorkforceReturn.objects.select_related("organisation", "job", "uploaded_by")
    if actor.is_partnership_admin:
        return returns
    return returns.filter(organisation_id__in=actor.organisation_ids(Role.EMPLOYER_USER))


def may_see_records(*, actor: Actor, workforce_return: WorkforceReturn) -> bool:
    """Only the partner's own employer users see what a return holds about people."""
    return workforce_return.organisation_id in actor.organisation_ids(Role.EMPLOYER_USER)


def issues_of(*, actor: Actor, workforce_return: WorkforceReturn) -> QuerySet[ReturnIssue]:
    if not may_see_records(actor=actor, workforce_return=workforce_return):
        return ReturnIssue.objects.none()
    return workforce_return.issues.order_by("-is_error", "line", "column", "pk")


def posts_of(*, actor: Actor, workforce_return: WorkforceReturn) -> QuerySet[Post]:
    if not may_see_records(actor=actor, workforce_return=workforce_return):
        return Post.objects.none()
    return Post.objects.filter(workforce_return=workforce_return).select_related("person")


def organisations_uploading_for(*, actor: Actor) -> QuerySet[Organisation]:
    """The partners the actor may upload a return for."""
    organisations = Organisation.objects.filter(is_active=True).exclude(kind="partnership")
    if actor.is_partnership_admin:
        return organisations.order_by("name")
    return organisations.filter(pk__in=actor.organisation_ids(Role.EMPLOYER_USER)).order_by("name")


def current_returns(*, formats: tuple[str, ...]) -> QuerySet[WorkforceReturn]:
    """For each partner and format, the accepted return with the latest reporting date."""
    accepted = WorkforceReturn.objects.filter(status=ReturnStatus.ACCEPTED, format__in=formats)
    latest: dict[tuple[int, str], WorkforceReturn] = {}
    for workforce_return in accepted.order_by("reporting_date"):
        latest[(workforce_return.organisation_id, workforce_return.format)] = workforce_return
    return WorkforceReturn.objects.filter(pk__in=[item.pk for item in latest.values()])
