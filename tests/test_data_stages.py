"""Datasets, warehouse and queries: the validated package loaded into DuckDB and read through SQL files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from site_builder.inputs.config import load_config
from site_builder.inputs.datapackage import validate_package
from site_builder.model import queries, warehouse
from site_builder.model.site import build_site
from tests.conftest import ROOT
from tests.helpers import dataset, set_cell


@pytest.fixture(scope="module")
def db():  # type: ignore[no-untyped-def]
    connection = warehouse.load(validate_package(ROOT, "datasets/datapackage.json"))
    yield connection
    connection.close()


def test_tables_are_typed_from_their_schemas(db) -> None:  # type: ignore[no-untyped-def]
    types = dict(
        db.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'observations'"
        ).fetchall()
    )
    assert types["year"] == "BIGINT" and types["value"] == "DOUBLE" and types["_row"] == "BIGINT"
    for table in ("indicators", "chapters", "observations"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchall() == [(len(dataset(ROOT, table)),)], table


def test_latest_is_the_newest_value_after_the_baseline(db) -> None:  # type: ignore[no-untyped-def]
    rows = {r["id"]: r for r in queries.rows(db, "indicators")}
    assert (rows["urban-rural-income-ratio"]["latest_year"], rows["urban-rural-income-ratio"]["latest_value"]) == (
        2022,
        1.61,
    )
    assert rows["rail-transit-length"]["latest_year"] is None  # only the 2020 baseline is published
    assert rows["healthy-huzhou-index"]["baseline_value"] is None


def test_reduce_by_half_target_becomes_absolute(db) -> None:  # type: ignore[no-untyped-def]
    rows = {r["id"]: r for r in queries.rows(db, "indicators")}
    assert rows["work-safety-deaths"]["target_absolute"] == pytest.approx(0.0135)
    assert rows["rail-transit-length"]["target_absolute"] == 106


def test_one_query_gives_every_series_in_order(db) -> None:  # type: ignore[no-untyped-def]
    rows = queries.rows(db, "observations")
    series = [(r["year"], r["value"], r["source_id"]) for r in rows if r["indicator_id"] == "urban-rural-income-ratio"]
    assert series == [(2020, 1.66, "plan-2021"), (2021, 1.65, "income-gap-2021"), (2022, 1.61, "gov-report-2023")]
    assert [(r["indicator_id"], r["year"]) for r in rows] == sorted((r["indicator_id"], r["year"]) for r in rows)


def test_queries_bind_their_parameters(db) -> None:  # type: ignore[no-untyped-def]
    assert "$as_of_year" in queries.sql("future_values")
    assert queries.rows(db, "future_values", as_of_year=2026) == []
    assert queries.rows(db, "future_values", as_of_year=2021)  # the 2022 values are after 2021
    with pytest.raises(duckdb.Error):
        queries.rows(db, "future_values", as_of_year="2021' OR '1'='1")


def test_every_observation_has_a_source_with_an_address(db) -> None:  # type: ignore[no-untyped-def]
    orphans = db.execute(
        "SELECT count(*) FROM observations o LEFT JOIN sources s ON s.id = o.source_id "
        "WHERE s.url IS NULL OR o.quote IS NULL"
    ).fetchall()
    assert orphans == [(0,)]


def test_missing_translation_points_at_the_cell(project: Path) -> None:
    row = set_cell(project / "datasets/chapters.csv", {"id": "implementation"}, "title_en", "")
    package = validate_package(project, "datasets/datapackage.json")
    problems = warehouse.missing_translations(warehouse.load(package), package, ("zh", "en"))
    assert [p.format("en") for p in problems] == [
        f'datasets/chapters.csv, row {row}, column "title_en": missing translation: the other language is filled '
        "in but this cell is empty"
    ]


def test_model_links_indicators_chapters_and_sources(db) -> None:  # type: ignore[no-untyped-def]
    package = validate_package(ROOT, "datasets/datapackage.json")
    site, problems = build_site(load_config(ROOT), package, db, [])
    assert [len(site.indicators), len(site.chapters), len(site.categories)] == [
        len(dataset(ROOT, name)) for name in ("indicators", "chapters", "categories")
    ]
    ratio = next(i for i in site.indicators if i.id == "urban-rural-income-ratio")
    assert ratio.latest is not None and ratio.latest.source.id == "gov-report-2023"
    assert ratio.name.get("en") == "Urban–rural income ratio" and ratio.chapter.id == "urban-rural-integration"
    assert {p.severity for p in problems} == {"warning"}  # no documents given: every chapter text is missing
