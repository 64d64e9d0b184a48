"""Quality: what the data-quality page reports — the Frictionless validation of every table, and the counts of
missing, interim, excluded and differently defined values — read from the validation report and the warehouse."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import duckdb

from site_builder.inputs.datapackage import ValidatedPackage
from site_builder.model import queries
from site_builder.model.entities import Text


@dataclass(frozen=True, slots=True)
class CheckedTable:
    """One table as the validation report saw it."""

    name: str
    title: Text
    file: str
    rows: int
    fields: int
    errors: int
    warnings: int
    valid: bool


@dataclass(frozen=True, slots=True)
class Quality:
    valid: bool
    errors: int
    warnings: int
    tables: tuple[CheckedTable, ...]
    version: str  # the data version validated
    created: date | None  # the day that version of the data was made
    indicators: int
    without_value: int  # indicators with no published value since the baseline
    interim: int  # indicators judged on a value from before the target year
    final: int  # indicators with a value for the target year
    excluded: int  # values found but not used
    definition_differs: int  # published values whose definition may differ from the plan's
    published_values: int  # published values after the baseline


def quality(package: ValidatedPackage, db: duckdb.DuckDBPyConnection, languages: tuple[str, ...]) -> Quality:
    """The report of this build's validation and the counts, from the warehouse (after `progress` is made)."""
    report = json.loads(package.report)
    tables = {t.name: t for t in package.tables}
    checked = tuple(
        CheckedTable(
            task["name"],
            Text(tuple((lang, t.title_in(lang) if (t := tables.get(task["name"])) else "") for lang in languages)),
            task.get("place", ""),
            task["stats"].get("rows", 0),
            task["stats"].get("fields", 0),
            task["stats"].get("errors", 0),
            task["stats"].get("warnings", 0),
            bool(task["valid"]),
        )
        for task in report["tasks"]
    )
    counts = queries.rows(db, "quality")[0]
    try:
        created: date | None = date.fromisoformat(package.created[:10])
    except ValueError:
        created = None
    return Quality(
        bool(report["valid"]),
        report["stats"].get("errors", 0),
        report["stats"].get("warnings", 0),
        checked,
        package.version,
        created,
        **counts,
    )
