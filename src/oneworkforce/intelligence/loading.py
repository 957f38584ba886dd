"""Writing a return's normalised tables to the database, and reading them back.

Each row keeps its whole normalised record (for an exact export) beside the typed fields that
queries use. A return can hold 100,000 rows, so its rows are built as Polars columns and handed
to the database driver in one go (PostgreSQL's COPY, SQLite's executemany), inside the caller's
transaction: a failure part-way leaves nothing of the return behind. Records are compact JSON
without their null fields; reading one back puts every field of its table's schema back.
See docs/decisions/0055-returns-loaded-through-the-driver.md.
"""

from __future__ import annotations

import io
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import Model

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
from oneworkforce.reference.models import CodeList, CodeListItem, JobRole, RoleGroup

__all__ = ["load_tables", "stored_tables"]

HEALTH_FORMATS = {"nhs-staff"}
# A social care qualification at level 5 or above is, for a manager, the Level 5 Diploma in
# Leadership and Management (or its predecessors): ASC-WDS records the level, not the title.
LEADERSHIP_LEVEL = 5
# ASC-WDS levels of 100 and more are codes for "other" answers, not levels.
NOT_A_LEVEL = 100

# A null field of a record: `,"key":null` anywhere, or `"key":null` first in its object. A key
# follows `{` or `,` only where it is structure: in a string, every quote is escaped (`\"`).
_NULL_FIELD = r',"[^"\\]+":null'
_FIRST_NULL_FIELD = r'\{"[^"\\]+":null,?'


def _local_authority(postcode: str | None) -> str:
    if not postcode:
        return ""
    try:
        return postcodes.lookup(postcode).local_authority_code or ""
    except postcodes.PostcodeError:
        return ""


def _authorities(postcodes_column: pl.Expr, frame: pl.DataFrame) -> pl.Expr:
    """Each row's local authority code, looked up once per distinct postcode."""
    distinct = frame.select(postcodes_column.fill_null("").unique()).to_series().to_list()
    mapping = {postcode: _local_authority(postcode) for postcode in distinct}
    return postcodes_column.fill_null("").replace_strict(mapping, return_dtype=pl.String)


def _record(*columns: pl.Expr | str) -> pl.Expr:
    """The JSON of the named columns, without its null fields."""
    encoded = pl.struct(*columns).struct.json_encode()
    return encoded.str.replace_all(_NULL_FIELD, "").str.replace_all(_FIRST_NULL_FIELD, "{")


def _with_nested(
    parent: pl.DataFrame, children: pl.DataFrame, *, key: str, name: str
) -> pl.DataFrame:
    """``parent`` with a list column ``name`` holding each row's ``children`` (joined on
    ``key``, unique in ``parent``; each child keeps its own ``key``), empty for a row with none."""
    nested = pl.List(pl.Struct(children.schema))
    if children.is_empty():
        return parent.with_columns(pl.lit([], dtype=nested).alias(name))
    grouped = (
        children.with_columns(pl.col(key).alias("__parent"))
        .group_by("__parent", maintain_order=True)
        .agg(pl.struct(*children.columns).alias(name))
    )
    return parent.join(
        grouped, left_on=key, right_on="__parent", how="left", maintain_order="left"
    ).with_columns(pl.col(name).fill_null(pl.lit([], dtype=nested)))


def _text(name: str) -> pl.Expr:
    return pl.col(name).fill_null("")


def _day(expr: pl.Expr) -> pl.Expr:
    return expr.dt.to_string("%Y-%m-%d")


def _insert(model: type[Model], frame: pl.DataFrame) -> None:
    """Write ``frame`` (one column per database column of ``model``) in one statement."""
    unknown = set(frame.columns) - {field.column for field in model._meta.concrete_fields}
    if unknown:  # the names go into SQL: only the model's own columns may
        raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
    if frame.is_empty():
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(name) for name in frame.columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Quoted text, unquoted null: COPY's CSV tells an empty string from a null.
            buffer = io.BytesIO()
            frame.write_csv(buffer, include_header=False, quote_style="non_numeric")
            copy_sql = f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)"
            # psycopg's own cursor, so its errors are made Django's (IntegrityError...) here.
            with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
                copy.write(buffer.getvalue())
        else:
            parameter_markers = ", ".join(["%s"] * frame.width)
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({parameter_markers})",  # noqa: S608 (names from the model)
                frame.iter_rows(),
            )


