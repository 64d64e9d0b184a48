"""Structured text read strictly (datapackage.json, site.toml, a page's front matter): each key once, numbers Python can hold,
brackets nested no deeper than a reader follows, whole characters. Each refusal names its row and key, where the
readers of the standard library would take the last key silently or stop with a ValueError or a RecursionError."""

from __future__ import annotations

import bisect
import json
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.problems.catalogue import writing as words

MAX_DEPTH = 100  # the site's own files nest 6 deep; Python's readers recurse once a level, up to about 1000
DIGITS = sys.get_int_max_str_digits() or 4300  # the longest whole number int() takes from text
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:,]')  # JSON strings (skipped whole) and punctuation
_SURROGATE = re.compile("[\ud800-\udfff]")
_TRAILING_INDEXES = re.compile(r"(\[[0-9]+\])+$")


@dataclass(frozen=True, slots=True)
class _TooLong:
    digits: int
    text: str


@dataclass(slots=True)
class _Frame:
    """An object or array being scanned: its key path, the keys seen (with their rows), its current member."""

    is_object: bool
    path: str
    seen: dict[str, int] = field(default_factory=dict)
    index: int = 0
    key: str = ""


def read_json(text: str, shown: str) -> Any:
    """The JSON value of `text`; ProblemsFound for what it holds that cannot be read as meant, and JSONDecodeError
    (from `json`) where it is not JSON."""
    rows = _Rows(text)
    deep, twice = _scan(text, shown, rows)
    if deep is not None:
        raise ProblemsFound([words.NESTED_TOO_DEEP.at(deep, limit=MAX_DEPTH)])
    value = json.loads(text, parse_int=_int)
    problems = twice + [_leaf_problem(shown, rows, key, leaf) for key, leaf in _leaves(value, "")]
    found = [p for p in problems if p is not None]
    if found:
        raise ProblemsFound(found)
    return value


def read_yaml(text: str, shown: str, first_row: int) -> Any:
    """The YAML value of `text` (its first line is the file's row `first_row`); ProblemsFound as `read_json`, and
    yaml.YAMLError where it is not YAML."""
    loader = _Loader(text)
    loader.shown, loader.first_row = shown, first_row
    try:
        value = loader.get_single_data()
    except RecursionError:
        row = _deep_row(text)
        where = Location(shown, row=None if row is None else row + first_row - 1)
        raise ProblemsFound([words.NESTED_TOO_DEEP.at(where, limit=MAX_DEPTH)]) from None
    finally:
        loader.dispose()
    rows = _Rows(text, first_row)
    found = [p for key, leaf in _leaves(value, "") if (p := _leaf_problem(shown, rows, key, leaf)) is not None]
    if found:
        raise ProblemsFound(found)
    return value


def read_toml(text: str, shown: str) -> dict[str, Any]:
    """The TOML table of `text` (which refuses a key written twice itself, with tomllib.TOMLDecodeError);
    ProblemsFound for a number too long or brackets too deep to read."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        raise ProblemsFound([words.NESTED_TOO_DEEP.at(Location(shown, row=_deep_row(text)), limit=MAX_DEPTH)]) from None
    except ValueError:  # int() refused a whole number's digits
        raise ProblemsFound([_long_toml_number(text, shown)]) from None


_TOML_TABLE = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")
_TOML_KEY = re.compile(r"^\s*([^=\s]+)\s*=")
_TOML_DIGITS = re.compile(r"[0-9][0-9_]*")


def _long_toml_number(text: str, shown: str) -> Problem:
    table = ""
    for row, line in enumerate(text.splitlines(), start=1):
        if (header := _TOML_TABLE.match(line)) is not None:
            table = header.group(1).replace('"', "").replace("'", "")
        long = [m for m in _TOML_DIGITS.findall(line) if len(m.replace("_", "")) > DIGITS]
        if long:
            key = _TOML_KEY.match(line)
            name = _joined(table, key.group(1).strip("\"'")) if key else table
            where = Location(shown, row=row, key=name or None)
            return words.NUMBER_TOO_LONG.at(where, digits=len(long[0].replace("_", "")), limit=DIGITS)
    return words.NUMBER_TOO_LONG.at(Location(shown), digits=DIGITS + 1, limit=DIGITS)


class _Rows:
    """The row of a character's offset in a text whose first line is row `first`."""

    def __init__(self, text: str, first: int = 1) -> None:
        self.text, self.first = text, first
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1 + self.first


