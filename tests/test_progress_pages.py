"""Progress on the pages: a fixture site whose synthetic values reach every status, built with the real schemas,
theme and SQL; its badges and sentences in both languages, and its dashboard counts against the shipped SQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_builder.build import build
from site_builder.inputs.datapackage import validate_package
from site_builder.model import queries, warehouse
from tests.conftest import ROOT, quiet

pytestmark = pytest.mark.e2e  # the fixture site is built once for the module

FIXTURE = ROOT / "tests/fixtures/progress-site"
EXPECTED = {
    "t-met": "met",
    "t-not-met": "not_met",
    "t-awaiting": "awaiting_final",
    "t-achieved": "achieved",
    "t-zero-baseline": "on_track",
    "t-slow": "needs_acceleration",
    "t-halve": "off_track",
    "t-hold": "off_track",
    "t-strict": "achieved",
    "t-no-data": "no_data",
    "t-no-baseline": "not_assessable",
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's data and content with this repository's schemas, SQL, theme and site.toml; built strictly."""
    root = tmp_path_factory.mktemp("progress-site")
    shutil.copy2(ROOT / "site.toml", root / "site.toml")
    shutil.copytree(ROOT / "themes", root / "themes")
    shutil.copytree(FIXTURE / "content", root / "content")
    for lang in ("zh", "en"):  # the method page the status badges link to
        shutil.copy2(ROOT / f"content/{lang}/methodology.md", root / f"content/{lang}/methodology.md")
    shutil.copytree(FIXTURE / "datasets", root / "datasets")
    shutil.copy2(ROOT / "datasets/datapackage.json", root / "datasets/datapackage.json")
    shutil.copytree(ROOT / "datasets/sql", root / "datasets/sql")
    build(root, root / "build", strict=True, progress=quiet)
    return root


