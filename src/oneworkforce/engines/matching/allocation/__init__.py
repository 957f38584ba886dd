"""Stable and optimal allocation with capacities."""

from .optimal import compare, optimal_allocation
from .stable import PROPOSING_SIDES, draw_seed, lottery, stable_allocation

__all__ = [
    "PROPOSING_SIDES",
    "compare",
    "draw_seed",
    "lottery",
    "optimal_allocation",
    "stable_allocation",
]
