"""Optional compilation of the engine's loop kernels with numba.

Every kernel is plain Python over NumPy arrays. When numba is installed, :func:`jit` compiles
it (cached on disk); without numba the engine falls back to its NumPy implementations, which
the tests also run. ``ONEWORKFORCE_NO_NUMBA=1`` turns compilation off.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar, cast

__all__ = [
    "BACKENDS",
    "HAVE_NUMBA",
    "jit",
    "jit_parallel",
    "parallel_range",
    "prefetch",
    "resolve_backend",
]

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


def prefetch(array: Any, index: int) -> None:
    """Ask the processor to start loading ``array[index]`` now; it will be read soon.

    A hint with no effect on results, and none at all outside compiled code. Kernels whose
    steps each read from a random place in a large array call it a few steps ahead, so that
    several reads are in flight at once instead of one after another.
    """


if HAVE_NUMBA:
    from llvmlite import ir
    from numba.core import cgutils, types
    from numba.extending import intrinsic, overload

    @intrinsic
    def _prefetch(typingctx: Any, array: Any, index: Any) -> Any:
        if not isinstance(array, types.Array) or not isinstance(index, types.Integer):
            return None

        def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
            array_type = signature.args[0]
            view = context.make_array(array_type)(context, builder, args[0])
            pointer = cgutils.get_item_pointer(  # type: ignore[no-untyped-call]
                context, builder, array_type, view, [args[1]], wraparound=False
            )
            byte_pointer = ir.IntType(8).as_pointer()
            i32 = ir.IntType(32)
            function = cgutils.get_or_insert_function(  # type: ignore[no-untyped-call]
                builder.module,
                ir.FunctionType(ir.VoidType(), [byte_pointer, i32, i32, i32]),
                "llvm.prefetch.p0",
            )
            # Read access, keep in every cache level, data (not instructions). Prefetching an
            # address past the end of an array is harmless: it never faults.
            builder.call(function, [builder.bitcast(pointer, byte_pointer), i32(0), i32(3), i32(1)])
            return context.get_dummy_value()

        return types.void(array, index), codegen

    @overload(prefetch)
    def _prefetch_compiled(array: Any, index: Any) -> Any:
        def compiled(array: Any, index: Any) -> None:
            _prefetch(array, index)  # type: ignore[call-arg]  # numba supplies typingctx

        return compiled


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
