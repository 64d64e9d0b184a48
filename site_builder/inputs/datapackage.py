"""Datasets: validate the Frictionless data package and report every problem at once, per file, row and column."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frictionless import Dialect, Package
from frictionless.formats import CsvControl

from site_builder.inputs import cells, strays
from site_builder.inputs.cells import Cells
from site_builder.inputs.characters import character_name
from site_builder.inputs.descriptor import descriptor_problems
from site_builder.inputs.frictionless_messages import frictionless_problem
from site_builder.inputs.garbled import garbled_heading
from site_builder.inputs.structured import read_json
from site_builder.inputs.textfiles import check_utf8, readable_encoding
from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.problems.catalogue import cells as cell_words
from site_builder.problems.catalogue import files, package
from site_builder.problems.catalogue import garbled as garbled_words
from site_builder.problems.message import joined


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str


@dataclass(frozen=True, slots=True)
class Table:
    """One validated CSV resource: where it is and the types of its columns."""

    name: str
    path: Path
    shown_as: str
    fields: tuple[Field, ...]
    cells: Cells  # every cell as read and typed once: what the warehouse loads
    title: str = ""
    description: str = ""
    translated: tuple[tuple[str, str], ...] = ()  # the resource's "title_<language>" and "description_<language>"
    may_be_empty: bool = False  # the descriptor's "mayBeEmpty": a table with no rows yet is no mistake

    def title_in(self, lang: str) -> str:
        return in_language(self.translated, "title", lang) or self.title

    def description_in(self, lang: str) -> str:
        return in_language(self.translated, "description", lang) or self.description


@dataclass(frozen=True, slots=True)
class ValidatedPackage:
    """A data package that passed validation; nothing downstream reads an unvalidated file."""

    descriptor: Path
    name: str
    title: str
    translated: tuple[tuple[str, str], ...]  # the descriptor's "title_<language>"
    tables: tuple[Table, ...]
    report: str  # the Frictionless validation report as JSON, without timings (two builds give the same bytes)
    warnings: tuple[Problem, ...] = ()  # files beside the tables that are not part of the package
    # The data version (release number) and the day it went live, as RFC 3339: the server gives them when a push
    # goes live (opendata.publication.stamped); "" until then. Never written by hand (see `_hand_written`).
    version: str = ""
    created: str = ""

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)

    def title_in(self, lang: str) -> str:
        return in_language(self.translated, "title", lang) or self.title


def in_language(translated: tuple[tuple[str, str], ...], key: str, lang: str) -> str:
    """A descriptor's `<key>_<lang>` ("title_zh"); "" when it has none (its plain `key`, as Frictionless defines
    it, is then the text in every language)."""
    return dict(translated).get(f"{key}_{lang}", "")


def _translated(properties: dict[str, Any], *keys: str) -> tuple[tuple[str, str], ...]:
    """Every `<key>_<language>` property of a descriptor or resource, as written."""
    return tuple(
        (name, str(value)) for name, value in properties.items() if name.startswith(tuple(f"{k}_" for k in keys))
    )


def validate_package(root: Path, descriptor_rel: str) -> ValidatedPackage:
    """Validate the package at root/descriptor_rel; raise ProblemsFound with every problem in every file."""
    descriptor_path = root / descriptor_rel
    descriptor = _read_descriptor(descriptor_path, descriptor_rel)
    structural = descriptor_problems(descriptor, descriptor_rel)
    if structural:
        raise ProblemsFound(structural)  # before Frictionless reads it: it would fetch a remote reference
    base = descriptor_path.parent
    inspected = {r.get("name"): _inspect(root, base, r) for r in descriptor["resources"]}
    file_problems = [p for problems, _ in inspected.values() for p in problems]
    encodings = {name: encoding for name, (_, encoding) in inspected.items()}
    if None in encodings.values():
        raise ProblemsFound(file_problems + _saved_as_other_type(root, base, descriptor["resources"]))
    package = Package(descriptor, basepath=str(base))
    for resource in package.resources:
        # Read as the whole file decodes, never as detection guesses from its first rows (TOOLING.md §7). A GBK
        # file is still refused (file_problems), but its rows are checked too, so every problem shows at once.
        resource.encoding = encodings[resource.name]
        resource.dialect = Dialect(controls=[CsvControl(delimiter=",")])  # never guessed from the first rows
    report = package.validate()
    shown = {r["name"]: _shown(root, base / r["path"]) for r in descriptor["resources"]}
    keys = {r["name"]: _primary_key(r) for r in descriptor["resources"]}
    # A blank row (Excel often saves a few at the end) is one problem, not also an empty and duplicate key.
    blank = {(t.name, e.row_number) for t in report.tasks for e in t.errors if e.type == "blank-row"}
    problems = [
        frictionless_problem(error.to_descriptor(), shown.get(task.name, descriptor_rel), shown, keys.get(task.name))
        for task in report.tasks
        for error in task.errors
        if error.type == "blank-row" or (task.name, getattr(error, "row_number", None)) not in blank
    ]
    problems += [frictionless_problem(e.to_descriptor(), descriptor_rel, shown, None) for e in report.errors]
    read = {r["name"]: _cells(root, base, r) for r in descriptor["resources"] if encodings[r["name"]] == "utf-8"}
    opened = {p.location.file: p.location.row or 0 for _, found in read.values() for p in found if p.code == _QUOTE}
    problems = [p for p in problems if (p.location.row or 0) < opened.get(p.location.file, (p.location.row or 0) + 1)]
    said = {
        (p.location.file, p.location.row, p.location.column)
        for _, f in read.values()
        for p in f
        if p.code in _SAYS_MORE
    }
    problems = [p for p in problems if (p.location.file, p.location.row, p.location.column) not in said]
    located = {(p.location.file, p.location.row, p.location.column) for p in problems}
    problems += [
        p
        for _, found in read.values()
        for p in found
        if (p.location.file, p.location.row, p.location.column) not in located
    ]
    problems = _hand_written(descriptor_path, descriptor_rel, descriptor) + file_problems + problems
    problems += _saved_as_other_type(root, base, descriptor["resources"])
    if problems:
        raise ProblemsFound(problems)
    return ValidatedPackage(
        descriptor=descriptor_path,
        name=str(descriptor.get("name", "")),
        title=str(descriptor.get("title", "")),
        translated=_translated(descriptor, "title"),
        tables=tuple(_table(root, base, r, read[r["name"]][0]) for r in descriptor["resources"]),
        report=json.dumps(_without_timings(report.to_descriptor()), ensure_ascii=False, indent=2, sort_keys=True),
        warnings=tuple(_unlisted(root, base, descriptor["resources"])),
    )


def _hand_written(path: Path, shown_as: str, descriptor: dict[str, Any]) -> list[Problem]:
    """A data version or date typed into the descriptor: the server numbers and dates each release when it goes
    live, so a hand-written one would be overwritten, or re-used or lowered without a word."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [
        package.HAND_WRITTEN_VERSION.at(
            Location(shown_as, row=_line_of(lines, key), key=key), key=key, value=json.dumps(descriptor[key])
        )
        for key in ("version", "created")
        if key in descriptor
    ]


