"""Datasets: validate the Frictionless data package and report every problem at once, per file, row and column."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frictionless import Package

from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.textfiles import check_utf8, readable_encoding


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


@dataclass(frozen=True, slots=True)
class ValidatedPackage:
    """A data package that passed validation; nothing downstream reads an unvalidated file."""

    descriptor: Path
    name: str
    title: str
    version: str
    tables: tuple[Table, ...]

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def validate_package(root: Path, descriptor_rel: str) -> ValidatedPackage:
    """Validate the package at root/descriptor_rel; raise ProblemsFound with every problem in every file."""
    descriptor_path = root / descriptor_rel
    descriptor = _read_descriptor(descriptor_path, descriptor_rel)
    base = descriptor_path.parent
    file_problems = [p for r in descriptor["resources"] for p in _file_problems(root, base, r)]
    encodings = {r.get("name"): _encoding(root, base, r) for r in descriptor["resources"]}
    if None in encodings.values():
        raise ProblemsFound(file_problems)
    package = Package(descriptor, basepath=str(base))
    for resource in package.resources:
        # Read as the whole file decodes, never as detection guesses from its first rows (TOOLING.md §7). A GBK
        # file is still refused (file_problems), but its rows are checked too, so every problem shows at once.
        resource.encoding = encodings[resource.name]
    report = package.validate()
    shown = {r["name"]: _shown(root, base / r["path"]) for r in descriptor["resources"]}
    keys = {r["name"]: _primary_key(r) for r in descriptor["resources"]}
    problems = [
        _problem(error.to_descriptor(), shown.get(task.name, descriptor_rel), shown, keys.get(task.name))
        for task in report.tasks
        for error in task.errors
    ]
    problems += [_problem(e.to_descriptor(), descriptor_rel, shown, None) for e in report.errors]
    problems = file_problems + problems
    if problems:
        raise ProblemsFound(problems)
    return ValidatedPackage(
        descriptor=descriptor_path,
        name=str(descriptor.get("name", "")),
        title=str(descriptor.get("title", "")),
        version=str(descriptor.get("version", "")),
        tables=tuple(_table(root, base, r) for r in descriptor["resources"]),
    )


def _read_descriptor(path: Path, shown_as: str) -> dict[str, Any]:
    if not path.is_file():
        raise ProblemsFound(
            [Problem(Location(shown_as), "找不到数据包描述文件", "the data package descriptor is missing")]
        )
    encoding_problem = check_utf8(path, shown_as)
    if encoding_problem:
        raise ProblemsFound([encoding_problem])
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        raise ProblemsFound(
            [
                Problem(
                    Location(shown_as, row=error.lineno),
                    f"不是有效的 JSON：{error.msg}（第 {error.colno} 个字符）",
                    f"is not valid JSON: {error.msg} (character {error.colno})",
                )
            ]
        ) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise ProblemsFound([Problem(Location(shown_as), "缺少 resources 列表", 'has no "resources" list')])
    return descriptor


def _file_problems(root: Path, base: Path, resource: dict[str, Any]) -> list[Problem]:
    rel = resource.get("path")
    shown = f"{_shown(root, base)}/{rel}"
    if not isinstance(rel, str) or rel.startswith("/") or ".." in Path(rel).parts:
        return [
            Problem(
                Location(shown),
                "路径必须是数据包文件夹内的相对路径",
                "the path must stay inside the data package folder",
            )
        ]
    path = base / rel
    if not path.resolve().is_relative_to(root.resolve()):
        return [
            Problem(
                Location(shown), "文件是指向仓库以外的链接，已拒绝", "the file links outside the repository; refused"
            )
        ]
    if not path.is_file():
        return [Problem(Location(shown), "找不到这个文件", "the file does not exist")]
    problem = check_utf8(path, shown)
    return [problem] if problem else []


def _encoding(root: Path, base: Path, resource: dict[str, Any]) -> str | None:
    rel = resource.get("path")
    if not isinstance(rel, str) or rel.startswith("/") or ".." in Path(rel).parts:
        return None
    path = base / rel
    if not path.is_file() or not path.resolve().is_relative_to(root.resolve()):
        return None
    return readable_encoding(path)


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


def _table(root: Path, base: Path, resource: dict[str, Any]) -> Table:
    fields = tuple(Field(f["name"], f.get("type", "string")) for f in resource["schema"]["fields"])
    path = base / resource["path"]
    return Table(resource["name"], path, _shown(root, path), fields)


_TYPE_NAMES = {
    "number": ("数字", "a number"),
    "integer": ("整数", "a whole number"),
    "date": ("日期（格式为 2024-03-05）", "a date (written 2024-03-05)"),
    "year": ("年份", "a year"),
    "boolean": ("true 或 false", "true or false"),
    "string": ("文字", "text"),
}


def _problem(
    error: dict[str, Any], file: str, shown: dict[str, str], key: tuple[list[str], list[str]] | None
) -> Problem:
    kind = error.get("type", "")
    cell = error.get("cell")
    row = error.get("rowNumber")
    column = error.get("fieldName")
    note = str(error.get("note", ""))
    location = Location(file, row=row, column=column)
    if kind == "type-error":
        expected = note.split('"')[1].split("/")[0] if '"' in note else "string"
        zh, en = _TYPE_NAMES.get(expected, (expected, expected))
        return Problem(location, f"“{cell}”不是{zh}", f'"{cell}" is not {en}')
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
            f"“{values}”在 {target} 的“{target_cols}”列中不存在",
            f'"{values}" is not found in column "{target_cols}" of {target}',
        )
    return _structural_problem(kind, location, error)


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
        return Problem(
            location, f"“{cell}”格式不对（应符合 {value}）", f'"{cell}" has the wrong form (expected {value})'
        )
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
    "blank-row": ("空行，请删除", "the row is blank; delete it"),
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
