"""What a paused rebase's conflicted file holds: for a data CSV, each cell (or row) that the staff member and a
colleague changed differently, found again from the three versions git keeps; for any other file, its marks."""

from __future__ import annotations

from pathlib import Path

from site_builder.deploy import csvmerge, git
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import staff as words

# In a rebase, git's "ours" (stage 2) is what the server published and "theirs" (stage 3) the commit being replayed:
# the staff member's own.
BASE, PUBLISHED, YOURS = 1, 2, 3


def clash_problems(root: Path, path: str) -> list[Problem]:
    """One problem per clash in the conflicted file `path` (relative to the repository's top); where git marked
    the conflict in the file (any file but a data CSV with its merge driver), one problem at the first mark."""
    marked = marks(root / path, path)
    if marked is not None or not path.endswith(".csv"):
        return [words.CLASH_LINES.at(marked or Location(path))]
    base, published, yours = (_stage(root, n, path) for n in (BASE, PUBLISHED, YOURS))
    merged = csvmerge.merge(base, published, yours, csvmerge.primary_key(path, root))
    if merged.by_lines or not merged.clashes:
        return [words.CLASH_LINES.at(Location(path))]
    return [_problem(path, clash) for clash in merged.clashes]


def _problem(path: str, clash: csvmerge.Clash) -> Problem:
    key = ", ".join(clash.key)
    if clash.ours is None:  # the published side deleted the row
        return words.CLASH_THEY_DELETED.at(Location(path, row=clash.row), key=key)
    if clash.theirs is None:
        return words.CLASH_YOU_DELETED.at(Location(path, row=clash.row), key=key)
    where = Location(path, row=clash.row, column=clash.column)
    return words.CLASH_CELL.at(where, key=key, published=clash.ours, yours=clash.theirs)


def marks(path: Path, shown: str) -> Location | None:
    """Where the first conflict mark git left in the file is, if any."""
    if not path.is_file():
        return None
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith(("<<<<<<< ", ">>>>>>> ")) or line == "=======":
            return Location(shown, row=number)
    return None


def _stage(root: Path, number: int, path: str) -> str:
    """The file as it is in one of the three versions a conflict keeps ("" where it did not exist)."""
    done = git.run(root, "show", f":{number}:{path}", check=False)
    return done.stdout if done.returncode == 0 else ""
