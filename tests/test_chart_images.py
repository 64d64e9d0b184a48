"""Chart images that stand alone, and embed code: each downloaded chart (SVG, PNG) carries its words in its language;
each indicator has an embed page that other sites may frame, and its page offers the <iframe> to copy."""

from __future__ import annotations

import functools
import http.server
import json
import re
import struct
import subprocess
import threading
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from playwright.sync_api import Browser

from site_builder.build import BuildResult
from site_builder.charts import raster
from site_builder.charts.frame import FrameWords, compose
from site_builder.inputs.config import load_config
from tests.conftest import ROOT
from tests.helpers import read_rows, set_cell
from tests.test_browser import serious_accessibility_problems, server, visit  # noqa: F401
from tests.test_nginx import get, nginx  # noqa: F401

SVG = "{http://www.w3.org/2000/svg}"
FOLDER = "downloads/indicators"
WORDS = {  # the key, source and licence as the catalogs word them
    "zh": {
        "observed": "公开值",
        "path": "从基期值到目标值的直线路径（仅作参照，不是数据）",
        "target": "目标值（2025年）",
        "vision": "远景目标（2035年）",
        "unit": "单位：",
        "source": "来源：",
        "licence": "许可协议：CC-BY-4.0",
    },
    "en": {
        "observed": "Published values",
        "path": "Straight path from the baseline to the target (a guide, not data)",
        "target": "Target (2025)",
        "vision": "Vision (2035)",
        "unit": "Unit: ",
        "source": "Source: ",
        "licence": "Licence: CC-BY-4.0",
    },
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def squashed(text: str) -> str:
    """Text without white space: lines of a chart are wrapped at spaces or between Chinese characters."""
    return re.sub(r"\s+", "", text)


def drawn_text(path: Path) -> tuple[ET.Element, str]:
    """The parsed SVG (it must be well-formed XML) and every word it draws, lines joined."""
    root = ET.parse(path).getroot()
    return root, "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_downloaded_chart_carries_its_words_in_its_language(built_site: Path, lang: str) -> None:
    base = load_config(ROOT).site.base_url
    other = "en" if lang == "zh" else "zh"
    words = WORDS[lang]
    for row in read_rows(ROOT / "datasets/indicators.csv"):
        record = json.loads((built_site / FOLDER / f"{row['id']}.json").read_text(encoding="utf-8"))
        root, text = drawn_text(built_site / FOLDER / f"{row['id']}-chart-{lang}.svg")
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == ("zh-Hans" if lang == "zh" else "en")
        expected = [row[f"name_{lang}"], words["target"], row[f"target_text_{lang}"], words["source"]]
        expected += [words["licence"], f"{base}{lang}/indicators/{row['id']}/"]
        if row[f"unit_{lang}"]:
            expected.append(words["unit"] + row[f"unit_{lang}"])
        if record["observations"]:
            expected.append(words["observed"])
            expected += [o["source"]["publisher"][lang] for o in record["observations"]]
        if row["baseline_value"]:
            expected.append(words["path"])  # the dashed line is named a guide, not data
        if record["vision"]:
            expected.append(words["vision"])
        missing = [w for w in expected if squashed(w) not in squashed(text)]
        assert missing == [], (row["id"], lang, missing, text)
        assert squashed(row[f"name_{other}"]) not in squashed(text)  # one language per file
        assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}title").text == row[f"name_{lang}"]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_each_png_is_the_framed_chart_at_twice_its_size(built_site: Path) -> None:
    for row in read_rows(ROOT / "datasets/indicators.csv"):
        for lang in ("zh", "en"):
            svg = ET.parse(built_site / FOLDER / f"{row['id']}-chart-{lang}.svg").getroot()
            width, height = png_size(built_site / FOLDER / f"{row['id']}-chart-{lang}.png")
            assert (width, height) == (2 * int(svg.get("width", "")), 2 * int(svg.get("height", "")))
            assert width == 1040 and 700 < height < 2000  # wide enough for a news page, taller than wide
            assert (built_site / FOLDER / f"{row['id']}-chart-{lang}.png").stat().st_size < 600_000


