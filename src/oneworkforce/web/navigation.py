"""The menu: which pages each role sees. A page appears here only for roles that may open it;
the views check the same roles, so a menu never offers what a role would be refused."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from oneworkforce.partners.access import Actor
from oneworkforce.partners.models import Role


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset[str]
    own_organisation: bool = False


ALL_STAFF = frozenset(Role.values)
ADMIN = frozenset({Role.PARTNERSHIP_ADMIN})

MENU: tuple[MenuItem, ...] = (
    MenuItem("Home", "web:home", ALL_STAFF),
    MenuItem("My organisation", "partners:organisation-detail", ALL_STAFF - ADMIN, True),
    MenuItem(
        "Candidates",
        "recruitment:candidate-list",
        frozenset({Role.RECRUITMENT_ADVISER, Role.EMPLOYER_USER}),
    ),
    MenuItem(
        "Assessments",
        "assessment:attempt-list",
        frozenset({Role.RECRUITMENT_ADVISER, Role.PARTNERSHIP_ADMIN}),
    ),
    MenuItem("Vacancies", "vacancies:list", ALL_STAFF),
    MenuItem(
        "Placements",
        "pipeline:placement-list",
        frozenset({Role.EMPLOYER_USER, Role.RECRUITMENT_ADVISER, Role.PARTNERSHIP_ADMIN}),
    ),
    MenuItem(
        "Retention checks",
        "pipeline:retention",
        frozenset({Role.EMPLOYER_USER, Role.RECRUITMENT_ADVISER}),
    ),
    MenuItem(
        "Pipeline statistics",
        "pipeline:statistics",
        frozenset(
            {Role.ANALYST, Role.BOARD_MEMBER, Role.PARTNERSHIP_ADMIN, Role.RECRUITMENT_ADVISER}
        ),
    ),
    MenuItem("Partners", "partners:organisation-list", ADMIN),
    MenuItem("Data sharing", "partners:agreement-list", ADMIN),
    MenuItem(
        "Workforce returns",
        "intelligence:return-list",
        frozenset({Role.EMPLOYER_USER, Role.PARTNERSHIP_ADMIN}),
    ),
    MenuItem(
        "Workforce dashboard",
        "intelligence:dashboard",
        frozenset({Role.ANALYST, Role.BOARD_MEMBER, Role.PARTNERSHIP_ADMIN}),
    ),
    MenuItem("How we compare", "intelligence:benchmarks", frozenset({Role.EMPLOYER_USER})),
    MenuItem(
        "Workforce planning",
        "intelligence:projection",
        frozenset({Role.ANALYST, Role.PARTNERSHIP_ADMIN}),
    ),
    MenuItem("Reference data", "reference:index", ALL_STAFF),
    MenuItem("Audit log", "partners:audit-log", ADMIN),
    MenuItem("Outbox", "partners:outbox", ADMIN),
    MenuItem("API tokens", "partners:token-list", ADMIN),
)


def menu_for(actor: Actor, current_path: str) -> list[dict[str, object]]:
    items = []
    for item in MENU:
        if not actor.has_role(*item.roles):
            continue
        if item.own_organisation:
            organisation_id = actor.primary_organisation_id
            if organisation_id is None:
                continue
            url = reverse(item.url_name, args=[organisation_id])
        else:
            url = reverse(item.url_name)
        active = current_path == url or (url != "/home/" and current_path.startswith(url))
        items.append({"label": item.label, "url": url, "active": active})
    return items
