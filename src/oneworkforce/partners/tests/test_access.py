"""``Actor``: the (organisation, role) pairs someone acts in."""

import pytest

from oneworkforce.partners.access import ANONYMOUS, NOT_ALLOWED, Actor, NotAllowed
from oneworkforce.partners.models import Role

ADVISER_AND_ANALYST = Actor(
    label="user #7",
    memberships=frozenset({(3, Role.RECRUITMENT_ADVISER), (5, Role.ANALYST)}),
    user_id=7,
)


class TestActor:
    def test_names_the_roles_it_holds(self):
        assert ADVISER_AND_ANALYST.roles == {Role.RECRUITMENT_ADVISER, Role.ANALYST}
        assert ADVISER_AND_ANALYST.has_role(Role.ANALYST, Role.BOARD_MEMBER)
        assert not ADVISER_AND_ANALYST.has_role(Role.PARTNERSHIP_ADMIN)

    def test_lists_its_organisations_in_any_role_or_in_the_roles_given(self):
        assert ADVISER_AND_ANALYST.organisation_ids() == {3, 5}
        assert ADVISER_AND_ANALYST.organisation_ids(Role.ANALYST) == {5}

    def test_its_primary_organisation_is_the_lowest_numbered(self):
        assert ADVISER_AND_ANALYST.primary_organisation_id == 3
        assert ANONYMOUS.primary_organisation_id is None

    def test_require_refuses_a_role_it_does_not_hold(self):
        with pytest.raises(NotAllowed) as refusal:
            ADVISER_AND_ANALYST.require(Role.PARTNERSHIP_ADMIN)

        assert refusal.value.message == NOT_ALLOWED

    def test_require_passes_a_role_it_holds(self):
        ADVISER_AND_ANALYST.require(Role.PARTNERSHIP_ADMIN, Role.ANALYST)

    def test_a_token_actor_is_not_anonymous(self):
        token_actor = Actor(label="API token #1", memberships=frozenset(), token_id=1)

        assert not token_actor.is_anonymous
        assert ANONYMOUS.is_anonymous
