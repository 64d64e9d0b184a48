"""Queries: run the SQL files shipped with site_builder against the warehouse, with bound parameters only."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import duckdb

Row = dict[str, Any]


@cache
def sql(name: str) -> str:
    """The text of site_builder/sql/<name>.sql."""
    return (resources.files("site_builder") / "sql" / f"{name}.sql").read_text(encoding="utf-8")


def rows(db: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[Row]:
    """All rows of one query as dicts, its parameters bound by name (never formatted into the SQL)."""
    result = db.execute(sql(name), params or None)
    columns = [d[0] for d in result.description or ()]
    return [dict(zip(columns, values, strict=True)) for values in result.fetchall()]
