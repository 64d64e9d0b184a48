"""Honest about what is missing, judgement first, commitments tied to the data, and the data-quality page (issue 17):
on the real site in both languages, through the real build, with the shipped SQL checked against its reference."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser

from site_builder.cli import main
from site_builder.inputs.datapackage import validate_package
from site_builder.model import queries, warehouse
from site_builder.model.progress import Inputs, assess
from tests.conftest import ROOT
from tests.helpers import read_rows, set_cell, snapshot, write_rows

PROGRESS_SQL = (ROOT / "datasets/sql/progress.sql").read_text(encoding="utf-8")


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def api(site: Path, path: str) -> Any:
    return json.loads((site / "api/v1" / path).read_text(encoding="utf-8"))


def facts(page: BeautifulSoup) -> dict[str, str]:
    found = page.select_one("dl.facts")
    assert found is not None
    return {d.dt.get_text(" ", strip=True): d.dd.get_text(" ", strip=True) for d in found.select("div")}  # type: ignore[union-attr]


# 1. Honest absence


@pytest.mark.parametrize(
    ("lang", "none", "searched", "sentence"),
    [
        ("zh", "未找到公开发布的数值", "最近一次查找：2026年11月", "此后未找到公开发布的数值"),
        ("en", "No published value found", "Last searched: November 2026", "no published value has been found since"),
    ],
)
def test_absence_says_what_was_found_and_when_it_was_searched(
    built_site: Path, lang: str, none: str, searched: str, sentence: str
) -> None:
    page = soup(built_site, f"{lang}/indicators/rail-transit-length")
    latest = next(v for k, v in facts(page).items() if k in ("最新公开值", "Latest published value"))
    assert latest == f"{none} {searched}"
    assert sentence in page.select_one("p.sentence").get_text()  # type: ignore[union-attr]
    html = (built_site / lang / "indicators/rail-transit-length/index.html").read_text(encoding="utf-8")
    assert "has been published since" not in html and "尚无公开" not in html


def test_values_found_but_not_used_are_listed_with_source_value_and_reason(built_site: Path) -> None:
    half_year = soup(built_site, "en/indicators/one-stop-online-rate")
    section = half_year.select_one("#not-used ~ ol.excluded")
    assert section is not None
    text = section.get_text(" ", strip=True)
    assert "2024H1 · 99.31 · A half-year figure, not an annual one" in text
    assert section.select_one("a")["href"] == "http://xzfw.huzhou.gov.cn/art/2024/7/15/art_1229512917_3975738.html"  # type: ignore[index]
    aggregator = soup(built_site, "zh/indicators/urbanization-rate").select_one("#not-used ~ ol.excluded")
    assert aggregator is not None
    assert "2021 · 66 · 来自未注明官方出处的第三方聚合网站" in aggregator.get_text(" ", strip=True)
    assert soup(built_site, "en/indicators/rail-transit-length").select_one("#not-used") is None  # only where any


def test_who_publishes_it_and_where_or_not_known(built_site: Path) -> None:
    urbanization = facts(soup(built_site, "zh/indicators/urbanization-rate"))
    assert urbanization["发布部门"] == "浙江省统计局"
    assert urbanization["预计发布于"] == "浙江省人口主要数据公报（每年一期）"
    rail = facts(soup(built_site, "en/indicators/rail-transit-length"))
    assert (rail["Published by"], rail["Expected in"]) == ("Not known", "Not known")
    record = api(built_site, "indicators/urbanization-rate.json")
    assert record["searched"] == "2026-11" and record["responsible"]["en"] == "Zhejiang Provincial Bureau of Statistics"
    assert [(e["period"], e["reason"]) for e in record["excluded"]] == [("2021", "aggregator")]


# 3. Judgement first


@pytest.mark.parametrize(
    ("lang", "label", "basis", "detail"),
    [
        ("zh", "已提前达到目标", "中期", "依据2022年数值；2025年数值尚未发布"),
        ("en", "Target already reached", "Interim", "on the 2022 value; the 2025 value has not been published"),
    ],
)
def test_the_judgement_is_the_badge_and_interim_is_said(
    built_site: Path, lang: str, label: str, basis: str, detail: str
) -> None:
    status = soup(built_site, f"{lang}/indicators/surface-water-quality").select_one("p.status")
    assert status is not None
    assert status.select_one(".badge").get_text(" ", strip=True) == f"✓ {label}"  # type: ignore[union-attr]
    assert status.select_one(".basis-interim").get_text() == basis  # type: ignore[union-attr]
    assert status.select_one(".badge-detail").get_text() == detail  # type: ignore[union-attr]


@pytest.mark.parametrize(("lang", "interim"), [("zh", "其中1项依据中期数值"), ("en", "1 on an interim value")])
def test_counts_say_how_many_rest_on_an_interim_value(built_site: Path, lang: str, interim: str) -> None:
    for path in (lang, f"{lang}/progress"):
        achieved = soup(built_site, path).select_one(".totals .total-achieved")
        assert achieved is not None
        assert achieved.select_one(".total-count").get_text() == "1"  # type: ignore[union-attr]
        assert achieved.select_one(".total-interim").get_text() == interim  # type: ignore[union-attr]
    plan_row = soup(built_site, f"{lang}/progress").select("table.counts tbody")[0].select("td")
    assert plan_row[0].select_one(".count-interim").get_text() == interim  # type: ignore[union-attr]
    indicators = api(built_site, "indicators.json")
    assert {i["judgement"]["basis"] for i in indicators} == {"interim", "none"}  # no value for 2025 yet
    water = next(i for i in indicators if i["id"] == "surface-water-quality")
    assert water["judgement"] == {"status": "achieved", "basis": "interim", "year": 2022}


@pytest.mark.e2e  # a whole build
def test_final_only_with_a_value_for_the_target_year(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Test data (never published): a 2025 value for indicator 14 makes its judgement final, and only it."""
    observations = project / "datasets/observations.csv"
    rows = read_rows(observations)
    water = {
        "indicator_id": "surface-water-quality",
        "year": "2025",
        "value": "100",
        "quote": "均保持100%",
        "note_zh": "",
    }
    rows.append(rows[-1] | water)
    rows[-1] |= {"note_en": "", "definition_differs": ""}
    write_rows(observations, rows)
    assert main(["build", "--root", str(project)]) == 0, capsys.readouterr().err
    site = project / "build"
    status = soup(site, "en/indicators/surface-water-quality").select_one("p.status")
    assert status is not None
    assert status.select_one(".badge").get_text(" ", strip=True) == "✓ Target met"  # type: ignore[union-attr]
    assert status.select_one(".basis-final").get_text() == "Final"  # type: ignore[union-attr]
    assert status.select_one(".badge-detail").get_text() == "on the 2025 value"  # type: ignore[union-attr]
    achieved = soup(site, "en").select_one(".totals .total-achieved")
    assert achieved is not None and achieved.select_one(".total-interim") is None
    water = next(i for i in api(site, "indicators.json") if i["id"] == "surface-water-quality")
    assert water["judgement"] == {"status": "met", "basis": "final", "year": 2025}


