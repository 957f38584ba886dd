"""The shape of a table: its axes (flat or hierarchical), cells, totals and equations.

A table is the product of its *axes*. An axis is one dimension, or a chain of dimensions
nested within each other (partner within sector). Each axis is a tree (a forest when it
has no total): leaves are the values found in the data, inner nodes are subtotals, and the
root, when the axis is totalled, is its total. A cell is one node from every axis; its
value is the sum of the leaf cells below it. Every inner node gives one *additivity
equation* per combination of the other axes' nodes:
``cell(..., parent, ...) = sum(cell(..., child, ...) for child in parent's children)``.
Those equations are all an attacker can use besides the published values.
"""

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy import sparse

from oneworkforce.engines.disclosure.errors import (
    NO_DIMENSIONS,
    UNKNOWN_CATEGORY,
    UNKNOWN_DIMENSION,
    UNKNOWN_TOTALS,
    UNSUPPORTED_HIERARCHY,
    InvalidTableError,
)
from oneworkforce.engines.disclosure.markers import TOTAL

__all__ = ["Axis", "TableShape", "build_shape"]

Key = tuple[Hashable, ...]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Axis:
    """One axis of a table: a tree of nodes listed children before parents.

    ``labels[node]`` holds one label per axis dimension, :data:`TOTAL` for the levels the
    node sums over. ``depths[node]`` counts the labelled levels, so leaves have depth
    ``len(dimensions)`` and the axis total, when there is one, depth 0.
    """

    dimensions: tuple[str, ...]
    labels: tuple[Key, ...]
    parents: tuple[int, ...]
    children: tuple[tuple[int, ...], ...]
    depths: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.labels)

    def is_leaf(self, node: int) -> bool:
        return self.depths[node] == len(self.dimensions)

    def chain(self, node: int) -> list[int]:
        """The node and its ancestors, up to its tree's root."""
        nodes = [node]
        while self.parents[nodes[-1]] >= 0:
            nodes.append(self.parents[nodes[-1]])
        return nodes

    def leaves_under(self, node: int) -> list[int]:
        if self.is_leaf(node):
            return [node]
        return [leaf for child in self.children[node] for leaf in self.leaves_under(child)]


def _order(values: Iterable[Hashable]) -> list[Hashable]:
    distinct = list(dict.fromkeys(values))
    try:
        return sorted(distinct)  # type: ignore[type-var]
    except TypeError:
        return sorted(distinct, key=lambda value: (type(value).__name__, repr(value)))


def _build_axis(dimensions: tuple[str, ...], paths: Sequence[Key], *, has_total: bool) -> Axis:
    labels: list[Key] = []
    parents: list[int] = []
    children: list[tuple[int, ...]] = []
    depths: list[int] = []

    def add(prefix: Key, below: Sequence[Key]) -> int:
        depth = len(prefix)
        kids: list[int] = []
        if depth < len(dimensions):
            groups: dict[Hashable, list[Key]] = {}
            for path in below:
                groups.setdefault(path[depth], []).append(path)
            kids = [add((*prefix, value), group) for value, group in groups.items()]
        labels.append(prefix + (TOTAL,) * (len(dimensions) - depth))
        parents.append(-1)
        children.append(tuple(kids))
        depths.append(depth)
        for kid in kids:
            parents[kid] = len(labels) - 1
        return len(labels) - 1

    if has_total:
        add((), paths)
    else:
        tops: dict[Hashable, list[Key]] = {}
        for path in paths:
            tops.setdefault(path[0], []).append(path)
        for value, group in tops.items():
            add((value,), group)
    return Axis(dimensions, tuple(labels), tuple(parents), tuple(children), tuple(depths))


@dataclass(frozen=True)
class TableShape:
    """The cells and equations of a table, without any of its values."""

    dimensions: tuple[str, ...]
    axes: tuple[Axis, ...]
    positions: tuple[tuple[int, int], ...]
    """For each table dimension: its axis and its level within that axis."""

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(axis.size for axis in self.axes)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    def key(self, nodes: Sequence[int]) -> Key:
        """The labels of a cell, in table dimension order."""
        return tuple(self.axes[axis].labels[nodes[axis]][level] for axis, level in self.positions)

    @cached_property
    def keys(self) -> tuple[Key, ...]:
        """Every cell's labels, in flat (row-major) order."""
        return tuple(self.key(nodes) for nodes in np.ndindex(*self.shape))

    @cached_property
    def heights(self) -> IntArray:
        """For each cell (flat), how many hierarchy levels it sums over, across all axes."""
        total = np.zeros(self.shape, dtype=np.int64)
        for k, axis in enumerate(self.axes):
            height = len(axis.dimensions) - np.asarray(axis.depths, dtype=np.int64)
            view = [1] * len(self.axes)
            view[k] = axis.size
            total = total + height.reshape(view)
        return total.ravel()

    def leaf_nodes(self, key: Key) -> tuple[int, ...]:
        return tuple(self._leaf_lookup[k][self._project(key, k)] for k in range(len(self.axes)))

    def _project(self, key: Key, k: int) -> Key:
        return tuple(key[d] for d, (axis, _) in enumerate(self.positions) if axis == k)

    @cached_property
    def _leaf_lookup(self) -> tuple[dict[Key, int], ...]:
        return tuple(
            {axis.labels[node]: node for node in range(axis.size) if axis.is_leaf(node)}
            for axis in self.axes
        )

    def aggregate(self, counts: Mapping[Key, int]) -> IntArray:
        """The value of every cell (flat), summed from the leaf counts."""
        values = np.zeros(self.shape, dtype=np.int64)
        for key, value in counts.items():
            values[self.leaf_nodes(key)] = value
        for k, axis in enumerate(self.axes):
            for node in range(axis.size):
                if axis.children[node]:
                    index: list[slice | int] = [slice(None)] * len(self.axes)
                    index[k] = node
                    values[tuple(index)] = np.take(values, axis.children[node], axis=k).sum(axis=k)
        return values.ravel()

    @cached_property
    def equations(self) -> sparse.csr_array:
        """One row per additivity equation: +1 for the total, -1 for each part."""
        flat = np.arange(self.size, dtype=np.int64).reshape(self.shape)
        rows: list[IntArray] = []
        cols: list[IntArray] = []
        data: list[npt.NDArray[np.float64]] = []
        count = 0
        for k, axis in enumerate(self.axes):
            for node in range(axis.size):
                if not axis.children[node]:
                    continue
                total = np.take(flat, node, axis=k).ravel()
                equation = np.arange(count, count + total.size, dtype=np.int64)
                count += total.size
                rows.append(equation)
                cols.append(total)
                data.append(np.ones(total.size))
                for child in axis.children[node]:
                    rows.append(equation)
                    cols.append(np.take(flat, child, axis=k).ravel())
                    data.append(-np.ones(total.size))
        if not rows:
            return sparse.csr_array((0, self.size))
        return sparse.csr_array(
            (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))),
            shape=(count, self.size),
        )


