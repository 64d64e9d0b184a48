"""Progress: the shipped SQL and the Python reference agree on every case, and the method handles the plan's shapes."""

from __future__ import annotations

import functools
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.model.progress import Assessment, Inputs, assess
from tests.conftest import ROOT

PROGRESS_SQL = (ROOT / "datasets/sql/progress.sql").read_text(encoding="utf-8")
INDICATOR_COLUMNS = (
    "id VARCHAR, number BIGINT, baseline_year BIGINT, baseline_value DOUBLE, target_year BIGINT, "
    "target_comparator VARCHAR, target_value DOUBLE, target_basis VARCHAR, decimals BIGINT"
)


@functools.cache
def database() -> duckdb.DuckDBPyConnection:
    """One in-memory database for every example (opening one costs more than the query); each example makes its
    tables anew."""
    return duckdb.connect(":memory:")


def run_sql(
    indicators: list[dict[str, Any]],
    observations: list[tuple[str, int, float]],
    commitments: list[dict[str, Any]],
    progress: list[tuple[str, int, float]],
    as_of: int,
) -> dict[tuple[str, str], dict[str, Any]]:
    db = database()
    db.execute(f"CREATE OR REPLACE TABLE indicators ({INDICATOR_COLUMNS})")
    db.execute("CREATE OR REPLACE TABLE observations (indicator_id VARCHAR, year BIGINT, value DOUBLE)")
    db.execute(
        "CREATE OR REPLACE TABLE commitments (id VARCHAR, number BIGINT, deadline_year BIGINT, comparator VARCHAR, "
        "target_value DOUBLE, indicator_id VARCHAR)"
    )
    db.execute("CREATE OR REPLACE TABLE commitment_progress (commitment_id VARCHAR, year BIGINT, value DOUBLE)")
    for row in indicators:
        db.execute("INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", list(row.values()))
    db.executemany("INSERT INTO observations VALUES (?, ?, ?)", observations) if observations else None
    for row in commitments:
        db.execute("INSERT INTO commitments VALUES (?, ?, ?, ?, ?, ?)", [*row.values(), None][:6])
    db.executemany("INSERT INTO commitment_progress VALUES (?, ?, ?)", progress) if progress else None
    result = db.execute(PROGRESS_SQL, {"as_of_year": as_of})
    columns = [d[0] for d in result.description or ()]
    rows = [dict(zip(columns, values, strict=True)) for values in result.fetchall()]
    return {(r["kind"], r["id"]): r for r in rows}


def python_indicator(row: dict[str, Any], observations: list[tuple[str, int, float]], as_of: int) -> Assessment:
    after = [
        (y, v)
        for i, y, v in observations
        if i == row["id"] and (row["baseline_year"] is None or y > row["baseline_year"])
    ]
    latest = max(after) if after else (None, None)
    target = row["target_value"]
    if row["target_basis"] == "change_from_baseline_pct":
        target = row["baseline_value"] * (1 + row["target_value"] / 100) if row["baseline_value"] is not None else None
    return assess(
        Inputs(
            row["baseline_year"],
            row["baseline_value"],
            row["target_year"],
            row["target_comparator"],
            target,
            latest[0],
            latest[1],
            as_of,
            row["decimals"],
        )
    )  # type: ignore[arg-type]


def same(sql: dict[str, Any], python: Assessment) -> None:
    assert (sql["status"], sql["interim"], sql["summary"], sql["outcome"]) == (
        python.status,
        python.interim,
        python.summary,
        python.outcome,
    )
    assert sql["expected_share"] == python.expected_share and sql["actual_share"] == python.actual_share


values = st.floats(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 3))
years = st.integers(min_value=2015, max_value=2030)


def near_thresholds(row: dict[str, Any], year: int) -> st.SearchStrategy[float]:
    """Values that put an observation on or next to the method's boundaries: the pace thresholds, "equal" tolerance."""
    baseline, target = row["baseline_value"], row["target_value"]
    if row["target_basis"] == "change_from_baseline_pct" and baseline is not None:
        target = baseline * (1 + target / 100)
    tolerance = 0.5 * 10.0 ** -row["decimals"]
    near = [target + tolerance, target - tolerance, target * 1.1, target * 0.9]
    if baseline is not None and row["baseline_year"] is not None and row["target_year"] > row["baseline_year"]:
        share = (year - row["baseline_year"]) / (row["target_year"] - row["baseline_year"])
        near += [baseline + r * share * (target - baseline) for r in (0.3, 0.49, 0.5, 0.51, 0.9, 0.94, 0.95, 0.96, 1.0)]
    return st.sampled_from(near)


