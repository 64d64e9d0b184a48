"""Parallel: spread work over every core with forked workers that share the build's memory without copying it,
where the platform starts processes by forking; in this process where it cannot (Windows, and macOS by default).

Only for work that runs no threads of its own in this process (vl-convert runs in `charts.Drawing`'s workers).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_WORK: tuple[Callable[[Sequence[Any]], Any], Sequence[Any]] | None = None


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def context() -> BaseContext:
    """How worker pools start their processes: the platform's way (fork on Linux, spawn on Windows and macOS), or
    the one the program chose with `multiprocessing.set_start_method`. A pool's task must then be a top-level
    function whose arguments can be pickled, which holds for every pool made with this context."""
    return multiprocessing.get_context()


def forking() -> bool:
    """Whether workers are forked, and so share this process's memory (closures, templates, the model) for free."""
    return context().get_start_method() == "fork"


def map_slices(
    function: Callable[[Sequence[T]], R], items: Sequence[T], serial_below: int = 200, workers: int | None = None
) -> Iterator[R]:
    """`function` over consecutive slices of `items`, in order. Runs in forked workers, each reading its slice from
    the memory it shares with this process, when there are many items and several cores; otherwise here.

    Where processes cannot fork, this runs here too: `function` closes over the Jinja environments and the whole
    model, which a spawned worker would have to receive pickled and import anew (about a second per worker before it
    renders a page), while a site of a few hundred pages renders here in about that time. The output is the same."""
    global _WORK
    workers = workers or cores()
    if workers == 1 or len(items) < serial_below or not forking():
        yield function(items)
        return
    step = max(1, -(-len(items) // (workers * 8)))
    _WORK = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_run_slice, [(start, start + step) for start in range(0, len(items), step)])
    finally:
        _WORK = None


def _run_slice(bounds: tuple[int, int]) -> Any:
    assert _WORK is not None, "set before the workers fork"
    function, items = _WORK
    return function(items[bounds[0] : bounds[1]])
