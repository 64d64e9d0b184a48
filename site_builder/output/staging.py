"""Output: write the whole site into a fresh folder beside the target, and swap it in only when all is written.

The build replaces only a folder it made itself (marked by a stamp file at its top), an empty one or none, and one
build at a time: the folder is locked while a build runs into it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import TracebackType

from site_builder.output import locking
from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.problems.catalogue import output as words
from site_builder.problems.catalogue import places

# At the top of every output: these words, then the paths of the files the build wrote there, one a line, sorted (the
# same bytes for the same files, so that builds stay reproducible). A build replaces a folder only if every file in it
# is listed (a path with a line break in it cannot be listed: such a folder is refused, never deleted).
STAMP = ".site-builder"
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

    def __init__(self, out: Path, root: Path | None = None, sources: Mapping[str, str] | None = None) -> None:
        """`sources`: the folders site.toml names (its key: the folder, relative to root), out of bounds too."""
        self.out = out.resolve()
        if root is not None and (problems := among_configured(self.out, root, sources or {})):
            raise ProblemsFound(problems)
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
        target.unlink(missing_ok=True)  # a new file, never the inode of a linked one (see `write_file`)
        shutil.copyfile(source, target)
        self.written.add(rel)

    def add(self, paths: set[str] | list[str]) -> None:
        """Record files that workers wrote."""
        self.written.update(paths)

    def commit(self, finish: Callable[[Path], None] | None = None) -> None:
        """Run `finish` (such as the search indexer) on the new tree, then swap it in."""
        if finish is not None:
            finish(self.path)
        (self.path / STAMP).write_bytes(stamp_bytes(_files(self.path)))
        if problems := refusals(self.out) or foreign_files(self.out):  # someone put files of their own there meanwhile
            raise ProblemsFound(problems)
        old = _swap(self.path, self.out)
        self._committed = True
        if old is not None:
            _remove(old, background=len(self.written) > BACKGROUND_REMOVAL)


def stamp_bytes(paths: list[str]) -> bytes:
    """The stamp of an output holding these files (paths relative to its top)."""
    return STAMP_BYTES + "".join(f"{path}\n" for path in sorted(paths)).encode()


def _files(folder: Path) -> list[str]:
    """Every file (and link) under `folder` but its stamp, relative to it; folders are not listed. Joined as
    strings: a build lists its output and the one it replaces, tens of thousands of files, and a Path for each cost
    more than the walk itself."""
    top = str(folder)
    found: list[str] = []
    for parent, _, names in os.walk(top):
        rel = parent[len(top) + 1 :].replace(os.sep, "/")
        if rel:
            found += [f"{rel}/{name}" for name in names]
        else:
            found += [name for name in names if name != STAMP]
    return sorted(found)


def foreign_files(out: Path, root: Path | None = None) -> list[Problem]:
    """A problem naming the first file in the stamped folder `out` that its stamp does not list (none: every file
    there is one the build wrote, so it may replace the folder)."""
    stamp = out / STAMP
    if not out.is_dir() or out.is_symlink() or not stamp.is_file() or stamp.is_symlink():
        return []  # an empty folder or none (`refusals` says why any other may not be replaced)
    listed = set(stamp.read_bytes()[len(STAMP_BYTES) :].decode("utf-8", "replace").split("\n"))
    foreign = next((path for path in _files(out) if path not in listed), None)
    if foreign is None:
        return []
    return [places.FILE_NOT_MADE_HERE.at(Location(_shown(out, root)), file=foreign, stamp=STAMP)]


def among_configured(out: Path, root: Path, sources: Mapping[str, str]) -> list[Problem]:
    """A problem if `out` lies in a folder site.toml names (`sources`: its key, the folder relative to root)."""
    root = root.resolve()
    for key, source in sources.items():
        folder = (root / source).resolve()
        if folder != root and out.resolve().is_relative_to(folder):
            shown = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(folder)
            return [places.AMONG_CONFIGURED.at(Location(_shown(out, root)), key=key, source=shown)]
    return []


def made_here(folder: Path) -> bool:
    """Whether `folder` is one the build made (it holds the stamp) or an empty one (`foreign_files` then says
    whether it holds anything else)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    stamp = folder / STAMP
    if stamp.is_file() and not stamp.is_symlink():
        with stamp.open("rb") as handle:
            return handle.read(len(STAMP_BYTES)) == STAMP_BYTES
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
    problems = refusals(out, root) or foreign_files(out, root)
    if problems:
        raise ProblemsFound(problems)
    made = _parents(out, root)
    lock = out.parent / f".{out.name}.lock"
    try:
        try:
            _HELD[out] = _lock(lock, _shown(out, root))
        except OSError as error:  # a folder no file can be made in (/proc)
            raise ProblemsFound([_cannot_make(out, root, error)]) from None
        try:
            yield
        finally:
            _release(lock, _HELD.pop(out))
    finally:
        for folder in reversed(made):  # a build that made nothing leaves no empty folders behind
            with contextlib.suppress(OSError):
                folder.rmdir()


def _parents(out: Path, root: Path | None) -> list[Path]:
    """Make the folders above `out` that do not exist yet, and return them (outermost first); refused with a
    message naming `out` where no folder can be made (under a file, in /proc, without permission)."""
    missing = [folder for folder in reversed(out.parents) if not folder.is_dir()]
    made: list[Path] = []
    try:
        for folder in missing:
            folder.mkdir()
            made.append(folder)
    except OSError as error:
        for folder in reversed(made):
            folder.rmdir()
        raise ProblemsFound([_cannot_make(out, root, error)]) from None
    return made


def _cannot_make(out: Path, root: Path | None, error: OSError) -> Problem:
    shown = Location(_shown(out, root))
    file = next((p for p in reversed(out.parents) if p.exists() and not p.is_dir()), None)
    if file is not None:
        return places.UNDER_A_FILE.at(shown, file=_shown(file, root))
    return places.CANNOT_MAKE_FOLDER.at(shown, detail=error.strerror or type(error).__name__)


def _lock(lock: Path, shown: str) -> int:
    lock.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        if not locking.try_lock(handle):
            os.close(handle)
            raise ProblemsFound([words.BUSY.at(Location(shown))])
        try:
            if os.stat(lock).st_ino == os.fstat(handle).st_ino:
                return handle
        except FileNotFoundError:
            pass
        os.close(handle)  # locked a file its last holder had just removed: take the new one


def _release(lock: Path, handle: int) -> None:
    """Remove the lock file and let it go. Where a file can be removed while open (not Windows), it goes while still
    held, so a build waiting on it sees it gone and takes a new one; on Windows it goes just after, unless another
    build has opened it by then (that build then holds it, and removes it in turn)."""
    try:
        lock.unlink(missing_ok=True)
    except PermissionError:  # Windows: open here, so not removable yet
        locking.unlock(handle)  # Windows frees a closed file's locks only "in time": free it now
        os.close(handle)
        with contextlib.suppress(OSError):
            lock.unlink(missing_ok=True)
        return
    os.close(handle)


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
    """Write `folder/rel` as a new file. A file already there may be a hard link to an earlier build's (the live
    release, on the server): it is unlinked, never opened for writing, so that build keeps its bytes."""
    target = inside(folder, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = target.open("xb")
    except FileExistsError:
        target.unlink()
        handle = target.open("xb")
    with handle:
        handle.write(data)


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
    locking.rename(out, old)  # on Windows, waits out a moment when the preview is sending a page from it
    try:
        locking.rename(staging, out)
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
