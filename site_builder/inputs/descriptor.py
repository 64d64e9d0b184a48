"""Descriptor: check the shape of datapackage.json before Frictionless reads it — no remote reference (the build
makes no network request), and every resource the site needs, with the names, files and column types it reads."""

from __future__ import annotations

import re
from typing import Any

from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import package as words

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
            problems.append(words.NOT_AN_OBJECT.at(Location(file, key=key)))
            continue
        name = resource.get("name")
        problems += _resource(resource, file, key, str(name))
        if isinstance(name, str) and name in names:
            problems.append(words.NAME_TWICE.at(Location(file, key=f"{key}.name"), name=name, first=names[name]))
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
            found.append(words.REMOTE.at(Location(file, key=where), address=remote[0]))
        elif name == "profile" and isinstance(item, str) and not item.startswith("tabular-data-"):
            found.append(words.PROFILE.at(Location(file, key=where), profile=item))
        else:
            found += _remote(item, file, where)
    return found


def _resource(resource: dict[str, Any], file: str, key: str, name: str) -> list[Problem]:
    found = []
    if not isinstance(resource.get("name"), str) or not NAME.fullmatch(resource["name"]):
        found.append(words.RESOURCE_NAME.at(Location(file, key=f"{key}.name"), name=resource.get("name", "")))
    found += _path(resource.get("path"), file, f"{key}.path", name)
    for reading in (k for k in _READING if k in resource):
        found.append(words.READING_KEY.at(Location(file, key=f"{key}.{reading}"), name=name, key=reading))
    return found + _schema(resource.get("schema"), file, f"{key}.schema", name)


def _path(path: Any, file: str, key: str, name: str) -> list[Problem]:
    if isinstance(path, str) and path.lower().endswith(".csv"):
        return []
    where = Location(file, key=key)
    if isinstance(path, list):
        return [words.PATH_LIST.at(where, name=name)]
    if path is None:
        return [words.PATH_MISSING.at(where, name=name)]
    return [words.PATH_NOT_CSV.at(where, name=name, path=path)]


def _schema(schema: Any, file: str, key: str, name: str) -> list[Problem]:
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        message = words.SCHEMA_PATH if isinstance(schema, str) else words.SCHEMA_MISSING
        return [message.at(Location(file, key=key), name=name)]
    found, seen = [], set()
    for index, field in enumerate(schema["fields"]):
        where = f"{key}.fields[{index}]"
        field_name = field.get("name") if isinstance(field, dict) else None
        kind = field.get("type", "string") if isinstance(field, dict) else None
        if not isinstance(field_name, str) or not NAME.fullmatch(field_name) or field_name in seen:
            found.append(words.COLUMN_NAME.at(Location(file, key=f"{where}.name"), name=name, column=field_name))
        elif kind not in TYPES:
            found.append(
                words.COLUMN_TYPE.at(
                    Location(file, key=f"{where}.type"), name=name, column=field_name, kind=kind, types=", ".join(TYPES)
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
            found.append(words.SITE_TABLE_MISSING.at(Location(file, key="resources"), table=table))
            continue
        index, resource = present[table]
        types = {f["name"]: (i, f.get("type", "string")) for i, f in enumerate(resource["schema"]["fields"])}
        for kind, names in columns.items():
            for column in names.split():
                if column not in types:
                    found.append(
                        words.SITE_COLUMN_MISSING.at(
                            Location(file, key=f"resources[{index}].schema.fields"),
                            table=table,
                            column=column,
                            kind=kind,
                        )
                    )
                elif types[column][1] != kind:
                    position, written = types[column]
                    found.append(
                        words.SITE_COLUMN_TYPE.at(
                            Location(file, key=f"resources[{index}].schema.fields[{position}].type"),
                            table=table,
                            column=column,
                            written=written,
                            kind=kind,
                            kind_words=_TYPE_WORDS.get(kind, kind),
                        )
                    )
    return found
