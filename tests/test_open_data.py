"""Open data: the package validates, the files are faithful or Excel-safe, the API agrees with the pages, and the
changelog lists the releases the server recorded."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import frictionless
import openpyxl
import pytest
from bs4 import BeautifulSoup

from site_builder.build import build
from site_builder.cli import main
from site_builder.opendata import versions
from tests.conftest import ROOT, quiet
from tests.helpers import dataset, revise, set_cell

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


@pytest.mark.e2e
def test_excel_variants_keep_a_formula_as_text(project: Path) -> None:
    formula = '=HYPERLINK("http://example.org/x","click")'
    set_cell(
        project / "datasets/observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "note_en", formula
    )
    assert main(["build", "--root", str(project)]) == 0
    out = project / "build/downloads/data"
    plain = out.joinpath("observations.csv").read_text(encoding="utf-8")
    assert '"=HYPERLINK(""http://example.org/x"",""click"")"' in plain  # the plain CSV stays faithful
    excel_csv = out.joinpath("observations-excel.csv").read_bytes()
    assert excel_csv.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(excel_csv.decode("utf-8-sig"))))
    assert any(cell == "'" + formula for row in rows for cell in row)
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    workbook = out / f"{PACKAGE}.xlsx"
    sheet = openpyxl.load_workbook(workbook)["observations"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == formula]
    assert len(cells) == 1 and cells[0].data_type == "s"
    with zipfile.ZipFile(workbook) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet5.xml").decode("utf-8")
    codes = [c.value for c in sheet["A"][1:]]
    assert all(isinstance(code, str) for code in codes)  # codes stay text


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
        assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) >= 1


def test_citations_name_the_version_in_both_styles(built_site: Path) -> None:
    version = json.loads((ROOT / "datasets/datapackage.json").read_text(encoding="utf-8"))["version"]
    texts = [p.get_text() for p in soup(built_site / "en/data/index.html").select(".citation-text")]
    published = "湖州: 湖州市新型城镇化规划公开数据项目, 2026(2026-11-29)[2026-11-29]"  # dated: no script needed
    assert texts[0].endswith(f"版本 {version}. {published}. https://czh.huzhou.gov.cn/zh/data/.")
    assert (
        f"(Version {version}) [Data set]. Retrieved November 29, 2026, from https://czh.huzhou.gov.cn/en/data/"
        in texts[1]
    )
    assert texts[2].startswith(f"@misc{{{PACKAGE}-{version},")


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
    descriptor = project / "datasets/datapackage.json"
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    meta["version"] = "9.9.9"
    descriptor.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
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
    archive_2 = project / f"build/downloads/releases/2/{PACKAGE}-9.9.9.zip"
    with zipfile.ZipFile(archive_2) as release:
        assert b"1.62" in release.read("observations.csv")
    assert (project / f"build/downloads/releases/1/{PACKAGE}-1.0.0.zip").read_bytes() == archive
