"""Open data: the package validates, the files are faithful or Excel-safe, the API agrees with the pages, and the
changelog lists the releases the server recorded."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import frictionless
import openpyxl
import pytest
from bs4 import BeautifulSoup

from site_builder.build import build
from site_builder.inputs.catalogs import load_translations
from site_builder.inputs.config import load_config
from site_builder.inputs.datapackage import validate_package
from site_builder.opendata import excel, versions
from site_builder.opendata.citation import citations
from tests.conftest import ROOT, quiet
from tests.helpers import dataset, revise

PACKAGE = "huzhou-urbanization-14th-fyp"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_whole_package_unzipped_passes_frictionless(built_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(built_site / f"downloads/{PACKAGE}.zip") as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    assert {"datapackage.json", "README.md", "validation-report.json", "sql/progress.sql", "observations.csv"} <= names
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "## 关于本数据包" in readme and "## About this package" in readme and "GB/T 7714-2015" in readme
    assert json.loads((tmp_path / "validation-report.json").read_text(encoding="utf-8"))["valid"] is True


def test_plain_csv_files_are_byte_for_byte_the_data(built_site: Path) -> None:
    for source in (ROOT / "datasets").glob("*.csv"):
        assert (built_site / "downloads/data" / source.name).read_bytes() == source.read_bytes()


HOSTILE = ('=HYPERLINK("http://example.org/x","click")', "+1", "@SUM(A1:A9)", "\tTab", "-1+2", "\r=1")


def test_excel_variants_keep_a_formula_as_text() -> None:
    """The data's own tables cannot hold such text (refused at input: test_takeaways); whatever else reaches a
    spreadsheet is guarded: an apostrophe in the CSV for Excel, a text cell marked as Excel marks a typed '= in the
    workbook. A negative number in a number column is a number, left as it is."""
    header, rows = ["code", "note", "value"], [["A1", text, -1.5] for text in HOSTILE]
    data = excel.excel_csv(header, rows, {"value"})
    assert data.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1:]
    assert [(r[1], r[2]) for r in read] == [("'" + text, "-1.5") for text in HOSTILE]
    book = excel.workbook([("t", header, rows, {"value"})])
    sheet = openpyxl.load_workbook(io.BytesIO(book))["t"]
    lines = list(sheet.iter_rows(min_row=2))
    assert [row[1].value.replace("\n", "\r") for row in lines] == list(HOSTILE)
    assert all(row[1].data_type == "s" and row[1].quotePrefix for row in lines)
    assert all(row[2].data_type == "n" and row[2].value == -1.5 and not row[2].quotePrefix for row in lines)
    assert not lines[0][0].quotePrefix  # only what starts like a formula is marked
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_the_workbook_keeps_codes_as_text(built_site: Path) -> None:
    workbook = built_site / f"downloads/data/{PACKAGE}.xlsx"
    sheet = openpyxl.load_workbook(workbook)["observations"]
    codes = [c.value for c in sheet["A"][1:]]
    assert codes and all(isinstance(code, str) for code in codes)  # codes stay text


def test_every_indicator_has_its_files(built_site: Path) -> None:
    folder = built_site / "downloads/indicators"
    for path in sorted((ROOT / "datasets").glob("indicators.csv")):
        for row in csv.DictReader(path.open(encoding="utf-8-sig")):
            stem = folder / row["id"]
            series = list(csv.DictReader(stem.with_suffix(".csv").open(encoding="utf-8")))
            assert all(r["indicator_id"] == row["id"] and r["target_year"] == row["target_year"] for r in series)
            record = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
            assert record["id"] == row["id"] and record["target"]["as_written"]["zh"] == row["target_text_zh"]
            for lang in ("zh", "en"):  # framed in each language (tests/test_chart_images.py reads their words)
                assert (folder / f"{row['id']}-chart-{lang}.png").read_bytes().startswith(b"\x89PNG")
            assert (folder / f"{row['id']}-chart.svg").read_text(encoding="utf-8").startswith("<svg")
            with zipfile.ZipFile(folder / f"{row['id']}-story-kit.zip") as kit:
                names = set(kit.namelist())
                readme = kit.read("README.md").decode("utf-8")
            assert {f"{row['id']}.csv", f"{row['id']}.json", f"{row['id']}-chart-zh.svg", "README.md"} <= names
            assert row["name_zh"] in readme and row["name_en"] in readme  # the chart's title, in both languages


def test_api_agrees_with_the_pages(built_site: Path) -> None:
    index = json.loads((built_site / "api/v1/index.json").read_text(encoding="utf-8"))
    assert index["endpoints"]["indicators"] == "/api/v1/indicators.json"
    listing = json.loads((built_site / "api/v1/indicators.json").read_text(encoding="utf-8"))
    assert len(listing) == len(dataset(ROOT, "indicators"))
    dashboard = soup(built_site / "en/progress/index.html")
    badges = {
        row.th.a["href"].split("/")[-2]: row.select_one(".badge")["class"][1]
        for row in dashboard.select("table.status-table tbody tr")
    }
    for item in listing:
        assert badges[item["id"]] == f"badge-{item['summary']}"
        one = json.loads((built_site / f"api/v1/indicators/{item['id']}.json").read_text(encoding="utf-8"))
        page = soup(built_site / f"en/indicators/{item['id']}/index.html")
        assert page.h1 is not None and page.h1.get_text() == one["name"]["en"] == item["name"]["en"]
        if one["latest"]:
            assert f"{one['latest']['year']}" in page.select_one("p.sentence").get_text()  # type: ignore[union-attr]
    commitments = json.loads((built_site / "api/v1/commitments.json").read_text(encoding="utf-8"))
    assert len(commitments) == len(soup(built_site / "zh/commitments/index.html").select("li.commitment-entry"))
    chapters = json.loads((built_site / "api/v1/chapters.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in chapters][:2] == ["new-stage", "general-requirements"]


def test_metadata_for_search_engines_and_catalogues(built_site: Path) -> None:
    for path in ("zh/data/index.html", "en/indicators/good-air-days/index.html"):
        script = soup(built_site / path).select_one('script[type="application/ld+json"]')
        assert script is not None
        record = json.loads(script.get_text())
        assert record["@type"] == "Dataset" and record["distribution"]
    catalogue = json.loads((built_site / "catalog.jsonld").read_text(encoding="utf-8"))
    assert catalogue["@type"] == "dcat:Catalog"
    assert len(catalogue["dcat:dataset"]) == len(dataset(ROOT, "indicators")) + 1  # the package, and each indicator
    for lang in ("zh", "en"):
        feed = ElementTree.parse(built_site / lang / "releases.xml").getroot()
        assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
        assert feed.findall("{http://www.w3.org/2005/Atom}entry") == []  # a local build: no release published yet


def test_citations_name_the_version_in_both_styles(built_site: Path) -> None:
    """A local build's data is not yet published: it is cited as the next release, with no invented number or date."""
    texts = [p.get_text() for p in soup(built_site / "en/data/index.html").select(".citation-text")]
    unpublished = "湖州: 湖州市新型城镇化规划公开数据项目, 尚未发布(尚未发布)[尚未发布]"
    assert texts[0].endswith(f"版本 下一次发布. {unpublished}. https://czh.huzhou.gov.cn/zh/data/.")
    assert (
        "(Version next release) [Data set]. Retrieved not yet published, from https://czh.huzhou.gov.cn/en/data/"
        in texts[1]
    )
    assert texts[2].startswith(f"@misc{{{PACKAGE}-next,")


