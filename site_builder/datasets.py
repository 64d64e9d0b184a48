"""Datasets: validate the Frictionless data package and report every problem at once, per file, row and column."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frictionless import Package

from site_builder.frictionless_problems import frictionless_problem
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
    title: str = ""
    description: str = ""
    title_zh: str = ""
    description_zh: str = ""


@dataclass(frozen=True, slots=True)
class ValidatedPackage:
    """A data package that passed validation; nothing downstream reads an unvalidated file."""

    descriptor: Path
    name: str
    title: str
    title_zh: str
    version: str
    created: str  # when this version of the data was made (the descriptor's "created"), as written
    tables: tuple[Table, ...]
    report: str  # the Frictionless validation report as JSON, without timings (two builds give the same bytes)

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
        frictionless_problem(error.to_descriptor(), shown.get(task.name, descriptor_rel), shown, keys.get(task.name))
        for task in report.tasks
        for error in task.errors
    ]
    problems += [frictionless_problem(e.to_descriptor(), descriptor_rel, shown, None) for e in report.errors]
    problems = file_problems + problems
    if problems:
        raise ProblemsFound(problems)
    return ValidatedPackage(
        descriptor=descriptor_path,
        name=str(descriptor.get("name", "")),
        title=str(descriptor.get("title", "")),
        title_zh=str(descriptor.get("title_zh", descriptor.get("title", ""))),
        version=str(descriptor.get("version", "")),
        created=str(descriptor.get("created", "")),
        tables=tuple(_table(root, base, r) for r in descriptor["resources"]),
        report=json.dumps(_without_timings(report.to_descriptor()), ensure_ascii=False, indent=2, sort_keys=True),
    )


def _without_timings(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


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
    return Table(
        resource["name"],
        path,
        _shown(root, path),
        fields,
        resource.get("title", ""),
        resource.get("description", ""),
        resource.get("title_zh", ""),
        resource.get("description_zh", ""),
    )