def test_direction_on_every_indicator_page_and_in_the_api(built_site: Path) -> None:
    words = {
        "zh": {"越高越好", "越低越好", "保持在目标值"},
        "en": {"Higher is better", "Lower is better", "Hold at the target"},
    }
    records = api(built_site, "indicators.json")
    assert len(records) == 22
    for record in records:
        for lang, allowed in words.items():
            shown = facts(soup(built_site, f"{lang}/indicators/{record['id']}"))
            assert shown["方向" if lang == "zh" else "Direction"] in allowed, record["id"]
        assert (
            record["better"]
            == {"increase": "higher", "decrease": "lower", "maintain": "at_target"}[record["direction"]]
        )
    assert "1.1" in [change["revision"] for change in api(built_site, "index.json")["changes"]]


# 4. Commitments tied to indicators


@pytest.mark.parametrize(("lang", "label"), [("zh", "进展顺利"), ("en", "On track")])
def test_a_commitment_takes_its_indicators_values_status_and_link(built_site: Path, lang: str, label: str) -> None:
    entry = soup(built_site, f"{lang}/commitments").select_one("li.commitment-entry:has(#urban-rural-income-ratio)")
    assert entry is not None
    assert entry.select_one(".badge").get_text(" ", strip=True) == f"↗ {label}"  # type: ignore[union-attr]
    assert entry.select_one(".basis-interim") is not None
    link = entry.select_one(".measured-by a")
    assert link is not None and link["href"] == f"/{lang}/indicators/urban-rural-income-ratio/"
    assert "1.61" in entry.get_text()  # the indicator's 2022 value
    indicator = next(i for i in api(built_site, "indicators.json") if i["id"] == "urban-rural-income-ratio")
    commitment = next(c for c in api(built_site, "commitments.json") if c["id"] == "urban-rural-income-ratio")
    assert commitment["indicator"] == "urban-rural-income-ratio"
    assert (commitment["status"], commitment["judgement"]) == (indicator["status"], indicator["judgement"])


