"""Merging two people's versions of one data CSV row by row, by the table's primary key: rows added on both sides
are all kept, a cell changed on one side takes the change, and only a cell changed differently on both sides (or a
row deleted on one side and changed on the other) is a clash. Unchanged rows keep their bytes, quoting and line
endings; the file keeps the row order of "ours", with the rows only "theirs" added after them, and the byte-order
mark either side has (Excel needs it to read the file as UTF-8).

Git runs it as the merge driver of `datasets/*.csv` (`.gitattributes`; `site-builder merge-csv %O %A %B %P`,
registered in the repository's own `.git/config` by `site-builder publish`)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import staff as words

BOM = "\ufeff"
Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Clash:
    """One cell (or a whole row, `column` None) that both sides changed differently. A value of None: that side
    deleted the row. `row` is the row's number in the merged file (the header is row 1), which keeps ours."""

    key: Key
    column: str | None
    ours: str | None
    theirs: str | None
    row: int


@dataclass(frozen=True, slots=True)
class Merged:
    """The merged file's text; its clashes; `by_lines`: merged line by line (with git's conflict marks, if any),
    as the rows could not be matched by key (no primary key, different columns, a key twice in one version)."""

    text: str
    clashes: tuple[Clash, ...] = ()
    by_lines: bool = False

    @property
    def clean(self) -> bool:
        return not self.clashes and not (self.by_lines and "\n<<<<<<< " in f"\n{self.text}")


@dataclass(frozen=True, slots=True)
class _Table:
    header: list[str]
    rows: dict[Key, tuple[str, list[str]]]  # key: (the record's text, its cells)
    newline: str


def primary_key(path: str, top: Path) -> tuple[str, ...]:
    """The primary key of the data package resource at `path` (relative to `top`), from the nearest
    `datapackage.json` above it; () when none is declared."""
    target = (top / path).resolve()
    for folder in target.parents:
        descriptor = folder / "datapackage.json"
        if descriptor.is_file():
            try:
                resources = json.loads(descriptor.read_text(encoding="utf-8-sig")).get("resources", [])
            except (OSError, ValueError, AttributeError):
                return ()
            for resource in resources:
                if isinstance(resource, dict) and (folder / str(resource.get("path", ""))).resolve() == target:
                    schema = resource.get("schema")
                    key = schema.get("primaryKey", []) if isinstance(schema, dict) else []
                    return (key,) if isinstance(key, str) else tuple(str(k) for k in key)
            return ()
        if folder == top.resolve():
            break
    return ()


def merge(base: str, ours: str, theirs: str, key: Sequence[str]) -> Merged:
    """Merge `ours` and `theirs`, both descended from `base`, by the columns `key`."""
    tables = [_table(text, key) for text in (base or _header_only(ours), ours, theirs)]
    b, o, t = tables
    if not key or b is None or o is None or t is None or o.header != t.header:
        return Merged(_by_lines(base, ours, theirs), by_lines=True)
    b = _in_columns(b, o.header)
    out: list[str] = []
    clashes: list[Clash] = []
    order = list(o.rows) + [k for k in t.rows if k not in o.rows and k not in b.rows]
    for k in order:
        record, found = _merge_row(k, b.rows.get(k), o.rows.get(k), t.rows.get(k), o.header, o.newline)
        row = len(out) + 2
        clashes.extend(Clash(c.key, c.column, c.ours, c.theirs, row) for c in found)
        if record is not None:
            out.append(record)
    for k in [k for k in b.rows if k not in o.rows]:  # deleted by ours: a clash if theirs changed it
        if k in t.rows and t.rows[k][1] != b.rows[k][1]:
            clashes.append(Clash(k, None, None, _joined(t.rows[k][1]), len(out) + 2))
            out.append(t.rows[k][0])
    header = _record_text(o.header, o.newline)
    bom = BOM if ours.startswith(BOM) or theirs.startswith(BOM) else ""  # the mark that makes Excel read UTF-8
    return Merged(bom + _joined_records([header, *out], o.newline, ours), tuple(clashes))


