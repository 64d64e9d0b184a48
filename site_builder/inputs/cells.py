"""Cells: the one reading of every CSV cell — the value it means, typed, or a Problem saying why it means none.

Frictionless checks the tables against their schemas, but it reads numbers leniently (`７７.８`, `7_7.8` and `1e400`
all pass), and every later stage used to parse the file again its own way. Here each cell is read once, by the
strictest rule: what passes is loaded into the warehouse exactly as read here, so no value can pass one reader and
fail (or mean something else to) another.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder.inputs.characters import invisible_pattern, invisible_problem
from site_builder.inputs.frictionless_messages import NOT_FINITE, not_finite
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import cells as words

Value = str | int | float | bool | datetime.date | datetime.datetime | None

_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")  # no exponent: what staff type
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE, _FALSE = ("true", "True", "TRUE", "1"), ("false", "False", "FALSE", "0")
# How a text cell that a spreadsheet runs as a formula starts (OWASP, "CSV injection"). The tables are published byte
# for byte, where no guard can be added, so such a text is refused here with its cell; numbers (-1.5) are not text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str


@dataclass(frozen=True, slots=True)
class Cells:
    """A table as read: each data row's number in the file (the header is row 1) and its typed values."""

    rows: tuple[int, ...]
    columns: tuple[tuple[Value, ...], ...]  # one tuple per column, in the schema's order