@st.composite
def indicator_case(draw: st.DrawFn, n: int) -> tuple[dict[str, Any], list[tuple[str, int, float]]]:
    has_baseline = draw(st.booleans())
    baseline = draw(st.sampled_from([0.0, 100.0]) | values) if has_baseline else None
    basis = draw(st.sampled_from(["absolute", "change_from_baseline_pct"])) if has_baseline else "absolute"
    baseline_year = draw(st.integers(2015, 2022)) if has_baseline else None
    target_value = draw(st.sampled_from([-50.0, 0.0, 100.0]) | values)
    if draw(st.booleans()) and baseline is not None:
        target_value = baseline  # "hold at" targets
    row = {
        "id": f"i{n}",
        "number": n,
        "baseline_year": baseline_year,
        "baseline_value": baseline,
        "target_year": (baseline_year or 2020) + draw(st.sampled_from([5, 1, 2, 3, 4, 6, 8, 10, 0, -1])),
        "target_comparator": draw(st.sampled_from([">=", ">", "<=", "<", "equal", "about"])),
        "target_value": target_value,
        "target_basis": basis,
        "decimals": draw(st.integers(0, 3)),
    }
    observed = []
    chosen = draw(
        st.lists(
            st.sampled_from(range((baseline_year or 2015) + 1, max(row["target_year"], (baseline_year or 2015) + 2))),
            max_size=3,
            unique=True,
        )
    )
    if draw(st.booleans()):
        chosen.append(draw(years.filter(lambda y: y not in chosen)))
    for year in sorted(chosen):
        anything = st.sampled_from([baseline or 0.0, target_value]) | values
        latest = year == max(chosen)
        observed.append((year, draw(near_thresholds(row, year) | anything if latest else anything)))
    return row, [(row["id"], y, v) for y, v in observed]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cases=st.lists(st.integers(), min_size=1, max_size=12).flatmap(
        lambda xs: st.tuples(*[indicator_case(n) for n in range(1, len(xs) + 1)])
    ),
    as_of=years,
)
def test_sql_and_python_agree_on_indicators(cases: tuple[Any, ...], as_of: int) -> None:
    rows = [row for row, _ in cases]
    observations = [o for _, obs in cases for o in obs]
    results = run_sql(rows, observations, [], [], as_of)
    for row in rows:
        same(results[("indicator", row["id"])], python_indicator(row, observations, as_of))


@settings(max_examples=60, deadline=None)
@given(
    target=values,
    comparator=st.sampled_from([">=", ">", "<=", "<", "equal", "about"]),
    deadline=years,
    reported=st.lists(st.tuples(years, values), max_size=3, unique_by=lambda t: t[0]),
    as_of=years,
)
def test_sql_and_python_agree_on_commitments(
    target: float, comparator: str, deadline: int, reported: list[tuple[int, float]], as_of: int
) -> None:
    commitment = {"id": "c1", "number": 1, "deadline_year": deadline, "comparator": comparator, "target_value": target}
    result = run_sql([], [], [commitment], [("c1", y, v) for y, v in reported], as_of)[("commitment", "c1")]
    latest = max(reported) if reported else (None, None)
    same(result, assess(Inputs(None, None, deadline, comparator, target, latest[0], latest[1], as_of, 0, "commitment")))


def status(
    baseline: float | None,
    target: float,
    comparator: str,
    latest: tuple[int, float] | None,
    as_of: int = 2024,
    decimals: int = 1,
) -> Assessment:
    year, value = latest or (None, None)
    return assess(
        Inputs(2020 if baseline is not None else None, baseline, 2025, comparator, target, year, value, as_of, decimals)
    )


@pytest.mark.parametrize(
    ("baseline", "target", "comparator", "latest", "expected"),
    [
        (0, 106, ">=", (2022, 50), "on_track"),  # rail: a zero baseline works
        (0, 106, ">=", (2022, 30), "needs_acceleration"),
        (0, 106, ">=", (2022, 10), "off_track"),
        (0.027, 0.0135, "<=", (2022, 0.02), "on_track"),  # "reduce by 50% from 2020"
        (0.027, 0.0135, "<=", (2022, 0.03), "off_track"),  # moving away
        (100, 100, "equal", (2022, 100), "achieved"),  # hold at 100
        (100, 100, "equal", (2022, 98), "off_track"),
        (35, 50, ">", (2023, 50), "on_track"),  # "> 50" is not met by exactly 50, but on its path
        (35, 50, ">", (2023, 51), "achieved"),
        (1.66, 1.6, "<=", (2022, 1.61), "on_track"),  # ≤ 1.6
        (77.5, 90, ">=", (2025, 91), "met"),
        (77.5, 90, ">=", (2025, 89), "not_met"),
        (77.5, 90, ">=", None, "no_data"),
        (None, 90, ">=", None, "not_assessable"),  # no baseline (indicator 22)
        (None, 90, ">=", (2023, 80), "not_assessable"),
        (10, 10, "about", (2023, 10.9), "achieved"),  # 10个左右
    ],
)
def test_the_plans_shapes(
    baseline: float | None, target: float, comparator: str, latest: tuple[int, float] | None, expected: str
) -> None:
    assert status(baseline, target, comparator, latest).status == expected


def test_after_the_target_year_an_earlier_value_is_interim() -> None:
    result = status(1.66, 1.6, "<=", (2022, 1.61), as_of=2026)
    assert (result.status, result.interim, result.summary) == ("awaiting_final", "on_track", "on_track")
    assert result.expected_share == pytest.approx(0.4) and result.actual_share == pytest.approx(5 / 6)


@pytest.mark.parametrize(
    ("latest", "as_of", "expected"),
    [
        ((2025, 91), 2025, "met"),  # a value for the target year, in the target year itself
        ((2025, 89), 2026, "not_met"),
        ((2024, 91), 2025, "awaiting_final"),  # already at the target, but the 2025 value is not published
        ((2022, 80), 2026, "awaiting_final"),
        (None, 2026, "no_data"),
        ((2022, 80), 2024, "not_due"),  # the target year has not come: an interim report judges the pace instead
        (None, 2024, "not_due"),
    ],
)
def test_the_final_assessment_counts_met_not_met_awaiting_and_no_data(
    latest: tuple[int, float] | None, as_of: int, expected: str
) -> None:
    """What the final assessment report counts, from the target year (2025) on."""
    assert status(77.5, 90, ">=", latest, as_of=as_of).outcome == expected
