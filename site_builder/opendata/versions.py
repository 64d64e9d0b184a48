"""Releases: every published version of the data, read from the repository's git history, and what changed
between one release and the next (values added, revised old → new with their source, or removed).

A release is the data as it stood in the first commit that carries a new "version" in datapackage.json; its
zip is made from that commit's files, so it never changes once published.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from site_builder.opendata import zips

SERIES = (("observations", "indicator_id"), ("commitment_progress", "commitment_id"))


@dataclass(frozen=True, slots=True)
class Change:
    table: str  # observations or commitment_progress
    subject: str  # the indicator or commitment
    year: int
    old: str | None  # None: added
    new: str | None  # None: removed
    source: str  # the source id of the new value (or of the removed one)


@dataclass(frozen=True, slots=True)
class Release:
    version: str
    date: str  # YYYY-MM-DD, the commit's date
    commit: str
    changes: tuple[Change, ...]  # since the previous release
    archive: bytes  # the data package of this release, zipped

    @property
    def folder(self) -> str:
        return f"{self.date}-v{self.version}"


def releases(root: Path, descriptor: str, name: str, revision: str = "HEAD") -> list[Release]:
    """All releases up to `revision`, oldest first; none when the project is not a git repository."""
    folder = str(Path(descriptor).parent)
    log = _git(root, "log", "--reverse", "--format=%H %cs", revision, "--", folder)
    if log is None:
        return []
    found: list[Release] = []
    previous: dict[str, dict[tuple[str, int], tuple[str, str]]] = {}
    seen: set[str] = set()
    for line in log.splitlines():
        commit, date = line.split()
        files = _files_at(root, commit, folder)
        meta = json.loads(files.get("datapackage.json", b"{}") or b"{}")
        version = str(meta.get("version", ""))
        if not version or version in seen:
            continue
        seen.add(version)
        values = {table: _series(files.get(f"{table}.csv", b""), key) for table, key in SERIES}
        changes = tuple(c for table, _ in SERIES for c in _diff(table, previous.get(table, {}), values[table]))
        found.append(Release(version, date, commit, changes, zips.make(files)))
        previous = values
    return found


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.decode("utf-8")


def _files_at(root: Path, commit: str, folder: str) -> dict[str, bytes]:
    listing = _git(root, "ls-tree", "-r", "--name-only", commit, "--", folder) or ""
    files = {}
    for path in listing.splitlines():
        shown = subprocess.run(["git", "-C", str(root), "show", f"{commit}:{path}"], capture_output=True, check=True)
        files[Path(path).relative_to(folder).as_posix()] = shown.stdout
    return files


def _series(data: bytes, key: str) -> dict[tuple[str, int], tuple[str, str]]:
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig"))) if data else []
    return {(r[key], int(r["year"])): (r["value"], r["source_id"]) for r in rows}


def _diff(
    table: str, old: dict[tuple[str, int], tuple[str, str]], new: dict[tuple[str, int], tuple[str, str]]
) -> list[Change]:
    changes = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before is not None and after is not None and float(before[0]) == float(after[0]):
            continue
        source = (after or before or ("", ""))[1]
        changes.append(
            Change(table, key[0], key[1], before[0] if before else None, after[0] if after else None, source)
        )
    return changes
