"""Interface strings, locale formats and charts, in both languages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from site_builder import charts, warehouse
from site_builder.config import load_config
from site_builder.datasets import validate_package
from site_builder.i18n import catalog_path, format_number, load_translations
from site_builder.site import build_site
from tests.conftest import ROOT

THEME = ROOT / "themes/default"


def test_catalogs_hold_every_string_the_templates_and_code_use(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "themes/default/babel.cfg",
            "-o",
            str(pot),
            "--no-location",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        extracted = {m.id for m in read_po(handle) if m.id}
    assert len(extracted) > 40
    for locale in ("zh_Hans_CN", "en"):
        path = catalog_path(THEME, locale)
        assert path is not None
        with path.open("rb") as handle:
            catalog = {m.id: m.string for m in read_po(handle) if m.id}
        assert extracted <= set(catalog), extracted - set(catalog)
        assert all(catalog[i] for i in extracted)
        _, problems = load_translations(ROOT, THEME, locale)
        assert problems == []


def test_zh_Hans_CN_finds_the_zh_Hans_catalog() -> None:
    translations, _ = load_translations(ROOT, THEME, "zh_Hans_CN")
    assert translations.gettext("Indicators") == "指标"


def test_numbers_per_locale() -> None:
    assert format_number(1234.5, 1, "zh_Hans_CN") == "1,234.5"
    assert format_number(0.027, 3, "en") == "0.027"
    assert format_number(23, 1, "en") == "23.0"
    assert format_number(None, 2, "en") == "–"


def _site():  # type: ignore[no-untyped-def]
    package = validate_package(ROOT, "datasets/datapackage.json")
    site, _ = build_site(load_config(ROOT), package, warehouse.load(package), [])
    return site


LABELS = {
    "zh": charts.ChartLabels("公开值", "目标", "2035年远景目标", "年份", "无数据"),
    "en": charts.ChartLabels("Published value", "Target", "2035 vision", "Year", "No data"),
}


def test_chart_labels_are_in_the_page_language(tmp_path: Path) -> None:
    site = _site()
    rate = next(i for i in site.indicators if i.id == "urbanization-rate")
    zh = charts.render(rate, "zh", LABELS["zh"], tmp_path)
    en = charts.render(rate, "en", LABELS["en"], tmp_path)
    assert zh.svg.startswith("<svg") and "常住人口城镇化率" in zh.svg and "2035年远景目标" in zh.svg
    assert "Urbanization rate of the resident population" in en.svg and "常住" not in en.svg
    assert (zh.file, en.file) == (
        "zh/indicators/urbanization-rate/chart.svg",
        "en/indicators/urbanization-rate/chart.svg",
    )


def test_chart_values_come_from_the_observations() -> None:
    site = _site()
    ratio = next(i for i in site.indicators if i.id == "urban-rural-income-ratio")
    spec = charts.spec(ratio, "en", LABELS["en"])
    datasets = [layer["data"]["values"] for layer in spec["layer"]]
    path, observed, goal = datasets
    assert [(r["year"], r["value"], r["series"]) for r in observed] == [
        (2020, 1.66, "Published value"),
        (2021, 1.65, "Published value"),
        (2022, 1.61, "Published value"),
    ]
    assert [(r["year"], r["value"]) for r in path] == [(2020, 1.66), (2025, 1.6)]  # the straight path, dashed
    assert goal[0]["value"] == 1.6 and goal[0]["label"] == "Target ≤1.6"
    assert "2035 vision" not in str(spec)


def test_an_unchanged_chart_is_read_from_the_cache(tmp_path: Path) -> None:
    site = _site()
    first = charts.render(site.indicators[0], "en", LABELS["en"], tmp_path)
    cached = list(tmp_path.glob("*.svg"))
    assert len(cached) == 1
    cached[0].write_text(first.svg.replace("<svg", "<svg data-cached='yes'"), encoding="utf-8")
    assert "data-cached" in charts.render(site.indicators[0], "en", LABELS["en"], tmp_path).svg


def test_no_interface_string_hides_from_extraction() -> None:
    """Babel cannot extract _() inside an f-string: such a string would stay untranslated without any warning."""
    import re

    hidden = [
        f"{path.name}:{n}"
        for path in sorted((ROOT / "site_builder").glob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"""f["'][^"']*\{_\(""", line)
    ]
    assert hidden == []