def page(root: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / "build" / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def sql_statuses(root: Path) -> list[dict[str, object]]:
    db = warehouse.load(validate_package(root, "datasets/datapackage.json"))
    return queries.rows_from_file(db, root / "datasets/sql/progress.sql", as_of_year=2026)


def test_the_fixture_reaches_every_status(fixture_site: Path) -> None:
    rows = {r["id"]: r["status"] for r in sql_statuses(fixture_site) if r["kind"] == "indicator"}
    assert rows == EXPECTED
    assert set(EXPECTED.values()) == {
        "met",
        "not_met",
        "awaiting_final",
        "achieved",
        "on_track",
        "needs_acceleration",
        "off_track",
        "no_data",
        "not_assessable",
    }


BADGES = {
    # the judgement first (for a status awaiting final data: where the interim value stands), then what it rests on
    ("t-met", "zh"): ("✓", "已达成目标", "依据2025年数值"),
    ("t-met", "en"): ("✓", "Target met", "on the 2025 value"),
    ("t-not-met", "en"): ("!", "Target not met", "on the 2025 value"),
    ("t-awaiting", "zh"): ("↗", "进展顺利", "依据2023年数值；2025年数值尚未发布"),
    ("t-awaiting", "en"): ("↗", "On track", "on the 2023 value; the 2025 value has not been published"),
    ("t-slow", "zh"): ("!", "需要加快", "依据2025年数值；目标年份为2030年"),
    ("t-halve", "en"): ("!", "Off track", "on the 2025 value; the target year is 2030"),
    ("t-no-data", "zh"): ("○", "基期以来无数据", ""),
    ("t-no-baseline", "en"): ("○", "Not assessable", ""),
}


@pytest.mark.parametrize(("indicator", "lang"), BADGES)
def test_badge_has_an_icon_and_words(fixture_site: Path, indicator: str, lang: str) -> None:
    status = page(fixture_site, f"{lang}/indicators/{indicator}").select_one("p.status")
    assert status is not None
    icon, label, detail = BADGES[(indicator, lang)]
    assert status.select_one(".badge-icon").get_text() == icon  # type: ignore[union-attr]
    assert status.select_one(".badge-icon")["aria-hidden"] == "true"  # type: ignore[index]
    assert status.select_one(".badge").get_text(" ", strip=True) == f"{icon} {label}"  # type: ignore[union-attr]
    detail_tag = status.select_one(".badge-detail")
    assert (detail_tag.get_text() if detail_tag else "") == detail


SENTENCES = {  # numbers as the data writes them (15, 0.05): never padded to the indicator's decimals
    ("t-not-met", "zh"): "2025年为15个，距2025年目标（20个以上）尚差5个。",
    ("t-not-met", "en"): "15 items in 2025, 5 items short of the 2025 target of ≥ 20 items.",
    ("t-met", "zh"): "2025年为21个，已达到2025年目标（20个以上）。",
    ("t-met", "en"): "21 items in 2025, meeting the 2025 target of ≥ 20 items.",
    ("t-halve", "zh"): "2025年为0.05人/亿元，距2030年目标（较2020年下降50%）尚差0.03人/亿元，且比基期时差距更大。",
    ("t-halve", "en"): "0.05 deaths per 100 million yuan in 2025, 0.03 deaths per 100 million yuan short of the 2030 "
    "target of 50% lower than in 2020, and further from it than at the baseline.",
    ("t-zero-baseline", "en"): "60 km in 2025, 40 km short of the 2030 target of ≥ 100 km.",
    ("t-no-data", "zh"): "2020年（基期）为50个；此后未找到公开发布的数值。",
    ("t-no-data", "en"): "50 items in 2020 (the baseline); no published value has been found since.",
    ("t-no-baseline", "zh"): "规划未给出基期值，也未找到公开发布的数值。",
}


@pytest.mark.parametrize(("indicator", "lang"), SENTENCES)
def test_generated_sentence(fixture_site: Path, indicator: str, lang: str) -> None:
    sentence = page(fixture_site, f"{lang}/indicators/{indicator}").select_one("p.sentence")
    assert sentence is not None and sentence.get_text() == SENTENCES[(indicator, lang)]


def test_calculation_inputs_are_shown(fixture_site: Path) -> None:
    inputs = page(fixture_site, "en/indicators/t-slow").select_one("details.inputs")
    assert inputs is not None
    shown = {dt.get_text(): dd.get_text() for dt, dd in zip(inputs.select("dt"), inputs.select("dd"), strict=True)}
    assert shown["Baseline"] == "10 items (2020)"  # as the plan writes it: 10, not 10.0
    assert shown["Latest value after the baseline"] == "13.5 items (2025)"
    assert shown["Share of the time to the target gone by"] == "50%"
    assert shown["Share of the way to the target covered"] == "35%"
    assert shown["Pace (covered ÷ gone by)"] == "70%"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dashboard_counts_equal_the_sql(fixture_site: Path, lang: str) -> None:
    statuses = sql_statuses(fixture_site)
    dashboard = page(fixture_site, f"{lang}/progress")
    totals = [int(t.get_text()) for t in dashboard.select(".totals .total-count")]
    order = ["achieved", "on_track", "behind", "no_data"]
    indicators = [r["summary"] for r in statuses if r["kind"] == "indicator"]
    assert totals == [indicators.count(s) for s in order] == [3, 2, 4, 2]
    plan_row = dashboard.select("table.counts tbody")[0].select("td")
    commitments = [r["summary"] for r in statuses if r["kind"] == "commitment"]
    assert [int(td.select_one(".count").get_text()) for td in plan_row] == [indicators.count(s) for s in order] + [
        commitments.count(s) for s in order
    ]
    home = [int(t.get_text()) for t in page(fixture_site, lang).select(".totals .total-count")]
    assert home == totals  # the home page shows the same overview
    rows = dashboard.select("table.status-table tbody tr")
    assert len(rows) == len(EXPECTED)
    assert (fixture_site / "build" / lang / "progress/chart.svg").is_file()


@pytest.mark.parametrize(
    ("lang", "met", "open_"), [("zh", "已达成目标", "尚无进展报告"), ("en", "Target met", "No progress reported")]
)
def test_commitments_carry_their_status(fixture_site: Path, lang: str, met: str, open_: str) -> None:
    listing = page(fixture_site, f"{lang}/commitments")
    labels = {li.h3["id"]: li.select_one(".badge").get_text(strip=True) for li in listing.select("li.commitment-entry")}
    assert labels == {"c-met": f"✓{met}", "c-open": f"○{open_}"}
