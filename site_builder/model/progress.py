"""Progress: the reference implementation of the status method that datasets/sql/progress.sql states in SQL.

Both must agree on every input (tests/test_progress.py checks it with generated cases); the method page
explains it to readers. Pure functions only: numbers in, a status out.
"""

from __future__ import annotations

from dataclasses import dataclass

ON_TRACK = 0.95  # share of the expected progress that counts as on track
NEEDS_ACCELERATION = 0.5  # below this share of the expected progress: off track
ABOUT = 0.10  # "about X" (左右) is met within 10% of X


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the method reads: the baseline, the target, the latest value after the baseline, and today's year."""

    baseline_year: int | None
    baseline_value: float | None
    target_year: int
    comparator: str  # >=, >, <=, <, equal, about
    target: float  # absolute (a "reduce by 50%" target is already turned into a value)
    latest_year: int | None
    latest_value: float | None
    as_of_year: int
    decimals: int
    kind: str = "indicator"  # or "commitment" (one no indicator measures): it has no baseline, so none is missing


@dataclass(frozen=True, slots=True)
class Assessment:
    status: (
        str  # met, not_met, awaiting_final, achieved, on_track, needs_acceleration, off_track, no_data, not_assessable
    )
    interim: str | None  # for awaiting_final: where the latest value stood (achieved, on_track, …)
    expected_share: float | None  # share of the baseline-to-target path time has covered by the latest year
    actual_share: float | None  # share of the path the latest value has covered
    summary: str  # achieved, on_track, behind, no_data: the four groups of the dashboard
    outcome: str  # met, not_met, awaiting_final, no_data once the target year has come; before it, not_due
    final: bool = False  # judged on a value for the target year (met, not_met); else on an interim value or none


def satisfies(value: float, comparator: str, target: float, decimals: int) -> bool:
    """Whether a value meets a target; "equal" allows half a unit of the last decimal shown."""
    if comparator == ">=":
        return value >= target
    if comparator == ">":
        return value > target
    if comparator == "<=":
        return value <= target
    if comparator == "<":
        return value < target
    if comparator == "equal":
        return abs(value - target) <= 0.5 * 10.0**-decimals
    return abs(value - target) <= ABOUT * abs(target)  # about


def assess(i: Inputs) -> Assessment:
    """The status of one indicator or commitment, as of `i.as_of_year`."""
    due = i.as_of_year >= i.target_year  # a final assessment counts it: met, not met, awaiting final data, no data
    if i.latest_value is None or i.latest_year is None:
        status = "not_assessable" if i.kind == "indicator" and i.baseline_value is None else "no_data"
        return Assessment(status, None, None, None, "no_data", "no_data" if due else "not_due")
    met = satisfies(i.latest_value, i.comparator, i.target, i.decimals)
    if i.latest_year >= i.target_year:
        status = "met" if met else "not_met"
        return Assessment(status, None, None, None, "achieved" if met else "behind", status, final=True)
    expected = actual = None
    if met:
        interim = "achieved"
    elif (
        i.baseline_value is None
        or i.baseline_year is None
        or i.latest_year <= i.baseline_year
        or i.target_year <= i.baseline_year
    ):
        interim = "not_assessable"
    else:
        expected = (i.latest_year - i.baseline_year) / (i.target_year - i.baseline_year)
        gap = i.target - i.baseline_value
        actual = (i.latest_value - i.baseline_value) / gap if gap != 0 else -1.0
        interim = _pace(actual / expected)
    status = "awaiting_final" if i.as_of_year > i.target_year else interim
    outcome = "awaiting_final" if due else "not_due"  # the target year's value is not (yet) published
    return Assessment(
        status, interim if status == "awaiting_final" else None, expected, actual, _summary(interim), outcome
    )


def _pace(ratio: float) -> str:
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= NEEDS_ACCELERATION:
        return "needs_acceleration"
    return "off_track"


def _summary(interim: str) -> str:
    return {"achieved": "achieved", "on_track": "on_track", "not_assessable": "no_data"}.get(interim, "behind")
