"""Descriptor: check the shape of datapackage.json before Frictionless reads it — no remote reference (the build
makes no network request), and every resource the site needs, with the names, files and column types it reads."""

from __future__ import annotations

import re
from typing import Any

from site_builder.problems import Location, Problem

# The tables the site reads and the type of each column its SQL and pages use (other tables may be added).
SITE_TABLES: dict[str, dict[str, str]] = {
    "chapters": {"string": "id title_zh title_en", "integer": "number"},
    "categories": {"string": "id name_zh name_en", "integer": "number"},
    "indicators": {
        "string": "id category_id chapter_id name_zh name_en unit_zh unit_en target_text_zh target_text_en "
        "target_comparator target_basis direction attribute vision_text_zh vision_text_en note_zh note_en "
        "searched responsible_zh responsible_en publication_zh publication_en",
        "integer": "number baseline_year target_year decimals vision_year",
        "number": "baseline_value target_value vision_value",
    },
    "sources": {"string": "id title title_en publisher_zh publisher_en url grade", "date": "published"},
    "observations": {
        "string": "indicator_id status source_id quote note_zh note_en",
        "integer": "year",
        "number": "value",
        "boolean": "definition_differs",
    },
    "excluded_observations": {
        "string": "indicator_id period reason source_title source_url quote note_zh note_en",
        "number": "value",
    },
    "commitments": {
        "string": "id chapter_id section box clause_zh clause_en comparator unit_zh unit_en note_zh note_en indicator_id",
        "integer": "number deadline_year",
        "number": "target_value",
    },
    "commitment_progress": {
        "string": "commitment_id status source_id quote note_zh note_en",
        "integer": "year",
        "number": "value",
    },
    "indicator_sections": {"string": "indicator_id chapter_id section"},
    "glossary": {"string": "id term_zh term_en note_zh note_en"},
}
TYPES = ("string", "integer", "number", "date", "year", "boolean", "datetime")
_TYPE_WORDS = {"string": "文字", "integer": "整数", "number": "数字", "date": "日期"}
NAME = re.compile(r"[a-z][a-z0-9_]*")  # resource and column names become SQL names
_REMOTE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//|\\\\)", re.IGNORECASE)  # a scheme, a host, or a Windows share
_FETCHED = {"path", "profile", "dialect", "schema", "$schema", "$ref", "data", "resources", "fields", "package"}
_METADATA = {"licenses", "sources", "contributors"}  # their "path" is an address to show, never read
_READING = ("dialect", "compression", "innerpath", "scheme", "data")  # keys that change how a file is read


def descriptor_problems(descriptor: dict[str, Any], file: str) -> list[Problem]:
    """Everything wrong with the descriptor's shape; empty when Frictionless may read it safely."""
    problems = _remote(descriptor, file, "")
    if problems:
        return problems  # nothing else is looked at: it must not even be tried
    names: dict[str, int] = {}
    for index, resource in enumerate(descriptor["resources"]):
        key = f"resources[{index}]"
        if not isinstance(resource, dict):
            problems.append(_problem(file, key, "应当是一个对象 {…}", "must be an object {…}"))
            continue
        name = resource.get("name")
        problems += _resource(resource, file, key, str(name))
        if isinstance(name, str) and name in names:
            problems.append(
                _problem(
                    file,
                    f"{key}.name",
                    f"资源名“{name}”与 resources[{names[name]}] 重复：每个资源的名称必须不同",
                    f'the resource name "{name}" is the same as resources[{names[name]}]: each name must differ',
                )
            )
        if isinstance(name, str):
            names.setdefault(name, index)
    if not problems:
        problems += _site_tables(descriptor["resources"], file)
    return problems


def _remote(value: Any, file: str, key: str) -> list[Problem]:
    """A remote address (or a profile other than the standard one) wherever Frictionless would fetch it."""
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _remote(v, file, f"{key}[{i}]")]
    if not isinstance(value, dict):
        return []
    found = []
    for name, item in value.items():
        where = f"{key}.{name}" if key else str(name)
        if name in _METADATA:
            continue
        addresses = (
            [item]
            if isinstance(item, str)
            else [i for i in item if isinstance(i, str)]
            if isinstance(item, list)
            else []
        )
        remote = [a.strip() for a in addresses if _REMOTE.match(a)] if name in _FETCHED else []
        if remote:
            found.append(
                _problem(
                    file,
                    where,
                    f"“{remote[0]}”是网络地址：构建时不会访问任何网络地址，请把它删除，或换成数据包文件夹里的文件",
                    f'"{remote[0]}" is a network address: the build never fetches anything; delete it, or name a '
                    "file inside the data package folder",
                )
            )
        elif name == "profile" and isinstance(item, str) and not item.startswith("tabular-data-"):
            found.append(
                _problem(
                    file,
                    where,
                    f"“{item}”不是本网站使用的 profile：请写 tabular-data-package 或 tabular-data-resource，或删除这个键",
                    f'"{item}" is not a profile the site uses: write tabular-data-package or tabular-data-resource, '
                    "or delete the key",
                )
            )
        else:
            found += _remote(item, file, where)
    return found