def _line_of(lines: list[str], key: str) -> int | None:
    """The line of the top-level `key` (indented once, as a descriptor is written), for the message."""
    quoted = json.dumps(key)
    found = [n for n, line in enumerate(lines, 1) if line.lstrip().startswith(quoted + ":")]
    return found[0] if found else None


_TABLE_LIKE = (".csv", ".tsv", ".xlsx", ".xls", ".et", ".numbers")  # what a spreadsheet saves


def _unlisted(root: Path, base: Path, resources: list[dict[str, Any]]) -> list[Problem]:
    """A table saved in the package's folder but not listed in the descriptor: never checked, never published
    (a listed table saved as another type is an error of its own, `_saved_as_other_type`)."""
    listed = {(base / r["path"]).resolve() for r in resources}
    names = {Path(r["path"]).name.lower() for r in resources}
    return [
        files.UNLISTED_TABLE.at(Location(_shown(root, path)))
        for path in sorted(base.rglob("*"))
        if path.suffix.lower() in _TABLE_LIKE
        and path.is_file()
        and path.resolve() not in listed
        and not strays.is_litter(path)
        and strays.saved_as(path, names) is None
        and strays.copy_of(path, names) is None
    ]


def _saved_as_other_type(root: Path, base: Path, resources: list[dict[str, Any]]) -> list[Problem]:
    """A listed table saved beside itself as a workbook or a text file, or as a copy ("observations - 副本.csv"):
    the change made in it would not be published, and the CSV the site reads does not hold it."""
    names = {Path(r["path"]).name.lower() for r in resources}
    found = []
    for path in sorted(base.rglob("*")):
        if not path.is_file() or strays.is_litter(path):
            continue
        if (table := strays.saved_as(path, names)) is not None:
            found.append(files.TABLE_SAVED_AS_OTHER_TYPE.at(Location(_shown(root, path)), table=table))
        elif (table := strays.copy_of(path, names)) is not None:
            found.append(files.TABLE_COPY.at(Location(_shown(root, path)), table=table))
    return found


