"""Queries: run the SQL files shipped with site_builder against the warehouse, with bound parameters only."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

Row = dict[str, Any]


@cache
def sql(name: str) -> str:
    """The text of site_builder/model/sql/<name>.sql."""
    return (resources.files("site_builder.model") / "sql" / f"{name}.sql").read_text(encoding="utf-8")


def rows(db: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[Row]:
    """All rows of one query as dicts, its parameters bound by name (never formatted into the SQL)."""
    return run(db, sql(name), **params)


def rows_from_file(db: duckdb.DuckDBPyConnection, path: Path, **params: object) -> list[Row]:
    """The same for a SQL file shipped with the data (such as datasets/sql/progress.sql)."""
    return run(db, path.read_text(encoding="utf-8"), **params)


def run(db: duckdb.DuckDBPyConnection, text: str, **params: object) -> list[Row]:
    result = db.execute(text, params or None)
    columns = [d[0] for d in result.description or ()]
    return [dict(zip(columns, values, strict=True)) for values in result.fetchall()]


def materialize(db: duckdb.DuckDBPyConnection, table: str, path: Path, **params: object) -> None:
    """Store the result of a shipped SQL file as a table, so page queries can build on it."""
    if not table.isidentifier():
        raise ValueError(f"not a table name: {table!r}")
    text = path.read_text(encoding="utf-8").strip().rstrip(";")
    db.execute(f"CREATE OR REPLACE TABLE {table} AS {text}", params or None).fetchall()
