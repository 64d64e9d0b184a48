"""Warehouse: load the validated tables into one in-process DuckDB database, typed from their Table Schemas."""

from __future__ import annotations

import re

import duckdb

from site_builder.inputs import garbled
from site_builder.inputs.datapackage import Table, ValidatedPackage
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import rows as row_words
from site_builder.problems.catalogue.cells import NOT_FINITE

_DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "date": "DATE",
    "year": "INTEGER",
    "boolean": "BOOLEAN",
    "datetime": "TIMESTAMP",
}
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


def load(package: ValidatedPackage) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory database with one table per resource of the (already validated) package."""
    db = duckdb.connect(":memory:")
    for table in package.tables:
        _load_table(db, table)
    return db


def _load_table(db: duckdb.DuckDBPyConnection, table: Table) -> None:
    """The table's cells exactly as the validator read and typed them: DuckDB never parses the file itself."""
    if not _IDENTIFIER.match(table.name) or not all(_IDENTIFIER.match(f.name) for f in table.fields):
        # descriptor.py refuses such names with their key first; this guards the SQL below all the same
        raise ValueError(f"{table.shown_as}: resource and field names must be lower-case identifiers")
    columns = ", ".join(
        f"unnest(${f.name}::{_DUCKDB_TYPES.get(f.type, 'VARCHAR')}[]) AS {f.name}" for f in table.fields
    )
    values = {f.name: list(v) for f, v in zip(table.fields, table.cells.columns, strict=True)}
    # _row is the file's physical row (the header is row 1), so later checks can point at it.
    db.execute(
        f"CREATE TABLE {table.name} AS SELECT unnest($_row::BIGINT[]) AS _row, {columns} ORDER BY _row",
        {"_row": list(table.cells.rows), **values},
    )


def missing_translations(
    db: duckdb.DuckDBPyConnection, package: ValidatedPackage, languages: tuple[str, ...]
) -> list[Problem]:
    """A warning for every cell `<name>_<lang>` left empty where another language's `<name>_...` is filled."""
    problems = []
    for table in package.tables:
        names = {f.name for f in table.fields}
        for stem in sorted({n.rsplit("_", 1)[0] for n in names if n.rsplit("_", 1)[-1] in languages}):
            columns = [f"{stem}_{lang}" for lang in languages if f"{stem}_{lang}" in names]
            for column in columns:
                others = " OR ".join(f"{c} IS NOT NULL" for c in columns if c != column) or "FALSE"
                query = f"SELECT _row FROM {table.name} WHERE {column} IS NULL AND ({others}) ORDER BY _row"
                for (row,) in db.execute(query).fetchall():
                    problems.append(_missing(table.shown_as, row, column))
    return problems


def _missing(file: str, row: int, column: str) -> Problem:
    return row_words.MISSING_TRANSLATION.at(Location(file, row=row, column=column))


def unusable_rows(db: duckdb.DuckDBPyConnection, package: ValidatedPackage) -> list[Problem]:
    """Errors Frictionless lets through: NaN or infinite numbers, and tables left with no rows."""
    problems = []
    for table in package.tables:
        for field in (f for f in table.fields if f.type == "number"):
            query = f"SELECT _row, {field.name} FROM {table.name} WHERE isnan({field.name}) OR isinf({field.name})"
            for row, value in db.execute(query).fetchall():
                problems.append(NOT_FINITE.at(Location(table.shown_as, row=row, column=field.name), cell=value))
        (count,) = db.execute(f"SELECT count(*) FROM {table.name}").fetchall()[0]
        if count == 0 and not table.may_be_empty:
            problems.append(row_words.NO_ROWS.at(Location(table.shown_as, row=2)))
    return problems


def garbled_cells(db: duckdb.DuckDBPyConnection, package: ValidatedPackage) -> list[Problem]:
    """Text cells that are garbled though the file is UTF-8 (it was once opened with the wrong encoding); one
    problem for a file garbled as a whole, which is restored, not mended cell by cell."""
    problems = []
    for table in package.tables:
        found, chinese = [], 0
        for field in (f for f in table.fields if f.type == "string"):
            # Only cells beyond ASCII can be garbled; the first look is Python's (a pattern of a few thousand
            # characters given to DuckDB is compiled again and again: 30 times slower on the real site).
            query = f"SELECT _row, {field.name} FROM {table.name} WHERE regexp_matches({field.name}, '[^\\x00-\\x7f]')"
            cells = db.execute(query).fetchall()
            chinese += len(cells)
            for row, value in cells:
                if garbled.CANDIDATE.search(value) and (seen := garbled.garbled(value)) is not None:
                    found.append(garbled.problem(Location(table.shown_as, row=row, column=field.name), *seen))
        whole = garbled.mostly_garbled(len(found), chinese)
        problems += [garbled.file_problem(table.shown_as, len(found), chinese)] if whole else found
    return problems
