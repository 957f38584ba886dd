"""The menu: each role sees only its items, and every item it sees opens."""

import pytest
from django.test import Client

from oneworkforce.partners.access import ANONYMOUS, actor_for_user
from oneworkforce.partners.models import Role
from oneworkforce.partners.tests.factories import member
from oneworkforce.web.navigation import menu_for

pytestmark = pytest.mark.django_db

EVERY_STAFF_MEMBER = ["Home", "My organisation", "Vacancies", "Reference data"]
EMPLOYER_MENU = [
    "Home",
    "My organisation",
    "Candidates",
    "Vacancies",
    "Placements",
    "Retention checks",
    "Workforce returns",
    "How we compare",
    "Reference data",
]
ADVISER_MENU = [
    "Home",
    "My organisation",
    "Candidates",
    "Assessments",
    "Vacancies",
    "Placements",
    "Retention checks",
    "Pipeline statistics",
    "Reference data",
]
READER_MENU = [
    "Home",
    "My organisation",
    "Vacancies",
    "Pipeline statistics",
    "Workforce dashboard",
    "Reference data",
]
ANALYST_MENU = [
    "Home",
    "My organisation",
    "Vacancies",
    "Pipeline statistics",
    "Workforce dashboard",
    "Workforce planning",
    "Reference data",
]
MENU_OF_ROLE = {
    Role.PARTNERSHIP_ADMIN: [
        "Home",
        "Assessments",
        "Vacancies",
        "Placements",
        "Pipeline statistics",
        "Partners",
        "Data sharing",
        "Workforce returns",
        "Workforce dashboard",
        "Workforce planning",
        "Reference data",
        "Audit log",
        "Outbox",
        "API tokens",
    ],
    Role.RECRUITMENT_ADVISER: ADVISER_MENU,
    Role.EMPLOYER_USER: EMPLOYER_MENU,
    Role.ACADEMY_COORDINATOR: EVERY_STAFF_MEMBER,
    Role.ANALYST: ANALYST_MENU,
    Role.BOARD_MEMBER: READER_MENU,
}


@pytest.mark.parametrize(("role", "labels"), MENU_OF_ROLE.items())
class TestMenuFor:
    def test_each_role_sees_only_its_items(self, role, labels):
        actor = actor_for_user(member(role=role))

        menu = menu_for(actor, "/home/")

        assert [item["label"] for item in menu] == labels

    def test_every_item_a_role_sees_opens_for_that_role(self, role, labels):
        person = member(role=role)
        client = Client()
        client.force_login(person)

        statuses = {
            item["label"]: client.get(item["url"]).status_code
            for item in menu_for(actor_for_user(person), "/home/")
        }

        assert statuses == dict.fromkeys(labels, 200)


class TestMenuMarksThePageShown:
    def test_marks_the_current_section_and_only_it(self, admin_user):
        menu = menu_for(actor_for_user(admin_user), "/partners/12/")

        assert [item["label"] for item in menu if item["active"]] == ["Partners"]

    def test_my_organisation_links_to_the_persons_own_organisation(
        self, employer_user, employer_organisation
    ):
        menu = menu_for(actor_for_user(employer_user), "/home/")

        (item,) = [item for item in menu if item["label"] == "My organisation"]
        assert item["url"] == f"/partners/{employer_organisation.pk}/"


class TestMenuOnPages:
    def test_an_anonymous_visitor_gets_no_menu(self, client):
        response = client.get("/")

        assert response.context["menu"] == []
        assert menu_for(ANONYMOUS, "/") == []

    def test_the_signed_in_page_shows_the_roles_menu(self, employer_client):
        response = employer_client.get("/home/")

        assert [item["label"] for item in response.context["menu"]] == EMPLOYER_MENU
