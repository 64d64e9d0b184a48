"""Output: write the whole site into a fresh folder beside the target, and swap it in only when all is written."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType


class Staging:
    """A new output tree next to `out` (same file system). Files are written into it — by this process or by
    forked workers, with `write_file` — and `commit` swaps it in with two renames. Leaving the `with` block
    without committing (an error, an interrupt) removes the new tree and leaves `out` as it was."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.out.parent.glob(f".{self.out.name}-new-*"):  # left by a killed build (SIGKILL, power loss)
            shutil.rmtree(stale, ignore_errors=True)
        for old in self.out.parent.glob(f".{self.out.name}-old-*"):  # a removal cut short (a reboot)
            _remove(old, background=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-new-", dir=self.out.parent))
        self.written: set[str] = set()
        self._committed = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if not self._committed:
            shutil.rmtree(self.path, ignore_errors=True)

    def write(self, rel: str, data: bytes) -> None:
        write_file(self.path, rel, data)
        self.written.add(rel)

    def copy(self, rel: str, source: Path) -> None:
        target = inside(self.path, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        self.written.add(rel)

    def add(self, paths: set[str] | list[str]) -> None:
        """Record files that workers wrote."""
        self.written.update(paths)

    def commit(self, finish: Callable[[Path], None] | None = None) -> None:
        """Run `finish` (such as the search indexer) on the new tree, then swap it in."""
        if finish is not None:
            finish(self.path)
        old = _swap(self.path, self.out)
        self._committed = True
        if old is not None:
            _remove(old, background=len(self.written) > BACKGROUND_REMOVAL)


def write_file(folder: Path, rel: str, data: bytes) -> None:
    target = inside(folder, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def write_atomically(
    out: Path,
    files: Mapping[str, bytes],
    copies: Mapping[str, Path],
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Replace `out` with exactly `files` (bytes) and `copies` (files copied in), or leave it untouched on any
    error: the new tree is written next to `out`, `finish` runs on it, then it is swapped in."""
    with Staging(out) as stage:
        for rel, data in files.items():
            stage.write(rel, data)
        for rel, source in copies.items():
            stage.copy(rel, source)
        stage.commit(finish)


def inside(folder: Path, rel: str) -> Path:
    """`folder/rel`, refusing a path that would leave the folder (`..`, an absolute path)."""
    target = Path(os.path.normpath(folder / rel))
    if not target.is_relative_to(folder) or target == folder:
        raise ValueError(f"output path {rel!r} leaves the output folder")
    return target


BACKGROUND_REMOVAL = 5000  # files: a larger old tree is removed by a detached process, after the build returns


def _swap(staging: Path, out: Path) -> Path | None:
    """Put `staging` in place of `out`; the old tree's new name, if there was one."""
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
    if not out.exists():
        staging.rename(out)
        return None
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    return old


def _remove(old: Path, background: bool) -> None:
    """Delete the replaced tree: deleting tens of thousands of files takes longer than writing them, so a large
    one goes in a detached process (the next build removes whatever such a process left)."""
    if background and shutil.which("rm"):
        subprocess.Popen(["rm", "-rf", str(old)], start_new_session=True)
    else:
        shutil.rmtree(old, ignore_errors=True)
