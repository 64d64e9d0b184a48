"""Output: write the whole site into a fresh folder beside the target, and swap it in only when all is written."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path


def write_atomically(
    out: Path,
    files: Mapping[str, bytes],
    copies: Mapping[str, Path],
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Replace `out` with exactly `files` (bytes) and `copies` (files copied in), or leave it untouched on any error.

    The new tree is written next to `out` (same file system), `finish` (such as the search indexer) runs on it,
    then two renames swap it in; a failure or an interrupt before the swap removes the new tree and leaves the old
    one as it was.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}-new-*"):  # left by a build that was killed (SIGKILL, power loss)
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    try:
        for rel, data in files.items():
            target = _inside(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for rel, source in copies.items():
            target = _inside(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        if finish is not None:
            finish(staging)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _inside(folder: Path, rel: str) -> Path:
    target = (folder / rel).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise ValueError(f"output path {rel!r} leaves the output folder")
    return target


def _swap(staging: Path, out: Path) -> None:
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
    if not out.exists():
        staging.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