def test_the_dashboard_counts_the_commitments_measured_by_indicators(built_site: Path) -> None:
    plan_row = soup(built_site, "en/progress").select("table.counts tbody")[0].select("td")
    commitments = [int(td.select_one(".count").get_text()) for td in plan_row[4:]]  # type: ignore[union-attr]
    statuses = [c["summary"] for c in api(built_site, "commitments.json")]
    assert commitments == [statuses.count(s) for s in ("achieved", "on_track", "behind", "no_data")] == [0, 1, 2, 48]


def run_sql(tables: dict[str, tuple[str, list[tuple[Any, ...]]]], as_of: int) -> dict[tuple[str, str], Any]:
    db = duckdb.connect(":memory:")
    for name, (columns, rows) in tables.items():
        db.execute(f"CREATE TABLE {name} ({columns})")
        if rows:
            db.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    found = queries.run(db, PROGRESS_SQL, as_of_year=as_of)
    db.close()
    return {(r["kind"], r["id"]): r for r in found}


years = st.integers(min_value=2018, max_value=2030)
values = st.floats(min_value=-100, max_value=100, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=60, deadline=None)
@given(
    baseline=st.one_of(st.none(), values),
    target=values,
    comparator=st.sampled_from([">=", ">", "<=", "<", "equal", "about"]),
    deadline=years,
    reported=st.lists(st.tuples(years, values), max_size=3, unique_by=lambda t: t[0]),
    as_of=years,
)
def test_sql_and_python_agree_on_a_commitment_measured_by_an_indicator(
    baseline: float | None,
    target: float,
    comparator: str,
    deadline: int,
    reported: list[tuple[int, float]],
    as_of: int,
) -> None:
    """Same target and deadline as its indicator: the indicator's status. Its own: the method on the same series."""
    indicator = ("i1", 1, 2020 if baseline is not None else None, baseline, 2025, ">=", 10.0, "absolute", 1)
    tables: dict[str, tuple[str, list[tuple[Any, ...]]]] = {
        "indicators": (
            "id VARCHAR, number BIGINT, baseline_year BIGINT, baseline_value DOUBLE, target_year BIGINT, "
            "target_comparator VARCHAR, target_value DOUBLE, target_basis VARCHAR, decimals BIGINT",
            [indicator],
        ),
        "observations": ("indicator_id VARCHAR, year BIGINT, value DOUBLE", [("i1", y, v) for y, v in reported]),
        "commitments": (
            "id VARCHAR, number BIGINT, deadline_year BIGINT, comparator VARCHAR, target_value DOUBLE, "
            "indicator_id VARCHAR",
            [("same", 1, 2025, ">=", 10.0, "i1"), ("own", 2, deadline, comparator, target, "i1")],
        ),
        "commitment_progress": ("commitment_id VARCHAR, year BIGINT, value DOUBLE", [("own", 2019, 99.0)]),
    }
    result = run_sql(tables, as_of)
    judged = ("status", "interim", "summary", "expected_share", "actual_share", "final", "outcome")
    assert [result[("commitment", "same")][k] for k in judged] == [result[("indicator", "i1")][k] for k in judged]
    after = [(y, v) for y, v in reported if baseline is None or y > 2020]  # its own reports are not used
    year, value = max(after) if after else (None, None)
    python = assess(
        Inputs(2020 if baseline is not None else None, baseline, deadline, comparator, target, year, value, as_of, 1)
    )
    own = result[("commitment", "own")]
    assert (own["status"], own["interim"], own["summary"], own["final"], own["outcome"]) == (
        python.status,
        python.interim,
        python.summary,
        python.final,
        python.outcome,
    )


