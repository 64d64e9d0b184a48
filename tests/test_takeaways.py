"""What journalists take away (issue 16, points 2-4): numbers with their units as a reader of each language writes
them, a citation of each indicator page, and per-indicator files that stand alone in Excel on Chinese Windows."""

from __future__ import annotations

import csv

import pytest

from site_builder.i18n import format_quantity
from tests.conftest import ROOT

ZH, EN = "zh_Hans_CN", "en"

# Every unit of the data package, as 12 of it reads in each language. A unit added to indicators.csv or
# commitments.csv fails `test_every_unit_in_the_data_package_has_its_reading` until it has a line here.
UNITS = {
    ("", ""): ("12", "12"),
    ("%", "%"): ("12%", "12%"),
    ("万人", "10,000 people"): ("12万人", "120,000 people"),
    ("万人次", "10,000 person-times"): ("12万人次", "120,000 person-times"),
    ("亿元", "100 million yuan"): ("12亿元", "1.2 billion yuan"),
    ("人/亿元", "deaths per 100 million yuan"): ("12人/亿元", "12 deaths per 100 million yuan"),
    ("个（累计）", "communities (cumulative)"): ("12个（累计）", "12 communities (cumulative)"),
    ("个（累计）", "shelters (cumulative)"): ("12个（累计）", "12 shelters (cumulative)"),
    ("倍", "times"): ("12倍", "12 times"),
    ("公里", "km"): ("12公里", "12 km"),
    ("平方米/人", "m² per person"): ("12平方米/人", "12 m² per person"),
    ("所", "schools"): ("12所", "12 schools"),
    ("个", "airports"): ("12个", "12 airports"),
    ("个", "areas"): ("12个", "12 areas"),
    ("个", "bases"): ("12个", "12 bases"),
    ("个", "enterprises"): ("12个", "12 enterprises"),
    ("个", "factories"): ("12个", "12 factories"),
    ("个", "institutions"): ("12个", "12 institutions"),
    ("个", "resorts"): ("12个", "12 resorts"),
    ("个", "scenarios"): ("12个", "12 scenarios"),
    ("个", "sites"): ("12个", "12 sites"),
    ("个", "studios"): ("12个", "12 studios"),
    ("个", "towns"): ("12个", "12 towns"),
    ("个", "townships"): ("12个", "12 townships"),
    ("个", "villages"): ("12个", "12 villages"),
    ("个", "wards"): ("12个", "12 wards"),
    ("个", "zones"): ("12个", "12 zones"),
    ("人", "people"): ("12人", "12 people"),
    ("分钟", "minutes"): ("12分钟", "12 minutes"),
    ("名", "people"): ("12名", "12 people"),
    ("名", "rank"): ("12名", "12 rank"),
    ("家", "enterprises"): ("12家", "12 enterprises"),
    ("家", "family farms"): ("12家", "12 family farms"),
    ("家", "farms"): ("12家", "12 farms"),
    ("小时", "hours"): ("12小时", "12 hours"),
    ("张", "calling cards"): ("12张", "12 calling cards"),
    ("户", "households"): ("12户", "12 households"),
}


def _units() -> set[tuple[str, str]]:
    found = set()
    for name in ("indicators.csv", "commitments.csv"):
        with (ROOT / "datasets" / name).open(encoding="utf-8-sig", newline="") as handle:
            found |= {(row["unit_zh"], row["unit_en"]) for row in csv.DictReader(handle)}
    return found


def test_every_unit_in_the_data_package_has_its_reading() -> None:
    assert sorted(_units() - set(UNITS)) == []


@pytest.mark.parametrize(("unit", "expected"), sorted(UNITS.items()), ids=lambda x: "|".join(x))
def test_each_unit_reads_correctly_in_both_languages(unit: tuple[str, str], expected: tuple[str, str]) -> None:
    assert (format_quantity(12, unit[0], ZH), format_quantity(12, unit[1], EN)) == expected


@pytest.mark.parametrize(
    ("value", "unit_zh", "unit_en", "decimals", "comparator", "zh", "en"),
    [
        (6, "万人", "10,000 people", None, "", "6万人", "60,000 people"),  # indicator 18's baseline
        (500, "亿元", "100 million yuan", None, ">", "超过500亿元", "> 50 billion yuan"),
        (30, "万人", "10,000 people", None, ">=", "30万人以上", "≥ 300,000 people"),
        (80, "%", "%", None, "about", "80%左右", "about 80%"),
        (10, "个", "towns", None, "about", "10个左右", "about 10 towns"),
        (1.6, "倍", "times", None, "<=", "1.6倍以内", "≤ 1.6 times"),
        (23.0, "%", "%", None, "", "23%", "23%"),  # the plan's 23 stays 23
        (23.0, "%", "%", 1, "", "23.0%", "23.0%"),  # a published value keeps the indicator's decimals
        (
            0.027,
            "人/亿元",
            "deaths per 100 million yuan",
            None,
            "",
            "0.027人/亿元",
            "0.027 deaths per 100 million yuan",
        ),
        (6.53, "万人", "10,000 people", 2, "", "6.53万人", "65,300 people"),
        (5000, "人", "people", None, ">=", "5,000人以上", "≥ 5,000 people"),
        (None, "%", "%", 1, "", "–", "–"),
    ],
)
def test_quantities_with_comparators_read_as_the_plan_writes_them(
    value: float | None, unit_zh: str, unit_en: str, decimals: int | None, comparator: str, zh: str, en: str
) -> None:
    assert format_quantity(value, unit_zh, ZH, decimals, comparator) == zh
    assert format_quantity(value, unit_en, EN, decimals, comparator) == en