def _merge_row(
    k: Key,
    base: tuple[str, list[str]] | None,
    ours: tuple[str, list[str]] | None,
    theirs: tuple[str, list[str]] | None,
    header: list[str],
    newline: str,
) -> tuple[str | None, list[Clash]]:
    """One row's merged record (None: deleted) and its clashes."""
    if ours is None:  # only theirs has it: added there (a row ours deleted is handled by the caller)
        return (theirs[0] if theirs else None), []
    if theirs is None:
        if base is None or base[1] == ours[1]:
            return (None if base else ours[0]), []
        return ours[0], [Clash(k, None, _joined(ours[1]), None, 0)]
    if theirs[1] == ours[1] or (base is not None and theirs[1] == base[1]):
        return ours[0], []
    if base is not None and ours[1] == base[1]:
        return theirs[0], []
    was = base[1] if base is not None else [None] * len(header)
    cells, clashes = [], []
    for column, b, o, t in zip(header, was, ours[1], theirs[1], strict=False):
        cells.append(t if o == b else o)
        if o != t and o != b and t != b:
            clashes.append(Clash(k, column, o, t, 0))
    return _record_text(cells, newline), clashes


def _table(text: str, key: Sequence[str]) -> _Table | None:
    """The rows of a CSV by key, or None when they cannot be matched by it (a key column missing, a key twice)."""
    records = _records(text.removeprefix(BOM))
    if not records:
        return None
    header = _cells(records[0])
    if any(column not in header for column in key):
        return None
    where = [header.index(column) for column in key]
    rows: dict[Key, tuple[str, list[str]]] = {}
    for record in records[1:]:
        cells = _cells(record)
        if not cells:
            continue  # a blank line holds no data
        if len(cells) != len(header):
            return None
        k = tuple(cells[i] if i < len(cells) else "" for i in where)
        if k in rows:
            return None
        rows[k] = (record, cells)
    first = records[0]
    newline = "\r\n" if first.endswith("\r\n") else "\r" if first.endswith("\r") else "\n"
    return _Table(header, rows, newline)


def _in_columns(table: _Table, header: list[str]) -> _Table:
    """`table` (the common ancestor) with its cells in the columns of `header`, where both sides added columns."""
    if table.header == header:
        return table
    rows = {}
    for k, (record, cells) in table.rows.items():
        named = dict(zip(table.header, cells, strict=True))
        rows[k] = (record, [named.get(column, "") for column in header])
    return _Table(header, rows, table.newline)


def _records(text: str) -> list[str]:
    """The file's records with their own line endings; a quoted cell may hold line breaks."""
    records, pending = [], ""
    for line in io.StringIO(text, newline=""):
        pending += line
        if pending.count('"') % 2 == 0:
            records.append(pending)
            pending = ""
    if pending:
        records.append(pending)
    return records


def _cells(record: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(record, newline="")))
    return rows[0] if rows else []


def _record_text(cells: Sequence[str | None], newline: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow(["" if c is None else c for c in cells])
    return buffer.getvalue()


def _joined(cells: Sequence[str]) -> str:
    return _record_text(cells, "").strip()


def _joined_records(records: list[str], newline: str, ours: str) -> str:
    """The records one after another, each ending a line, the last one as ours ended."""
    text = "".join(r if r.endswith(("\n", "\r")) else r + newline for r in records)
    return text if ours.endswith(("\n", "\r")) or not ours else text.removesuffix(newline)


def _header_only(text: str) -> str:
    records = _records(text.removeprefix(BOM))
    return records[0] if records else ""


def _by_lines(base: str, ours: str, theirs: str) -> str:
    """Git's own line-by-line merge (`git merge-file`), with conflict marks where both changed the same lines."""
    with tempfile.TemporaryDirectory(prefix="site-builder-merge-") as folder:
        paths = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_bytes(text.encode("utf-8", "surrogateescape"))
            paths.append(str(path))
        done = subprocess.run(
            ["git", "merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", *paths], capture_output=True
        )
        return done.stdout.decode("utf-8", "surrogateescape")


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "surrogateescape")


def write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogateescape"))


def driver(base: Path, ours: Path, theirs: Path, path: str, top: Path) -> tuple[bool, list[Problem]]:
    """Git's merge driver: merge the three versions into `ours` (where git reads the result); whether it is clean,
    and what to tell whoever runs the merge (each clash; a file merged line by line)."""
    merged = merge(read(base), read(ours), read(theirs), primary_key(path, top))
    write(ours, merged.text)
    problems = [words.MERGE_BY_LINES.at(Location(path))] if merged.by_lines else []
    for clash in merged.clashes:
        kept = clash.ours if clash.ours is not None else clash.theirs
        problems.append(
            words.MERGE_CLASH.at(
                Location(path, row=clash.row, column=clash.column),
                key=", ".join(clash.key),
                ours=_or_deleted(clash.ours),
                theirs=_or_deleted(clash.theirs),
                kept=_or_deleted(kept),
            )
        )
    return merged.clean, problems


def _or_deleted(value: str | None) -> object:
    return words.DELETED_ROW.said() if value is None else value
