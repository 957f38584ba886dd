"""The default assumptions of the projection, where the returns say nothing.

Each is a documented starting point an analyst can change in a scenario (demand weights per
role group) or scale (retirement rates, through the scenario's retirement factor). They are
shown beside every projection chart. See docs/projection.md, "Default assumptions".
"""

from __future__ import annotations

from oneworkforce.engines.projection import WORKFORCE_AGE_BANDS, DemandWeights
from oneworkforce.reference.models import RoleGroup

__all__ = [
    "DEFAULT_DEMAND_WEIGHTS",
    "DEFAULT_STARTER_AGE_MIX",
    "DEFAULT_TURNOVER",
    "HORIZON_YEARS",
    "INTERNATIONAL_SOURCE_WORDS",
    "RETIREMENT_RATES",
    "demand_weights_for",
]

HORIZON_YEARS = 15

# Share of each age band retiring in a year. Almost nobody retires before 50; in the 55 to 64
# band about one in twenty a year (most health and care staff retire between 60 and 67); in
# 65 and over one in five a year, so few stay past 70.
RETIREMENT_RATES: dict[str, float] = dict(
    zip(WORKFORCE_AGE_BANDS, (0.0, 0.0, 0.001, 0.005, 0.05, 0.2), strict=True)
)

# How much of each role group's demand follows each population. Hands-on care follows the
# number of very old people most closely (people aged 85 and over are the main users of home
# care and care homes); professional roles (nurses, social workers, therapists) serve all
# adults; managers follow the size of the services they run.
DEFAULT_DEMAND_WEIGHTS: dict[str, DemandWeights] = {
    RoleGroup.CARE_PROVIDING: DemandWeights(aged_65_84=0.35, aged_85_plus=0.45, working_age=0.1),
    RoleGroup.PROFESSIONAL: DemandWeights(aged_65_84=0.3, aged_85_plus=0.25, working_age=0.25),
    RoleGroup.MANAGERIAL_SUPERVISORY: DemandWeights(
        aged_65_84=0.25, aged_85_plus=0.25, working_age=0.2
    ),
    RoleGroup.IT_DIGITAL_DATA: DemandWeights(aged_65_84=0.1, aged_85_plus=0.1, working_age=0.3),
    RoleGroup.OTHER: DemandWeights(aged_65_84=0.2, aged_85_plus=0.2, working_age=0.2),
}

# Used only when the returns hold no starter of known age: the sector's starters are young.
DEFAULT_STARTER_AGE_MIX: tuple[float, ...] = (0.3, 0.25, 0.2, 0.15, 0.1, 0.0)

# Used only when a role group's turnover cannot be measured (no directly employed staff, or
# the figure is hidden) and neither can the partnership's: a quarter a year, about the adult
# social care sector's published rate.
DEFAULT_TURNOVER = 0.25

# A starter whose recruitment source holds one of these words was recruited from abroad.
INTERNATIONAL_SOURCE_WORDS = ("international", "overseas", "abroad")


def demand_weights_for(role_group: str) -> DemandWeights:
    """The default weights of ``role_group`` (those of "other" for a group not listed)."""
    return DEFAULT_DEMAND_WEIGHTS.get(role_group, DEFAULT_DEMAND_WEIGHTS[RoleGroup.OTHER])