def _db_value(workforce_return: WorkforceReturn) -> Any:
    """The return's primary key as the database stores it (SQLite keeps UUIDs as hex text)."""
    value = WorkforceReturn._meta.pk.get_db_prep_value(workforce_return.pk, connection)
    return str(value) if connection.vendor == "postgresql" else value


def _return_columns(workforce_return: WorkforceReturn) -> tuple[pl.Expr, pl.Expr]:
    return (
        pl.lit(_db_value(workforce_return), dtype=pl.String).alias("workforce_return_id"),
        pl.lit(workforce_return.organisation_id, dtype=pl.Int64).alias("organisation_id"),
    )


def load_tables(*, workforce_return: WorkforceReturn, tables: NormalisedReturn) -> None:
    """Write the rows of every table the return fills (a file fills one or two of them)."""
    if not tables.workplaces.is_empty():
        _insert(Workplace, _workplace_rows(workforce_return, tables))
    if not tables.people.is_empty():
        _insert(Person, _person_rows(workforce_return, tables))
    if not tables.posts.is_empty():
        _insert(Post, _post_rows(workforce_return, tables))
    if not tables.training.is_empty():
        _insert(TrainingRecord, _training_rows(workforce_return, tables))


def _workplace_rows(workforce_return: WorkforceReturn, tables: NormalisedReturn) -> pl.DataFrame:
    workplaces = _with_nested(
        tables.workplaces, tables.workplace_roles, key="workplace_key", name="roles"
    )
    return workplaces.select(
        *_return_columns(workforce_return),
        pl.col("workplace_key").alias("key"),
        pl.coalesce(pl.col("name"), pl.col("workplace_key")).alias("name"),
        _text("postcode").alias("postcode"),
        _authorities(pl.col("postcode"), workplaces).alias("local_authority_code"),
        _text("main_service").alias("main_service"),
        pl.col("total_permanent_and_temporary_staff").alias("declared_staff"),
        pl.col("starters_total").alias("starters"),
        pl.col("leavers_total").alias("leavers"),
        pl.col("vacancies_total").alias("vacancies"),
        _record(*WORKPLACES_SCHEMA, "roles").alias("record"),
    )


def _person_rows(workforce_return: WorkforceReturn, tables: NormalisedReturn) -> pl.DataFrame:
    people = _with_nested(
        tables.people, tables.qualifications, key="person_key", name="qualifications"
    )
    level = pl.col("social_care_qualification_level")
    is_level = level.is_not_null() & (level < NOT_A_LEVEL)
    return people.select(
        *_return_columns(workforce_return),
        pl.col("person_key").alias("key"),
        _text("ni_number_hash").alias("ni_number_hash"),
        _day(pl.col("date_of_birth")).alias("birth_date"),
        _text("gender").alias("sex"),
        _text("ethnicity").alias("ethnicity"),
        _text("disability").alias("disability"),
        pl.when(is_level).then(level).alias("care_qualification_level"),
        (is_level & (level >= LEADERSHIP_LEVEL)).alias("has_leadership_qualification"),
        _record(*PEOPLE_SCHEMA, "qualifications").alias("record"),
    )


