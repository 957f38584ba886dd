import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings

from oneworkforce.engines.disclosure import MARKER, DisclosureRule, is_protected
from oneworkforce.intelligence.metrics import (
    DEFINITIONS,
    NOT_AVAILABLE,
    empty_workforce_frame,
    empty_workplaces_frame,
    filled_posts,
    headcount,
    prepare,
    stability_rate,
    turnover_rate,
)
from oneworkforce.intelligence.metrics.frame import in_post, left_in_year
from oneworkforce.intelligence.tests.metrics.strategies import (
    AS_OF,
    EVERY_METRIC,
    declared_totals,
    frames,
    rules,
)

EVERYTHING_SHOWN = DisclosureRule(name="tests", threshold=1)
BREAKDOWNS = [(), ("sector",), ("organisation_name", "contract_type")]
PROPERTIES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def employed_in_post(frame: pl.DataFrame, sector: str | None) -> int:
    chosen = frame.filter(
        in_post(AS_OF) & pl.col("contract_type").is_in(["permanent", "temporary"])
    )
    if sector is not None:
        chosen = chosen.filter(pl.col("sector") == sector)
    return chosen.height


class TestEveryMetric:
    @pytest.mark.parametrize("by", BREAKDOWNS)
    @pytest.mark.parametrize("metric", sorted(EVERY_METRIC))
    def test_does_not_raise_on_an_empty_frame(self, metric: str, by: tuple[str, ...]) -> None:
        frame = empty_workforce_frame()

        result = EVERY_METRIC[metric](frame, empty_workplaces_frame(), by, EVERYTHING_SHOWN)

        assert result.rows
        assert result.definition is DEFINITIONS[metric]

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(frame=frames, rule=rules)
    def test_shows_no_count_between_zero_and_the_threshold_and_nothing_hidden_as_a_number(
        self, frame: pl.DataFrame, rule: DisclosureRule
    ) -> None:
        workforce = prepare(frame, as_of=AS_OF)
        workplaces = declared_totals(frame)

        results = [run(workforce, workplaces, ("sector",), rule) for run in EVERY_METRIC.values()]

        for result in results:
            if result.table is not None:
                for cell in result.table.cells:
                    assert cell.shown is None or cell.shown == 0 or cell.shown >= rule.threshold
            counts = result.definition.unit.value in ("people", "posts")
            for row in result.rows:
                assert (row.value is None) == (row.display in (MARKER, NOT_AVAILABLE))
                if counts:
                    assert row.value is None or row.value == 0 or row.value >= rule.threshold


class TestHeadcountAndFilledPosts:
    @PROPERTIES
    @given(frame=frames)
    def test_headcount_is_never_more_than_filled_posts_in_any_group(
        self, frame: pl.DataFrame
    ) -> None:
        workforce = prepare(frame, as_of=AS_OF)

        people = headcount(workforce, as_of=AS_OF, by=["sector"], rule=EVERYTHING_SHOWN)
        held = filled_posts(workforce, as_of=AS_OF, by=["sector"], rule=EVERYTHING_SHOWN)

        held_by_group = {row.labels: row.value for row in held.rows}
        for row in people.rows:
            assert row.value is not None
            assert row.value <= (held_by_group.get(row.labels) or 0)

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(frame=frames, rule=rules)
    def test_headcount_table_passes_the_disclosure_checker(
        self, frame: pl.DataFrame, rule: DisclosureRule
    ) -> None:
        result = headcount(frame, as_of=AS_OF, by=["organisation_name", "contract_type"], rule=rule)

        assert result.table is not None
        assert is_protected(result.table)


class TestRates:
    @PROPERTIES
    @given(frame=frames, rule=rules)
    def test_a_turnover_rate_is_hidden_whenever_its_denominator_is_under_the_threshold(
        self, frame: pl.DataFrame, rule: DisclosureRule
    ) -> None:
        result = turnover_rate(frame, as_of=AS_OF, by=["sector"], rule=rule)

        for sector, label in (
            ("health", "Health"),
            ("social_care", "Social care"),
            (None, "Total"),
        ):
            if employed_in_post(frame, sector) < rule.threshold:
                rows = [row for row in result.rows if row.labels == (label,)]
                assert all(row.value is None for row in rows)

    @PROPERTIES
    @given(frame=frames, rule=rules)
    def test_a_shown_turnover_rate_is_its_shown_leavers_over_its_shown_staff(
        self, frame: pl.DataFrame, rule: DisclosureRule
    ) -> None:
        result = turnover_rate(frame, as_of=AS_OF, by=["sector"], rule=rule)

        assert result.table is not None
        for row in result.rows:
            if row.value is None:
                continue
            label = row.labels[0]
            key = (label,) if label != "Total" else (result.table.cells[-1].key[0],)
            leavers = result.table.cell(*key, "Leavers").shown
            staff = result.table.cell(*key, "Staff in post").shown
            assert leavers is not None
            assert staff is not None
            assert row.value == round(leavers / staff * 100, 1)

    @PROPERTIES
    @given(frame=frames, rule=rules)
    def test_turnover_counts_only_directly_employed_leavers_in_the_year(
        self, frame: pl.DataFrame, rule: DisclosureRule
    ) -> None:
        expected = frame.filter(
            left_in_year(AS_OF) & pl.col("contract_type").is_in(["permanent", "temporary"])
        ).height

        result = turnover_rate(frame, as_of=AS_OF, rule=EVERYTHING_SHOWN)

        assert result.table is not None
        assert result.table.cell("Leavers").shown == expected

    @PROPERTIES
    @given(frame=frames)
    def test_stability_is_not_available_wherever_a_start_date_is_missing(
        self, frame: pl.DataFrame
    ) -> None:
        result = stability_rate(frame, as_of=AS_OF, by=["sector"], rule=EVERYTHING_SHOWN)

        for row in result.rows:
            sector = {"Health": "health", "Social care": "social_care"}.get(row.labels[0])
            group = frame.filter(
                in_post(AS_OF) & pl.col("contract_type").is_in(["permanent", "temporary"])
            )
            if sector is not None:
                group = group.filter(pl.col("sector") == sector)
            missing = group.get_column("start_date").null_count() > 0
            assert (row.display == "[x]") == missing
