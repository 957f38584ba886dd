"""The scoping selectors: each returns only what the actor may see."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from oneworkforce.partners import selectors
from oneworkforce.partners.access import ANONYMOUS, actor_for_user
from oneworkforce.partners.models import AuditAction, Role
from oneworkforce.partners.tests.factories import (
    AuditEventFactory,
    DataSharingAgreementFactory,
    InvitationFactory,
    MembershipFactory,
    OutboxMessageFactory,
    SiteFactory,
    api_token_for,
)

pytestmark = pytest.mark.django_db


class TestOrganisationsVisibleTo:
    def test_an_administrator_sees_every_partner(
        self, admin_actor, partnership, employer_organisation, other_organisation
    ):
        visible = selectors.organisations_visible_to(actor=admin_actor)

        assert set(visible) == {partnership, employer_organisation, other_organisation}

    def test_an_employer_user_sees_only_their_own_organisation(
        self, employer_actor, employer_organisation, other_organisation
    ):
        visible = selectors.organisations_visible_to(actor=employer_actor)

        assert list(visible) == [employer_organisation]

    def test_counts_sites_and_people(self, admin_actor, employer_organisation, employer_user):
        SiteFactory.create_batch(2, organisation=employer_organisation)

        counted = selectors.organisations_visible_to(actor=admin_actor).get(
            pk=employer_organisation.pk
        )

        assert (counted.site_count, counted.member_count) == (2, 1)

    def test_anonymous_sees_nothing(self, employer_organisation):
        assert not selectors.organisations_visible_to(actor=ANONYMOUS).exists()


class TestSitesVisibleTo:
    def test_an_employer_user_sees_only_their_organisations_sites(
        self, employer_actor, employer_organisation, other_organisation
    ):
        own_site = SiteFactory(organisation=employer_organisation)
        SiteFactory(organisation=other_organisation)

        visible = selectors.sites_visible_to(actor=employer_actor)

        assert list(visible) == [own_site]

    def test_an_administrator_sees_every_site(
        self, admin_actor, employer_organisation, other_organisation
    ):
        sites = {
            SiteFactory(organisation=employer_organisation),
            SiteFactory(organisation=other_organisation),
        }

        assert set(selectors.sites_visible_to(actor=admin_actor)) == sites


class TestUsersVisibleTo:
    def test_an_employer_user_sees_only_themself(
        self, employer_actor, employer_user, other_organisation_user
    ):
        assert list(selectors.users_visible_to(actor=employer_actor)) == [employer_user]

    def test_an_administrator_sees_every_account(self, admin_actor, admin_user, employer_user):
        assert set(selectors.users_visible_to(actor=admin_actor)) == {admin_user, employer_user}


class TestMembershipsOfOrganisation:
    def test_a_member_sees_their_colleagues(
        self, employer_actor, employer_user, employer_organisation
    ):
        colleague = MembershipFactory(organisation=employer_organisation)

        memberships = selectors.memberships_of_organisation(
            actor=employer_actor, organisation=employer_organisation
        )

        assert {m.user for m in memberships} == {employer_user, colleague.user}

    def test_someone_from_another_partner_sees_nobody(
        self, employer_actor, other_organisation, other_organisation_user
    ):
        memberships = selectors.memberships_of_organisation(
            actor=employer_actor, organisation=other_organisation
        )

        assert not memberships.exists()


class TestInvitationsWaiting:
    def test_lists_only_open_invitations_to_an_administrator(
        self, admin_actor, employer_organisation
    ):
        waiting = InvitationFactory(organisation=employer_organisation)
        InvitationFactory(organisation=employer_organisation, accepted_at=timezone.now())
        InvitationFactory(organisation=employer_organisation, cancelled_at=timezone.now())

        invitations = selectors.invitations_waiting(
            actor=admin_actor, organisation=employer_organisation
        )

        assert list(invitations) == [waiting]

    def test_shows_none_to_a_member_of_the_organisation(
        self, employer_actor, employer_organisation
    ):
        InvitationFactory(organisation=employer_organisation)

        assert not selectors.invitations_waiting(
            actor=employer_actor, organisation=employer_organisation
        ).exists()


class TestAgreementsVisibleTo:
    def test_a_partner_sees_the_agreements_it_gives_or_receives(
        self, employer_actor, employer_organisation, other_organisation
    ):
        given = DataSharingAgreementFactory(provider=employer_organisation)
        received = DataSharingAgreementFactory(
            recipient=employer_organisation, provider=other_organisation
        )
        DataSharingAgreementFactory(provider=other_organisation)

        visible = selectors.agreements_visible_to(actor=employer_actor)

        assert set(visible) == {given, received}


class TestAuditEventsVisibleTo:
    def test_shows_nothing_to_anyone_but_an_administrator(self, employer_actor):
        AuditEventFactory()

        assert not selectors.audit_events_visible_to(actor=employer_actor).exists()

    def test_filters_by_record_type_and_id(self, admin_actor):
        wanted = AuditEventFactory(record_type="partners.site", record_id="7")
        AuditEventFactory(record_type="partners.site", record_id="8")
        AuditEventFactory(record_type="partners.user", record_id="7")

        events = selectors.audit_events_visible_to(
            actor=admin_actor, record_type="partners.site", record_id="7"
        )

        assert list(events) == [wanted]

    def test_filters_by_action_and_actor(self, admin_actor, admin_user, employer_user):
        wanted = AuditEventFactory(action=AuditAction.DEACTIVATED, actor=admin_user)
        AuditEventFactory(action=AuditAction.DEACTIVATED, actor=employer_user)
        AuditEventFactory(action=AuditAction.CREATED, actor=admin_user)

        events = selectors.audit_events_visible_to(
            actor=admin_actor, action=AuditAction.DEACTIVATED, actor_user_id=admin_user.pk
        )

        assert list(events) == [wanted]

    def test_filters_by_dates_inclusive_newest_first(self, admin_actor):
        def on(day):
            return AuditEventFactory(occurred_at=datetime(2026, 5, day, 12, tzinfo=UTC))

        on(1)
        second, third = on(2), on(3)
        on(4)

        events = selectors.audit_events_visible_to(
            actor=admin_actor, since=date(2026, 5, 2), until=date(2026, 5, 3)
        )

        assert list(events) == [third, second]


class TestOutboxVisibleTo:
    def test_shows_the_outbox_to_an_administrator_newest_first(self, admin_actor):
        older = OutboxMessageFactory(sent_at=timezone.now() - timedelta(hours=1))
        newer = OutboxMessageFactory()

        assert list(selectors.outbox_visible_to(actor=admin_actor)) == [newer, older]

    def test_shows_nothing_to_an_employer_user(self, employer_actor):
        OutboxMessageFactory()

        assert not selectors.outbox_visible_to(actor=employer_actor).exists()


class TestApiTokensVisibleTo:
    def test_shows_tokens_only_to_an_administrator(
        self, admin_actor, employer_actor, employer_organisation
    ):
        token, _ = api_token_for(organisation=employer_organisation)

        assert list(selectors.api_tokens_visible_to(actor=admin_actor)) == [token]
        assert not selectors.api_tokens_visible_to(actor=employer_actor).exists()


class TestSessionsOfUser:
    def test_finds_every_live_session_of_the_user_and_no_other(
        self, employer_user, other_organisation_user
    ):
        for user in (employer_user, employer_user, other_organisation_user):
            Client().force_login(user)

        sessions = selectors.sessions_of_user(user=employer_user)

        assert len(sessions) == 2
        assert {s.get_decoded()["_auth_user_id"] for s in sessions} == {str(employer_user.pk)}

    def test_leaves_out_expired_sessions(self, employer_user):
        Client().force_login(employer_user)
        Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

        assert selectors.sessions_of_user(user=employer_user) == []


class TestActorForUser:
    def test_acts_in_each_membership_at_an_active_organisation(
        self, employer_user, employer_organisation, other_organisation
    ):
        MembershipFactory(user=employer_user, organisation=other_organisation, role=Role.ANALYST)
        other_organisation.is_active = False
        other_organisation.save()

        actor = actor_for_user(employer_user)

        assert actor.memberships == frozenset({(employer_organisation.pk, Role.EMPLOYER_USER)})

    def test_a_deactivated_user_acts_as_nobody(self, employer_user):
        employer_user.is_active = False

        assert actor_for_user(employer_user) == ANONYMOUS
