"""Output: write the whole site into a fresh folder beside the target, and swap it in only when all is written.

The build replaces only a folder it made itself (marked by a stamp file at its top), an empty one or none, and one
build at a time: the folder is locked while a build runs into it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import TracebackType

from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.problems.catalogue import output as words

STAMP = ".site-builder"  # at the top of every output: the same bytes every build, so that builds stay reproducible
STAMP_BYTES = (
    "此文件夹由 site-builder 生成，下次构建会把它整个替换；请不要在这里放自己的文件。\n"
    "This folder was made by site-builder and the next build replaces it whole: do not keep your own files here.\n"
).encode()
SOURCES = ("content", "datasets", "themes", ".git")  # folders of the project that an output must stay out of


class Staging:
    """A new output tree next to `out` (same file system). Files are written into it — by this process or by
    forked workers, with `write_file` — and `commit` swaps it in with two renames. Leaving the `with` block
    without committing (an error, an interrupt) removes the new tree and leaves `out` as it was.

    `out` is claimed first (see `claimed`): refused with ProblemsFound unless the build may replace it, and locked
    against other builds until the block ends."""

    def __init__(self, out: Path, root: Path | None = None) -> None:
        self.out = out.resolve()
        self._claim = contextlib.ExitStack()
        self._claim.enter_context(claimed(self.out, root))
        try:
            for stale in self.out.parent.glob(f".{self.out.name}-new-*"):  # left by a killed build (SIGKILL)
                if made_here(stale):
                    shutil.rmtree(stale, ignore_errors=True)
            for old in self.out.parent.glob(f".{self.out.name}-old-*"):  # a removal cut short (a reboot)
                if made_here(old):
                    _remove(old, background=True)
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-new-", dir=self.out.parent))
            write_file(self.path, STAMP, STAMP_BYTES)
        except BaseException:
            self._claim.close()
            raise
        self.written: set[str] = set()
        self._committed = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if not self._committed:
                shutil.rmtree(self.path, ignore_errors=True)
        finally:
            self._claim.close()

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
        if (problems := refusals(self.out)) != []:  # someone put a folder of their own there meanwhile
            raise ProblemsFound(problems)
        old = _swap(self.path, self.out)
        self._committed = True
        if old is not None:
            _remove(old, background=len(self.written) > BACKGROUND_REMOVAL)


def made_here(folder: Path) -> bool:
    """Whether `folder` is one the build made (it holds the stamp) or an empty one: all that a build may remove."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    stamp = folder / STAMP
    if stamp.is_file() and not stamp.is_symlink():
        with stamp.open("rb") as handle:
            return handle.read(len(STAMP_BYTES) + 1) == STAMP_BYTES
    return not any(folder.iterdir())


_HELD: dict[Path, int] = {}  # output folder: the lock file this process holds on it (a claim is re-entrant)


@contextlib.contextmanager
def claimed(out: Path, root: Path | None = None) -> Iterator[None]:
    """Hold `out` for one build: refuse it (ProblemsFound, nothing touched) if the build may not replace it — see
    `refusals` — or if another build is running into it; the lock file lies beside `out`, never inside it."""
    out = out.resolve()
    if out in _HELD:
        yield
        return
    problems = refusals(out, root)
    if problems:
        raise ProblemsFound(problems)
    lock = out.parent / f".{out.name}.lock"
    _HELD[out] = _lock(lock, _shown(out, root))
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)  # while still held: a build waiting on this file will see it is gone
        os.close(_HELD.pop(out))


def _lock(lock: Path, shown: str) -> int:
    lock.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise ProblemsFound([words.BUSY.at(Location(shown))]) from None
        try:
            if os.stat(lock).st_ino == os.fstat(handle).st_ino:
                return handle
        except FileNotFoundError:
            pass
        os.close(handle)  # locked a file its last holder had just removed: take the new one


def refusals(out: Path, root: Path | None = None) -> list[Problem]:
    """Why a build may not replace `out` (none: it may). It may replace only a folder it made itself, an empty
    folder or nothing; never the project, a folder that holds it, or a place among its sources."""
    out, shown = out.resolve(), _shown(out, root)
    if root is not None:
        root = root.resolve()
        if root.is_relative_to(out):
            return [words.PROJECT_FOLDER.at(Location(shown))]
        for source in SOURCES:
            if out.is_relative_to(root / source):
                return [words.AMONG_SOURCES.at(Location(shown), source=source)]
    if out.exists() and not out.is_dir():
        return [words.NOT_A_FOLDER.at(Location(shown))]
    if out.is_dir() and not made_here(out):
        return [words.NOT_MADE_HERE.at(Location(shown), stamp=STAMP)]
    return []


def _shown(out: Path, root: Path | None) -> str:
    """The output folder as staff would name it: from the project folder when it lies inside it."""
    out = out.resolve()
    if root is not None and out.is_relative_to(root.resolve()) and out != root.resolve():
        return out.relative_to(root.resolve()).as_posix()
    return str(out)


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