# 6. The data-quality page


@pytest.mark.parametrize(
    ("lang", "summary"),
    [
        (
            "zh",
            "22项指标中，18项基期以来未找到公开发布的数值，4项依据中期数值（目标年份之前的数值）判断，0项依据目标年份的数值判断。",
        ),
        (
            "en",
            "Of the 22 indicators, 18 have no published value found since the baseline, 4 are judged on an interim "
            "value (one from before the target year) and 0 on a value for the target year.",
        ),
    ],
)
def test_the_data_quality_page(built_site: Path, lang: str, summary: str) -> None:
    page = soup(built_site, f"{lang}/data/quality")
    assert page.select_one("p.lead").get_text() == summary  # type: ignore[union-attr]
    package = validate_package(ROOT, "datasets/datapackage.json")
    db = warehouse.load(package)
    missing = db.execute(
        "SELECT count(*) FROM indicators AS i WHERE NOT EXISTS (SELECT 1 FROM observations AS o "
        "WHERE o.indicator_id = i.id AND (i.baseline_year IS NULL OR o.year > i.baseline_year))"
    ).fetchone()
    assert missing == (18,)  # counted here independently of the page's SQL
    rows = page.select("table.validation tbody tr")
    assert len(rows) == len(package.tables) and all(r.select("td")[-1].get_text() in ("通过", "Passed") for r in rows)
    excluded = page.select("table.excluded-table tbody tr")
    assert len(excluded) == len(read_rows(ROOT / "datasets/excluded_observations.csv")) == 4
    differs = page.select_one("#differs ~ ul")
    assert differs is not None and "14 " in differs.get_text() and "2022" in differs.get_text()
    assert page.select(f'a[href="/{lang}/indicators/rail-transit-length/"]')
    data = soup(built_site, f"{lang}/data")
    assert data.select(f'a[href="/{lang}/data/quality/"]')  # linked from the data page


# Staff mistakes in the new columns: refused with file, row and column, and the live build kept