def _int(text: str) -> int | _TooLong:
    digits = len(text.lstrip("+-"))
    return _TooLong(digits, text) if digits > DIGITS else int(text)


def _scan(text: str, shown: str, rows: _Rows) -> tuple[Location | None, list[Problem]]:
    """Where brackets first nest deeper than MAX_DEPTH (or None), and each key written twice in an object."""
    frames: list[_Frame] = []
    twice: list[Problem] = []
    previous = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            if len(frames) == MAX_DEPTH:
                return Location(
                    shown, row=rows.of(match.start()), key=_TRAILING_INDEXES.sub("", _member(frames)) or None
                ), []
            frames.append(_Frame(token == "{", _member(frames)))
        elif token in "}]" and frames:
            frames.pop()
        elif token == "," and frames:
            frames[-1].index += 1
        elif token == ":" and frames and previous is not None and previous.group().startswith('"'):
            frame, row = frames[-1], rows.of(previous.start())
            frame.key = _decoded(previous.group())
            if frame.key in frame.seen:
                where = Location(shown, row=row, key=_joined(frame.path, frame.key))
                twice.append(words.KEY_TWICE.at(where, first=frame.seen[frame.key]))
            frame.seen.setdefault(frame.key, row)
        previous = match
    return None, twice


def _decoded(string: str) -> str:
    try:
        return str(json.loads(string))
    except ValueError:
        return string  # not JSON: json.loads says so, with its row


def _member(frames: list[_Frame]) -> str:
    if not frames:
        return ""
    top = frames[-1]
    return _joined(top.path, top.key) if top.is_object else f"{top.path}[{top.index}]"


def _joined(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _leaves(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every key and every value that is not a list or an object, with its key path."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = _joined(path, str(key))
            yield where, key
            yield from _leaves(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]")
    else:
        yield path, value


def _leaf_problem(shown: str, rows: _Rows, key: str, leaf: Any) -> Problem | None:
    if isinstance(leaf, _TooLong):
        row = rows.of(max(rows.text.find(leaf.text), 0))
        return words.NUMBER_TOO_LONG.at(Location(shown, row=row, key=key or None), digits=leaf.digits, limit=DIGITS)
    if isinstance(leaf, str) and (half := _SURROGATE.search(leaf)) is not None:
        escape = f"\\u{ord(half.group()):04x}"
        found = re.search(re.escape(escape), rows.text, re.IGNORECASE)
        at = rows.of(found.start()) if found else None
        return words.HALF_A_CHARACTER.at(Location(shown, row=at, key=key or None), escape=escape)
    return None


def _deep_row(text: str) -> int | None:
    depth = 0
    for row, line in enumerate(text.splitlines(), start=1):
        for char in line:
            depth += 1 if char in "[{" else -1 if char in "]}" else 0
            if depth > MAX_DEPTH:
                return row
    return None


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key written twice in one mapping and a number too long to read."""

    shown = ""
    first_row = 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            row = key_node.start_mark.line + self.first_row
            if isinstance(key, str | int | float | bool) and key in seen:
                where = Location(self.shown, row=row, key=str(key))
                raise ProblemsFound([words.KEY_TWICE.at(where, first=seen[key])])
            if isinstance(key, str | int | float | bool):
                seen[key] = row
        return super().construct_mapping(node, deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | _TooLong:  # type: ignore[override]
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > DIGITS:
            return _TooLong(digits, str(node.value))
        return super().construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
