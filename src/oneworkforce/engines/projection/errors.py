"""The one exception the projection engine raises, with every message beside it.

The analyst who set up a scenario (or the engineer who fed the engine) reads these
messages on the scenario page, so each names the field that is wrong and how to fix it.
Tests import the constants rather than repeating the text.
"""

__all__ = [
    "AGE_MIX_LENGTH",
    "AGE_MIX_NEGATIVE",
    "AGE_MIX_SUM",
    "BASE_POPULATION_ZERO",
    "CHANGE_FACTOR_NEGATIVE",
    "CHANGE_NOT_FINITE",
    "DUPLICATE_ROLE_GROUP",
    "HORIZON_NOT_POSITIVE",
    "MISSING_KEY",
    "NEGATIVE_FIGURE",
    "NEGATIVE_STARTERS",
    "NOT_FINITE",
    "NOT_NUMBERS",
    "NO_ROLE_GROUPS",
    "POPULATION_NOT_COVERING",
    "POPULATION_SHAPE",
    "POPULATION_YEARS_NOT_CONSECUTIVE",
    "RATE_OUT_OF_RANGE",
    "UNKNOWN_KEY",
    "VACANCIES_SHAPE",
    "WEIGHTS_OVER_ONE",
    "WEIGHT_OUT_OF_RANGE",
    "WORKFORCE_SHAPE",
    "ProjectionInputError",
]


class ProjectionInputError(ValueError):
    """An input to the projection is missing, out of range or inconsistent.

    Raised before any figure is computed, so a caller that catches it has nothing
    half-made to throw away.
    """


NOT_NUMBERS = "{field} could not be read as numbers ({detail}); pass an array of numbers"
NOT_FINITE = "{field} contains {value}; every figure must be a finite number"

POPULATION_YEARS_NOT_CONSECUTIVE = (
    "Population years must be consecutive and ascending, like 2025, 2026, 2027; got {years}"
)
POPULATION_SHAPE = (
    "Population counts must have one row per population band ({bands}) and one column per "
    "year ({n_years} years); got shape {shape}"
)
POPULATION_NOT_COVERING = (
    "The population figures cover {have}, but this projection needs every year from "
    "{need_first} to {need_last}; add the missing years to the population file or shorten "
    "the scenario's horizon to {max_horizon} years"
)
BASE_POPULATION_ZERO = (
    "The {band} population in the base year {year} is 0, so its growth cannot be measured, "
    "yet role group {role_group!r} has a demand weight on it; give a base-year population "
    "above 0 or set that weight to 0"
)

NO_ROLE_GROUPS = "The workforce has no role groups; give at least one role group"
DUPLICATE_ROLE_GROUP = (
    "The workforce names role group {role_group!r} twice; give each role group once"
)
WORKFORCE_SHAPE = (
    "Workforce staff must have one row per role group ({n_groups}) and one column per age "
    "band ({bands}); got shape {shape}"
)
VACANCIES_SHAPE = (
    "Workforce vacancies must have one figure per role group ({n_groups}); got shape {shape}"
)
NEGATIVE_FIGURE = "{field} for {where} is {value}; enter a figure of zero or more"

MISSING_KEY = "Scenario {scenario!r}: {field} has no value for {kind} {key!r}; add one (0 if none)"
UNKNOWN_KEY = (
    "Scenario {scenario!r}: {field} names {kind} {key!r}, which the workforce does not have; "
    "remove it or correct the name (known: {known})"
)
RATE_OUT_OF_RANGE = (
    "Scenario {scenario!r}: {field} for {key!r} is {value}; enter a share between 0 and 1, "
    "like 0.15 for 15% a year"
)
NEGATIVE_STARTERS = (
    "Scenario {scenario!r}: {field} for {key!r} is {value}; enter the number of starters a "
    "year, zero or more"
)
WEIGHT_OUT_OF_RANGE = (
    "Scenario {scenario!r}: the demand weight {weight} for {role_group!r} is {value}; enter "
    "a share between 0 and 1"
)
WEIGHTS_OVER_ONE = (
    "Scenario {scenario!r}: the demand weights for {role_group!r} add up to {total}; they are "
    "shares of demand (the rest stays constant), so they must add up to 1 or less"
)
AGE_MIX_LENGTH = (
    "Scenario {scenario!r}: starter_age_mix has {n_shares} shares but there are {n_bands} "
    "age bands ({bands}); give one share per band"
)
AGE_MIX_NEGATIVE = (
    "Scenario {scenario!r}: starter_age_mix gives {value} for age band {band}; shares must be "
    "zero or more"
)
AGE_MIX_SUM = (
    "Scenario {scenario!r}: starter_age_mix adds up to {total}; the shares of starters by "
    "age band must add up to 1"
)
HORIZON_NOT_POSITIVE = (
    "Scenario {scenario!r}: horizon_years is {value!r}; enter a whole number of years, 1 or more"
)

CHANGE_NOT_FINITE = "Change {name!r}: {field} is {value}; enter a finite number"
CHANGE_FACTOR_NEGATIVE = (
    "Change {name!r}: {field} is {value}; enter a factor of zero or more, like 0.5 for half "
    "or 1 for no change"
)