def read(path: Path, shown: str, columns: Sequence[Column], missing: Sequence[str]) -> tuple[Cells, list[Problem]]:
    """Every cell of the CSV at `path` (UTF-8, header checked) read by its column's type."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    check_text = invisible_pattern().search(text) is not None
    values: list[list[Value]] = [[] for _ in columns]
    rows: list[int] = []
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""))  # rows end at CR, LF or CRLF, mixed as they come
    next(reader, None)
    line = reader.line_num
    for number, record in enumerate(reader, start=2):
        spanned, line = reader.line_num - line, reader.line_num
        if len(record) != len(columns) and spanned > 1:  # a cell ran on over the following lines
            problems.append(_unclosed_quote(record, columns, shown, number, spanned - 1))
            break  # the rows after it were read into that cell: what they hold is not known
        if not record or len(record) != len(columns):
            continue  # a blank row or one with too few or many cells: Frictionless says which
        rows.append(number)
        for index, (column, cell) in enumerate(zip(columns, record, strict=True)):
            if cell in missing:
                values[index].append(None)
            elif column.type == "string" and not check_text and not cell.startswith(FORMULA_START):
                values[index].append(cell)  # the common cases, kept quick: a 10,000-indicator site has 800,000
            elif column.type == "number" and not check_text and _PLAIN_NUMBER.fullmatch(cell) and _finite(float(cell)):
                values[index].append(float(cell))
            elif column.type == "integer" and not check_text and _INTEGER.fullmatch(cell):
                values[index].append(int(cell))
            else:
                value, problem = _cell(column, cell, Location(shown, row=number, column=column.name), check_text)
                values[index].append(value)
                if problem is not None:
                    problems.append(problem)
    return Cells(tuple(rows), tuple(tuple(v) for v in values)), problems


def _unclosed_quote(record: list[str], columns: Sequence[Column], shown: str, row: int, lines: int) -> Problem:
    """A quote that opens a cell and is never closed: the cell it opens takes in the lines after it."""
    index = next((i for i, cell in enumerate(record) if "\n" in cell or "\r" in cell), len(record) - 1)
    column = columns[index].name if index < len(columns) else None
    return words.UNCLOSED_QUOTE.at(Location(shown, row=row, column=column), lines=lines)


def _finite(value: float) -> bool:
    """Not zero (which may be an underflow, checked the slow way) and not infinite (an overflow)."""
    return value != 0 and not math.isinf(value)


def _cell(column: Column, cell: str, location: Location, check_text: bool) -> tuple[Value, Problem | None]:
    problem = invisible_problem(location, cell) if check_text else None
    value, found = _typed(column.type, cell, location)
    return value, problem or found


def _typed(kind: str, cell: str, location: Location) -> tuple[Value, Problem | None]:
    if kind == "number":
        return _number(cell, location)
    if kind in ("integer", "year"):
        if _INTEGER.fullmatch(cell):
            return int(cell), None
        return None, _not_ascii(cell, location, kind)
    if kind == "date":
        return _date(cell, location)
    if kind == "boolean":
        return (True, None) if cell in _TRUE else (False, None) if cell in _FALSE else (None, None)
    if kind == "datetime":
        try:
            return datetime.datetime.fromisoformat(cell), None
        except ValueError:
            return None, None  # Frictionless says what is wrong with it
    if kind == "string" and cell.startswith(FORMULA_START):
        return cell, _formula(cell, location)
    return cell, None


def _formula(cell: str, location: Location) -> Problem:
    first = cell[0]
    if first in "\t\r":
        name = "U+0009 CHARACTER TABULATION" if first == "\t" else "U+000D CARRIAGE RETURN"
        return words.STARTS_LIKE_A_FORMULA.at(location, cell=cell.strip(), first=words.TAB_OR_RETURN.said(name=name))
    return words.STARTS_LIKE_A_FORMULA.at(location, cell=cell, first=first)


def _number(cell: str, location: Location) -> tuple[Value, Problem | None]:
    if cell.strip().lower().lstrip("+-") in NOT_FINITE:
        return None, not_finite(location, cell)
    if not _NUMBER.fullmatch(cell):
        return None, _not_ascii(cell, location, "number")
    value = float(cell)
    digits = cell.lower().split("e")[0].strip("+-.0")
    if math.isinf(value) or (value == 0 and digits.strip(".0")):
        return None, words.OUT_OF_RANGE.at(location, cell=cell)
    if "e" in cell.lower():  # Excel writes a number of 12 digits or more so, and the digits after the third are lost
        return None, words.SCIENTIFIC_NOTATION.at(location, cell=cell)
    return value, None


def _date(cell: str, location: Location) -> tuple[Value, Problem | None]:
    if _DATE.fullmatch(cell):
        try:
            return datetime.date.fromisoformat(cell), None
        except ValueError:
            return None, None  # not a real day: Frictionless says so
    return None, _not_ascii(cell, location, "date")


_EXAMPLE = {"number": "77.8", "integer": "2022", "year": "2022", "date": "2024-03-05"}


def _not_ascii(cell: str, location: Location, kind: str) -> Problem | None:
    """Why a cell Frictionless may have read as a number or date is not written the one way every reader reads."""
    plain = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in unicodedata.normalize("NFKC", cell))
    if kind == "date" and (rewritten := _rewritten_date(cell, plain, location)) is not None:
        return rewritten
    if plain != cell and any(c.isdecimal() and not c.isascii() for c in cell):
        return words.FULL_WIDTH_DIGITS.at(location, cell=cell, plain=plain)
    if "_" in cell:
        return words.UNDERSCORE.at(location, cell=cell, plain=cell.replace("_", ""))
    if cell != cell.strip():
        return words.SPACE_AROUND.at(location, cell=cell, stripped=cell.strip())
    if kind == "date" and re.fullmatch(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", cell):
        year, month, day = cell.split("-")
        return words.SHORT_DATE.at(location, cell=cell, year=year, month=month, day=day)
    return None  # anything else Frictionless refuses itself, with its message for the type


_YMD = re.compile(r"([0-9]{4})\s*[/.年]\s*([0-9]{1,2})\s*[/.月]\s*([0-9]{1,2})\s*日?")
_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def _rewritten_date(cell: str, plain: str, location: Location) -> Problem | None:
    """A date as Excel or WPS shows and saves it (2024/1/25, 1/25/2024, 2024年1月25日, full-width digits): the
    date to write instead, or both readings when day and month could be either."""
    if (ymd := _YMD.fullmatch(plain.strip())) is not None:
        year, month, day = (int(part) for part in ymd.groups())
        readings = [(year, month, day)]
    elif (dmy := _DMY.fullmatch(plain.strip())) is not None:
        first, second, year = (int(part) for part in dmy.groups())
        readings = list(dict.fromkeys([(year, first, second), (year, second, first)]))  # US, then day first
    else:
        return None
    dates = [d for y, m, day in readings if (d := _real_date(y, m, day)) is not None]
    if len(dates) == 1:
        return words.REWRITTEN_DATE.at(location, cell=cell, date=dates[0])
    if len(dates) == 2:
        return words.AMBIGUOUS_DATE.at(location, cell=cell, one=dates[0], other=dates[1])
    return None  # no such day: Frictionless says it is not a date


def _real_date(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
