"""Atomic: write one file so that a reader sees its old bytes or its new ones, never half (a temporary name in the
same folder, then a rename): the caches, the build records and the server's release records all write this way."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from site_builder.output import locking


def replace_file(path: Path, data: bytes, durable: bool = False, mode: int | None = None) -> None:
    """Write `data` to `path` through a temporary file beside it; `durable` also flushes it to the disk first (for
    records that must survive a power cut, such as the server's list of releases); `mode` is set before the file
    takes its name (a git hook is executable the moment it exists: git skips a hook it cannot run)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Unique per process and thread: two workers may write the same cached chart at once.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            temporary.chmod(mode)
        locking.replace(temporary, path)  # on Windows, waits out a reader holding `path` open
    finally:
        temporary.unlink(missing_ok=True)
