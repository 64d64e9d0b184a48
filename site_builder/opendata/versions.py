"""Data releases: what the server recorded each time a push went live, and what changed from one to the next
(values added, revised old → new with their source, or removed).

A release is a validated, published push whose data differs from the release before: the post-receive step
records it once `current` points at it, with a sequence number, the date, the commit and the zip of the data
package the strict build validated. Its number is the data version: staff never write one. The build gives the
data it publishes that number (the last one when the data is unchanged, the next one when it changed), so the
package's descriptor, citations and pages carry the number the record then holds; without a record (a local
build, the preview, CI) the data is the next release, not yet published. Nothing is read from git history, so
every value in a release came from a tree that passed the build. The record folder is append-only; each file is
written to a temporary name, then renamed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from site_builder.output.atomic import replace_file

SERIES = (("observations", "indicator_id"), ("commitment_progress", "commitment_id"))
# An indicator's own rows (table, the column naming it), and the rows they refer to (column, table, its key): what
# one indicator's files show of a release's data, besides what every indicator shares (the descriptor, the SQL).
OWN_ROWS = (
    ("indicators", "id"),
    ("observations", "indicator_id"),
    ("excluded_observations", "indicator_id"),
    ("indicator_sections", "indicator_id"),
)
REFERRED = (("category_id", "categories", "id"), ("chapter_id", "chapters", "id"), ("source_id", "sources", "id"))
GENERATED = ("README.md", "validation-report.json")  # made by the build from the data; not the data itself
SAFE_VERSION = re.compile(r"[0-9A-Za-z._+-]{1,40}")
ASSIGNED = ("version", "created")  # the descriptor's keys the server fills in when the data goes live


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
class Stamp:
    """The data version a build publishes: the release number and day the server gives it, or none yet."""

    number: int | None  # None: not yet published (a local build, the preview, CI)
    date: str  # YYYY-MM-DD, the day that release went live (or goes live with this push); "" when not yet

    @property
    def version(self) -> str:
        return str(self.number) if self.number is not None else ""

    @property
    def created(self) -> str:
        """The descriptor's "created" (RFC 3339, as Frictionless writes it): the day the release went live."""
        return f"{self.date}T00:00:00Z" if self.date else ""


@dataclass(frozen=True, slots=True)
class Release:
    number: int | None  # None: this build's data, not yet published (no record to number it)
    version: str
    date: str  # YYYY-MM-DD; "" when not yet published
    changes: tuple[Change, ...]  # since the previous release
    archive: bytes

    def archive_path(self, folder: str, name: str) -> str:
        """Where this release's zip is published: it never moves once published. An unpublished release is the
        package itself."""
        if self.number is None:
            return f"{folder}/{name}.zip"
        return release_archive(folder, name, self.number, self.version)


def release_archive(folder: str, name: str, number: int, version: str) -> str:
    """Where the zip of published release `number` lies: it never moves once published."""
    suffix = f"-{version}" if SAFE_VERSION.fullmatch(version) else ""
    return f"{folder}/releases/{number}/{name}{suffix}.zip"


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


def stamp(folder: Path | None, data: dict[str, bytes], today: str) -> Stamp:
    """The data version of a build whose package holds `data` (its members, as `package_zip` writes them): the last
    recorded release when its data is the same (a change of text only is not a data release), else the next
    number, dated `today`, the day it goes live if the push is accepted. Without a record folder: not yet published."""
    if folder is None:
        return Stamp(None, "")
    known = recorded(folder)
    if known and _comparable(_data_members(known[-1].archive)) == _comparable(data):
        return Stamp(known[-1].number, known[-1].date)
    return Stamp(known[-1].number + 1 if known else 1, today)


