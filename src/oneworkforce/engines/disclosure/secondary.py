"""Secondary (complementary) suppression: hide enough other cells that no small count can
be worked out from the totals.

The method (see docs/decisions/0010-disclosure-secondary-suppression.md):

1. Each small ("primary") cell ``p`` of true value ``a`` needs an *upper protection level*
   of ``delta = threshold - a`` (Fischetti and Salazar-González 1999): some table that
   agrees with everything published, with no negative count, must put ``p`` at
   ``threshold`` or more.
2. Such a table is the true table plus a *perturbation* ``d`` that is zero on every
   published cell, keeps every additivity equation, has ``d[p] = +delta``, and lowers no
   cell below zero. In a table that is a product of trees (flat or hierarchical axes) the
   simplest perturbations are products of one path per axis: along one axis, ``+1`` from
   a leaf under ``p`` up to (not including) the lowest common ancestor with a second leaf,
   ``-1`` from that second leaf up to the same ancestor (or ``+1`` all the way to the root,
   when the total itself moves). In a plain two-way table with totals this is the familiar
   rectangle ``+p, -row partner, -column partner, +opposite corner`` (Cox 1995's cycles;
   the "hypercube" method in Hundepool et al. 2012, chapter 4, for n dimensions).
3. Primaries are taken hardest first. For each, every product of paths is priced at once
   with NumPy: a cell already hidden costs nothing, a published cell costs
   ``(1 + ln(1 + value)) * 50 ** (levels it sums over)`` (fewest cells, then smallest, and
   totals only as a last resort), a published zero may not be hidden, and a cell the path
   lowers must hold at least ``delta``. If no product is free, the movement is first
   sought through hidden cells only, in several cycles (like augmenting paths in a
   max-flow, each moving what its most constrained lowered cell allows); failing that,
   the cheapest product is hidden. Either way the perturbation is kept as the primary's
   *certificate*. When the cheapest product would hide a total, a min-cost flow linear
   programme over the whole table (HiGHS) may instead split the movement over several
   cheaper cells; the cheaper of the two is taken.
4. A clean-up pass tries to publish each secondary cell again, largest cost first: it is
   published if every primary whose certificate used it finds another certificate among
   the cells still hidden.
5. Hidden sets only grow during step 3 and certificates are renewed in step 4, so every
   primary ends with a certificate. Cycle certificates are integer vectors and are checked
   exactly (``equations @ d == 0``, ``value + d >= 0``, ``d[p] >= delta``, ``d`` zero on
   published cells); flow certificates, which may be fractional, are checked with the
   exact LP audit in :mod:`.audit`.

A certificate proves the attacker's upper bound is at least the threshold without solving
the attacker's linear programme, which is what makes large tables fast.
"""

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.optimize import linprog

from oneworkforce.engines.disclosure.audit import AttackerModel
from oneworkforce.engines.disclosure.rules import DisclosureRule
from oneworkforce.engines.disclosure.structure import TableShape

