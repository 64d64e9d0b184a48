"""Frictionless problems: turn each validation error into a Problem staff understand, in Chinese and English."""

from __future__ import annotations

import ast
import re
from typing import Any

from site_builder.inputs.characters import invisible_problem
from site_builder.problems import Location, Problem

# What a type is called, and how to write a value of it, in words staff use.
_TYPE_NAMES = {
    "number": (
        "数字（只写数字，例如 70.5；不要带单位、空格或千位分隔符）",
        "a number (write digits only, such as 70.5: no units, spaces or thousands separators)",
    ),
    "integer": ("整数（例如 3）", "a whole number (such as 3)"),
    "date": ("日期（格式为 2024-03-05）", "a date (written 2024-03-05)"),
    "year": ("年份（四位数字，例如 2023）", "a year (four digits, such as 2023)"),
    "boolean": ("true 或 false", "true or false"),
    "string": ("文字", "text"),
}

# The schema's patterns, said in words: a regular expression means nothing to staff.
_PATTERN_NAMES = {
    "[a-z0-9]+(-[a-z0-9]+)*": (
        "只能用小写字母 a–z、数字和连字符，不能有空格、点或斜杠，例如 urban-rural",
        "use lower-case letters a–z, digits and hyphens only, with no spaces, dots or slashes, such as urban-rural",
    ),
    "https?://.+": ("应为以 http:// 或 https:// 开头的网址", "write a web address starting with http:// or https://"),
    "s[0-9]+": ("应为章节锚点，s 加数字，例如 s12", "write a section anchor: s and a number, such as s12"),
    "box-[0-9]+-[0-9]+": ("应为专栏锚点，例如 box-3-1", "write a box anchor such as box-3-1"),
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
    column = error.get("fieldName")
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
        zh, en = _TYPE_NAMES.get(expected, (expected, expected))
        return Problem(location, f"“{cell}”不是{zh}", f'"{cell}" is not {en}')
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
        where_zh = f"与第 {other.group(1)} 行重复" if other else "重复"
        where_en = f"the same as row {other.group(1)}" if other else "a duplicate"
        return Problem(
            location,
            f"主键（{keys}）{where_zh}：每一行的主键必须唯一",
            f"duplicate key ({keys}): {where_en}; each row's key must be unique",
        )
    if kind == "foreign-key":
        names = error.get("fieldNames") or [column]
        values = ", ".join(str(c) for c in error.get("fieldCells", []))
        target = shown.get(str(error.get("referenceName")), str(error.get("referenceName")))
        target_cols = ", ".join(error.get("referenceFieldNames", []))
        return Problem(
            Location(file, row=row, column=", ".join(str(n) for n in names)),
            f"“{values}”在 {target} 的“{target_cols}”列中不存在：请检查拼写，或先在 {target} 中加上这一行",
            f'"{values}" is not found in column "{target_cols}" of {target}: check the spelling, or add that row '
            f"to {target} first",
        )
    return _structural_problem(kind, location, error)


def _format_problem(location: Location, cell: str, note: str) -> Problem:
    """A text cell with a format (a web address, an e-mail address) that it does not have."""
    if cell != cell.strip():
        return Problem(
            location,
            f"“{cell}”前后有空格：请删除空格，写成“{cell.strip()}”",
            f'"{cell}" has a space before or after it: delete the space and write "{cell.strip()}"',
        )
    if "uri" in note:
        return Problem(
            location,
            f"“{cell}”不是完整的网址：应为以 http:// 或 https:// 开头、中间没有空格的网址",
            f'"{cell}" is not a whole web address: write one starting with http:// or https://, with no spaces',
        )
    return Problem(location, f"“{cell}”的格式不对（{note}）", f'"{cell}" has the wrong form ({note})')


NOT_FINITE = {"nan", "inf", "infinity"}


def not_finite(location: Location, cell: object) -> Problem:
    return Problem(
        location,
        f"“{cell}”不是可以发布的数值（请填写具体数字，没有数据就留空）",
        f'"{cell}" is not a value that can be published (write a number, or leave it empty)',
    )


def _constraint_problem(location: Location, cell: Any, note: str) -> Problem:
    match = re.search(r'constraint "(\w+)" is "(.*)"', note)
    name, value = (match.group(1), match.group(2)) if match else ("", note)
    if name == "required":
        return Problem(location, "不能为空，请填写", "is empty but required; please fill it in")
    if name == "enum":
        value = ", ".join(str(v) for v in _literal_list(value))
        return Problem(
            location, f"“{cell}”不是允许的取值，应为：{value}", f'"{cell}" is not allowed; use one of: {value}'
        )
    if name in ("minimum", "maximum"):
        zh = "不能小于" if name == "minimum" else "不能大于"
        en = "must not be less than" if name == "minimum" else "must not be greater than"
        return Problem(location, f"“{cell}”{zh} {value}", f'"{cell}" {en} {value}')
    if name == "unique":
        return Problem(
            location,
            f"“{cell}”重复：这一列的值必须唯一",
            f'"{cell}" appears twice; values in this column must be unique',
        )
    if name == "pattern":
        zh, en = _PATTERN_NAMES.get(value, (f"应符合 {value}", f"expected {value}"))
        return Problem(location, f"“{cell}”格式不对：{zh}", f'"{cell}" has the wrong form: {en}')
    return Problem(location, f"“{cell}”不符合要求：{note}", f'"{cell}" breaks a rule: {note}')


def _literal_list(text: str) -> list[Any]:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return [text]
    return list(value) if isinstance(value, list | tuple) else [value]


_STRUCTURAL = {
    "missing-label": ("缺少列名（表头少了一列）", "a column heading is missing"),
    "extra-label": ("多出一列表头，数据包中没有定义", "has an extra column heading the schema does not define"),
    "incorrect-label": ("列名与数据包定义的不一致", "the column heading differs from the schema"),
    "duplicate-label": ("列名重复", "the column heading appears twice"),
    "blank-label": ("列名为空", "a column heading is blank"),
    "missing-cell": ("这一行少了一个单元格", "this row has too few cells"),
    "extra-cell": ("这一行多了一个单元格（多余的逗号？）", "this row has an extra cell (a stray comma?)"),
    "blank-row": (
        "空行，请删除（Excel 常在表格末尾留下这样的行）",
        "the row is blank; delete it (Excel often leaves such rows at the end)",
    ),
}


def _structural_problem(kind: str, location: Location, error: dict[str, Any]) -> Problem:
    if kind in _STRUCTURAL:
        zh, en = _STRUCTURAL[kind]
        label = error.get("label")
        if label is not None:
            zh, en = f"“{label}”：{zh}", f'"{label}": {en}'
        return Problem(location, zh, en)
    message = str(error.get("message", kind))
    return Problem(location, f"数据包有误：{message}", f"the data package is invalid: {message}")