SAMPLE = ("urbanization-rate", "healthy-huzhou-index", "good-air-days")  # a 2035 vision; no value; several sources


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_png_is_what_cairo_draws_of_its_svg(built_site: Path, lang: str) -> None:
    """The PNG step is CairoSVG (raster.py), not vl-convert's svg_to_png: byte for byte, cairo's drawing of the
    published SVG (with its words in the one CJK font) is the published PNG."""
    for indicator in SAMPLE:
        svg = (built_site / FOLDER / f"{indicator}-chart-{lang}.svg").read_text(encoding="utf-8")
        assert (built_site / FOLDER / f"{indicator}-chart-{lang}.png").read_bytes() == raster.png(svg), indicator


@functools.cache
def _glyphs(family: str, bold: bool) -> tuple[str, frozenset[int]]:
    """The font file fontconfig gives cairo for `family` (cairo's toy text: no fallback), and the characters it has."""
    pattern = f"{family}:weight={'bold' if bold else 'regular'}"
    found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", pattern], capture_output=True, text=True)
    file, index = found.stdout.split("\n")
    font = TTFont(file, fontNumber=int(index or 0), lazy=True)
    return file, frozenset(font.getBestCmap())


def _missing_glyphs(svg: str) -> list[tuple[str, str]]:
    """(character, font file) for each character of the SVG's words that the font cairo draws it with lacks: CairoSVG
    uses the first family of the nearest font-family and draws a box for a glyph that font does not have."""
    missing = []

    def walk(element: ET.Element, family: str, bold: bool) -> None:
        family = element.get("font-family", family).split(",")[0].strip("'\" ")
        bold = element.get("font-weight", "bold" if bold else "normal") == "bold"
        if element.tag in (f"{SVG}text", f"{SVG}tspan"):
            file, glyphs = _glyphs(family, bold)
            missing.extend((c, file) for c in element.text or "" if not c.isspace() and ord(c) not in glyphs)
        for child in element:
            walk(child, family, bold)
            if element.tag in (f"{SVG}text", f"{SVG}tspan"):
                missing.extend((c, file) for c in child.tail or "" if not c.isspace() and ord(c) not in glyphs)

    walk(ET.fromstring(svg), "sans-serif", False)
    return missing


def test_the_png_draws_every_word_in_a_font_that_has_its_glyphs(built_site: Path) -> None:
    """No box for a missing glyph in any PNG: the font cairo picks for each text holds each of its characters, in
    every frame of the site and in an English frame with Chinese and pinyin in its name (a Latin font lacks both)."""
    for path in sorted((built_site / FOLDER).glob("*-chart-*.svg")):
        assert _missing_glyphs(raster.one_font(path.read_text(encoding="utf-8"))) == [], path.name
    drawing = (built_site / FOLDER / "urbanization-rate-chart.svg").read_text(encoding="utf-8")
    words = FrameWords(
        "en", "Indicator 4 · Huzhou", "Lǚ Nǎ 城镇化率 Ⅲ", "Unit: m²", (("target", "Target (2025): ≥ 72 ‰"),), "",
        "Source: 湖州市统计局 “Bulletin” — 2024", "Licence: CC-BY-4.0", "http://127.0.0.1:8000/en/indicators/x/",
    )  # fmt: skip
    assert _missing_glyphs(raster.one_font(compose(drawing, words))) == []


def test_the_story_kit_holds_the_framed_charts_and_not_the_bare_drawing(built_site: Path) -> None:
    for row in read_rows(ROOT / "datasets/indicators.csv"):
        with zipfile.ZipFile(built_site / FOLDER / f"{row['id']}-story-kit.zip") as kit:
            charts = sorted(n for n in kit.namelist() if "-chart" in n)
            words = kit.read(f"{row['id']}-chart-en.svg").decode("utf-8")
        assert charts == [f"{row['id']}-chart-en.svg", f"{row['id']}-chart-zh.svg"]  # PNGs are beside the kit
        assert words == (built_site / FOLDER / f"{row['id']}-chart-en.svg").read_text(encoding="utf-8")


