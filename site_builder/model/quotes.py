"""Quotes: the words of the source quoted for each sourced value must state that value, or the row says why they
do not (a note); otherwise a problem at the value, with the number the quote does hold.

The quote is read leniently, so that only a real difference is refused: full-width digits and punctuation are read
as ASCII (NFKC), "3,850" as both 3850 and 3 and 850, "340.7万" as 340.7 in a unit of 万人 and 3,407,000 in one of
人, "77.8%" as 77.8 and 0.778; a number is matched to its last decimal written (77.8 is not 77.80001)."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import duckdb

from site_builder.inputs.datapackage import ValidatedPackage
from site_builder.model import queries
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import rows as words

_SCALES = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_GROUPED = re.compile(r"(?<![0-9.])[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])")
_PLAIN = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?|(?<![0-9])\.[0-9]+")
_AFTER = re.compile(r"\s*(万|萬|亿|億)?\s*(%)?")


@dataclass(frozen=True, slots=True)
class Number:
    """A number as the quote writes it, and the values it may stand for in the row's unit."""

    written: str
    values: tuple[float, ...]


def numbers(quote: str, unit: str) -> list[Number]:
    """Every number in `quote`, read as values in `unit` (the unit's own 万 or 亿 scales them)."""
    text = unicodedata.normalize("NFKC", quote)
    per = _unit_scale(unit)
    found = []
    for pattern in (_GROUPED, _PLAIN):
        for match in pattern.finditer(text):
            after = _AFTER.match(text, match.end())
            scale, percent = (after.group(1), after.group(2)) if after else (None, None)
            n = float(match.group().replace(",", ""))
            values = [n * _SCALES[scale] / per] if scale else [n, n / per]
            if percent:
                values.append(n / 100)
            written = text[match.start() : after.end() if after and (scale or percent) else match.end()]
            found.append(Number(written.replace(" ", ""), tuple(values)))
    return found


def _unit_scale(unit: str) -> float:
    """How many of the thing one of `unit` counts: 1e4 for 万人, 1 for 人/亿元 (亿 there divides)."""
    counted = unit.split("/")[0]
    return next((scale for mark, scale in _SCALES.items() if mark in counted), 1.0)


def supports(value: float, found: list[Number]) -> bool:
    return any(_same(value, v) for number in found for v in number.values)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def closest(value: float, found: list[Number]) -> Number:
    return min(found, key=lambda number: min(abs(v - value) for v in number.values))


@dataclass(frozen=True, slots=True)
class Quoted:
    """One sourced value with its quote, as the check reads it."""

    file: str
    row: int
    value: float
    quote: str
    unit: str
    noted: bool  # the row has a note (note_zh or note_en) saying why the value differs


def problem(quoted: Quoted) -> Problem | None:
    """None if the quote states the value, or the row says why not; else where and what to do."""
    if quoted.noted:
        return None
    found = numbers(quoted.quote, quoted.unit)
    if supports(quoted.value, found):
        return None
    where = Location(quoted.file, row=quoted.row, column="value")
    if not found:
        return words.QUOTE_WITHOUT_NUMBER.at(where, value=shown(quoted.value))
    return words.QUOTE_DIFFERS.at(where, value=shown(quoted.value), quoted=closest(quoted.value, found).written)


def shown(value: float) -> str:
    """A value as staff wrote it: 1.58, 0.027, 3407000 (never 3.407e+06)."""
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text or "0"


def quote_problems(db: duckdb.DuckDBPyConnection, package: ValidatedPackage) -> list[Problem]:
    """Every sourced value whose quote does not state it and whose row does not say why."""
    names = {table.name: table.shown_as for table in package.tables}
    found = []
    for row in queries.rows(db, "quoted_values"):
        if row["value"] is None or not row["quote"]:
            continue  # the schema requires both: Frictionless has said so
        noted = bool(row["note_zh"] or row["note_en"])
        quoted = Quoted(names[row["resource"]], row["_row"], row["value"], row["quote"], row["unit"] or "", noted)
        if (said := problem(quoted)) is not None:
            found.append(said)
    return found
