"""Optional compilation of the engine's loop kernels with numba.

Every kernel is plain Python over NumPy arrays. When numba is installed, :func:`jit` compiles
it (cached on disk); without numba the engine falls back to its NumPy implementations, which
the tests also run. ``ONEWORKFORCE_NO_NUMBA=1`` turns compilation off.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar, cast

__all__ = ["BACKENDS", "HAVE_NUMBA", "jit", "jit_parallel", "parallel_range", "resolve_backend"]

F = TypeVar("F", bound=Callable[..., Any])

BACKENDS = ("auto", "numba", "numpy")

try:
    if os.environ.get("ONEWORKFORCE_NO_NUMBA"):
        raise ImportError("numba turned off by ONEWORKFORCE_NO_NUMBA")
    import numba

    HAVE_NUMBA = True
except ImportError:
    HAVE_NUMBA = False


def jit(function: F) -> F:
    """Compile ``function`` with numba when it is available; otherwise return it unchanged."""
    if HAVE_NUMBA:
        return cast(F, numba.njit(cache=True, nogil=True)(function))
    return function


def jit_parallel(function: F) -> F:
    """Like :func:`jit`, with ``parallel_range`` loops spread over the cores."""
    if HAVE_NUMBA:
        return cast(F, numba.njit(cache=True, nogil=True, parallel=True)(function))
    return function


parallel_range: Any = numba.prange if HAVE_NUMBA else range


# Below this much work, loading compiled kernels costs more than it saves.
SMALL_WORK = 20_000


def resolve_backend(backend: str, work: int | None = None) -> str:
    """``"numba"`` or ``"numpy"`` for a requested backend.

    ``"auto"`` prefers numba, except for ``work`` (list entries, say) under ``SMALL_WORK``.
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}; got {backend!r}")
    if backend == "auto":
        small = work is not None and work < SMALL_WORK
        return "numba" if HAVE_NUMBA and not small else "numpy"
    if backend == "numba" and not HAVE_NUMBA:
        raise ValueError("backend 'numba' needs the numba package, which is not installed")
    return backend