def test_each_page_offers_the_chart_in_its_own_language(built_site: Path) -> None:
    for lang, other in (("zh", "en"), ("en", "zh")):
        page = soup(built_site / lang / "indicators/good-air-days/index.html")
        files = [a["href"] for a in page.select("table.downloads a")]
        assert f"/{FOLDER}/good-air-days-chart-{lang}.svg" in files
        assert f"/{FOLDER}/good-air-days-chart-{lang}.png" in files
        assert not [f for f in files if f"-chart-{other}." in f or f.endswith("-chart.svg")], files
        image = page.select_one("figure.chart img")  # the page keeps showing the numbers-only drawing
        assert image is not None and image["src"] == f"/{FOLDER}/good-air-days-chart.svg"


@pytest.mark.e2e
def test_markup_in_names_stays_text_in_every_chart_image(
    project: Path, build_project: Callable[..., BuildResult]
) -> None:
    hostile = {"zh": "<script>alert(1)</script>城镇化 & <b>率", "en": "Rate <img src=x onerror=alert(1)> & <b>"}
    indicators = project / "datasets/indicators.csv"
    for lang, name in hostile.items():
        set_cell(indicators, {"id": "urbanization-rate"}, f"name_{lang}", name)
    set_cell(indicators, {"id": "urbanization-rate"}, "unit_en", "% <i>of</i> & people")
    build_project(project)
    out = project / "build"
    for path in sorted((out / FOLDER).glob("*.svg")):
        root = ET.parse(path).getroot()  # well-formed: every name escaped
        tags = {element.tag.removeprefix(SVG) for element in root.iter()}
        assert not tags & {"script", "img", "b", "i", "foreignObject"}, (path, tags)
    for lang, name in hostile.items():
        _, text = drawn_text(out / FOLDER / f"urbanization-rate-chart-{lang}.svg")
        assert squashed(name) in squashed(text)  # shown as the text it is
        for page in ("", "embed/"):
            html = soup(out / lang / "indicators/urbanization-rate" / page / "index.html")
            assert not html.select("script:not([src]):not([type]), img[src=x], b")
        snippet = soup(out / lang / "indicators/urbanization-rate/index.html").select_one("#embed-code")
        assert snippet is not None
        frame = BeautifulSoup(snippet.get_text(), "html.parser").select("iframe")
        assert len(frame) == 1 and frame[0]["title"] == name  # the pasted code holds the name as an attribute


def test_the_indicator_page_offers_the_code_to_embed_it(built_site: Path) -> None:
    base = load_config(ROOT).site.base_url
    for lang in ("zh", "en"):
        for row in read_rows(ROOT / "datasets/indicators.csv"):
            page = soup(built_site / lang / "indicators" / row["id"] / "index.html")
            code = page.select_one("textarea#embed-code[readonly]")
            assert code is not None
            frames = BeautifulSoup(code.get_text(), "html.parser").select("iframe")
            assert len(frames) == 1
            address = f"{base}{lang}/indicators/{row['id']}/embed/"
            assert frames[0]["src"] == address and frames[0]["title"] == row[f"name_{lang}"]
            assert (built_site / address.removeprefix(base) / "index.html").is_file()
            assert page.select_one(f'a[href="/{lang}/indicators/{row["id"]}/embed/"]') is not None