def _post_rows(workforce_return: WorkforceReturn, tables: NormalisedReturn) -> pl.DataFrame:
    """Posts, once their people are written: each names its person by the id the database
    gave them."""
    posts = (
        tables.posts.join(
            _person_ids(workforce_return), on="person_key", how="left", maintain_order="left"
        )
        .join(_job_roles(), on="job_role_key", how="left", maintain_order="left")
        .join(_recruitment_sources(tables), on="person_key", how="left", maintain_order="left")
    )
    sector = "health" if workforce_return.format in HEALTH_FORMATS else "social_care"
    return posts.select(
        *_return_columns(workforce_return),
        pl.col("person_id"),
        pl.col("post_key").alias("key"),
        _text("workplace_key").alias("workplace_key"),
        pl.lit(sector).alias("sector"),
        pl.coalesce(pl.col("role_name"), _text("job_role_description")).alias("job_role"),
        _text("staff_group_key").alias("staff_group"),
        _text("role_group").alias("role_group"),
        pl.col("is_care_providing").fill_null(False).alias("is_care_providing"),
        (pl.col("role_group") == RoleGroup.MANAGERIAL_SUPERVISORY)
        .fill_null(False)
        .alias("is_manager"),
        _text("contract_type").alias("contract_type"),
        pl.col("is_zero_hours").fill_null(False).alias("is_zero_hours"),
        pl.col("contracted_hours"),
        pl.col("fte"),
        _text("afc_band").alias("pay_band"),
        _day(pl.col("start_date")).alias("start_date"),
        _day(pl.col("leaving_date")).alias("left_date"),
        _text("leaving_reason").alias("leaving_reason"),
        _text("leaving_destination").alias("leaving_destination"),
        _text("recruitment_source").alias("recruitment_source"),
        pl.col("sickness_days"),
        _text("site_postcode").alias("site_postcode"),
        _authorities(pl.col("site_postcode"), posts).alias("local_authority_code"),
        _record(*POSTS_SCHEMA).alias("record"),
    )


def _training_rows(workforce_return: WorkforceReturn, tables: NormalisedReturn) -> pl.DataFrame:
    return tables.training.select(
        *_return_columns(workforce_return),
        pl.col("person_key"),
        _text("training_category").alias("category"),
        _day(pl.col("completed_date")).alias("completed_date"),
        _day(pl.col("expiry_date")).alias("expiry_date"),
        _record(*TRAINING_SCHEMA).alias("record"),
    )


def _person_ids(workforce_return: WorkforceReturn) -> pl.DataFrame:
    """The ids the database gave the return's people, by person key (the ORM's query, read
    through the driver: 100,000 rows of two columns)."""
    people = Person.objects.filter(workforce_return=workforce_return).values_list("key", "pk")
    sql, params = people.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema={"person_key": pl.String, "person_id": pl.Int64}, orient="row")


def _recruitment_sources(tables: NormalisedReturn) -> pl.DataFrame:
    """Each person's recruitment source as its label in the ASC-WDS list, for their posts; a
    code not on the list (the file was only warned about it) gives none."""
    labels = dict(
        CodeListItem.objects.filter(
            list_name=CodeList.RECRUITMENT_SOURCE, retired_at__isnull=True
        ).values_list("code", "label")
    )
    code = tables.people.get_column("recruitment_source_code").cast(pl.String)
    return pl.DataFrame(
        {
            "person_key": tables.people.get_column("person_key"),
            "recruitment_source": code.replace_strict(labels, default=None, return_dtype=pl.String),
        }
    ).unique(subset="person_key", keep="first", maintain_order=True)


def _job_roles() -> pl.DataFrame:
    return pl.DataFrame(
        list(JobRole.objects.values_list("key", "name", "role_group")),
        schema={"job_role_key": pl.String, "role_name": pl.String, "role_group": pl.String},
        orient="row",
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
    """The normalised tables of a stored return, exactly as they were loaded (rows in the
    order they were written: PostgreSQL may hand back rows in any order otherwise)."""

    def records(model: type[Model]) -> list[dict[str, Any]]:
        rows = model._default_manager.filter(workforce_return=workforce_return).order_by("pk")
        return list(rows.values_list("record", flat=True))

    workplaces = records(Workplace)
    people = records(Person)
    roles = [role for workplace in workplaces for role in workplace.pop("roles", [])]
    qualifications = [q for person in people for q in person.pop("qualifications", [])]
    return NormalisedReturn(
        workplaces=_frame(workplaces, WORKPLACES_SCHEMA),
        workplace_roles=_frame(roles, WORKPLACE_ROLES_SCHEMA),
        people=_frame(people, PEOPLE_SCHEMA),
        posts=_frame(records(Post), POSTS_SCHEMA),
        # Normalising sorts them so; stored, they sit with their people, in the people's order.
        qualifications=_frame(qualifications, QUALIFICATIONS_SCHEMA).sort("person_key", "slot"),
        training=_frame(records(TrainingRecord), TRAINING_SCHEMA),
    )
