"""The pre-employment assessment's scoring: a question bank's options score care values,
functional skills and job readiness, and the totals give a readiness level with reasons and
recommendations.

Plain Python: no Django, and nothing else from the product (an import contract checks).
"""

from oneworkforce.engines.assessment.bank import MOST_POINTS, parse_bank
from oneworkforce.engines.assessment.errors import AnswersError, BankError
from oneworkforce.engines.assessment.scoring import check_result, score
from oneworkforce.engines.assessment.types import (
    CARE_VALUES,
    MEASURES,
    READINESS_ITEMS,
    SKILLS,
    Band,
    Bank,
    Level,
    MeasureScore,
    Option,
    Question,
    Reason,
    Recommendations,
    Result,
    Scoring,
    Section,
)

__all__ = [
    "CARE_VALUES",
    "MEASURES",
    "MOST_POINTS",
    "READINESS_ITEMS",
    "SKILLS",
    "AnswersError",
    "Band",
    "Bank",
    "BankError",
    "Level",
    "MeasureScore",
    "Option",
    "Question",
    "Reason",
    "Recommendations",
    "Result",
    "Scoring",
    "Section",
    "check_result",
    "parse_bank",
    "score",
]
