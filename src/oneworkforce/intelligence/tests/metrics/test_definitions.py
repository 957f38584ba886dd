import pytest

from oneworkforce.intelligence.metrics import DEFINITIONS, MetricDefinition


class TestDefinitions:
    @pytest.mark.parametrize("definition", DEFINITIONS.values(), ids=list(DEFINITIONS))
    def test_every_metric_has_a_definition_numerator_denominator_and_source(
        self, definition: MetricDefinition
    ) -> None:
        fields = (
            definition.title,
            definition.definition,
            definition.numerator,
            definition.denominator,
            definition.source,
        )

        assert all(text.strip() for text in fields)
        assert definition.definition.endswith(".")

    def test_rates_name_a_denominator_and_counts_say_they_have_none(self) -> None:
        rates = [d for d in DEFINITIONS.values() if d.unit.value == "percent"]
        counts = [d for d in DEFINITIONS.values() if d.unit.value in ("people", "posts")]

        assert all(not d.denominator.startswith("None") for d in rates)
        assert all(d.denominator.startswith("None") for d in counts)

    def test_the_directly_employed_rates_cite_skills_for_care(self) -> None:
        cited = [
            DEFINITIONS[name].source for name in ("turnover_rate", "vacancy_rate", "stability_rate")
        ]

        assert all("benchmarksService.js" in source for source in cited)
