"""Write normalised tables back as ASC-WDS bulk-upload files, so nobody types anything twice.

The columns are the formats' own, in order; codes are ASC-WDS codes, dates DD/MM/YYYY, and 999
stands for "don't know" in the numeric fields that take it (STARTINSECT, DAYSSICK, CONTHOURS and
AVGHOURS where they apply, the level after ``1;`` in SCQUAL and NONSCQUAL). NINUMBER is always
blank: the product never stores it. Every cell passes through ``neutralise``, so a value a
spreadsheet would run as a formula is written with a leading apostrophe; reading strips it again,
which is why an export read back gives the same normalised tables (tests/returns/test_round_trip).

Files are UTF-8 without a byte-order mark (ASC-WDS compares the header byte for byte), with CRLF
line endings and quotes only where a cell needs them. Only rows that came from ASC-WDS files
are written: NHS posts have no ASC-WDS job role.
"""

from __future__ import annotations

import polars as pl

from oneworkforce.intelligence.returns.codes import CodeList, reference
from oneworkforce.intelligence.returns.formats import (
    ASCWDS_STAFF,
    ASCWDS_TRAINING,
    ASCWDS_WORKPLACE,
)
from oneworkforce.intelligence.returns.rules.ascwds_staff import CONTRACTED, NOT_CONTRACTED

