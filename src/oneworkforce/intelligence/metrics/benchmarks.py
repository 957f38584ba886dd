"""Benchmarks: one partner's rates beside the partnership's and its peers'.

*Peers* are the other partners of the same kind (care home providers against care home
providers), as Skills for Care benchmarks a workplace against similar ones. The partner,
its peers and the rest of the partnership are disjoint groups, protected together in one
table whose total is the partnership: so no hidden figure of the partner can be worked out
by setting the partnership's figure against its peers'.

Partners whose post records disagree with the staff totals they declared are left out of
every group (:mod:`.validity`); if the chosen partner is one of them, its own figures read
``[x]`` with the reason.
"""

from dataclasses import dataclass, replace
from datetime import date

import polars as pl

from oneworkforce.engines.disclosure import DEFAULT_RULE, DisclosureRule
from oneworkforce.intelligence.metrics import flows
from oneworkforce.intelligence.metrics.dimensions import LABELS, NOT_KNOWN
from oneworkforce.intelligence.metrics.errors import NO_SUCH_PARTNER, MetricRequestError
from oneworkforce.intelligence.metrics.frame import conform_workplaces
from oneworkforce.intelligence.metrics.result import (
    NOT_AVAILABLE,
    TOTAL_LABEL,
    MetricResult,
    MetricRow,
)
from oneworkforce.intelligence.metrics.validity import RECORDS_DISAGREE
from oneworkforce.intelligence.metrics.workforce import Workforce

__all__ = ["COMPARISON", "PARTNERSHIP", "Benchmark", "benchmark"]

COMPARISON = "comparison"
PARTNERSHIP = "Partnership"
PEERS = "Other {kind} partners"
REST = "Rest of the partnership"
NO_PEERS = "Not computed: no other partner of this kind to compare with."
NO_POSTS = "Not computed: there are no posts to compute it from."


@dataclass(frozen=True)
class Benchmark:
    """A partner's rates against its peers and the partnership.

    Each result has one dimension, ``comparison``, and three rows in this order: the
    partner (labelled with its name), its peers (``Other <kind> partners``) and the
    partnership (``Partnership``, a total row). ``results`` holds the turnover, starters,
    vacancy, stability, sickness and care qualification rates, in that order.
    """

    partner_id: str
    partner_name: str
    organisation_kind: str
    peers_label: str
    results: tuple[MetricResult, ...]

    def result(self, metric_id: str) -> MetricResult:
        """The result of one metric, by its definition's id."""
        return next(r for r in self.results if r.definition.id == metric_id)


def _first(frame: pl.DataFrame, column: str, default: str) -> str:
    values = frame.get_column(column).drop_nulls()
    values = values.filter(values != "")
    return str(values[0]) if len(values) else default


def _compare(
    result: MetricResult,
    *,
    partner_label: str,
    peers_label: str,
    partner_withheld: bool,
) -> MetricResult:
    """The rate's rows cut to partner, peers and partnership, in that order."""
    by_label = {row.labels[0]: row for row in result.rows if row.labels}

    def pick(label: str, shown_as: str, missing: str, *, total: bool = False) -> MetricRow:
        row = by_label.get(label)
        if row is None:
            return MetricRow((shown_as,), None, NOT_AVAILABLE, total, missing)
        return replace(row, labels=(shown_as,))

    partner = (
        MetricRow((partner_label,), None, NOT_AVAILABLE, False, RECORDS_DISAGREE)
        if partner_withheld
        else pick(partner_label, partner_label, NO_POSTS)
    )
    rows = (
        partner,
        pick(peers_label, peers_label, NO_PEERS),
        pick(TOTAL_LABEL, PARTNERSHIP, NO_POSTS, total=True),
    )
    return replace(result, rows=rows)


def benchmark(
    frame: pl.DataFrame | Workforce,
    workplaces: pl.DataFrame,
    *,
    partner: str,
    as_of: date,
    rule: DisclosureRule = DEFAULT_RULE,
) -> Benchmark:
    """Each rate for ``partner`` (an organisation_id), its peers and the partnership.

    >>> from oneworkforce.intelligence.metrics.examples import posts, workplaces
    >>> left = dict(left_date=date(2025, 9, 1))
    >>> frame = posts([dict(organisation_id="home-a", organisation_name="Home A")] * 20
    ...               + [dict(left, organisation_id="home-a", organisation_name="Home A")] * 5
    ...               + [dict(organisation_id="home-b")] * 30
    ...               + [dict(left, organisation_id="home-b")] * 15,
    ...               organisation_kind="care_home_provider")
    >>> declared = workplaces([dict(organisation_id="home-a", declared_staff=20),
    ...                        dict(organisation_id="home-b", declared_staff=30)])
    >>> result = benchmark(frame, declared, partner="home-a", as_of=date(2026, 3, 31))
    >>> [(row.labels[0], row.display) for row in result.result("turnover_rate").rows]
    [('Home A', '25.0%'), ('Other care home provider partners', '50.0%'), ('Partnership', '40.0%')]

    Complexity: the cost of six rates over the frame, each O(n) plus a 3 x 2 table.
    """
    workforce = Workforce.of(frame, as_of=as_of)
    workplaces = conform_workplaces(workplaces)
    own = (
        workforce.lazy()
        .filter(pl.col("organisation_id") == partner)
        .select("organisation_name", "organisation_kind")
        .collect()
    )
    declared_by_partner = workplaces.filter(pl.col("organisation_id") == partner)
    if own.is_empty() and declared_by_partner.is_empty():
        raise MetricRequestError(NO_SUCH_PARTNER.format(partner=partner))
    name = _first(own, "organisation_name", partner)
    kind = _first(own, "organisation_kind", NOT_KNOWN)
    kind_words = LABELS["organisation_kind"].get(kind, kind).lower()
    peers_label = PEERS.format(kind=kind_words)
    validity = workforce.validity(workplaces)
    withheld = (
        not validity.filter(pl.col("organisation_id") == partner).get_column("is_valid").all()
    )
    compared = workforce.with_columns(
        pl.when(pl.col("organisation_id") == partner)
        .then(pl.lit(name))
        .when(pl.col("organisation_kind") == kind)
        .then(pl.lit(peers_label))
        .otherwise(pl.lit(REST))
        .alias(COMPARISON)
    )
    by = (COMPARISON,)
    rates = (
        flows.turnover_rate(compared, as_of=as_of, by=by, rule=rule, workplaces=workplaces),
        flows.starters_rate(compared, as_of=as_of, by=by, rule=rule, workplaces=workplaces),
        flows.vacancy_rate(compared, workplaces, as_of=as_of, by=by, rule=rule),
        flows.stability_rate(compared, as_of=as_of, by=by, rule=rule, workplaces=workplaces),
        flows.sickness_days(compared, as_of=as_of, by=by, rule=rule, workplaces=workplaces),
        flows.qualification_rate(compared, as_of=as_of, by=by, rule=rule, workplaces=workplaces),
    )
    results = tuple(
        _compare(rate, partner_label=name, peers_label=peers_label, partner_withheld=withheld)
        for rate in rates
    )
    return Benchmark(partner, name, kind, peers_label, results)
