"""Frictionless problems: turn each validation error into a Problem staff understand, in Chinese and English."""

from __future__ import annotations

import ast
import re
from typing import Any

from site_builder.inputs.characters import invisible_problem
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import cells as words
from site_builder.problems.message import Message

# What a type is called, and how to write a value of it, in words staff use (the catalogue holds the words).
_TYPE_NAMES = {
    "number": words.NOT_A_NUMBER,
    "integer": words.NOT_AN_INTEGER,
    "date": words.NOT_A_DATE,
    "year": words.NOT_A_YEAR,
    "boolean": words.NOT_A_BOOLEAN,
}

# The schema's patterns, said in words: a regular expression means nothing to staff.
_PATTERN_NAMES = {
    "[a-z0-9]+(-[a-z0-9]+)*": words.SLUG_FORM,
    "https?://.+": words.URL_FORM,
    "s[0-9]+": words.SECTION_FORM,
    "box-[0-9]+-[0-9]+": words.BOX_FORM,
}


def frictionless_problem(
    error: dict[str, Any], file: str, shown: dict[str, str], key: tuple[list[str], list[str]] | None
) -> Problem:
    """One error of a Frictionless report (its descriptor) as a Problem naming file, row and column.

    `shown` maps resource names to the paths staff know; `key` is the resource's field names and primary key.
    """
    kind = error.get("type", "")
    cell = error.get("cell")
    row = error.get("rowNumber")
    column = error.get("fieldName") or None  # an extra cell has no column name: none is shown
    note = str(error.get("note", ""))
    if kind == "foreign-key":
        column = ", ".join(str(n) for n in error.get("fieldNames") or [column])
    location = Location(file, row=row, column=column)
    for text in (cell, *error.get("fieldCells", ())):
        if isinstance(text, str) and (problem := invisible_problem(location, text)) is not None:
            return problem  # the character no one can see is the mistake, not the type or key it breaks
    if kind == "type-error":
        expected = note.split('"')[1].split("/")[0] if '"' in note else "string"
        if expected == "string":
            return _format_problem(location, str(cell), note)
        if expected in _TYPE_NAMES:
            return _TYPE_NAMES[expected].at(location, cell=cell)
        return words.NOT_OF_TYPE.at(location, cell=cell, expected=expected)
    if kind in ("constraint-error", "type-error") and str(cell).strip().lower().lstrip("+-") in NOT_FINITE:
        return not_finite(location, cell)
    if kind == "constraint-error":
        return _constraint_problem(location, cell, note)
    if kind == "primary-key":
        other = re.search(r"position (\d+)", note)
        names, key_fields = key or ([], [])
        cells = dict(zip(names, error.get("cells", []), strict=False))
        keys = ", ".join(str(cells.get(k, "")) for k in key_fields)
        location = Location(file, row=row, column=", ".join(key_fields) or None)
        if other:
            return words.DUPLICATE_KEY.at(location, keys=keys, other=other.group(1))
        return words.DUPLICATE_KEY_SOMEWHERE.at(location, keys=keys)
    if kind == "foreign-key":
        names = error.get("fieldNames") or [column]
        values = ", ".join(str(c) for c in error.get("fieldCells", []))
        target = shown.get(str(error.get("referenceName")), str(error.get("referenceName")))
        target_cols = ", ".join(error.get("referenceFieldNames", []))
        return words.NOT_FOUND_IN.at(
            Location(file, row=row, column=", ".join(str(n) for n in names)),
            values=values,
            target=target,
            columns=target_cols,
        )
    return _structural_problem(kind, location, error)


def _format_problem(location: Location, cell: str, note: str) -> Problem:
    """A text cell with a format (a web address, an e-mail address) that it does not have."""
    if cell != cell.strip():
        return words.SPACE_AROUND.at(location, cell=cell, stripped=cell.strip())
    if "uri" in note:
        return words.NOT_A_WEB_ADDRESS.at(location, cell=cell)
    return words.WRONG_FORM.at(location, cell=cell, note=note)


NOT_FINITE = {"nan", "inf", "infinity"}


def not_finite(location: Location, cell: object) -> Problem:
    return words.NOT_FINITE.at(location, cell=cell)


def _constraint_problem(location: Location, cell: Any, note: str) -> Problem:
    match = re.search(r'constraint "(\w+)" is "(.*)"', note)
    name, value = (match.group(1), match.group(2)) if match else ("", note)
    if name == "required":
        return words.REQUIRED.at(location)
    if name == "enum":
        allowed = ", ".join(str(v) for v in _literal_list(value))
        return words.NOT_ALLOWED.at(location, cell=cell, allowed=allowed)
    if name in ("minimum", "maximum"):
        bound = words.BELOW_MINIMUM if name == "minimum" else words.ABOVE_MAXIMUM
        return bound.at(location, cell=cell, limit=value)
    if name == "unique":
        return words.NOT_UNIQUE.at(location, cell=cell)
    if name == "pattern":
        if value in _PATTERN_NAMES:
            return _PATTERN_NAMES[value].at(location, cell=cell)
        return words.PATTERN_FORM.at(location, cell=cell, pattern=value)
    return words.BREAKS_A_RULE.at(location, cell=cell, note=note)


def _literal_list(text: str) -> list[Any]:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return [text]
    return list(value) if isinstance(value, list | tuple) else [value]


_STRUCTURAL: dict[str, Message] = {
    "missing-label": words.HEADING_MISSING,
    "extra-label": words.HEADING_EXTRA,
    "incorrect-label": words.HEADING_DIFFERS,
    "duplicate-label": words.HEADING_TWICE,
    "blank-label": words.HEADING_BLANK,
    "missing-cell": words.CELL_MISSING,
    "extra-cell": words.CELL_EXTRA,
    "blank-row": words.BLANK_ROW,
}


def _structural_problem(kind: str, location: Location, error: dict[str, Any]) -> Problem:
    if kind in _STRUCTURAL:
        label = error.get("label")
        if label is not None:
            return words.WITH_LABEL.at(location, label=label, problem=_STRUCTURAL[kind].said())
        return _STRUCTURAL[kind].at(location)
    return words.PACKAGE_INVALID.at(location, message=str(error.get("message", kind)))
