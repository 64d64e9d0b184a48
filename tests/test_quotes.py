"""Quotes support their values: the number in a sourced value's quote is its value (read through thousands
separators, full-width digits, 万/亿 and percent), or the row says why not in a note; otherwise a located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.inputs.datapackage import validate_package
from site_builder.model import queries, quotes, warehouse
from site_builder.problems import Location
from tests.conftest import ROOT, copy_project
from tests.helpers import assert_problem, read_rows, set_cell

# value, quote, unit, note: None (the quote supports the value) or the number the message names as nearest
CASES = {
    "match": (77.8, "PM2.5年均濃度29微克/立方米,空氣優良率為77.8%。", "%", False, None),
    "mismatch": (1.58, "城乡居民收入倍差缩小至1.56。", "倍", False, "1.56"),
    "thousands separator": (71044, "城镇居民人均可支配收入达到71,044元", "元", False, None),
    "thousands separator, wrong value": (71045, "城镇居民人均可支配收入达到71,044元", "元", False, "71,044"),
    "full-width digits": (77.8, "空气优良率为７７．８％", "%", False, None),
    "full-width year and value": (2023, "２０２３年", "年", False, None),
    "万 in the quote, 万 in the unit": (340.7, "常住人口340.7萬人", "万人", False, None),
    "万 in the quote, people in the unit": (3407000, "常住人口340.7万人", "人", False, None),
    "people in the quote, 万 in the unit": (6, "日活跃用户60,000人", "万人", False, None),
    "万 scaled wrongly": (340.7, "常住人口340.7万人", "人", False, "340.7万"),
    "亿 dividing the unit does not scale": (0.027, "亿元GDP生产安全事故死亡率0.027", "人/亿元", False, None),
    "percent as a share": (0.778, "空气优良率为77.8%", "", False, None),
    "a ratio": (1.65, "收入比為1.65∶1,較上年縮小0.01", "倍", False, None),
    "no number in the quote": (65.64, "表二 湖州市新型城镇化指标体系", "%", False, ""),
    "rounded, not the same": (65.6, "城镇化率65.64%", "%", False, "65.64%"),
    "note present": (65.64, "表2-1 湖州市新型城镇化“十四五”指标体系", "%", True, None),
    "note present, mismatch": (1.58, "城乡居民收入倍差缩小至1.56。", "倍", True, None),
}


@pytest.mark.parametrize("case", CASES)
def test_a_quote_supports_its_value_or_the_row_says_why(case: str) -> None:
    value, quote, unit, noted, nearest = CASES[case]
    said = quotes.problem(quotes.Quoted("datasets/observations.csv", 7, value, quote, unit, noted))
    if nearest is None:
        assert said is None, said
        return
    assert said is not None and said.location == Location("datasets/observations.csv", row=7, column="value")
    assert said.severity == "error"
    if nearest:
        assert said.code == "rows.quote-differs"
        assert f"数值 {quotes.shown(value)} 在" in said.zh and f"最接近的数字是 {nearest}）" in said.zh, said.zh
        assert f"the value {quotes.shown(value)} is not" in said.en and f"holds is {nearest})" in said.en, said.en
    else:
        assert said.code == "rows.quote-without-number"
    assert "note_zh" in said.zh and "note_en" in said.en


def test_every_real_value_is_in_its_quote_or_its_row_has_a_note() -> None:
    """Over the real data: what matches and what passes by its note are both counted, so a change shows."""
    package = validate_package(ROOT, "datasets/datapackage.json")
    db = warehouse.load(package)
    assert quotes.quote_problems(db, package) == []
    matched = noted = 0
    for row in queries.rows(db, "quoted_values"):
        if quotes.supports(row["value"], quotes.numbers(row["quote"], row["unit"] or "")):
            matched += 1
        else:
            assert row["note_zh"] and row["note_en"], row
            noted += 1
    rows = sum(len(read_rows(ROOT / f"datasets/{name}.csv")) for name in ("observations", "excluded_observations"))
    assert matched + noted == rows + len(read_rows(ROOT / "datasets/commitment_progress.csv"))
    assert matched >= 6  # the values published after the baseline, and the values found but not used


def test_a_value_its_quote_contradicts_is_refused_at_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    row = set_cell(
        project / "datasets/observations.csv",
        {"indicator_id": "urban-rural-income-ratio", "year": "2022"},
        "value",
        "1.58",
    )
    assert main(["validate", "--root", str(project)]) == 1
    assert_problem(capsys.readouterr().err, "rows.quote-differs", Location("datasets/observations.csv", row, "value"))
