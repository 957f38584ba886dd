"""Supply against demand: the workforce a growing, ageing population will need.

:func:`project` rolls today's workforce forward year by year (turnover, retirements by
age, ageing, starters from outside, from abroad and from the partnership's programmes)
against demand that grows with the populations it serves; :func:`apply_change` states a
scenario as a change to a baseline; :func:`check_projection` is the checker beside the
solver. Equations, assumptions and a worked example: docs/projection.md.

Plain Python and NumPy: no Django, and nothing else from the product (an import contract
checks).
"""

from oneworkforce.engines.projection.checks import check_projection
from oneworkforce.engines.projection.errors import ProjectionInputError
from oneworkforce.engines.projection.model import AGEING_SHARE, project
from oneworkforce.engines.projection.scenarios import (
    ScenarioChange,
    apply_change,
    describe_change,
)
from oneworkforce.engines.projection.types import (
    POPULATION_BANDS,
    WORKFORCE_AGE_BANDS,
    DemandWeights,
    Population,
    Projection,
    Scenario,
    Workforce,
)
from oneworkforce.engines.projection.validation import check_scenario, check_workforce

__all__ = [
    "AGEING_SHARE",
    "POPULATION_BANDS",
    "WORKFORCE_AGE_BANDS",
    "DemandWeights",
    "Population",
    "Projection",
    "ProjectionInputError",
    "Scenario",
    "ScenarioChange",
    "Workforce",
    "apply_change",
    "check_projection",
    "check_scenario",
    "check_workforce",
    "describe_change",
    "project",
]