def test_a_commitment_naming_no_indicator_or_a_reason_not_in_the_list_is_refused(
    built_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = built_project
    previous = snapshot(project / "build")
    row = set_cell(project / "datasets/commitments.csv", {"id": "urban-rural-income-ratio"}, "indicator_id", "income")
    reason_row = set_cell(project / "datasets/excluded_observations.csv", {"period": "2024H1"}, "reason", "half-year")
    assert main(["build", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert (
        f"✗ datasets/commitments.csv，第 {row} 行，“indicator_id”列：“income”在 datasets/indicators.csv 的“id”列中不存在："
        "请检查拼写，或先在 datasets/indicators.csv 中加上这一行\n"
        f'  datasets/commitments.csv, row {row}, column "indicator_id": "income" is not found in column "id" of '
        "datasets/indicators.csv: check the spelling, or add that row to datasets/indicators.csv first\n"
    ) in err
    assert (
        f"✗ datasets/excluded_observations.csv，第 {reason_row} 行，“reason”列：“half-year”不是允许的取值，应为："
        "aggregator, half_year, definition_differs\n"
        f'  datasets/excluded_observations.csv, row {reason_row}, column "reason": "half-year" is not allowed; use '
        "one of: aggregator, half_year, definition_differs\n"
    ) in err
    assert snapshot(project / "build") == previous


# The status a reader needs is the largest thing in the status block, at both widths


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("width", (375, 1280))
def test_the_judgement_is_the_largest_thing_in_the_status_block(server: str, browser: Browser, width: int) -> None:
    for lang in ("zh", "en"):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{server}{lang}/indicators/surface-water-quality/")
        sizes = page.evaluate(
            "[...document.querySelectorAll('p.status > *')].map(e => "
            "[e.className, parseFloat(getComputedStyle(e).fontSize)])"
        )
        badge = next(size for name, size in sizes if name.startswith("badge badge-"))
        assert all(size < badge for name, size in sizes if not name.startswith("badge badge-")), sizes
        assert page.locator("p.status .basis-interim").is_visible()
        page.close()


def test_progress_reported_for_a_commitment_an_indicator_measures_is_refused(
    built_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its values are the indicator's: a row in commitment_progress.csv would be dropped without a word."""
    previous = snapshot(built_project / "build")
    path = built_project / "datasets/commitment_progress.csv"
    header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    row = dict.fromkeys(header, "") | {
        "commitment_id": "urban-rural-income-ratio",
        "year": "2022",
        "value": "1.61",
        "status": "final",
        "source_id": "gov-report-2023",
        "quote": "城乡居民收入倍差缩小至1.61",
    }
    write_rows(path, [row])
    assert main(["build", "--root", str(built_project)]) == 1
    err = capsys.readouterr().err
    assert (
        "✗ datasets/commitment_progress.csv，第 2 行，“commitment_id”列：承诺“urban-rural-income-ratio”由指标"
        "“urban-rural-income-ratio”衡量（见 commitments.csv 的 indicator_id 列），它的进展取自 observations.csv 中这项"
        "指标的数值，这一行不会被使用：请把数值填进 observations.csv 并删除这一行；如果这项指标并不衡量这条承诺，请清空 "
        "commitments.csv 中它的 indicator_id\n"
        '  datasets/commitment_progress.csv, row 2, column "commitment_id": the commitment "urban-rural-income-ratio" '
        'is measured by the indicator "urban-rural-income-ratio" (column indicator_id of commitments.csv): its '
        "progress comes from that indicator's values in observations.csv, so this row would never be used. Put the "
        "value in observations.csv and delete this row; or, if the indicator does not measure this commitment, "
        "empty its indicator_id in commitments.csv\n"
    ) in err
    assert snapshot(built_project / "build") == previous


# 5. The English text is an unofficial translation


def test_every_english_page_of_plan_text_says_it_is_an_unofficial_translation(built_site: Path) -> None:
    """Issue 17: the Chinese text is authoritative; each English chapter says so and links its Chinese original,
    and the English part of the package's README says so too. No Chinese page carries the notice."""
    chapters = sorted((built_site / "en" / "chapters").glob("*/index.html"))
    assert chapters
    for page in chapters:
        notice = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".translation-notice")
        assert notice is not None, page
        assert "unofficial translation" in notice.get_text()
        link = notice.find("a")
        assert link is not None and link["href"] == f"/zh/chapters/{page.parent.name}/" and link["lang"] == "zh-Hans"
    for page in (built_site / "zh").rglob("index.html"):
        assert "translation-notice" not in page.read_text(encoding="utf-8"), page
    package = next((built_site / "downloads").glob("*.zip"))
    with zipfile.ZipFile(package) as archive:
        readme = archive.read("README.md").decode("utf-8")
    english = readme[readme.index("## About this package") :]
    assert "unofficial translation; the Chinese texts are authoritative" in english
    assert "unofficial" not in readme[: readme.index("## About this package")]
