"""Rules of the ASC-WDS Workplace file, and the values its normalised rows store.

Severities follow ``backend/server/models/BulkImport/csv/workplaceCSVValidator.js``: identity,
address, registration, services, staff totals and the starters/leavers/vacancies lists are
errors; the survey questions (REPEATTRAINING, pay and pension, sleep-ins, the Care Workforce
Pathway, delegated healthcare activities, service users) are warnings whose value is ignored.
Simplifications, all documented in docs/returns-formats.md: CAPACITY, UTILISATION and
SERVICEDESC are blank or have one item per service; reason codes outside the 2018 list we ship
are warnings, because the current list is not in our sources.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from oneworkforce.intelligence.returns.codes import reference
from oneworkforce.intelligence.returns.formats import ASCWDS_WORKPLACE
from oneworkforce.intelligence.returns.rules.common import (
    ERROR,
    WARNING,
    Context,
    Rule,
    blank,
    checked_rows,
    code_key,
    column_rules,
    duplicate_rule,
    fill,
    given,
    items,
    postcode,
    postcode_rule,
    whole,
)

OTHER_TYPE_MISSING = "OTHERTYPE is blank but ESTTYPE is 8 (Other); describe the employer type."
OTHER_TYPE_IGNORED = "OTHERTYPE will be ignored because ESTTYPE is not 8 (Other); leave it blank."
CQC_ID_MISSING = (
    "{column} is blank but REGTYPE is 2 (CQC regulated); enter the CQC id, like {example}."
)
CQC_ID_FORMAT = "{column} {value} is not a CQC id; enter one like {example}."
CQC_ID_IGNORED = (
    "{column} will be ignored because REGTYPE is 0 (not CQC regulated); leave it blank."
)
ALL_SERVICES_BLANK = (
    "ALLSERVICES is blank but required; list every service, ;-separated, starting with MAINSERVICE."
)
SERVICE_NOT_A_CODE = (
    "ALLSERVICES {value} holds an item that is not a service code; use ;-separated service"
    " codes, like 2;8."
)
MAIN_SERVICE_NOT_IN_ALL = "ALLSERVICES {value} does not include MAINSERVICE {main}; add it."
NO_OTHER_SERVICES_CONFLICT = (
    "ALLSERVICES {value} has 0 (no other services) and other services; remove the 0 or the"
    " other services."
)
NOT_ONE_PER_SERVICE = (
    "{column} {value} has {count} items but ALLSERVICES has {services}; give one item per"
    " service, in the same order, or leave {column} blank."
)
SERVICE_ITEM_INVALID = (
    "{column} {value} holds an item that is not a whole number under 9999; give whole numbers,"
    " ;-separated."
)
SERVICE_DESCRIPTION_TOO_LONG = "SERVICEDESC has a description over 120 characters; shorten it."
SHAPE_IGNORED = (
    "{column} {value} is not ;-separated whole-number codes, so it will be ignored; use codes"
    " from the ASC-WDS list."
)
USER_DESCRIPTIONS_MISALIGNED = (
    "OTHERUSERDESC has {count} items but SERVICEUSERS has {users}; give one description per"
    " service-user code, in the same order."
)
DHA_ACTIVITIES_IGNORED = "DHAACTIVITIES will be ignored because DHA is not 1 (yes); leave it blank."
TOTAL_NOT_A_COUNT = (
    "TOTALPERMTEMP {value} is not a whole number from 0 to 999; enter the total staff."
)
TOTAL_ZERO = (
    "TOTALPERMTEMP is 0, which is accepted only for a head office (MAINSERVICE 72); enter the"
    " total permanent and temporary staff."
)
ROLE_NOT_A_CODE = (
    "ALLJOBROLES {value} holds an item that is not a current job role code; use ;-separated"
    " codes, like 4;8;7."
)
ROLES_BLANK_WITH_COUNTS = (
    "ALLJOBROLES is blank but STARTERS, LEAVERS or VACANCIES count people; list the job roles"
    " they are for."
)
COUNTS_MISALIGNED = (
    "{column} {value} has {count} items but ALLJOBROLES has {roles}; give one count per job"
    " role, in the same order, or 999 for don't know."
)
COUNTS_INVALID = (
    "{column} {value} holds an item that is not a whole number from 0 to 999; correct it."
)
MANAGER_VACANCY_IGNORED = (
    "VACANCIES for a registered manager (role 4) will be ignored because REGTYPE is not 2"
    " (CQC regulated)."
)
REASON_NOT_A_NUMBER = (
    "REASONS {value} holds an item that is not a reason code; use codes like 8;10."
)
REASON_NOT_ON_LIST = (
    "REASONS {value} holds a code that is not on the reasons-for-leaving list we ship (1 to 15);"
    " check it against the current ASC-WDS guide."
)
REASON_COUNTS_MISALIGNED = (
    "REASONNOS {value} has {count} items but REASONS has {reasons}; give one count per reason."
)
REASON_COUNTS_INVALID = "REASONNOS {value} holds an item that is not a whole number; correct it."
REASON_COUNTS_TOTAL = (
    "REASONNOS adds up to {reason_total} but LEAVERS adds up to {leaver_total}; make them agree."
)
REASONS_WITHOUT_LEAVERS = "REASONS will be ignored because LEAVERS counts nobody; leave it blank."
WHOLE_IGNORED = "{column} {value} is not a whole number, so it will be ignored; enter digits only."
CWP_USE_IGNORED = (
    "CWPUSE {value} is not 1, 2 or 999 followed by ;-separated reason codes, so it will be ignored."
)
CWP_DESCRIPTION_TOO_LONG = "CWPUSEDESC is over 120 characters, so it will be ignored; shorten it."
CWP_DESCRIPTION_IGNORED = (
    "CWPUSEDESC will be ignored because CWPUSE does not give reason 10 (something else)."
)

HEAD_OFFICE = "72"
REGISTERED_MANAGER = "4"
_CQC_ID = r"^\d-\d{8,12}$"
_WHOLE_ITEMS = r"^\d{1,9}(;\d{1,9})*;?$"


def service_codes() -> pl.Expr:
    """ALLSERVICES without the 0 that means "no other services"."""
    return items("ALLSERVICES").list.eval(pl.element().filter(pl.element() != "0"))


def _count_items(name: str) -> pl.Expr:
    return items(name).list.len()


def rules(context: Context) -> Iterator[Rule]:
    spec = ASCWDS_WORKPLACE
    checked = checked_rows(spec)
    for name in ("LOCALESTID", "STATUS"):
        yield from column_rules(spec.column(name), checked=checked, always=True)
    yield duplicate_rule(
        "LOCALESTID.duplicate", ("LOCALESTID",), scope=" in this file", thing="workplace"
    )
    for name in (
        "ESTNAME",
        "ADDRESS1",
        "ADDRESS2",
        "ADDRESS3",
        "POSTTOWN",
        "POSTCODE",
        "ESTTYPE",
        "OTHERTYPE",
        "PERMCQC",
        "PERMLA",
        "REGTYPE",
        "MAINSERVICE",
        "TOTALPERMTEMP",
        "ACTUALCONT",
        "TRAVELTIME",
        "TTDIFFRATE",
    ):
        yield from column_rules(spec.column(name), checked=checked)
    for name in (
        "DHA",
        "REPEATTRAINING",
        "SICKPAY",
        "PENSION",
        "OPTOUTPEN",
        "SLEEPINS",
        "SLEEPINPAY",
    ):
        yield from column_rules(spec.column(name), checked=checked, code_severity=WARNING)
    yield postcode_rule("POSTCODE", checked=checked)

    estimate = pl.col("ESTTYPE")
    yield Rule(
        "OTHERTYPE.missing",
        "OTHERTYPE",
        "OTHERTYPE",
        WARNING,
        checked & (estimate == "8") & blank("OTHERTYPE"),
        OTHER_TYPE_MISSING,
    )
    yield Rule(
        "OTHERTYPE.ignored",
        "OTHERTYPE",
        "OTHERTYPE",
        WARNING,
        checked & (estimate != "8") & given("OTHERTYPE"),
        OTHER_TYPE_IGNORED,
    )

    yield from _registration(checked)
    yield from _services(checked)
    yield from _staffing(checked)
    yield from _survey(checked)


def _registration(checked: pl.Expr) -> Iterator[Rule]:
    regulated = pl.col("REGTYPE") == "2"
    for name in ("PROVNUM", "LOCATIONID"):
        example = ASCWDS_WORKPLACE.column(name).example
        needed = (
            regulated & (pl.col("MAINSERVICE") != HEAD_OFFICE)
            if name == "LOCATIONID"
            else regulated
        )
        yield Rule(
            f"{name}.missing",
            name,
            name,
            ERROR,
            checked & needed & blank(name),
            fill(CQC_ID_MISSING, column=name, example=example),
        )
        yield Rule(
            f"{name}.format",
            name,
            name,
            ERROR,
            checked & regulated & given(name) & ~pl.col(name).str.contains(_CQC_ID),
            fill(CQC_ID_FORMAT, column=name, example=example),
        )
        yield Rule(
            f"{name}.ignored",
            name,
            name,
            WARNING,
            checked & (pl.col("REGTYPE") == "0") & given(name),
            fill(CQC_ID_IGNORED, column=name),
        )


def _services(checked: pl.Expr) -> Iterator[Rule]:
    services = items("ALLSERVICES")
    accepted = list(reference()["ascwds_service"].accepted)
    yield Rule(
        "ALLSERVICES.required",
        "ALLSERVICES",
        "ALLSERVICES",
        ERROR,
        checked & blank("ALLSERVICES"),
        ALL_SERVICES_BLANK,
    )
    yield Rule(
        "ALLSERVICES.code",
        "ALLSERVICES",
        "ALLSERVICES",
        ERROR,
        checked
        & given("ALLSERVICES")
        & ~services.list.eval(pl.element().is_in([*accepted, "0"])).list.all(),
        SERVICE_NOT_A_CODE,
    )
    yield Rule(
        "ALLSERVICES.main_service",
        "ALLSERVICES",
        "ALLSERVICES",
        ERROR,
        checked
        & given("ALLSERVICES")
        & given("MAINSERVICE")
        & ~services.list.contains(pl.col("MAINSERVICE")),
        MAIN_SERVICE_NOT_IN_ALL,
        fields={"main": pl.col("MAINSERVICE")},
    )
    yield Rule(
        "ALLSERVICES.none_and_others",
        "ALLSERVICES",
        "ALLSERVICES",
        ERROR,
        checked & services.list.contains("0") & (service_codes().list.len() != 1),
        NO_OTHER_SERVICES_CONFLICT,
    )
    service_count = service_codes().list.len()
    for name in ("CAPACITY", "UTILISATION", "SERVICEDESC"):
        yield Rule(
            f"{name}.per_service",
            name,
            name,
            ERROR,
            checked & given(name) & given("ALLSERVICES") & (_count_items(name) != service_count),
            fill(NOT_ONE_PER_SERVICE, column=name),
            fields={"count": _count_items(name), "services": service_count},
        )
    for name in ("CAPACITY", "UTILISATION"):
        yield Rule(
            f"{name}.whole",
            name,
            name,
            ERROR,
            checked
            & given(name)
            & ~items(name)
            .list.eval(
                ((pl.element() == "") | whole(pl.element()).is_between(0, 9998)).fill_null(False)
            )
            .list.all(),
            fill(SERVICE_ITEM_INVALID, column=name),
        )
    yield Rule(
        "SERVICEDESC.length",
        "SERVICEDESC",
        "SERVICEDESC",
        ERROR,
        checked & (items("SERVICEDESC").list.eval(pl.element().str.len_chars()).list.max() > 120),
        SERVICE_DESCRIPTION_TOO_LONG,
    )
    for name in ("SERVICEUSERS", "DHAACTIVITIES"):
        yield Rule(
            f"{name}.shape",
            name,
            name,
            WARNING,
            checked & given(name) & ~pl.col(name).str.contains(_WHOLE_ITEMS),
            fill(SHAPE_IGNORED, column=name),
        )
    yield Rule(
        "OTHERUSERDESC.per_user",
        "OTHERUSERDESC",
        "OTHERUSERDESC",
        ERROR,
        checked
        & given("OTHERUSERDESC")
        & (_count_items("OTHERUSERDESC") != _count_items("SERVICEUSERS")),
        USER_DESCRIPTIONS_MISALIGNED,
        fields={"count": _count_items("OTHERUSERDESC"), "users": _count_items("SERVICEUSERS")},
    )
    yield Rule(
        "DHAACTIVITIES.ignored",
        "DHAACTIVITIES",
        "DHAACTIVITIES",
        WARNING,
        checked & given("DHAACTIVITIES") & (pl.col("DHA") != "1"),
        DHA_ACTIVITIES_IGNORED,
    )


def _counts(name: str) -> pl.Expr:
    """Per-role counts; null per item for 999 (don't know) and for anything unreadable."""
    return items(name).list.eval(pl.when(pl.element() != "999").then(whole(pl.element())))


def _staffing(checked: pl.Expr) -> Iterator[Rule]:
    total = whole("TOTALPERMTEMP")
    yield Rule(
        "TOTALPERMTEMP.count",
        "TOTALPERMTEMP",
        "TOTALPERMTEMP",
        ERROR,
        checked & given("TOTALPERMTEMP") & ~total.is_between(0, 999).fill_null(False),
        TOTAL_NOT_A_COUNT,
    )
    yield Rule(
        "TOTALPERMTEMP.zero",
        "TOTALPERMTEMP",
        "TOTALPERMTEMP",
        ERROR,
        checked & (total == 0) & (pl.col("MAINSERVICE") != HEAD_OFFICE),
        TOTAL_ZERO,
    )
    roles = items("ALLJOBROLES")
    accepted = list(reference()["ascwds_job_role"].accepted)
    yield Rule(
        "ALLJOBROLES.code",
        "ALLJOBROLES",
        "ALLJOBROLES",
        ERROR,
        checked & given("ALLJOBROLES") & ~roles.list.eval(pl.element().is_in(accepted)).list.all(),
        ROLE_NOT_A_CODE,
    )
    role_count = roles.list.len()
    counted = pl.any_horizontal(
        [
            items(name).list.eval((pl.element() != "999") & (whole(pl.element()) > 0)).list.any()
            for name in ("STARTERS", "LEAVERS", "VACANCIES")
        ]
    )
    yield Rule(
        "ALLJOBROLES.blank_with_counts",
        "ALLJOBROLES",
        "ALLJOBROLES",
        ERROR,
        checked & blank("ALLJOBROLES") & counted,
        ROLES_BLANK_WITH_COUNTS,
    )
    for name in ("STARTERS", "LEAVERS", "VACANCIES"):
        count = _count_items(name)
        dont_know = pl.col(name) == "999"
        yield Rule(
            f"{name}.per_role",
            f"ALLJOBROLES/{name}",
            name,
            ERROR,
            checked & given("ALLJOBROLES") & ~dont_know & (count != role_count),
            fill(COUNTS_MISALIGNED, column=name),
            fields={"count": count, "roles": role_count},
        )
        yield Rule(
            f"{name}.count",
            name,
            name,
            ERROR,
            checked
            & given(name)
            & ~items(name)
            .list.eval(whole(pl.element()).is_between(0, 999).fill_null(False))
            .list.all(),
            fill(COUNTS_INVALID, column=name),
        )
    positions = roles.list.eval(pl.int_range(pl.len()).filter(pl.element() == REGISTERED_MANAGER))
    manager_vacancies = (
        items("VACANCIES")
        .list.gather(positions, null_on_oob=True)
        .list.eval(whole(pl.element()))
        .list.sum()
    )
    yield Rule(
        "VACANCIES.registered_manager",
        "VACANCIES",
        "VACANCIES",
        WARNING,
        checked
        & (pl.col("REGTYPE") != "2")
        & (manager_vacancies > 0)
        & (pl.col("VACANCIES") != "999"),
        MANAGER_VACANCY_IGNORED,
    )
    yield from _reasons(checked)


def total(name: str) -> pl.Expr:
    """The sum of a count list; null when every item is 999 (don't know) or it is blank."""
    counts = _counts(name)
    return pl.when(counts.list.drop_nulls().list.len() > 0).then(counts.list.sum().cast(pl.Int64))


def leavers_total() -> pl.Expr:
    return total("LEAVERS")


def _reasons(checked: pl.Expr) -> Iterator[Rule]:
    reasons = items("REASONS")
    numbers = items("REASONNOS")
    listed = list(reference()["ascwds_leaving_reason_2018"].accepted)
    with_leavers = checked & given("REASONS") & (leavers_total() > 0)
    yield Rule(
        "REASONS.number",
        "REASONS",
        "REASONS",
        ERROR,
        with_leavers & ~pl.col("REASONS").str.contains(_WHOLE_ITEMS),
        REASON_NOT_A_NUMBER,
    )
    yield Rule(
        "REASONS.on_list",
        "REASONS",
        "REASONS",
        WARNING,
        with_leavers
        & pl.col("REASONS").str.contains(_WHOLE_ITEMS)
        & ~reasons.list.eval(pl.element().is_in(listed)).list.all(),
        REASON_NOT_ON_LIST,
    )
    yield Rule(
        "REASONNOS.per_reason",
        "REASONS/REASONNOS",
        "REASONNOS",
        ERROR,
        with_leavers & (numbers.list.len() != reasons.list.len()),
        REASON_COUNTS_MISALIGNED,
        fields={"count": numbers.list.len(), "reasons": reasons.list.len()},
    )
    yield Rule(
        "REASONNOS.number",
        "REASONNOS",
        "REASONNOS",
        ERROR,
        with_leavers & given("REASONNOS") & ~pl.col("REASONNOS").str.contains(_WHOLE_ITEMS),
        REASON_COUNTS_INVALID,
    )
    reason_total = numbers.list.eval(whole(pl.element())).list.sum()
    yield Rule(
        "REASONNOS.total",
        "REASONNOS/LEAVERS",
        "REASONNOS",
        ERROR,
        with_leavers
        & pl.col("REASONNOS").str.contains(_WHOLE_ITEMS)
        & (reason_total != leavers_total()),
        REASON_COUNTS_TOTAL,
        fields={"reason_total": reason_total, "leaver_total": leavers_total()},
    )
    yield Rule(
        "REASONS.without_leavers",
        "REASONS",
        "REASONS",
        WARNING,
        checked & given("REASONS") & ~(leavers_total() > 0).fill_null(False),
        REASONS_WITHOUT_LEAVERS,
    )


def _survey(checked: pl.Expr) -> Iterator[Rule]:
    for name in ("CWPAWARE", "HOLIDAY"):
        yield Rule(
            f"{name}.whole",
            name,
            name,
            WARNING,
            checked & given(name) & whole(name).is_null(),
            fill(WHOLE_IGNORED, column=name),
        )
    use = items("CWPUSE")
    yield Rule(
        "CWPUSE.shape",
        "CWPUSE",
        "CWPUSE",
        WARNING,
        checked
        & given("CWPUSE")
        & ~(
            use.list.get(0, null_on_oob=True).is_in(["1", "2", "999"])
            & pl.col("CWPUSE").str.contains(_WHOLE_ITEMS)
        ),
        CWP_USE_IGNORED,
    )
    yield Rule(
        "CWPUSEDESC.length",
        "CWPUSEDESC",
        "CWPUSEDESC",
        WARNING,
        checked & (pl.col("CWPUSEDESC").str.len_chars() > 120),
        CWP_DESCRIPTION_TOO_LONG,
    )
    yield Rule(
        "CWPUSEDESC.ignored",
        "CWPUSEDESC",
        "CWPUSEDESC",
        WARNING,
        checked
        & given("CWPUSEDESC")
        & (pl.col("CWPUSEDESC").str.len_chars() <= 120)
        & ~use.list.slice(1).list.contains("10"),
        CWP_DESCRIPTION_IGNORED,
    )


def values(context: Context) -> dict[str, pl.Expr]:
    codes = reference()
    yes_no = codes["ascwds_yes_no_dont_know"]
    permission = codes["ascwds_permission"]
    regulated = pl.col("REGTYPE") == "2"
    cwp_use_ok = items("CWPUSE").list.get(0, null_on_oob=True).is_in(["1", "2", "999"]) & pl.col(
        "CWPUSE"
    ).str.contains(_WHOLE_ITEMS)
    return {
        "name": pl.col("ESTNAME"),
        "address_1": pl.col("ADDRESS1"),
        "address_2": pl.when(given("ADDRESS2")).then(pl.col("ADDRESS2")),
        "address_3": pl.when(given("ADDRESS3")).then(pl.col("ADDRESS3")),
        "post_town": pl.when(given("POSTTOWN")).then(pl.col("POSTTOWN")),
        "postcode": postcode("POSTCODE"),
        "employer_type": code_key("ESTTYPE", codes["ascwds_employer_type"]),
        "employer_type_other": pl.when((pl.col("ESTTYPE") == "8") & given("OTHERTYPE")).then(
            pl.col("OTHERTYPE")
        ),
        "shares_data_with_cqc": code_key("PERMCQC", permission) == "yes",
        "shares_data_with_local_authority": code_key("PERMLA", permission) == "yes",
        "cqc_regulated": pl.when(pl.col("REGTYPE").is_in(["0", "2"])).then(regulated),
        "cqc_provider_id": pl.when(regulated & given("PROVNUM")).then(pl.col("PROVNUM")),
        "cqc_location_id": pl.when(regulated & given("LOCATIONID")).then(pl.col("LOCATIONID")),
        "main_service": code_key("MAINSERVICE", codes["ascwds_service"]),
        "services": service_codes().list.eval(
            pl.element().replace_strict(
                codes["ascwds_service"].keys_by_code(), default=None, return_dtype=pl.String
            )
        ),
        "delegated_healthcare_activities": code_key("DHA", yes_no),
        "total_permanent_and_temporary_staff": whole("TOTALPERMTEMP"),
        "starters_total": total("STARTERS"),
        "leavers_total": total("LEAVERS"),
        "vacancies_total": total("VACANCIES"),
        "ascwds_capacity": _text("CAPACITY"),
        "ascwds_utilisation": _text("UTILISATION"),
        "ascwds_servicedesc": _text("SERVICEDESC"),
        "ascwds_serviceusers": pl.when(pl.col("SERVICEUSERS").str.contains(_WHOLE_ITEMS)).then(
            pl.col("SERVICEUSERS")
        ),
        "ascwds_otheruserdesc": _text("OTHERUSERDESC"),
        "ascwds_dhaactivities": pl.when(
            (pl.col("DHA") == "1") & pl.col("DHAACTIVITIES").str.contains(_WHOLE_ITEMS)
        ).then(pl.col("DHAACTIVITIES")),
        "ascwds_reasons": pl.when(leavers_total() > 0).then(_text("REASONS")),
        "ascwds_reasonnos": pl.when(leavers_total() > 0).then(_text("REASONNOS")),
        "ascwds_repeattraining": code_key("REPEATTRAINING", codes["ascwds_repeat_training"]),
        "ascwds_cwpaware": pl.when(whole("CWPAWARE").is_not_null()).then(pl.col("CWPAWARE")),
        "ascwds_cwpuse": pl.when(cwp_use_ok).then(pl.col("CWPUSE")),
        "ascwds_cwpusedesc": pl.when(
            given("CWPUSEDESC")
            & (pl.col("CWPUSEDESC").str.len_chars() <= 120)
            & cwp_use_ok
            & items("CWPUSE").list.slice(1).list.contains("10")
        ).then(pl.col("CWPUSEDESC")),
        "ascwds_sickpay": code_key("SICKPAY", codes["ascwds_yes_no_unknown"]),
        "ascwds_pension": code_key("PENSION", codes["ascwds_yes_no_unknown"]),
        "ascwds_actualcont": _text("ACTUALCONT"),
        "ascwds_optoutpen": code_key("OPTOUTPEN", yes_no),
        "ascwds_holiday": pl.when(whole("HOLIDAY").is_not_null()).then(pl.col("HOLIDAY")),
        "ascwds_sleepins": code_key("SLEEPINS", yes_no),
        "ascwds_sleepinpay": code_key("SLEEPINPAY", yes_no),
        "ascwds_traveltime": _text("TRAVELTIME"),
        "ascwds_ttdiffrate": _text("TTDIFFRATE"),
    }


def _text(name: str) -> pl.Expr:
    return pl.when(given(name)).then(pl.col(name))


def role_counts() -> dict[str, pl.Expr]:
    """The ;-lists of ALLJOBROLES and its counts, for exploding into one row per role."""
    return {
        "roles": items("ALLJOBROLES"),
        "starters": _counts("STARTERS"),
        "leavers": _counts("LEAVERS"),
        "vacancies": _counts("VACANCIES"),
    }
