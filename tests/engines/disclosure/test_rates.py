import pytest

from oneworkforce.engines.disclosure import (
    MARKER,
    DisclosureRule,
    Flag,
    InvalidCountError,
    protect_mean,
    protect_median,
    protect_rate,
    protect_statistic,
    rate_note,
)
from oneworkforce.engines.disclosure.errors import NEGATIVE_COUNT


class TestProtectRate:
    def test_shows_a_percentage_of_a_big_enough_group(self) -> None:
        rate = protect_rate(12, 40)

        assert (rate.shown, rate.display, rate.flag) == (30.0, "30.0", Flag.PUBLISHED)

    def test_hides_a_rate_whose_denominator_is_under_the_threshold(self) -> None:
        rate = protect_rate(3, 4)

        assert (rate.shown, rate.display, rate.flag) == (None, MARKER, Flag.RATE_BASE_TOO_SMALL)

    def test_hides_a_rate_that_would_reveal_a_small_numerator(self) -> None:
        rate = protect_rate(3, 200)

        assert rate.flag is Flag.PRIMARY

    def test_hides_a_rate_that_would_reveal_a_small_remainder(self) -> None:
        rate = protect_rate(196, 200)

        assert rate.flag is Flag.PRIMARY

    def test_shows_a_rate_of_zero_and_of_everyone(self) -> None:
        none, everyone = protect_rate(0, 200), protect_rate(200, 200)

        assert (none.display, everyone.display) == ("0.0", "100.0")

    def test_counts_per_thousand_to_the_decimals_asked(self) -> None:
        rate = protect_rate(37, 11_000, per=1000, decimals=2)

        assert rate.display == "3.36"

    def test_uses_the_rules_threshold(self) -> None:
        rule = DisclosureRule(name="sfc", threshold=10)

        rate = protect_rate(12, 9, rule=rule)

        assert rate.flag is Flag.RATE_BASE_TOO_SMALL

    def test_refuses_a_negative_numerator(self) -> None:
        with pytest.raises(InvalidCountError) as raised:
            protect_rate(-1, 20)

        assert str(raised.value) == NEGATIVE_COUNT.format(
            where="protect_rate", value=-1, column="numerator"
        )


class TestProtectMean:
    def test_shows_the_mean_of_a_big_enough_group(self) -> None:
        mean = protect_mean([30, 41, 52, 38, 44])

        assert mean.display == "41.0"

    def test_hides_the_mean_of_a_small_group(self) -> None:
        mean = protect_mean([30, 41, 52, 38])

        assert (mean.display, mean.flag) == (MARKER, Flag.RATE_BASE_TOO_SMALL)


class TestProtectMedian:
    def test_hides_the_median_of_a_small_group_which_is_one_persons_value(self) -> None:
        median = protect_median([30, 41, 52])

        assert median.hidden

    def test_shows_the_median_of_a_big_enough_group(self) -> None:
        median = protect_median([30, 41, 52, 38, 44, 47])

        assert median.shown == 42.5


class TestProtectStatistic:
    def test_hides_a_statistic_computed_elsewhere_over_a_small_group(self) -> None:
        statistic = protect_statistic(31.25, group_size=4)

        assert statistic.hidden

    def test_shows_a_statistic_over_a_big_enough_group_rounded(self) -> None:
        statistic = protect_statistic(31.25, group_size=8, decimals=1)

        assert statistic.display == "31.2"


class TestRateNote:
    def test_states_the_threshold_for_rates(self) -> None:
        note = rate_note(DisclosureRule(name="nhs", threshold=8))

        assert note == (
            "Rates and averages are hidden as [c] when they are based on fewer than 8 people, "
            "or would reveal a count between 1 and 7."
        )