def test_embed_pages_are_left_out_of_search_and_the_sitemap(built_site: Path) -> None:
    embeds = sorted(built_site.glob("*/indicators/*/embed/index.html"))
    assert len(embeds) == 44
    for path in embeds:
        page = soup(path)
        assert page.select_one('meta[name="robots"][content="noindex"]') is not None
        assert page.select_one("[data-pagefind-body]") is None and page.body["data-pagefind-ignore"] == "all"
        assert page.select("figure.chart img") and page.select("table.data-table, p.no-data")
        assert not page.select("script")
    assert "/embed/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for lang in ("zh", "en"):
        entries = [
            json.loads(p.read_text(encoding="utf-8")) for p in built_site.glob(f"{lang}/pagefind/*/pagefind-entry.json")
        ]
        indexed = [p for p in built_site.glob(f"{lang}/**/*.html") if "data-pagefind-body" in p.read_text("utf-8")]
        assert len(entries) == 1  # a site of fewer than search.BLOCK indicators: one shard
        assert sum(next(iter(entry["languages"].values()))["page_count"] for entry in entries) == len(indexed)


def test_other_sites_may_frame_the_embed_pages_and_no_other_page(nginx: str) -> None:  # noqa: F811
    _, embed, _ = get(nginx + "en/indicators/good-air-days/embed/")
    assert "frame-ancestors *" in embed["Content-Security-Policy"] and "X-Frame-Options" not in embed
    assert "unsafe-inline" not in embed["Content-Security-Policy"]
    for path in ("en/indicators/good-air-days/", "zh/", "downloads/indicators/good-air-days-chart-zh.svg"):
        _, headers, _ = get(nginx + path)
        assert headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in headers["Content-Security-Policy"]


class _HostPage(http.server.SimpleHTTPRequestHandler):
    """Another site (another origin), without a policy of its own, that pastes the embed code into a page."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture
def host_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_HostPage, directory=str(tmp_path)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", tmp_path
    httpd.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_embed_page_shows_chart_and_table_under_the_policy(
    browser: Browser,
    server: str,  # noqa: F811
    lang: str,
) -> None:
    page, errors, outside = visit(browser, server + f"{lang}/indicators/urban-rural-income-ratio/embed/", 560)
    try:
        assert page.locator("figure.chart img").evaluate("image => image.complete && image.naturalWidth > 0")
        assert page.locator("table.data-table tbody tr").count() == 3
        assert errors == [] and outside == []
        assert serious_accessibility_problems(page) == []
        assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 1
    finally:
        page.close()


@pytest.mark.browser
def test_another_site_shows_the_embed_code_as_the_server_sends_it(
    browser: Browser,
    nginx: str,  # noqa: F811
    built_site: Path,
    host_site: tuple[str, Path],
) -> None:
    """The code copied from the indicator page, pasted into another origin's page: the frame shows the chart and
    its table under the nginx headers, with no console error, and is tall enough for what it holds."""
    base = load_config(ROOT).site.base_url
    host, folder = host_site
    for indicator in ("urban-rural-income-ratio", "healthy-huzhou-index"):
        indicator_page = soup(built_site / "en/indicators" / indicator / "index.html")
        code = indicator_page.select_one("#embed-code")
        assert code is not None
        pasted = code.get_text().replace(base, nginx)  # the built site is served here, not at its base_url
        (folder / f"{indicator}.html").write_text(
            f"<!doctype html><html lang=en><title>A story</title><link rel=icon href=data:,><p>Story</p>{pasted}</html>",
            encoding="utf-8",
        )
        page, errors, outside = visit(browser, f"{host}{indicator}.html", 1280)
        try:
            frame = page.locator("iframe").element_handle().content_frame()
            assert frame is not None, errors
            frame.wait_for_load_state("load")
            assert frame.url.endswith(f"/en/indicators/{indicator}/embed/"), (frame.url, errors)
            assert frame.locator("h1").inner_text().strip()
            assert frame.locator("figure.chart img").evaluate("image => image.complete && image.naturalWidth > 0")
            if indicator == "urban-rural-income-ratio":
                assert frame.locator("table.data-table tbody tr").count() == 3
            else:  # no value published: said plainly
                assert frame.locator(".no-data").count() == 1
            height = int(page.locator("iframe").get_attribute("height") or 0)
            assert frame.evaluate("document.scrollingElement.scrollHeight") <= height
            assert errors == [] and outside == []
        finally:
            page.close()
