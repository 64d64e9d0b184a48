"""Data releases: what the server recorded each time a push went live, and what changed from one to the next
(values added, revised old → new with their source, or removed).

A release is a validated, published push: the post-receive step records it once `current` points at it, with a
sequence number, the date, the commit, the descriptor's version and the zip of the data package the strict build
validated. Nothing is read from git history, so every value in a release came from a tree that passed the build.
The record folder is append-only; each file is written to a temporary name, then renamed.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from site_builder.output.atomic import replace_file

SERIES = (("observations", "indicator_id"), ("commitment_progress", "commitment_id"))
GENERATED = ("README.md", "validation-report.json")  # made by the build from the data; not the data itself
SAFE_VERSION = re.compile(r"[0-9A-Za-z._+-]{1,40}")


@dataclass(frozen=True, slots=True)
class Change:
    table: str  # observations or commitment_progress
    subject: str  # the indicator or commitment
    year: int
    old: str | None  # None: added
    new: str | None  # None: removed
    source: str  # the source id of the new value (or of the removed one)


@dataclass(frozen=True, slots=True)
class Recorded:
    """One release as the server recorded it when it went live."""

    number: int
    date: str  # YYYY-MM-DD, the day it went live
    commit: str
    version: str
    archive: bytes  # the validated data package, zipped, byte for byte as the live site served it


@dataclass(frozen=True, slots=True)
class Release:
    number: int
    version: str
    date: str  # YYYY-MM-DD
    changes: tuple[Change, ...]  # since the previous release
    archive: bytes

    def archive_path(self, folder: str, name: str) -> str:
        """Where this release's zip is published: it never moves once published."""
        version = f"-{self.version}" if SAFE_VERSION.fullmatch(self.version) else ""
        return f"{folder}/releases/{self.number}/{name}{version}.zip"


def recorded(folder: Path | None) -> list[Recorded]:
    """The releases recorded in `folder`, oldest first (none without a folder: a local build, the preview, CI).

    A record that cannot be read (a disk error, a hand edit) is left out rather than blocking every later build."""
    if folder is None or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            archive = (folder / str(meta["archive"])).read_bytes()
            number, date, commit, version = (
                int(meta["number"]),
                str(meta["date"]),
                str(meta["commit"]),
                str(meta["version"]),
            )
            found.append(Recorded(number, date, commit, version, archive))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda r: r.number)


def record(folder: Path, date: str, commit: str, archive: bytes) -> Recorded | None:
    """Record `archive` (the data package that just went live) as the next release, unless its data is the same as
    the last recorded release's (a change of text only is not a data release). Returns the new record."""
    folder.mkdir(parents=True, exist_ok=True)
    known = recorded(folder)
    if known and same_data(known[-1].archive, archive):
        return None
    number = known[-1].number + 1 if known else 1
    version = package_version(archive)
    stem = f"{number:06d}-{commit[:12]}"
    replace_file(folder / f"{stem}.zip", archive, durable=True)
    meta = {"number": number, "date": date, "commit": commit, "version": version, "archive": f"{stem}.zip"}
    replace_file(
        folder / f"{stem}.json", (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode(), durable=True
    )
    return Recorded(number, date, commit, version, archive)


def releases(history: list[Recorded], current: bytes, version: str, date: str) -> list[Release]:
    """The recorded releases with what changed in each, plus `current` (this build's data package) as the newest
    when its data differs from the last recorded release: if this build goes live, it is recorded as that one."""
    entries = [(r.number, r.version, r.date, r.archive) for r in history]
    if not history or not same_data(history[-1].archive, current):
        entries.append((history[-1].number + 1 if history else 1, version, date, current))
    found: list[Release] = []
    previous: dict[str, dict[tuple[str, int], tuple[str, str]]] = {}
    for number, release_version, day, archive in entries:
        values = _values(archive)
        changes = tuple(c for table, _ in SERIES for c in _diff(table, previous.get(table, {}), values[table]))
        found.append(Release(number, release_version, day, changes, archive))
        previous = values
    return found


def same_data(a: bytes, b: bytes) -> bool:
    """Whether two data package zips hold the same data (the README and validation report are made from it)."""
    return _data_members(a) == _data_members(b)


def package_version(archive: bytes) -> str:
    descriptor = json.loads(_data_members(archive).get("datapackage.json", b"{}"))
    return str(descriptor.get("version", "")) if isinstance(descriptor, dict) else ""


def _data_members(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as package:
        return {name: package.read(name) for name in package.namelist() if name not in GENERATED}


def _values(archive: bytes) -> dict[str, dict[tuple[str, int], tuple[str, str]]]:
    members = _data_members(archive)
    return {table: _series(members.get(f"{table}.csv", b""), key) for table, key in SERIES}


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
