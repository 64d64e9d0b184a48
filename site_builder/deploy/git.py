"""Git for staff commands: every call without an editor, a pager, colours or quoted file names, settings passed per
call (`-c`) so the staff member's own git configuration is never changed, and what `git status` says of a file."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from site_builder.inputs.strays import is_litter
from site_builder.problems.catalogue import staff as words
from site_builder.problems.message import Said

PUBLISHED = ("content", "datasets")  # what staff edit, and all that publish ever commits
DRIVER = "site-builder-csv"
SETTINGS = (
    "core.editor=true",
    "core.pager=cat",
    "sequence.editor=true",
    "core.quotepath=false",
    "color.ui=false",
    "rebase.autoStash=true",  # a changed site.toml (which publish leaves alone) does not stop the pull
    "merge.conflictStyle=merge",
    "advice.skippedCherryPicks=false",
)
UNMERGED = ("DD", "AU", "UD", "UA", "DU", "AA", "UU")  # `git status --porcelain`'s codes of a conflicted file
ENVIRONMENT = {"GIT_EDITOR": "true", "GIT_SEQUENCE_EDITOR": "true", "GIT_PAGER": "cat", "GIT_MERGE_AUTOEDIT": "no"}


class GitFailed(Exception):
    """A git command that should not fail did: what it was and what git said, for IT."""

    def __init__(self, said: Said) -> None:
        self.said = said
        super().__init__(said.line())


@dataclass(frozen=True, slots=True)
class Change:
    """A file under content/ or datasets/ that differs from the last commit: `new` when git does not track it."""

    path: str
    new: bool
    deleted: bool = False
    unmerged: bool = False  # a conflict git left (a pull's autostash, a stash popped) that nobody settled yet


def command(root: Path, *args: str) -> list[str]:
    options = [part for setting in SETTINGS for part in ("-c", setting)]
    return ["git", *options, "-C", str(root), *args]


def environment() -> dict[str, str]:
    return os.environ | ENVIRONMENT


def run(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`git args` in `root`; raises GitFailed (with git's words) when `check` and git fails."""
    done = subprocess.run(
        command(root, *args),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment(),
        stdin=subprocess.DEVNULL,
    )
    if check and done.returncode != 0:
        raise GitFailed(words.GIT_FAILED.said(command=" ".join(args[:2]), said=said(done)))
    return done


def said(done: subprocess.CompletedProcess[str]) -> str:
    """What git printed, on one line."""
    return " ".join((done.stderr or done.stdout).split()) or f"exit code {done.returncode}"


def top(root: Path) -> Path | None:
    """The top folder of the git repository that holds `root`, or None outside one."""
    done = run(root, "rev-parse", "--show-toplevel", check=False) if root.is_dir() else None
    return Path(done.stdout.strip()) if done is not None and done.returncode == 0 else None


def changes(root: Path, inside: tuple[str, ...] = PUBLISHED) -> list[Change]:
    """Files under `inside` (all files when empty) that are untracked or differ from the last commit, in the index
    or the working tree; ignored files are not listed."""
    done = run(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *inside)
    entries = done.stdout.split("\0")
    found, skip = [], False
    for entry in entries:
        if skip or len(entry) < 4:
            skip = False
            continue
        status, path = entry[:2], entry[3:]
        skip = "R" in status or "C" in status  # a rename is followed by its old name
        if not is_litter(path):  # an office program's or a Mac's file, where .gitignore does not list it yet
            found.append(Change(path, status == "??", status.strip() == "D", status in UNMERGED))
    return found


def under(path: str, folders: tuple[str, ...] = PUBLISHED) -> bool:
    return PurePosixPath(path).parts[:1] in {(f,) for f in folders}


def git_dir_path(root: Path, name: str) -> Path:
    """A path inside the repository's .git folder (`rebase-merge`, `MERGE_HEAD`)."""
    done = run(root, "rev-parse", "--git-path", name)
    path = Path(done.stdout.strip())
    return path if path.is_absolute() else root / path


def install_merge_driver(root: Path) -> None:
    """Register the data files' merge driver (`.gitattributes` names it) in this repository's own .git/config, so
    that a plain `git pull` merges them by row too; the command is this Python's, wherever it is installed."""
    python = Path(sys.executable).as_posix()
    driver = f"'{python}' -m site_builder merge-csv %O %A %B %P"
    for key, value in (
        (f"merge.{DRIVER}.name", "site-builder: data rows by primary key"),
        (f"merge.{DRIVER}.driver", driver),
    ):
        if run(root, "config", "--local", "--get", key, check=False).stdout.strip() != value:
            run(root, "config", "--local", key, value)