def _axes_of(dimensions: tuple[str, ...], hierarchy: Mapping[str, str]) -> list[tuple[str, ...]]:
    for child, parent in hierarchy.items():
        for name in (child, parent):
            if name not in dimensions:
                raise InvalidTableError(
                    UNKNOWN_DIMENSION.format(
                        argument="hierarchy", name=name, dimensions=list(dimensions)
                    )
                )
    child_of: dict[str, str] = {}
    for child, parent in hierarchy.items():
        if parent in child_of or child == parent:
            raise InvalidTableError(UNSUPPORTED_HIERARCHY.format(hierarchy=dict(hierarchy)))
        child_of[parent] = child
    axes: list[tuple[str, ...]] = []
    for dimension in dimensions:
        if dimension in hierarchy:
            continue
        chain = [dimension]
        while chain[-1] in child_of:
            chain.append(child_of[chain[-1]])
        axes.append(tuple(chain))
    if sum(len(axis) for axis in axes) != len(dimensions):
        raise InvalidTableError(UNSUPPORTED_HIERARCHY.format(hierarchy=dict(hierarchy)))
    return axes


def _totalled(
    axes: list[tuple[str, ...]], dimensions: tuple[str, ...], totals: bool | Collection[str]
) -> list[bool]:
    if isinstance(totals, bool):
        return [totals] * len(axes)
    if isinstance(totals, str) or not isinstance(totals, Collection):
        raise InvalidTableError(UNKNOWN_TOTALS.format(totals=totals))
    for name in totals:
        if name not in dimensions:
            raise InvalidTableError(
                UNKNOWN_DIMENSION.format(argument="totals", name=name, dimensions=list(dimensions))
            )
    return [any(name in axis for name in totals) for axis in axes]


def build_shape(
    keys: Collection[Key],
    *,
    dimensions: Sequence[str],
    hierarchy: Mapping[str, str] | None = None,
    totals: bool | Collection[str] = True,
    categories: Mapping[str, Sequence[Hashable]] | None = None,
) -> TableShape:
    """The shape of the table whose leaf cells have these keys.

    Categories are sorted unless ``categories`` gives their order; for a dimension that is
    a whole axis on its own, ``categories`` also adds the values with no rows (as zeros).

    >>> shape = build_shape(
    ...     [("NHS", "Trust A"), ("NHS", "Trust B"), ("Care", "Home C")],
    ...     dimensions=["sector", "partner"], hierarchy={"partner": "sector"},
    ... )
    >>> [shape.key((node,)) for node in range(shape.size)]  # doctest: +NORMALIZE_WHITESPACE
    [('Care', 'Home C'), ('Care', TOTAL), ('NHS', 'Trust A'), ('NHS', 'Trust B'),
     ('NHS', TOTAL), (TOTAL, TOTAL)]

    Complexity: O(cells) to lay out; the equations have one row per inner node per
    combination of the other axes' nodes.
    """
    names = tuple(dimensions)
    if not names:
        raise InvalidTableError(NO_DIMENSIONS)
    hierarchy = dict(hierarchy or {})
    categories = dict(categories or {})
    for name in categories:
        if name not in names:
            raise InvalidTableError(
                UNKNOWN_DIMENSION.format(argument="categories", name=name, dimensions=list(names))
            )
    axis_dimensions = _axes_of(names, hierarchy)
    has_total = _totalled(axis_dimensions, names, totals)

    rank: dict[str, dict[Hashable, int]] = {}
    for d, name in enumerate(names):
        observed = _order(key[d] for key in keys)
        if name in categories:
            given = list(dict.fromkeys(categories[name]))
            for value in observed:
                if value not in given:
                    raise InvalidTableError(UNKNOWN_CATEGORY.format(value=value, column=name))
            observed = given
        rank[name] = {value: position for position, value in enumerate(observed)}

    axes: list[Axis] = []
    for chain, total in zip(axis_dimensions, has_total, strict=True):
        columns = [names.index(name) for name in chain]
        if len(chain) == 1 and chain[0] in categories:
            paths: list[Key] = [(value,) for value in rank[chain[0]]]
        else:
            paths = list({tuple(key[c] for c in columns): None for key in keys})
            paths.sort(key=lambda path: tuple(rank[n][v] for n, v in zip(chain, path, strict=True)))
        axes.append(_build_axis(chain, paths, has_total=total))

    positions = tuple(
        next((k, chain.index(name)) for k, chain in enumerate(axis_dimensions) if name in chain)
        for name in names
    )
    return TableShape(names, tuple(axes), positions)
