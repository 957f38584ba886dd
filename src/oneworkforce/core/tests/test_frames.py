"""Rows read through the driver come out as the ORM would give them, days in local time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oneworkforce.core.frames import fetch_frame
from oneworkforce.partners.models import Organisation
from oneworkforce.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_time_reads_as_the_day_it_falls_on_in_the_uk() -> None:
    # 23:30 UTC is already the next day in British Summer Time, the same day in winter.
    summer, winter = OrganisationFactory(name="Summer"), OrganisationFactory(name="Winter")
    Organisation.objects.filter(pk=summer.pk).update(
        created_at=datetime(2026, 6, 30, 23, 30, 15, 250_000, tzinfo=UTC)
    )
    Organisation.objects.filter(pk=winter.pk).update(
        created_at=datetime(2026, 1, 15, 23, 30, tzinfo=UTC)
    )

    frame = fetch_frame(
        Organisation.objects.filter(pk__in=[summer.pk, winter.pk]).order_by("name"),
        ("name", "created_at"),
        local_dates=("created_at",),
    )

    assert frame.rows() == [("Summer", date(2026, 7, 1)), ("Winter", date(2026, 1, 15))]


def test_no_rows_give_an_empty_frame_with_the_columns() -> None:
    frame = fetch_frame(
        Organisation.objects.none(), ("name", "created_at"), local_dates=("created_at",)
    )

    assert frame.height == 0
    assert frame.columns == ["name", "created_at"]
