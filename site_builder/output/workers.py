"""Parallel: spread work over every core with forked workers that share the build's memory without copying it.

Only for work that runs no threads of its own in this process (vl-convert runs in `charts.Drawing`'s workers).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import get_context
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_WORK: tuple[Callable[[Sequence[Any]], Any], Sequence[Any]] | None = None


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_slices(
    function: Callable[[Sequence[T]], R], items: Sequence[T], serial_below: int = 200, workers: int | None = None
) -> Iterator[R]:
    """`function` over consecutive slices of `items`, in order. Runs in this process when there are few items
    or one core; otherwise in forked workers, each reading its slice from the memory it shares with this one."""
    global _WORK
    workers = workers or cores()
    if workers == 1 or len(items) < serial_below:
        yield function(items)
        return
    step = max(1, -(-len(items) // (workers * 8)))
    _WORK = (function, items)
    try:
        with get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_run_slice, [(start, start + step) for start in range(0, len(items), step)])
    finally:
        _WORK = None


def _run_slice(bounds: tuple[int, int]) -> Any:
    assert _WORK is not None, "set before the workers fork"
    function, items = _WORK
    return function(items[bounds[0] : bounds[1]])
