"""The matching engine: eligibility, explainable scores, top-k retrieval, stable and optimal
allocation with certificates, and fairness reports. No Django here; see docs/matching.md.
"""

from .allocation import compare, optimal_allocation, stable_allocation
from .certificate import certify
from .eligibility import eligible_pairs, ineligibility_reasons
from .errors import InvalidAllocationError, InvalidInstanceError, MatchingError
from .fairness import FairnessReport, GroupRate, fairness_report
from .instance_json import NamedInstance, parse_allocation, parse_instance
from .retrieval import (
    VacancyIndex,
    explain,
    index_vacancies,
    top_candidates_for,
    top_vacancies_for,
    top_vacancies_for_all,
)
from .scoring import Weights, score_pairs
from .types import (
    Allocation,
    AllocationInstance,
    Candidates,
    Certificate,
    Comparison,
    Explanation,
    ScorePart,
    TopK,
    Vacancies,
)
from .validation import check_instance, instance_problems

__all__ = [
    "Allocation",
    "AllocationInstance",
    "Candidates",
    "Certificate",
    "Comparison",
    "Explanation",
    "FairnessReport",
    "GroupRate",
    "InvalidAllocationError",
    "InvalidInstanceError",
    "MatchingError",
    "NamedInstance",
    "ScorePart",
    "TopK",
    "Vacancies",
    "VacancyIndex",
    "Weights",
    "certify",
    "check_instance",
    "compare",
    "eligible_pairs",
    "explain",
    "fairness_report",
    "index_vacancies",
    "ineligibility_reasons",
    "instance_problems",
    "optimal_allocation",
    "parse_allocation",
    "parse_instance",
    "score_pairs",
    "stable_allocation",
    "top_candidates_for",
    "top_vacancies_for",
    "top_vacancies_for_all",
]
