"""What an attacker can work out about hidden cells: the exact LP audit.

The attacker knows every published cell, the table's additivity equations and that counts
are never negative. For a hidden cell, the smallest and largest values it can take under
those constraints (two linear programmes, solved with HiGHS) are all they can learn.
Following Fischetti and Salazar-González (1999), a small cell of true value ``a`` is
protected when that range reaches the threshold ``t`` (its upper protection level is
``t - a``): the reader cannot tell it from a publishable count. A range of zero width (a
"pinned" cell) is never protected.

The audit sees only what is published, never the true hidden values.
"""

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.optimize import linprog
from scipy.sparse.csgraph import connected_components

from oneworkforce.engines.disclosure.errors import AUDIT_FAILED, AuditFailedError

__all__ = ["AttackerModel"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class AttackerModel:
    """The attacker's constraints for one published table.

    ``published`` holds each cell's shown value (ignored where ``hidden``); hidden cells
    are the unknowns, each at least ``lower``.

    >>> # Three cells and their total 13: hide the 3 and the 10, publish 0 and 13.
    >>> equations = sparse.csr_array(np.array([[-1.0, -1.0, -1.0, 1.0]]))
    >>> model = AttackerModel(equations, np.array([3.0, 0.0, 10.0, 13.0]),
    ...                       np.array([True, False, True, False]))
    >>> model.interval(0)
    (0.0, 13.0)

    Complexity: two LPs per cell audited, each over the hidden cells linked to it through
    the equations (its connected component), not the whole table.
    """

    equations: sparse.csr_array
    published: FloatArray
    hidden: BoolArray
    lower: float = 0.0

    @cached_property
    def _unknowns(self) -> IntArray:
        return np.flatnonzero(self.hidden)

    @cached_property
    def _system(self) -> tuple[sparse.csr_array, FloatArray]:
        equations = sparse.csr_array(self.equations)
        known = np.where(self.hidden, 0.0, self.published)
        a_hidden = sparse.csr_array(equations[:, self._unknowns])
        rhs = -(equations @ known)
        return a_hidden, rhs

    @cached_property
    def _components(self) -> IntArray:
        a_hidden, _ = self._system
        linked = (abs(a_hidden) > 0).astype(np.float64)
        adjacency = sparse.csr_array(linked.T @ linked)
        _, labels = connected_components(adjacency, directed=False)
        return np.asarray(labels, dtype=np.int64)

    def interval(self, cell: int) -> tuple[float, float]:
        """The smallest and largest value of ``cell`` consistent with the published table."""
        return self._bound(cell, maximise=False), self._bound(cell, maximise=True)

    def upper(self, cell: int) -> float:
        """The largest value of ``cell`` consistent with the published table (one LP)."""
        return self._bound(cell, maximise=True)

    def _bound(self, cell: int, *, maximise: bool) -> float:
        position = int(np.searchsorted(self._unknowns, cell))
        if position >= self._unknowns.size or self._unknowns[position] != cell:
            return float(self.published[cell])
        a_hidden, rhs = self._system
        members = np.flatnonzero(self._components == self._components[position])
        local = sparse.csr_array(a_hidden[:, members])
        rows = np.flatnonzero(np.diff(local.indptr))
        if rows.size == 0:
            return float("inf") if maximise else self.lower
        target = int(np.flatnonzero(members == position)[0])
        objective = np.zeros(members.size)
        objective[target] = -1.0 if maximise else 1.0
        result = linprog(
            objective,
            A_eq=local[rows],
            b_eq=rhs[rows],
            bounds=(self.lower, None),
            method="highs",
        )
        if result.status == 3:  # unbounded: only possible when maximising
            return float("inf")
        if result.status != 0:
            raise AuditFailedError(AUDIT_FAILED.format(cell=cell, reason=result.message))
        return float(result.x[target])