__all__ = ["Certificate", "SecondaryResult", "suppress_secondary", "unproven_primaries"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

FORBIDDEN = 1e12
"""The price of a cell that may not be hidden (a published zero, or too small to lower)."""
TOTAL_WEIGHT = 50.0
"""How much dearer a cell is for each hierarchy level it sums over."""
_FLOW_FREE = 1e-6
_FLOW_ZERO = 1e-9
_AUDIT_TOLERANCE = 1e-6


@dataclass(frozen=True, slots=True)
class Certificate:
    """A perturbation of the hidden cells that raises ``primary`` by at least ``delta``."""

    primary: int
    delta: int
    cells: IntArray
    changes: FloatArray
    exact: bool
    """True for an integer cycle (checked exactly), False for a flow (checked by LP)."""


@dataclass(frozen=True, slots=True)
class SecondaryResult:
    hidden: BoolArray
    certificates: dict[int, Certificate]


class _Protector:
    def __init__(
        self,
        shape: TableShape,
        values: IntArray,
        primary: BoolArray,
        rule: DisclosureRule,
    ) -> None:
        self.shape = shape
        self.dims = shape.shape
        self.values = values
        self.primary = primary
        self.rule = rule
        self.hidden = primary.copy()
        self.forbidden = (values == 0) & ~primary
        self.base_cost = (1.0 + np.log1p(values)) * TOTAL_WEIGHT ** shape.heights.astype(float)
        padded = tuple(size + 1 for size in self.dims)
        inner = tuple(slice(0, size) for size in self.dims)
        self.cost = np.zeros(padded)
        self.cost[inner] = np.where(
            self.hidden, 0.0, np.where(self.forbidden, FORBIDDEN, self.base_cost)
        ).reshape(self.dims)
        self.capacity = np.full(padded, np.iinfo(np.int64).max // 4, dtype=np.int64)
        self.capacity[inner] = values.reshape(self.dims)
        self.leaves = [
            np.array([node for node in range(axis.size) if axis.is_leaf(node)], dtype=np.int64)
            for axis in shape.axes
        ]
        self.marginals = self._leaf_marginals()
        self.ancestors = [self._ancestors(k) for k in range(len(self.dims))]
        self.strides = [int(np.prod(self.dims[k + 1 :])) for k in range(len(self.dims))]
        self._moves_cache: dict[tuple[int, int], tuple[IntArray, IntArray]] = {}
        self._lowered_cost: dict[int, FloatArray] = {}
        """``cost`` with cells too small to lower by the key forbidden; cleared on change."""
        self.certificates: dict[int, Certificate] = {}

    def _leaf_marginals(self) -> list[IntArray]:
        table = self.values.reshape(self.dims)
        marginals = []
        for k in range(len(self.dims)):
            part = table
            for j, leaves in enumerate(self.leaves):
                if j != k:
                    part = np.take(part, leaves, axis=j)
            others = tuple(j for j in range(len(self.dims)) if j != k)
            marginals.append(np.take(part.sum(axis=others) if others else part, self.leaves[k]))
        return marginals

    def _ancestors(self, k: int) -> IntArray:
        """For each leaf of axis ``k``, its ancestor at each depth (-1 where there is none)."""
        axis = self.shape.axes[k]
        table = np.full((self.leaves[k].size, len(axis.dimensions) + 1), -1, dtype=np.int64)
        for row, leaf in enumerate(self.leaves[k].tolist()):
            for node in axis.chain(leaf):
                table[row, axis.depths[node]] = node
        return table

    def _moves(self, k: int, node: int) -> tuple[IntArray, IntArray]:
        """Every path move along axis ``k`` that raises ``node`` by one, padded.

        Returns the node indices (moves x positions; padding points one past the axis)
        and the sign of each position (+1 where the path rises, -1 where it falls). A move
        rises from a leaf under ``node`` to the root, or rises from such a leaf and falls
        from another leaf of the same tree, up to (not including) their lowest common
        ancestor. Leaves with nothing in them cannot fall (and, unless zeros are hidden
        anyway, cannot rise), so they are left out.
        """
        cached = self._moves_cache.get((k, node))
        if cached is not None:
            return cached
        axis = self.shape.axes[k]
        pad = axis.size
        ancestors = self.ancestors[k]
        marginal = self.marginals[k]
        root = axis.chain(node)[-1]
        root_depth = axis.depths[root]
        under = ancestors[:, axis.depths[node]] == node
        rising = ancestors[under & ((marginal > 0) | self.rule.suppress_zeros)]
        falling = ancestors[(ancestors[:, root_depth] == root) & ~under & (marginal > 0)]
        rising = np.where(rising < 0, pad, rising)
        shared = ((rising[:, None, :] == falling[None, :, :]) & (rising[:, None, :] >= 0)).sum(-1)
        depth = np.arange(ancestors.shape[1])
        below_meet = depth[None, None, :] >= (root_depth + shared)[..., None]
        up = np.concatenate(
            [rising[:, None, :], np.where(below_meet, rising[:, None, :], pad)], axis=1
        )
        down = np.concatenate(
            [
                np.full((rising.shape[0], 1, depth.size), pad, dtype=np.int64),
                np.where(below_meet, falling[None, :, :], pad),
            ],
            axis=1,
        )
        index = np.concatenate([up, down], axis=2).reshape(-1, 2 * depth.size)
        signs = np.concatenate([np.ones(depth.size, np.int64), -np.ones(depth.size, np.int64)])
        used = (index != pad).any(axis=0)
        result = (np.ascontiguousarray(index[:, used]), signs[used])
        self._moves_cache[(k, node)] = result
        return result

    def cheapest_cycle(
        self, cell: int, delta: int, cost: FloatArray, capacity: IntArray | None = None
    ) -> tuple[float, IntArray, IntArray]:
        """The cheapest product of path moves raising ``cell`` by ``delta``.

        ``cost`` prices each cell (padded by one along every axis, padding free). Returns
        the product's price, its cells and their signs. A cell the product lowers must
        hold at least ``delta``.
        """
        nodes = np.unravel_index(cell, self.dims)
        n = len(self.dims)
        moves = [self._moves(k, int(node)) for k, node in enumerate(nodes)]
        # Price every product of moves axis by axis. ``priced[tau]`` prices cells by the
        # sign ``tau`` that the axes not yet taken will multiply in: a cell whose final
        # sign is negative is lowered, so must hold at least ``delta``.
        if capacity is None and cost is self.cost:
            lowered = self._lowered_cost.get(delta)
            if lowered is None:
                lowered = np.where(self.capacity < delta, FORBIDDEN, cost)
                self._lowered_cost[delta] = lowered
        else:
            room = self.capacity if capacity is None else capacity
            lowered = np.where(room < delta, FORBIDDEN, cost)
        priced = {1: cost, -1: lowered}
        for k, (positions, signs) in enumerate(moves):
            taken: dict[int, FloatArray] = {}
            for tau in (1,) if k == n - 1 else (1, -1):
                total = np.take(priced[tau * int(signs[0])], positions[:, 0], axis=k)
                for s in range(1, signs.size):
                    total += np.take(priced[tau * int(signs[s])], positions[:, s], axis=k)
                taken[tau] = total
            priced = taken
        prices = priced[1]
        best = np.unravel_index(int(np.argmin(prices)), prices.shape)
        # Only the chosen product's few cells are listed, in plain Python.
        listed: list[tuple[int, int]] = [(0, 1)]
        for k, (positions, signs) in enumerate(moves):
            size, stride = self.dims[k], self.strides[k]
            listed = [
                (flat + node * stride, sign * step)
                for flat, sign in listed
                for node, step in zip(positions[best[k]].tolist(), signs.tolist(), strict=True)
                if node < size
            ]
        return (
            float(prices[best]),
            np.array([flat for flat, _ in listed], dtype=np.int64),
            np.array([sign for _, sign in listed], dtype=np.int64),
        )

    def _augment(self, cell: int, delta: int, cost: FloatArray) -> Certificate | None:
        """Raise ``cell`` by ``delta`` through free cells only, in several cycles if need be.

        Like augmenting paths in a max-flow: each cycle moves as much as its most
        constrained lowered cell allows, in the table already moved by the cycles before.
        Returns None when the free cells cannot carry all of ``delta``.
        """
        residual = self.capacity.copy()
        moved: dict[int, int] = {}
        remaining = delta
        while remaining > 0:
            price, cells, signs = self.cheapest_cycle(cell, 1, cost, residual)
            if price > 0:
                return None
            where = np.unravel_index(cells, self.dims)
            lowered = residual[where][signs < 0]
            amount = min(remaining, int(lowered.min())) if lowered.size else remaining
            residual[where] += signs * amount
            for moved_cell, sign in zip(cells.tolist(), signs.tolist(), strict=True):
                moved[moved_cell] = moved.get(moved_cell, 0) + sign * amount
            remaining -= amount
        cells = np.array([c for c, change in moved.items() if change != 0], dtype=np.int64)
        changes = np.array([float(moved[c]) for c in cells.tolist()])
        return Certificate(cell, delta, cells, changes, exact=True)

    def _hide(self, cells: IntArray) -> None:
        if cells.size:
            self.hidden[cells] = True
            self.cost[np.unravel_index(cells, self.dims)] = 0.0
            self._lowered_cost.clear()

    def _flow(self, cell: int, delta: int) -> Certificate | None:
        """The cheapest flow raising ``cell`` by ``delta`` (LP relaxation), or None."""
        columns = np.flatnonzero(~self.forbidden)
        equations = sparse.csr_array(self.shape.equations[:, columns])
        unit = np.where(self.hidden[columns], _FLOW_FREE, self.base_cost[columns])
        rises = np.zeros((columns.size, 2))
        rises[:, 1] = np.inf
        falls = np.zeros((columns.size, 2))
        falls[:, 1] = self.values[columns]
        target = int(np.searchsorted(columns, cell))
        rises[target, 0] = delta
        falls[target, 1] = 0.0
        result = linprog(
            np.concatenate([unit, unit]),
            A_eq=sparse.hstack([equations, -equations]),
            b_eq=np.zeros(equations.shape[0]),
            bounds=np.vstack([rises, falls]),
            method="highs",
        )
        if result.status != 0:
            return None
        change = result.x[: columns.size] - result.x[columns.size :]
        moved = np.abs(change) > _FLOW_ZERO
        return Certificate(cell, delta, columns[moved], change[moved], exact=False)

    def protect(self) -> None:
        threshold = self.rule.threshold
        primaries = np.flatnonzero(self.primary)
        order = sorted(primaries.tolist(), key=lambda p: (int(self.values[p]), p))
        for cell in order:
            delta = threshold - int(self.values[cell])
            price, cells, signs = self.cheapest_cycle(cell, delta, self.cost)
            if price > 0:
                free = self._augment(cell, delta, np.where(self.cost == 0.0, 0.0, FORBIDDEN))
                if free is not None:
                    self.certificates[cell] = free
                    continue
            certificate: Certificate | None = None
            new = cells[~self.hidden[cells]]
            if price < FORBIDDEN:
                certificate = Certificate(cell, delta, cells, (signs * delta).astype(float), True)
            if certificate is None or np.any(self.shape.heights[new] > 0):
                flow = self._flow(cell, delta)
                if flow is not None:
                    flow_new = flow.cells[~self.hidden[flow.cells]]
                    if certificate is None or (
                        self.base_cost[flow_new].sum() < self.base_cost[new].sum()
                    ):
                        certificate, new = flow, flow_new
            if certificate is not None:
                self._hide(new)
                self.certificates[cell] = certificate

    def prune(self) -> None:
        users: defaultdict[int, set[int]] = defaultdict(set)
        locked: set[int] = set()
        for primary, certificate in self.certificates.items():
            for cell in certificate.cells.tolist():
                if certificate.exact:
                    users[cell].add(primary)
                else:
                    locked.add(cell)
        secondary = np.flatnonzero(self.hidden & ~self.primary).tolist()
        secondary.sort(key=lambda cell: (-self.base_cost[cell], cell))
        for candidate in secondary:
            if candidate in locked:
                continue
            trial = np.where(self.cost == 0.0, 0.0, FORBIDDEN)
            trial[np.unravel_index(candidate, self.dims)] = FORBIDDEN
            renewed: dict[int, Certificate] = {}
            for primary in sorted(users[candidate]):
                renewal = self._augment(primary, self.certificates[primary].delta, trial)
                if renewal is None:
                    break
                renewed[primary] = renewal
            else:
                self.hidden[candidate] = False
                self.cost[np.unravel_index(candidate, self.dims)] = self.base_cost[candidate]
                self._lowered_cost.clear()
                for primary, certificate in renewed.items():
                    for cell in self.certificates[primary].cells.tolist():
                        users[cell].discard(primary)
                    for cell in certificate.cells.tolist():
                        users[cell].add(primary)
                    self.certificates[primary] = certificate


def suppress_secondary(
    shape: TableShape, values: IntArray, primary: BoolArray, rule: DisclosureRule
) -> SecondaryResult:
    """Hide enough cells beside the primary ones that none can be worked out.

    ``values`` are the true values of every cell of ``shape`` (flat), ``primary`` marks the
    small ones. Returns every hidden cell and a certificate per primary cell.

    >>> from oneworkforce.engines.disclosure.rules import DEFAULT_RULE
    >>> from oneworkforce.engines.disclosure.structure import build_shape
    >>> shape = build_shape([("A",), ("B",), ("C",)], dimensions=["home"])
    >>> values = shape.aggregate({("A",): 3, ("B",): 40, ("C",): 12})
    >>> values.tolist()  # A, B, C, Total
    [3, 40, 12, 55]
    >>> result = suppress_secondary(shape, values, values < 5, DEFAULT_RULE)
    >>> result.hidden.tolist()  # the 3, and the cheapest partner that can absorb +2: the 12
    [True, False, True, False]

    Complexity: for each primary cell, one vectorised pricing of (moves along axis 1) x
    (moves along axis 2) x ... products; for a flat r x c table with totals that is
    O(r * c) per primary cell, so O(p * r * c) in all, plus one LP of the table's size for
    the rare primary whose cheapest cycle would hide a total.
    """
    protector = _Protector(shape, values, primary, rule)
    if primary.any() and shape.equations.shape[0] > 0:
        protector.protect()
        protector.prune()
    return SecondaryResult(protector.hidden, protector.certificates)


def unproven_primaries(
    shape: TableShape,
    values: IntArray,
    primary: BoolArray,
    result: SecondaryResult,
    rule: DisclosureRule,
) -> list[int]:
    """Primary cells whose certificate does not prove protection (empty when all is well).

    Exact certificates are checked in integer arithmetic; flow certificates by solving the
    attacker's LP over the published table (:class:`.audit.AttackerModel`).
    """
    primaries = np.flatnonzero(primary).tolist()
    failures: list[int] = []
    exact = [result.certificates[p] for p in primaries if p in result.certificates]
    exact = [certificate for certificate in exact if certificate.exact]
    equations = shape.equations
    if exact and equations.shape[0] > 0:
        columns = np.concatenate(
            [np.full(c.cells.size, i, dtype=np.int64) for i, c in enumerate(exact)]
        )
        moves = sparse.csr_array(
            (
                np.concatenate([c.changes for c in exact]),
                (np.concatenate([c.cells for c in exact]), columns),
            ),
            shape=(shape.size, len(exact)),
        )
        unbalanced = np.abs(equations @ moves).max(axis=0).toarray().ravel()
        for i, certificate in enumerate(exact):
            at_primary = certificate.changes[certificate.cells == certificate.primary]
            if (
                unbalanced[i] != 0
                or not result.hidden[certificate.cells].all()
                or (values[certificate.cells] + certificate.changes < 0).any()
                or at_primary.size != 1
                or at_primary[0] < certificate.delta
            ):
                failures.append(certificate.primary)
    proven = {c.primary for c in exact}
    others = [p for p in primaries if p not in proven]
    if others:
        if equations.shape[0] == 0:
            return failures
        attacker = AttackerModel(equations, values.astype(float), result.hidden)
        failures += [p for p in others if attacker.upper(p) < rule.threshold - _AUDIT_TOLERANCE]
    return sorted(failures)