def record(folder: Path, date: str, commit: str, archive: bytes) -> Recorded | None:
    """Record `archive` (the data package that just went live) as the next release, unless its data is the same as
    the last recorded release's (a change of text only is not a data release). Returns the new record, dated by
    the package itself (the number and day the build gave it, see `stamp`) where it says, else `date`."""
    folder.mkdir(parents=True, exist_ok=True)
    known = recorded(folder)
    if known and same_data(known[-1].archive, archive):
        return None
    number = known[-1].number + 1 if known else 1
    version = package_version(archive) or str(number)
    date = package_created(archive)[:10] or date
    stem = f"{number:06d}-{commit[:12]}"
    replace_file(folder / f"{stem}.zip", archive, durable=True)
    meta = {"number": number, "date": date, "commit": commit, "version": version, "archive": f"{stem}.zip"}
    replace_file(
        folder / f"{stem}.json", (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode(), durable=True
    )
    return Recorded(number, date, commit, version, archive)


def releases(history: list[Recorded], current: bytes, version: Stamp) -> list[Release]:
    """The recorded releases with what changed in each, plus `current` (this build's data package, stamped
    `version`) as the newest when its data differs from the last recorded release: if this build goes live, it
    is recorded as that one. Without a record it stands alone, not yet published."""
    entries: list[tuple[int | None, str, str, bytes]] = [(r.number, r.version, r.date, r.archive) for r in history]
    if not history or not same_data(history[-1].archive, current):
        entries.append((version.number, version.version, version.date, current))
    found: list[Release] = []
    previous: dict[str, dict[tuple[str, int], tuple[str, str]]] = {}
    for number, release_version, day, archive in entries:
        values = _values(archive)
        changes = tuple(c for table, _ in SERIES for c in _diff(table, previous.get(table, {}), values[table]))
        found.append(Release(number, release_version, day, changes, archive))
        previous = values
    return found


def indicator_releases(
    history: list[Recorded], current: dict[str, bytes], version: Stamp, kept: Path | None = None
) -> dict[str, Stamp]:
    """For each indicator of `current` (this build's data, as `stamp` takes it, stamped `version`): the release in which it last
    changed, its number and day, so that its own files cite a version that stays the same as long as what they
    show of the data does. An indicator changed when any of its rows (its row of indicators.csv, its observations,
    excluded values and sections), a row they refer to (its category, chapter, sources) or what every indicator
    shares (the descriptor, less the release's stamp, and the progress SQL) differs from the release before.
    `current` counts as the newest release, as in `releases`; without a record every indicator is the next
    release, not yet published. `kept`: where each recorded release's hashes are kept, by its archive's hash (a
    record never changes), so that a build reads each release once."""
    entries = [(Stamp(r.number, r.date), _recorded_digests(r.archive, kept)) for r in history]
    if not history or _comparable(_data_members(history[-1].archive)) != _comparable(current):
        entries.append((version, _indicator_digests(current)))
    since: dict[str, Stamp] = {}
    before: dict[str, str] = {}
    for stamp_of, digests in entries:
        for indicator, digest in digests.items():
            if before.get(indicator) != digest:
                since[indicator] = stamp_of
        before = digests
    return {indicator: since[indicator] for indicator in before}


def _recorded_digests(archive: bytes, kept: Path | None) -> dict[str, str]:
    """`_indicator_digests` of a recorded release, from `kept` when a build has read it before."""
    path = kept / f"{hashlib.sha256(archive).hexdigest()}.json" if kept else None
    try:
        if path is not None:
            found = json.loads(path.read_bytes())
            if isinstance(found, dict):
                return {str(k): str(v) for k, v in found.items()}
    except (OSError, ValueError):
        pass
    digests = _indicator_digests(_data_members(archive))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, json.dumps(digests, sort_keys=True).encode())
    return digests


