"""Interface strings, locale formats and charts, in both languages."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from site_builder.charts import drawing as charts
from site_builder.charts.frame import frame_labels
from site_builder.i18n import format_number
from site_builder.inputs.catalogs import catalog_path, load_translations
from site_builder.inputs.config import load_config
from site_builder.inputs.datapackage import validate_package
from site_builder.model import warehouse
from site_builder.model.entities import Text
from site_builder.model.site import build_site
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


@pytest.mark.parametrize(
    ("value", "decimals", "locale", "shown"),
    [
        (1234.5, 1, "zh_Hans_CN", "1,234.5"),
        (0.027, 3, "en", "0.027"),
        (23, 1, "en", "23"),  # never padded to the indicator's decimals: the source's 23 stays 23
        (67.5, 2, "en", "67.5"),  # urbanization rate 2023 (decimals 2): was "67.50"
        (65.64, 2, "zh_Hans_CN", "65.64"),
        (4.499999999, 2, "en", "4.5"),  # a computed value is rounded to the decimals, then not padded
        (0.125, 2, "en", "0.12"),  # half to even, as before
        (1234567, 0, "en", "1,234,567"),
        (None, 2, "en", "–"),
    ],
)
def test_numbers_per_locale(value: float | None, decimals: int, locale: str, shown: str) -> None:
    assert format_number(value, decimals, locale) == shown


def _site():  # type: ignore[no-untyped-def]
    package = validate_package(ROOT, "datasets/datapackage.json")
    site, _ = build_site(load_config(ROOT), package, warehouse.load(package), [])
    return site


LABELS = {
    "zh": charts.ChartLabels("公开值", "目标", "2035年远景目标", "年份"),
    "en": charts.ChartLabels("Published value", "Target", "2035 vision", "Year"),
}


def _frames(site):  # type: ignore[no-untyped-def]
    gettexts = {
        code: load_translations(ROOT, THEME, lang.locale)[0].gettext for code, lang in site.config.languages.items()
    }
    return frame_labels(site, gettexts)


def test_one_chart_image_serves_every_language(tmp_path: Path) -> None:
    """The drawn image holds numbers only; the interactive chart's tooltips carry each language's words."""
    site = _site()
    with charts.Drawing(tmp_path) as drawing:
        planned, jobs = charts.plan(site.indicators, LABELS, _frames(site), drawing, "downloads/indicators")
    rate = planned["urbanization-rate"]
    assert rate.svg_path == "downloads/indicators/urbanization-rate-chart.svg"  # the page's image
    assert rate.downloads("en") == (
        "downloads/indicators/urbanization-rate-chart-en.svg",
        "downloads/indicators/urbanization-rate-chart-en.png",
    )
    kind, image_spec, with_png = jobs[rate.key]
    assert (kind, with_png) == ("vega", False)  # the PNGs are of the framed images
    assert "常住" not in image_spec and "Urbanization" not in image_spec and "年份" not in image_spec
    specs = dict(rate.specs)
    assert "年份" in specs["zh"] and "常住人口城镇化率" in specs["zh"] and "Year" not in specs["zh"]
    assert '"Year"' in specs["en"] and "Urbanization rate of the resident population" in specs["en"]
    kinds = [kind for kind, _, _ in jobs.values()]
    assert kinds.count("vega") == len(site.indicators)  # drawn once per indicator, framed once per language
    assert kinds.count("frame") == 2 * len(site.indicators)


def test_chart_values_come_from_the_observations() -> None:
    site = _site()
    ratio = next(i for i in site.indicators if i.id == "urban-rural-income-ratio")
    data = charts.series(ratio)
    assert [(r["year"], r["value"]) for r in data["observed"]] == [(2020, 1.66), (2021, 1.65), (2022, 1.61)]
    assert [(r["year"], r["value"]) for r in data["path"]] == [(2020, 1.66), (2025, 1.6)]  # the straight path
    assert data["goals"] == [{"year": 2025, "value": 1.6, "series": "target"}] and data["domain"] == [2020, 2025]
    en = json.loads(dict(_plan(site)["urban-rural-income-ratio"].specs)["en"])
    observed = en["layer"][1]["data"]["values"]
    assert [(r["year"], r["value"]) for r in observed] == [(2020, 1.66), (2021, 1.65), (2022, 1.61)]
    assert en["layer"][2]["data"]["values"][0]["label"] == "Target ≤1.6"
    assert "2035 vision" not in str(en)


def _plan(site):  # type: ignore[no-untyped-def]
    with charts.Drawing(charts.cache_folder(ROOT)) as drawing:  # the session's cache
        return charts.plan(site.indicators, LABELS, _frames(site), drawing, "downloads/indicators")[0]


def test_a_chart_is_drawn_once_then_read_from_the_cache(tmp_path: Path) -> None:
    site = _site()
    with charts.Drawing(tmp_path) as drawing:
        planned, jobs = charts.plan(site.indicators[:3], LABELS, _frames(site), drawing, "downloads/indicators")
        assert drawing.draw(jobs) == 3 * 3  # a drawing and two frames each
        key, framed = planned[site.indicators[0].id].key, planned[site.indicators[0].id].framed[0].key
        assert drawing.svg(key).startswith(b"<svg") and drawing.png(framed).startswith(b"\x89PNG")
        drawing.cached(key, "svg").write_bytes(b"<svg data-cached='yes'/>")
        assert drawing.draw(jobs) == 0  # nothing drawn again
        assert drawing.svg(key) == b"<svg data-cached='yes'/>"


def test_the_interactive_spec_cannot_end_its_script_element() -> None:
    site = _site()
    indicator = site.indicators[0]
    hostile = replace(indicator, name=Text((("zh", "</script><script>alert(1)</script>"), ("en", "a & b <i>"))))
    for _, spec in _plan(replace(site, indicators=(hostile,)))[indicator.id].specs:
        assert "<" not in spec and ">" not in spec and "&" not in spec
        assert json.loads(spec)["description"].startswith(("</script><script>alert(1)</script>", "a & b <i>"))


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


def _year_labels(svg: str) -> list[tuple[float, float, str]]:
    """The x axis's labels of a drawn chart: (left, right, text), their widths at Helvetica's 0.556 em a digit."""
    found = []
    for anchor, x, size, text in re.findall(
        r'<text text-anchor="(\w+)" transform="translate\(([-\d.]+),[-\d.]+\)"[^>]*font-size="([\d.]+)px"[^>]*>'
        r"(\d{4})</text>",
        svg,
    ):
        width = len(text) * 0.556 * float(size)
        left = float(x) - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
        found.append((left, left + width, text))
    return sorted(found)


def test_no_two_year_labels_touch_on_any_chart(tmp_path: Path) -> None:
    """A chart that runs to 2035 labels every other year: the first label may not run into the second ("20202022");
    between two labels stays at least the width of a space (0.278 em)."""
    site = _site()
    with charts.Drawing(tmp_path) as drawing:
        planned, jobs = charts.plan(site.indicators, LABELS, {}, drawing, "downloads/indicators")
        drawing.draw(jobs)
        for indicator in site.indicators:
            labels = _year_labels(drawing.svg(planned[indicator.id].key).decode("utf-8"))
            assert len(labels) >= 5, (indicator.id, labels)
            gaps = [(a[2], b[2], round(b[0] - a[1], 1)) for a, b in itertools.pairwise(labels)]
            assert [g for g in gaps if g[2] < 0.278 * 13] == [], (indicator.id, gaps)
    vision = next(i for i in site.indicators if i.vision is not None)
    assert charts.series(vision)["domain"][1] == 2035  # the case that had them touch is among them