__all__ = [
    "FORMULA_STARTS",
    "export_staff",
    "export_training",
    "export_workplaces",
    "neutralise",
    "neutralise_cell",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = r"^[=+\-@\t\r]"


def neutralise_cell(value: str) -> str:
    """Put an apostrophe before text a spreadsheet would run as a formula.

    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")"), neutralise_cell("Care worker")
    ('\\'=HYPERLINK("http://x")', 'Care worker')
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def neutralise(expr: pl.Expr) -> pl.Expr:
    """``neutralise_cell`` for a whole column of text."""
    return pl.when(expr.str.contains(_FORMULA)).then(pl.lit("'") + expr).otherwise(expr)


def _code(name: str, codes: CodeList) -> pl.Expr:
    return pl.col(name).replace_strict(codes.codes_by_key(), default=None, return_dtype=pl.String)


def _text(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String)


def _date(name: str) -> pl.Expr:
    return pl.col(name).dt.strftime("%d/%m/%Y")


def _number(name: str) -> pl.Expr:
    """37.0 as 37, 37.5 as 37.5."""
    value = pl.col(name)
    return (
        pl.when(value == value.floor())
        .then(value.cast(pl.Int64).cast(pl.String))
        .otherwise(value.round(2).cast(pl.String))
    )


def _flag(name: str, true: str, false: str) -> pl.Expr:
    return pl.when(pl.col(name)).then(pl.lit(true)).when(~pl.col(name)).then(pl.lit(false))


def _write(frame: pl.DataFrame, columns: tuple[str, ...]) -> bytes:
    # Blank cells are written as nothing rather than "", which is what spreadsheets write.
    cells = frame.select(
        neutralise(pl.col(name).cast(pl.String).replace("", None)).alias(name) for name in columns
    )
    text = cells.write_csv(quote_style="necessary", line_terminator="\r\n", include_header=True)
    return text.encode("utf-8")


def export_workplaces(
    *, workplaces: pl.DataFrame, workplace_roles: pl.DataFrame, status: str | None = None
) -> bytes:
    """The ASC-WDS Workplace file of these workplaces (``status`` overrides every STATUS).

    Linear in the number of workplaces and job-role rows.

    >>> from oneworkforce.intelligence.returns.normalised import NormalisedReturn
    >>> empty = NormalisedReturn.empty()
    >>> export_workplaces(workplaces=empty.workplaces, workplace_roles=empty.workplace_roles
    ...                   ).decode().split(",")[:3]
    ['LOCALESTID', 'STATUS', 'ESTNAME']
    """
    codes = reference()
    yes_no = codes["ascwds_yes_no_dont_know"]
    services = codes["ascwds_service"].codes_by_key()
    rows = workplaces.filter(pl.col("source_format") == "ascwds-workplace")
    lists = (
        workplace_roles.sort("workplace_key", "position")
        .group_by("workplace_key", maintain_order=True)
        .agg(
            pl.col("ascwds_job_role_code").cast(pl.String).alias("roles"),
            *(
                pl.col(name).cast(pl.String).fill_null("999").alias(f"{name}_list")
                for name in ("starters", "leavers", "vacancies")
            ),
            *(
                pl.col(name).is_not_null().any().alias(f"{name}_known")
                for name in ("starters", "leavers", "vacancies")
            ),
        )
    )
    rows = rows.join(lists, on="workplace_key", how="left")
    deleted = pl.col("status") == "DELETE"

    def counts(name: str) -> pl.Expr:
        per_role = (
            pl.when(pl.col(f"{name}_known"))
            .then(pl.col(f"{name}_list").list.join(";"))
            .otherwise(pl.lit("999"))
        )
        no_roles = pl.col(f"{name}_total").cast(pl.String).fill_null("999")
        return pl.when(pl.col("roles").list.len() > 0).then(per_role).otherwise(no_roles)

    cells = rows.select(
        pl.col("workplace_key").alias("LOCALESTID"),
        (pl.lit(status) if status else pl.col("status")).alias("STATUS"),
        pl.col("name").alias("ESTNAME"),
        pl.col("address_1").alias("ADDRESS1"),
        pl.col("address_2").alias("ADDRESS2"),
        pl.col("address_3").alias("ADDRESS3"),
        pl.col("post_town").alias("POSTTOWN"),
        pl.col("postcode").alias("POSTCODE"),
        _code("employer_type", codes["ascwds_employer_type"]).alias("ESTTYPE"),
        pl.col("employer_type_other").alias("OTHERTYPE"),
        _flag("shares_data_with_cqc", "1", "0").alias("PERMCQC"),
        _flag("shares_data_with_local_authority", "1", "0").alias("PERMLA"),
        _flag("cqc_regulated", "2", "0").alias("REGTYPE"),
        pl.col("cqc_provider_id").alias("PROVNUM"),
        pl.col("cqc_location_id").alias("LOCATIONID"),
        _code("main_service", codes["ascwds_service"]).alias("MAINSERVICE"),
        pl.col("services")
        .list.eval(pl.element().replace_strict(services, default=None, return_dtype=pl.String))
        .list.join(";")
        .alias("ALLSERVICES"),
        pl.col("ascwds_capacity").alias("CAPACITY"),
        pl.col("ascwds_utilisation").alias("UTILISATION"),
        pl.col("ascwds_servicedesc").alias("SERVICEDESC"),
        pl.col("ascwds_serviceusers").alias("SERVICEUSERS"),
        pl.col("ascwds_otheruserdesc").alias("OTHERUSERDESC"),
        _code("delegated_healthcare_activities", yes_no).alias("DHA"),
        pl.col("ascwds_dhaactivities").alias("DHAACTIVITIES"),
        _text(pl.col("total_permanent_and_temporary_staff")).alias("TOTALPERMTEMP"),
        pl.col("roles").list.join(";").alias("ALLJOBROLES"),
        pl.when(~deleted).then(counts("starters")).alias("STARTERS"),
        pl.when(~deleted).then(counts("leavers")).alias("LEAVERS"),
        pl.when(~deleted).then(counts("vacancies")).alias("VACANCIES"),
        pl.col("ascwds_reasons").alias("REASONS"),
        pl.col("ascwds_reasonnos").alias("REASONNOS"),
        _code("ascwds_repeattraining", codes["ascwds_repeat_training"]).alias("REPEATTRAINING"),
        pl.col("ascwds_cwpaware").alias("CWPAWARE"),
        pl.col("ascwds_cwpuse").alias("CWPUSE"),
        pl.col("ascwds_cwpusedesc").alias("CWPUSEDESC"),
        _code("ascwds_sickpay", codes["ascwds_yes_no_unknown"]).alias("SICKPAY"),
        _code("ascwds_pension", codes["ascwds_yes_no_unknown"]).alias("PENSION"),
        pl.col("ascwds_actualcont").alias("ACTUALCONT"),
        _code("ascwds_optoutpen", yes_no).alias("OPTOUTPEN"),
        pl.col("ascwds_holiday").alias("HOLIDAY"),
        _code("ascwds_sleepins", yes_no).alias("SLEEPINS"),
        _code("ascwds_sleepinpay", yes_no).alias("SLEEPINPAY"),
        pl.col("ascwds_traveltime").alias("TRAVELTIME"),
        pl.col("ascwds_ttdiffrate").alias("TTDIFFRATE"),
    )
    return _write(cells, ASCWDS_WORKPLACE.names)


def export_staff(
    *,
    people: pl.DataFrame,
    posts: pl.DataFrame,
    qualifications: pl.DataFrame,
    status: str | None = None,
) -> bytes:
    """The ASC-WDS Staff file of these posts and their people (``status`` overrides STATUS).

    The optional CHGUNIQUEWRKID and TRANSFERSTAFFRECORD columns are written only when a post
    carries one of them. Linear in the number of posts (one join with people, one pivot of the
    qualifications).

    >>> from oneworkforce.intelligence.returns.normalised import NormalisedReturn
    >>> empty = NormalisedReturn.empty()
    >>> export_staff(people=empty.people, posts=empty.posts,
    ...              qualifications=empty.qualifications).decode().split(",")[:4]
    ['LOCALESTID', 'UNIQUEWORKERID', 'STATUS', 'DISPLAYID']
    """
    codes = reference()
    yes_no = codes["ascwds_yes_no_dont_know"]
    person_columns = [
        name for name in people.columns if name not in {"status", "source_format", "workplace_key"}
    ]
    rows = posts.filter(pl.col("source_format") == "ascwds-staff").join(
        people.select(person_columns), on="person_key", how="left"
    )
    slots = qualifications.with_columns(
        pl.concat_str(
            [
                pl.col("ascwds_qualification_id").cast(pl.String),
                pl.when(pl.col("year_achieved").is_not_null()).then(
                    pl.lit(";") + pl.col("year_achieved").cast(pl.String)
                ),
            ],
            ignore_nulls=True,
        ).alias("achieved")
    ).pivot(on="slot", index="person_key", values=["achieved", "notes"])
    for slot in ("1", "2", "3"):
        for part in ("achieved", "notes"):
            if f"{part}_{slot}" not in slots.columns:
                slots = slots.with_columns(pl.lit(None, dtype=pl.String).alias(f"{part}_{slot}"))
    rows = rows.join(slots, on="person_key", how="left")
    deleted = pl.col("status") == "DELETE"
    # Null-safe: an unanswered ZEROHRCONT is not a zero-hours contract.
    zero_hours = (pl.col("zero_hours_contract") == "yes").fill_null(False)
    contract = _code("contract_type", codes["ascwds_contract_type"])
    contracted_applies = ~zero_hours & ~contract.is_in(NOT_CONTRACTED).fill_null(False)
    average_applies = zero_hours | ~contract.is_in(CONTRACTED).fill_null(False)

    def unless_deleted(expr: pl.Expr) -> pl.Expr:
        return pl.when(~deleted).then(expr)

    def dont_know(expr: pl.Expr, applies: pl.Expr | None = None) -> pl.Expr:
        if applies is None:
            return unless_deleted(expr.fill_null("999"))
        return unless_deleted(pl.when(applies).then(expr.fill_null("999")))

    def qualification(answer: str, level: str) -> pl.Expr:
        code = _code(answer, yes_no)
        return (
            pl.when(code == "1")
            .then(pl.lit("1;") + pl.col(level).cast(pl.String).fill_null("999"))
            .otherwise(code)
        )

    l2 = _code("level_2_care_certificate", codes["ascwds_l2_care_certificate"])
    cells = rows.select(
        pl.col("workplace_key").alias("LOCALESTID"),
        pl.col("local_person_id").alias("UNIQUEWORKERID"),
        pl.col("change_worker_id").alias("CHGUNIQUEWRKID"),
        pl.col("transfer_to_workplace_key").alias("TRANSFERSTAFFRECORD"),
        (pl.lit(status) if status else pl.col("status")).alias("STATUS"),
        pl.col("display_id").alias("DISPLAYID"),
        pl.lit("").alias("NINUMBER"),
        pl.col("home_postcode").alias("POSTCODE"),
        _date("date_of_birth").alias("DOB"),
        _code("gender", codes["ascwds_gender"]).alias("GENDER"),
        _code("ethnicity", codes["ascwds_ethnicity"]).alias("ETHNICITY"),
        _text(pl.col("nationality_code")).alias("NATIONALITY"),
        _code("british_citizenship", yes_no).alias("BRITISHCITIZENSHIP"),
        _text(pl.col("country_of_birth_code")).alias("COUNTRYOFBIRTH"),
        _text(pl.col("year_of_entry")).alias("YEAROFENTRY"),
        _code("disability", codes["ascwds_disability"]).alias("DISABLED"),
        _code("care_certificate", codes["ascwds_care_certificate"]).alias("CARECERT"),
        pl.when((l2 == "1") & pl.col("level_2_care_certificate_year").is_not_null())
        .then(pl.lit("1;") + pl.col("level_2_care_certificate_year").cast(pl.String))
        .otherwise(l2)
        .alias("L2CARECERT"),
        _text(pl.col("recruitment_source_code")).alias("RECSOURCE"),
        _code("health_and_care_visa", yes_no).alias("HANDCVISA"),
        _code("recruited_from", codes["ascwds_inside_outside_uk"]).alias("INOUTUK"),
        _date("start_date").alias("STARTDATE"),
        dont_know(_text(pl.col("year_started_in_sector"))).alias("STARTINSECT"),
        _code("delegated_healthcare_activities", yes_no).alias("DHA"),
        _code("apprentice", yes_no).alias("APPRENTICE"),
        contract.alias("EMPLSTATUS"),
        _code("zero_hours_contract", yes_no).alias("ZEROHRCONT"),
        dont_know(_number("sickness_days")).alias("DAYSSICK"),
        _code("salary_interval", codes["ascwds_salary_interval"]).alias("SALARYINT"),
        _text(pl.col("annual_salary")).alias("SALARY"),
        pl.col("hourly_rate").round(2).cast(pl.Decimal(12, 2)).cast(pl.String).alias("HOURLYRATE"),
        _text(pl.col("ascwds_job_role_code")).alias("MAINJOBROLE"),
        pl.col("job_role_description").alias("MAINJRDESC"),
        dont_know(_number("contracted_hours"), contracted_applies).alias("CONTHOURS"),
        dont_know(_number("average_hours"), average_applies).alias("AVGHOURS"),
        _code("nmc_registration", codes["ascwds_nmc_registration"]).alias("NMCREG"),
        _code("approved_mental_health_professional", yes_no).alias("AMHP"),
        qualification("social_care_qualification", "social_care_qualification_level").alias(
            "SCQUAL"
        ),
        qualification("other_qualification", "other_qualification_level").alias("NONSCQUAL"),
        _code("care_workforce_pathway_category", codes["ascwds_care_workforce_pathway"]).alias(
            "CWPCATEGORY"
        ),
        *(
            expr
            for slot, number_ in (("1", "01"), ("2", "02"), ("3", "03"))
            for expr in (
                pl.col(f"achieved_{slot}").alias(f"QUALACH{number_}"),
                pl.col(f"notes_{slot}").alias(f"QUALACH{number_}NOTES"),
            )
        ),
    )
    columns = list(ASCWDS_STAFF.names)
    optional = [column.name for column in ASCWDS_STAFF.optional_columns]
    present = [name for name in optional if cells.get_column(name).is_not_null().any()]
    if present:
        # The optional columns come as a leading run: a transfer needs CHGUNIQUEWRKID too.
        wanted = optional[: optional.index(present[-1]) + 1]
        position = columns.index(str(ASCWDS_STAFF.optional_after)) + 1
        columns[position:position] = wanted
    return _write(cells, tuple(columns))


def export_training(*, training: pl.DataFrame) -> bytes:
    """The ASC-WDS Training file of these training records; linear in their number.

    >>> from oneworkforce.intelligence.returns.normalised import NormalisedReturn
    >>> export_training(training=NormalisedReturn.empty().training).decode().split(",")[:3]
    ['LOCALESTID', 'UNIQUEWORKERID', 'CATEGORY']
    """
    codes = reference()
    cells = training.select(
        pl.col("workplace_key").alias("LOCALESTID"),
        pl.col("local_person_id").alias("UNIQUEWORKERID"),
        _code("training_category", codes["ascwds_training_category"]).alias("CATEGORY"),
        pl.col("name").alias("TRAININGNAME"),
        _code("accredited", codes["ascwds_accredited"]).alias("ACCREDITED"),
        _code("delivered_by", codes["ascwds_who_delivered"]).alias("WHODELIVERED"),
        pl.col("provider_name").alias("PROVIDERNAME"),
        _code("delivery_method", codes["ascwds_how_delivered"]).alias("HOWDELIVERED"),
        pl.when(pl.col("does_not_expire"))
        .then(pl.lit("none"))
        .otherwise(pl.col("validity_months").cast(pl.String))
        .alias("VALIDITY"),
        _date("completed_date").alias("DATECOMPLETED"),
        _date("expiry_date").alias("EXPIRYDATE"),
        pl.col("notes").alias("NOTES"),
    )
    return _write(cells, ASCWDS_TRAINING.names)
