"""Locking: hold a lock on an open file, on every platform the tool runs on (`fcntl.flock` where there is one, the
C runtime's `msvcrt.locking` on Windows), and rename a file or folder that Windows may hold open for a moment.

A lock lives as long as its descriptor: a process that dies (killed, power lost) drops it, so no stale lock file
ever blocks the next build."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
WINDOWS = sys.platform == "win32"
WAIT = 0.1  # seconds between tries, where the platform cannot wait for a lock by itself


def try_lock(fd: int) -> bool:
    """Take the lock on the open file `fd` if no other process holds it; False (at once) if one does."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks bytes from the current position: always the first one
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def lock(fd: int) -> None:
    """Take the lock on the open file `fd`, waiting for as long as another process holds it."""
    if sys.platform != "win32":
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    while not try_lock(fd):  # msvcrt's own waiting lock gives up after ten seconds
        time.sleep(WAIT)


def unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def retried(action: Callable[[], T], transient: bool, tries: int = 20, wait: float = WAIT) -> T:
    """`action()`, tried again a few times when it fails with PermissionError and `transient` says such a failure
    passes (on Windows a file or folder cannot be renamed or replaced while another program — the preview server
    sending a page, a virus scanner, Explorer — has a file in it open; it can a moment later). Any other failure,
    or the last one, is raised."""
    for _ in range(tries - 1 if transient else 0):
        try:
            return action()
        except PermissionError:
            time.sleep(wait)
    return action()


def rename(source: Path, target: Path) -> None:
    """`source.rename(target)`, waiting out a moment when Windows holds a file in either open."""
    retried(lambda: source.rename(target), WINDOWS)


def replace(source: Path, target: Path) -> None:
    """`source.replace(target)` (one file over another), waiting out a moment when Windows holds `target` open."""
    retried(lambda: source.replace(target), WINDOWS)


@contextlib.contextmanager
def held(path: Path) -> Iterator[None]:
    """The lock of the file `path` (made if missing), held for the `with` block: one holder at a time, across
    processes; a second waits here until the first is done."""
    with path.open("w") as handle:
        lock(handle.fileno())
        try:
            yield
        finally:
            unlock(handle.fileno())
