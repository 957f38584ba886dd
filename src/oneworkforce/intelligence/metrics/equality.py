"""Equality profile of the workforce, and the NHS race and disability comparisons by band.

People, not posts: each person in post is counted once, with the characteristics their
record holds, in the group of their main post (as :func:`.counts.headcount` does).

The NHS comparisons follow the Workforce Race and Disability Equality Standards' first
indicator: for staff of NHS partners (posts in the health sector) on an Agenda for Change
band, the share from ethnic minority backgrounds (every group other than White), or the
share who are disabled, in each band cluster (bands 1 to 5, 6 to 7, 8a and above) beside
the share across all bands. Staff whose ethnic group or disability is not known stay in the
denominator, as the standards count them. Staff not on an Agenda for Change band (medical
and dental grades, for example) are left out.
"""

from collections.abc import Sequence
from datetime import date
from typing import Literal

import polars as pl

from oneworkforce.engines.disclosure import DEFAULT_RULE, DisclosureRule
from oneworkforce.intelligence.metrics._tables import coded, count_by, count_result, ratio_result
from oneworkforce.intelligence.metrics.counts import one_post_per_person
from oneworkforce.intelligence.metrics.definitions import DEFINITIONS
from oneworkforce.intelligence.metrics.dimensions import (
    AGE_BAND,
    BAND_CLUSTER,
    BAND_CLUSTERS,
    NOT_ON_AFC,
    age_years,
    check_dimensions,
    label_column,
    ordered_categories,
)
from oneworkforce.intelligence.metrics.errors import UNKNOWN_CHARACTERISTIC, MetricRequestError
from oneworkforce.intelligence.metrics.result import MetricResult
from oneworkforce.intelligence.metrics.workforce import MAIN_POST_ORDER, Workforce

__all__ = [
    "CHARACTERISTICS",
    "age_profile",
    "equality_profile",
    "nhs_band_comparison",
    "share_aged_55_and_over",
]

CHARACTERISTICS = {
    AGE_BAND: "age_profile",
    "sex": "sex_profile",
    "ethnicity_group": "ethnicity_profile",
    "disability": "disability_profile",
}
"""The characteristics a profile shows, and the metric each is."""
NHS_COMPARISONS = {
    "ethnicity_group": "nhs_ethnic_minority_share_by_band",
    "disability": "nhs_disabled_share_by_band",
}
AGED_55_AND_OVER = "55 or over"
UNDER_55 = "Under 55"
AGE_NOT_KNOWN = "Age not known"
NOT_KNOWN = "Not known"
_GROUPS = {
    "ethnicity_group": (
        ("Ethnic minority", pl.col("ethnicity_group").is_in(["mixed", "asian", "black", "other"])),
        ("White", pl.col("ethnicity_group") == "white"),
    ),
    "disability": (
        ("Disabled", pl.col("disability") == "yes"),
        ("Not disabled", pl.col("disability") == "no"),
    ),
}
NHS_NOTE = (
    "NHS partners' staff on an Agenda for Change band only; each person once, in their main "
    "post. Staff whose {what} is not known are counted in each share's denominator."
)


def _check_characteristic(name: str, allowed: Sequence[str]) -> None:
    if name not in allowed:
        raise MetricRequestError(
            UNKNOWN_CHARACTERISTIC.format(name=name, allowed=", ".join(allowed))
        )