def test_a_published_release_is_cited_by_its_number_and_day(project: Path) -> None:
    """The number and day the server gives a release are what its citations carry."""
    config = load_config(project, None)
    package = replace(validate_package(project, config.site.datapackage), version="3", created="2026-12-01T00:00:00Z")
    theme = project / "themes" / config.site.theme
    gettexts = {
        code: load_translations(project, theme, lang.locale)[0].gettext for code, lang in config.languages.items()
    }
    gbt, apa, bib, _ = citations(config, package, "https://czh.huzhou.gov.cn/{lang}/data/", gettexts)
    assert gbt.text.endswith(
        "版本 3. 湖州: 湖州市新型城镇化规划公开数据项目, 2026(2026-12-01)[2026-12-01]. https://czh.huzhou.gov.cn/zh/data/."
    )
    assert "(Version 3) [Data set]. Retrieved December 1, 2026, from https://czh.huzhou.gov.cn/en/data/" in apa.text
    assert bib.text.startswith(f"@misc{{{PACKAGE}-3,") and "  version = {3}," in bib.text


@pytest.mark.e2e
def test_changelog_lists_the_recorded_release_and_this_builds_new_data(project: Path, tmp_path: Path) -> None:
    """What the server recorded when release 1 went live, then a build with a revised value: the changelog shows it
    as release 2, diffed from release 1's recorded zip."""
    records = tmp_path / "data-releases"
    build(project, tmp_path / "first", strict=False, progress=quiet, releases=records)
    archive = (tmp_path / f"first/downloads/{PACKAGE}.zip").read_bytes()
    assert versions.record(records, "2026-11-30", "a" * 40, archive) is not None
    observations = project / "datasets/observations.csv"
    revise(observations, {"indicator_id": "urban-rural-income-ratio", "year": "2022"}, "1.62")
    build(project, project / "build", strict=False, progress=quiet, releases=records)
    page = soup(project / "build/en/changes/index.html")
    row = page.select_one("#release-2").find_next("tbody").select_one("tr")  # type: ignore[union-attr]
    assert [c.get_text() for c in row.select("th, td")] == [
        "Urban–rural income ratio",
        "2022",
        "1.61",
        "1.62",
        "Huzhou government portal (from Huzhou Daily)",
    ]
    archive_2 = project / f"build/downloads/releases/2/{PACKAGE}-2.zip"
    with zipfile.ZipFile(archive_2) as release:
        assert b"1.62" in release.read("observations.csv")
        assert json.loads(release.read("datapackage.json"))["version"] == "2"  # numbered by the build, not by hand
    assert (project / f"build/downloads/releases/1/{PACKAGE}-1.zip").read_bytes() == archive


