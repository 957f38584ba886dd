"""A workforce frame prepared for one date, so that what every metric needs is worked out once.

Every metric accepts either a workforce frame or a :class:`Workforce`. Given a frame, it
prepares one itself; given a ``Workforce`` (from :func:`prepare`), it reuses the work
already done: which posts are in post on the date, each person's main post, and each
partner's benchmark validity. The dashboard prepares once and computes every metric from
it; a caller that keeps the ``Workforce`` beside the frame it built (the "first build")
pays the preparation once per frame and date.

The prepared posts are the frame itself with two added columns, ``_in_post`` and
``_main`` (a person's main post among their posts in post), so nothing is copied, and
each metric reads only the columns it needs (through Polars' lazy projection).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
import polars as pl

from oneworkforce.intelligence.metrics.dimensions import label_column, label_expression
from oneworkforce.intelligence.metrics.errors import AS_OF_MISMATCH, MetricRequestError
from oneworkforce.intelligence.metrics.frame import (
    conform_frame,
    conform_workplaces,
    directly_employed,
    in_post,
)

__all__ = ["IN_POST", "MAIN", "MAIN_POST_ORDER", "Workforce", "prepare"]

IN_POST = "_in_post"
MAIN = "_main"
MAIN_POST_ORDER = ("fte", "contracted_hours", "start_date", "post_id")
"""A person's main post has the most FTE, then the most hours, the earliest start, the
lowest post id: so the choice never depends on the order of rows."""
_DESCENDING = (True, True, False, False)


def main_post_mask(held: pl.DataFrame) -> np.ndarray:
    """For posts all in post, True at each person's main post (one per person).

    Only people with more than one post need choosing, so the posts are sorted only for
    them: the candidates are found by hashing ``person_key`` (a hash collision only adds a
    candidate, which the exact de-duplication then settles).

    Complexity: O(n) for n posts, plus O(m log m) for the m posts of people with several.
    """
    keyed = held.lazy().with_row_index("_row").select("_row", "person_key", *MAIN_POST_ORDER)
    several = pl.col("person_key").hash().is_duplicated()
    rows = pl.concat(
        [
            keyed.filter(~several).select("_row"),
            keyed.filter(several)
            .sort(MAIN_POST_ORDER, descending=_DESCENDING, nulls_last=True)
            .unique(subset="person_key", keep="first")
            .select("_row"),
        ]
    ).collect()
    mask = np.zeros(held.height, dtype=bool)
    mask[rows.get_column("_row").to_numpy()] = True
    return mask


@dataclass(frozen=True, eq=False)
class Workforce:
    """The workforce frame prepared for computing metrics on ``as_of``.

    ``posts`` is the frame with ``_in_post`` and ``_main`` added. Build it with
    :func:`prepare` (or let a metric build it from a frame).
    """

    posts: pl.DataFrame = field(repr=False)
    as_of: date
    _validity: dict[int, tuple[pl.DataFrame, pl.DataFrame]] = field(
        default_factory=dict, repr=False
    )
    _labels: dict[str, pl.Series] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, frame: "pl.DataFrame | Workforce", *, as_of: date) -> "Workforce":
        """``frame`` prepared for ``as_of``; a ``Workforce`` for that date is returned as is."""
        if isinstance(frame, Workforce):
            if frame.as_of != as_of:
                raise MetricRequestError(AS_OF_MISMATCH.format(prepared=frame.as_of, asked=as_of))
            return frame
        return prepare(frame, as_of=as_of)

    def label(self, name: str) -> pl.Series:
        """Every post's label for the breakdown ``name`` (worked out once, then kept)."""
        labels = self._labels.get(name)
        if labels is None:
            expression = label_expression(self.posts.schema, name, self.as_of)
            labels = self.posts.select(
                expression.cast(pl.Categorical).alias(label_column(name))
            ).to_series()
            self._labels[name] = labels
        return labels

    def lazy(self, by: Sequence[str] = ()) -> pl.LazyFrame:
        """Every post (in post or not), with the labels of ``by``, to filter and aggregate.

        The labels are in columns of their own (see :func:`.dimensions.label_column`), so
        filters on the coded columns still work.
        """
        frame = self.posts.lazy()
        return frame.with_columns(self.label(name) for name in by) if by else frame

    def held(self, by: Sequence[str] = ()) -> pl.LazyFrame:
        """The posts in post on ``as_of``, with the labels of ``by``."""
        return self.lazy(by).filter(pl.col(IN_POST))

    def main(self, by: Sequence[str] = ()) -> pl.LazyFrame:
        """One post per person in post on ``as_of`` (their main post), with labels of ``by``."""
        return self.lazy(by).filter(pl.col(MAIN))

    def with_columns(self, *columns: pl.Expr) -> "Workforce":
        """The same workforce with columns added (a grouping of partners, say)."""
        return Workforce(self.posts.with_columns(*columns), self.as_of)

    @cached_property
    def job_roles(self) -> tuple[str, ...]:
        """Every job role name in the frame, once."""
        return tuple(self.posts.get_column("job_role").drop_nulls().unique().sort())

    @cached_property
    def schema(self) -> pl.Schema:
        """The frame's columns and types, without the preparation's own columns."""
        return pl.Schema(
            (name, dtype)
            for name, dtype in self.posts.schema.items()
            if name not in (IN_POST, MAIN)
        )

    def validity(self, workplaces: pl.DataFrame) -> pl.DataFrame:
        """Each partner's records against its declared total (see :mod:`.validity`), cached
        for as long as ``workplaces`` is the same frame."""
        cached = self._validity.get(id(workplaces))
        if cached is not None and cached[0] is workplaces:
            return cached[1]
        checked = conform_workplaces(workplaces)
        records = (
            self.held()
            .filter(directly_employed())
            .group_by("organisation_id")
            .agg(pl.len().cast(pl.Int64).alias("post_records"))
        )
        declared = (
            checked.lazy()
            .group_by("organisation_id")
            .agg(
                pl.when(pl.col("declared_staff").is_not_null().any())
                .then(pl.col("declared_staff").sum())
                .alias("declared_staff")
            )
        )
        partners = pl.concat(
            [self.lazy().select("organisation_id"), checked.lazy().select("organisation_id")]
        ).unique()
        result = (
            partners.join(records, on="organisation_id", how="left")
            .join(declared, on="organisation_id", how="left")
            .with_columns(pl.col("post_records").fill_null(0))
            .with_columns(
                (
                    pl.col("declared_staff").is_null()
                    | (pl.col("declared_staff") == pl.col("post_records"))
                ).alias("is_valid")
            )
            .select("organisation_id", "post_records", "declared_staff", "is_valid")
            .sort("organisation_id")
            .collect()
        )
        self._validity[id(workplaces)] = (workplaces, result)
        return result


def prepare(frame: pl.DataFrame, *, as_of: date) -> Workforce:
    """Prepare ``frame`` for computing metrics on ``as_of`` (checks and casts its columns).

    >>> from oneworkforce.intelligence.metrics.examples import posts
    >>> frame = posts([dict(person_key="ann", fte=0.4), dict(person_key="ann", fte=0.6),
    ...                dict(person_key="bob", left_date=date(2025, 1, 1))])
    >>> workforce = prepare(frame, as_of=date(2026, 3, 31))
    >>> workforce.posts.select("post_id", "_in_post", "_main").rows()
    [('post-1', True, False), ('post-2', True, True), ('post-3', False, False)]

    Complexity: O(n) for n posts, plus a sort of the posts of people with several.
    """
    posts = conform_frame(frame)
    held_flag = posts.select(in_post(as_of).fill_null(False)).to_series().alias(IN_POST)
    held = posts.select("person_key", *MAIN_POST_ORDER).filter(held_flag)
    main = np.zeros(posts.height, dtype=bool)
    main[np.flatnonzero(held_flag.to_numpy())] = main_post_mask(held)
    return Workforce(posts.with_columns(held_flag, pl.Series(MAIN, main)), as_of)
