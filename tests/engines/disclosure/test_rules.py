from datetime import date

import pytest

from oneworkforce.engines.disclosure import (
    DisclosureRule,
    InvalidRuleError,
    Method,
    NoRuleInForceError,
    UnknownMethodError,
    select_rule,
    table_note,
)
from oneworkforce.engines.disclosure.errors import INVALID_RULE, NO_RULE_IN_FORCE, UNKNOWN_METHOD


class TestDisclosureRule:
    def test_refuses_an_unknown_method(self) -> None:
        with pytest.raises(UnknownMethodError) as raised:
            DisclosureRule(name="board", method="blur")  # type: ignore[arg-type]

        assert str(raised.value) == UNKNOWN_METHOD.format(method="blur", choices="suppress, round")

    def test_accepts_a_method_named_as_text(self) -> None:
        rule = DisclosureRule(name="board", method="round")  # type: ignore[arg-type]

        assert rule.method is Method.ROUND

    @pytest.mark.parametrize(("field", "value"), [("threshold", 0), ("rounding_base", 0)])
    def test_refuses_a_threshold_or_rounding_base_below_one(self, field: str, value: int) -> None:
        with pytest.raises(InvalidRuleError) as raised:
            DisclosureRule(name="board", **{field: value})

        assert str(raised.value) == INVALID_RULE.format(name="board", field=field, value=value)

    def test_reads_a_rule_from_a_setting(self) -> None:
        setting = {"name": "nhs-style", "threshold": 8, "effective_from": "2024-04-01"}

        rule = DisclosureRule.from_setting(setting)

        assert rule == DisclosureRule(
            name="nhs-style", threshold=8, effective_from=date(2024, 4, 1)
        )

    def test_calls_zero_small_only_when_zeros_are_suppressed(self) -> None:
        plain, strict = DisclosureRule(name="a"), DisclosureRule(name="b", suppress_zeros=True)

        assert (plain.is_small(0), strict.is_small(0), plain.is_small(4)) == (False, True, True)


class TestSelectRule:
    def test_picks_the_latest_rule_in_force_on_the_day(self) -> None:
        rules = [
            DisclosureRule(name="workforce", threshold=5),
            DisclosureRule(name="workforce", threshold=10, effective_from=date(2025, 4, 1)),
            DisclosureRule(name="workforce", threshold=8, effective_from=date(2026, 4, 1)),
        ]

        rule = select_rule(rules, name="workforce", on=date(2025, 12, 1))

        assert rule.threshold == 10

    def test_ignores_rules_for_other_outputs(self) -> None:
        rules = [
            DisclosureRule(name="workforce", threshold=5),
            DisclosureRule(name="recruitment", threshold=10),
        ]

        rule = select_rule(rules, name="recruitment", on=date(2025, 12, 1))

        assert rule.threshold == 10

    def test_refuses_a_day_before_any_rule_took_effect(self) -> None:
        rules = [DisclosureRule(name="workforce", effective_from=date(2025, 4, 1))]

        with pytest.raises(NoRuleInForceError) as raised:
            select_rule(rules, name="workforce", on=date(2025, 3, 31))

        assert str(raised.value) == NO_RULE_IN_FORCE.format(name="workforce", on=date(2025, 3, 31))


class TestTableNote:
    @pytest.mark.parametrize(
        ("rule", "note"),
        [
            (
                DisclosureRule(name="sfc", threshold=10),
                "Figures between 1 and 9 are hidden as [c] to protect privacy.",
            ),
            (
                DisclosureRule(name="zeros", suppress_zeros=True),
                "Figures between 0 and 4 are hidden as [c] to protect privacy.",
            ),
            (
                DisclosureRule(name="ones", threshold=2),
                "Figures of 1 are hidden as [c] to protect privacy.",
            ),
            (DisclosureRule(name="open", threshold=1), "No figures are hidden."),
        ],
    )
    def test_states_the_rule_actually_applied(self, rule: DisclosureRule, note: str) -> None:
        text = table_note(rule, secondary=False)

        assert text == note

    def test_explains_rounding_and_totals_for_a_rounded_table(self) -> None:
        rule = DisclosureRule(name="ons", threshold=10, method=Method.ROUND, rounding_base=5)

        text = table_note(rule, secondary=False)

        assert text.startswith("Figures are rounded to the nearest 5, and figures between 1 and 9")
        assert "Totals are rounded from the unrounded figures" in text
