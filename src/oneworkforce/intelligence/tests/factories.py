"""Builders for the Django-side tests of workforce returns: the sample files and files made
from them, returns accepted through the real upload and check, sharing agreements, and what
a return's page shows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from oneworkforce.background.tasks import run_job
from oneworkforce.intelligence import services
from oneworkforce.intelligence.models import ReturnFormat, ReturnStatus, WorkforceReturn
from oneworkforce.intelligence.returns import formats
from oneworkforce.partners.access import Actor, actor_for_user
from oneworkforce.partners.models import (
    DataSharingAgreement,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from oneworkforce.partners.tests.factories import (
    DataSharingAgreementFactory,
    OrganisationFactory,
    member,
)

SAMPLES = Path(formats.__file__).parent / "samples"
REPORTING_DATE = date(2026, 3, 31)
EARLIER_DATE = date(2025, 12, 31)
STAFF_VALID = "ascwds-staff-valid.csv"
STAFF_WITH_ERRORS = "ascwds-staff-with-errors.csv"
WORKPLACE_VALID = "ascwds-workplace-valid.csv"
NHS_VALID = "nhs-staff-valid.csv"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def lines_of(content: bytes) -> list[str]:
    return content.decode().splitlines()


def file_of(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def without_lines(content: bytes, *numbers: int) -> bytes:
    """The file without the given lines (the header is line 1)."""
    return file_of(
        [line for number, line in enumerate(lines_of(content), start=1) if number not in numbers]
    )


def with_cell(content: bytes, *, line: int, column: str, value: str) -> bytes:
    """The file with one cell changed (the line as a spreadsheet numbers it; plain cells only)."""
    lines = lines_of(content)
    header = lines[0].split(",")
    cells = lines[line - 1].split(",")
    cells[header.index(column)] = value
    lines[line - 1] = ",".join(cells)
    return file_of(lines)


def accepted_return(
    *,
    actor: Actor,
    organisation: Organisation,
    content: bytes,
    file_format: str = ReturnFormat.ASCWDS_STAFF,
    reporting_date: date = REPORTING_DATE,
    name: str = "return.csv",
) -> WorkforceReturn:
    """A return uploaded through the service and checked in-process, as the worker does it
    (the name says what the caller expects; the test still checks the status)."""
    workforce_return, changed = services.return_upload(
        actor=actor,
        organisation=organisation,
        file_format=file_format,
        reporting_date=reporting_date,
        file_name=name,
        content=content,
        uploaded_at=timezone.now(),
    )
    if changed:
        run_job.call(str(workforce_return.job_id))
        workforce_return.refresh_from_db()
    return workforce_return


def sharing_with(partnership: Organisation, provider: Organisation) -> DataSharingAgreement:
    """An agreement in force today by which ``provider`` shares its workforce figures."""
    return DataSharingAgreementFactory(
        provider=provider,
        recipient=partnership,
        start_date=timezone.localdate() - timedelta(days=365),
        end_date=None,
    )


def status_shown(response: HttpResponse) -> str:
    """The status a return's page shows in its status tag."""
    found = re.search(
        r'role="status"[^>]*><strong class="govuk-tag[^"]*">([^<]*)</strong>',
        response.content.decode(),
    )
    assert found, "the page shows no status"
    return found.group(1)


@dataclass(frozen=True)
class District:
    """A few partners with accepted returns, all sharing their figures with the partnership,
    and a person in each role."""

    partnership: Organisation
    care_home: Organisation
    home_care: Organisation
    trust: Organisation
    analyst: User
    board_member: User
    admin: User
    employers: dict[int, User]  # by organisation id

    @property
    def providers(self) -> tuple[Organisation, ...]:
        return (self.care_home, self.home_care, self.trust)


def district_build() -> District:
    """Two social care partners (Workplace and Staff files) and an NHS trust (NHS staff
    file), with returns for two reporting dates, uploaded and checked as the product does."""
    partnership = OrganisationFactory(
        name="Dudley Health and Care Partnership", kind=OrganisationKind.PARTNERSHIP
    )
    care_home = OrganisationFactory(
        name="Netherton Lodge Care Home", kind=OrganisationKind.CARE_HOME_PROVIDER
    )
    home_care = OrganisationFactory(
        name="Sedgley Home Care", kind=OrganisationKind.HOME_CARE_AGENCY
    )
    trust = OrganisationFactory(name="Dudley Group NHS Trust", kind=OrganisationKind.NHS_TRUST)
    admin = member(role=Role.PARTNERSHIP_ADMIN, organisation=partnership)
    uploader = actor_for_user(admin)
    files = (
        (care_home, ReturnFormat.ASCWDS_WORKPLACE, sample(WORKPLACE_VALID)),
        (care_home, ReturnFormat.ASCWDS_STAFF, sample(STAFF_VALID)),
        (home_care, ReturnFormat.ASCWDS_WORKPLACE, sample(WORKPLACE_VALID)),
        (home_care, ReturnFormat.ASCWDS_STAFF, without_lines(sample(STAFF_VALID), 15)),
        (trust, ReturnFormat.NHS_STAFF, sample(NHS_VALID)),
    )
    for reporting_date in (EARLIER_DATE, REPORTING_DATE):
        for organisation, file_format, content in files:
            workforce_return = accepted_return(
                actor=uploader,
                organisation=organisation,
                content=content,
                file_format=file_format,
                reporting_date=reporting_date,
            )
            assert workforce_return.status == ReturnStatus.ACCEPTED, workforce_return.failure
    for provider in (care_home, home_care, trust):
        sharing_with(partnership, provider)
    return District(
        partnership=partnership,
        care_home=care_home,
        home_care=home_care,
        trust=trust,
        analyst=member(role=Role.ANALYST, organisation=partnership),
        board_member=member(role=Role.BOARD_MEMBER, organisation=partnership),
        admin=admin,
        employers={
            provider.pk: member(role=Role.EMPLOYER_USER, organisation=provider)
            for provider in (care_home, home_care, trust)
        },
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