def _without_timings(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def _read_descriptor(path: Path, shown_as: str) -> dict[str, Any]:
    if not path.is_file():
        raise ProblemsFound([package.NO_DESCRIPTOR.at(Location(shown_as))])
    encoding_problem = check_utf8(path, shown_as)
    if encoding_problem:
        raise ProblemsFound([encoding_problem])
    try:
        descriptor = read_json(path.read_text(encoding="utf-8-sig"), shown_as)
    except json.JSONDecodeError as error:
        raise ProblemsFound(
            [package.NOT_JSON.at(Location(shown_as, row=error.lineno), detail=error.msg, column=error.colno)]
        ) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise ProblemsFound([package.NO_RESOURCES.at(Location(shown_as))])
    return descriptor


_QUOTE = cell_words.UNCLOSED_QUOTE.code  # a quote never closed: what is read after it is not the file's rows
# A date as Excel writes it: the cell reader says which date to write, where Frictionless only says "not a date".
_SAYS_MORE = (cell_words.REWRITTEN_DATE.code, cell_words.AMBIGUOUS_DATE.code)
MAX_BYTES = 50 * 1024 * 1024  # a table larger than this is refused before it is read (bounded memory)


def _inspect(root: Path, base: Path, resource: dict[str, Any]) -> tuple[list[Problem], str | None]:
    """The problems of one resource's file before Frictionless reads it, and the encoding to read it with
    (None: the file cannot be read at all, so its rows cannot be checked)."""
    rel = resource.get("path")
    shown = f"{_shown(root, base)}/{rel}"

    def refuse(problem: Problem) -> tuple[list[Problem], None]:
        return [problem], None

    if not isinstance(rel, str) or rel.startswith("/") or ".." in Path(rel).parts:
        return refuse(files.PATH_OUTSIDE_PACKAGE.at(Location(shown)))
    path = base / rel
    if not path.resolve().is_relative_to(root.resolve()):
        return refuse(files.OUTSIDE_LINK.at(Location(shown)))
    if not path.is_file():
        return refuse(files.NO_FILE.at(Location(shown)))
    size = path.stat().st_size
    if size > MAX_BYTES:
        mb = size // (1024 * 1024)
        return refuse(files.TABLE_TOO_LARGE.at(Location(shown), mb=mb, limit=MAX_BYTES // (1024 * 1024)))
    if size == 0:
        return refuse(files.EMPTY.at(Location(shown, row=1)))
    problem = check_utf8(path, shown)
    encoding = readable_encoding(path)
    if encoding is None:
        return [problem] if problem else [], None
    header = _header_problem(path, encoding, resource, shown) or _whole_file_problem(path, encoding, shown)
    if header is not None:
        return [p for p in (problem, header) if p is not None], None
    return [problem] if problem else [], encoding


_TABBED_NUMBER = re.compile(r"\t+[+-]?[0-9][0-9.,]*")  # WPS keeps a number as text with a tab before it
_CURLY = ("“", "”")


def _whole_file_problem(path: Path, encoding: str, shown: str) -> Problem | None:
    """One message for a mistake a program made all over the file (quotes made curly, a tab before every number),
    instead of one per cell it broke; the rows are not read one by one then."""
    with path.open(encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="") as handle:
        records = list(csv.reader(handle))
    width = len(records[0]) if records else 0
    split = [
        n
        for n, r in enumerate(records[1:], start=2)
        if len(r) > width and any(c[:1] in _CURLY or c[-1:] in _CURLY for c in r)
    ]
    if split:
        return cell_words.CURLY_QUOTES.at(Location(shown, row=split[0]), rows=len(split), file=shown)
    tabbed = [
        (n, records[0][i])
        for n, r in enumerate(records[1:], start=2)
        for i, c in enumerate(r[:width])
        if _TABBED_NUMBER.fullmatch(c)
    ]
    if tabbed:
        (row, column), others = tabbed[0], len(tabbed) - 1
        return cell_words.TAB_BEFORE_NUMBERS.at(Location(shown, row=row, column=column), others=others)
    return None


_PAD = re.compile(r"^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$")  # spaces no one sees


def _header_problem(path: Path, encoding: str, resource: dict[str, Any], shown: str) -> Problem | None:
    """One clear message when the columns differ from the schema, instead of one per misplaced cell."""
    with path.open(encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="") as handle:
        header = next(csv.reader(handle), [])
    expected = [f.get("name") for f in resource.get("schema", {}).get("fields", [])]
    if header == expected:
        return None
    restored = [garbled_heading(h) or h for h in header]
    if restored == expected:  # the whole file was read as GBK: its rows are not worth reading one by one
        part, original = next((h, r) for h, r in zip(header, restored, strict=True) if h != r)
        return garbled_words.GARBLED_HEADER.at(Location(shown, row=1), part=part, original=original, file=shown)
    for mark, message in ((";", files.SEMICOLON_SEPARATED), ("\t", files.TAB_SEPARATED)):
        if len(header) == 1 and header[0].split(mark) == expected:
            return message.at(Location(shown, row=1))
    padded = [(h, _PAD.sub("", h)) for h in header if h not in expected and _PAD.sub("", h) in expected]
    if padded:
        names = ["、".join(character_name(c) for c in h if c not in clean or c != c.strip()) for h, clean in padded]
        said = [
            cell_words.PADDED_HEADING.said(column=c, names_zh=n, names_en=n.replace("、", ", "))
            for (_, c), n in zip(padded, names, strict=True)
        ]
        return joined(Location(shown, row=1), said, "；", "; ")
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    return cell_words.HEADINGS_DIFFER.at(
        Location(shown, row=1),
        missing=cell_words.MISSING_COLUMNS.said(names_zh="、".join(missing), names_en=", ".join(missing))
        if missing
        else "",
        extra=cell_words.EXTRA_COLUMNS.said(names_zh="、".join(extra), names_en=", ".join(extra)) if extra else "",
        expected=",".join(str(n) for n in expected),
    )


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _primary_key(resource: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The resource's field names and primary key fields, to pick the key out of a whole row."""
    schema = resource.get("schema", {})
    key = schema.get("primaryKey", [])
    return [f.get("name") for f in schema.get("fields", [])], [key] if isinstance(key, str) else list(key)


def _cells(root: Path, base: Path, resource: dict[str, Any]) -> tuple[Cells, list[Problem]]:
    columns = [cells.Column(f["name"], f.get("type", "string")) for f in resource["schema"]["fields"]]
    missing = resource["schema"].get("missingValues", [""])
    return cells.read(base / resource["path"], _shown(root, base / resource["path"]), columns, missing)


def _table(root: Path, base: Path, resource: dict[str, Any], read: Cells) -> Table:
    fields = tuple(Field(f["name"], f.get("type", "string")) for f in resource["schema"]["fields"])
    path = base / resource["path"]
    return Table(
        resource["name"],
        path,
        _shown(root, path),
        fields,
        read,
        resource.get("title", ""),
        resource.get("description", ""),
        _translated(resource, "title", "description"),
        bool(resource.get("mayBeEmpty", False)),
    )