def _resource(resource: dict[str, Any], file: str, key: str, name: str) -> list[Problem]:
    found = []
    if not isinstance(resource.get("name"), str) or not NAME.fullmatch(resource["name"]):
        found.append(
            _problem(
                file,
                f"{key}.name",
                f"资源名“{resource.get('name', '')}”不可用：只能用小写字母 a–z、数字和下划线，以字母开头，例如 observations",
                f'the resource name "{resource.get("name", "")}" cannot be used: write lower-case letters a–z, '
                "digits and underscores, starting with a letter, such as observations",
            )
        )
    found += _path(resource.get("path"), file, f"{key}.path", name)
    for reading in (k for k in _READING if k in resource):
        found.append(
            _problem(
                file,
                f"{key}.{reading}",
                f"资源“{name}”：本网站只读取 UTF-8、逗号分隔的 CSV 文件，请删除“{reading}”这个键",
                f'resource "{name}": the site reads only UTF-8 CSV files separated by commas; delete the key '
                f'"{reading}"',
            )
        )
    return found + _schema(resource.get("schema"), file, f"{key}.schema", name)


def _path(path: Any, file: str, key: str, name: str) -> list[Problem]:
    if isinstance(path, str) and path.lower().endswith(".csv"):
        return []
    what_zh, what_en = ("一个列表", "a list") if isinstance(path, list) else (f"“{path}”", f'"{path}"')
    if path is None:
        what_zh, what_en = "空的", "missing"
    return [
        _problem(
            file,
            key,
            f'资源“{name}”的 path 是{what_zh}：应当是数据包文件夹里的一个 .csv 文件名，例如 "{name}.csv"',
            f'resource "{name}": its path is {what_en}; it must be the name of one .csv file in the data package '
            f'folder, such as "{name}.csv"',
        )
    ]


def _schema(schema: Any, file: str, key: str, name: str) -> list[Problem]:
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        what_zh, what_en = (
            ("写成了文件路径", "is given as a file path")
            if isinstance(schema, str)
            else ("缺失或没有 fields 列表", "is missing or has no list of fields")
        )
        return [
            _problem(
                file,
                key,
                f"资源“{name}”的 schema {what_zh}：本网站需要把 schema（含 fields 列表）直接写在 datapackage.json 里",
                f'resource "{name}": its schema {what_en}; the site needs the schema, with its "fields" list, '
                "written in datapackage.json itself",
            )
        ]
    found, seen = [], set()
    for index, field in enumerate(schema["fields"]):
        where = f"{key}.fields[{index}]"
        field_name = field.get("name") if isinstance(field, dict) else None
        kind = field.get("type", "string") if isinstance(field, dict) else None
        if not isinstance(field_name, str) or not NAME.fullmatch(field_name) or field_name in seen:
            found.append(
                _problem(
                    file,
                    f"{where}.name",
                    f"资源“{name}”的列名“{field_name}”不可用：只能用小写字母、数字和下划线，以字母开头，且不能重复",
                    f'resource "{name}": the column name "{field_name}" cannot be used: write lower-case letters, '
                    "digits and underscores, starting with a letter, each name once",
                )
            )
        elif kind not in TYPES:
            found.append(
                _problem(
                    file,
                    f"{where}.type",
                    f"资源“{name}”的“{field_name}”列类型“{kind}”本网站不支持，可用：{', '.join(TYPES)}",
                    f'resource "{name}", column "{field_name}": the type "{kind}" is not supported; use one of: '
                    f"{', '.join(TYPES)}",
                )
            )
        seen.add(field_name)
    return found


def _site_tables(resources: list[dict[str, Any]], file: str) -> list[Problem]:
    """The tables the site reads, with each column it uses of the type it expects."""
    found = []
    present = {r["name"]: (i, r) for i, r in enumerate(resources)}
    for table, columns in SITE_TABLES.items():
        if table not in present:
            found.append(
                _problem(
                    file,
                    "resources",
                    f"缺少网站需要的资源“{table}”（{table}.csv）：请把它恢复到 resources 列表中",
                    f'the resource "{table}" ({table}.csv), which the site needs, is missing: put it back in the '
                    '"resources" list',
                )
            )
            continue
        index, resource = present[table]
        types = {f["name"]: (i, f.get("type", "string")) for i, f in enumerate(resource["schema"]["fields"])}
        for kind, names in columns.items():
            for column in names.split():
                if column not in types:
                    found.append(
                        _problem(
                            file,
                            f"resources[{index}].schema.fields",
                            f"资源“{table}”缺少网站需要的列“{column}”（类型 {kind}）：请把它恢复到 fields 中",
                            f'resource "{table}" lacks the column "{column}" (type {kind}) that the site needs: put '
                            'it back in "fields"',
                        )
                    )
                elif types[column][1] != kind:
                    position, written = types[column]
                    found.append(
                        _problem(
                            file,
                            f"resources[{index}].schema.fields[{position}].type",
                            f"资源“{table}”的“{column}”列类型写成了“{written}”，网站需要“{kind}”"
                            f'（{_TYPE_WORDS.get(kind, kind)}）：请改回 "type": "{kind}"',
                            f'resource "{table}", column "{column}": the type is "{written}" but the site needs '
                            f'"{kind}": change it back to "type": "{kind}"',
                        )
                    )
    return found


def _problem(file: str, key: str, zh: str, en: str) -> Problem:
    return Problem(Location(file, key=key), zh, en)
