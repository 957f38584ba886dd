"""Small hand-made frames for worked examples, tests and trying the metrics out.

:func:`posts` fills every column a row leaves out with a plain default (a permanent,
full-time health post at one partner, started in 2020, held by someone born in 1980), so
an example names only what it is about.

>>> frame = posts([dict(person_key="ann"), dict(person_key="ann", contract_type="agency")])
>>> frame.select("post_id", "person_key", "contract_type").rows()
[('post-1', 'ann', 'permanent'), ('post-2', 'ann', 'agency')]
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import polars as pl

from oneworkforce.intelligence.metrics.frame import WORKFORCE_SCHEMA, WORKPLACES_SCHEMA

__all__ = ["POST_DEFAULTS", "posts", "workplaces"]

POST_DEFAULTS: dict[str, Any] = {
    "organisation_id": "org-1",
    "organisation_name": "Partner One",
    "organisation_kind": "nhs_trust",
    "workplace_id": "site-1",
    "site_postcode": "DY1 1AA",
    "local_authority_code": "E08000027",
    "sector": "health",
    "job_role": "Registered nurse",
    "role_group": "professional",
    "is_care_providing": False,
    "is_manager": False,
    "contract_type": "permanent",
    "is_zero_hours": False,
    "contracted_hours": 37.5,
    "fte": 1.0,
    "pay_band": "Band 5",
    "start_date": date(2020, 1, 1),
    "left_date": None,
    "leaving_reason": "",
    "leaving_destination": "",
    "recruitment_source": "",
    "sickness_days": None,
    "care_qualification_level": None,
    "has_leadership_qualification": False,
    "birth_date": date(1980, 1, 1),
    "sex": "female",
    "ethnicity_group": "white",
    "disability": "no",
}
"""What a post in an example is unless it says otherwise."""


def posts(rows: Sequence[Mapping[str, Any]], **defaults: Any) -> pl.DataFrame:
    """A workforce frame from ``rows``, each a dict of the columns that matter to the example.

    ``post_id`` defaults to ``post-1``, ``post-2``, ...; ``person_key`` to ``person-1``, ...;
    keyword arguments override :data:`POST_DEFAULTS` for every row.
    """
    base = {**POST_DEFAULTS, **defaults}
    data = [
        {
            "post_id": f"post-{index}",
            "person_key": f"person-{index}",
            **base,
            **row,
        }
        for index, row in enumerate(rows, start=1)
    ]
    return (
        pl.DataFrame(
            [{column: row[column] for column in WORKFORCE_SCHEMA} for row in data],
            schema=WORKFORCE_SCHEMA,
            orient="row",
        )
        if data
        else pl.DataFrame(schema=WORKFORCE_SCHEMA)
    )


def workplaces(rows: Sequence[Mapping[str, Any]]) -> pl.DataFrame:
    """A workplaces frame from ``rows`` (missing counts are not declared).

    >>> workplaces([dict(organisation_id="org-1", declared_staff=40, vacancies=4)]).row(0)
    ('org-1', 'site-1', 40, 4, None, None)
    """
    data = [
        {"organisation_id": "org-1", "workplace_id": f"site-{index}", **row}
        for index, row in enumerate(rows, start=1)
    ]
    return (
        pl.DataFrame(
            [{column: row.get(column) for column in WORKPLACES_SCHEMA} for row in data],
            schema=WORKPLACES_SCHEMA,
            orient="row",
        )
        if data
        else pl.DataFrame(schema=WORKPLACES_SCHEMA)
    )