def equality_profile(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    characteristic: str,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """People in post on ``as_of`` by ``characteristic`` (age_band, sex, ethnicity_group or
    disability), by ``by``; every category listed, empty ones as 0.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(disability="no")] * 20 + [dict(disability="yes")] * 6
    ...               + [dict(disability="unknown")] * 5)
    >>> [(row.labels, row.display) for row in
    ...  equality_profile(frame, as_of=date(2026, 3, 31), characteristic="disability").rows]
    [(('Disabled',), '6'), (('Not disabled',), '20'), (('Not known',), '5'), (('Total',), '31')]

    Complexity: O(n log n) for n posts, plus the disclosure library's cost.
    """
    _check_characteristic(characteristic, tuple(CHARACTERISTICS))
    workforce = Workforce.of(frame, as_of=as_of)
    names = check_dimensions(workforce.schema, by)
    if characteristic in names:
        raise MetricRequestError(
            UNKNOWN_CHARACTERISTIC.format(name=characteristic, allowed="a breakdown not in by")
        )
    dims = (*names, characteristic)
    counts = count_by(workforce.main(dims), dims, "people")
    observed = counts.get_column(characteristic).to_list()
    return count_result(
        counts,
        definition=DEFINITIONS[CHARACTERISTICS[characteristic]],
        as_of=as_of,
        dims=dims,
        count="people",
        rule=rule,
        categories={characteristic: ordered_categories(characteristic, observed, complete=True)},
    )


def age_profile(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """People in post on ``as_of`` by age band (see :func:`equality_profile`).

    Complexity: O(n log n) for n posts, plus the disclosure library's cost.
    """
    return equality_profile(frame, as_of=as_of, characteristic=AGE_BAND, by=by, rule=rule)


def share_aged_55_and_over(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """The share of people in post aged 55 or over on ``as_of``, among those of known age.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(birth_date=date(1960, 1, 1))] * 10
    ...               + [dict(birth_date=date(1990, 1, 1))] * 30 + [dict(birth_date=None)] * 3)
    >>> share_aged_55_and_over(frame, as_of=date(2026, 3, 31)).total.display
    '25.0%'

    Complexity: O(n log n) for n posts, plus the disclosure library's cost.
    """
    workforce = Workforce.of(frame, as_of=as_of)
    names = check_dimensions(workforce.schema, by)
    age = age_years(as_of)
    counts = count_by(
        workforce.main(names).with_columns(coded(age.is_null(), age >= 55)),
        names,
        "people",
        measures=(AGE_NOT_KNOWN, AGED_55_AND_OVER, UNDER_55),
    )
    return ratio_result(
        counts,
        definition=DEFINITIONS["share_aged_55_and_over"],
        as_of=as_of,
        by=names,
        measures=(AGED_55_AND_OVER, UNDER_55, AGE_NOT_KNOWN),
        numerator=(AGED_55_AND_OVER,),
        denominator=(AGED_55_AND_OVER, UNDER_55),
        partition=True,
        rule=rule,
        count="people",
    )


def nhs_band_comparison(
    frame: pl.DataFrame | Workforce,
    *,
    as_of: date,
    characteristic: Literal["ethnicity_group", "disability"],
    by: Sequence[str] = (),
    rule: DisclosureRule = DEFAULT_RULE,
) -> MetricResult:
    """For NHS staff on Agenda for Change bands: the share from ethnic minority backgrounds
    (``ethnicity_group``) or disabled (``disability``) in each band cluster and overall.

    Rows are labelled by ``by`` then the band cluster; the ``Total`` cluster is the
    share across all bands, to compare each cluster with.

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(pay_band="Band 3", ethnicity_group="asian")] * 10
    ...               + [dict(pay_band="Band 3")] * 10
    ...               + [dict(pay_band="Band 8a", ethnicity_group="black")] * 5
    ...               + [dict(pay_band="Band 8b")] * 15)
    >>> result = nhs_band_comparison(frame, as_of=date(2026, 3, 31),
    ...                              characteristic="ethnicity_group")
    >>> [(row.labels, row.display) for row in result.rows]
    [(('Bands 1 to 5',), '50.0%'), (('Bands 6 to 7',), '[c]'), (('Band 8a and above',), '25.0%'), (('Total',), '37.5%')]

    Nobody is on bands 6 to 7, so that share has no base to show.

    Complexity: O(n log n) for n posts, plus the disclosure library's cost.
    """  # noqa: E501
    _check_characteristic(characteristic, tuple(NHS_COMPARISONS))
    workforce = Workforce.of(frame, as_of=as_of)
    names = check_dimensions(workforce.schema, by)
    if BAND_CLUSTER in names:
        raise MetricRequestError(
            UNKNOWN_CHARACTERISTIC.format(name=BAND_CLUSTER, allowed="a breakdown not in by")
        )
    dims = (*names, BAND_CLUSTER)
    labels = [label_column(name) for name in dims]
    nhs = (
        workforce.held(dims)
        .filter(
            (pl.col("sector") == "health")
            & (pl.col(label_column(BAND_CLUSTER)).cast(pl.String) != NOT_ON_AFC)
        )
        .select(*labels, "person_key", *MAIN_POST_ORDER, characteristic)
        .collect()
    )
    (yes, yes_when), (no, no_when) = _GROUPS[characteristic]
    people = one_post_per_person(nhs).lazy().with_columns(coded(yes_when, no_when))
    counts = count_by(people, dims, "people", measures=(yes, no, NOT_KNOWN))
    what = "ethnic group" if characteristic == "ethnicity_group" else "disability"
    return ratio_result(
        counts,
        definition=DEFINITIONS[NHS_COMPARISONS[characteristic]],
        as_of=as_of,
        by=dims,
        measures=(yes, no, NOT_KNOWN),
        numerator=(yes,),
        denominator=(yes, no, NOT_KNOWN),
        partition=True,
        rule=rule,
        count="people",
        categories={BAND_CLUSTER: list(BAND_CLUSTERS)},
        notes=(NHS_NOTE.format(what=what),),
    )