def test_a_workbook_from_kept_sheets_is_byte_identical_to_one_made_whole(tmp_path: Path) -> None:
    """Issue 18, point 3: the workbook's unchanged sheets come from the cache, and the workbook is the same bytes
    as one written whole; an edited table's sheet is written again and shows the edit."""
    from site_builder.opendata import excel

    names = ("indicators", ["id", "name"], [["air", "=1+1"], ["water", "水"]], set[str]())
    values = [["air", 2022, 77.8], ["water", 2022, 95]]
    sheets = [names, ("observations", ["id", "year", "value"], values, {"year", "value"})]
    kept = tmp_path / "kept"
    first = excel.workbook(sheets, kept)
    assert first == excel.workbook(sheets) and len(list(kept.glob("*.xml"))) == 2
    edited = [names, ("observations", ["id", "year", "value"], [["air", 2022, 81.2], values[1]], {"year", "value"})]
    second = excel.workbook(edited, kept)
    assert second == excel.workbook(edited) and second != first
    assert openpyxl.load_workbook(io.BytesIO(second))["observations"]["C2"].value == 81.2
    (unchanged,) = kept.glob("1-*.xml")  # the indicators sheet is taken from the cache: marked there, it shows
    unchanged.write_bytes(unchanged.read_bytes().replace("水".encode(), "火".encode()))
    assert openpyxl.load_workbook(io.BytesIO(excel.workbook(edited, kept)))["indicators"]["B3"].value == "火"
