"""Writing a return's normalised tables to the database, and reading them back.

Each row keeps its whole normalised record (for an exact export) beside the typed fields that
queries use. Rows are written in batches inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import polars as pl

from oneworkforce.intelligence.models import (
    Person,
    Post,
    TrainingRecord,
    WorkforceReturn,
    Workplace,
)
from oneworkforce.intelligence.returns.normalised import (
    PEOPLE_SCHEMA,
    POSTS_SCHEMA,
    QUALIFICATIONS_SCHEMA,
    TRAINING_SCHEMA,
    WORKPLACE_ROLES_SCHEMA,
    WORKPLACES_SCHEMA,
    NormalisedReturn,
)
from oneworkforce.reference import postcodes
from oneworkforce.reference.models import JobRole, RoleGroup

BATCH = 2000
HEALTH_FORMATS = {"nhs-staff"}
# A social care qualification at level 5 or above is, for a manager, the Level 5 Diploma in
# Leadership and Management (or its predecessors): ASC-WDS records the level, not the title.
LEADERSHIP_LEVEL = 5


def _json_ready(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, date) else value for key, value in row.items()
    }


def _batched(objects: Iterable[Any], model: type, size: int = BATCH) -> None:
    batch = []
    for item in objects:
        batch.append(item)
        if len(batch) >= size:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)


def _local_authority(postcode: str | None) -> str:
    if not postcode:
        return ""
    try:
        return postcodes.lookup(postcode).local_authority_code or ""
    except postcodes.PostcodeError:
        return ""


def load_tables(*, workforce_return: WorkforceReturn, tables: NormalisedReturn) -> None:
    organisation_id = workforce_return.organisation_id
    common = {"workforce_return": workforce_return, "organisation_id": organisation_id}
    roles_by_workplace: dict[str, list[dict[str, Any]]] = {}
    for role in tables.workplace_roles.iter_rows(named=True):
        roles_by_workplace.setdefault(role["workplace_key"], []).append(role)
    _batched(
        (
            Workplace(
                **common,
                key=row["workplace_key"],
                name=row["name"] or row["workplace_key"],
                postcode=row["postcode"] or "",
                local_authority_code=_local_authority(row["postcode"]),
                main_service=row["main_service"] or "",
                declared_staff=row["total_permanent_and_temporary_staff"],
                starters=row["starters_total"],
                leavers=row["leavers_total"],
                vacancies=row["vacancies_total"],
                record=_json_ready(
                    {**row, "roles": roles_by_workplace.get(row["workplace_key"], [])}
                ),
            )
            for row in tables.workplaces.iter_rows(named=True)
        ),
        Workplace,
    )
    qualifications: dict[str, list[dict[str, Any]]] = {}
    for qualification in tables.qualifications.iter_rows(named=True):
        qualifications.setdefault(qualification["person_key"], []).append(qualification)
    people = []
    for row in tables.people.iter_rows(named=True):
        level = row["social_care_qualification_level"]
        people.append(
            Person(
                **common,
                key=row["person_key"],
                ni_number_hash=row["ni_number_hash"] or "",
                birth_date=row["date_of_birth"],
                sex=row["gender"] or "",
                ethnicity=row["ethnicity"] or "",
                disability=row["disability"] or "",
                care_qualification_level=level if level is not None and level < 100 else None,
                has_leadership_qualification=level is not None and LEADERSHIP_LEVEL <= level < 100,
                record=_json_ready(
                    {**row, "qualifications": qualifications.get(row["person_key"], [])}
                ),
            )
        )
    _batched(people, Person)
    person_ids = dict(
        Person.objects.filter(workforce_return=workforce_return).values_list("key", "pk")
    )
    roles = {role.key: role for role in JobRole.objects.all()}
    is_health = workforce_return.format in HEALTH_FORMATS
    authority_of: dict[str, str] = {}

    def post(row: dict[str, Any]) -> Post:
        role = roles.get(row["job_role_key"] or "")
        postcode = row["site_postcode"] or ""
        if postcode not in authority_of:
            authority_of[postcode] = _local_authority(postcode)
        return Post(
            **common,
            person_id=person_ids[row["person_key"]],
            key=row["post_key"],
            workplace_key=row["workplace_key"] or "",
            sector="health" if is_health else "social_care",
            job_role=role.name if role else (row["job_role_description"] or ""),
            staff_group=row["staff_group_key"] or "",
            role_group=role.role_group if role else "",
            is_care_providing=bool(row["is_care_providing"]),
            is_manager=bool(role and role.role_group == RoleGroup.MANAGERIAL_SUPERVISORY),
            contract_type=row["contract_type"] or "",
            is_zero_hours=bool(row["is_zero_hours"]),
            contracted_hours=row["contracted_hours"],
            fte=row["fte"],
            pay_band=row["afc_band"] or "",
            start_date=row["start_date"],
            left_date=row["leaving_date"],
            leaving_reason=row["leaving_reason"] or "",
            leaving_destination=row["leaving_destination"] or "",
            sickness_days=row["sickness_days"],
            site_postcode=postcode,
            local_authority_code=authority_of[postcode],
            record=_json_ready(row),
        )

    _batched((post(row) for row in tables.posts.iter_rows(named=True)), Post)
    _batched(
        (
            TrainingRecord(
                **common,
                person_key=row["person_key"],
                category=row["training_category"] or "",
                completed_date=row["completed_date"],
                expiry_date=row["expiry_date"],
                record=_json_ready(row),
            )
            for row in tables.training.iter_rows(named=True)
        ),
        TrainingRecord,
    )


def _frame(records: list[dict[str, Any]], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    if not records:
        return pl.DataFrame(schema=schema)
    raw = pl.DataFrame(records, infer_schema_length=None)
    columns = []
    for name, dtype in schema.items():
        column = pl.col(name) if name in raw.columns else pl.lit(None)
        if dtype == pl.Date():
            columns.append(column.cast(pl.String).str.to_date().alias(name))
        else:
            columns.append(column.cast(dtype).alias(name))
    return raw.select(columns)


def stored_tables(workforce_return: WorkforceReturn) -> NormalisedReturn:
    """The normalised tables of a stored return, exactly as they were loaded."""
    workplaces = list(
        Workplace.objects.filter(workforce_return=workforce_return).values_list("record", flat=True)
    )
    people = list(
        Person.objects.filter(workforce_return=workforce_return).values_list("record", flat=True)
    )
    posts = list(
        Post.objects.filter(workforce_return=workforce_return).values_list("record", flat=True)
    )
    training = list(
        TrainingRecord.objects.filter(workforce_return=workforce_return).values_list(
            "record", flat=True
        )
    )
    roles = [role for workplace in workplaces for role in workplace.pop("roles", [])]
    qualifications = [q for person in people for q in person.pop("qualifications", [])]
    return NormalisedReturn(
        workplaces=_frame(workplaces, WORKPLACES_SCHEMA),
        workplace_roles=_frame(roles, WORKPLACE_ROLES_SCHEMA),
        people=_frame(people, PEOPLE_SCHEMA),
        posts=_frame(posts, POSTS_SCHEMA),
        qualifications=_frame(qualifications, QUALIFICATIONS_SCHEMA),
        training=_frame(training, TRAINING_SCHEMA),
    )
