"""Writing the audit log: who did what to which record, never what the record says."""

from datetime import UTC, datetime

import pytest

from oneworkforce.partners.access import actor_for_user
from oneworkforce.partners.audit import audit_read, audit_record
from oneworkforce.partners.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


class TestAuditRecord:
    def test_names_the_record_the_actor_and_the_fields_but_no_values(
        self, admin_actor, admin_user, partnership, employer_user
    ):
        event = audit_record(
            actor=admin_actor,
            action=AuditAction.CHANGED,
            record=employer_user,
            record_organisation_id=None,
            occurred_at=NOW,
            fields_changed=["full_name", "email"],
        )

        assert (event.record_type, event.record_id, event.fields_changed) == (
            "partners.user",
            str(employer_user.pk),
            ["email", "full_name"],
        )
        assert (event.actor, event.actor_label, event.actor_organisation) == (
            admin_user,
            f"user #{admin_user.pk}",
            partnership,
        )
        assert employer_user.full_name not in str(event.__dict__)
        assert employer_user.email not in str(event.__dict__)


class TestAuditRead:
    def test_logs_a_read_from_outside_the_owning_organisation(
        self, admin_actor, employer_user, employer_organisation
    ):
        event = audit_read(
            actor=admin_actor,
            record=employer_user,
            record_organisation_id=employer_organisation.pk,
            occurred_at=NOW,
        )

        assert AuditEvent.objects.get() == event
        assert event.action == AuditAction.VIEWED

    def test_does_not_log_a_read_within_the_owning_organisation(
        self, employer_user, employer_organisation, other_organisation_user
    ):
        colleague_actor = actor_for_user(employer_user)

        event = audit_read(
            actor=colleague_actor,
            record=employer_user,
            record_organisation_id=employer_organisation.pk,
            occurred_at=NOW,
        )

        assert event is None
        assert not AuditEvent.objects.exists()

    def test_logs_a_read_of_a_record_no_organisation_owns(
        self, employer_actor, other_organisation_user
    ):
        audit_read(
            actor=employer_actor,
            record=other_organisation_user,
            record_organisation_id=None,
            occurred_at=NOW,
        )

        assert AuditEvent.objects.count() == 1