def _indicator_digests(members: dict[str, bytes]) -> dict[str, str]:
    """The hash of what a release's data (`members`) holds of each indicator (see `indicator_releases`)."""
    shared = _comparable(members).get("datapackage.json", b"") + b"".join(
        name.encode() + b"\0" + data for name, data in sorted(members.items()) if name.endswith(".sql")
    )
    tables = {name: _table(members.get(f"{name}.csv", b"")) for name, _ in OWN_ROWS}
    referred = {
        table: {row.get(key, ""): row for row in _table(members.get(f"{table}.csv", b""))} for _, table, key in REFERRED
    }
    own: dict[str, list[tuple[str, dict[str, str]]]] = {row.get("id", ""): [] for row in tables["indicators"]}
    for name, column in OWN_ROWS:
        for row in tables[name]:
            if row.get(column) in own:
                own[row[column]].append((name, row))
    digests = {}
    for indicator, rows in own.items():
        found = [(name, row) for name, row in rows]
        for column, table, _ in REFERRED:
            keys = {row[column] for _, row in rows if row.get(column)}
            found += [(table, referred[table].get(key) or {column: key}) for key in keys]
        lines = sorted(json.dumps(part, ensure_ascii=False, sort_keys=True) for part in found)  # row order aside
        digests[indicator] = hashlib.sha256(shared + "\n".join(lines).encode()).hexdigest()
    return digests


def _table(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")))) if data else []


def same_data(a: bytes, b: bytes) -> bool:
    """Whether two data package zips hold the same data (the README and validation report are made from it, and
    the descriptor's version and date are the release's, not the data's)."""
    return _comparable(_data_members(a)) == _comparable(_data_members(b))


def package_version(archive: bytes) -> str:
    return str(_descriptor(archive).get("version", ""))


def package_created(archive: bytes) -> str:
    return str(_descriptor(archive).get("created", ""))


def _descriptor(archive: bytes) -> dict[str, object]:
    descriptor = json.loads(_data_members(archive).get("datapackage.json", b"{}"))
    return descriptor if isinstance(descriptor, dict) else {}


def _comparable(members: dict[str, bytes]) -> dict[str, bytes]:
    """The data members with the descriptor read as JSON, less the keys the release fills in (an older record's
    hand-written version too), so that neither the layout of the descriptor nor its stamp counts as a change; and
    each table as the values it holds, so that a spreadsheet saving it again (`66.0` as `66`, `true` as `TRUE`,
    every cell quoted, a byte-order mark) is not a new release of the same data."""
    try:
        descriptor = json.loads(members.get("datapackage.json", b"{}"))
    except ValueError:
        return members
    if isinstance(descriptor, dict):
        descriptor = {k: v for k, v in descriptor.items() if k not in ASSIGNED}
    tables = {
        name: _typed_rows(members[name], fields) for name, fields in _fields(descriptor).items() if name in members
    }
    return members | tables | {"datapackage.json": json.dumps(descriptor, sort_keys=True, ensure_ascii=False).encode()}


def _fields(descriptor: object) -> dict[str, list[str]]:
    """Each table's member name and its columns' types, as the descriptor gives them."""
    found: dict[str, list[str]] = {}
    resources = descriptor.get("resources", []) if isinstance(descriptor, dict) else []
    for resource in resources if isinstance(resources, list) else []:
        if isinstance(resource, dict) and isinstance(resource.get("path"), str):
            schema = resource.get("schema", {})
            fields = schema.get("fields", []) if isinstance(schema, dict) else []
            found[resource["path"]] = [str(f.get("type", "string")) for f in fields if isinstance(f, dict)]
    return found


_TRUE, _FALSE = ("true", "True", "TRUE", "1"), ("false", "False", "FALSE", "0")  # Table Schema's defaults


def _typed_rows(data: bytes, types: list[str]) -> bytes:
    """A table as its values: numbers as numbers, booleans as true or false, the rest as written."""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return data
    return json.dumps([[_value(c, t) for c, t in zip(r, types, strict=False)] for r in rows[1:]] + rows[:1]).encode()


def _value(cell: str, kind: str) -> object:
    if kind in ("number", "integer"):
        try:
            return float(cell)
        except ValueError:
            return cell
    if kind == "boolean":
        return True if cell in _TRUE else False if cell in _FALSE else cell
    return cell


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
