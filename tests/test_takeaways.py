"""What journalists take away (issue 16, points 2-4): numbers with their units as a reader of each language writes
them, a citation of each indicator page, and per-indicator files that stand alone in Excel on Chinese Windows."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup, Tag
from rdflib import Graph, Literal, Namespace, URIRef

from site_builder.build import validate
from site_builder.cli import main
from site_builder.i18n import format_quantity
from site_builder.opendata import excel, metadata, series
from tests.conftest import ROOT, quiet
from tests.helpers import set_cell

ZH, EN = "zh_Hans_CN", "en"
LANGS = ("zh", "en")

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
        (23.0, "%", "%", 1, "", "23%", "23%"),  # nor padded to the indicator's decimals
        (67.5, "%", "%", 2, "", "67.5%", "67.5%"),  # urbanization rate 2023 (decimals 2): was "67.50%"
        (65.64, "%", "%", 2, "", "65.64%", "65.64%"),
        (4.499999999, "%", "%", 2, "", "4.5%", "4.5%"),  # a computed gap: rounded to the decimals, not padded
        (6.5, "万人", "10,000 people", 2, "", "6.5万人", "65,000 people"),
        (80.0, "%", "%", 1, "about", "80%左右", "about 80%"),
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


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _table(name: str) -> list[dict[str, str]]:
    with (ROOT / "datasets" / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _facts(built: Path, lang: str, indicator: str) -> list[str]:
    page = soup(built / f"{lang}/indicators/{indicator}/index.html")
    return [dd.get_text(" ", strip=True) for dd in page.select("dl.facts dd")]


def test_pages_write_values_with_their_units_as_each_language_does(built_site: Path) -> None:
    assert _facts(built_site, "en", "zheliban-daily-users")[0] == "60,000 people"  # was "6 10,000 people"
    assert "200,000 people" in _facts(built_site, "en", "zheliban-daily-users")
    assert _facts(built_site, "zh", "zheliban-daily-users")[0] == "6万人"
    assert _facts(built_site, "zh", "housing-security-coverage")[0] == "23%"  # the plan's 23, not 23.0
    assert "≥ 90%" in _facts(built_site, "en", "good-air-days") and "90%以上" in _facts(
        built_site, "zh", "good-air-days"
    )
    targets = {
        lang: [dd.get_text(strip=True) for dd in soup(built_site / f"{lang}/commitments/index.html").select("dd")]
        for lang in ("zh", "en")
    }
    assert {"超过500亿元", "30万人以上", "80%左右", "10个左右"} <= set(targets["zh"])
    assert {"> 50 billion yuan", "≥ 300,000 people", "about 80%", "about 10 towns"} <= set(targets["en"])
    home = soup(built_site / "en/index.html")
    row = next(r for r in home.select("table.indicator-table tr") if "Zheliban" in r.get_text())
    assert row.select("td.num")[0].get_text(strip=True) == "60,000 people"
    garbled = re.compile(r"\d (10,000|100 million) |\d左右 ")  # "6 10,000 people", "80左右 %"
    for lang in ("zh", "en"):
        for page in (built_site / lang).rglob("index.html"):
            main = soup(page).select_one("main")
            text = main.get_text(" ", strip=True) if main else ""
            assert not garbled.search(text), (page, garbled.search(text))


def _cited(built: Path, lang: str, indicator: str) -> tuple[dict[str, Tag], str, str]:
    page = soup(built / f"{lang}/indicators/{indicator}/index.html")
    found = {figure.figcaption.get_text(): figure.select_one(".citation-text") for figure in page.select(".citation")}
    urls = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    return found, str(urls["zh-Hans"]), str(urls["en"])  # type: ignore[misc]


def test_each_indicator_page_cites_itself_with_the_data_version_and_a_dated_access(built_site: Path) -> None:
    """The session's build is a local one: its data is not yet published, so it is cited as the next release, with
    no number or date (tests/test_open_data.py checks a published release's)."""
    version, day, year, english_day = "下一次发布", "尚未发布", "尚未发布", "not yet published"
    publishers = {
        lang: tomllib.loads((ROOT / "site.toml").read_text())["languages"][lang]["publisher"] for lang in LANGS
    }
    for row in _table("indicators.csv"):
        for lang in LANGS:
            found, zh_url, en_url = _cited(built_site, lang, row["id"])
            assert sorted(found) == ["APA 7", "BibTeX", "GB/T 7714-2015"]
            gbt, apa, bib = (found[s].get_text() for s in ("GB/T 7714-2015", "APA 7", "BibTeX"))
            assert gbt.startswith(f"{publishers['zh']}. {row['name_zh']}[DS/OL]//{publishers['zh']}. ")
            assert gbt.endswith(f". 版本 {version}. 湖州: {publishers['zh']}, {year}({day})[{day}]. {zh_url}.")
            assert apa.startswith(f"{publishers['en']}. (not yet published). {row['name_en']} [Data set]. In ")
            assert apa.endswith(f"(Version next release). Retrieved {english_day}, from {en_url}")
            bib_version = "下一次发布" if lang == "zh" else "next release"
            assert found["BibTeX"].name == "pre" and f"  version = {{{bib_version}}}," in bib
            accessed = day if lang == "zh" else english_day  # each language's BibTeX in its own words
            assert f"  url = {{{zh_url if lang == 'zh' else en_url}}}," in bib and f"  urldate = {{{accessed}}}," in bib
            for element in found.values():  # the reader's browser may put in today: the template says where
                assert "{access_date}" in str(element["data-template"])
                assert "{access_date}" not in element.get_text()
            assert "引用日期" not in apa and "date of access" not in gbt


def _readmes(built: Path) -> dict[str, str]:
    found = {}
    for archive in sorted((built / "downloads").rglob("*.zip")):
        with zipfile.ZipFile(archive) as kit:
            if "README.md" in kit.namelist():
                found[archive.name] = kit.read("README.md").decode("utf-8")
    return found


def test_readmes_carry_the_dated_citations_and_the_units(built_site: Path) -> None:
    day, english_day = "尚未发布", "not yet published"  # a local build: the data is the next release
    readmes = _readmes(built_site)
    kits = [n for n in readmes if n.endswith("-story-kit.zip")]
    assert len(kits) == len(_table("indicators.csv")) and "huzhou-urbanization-14th-fyp.zip" in readmes
    for name, text in readmes.items():
        assert "{access_date}" not in text and "引用日期" not in text and "date of access" not in text, name
        assert f"[{day}]" in text and f"Retrieved {english_day}, from " in text and "```bibtex" in text, name
    kit = readmes["zheliban-daily-users-story-kit.zip"]
    assert "/zh/indicators/zheliban-daily-users/." in kit and "/en/indicators/zheliban-daily-users/" in kit
    assert "- 基期值（2020年）：6万人" in kit and "- 目标值（2025年）：20万人" in kit
    assert "- Baseline (2020): 60,000 people" in kit and "- Target (2025): 200,000 people" in kit


def test_per_indicator_csv_for_excel_stands_alone_with_its_chinese_intact(built_site: Path) -> None:
    sources = {s["id"]: s for s in _table("sources.csv")}
    observations = _table("observations.csv")
    for row in _table("indicators.csv"):
        data = (built_site / f"downloads/indicators/{row['id']}-excel.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # Excel on Chinese Windows reads it as UTF-8
        table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        plain = (built_site / f"downloads/indicators/{row['id']}.csv").read_bytes()
        assert not plain.startswith(b"\xef\xbb\xbf")
        assert list(csv.DictReader(io.StringIO(plain.decode("utf-8"), newline=""))) == table
        values = [o for o in observations if o["indicator_id"] == row["id"]]
        assert len(table) == max(1, len(values))  # an indicator without values still has its row
        for line in table:
            assert (line["name_zh"], line["name_en"], line["unit_zh"], line["unit_en"]) == (
                row["name_zh"],
                row["name_en"],
                row["unit_zh"],
                row["unit_en"],
            )
            assert (line["baseline_value"], line["target_year"], line["target_text_zh"]) == (
                row["baseline_value"],
                row["target_year"],
                row["target_text_zh"],
            )
        for line, value in zip(table, values, strict=False):
            assert (line["year"], line["source_quote"]) == (value["year"], value["quote"])
            assert line["source_title"] == sources[value["source_id"]]["title"]
    empty = list(csv.DictReader(io.StringIO(_read(built_site, "healthy-huzhou-index-excel.csv"), newline="")))
    assert [(r["year"], r["value"], r["target_comparator"], r["target_value"]) for r in empty] == [("", "", ">=", "90")]


def test_per_indicator_workbook_opens_with_its_chinese_intact(built_site: Path) -> None:
    """The .xlsx beside each indicator's CSVs: read by openpyxl, every text is a text cell holding the Chinese of
    the data as written (and the sheet's own bytes hold it as UTF-8), every number a number, the rows those of
    the CSV; an indicator without values has its one row with the target. Both pages of it link it."""
    for row in _table("indicators.csv"):
        path = built_site / f"downloads/indicators/{row['id']}.xlsx"
        with zipfile.ZipFile(path) as archive:
            sheet_xml = archive.read("xl/worksheets/sheet1.xml")
        assert row["name_zh"].encode("utf-8") in sheet_xml and row["unit_zh"].encode("utf-8") in sheet_xml
        sheet = openpyxl.load_workbook(path).worksheets[0]
        header, *lines = list(sheet.iter_rows())
        assert tuple(c.value for c in header) == series.header(LANGS)
        plain = list(csv.reader(io.StringIO(_read(built_site, f"{row['id']}.csv"), newline="")))[1:]
        assert len(lines) == len(plain) >= 1
        for cells, text in zip(lines, plain, strict=True):
            by_name = dict(zip(series.header(LANGS), cells, strict=True))
            assert (by_name["name_zh"].value, by_name["unit_zh"].value) == (row["name_zh"], row["unit_zh"] or None)
            assert by_name["target_text_zh"].value == row["target_text_zh"]
            for name, cell, written in zip(series.header(LANGS), cells, text, strict=True):
                if cell.value is None:
                    assert written == "", (row["id"], name)
                elif name in series.NUMERIC:
                    assert cell.data_type == "n" and isinstance(cell.value, int | float), (row["id"], name)
                    assert cell.value == float(written), (row["id"], name)
                else:
                    assert cell.data_type == "s" and cell.value == written.removeprefix("'"), (row["id"], name)
        for lang in LANGS:
            page = soup(built_site / f"{lang}/indicators/{row['id']}/index.html")
            assert page.select(f'#downloads ~ * a[href$="/downloads/indicators/{row["id"]}.xlsx"]'), (lang, row["id"])
    empty = openpyxl.load_workbook(built_site / "downloads/indicators/healthy-huzhou-index.xlsx").worksheets[0]
    values = list(empty.iter_rows(values_only=True))
    assert len(values) == 2
    line = dict(zip(series.header(LANGS), values[1], strict=True))
    assert (line["year"], line["value"], line["target_comparator"], line["target_value"]) == (None, None, ">=", 90)


def _read(built: Path, name: str) -> str:
    return (built / "downloads/indicators" / name).read_bytes().decode("utf-8-sig")


FORMULA = '=HYPERLINK("http://example.org/x","click")'
HOSTILE = [  # file, the row it is in, column, text, the character it starts with
    ("sources.csv", {"id": "eco-bulletin-2022"}, "title", FORMULA, "="),
    ("sources.csv", {"id": "eco-bulletin-2022"}, "title_en", "\tEcological bulletin", "U+0009"),
    ("observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "quote", "@SUM(A1:A9)", "@"),
    ("observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "note_en", "-1+2", "-"),
    ("observations.csv", {"indicator_id": "good-air-days", "year": "2022"}, "note_zh", "+86 电话", "+"),
]


def test_text_that_starts_like_a_formula_is_refused_at_input_with_its_cell(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The data's tables are published byte for byte (and in the package zip), where no guard can be added: a text
    cell that a spreadsheet would run is refused with its file, row and column, and the build writes nothing. A
    negative number in a number column (indicators.csv's -50) is a number and passes."""
    assert main(["validate", "--root", str(project)]) == 0
    places = [
        (name, set_cell(project / "datasets" / name, match, column, text), column, text, first)
        for name, match, column, text, first in HOSTILE
    ]
    assert main(["build", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    for name, row, column, text, first in places:
        shown = text.strip()
        starts = f'"{first}"' if first != "U+0009" else '"U+0009 CHARACTER TABULATION (a character no one can see)"'
        english = f'datasets/{name}, row {row}, column "{column}": "{shown}" starts with {starts}: Excel and WPS run'
        assert english in err, english
        assert f"datasets/{name}，第 {row} 行，“{column}”列：“{shown}”以“" in err
    assert not (project / "build").exists()
    # "=", the old code for "equal", is no longer one of the comparator's codes, and the message names the new one
    row = set_cell(project / "datasets/indicators.csv", {"id": "expressway-access"}, "target_comparator", "=")
    assert main(["validate", "--root", str(project)]) == 1
    allowed = ">=, >, <=, <, equal"
    expected = (
        f'datasets/indicators.csv, row {row}, column "target_comparator": "=" is not allowed; use one of: {allowed}'
    )
    assert expected in capsys.readouterr().err


NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")  # what a spreadsheet reads as a number


def _unguarded(name: str, data: bytes) -> list[str]:
    """The text cells of a CSV or XLSX that a spreadsheet would run: they start with =, +, -, @, a tab or a carriage
    return, are not a plain number, and (in a workbook) are not a text cell marked as Excel marks a typed '=."""
    found = []
    if name.endswith(".csv"):
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
            found += [c for c in row if c.startswith(excel.DANGEROUS) and not NUMBER.fullmatch(c)]
        return found
    for sheet in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
        for cell in (c for row in sheet.iter_rows() for c in row):
            if cell.data_type == "f" or (
                cell.data_type == "s" and str(cell.value).startswith(excel.DANGEROUS) and not cell.quotePrefix
            ):
                found.append(f"{sheet.title}!{cell.coordinate}: {cell.value}")
    return found


def test_no_published_spreadsheet_holds_a_cell_a_spreadsheet_would_run(built_site: Path) -> None:
    """Every CSV and XLSX of the output, loose or inside a zip (the package, the story kits, the releases): no text
    cell starts like a formula unguarded. The comparator "equal" was "=", a cell Excel runs."""
    checked: list[str] = []
    for path in sorted(p for p in built_site.rglob("*") if p.suffix in (".csv", ".xlsx", ".zip")):
        members = _texts(path) if path.suffix == ".zip" else [(path.name, path.read_bytes())]
        for name, data in members:
            if name.endswith((".csv", ".xlsx")):
                checked.append(name)
                assert not _unguarded(name, data), (name, _unguarded(name, data)[:5])
    indicators = len(_table("indicators.csv"))
    assert sum(n.endswith(".xlsx") for n in checked) >= 2 * indicators + 1  # loose, in each kit, the package's
    assert sum("-story-kit.zip!" in n for n in checked) == 3 * indicators  # two CSVs and the workbook per kit
    assert any(n.endswith(".zip!commitments.csv") for n in checked)  # the package inside its zip


def _statuses(value: object) -> list[object]:
    """The value of each "status" key of a subject (indicator or commitment) in a JSON document: not inside its
    observations, whose "status" says final or provisional, and not the inner key of a status object itself."""
    found: list[object] = []
    if isinstance(value, dict):
        if "status" in value and "id" in value:
            found.append(value["status"])
        for key, item in value.items():
            if key not in ("status", "observations", "reported", "excluded", "judgement"):
                found += _statuses(item)
    elif isinstance(value, list):
        for item in value:
            found += _statuses(item)
    return found


def test_status_has_one_shape_across_the_api(built_site: Path) -> None:
    """Issue 16: `status` was a string in indicators.json and commitments.json and an object in indicators/<id>.json;
    it is one object everywhere, and the change is in the API's changelog."""
    api = built_site / "api/v1"
    documents = [api / "indicators.json", api / "commitments.json", *sorted((api / "indicators").glob("*.json"))]
    keys = {"status", "interim", "summary", "expected_share", "actual_share", "outcome"}  # outcome: revision 1.4
    for path in documents:
        statuses = _statuses(json.loads(path.read_text(encoding="utf-8")))
        assert statuses, path
        assert all(isinstance(s, dict) and set(s) == keys for s in statuses), (path, statuses[:2])
    index = json.loads((api / "index.json").read_text(encoding="utf-8"))
    revisions = {change["revision"]: change["change"]["en"] for change in index["changes"]}
    assert "status" in revisions["1.2"] and "equal" in revisions["1.3"] and "outcome" in revisions["1.4"]
    assert index["revision"] == "1.4"


def test_every_page_announces_its_languages_atom_feed(built_site: Path) -> None:
    """Atom autodiscovery: each page of a language links its feed of data releases, and the feed exists (the embed
    pages, shown inside other sites' pages and kept out of search, are not pages a reader subscribes from)."""
    pages = [
        p
        for p in built_site.glob("*/**/index.html")
        if p.relative_to(built_site).parts[0] in ("zh", "en") and p.parent.name != "embed"
    ]
    assert pages
    for page in pages:
        lang = page.relative_to(built_site).parts[0]
        feeds = soup(page).select('head link[rel="alternate"][type="application/atom+xml"]')
        assert len(feeds) == 1, page
        href = str(feeds[0]["href"])
        assert href.endswith(f"/{lang}/releases.xml") and feeds[0].get("title"), page
        assert (built_site / lang / "releases.xml").is_file()


# DCAT-AP 3.0: the mandatory and recommended properties of each class this catalogue claims, each with the kind of
# value DCAT-AP gives its range: an IRI, a literal in a language, a typed literal, or a node of a class.
DCAT, DCT, FOAF = (
    Namespace("http://www.w3.org/ns/dcat#"),
    Namespace("http://purl.org/dc/terms/"),
    Namespace("http://xmlns.com/foaf/0.1/"),
)
RDF, XSD = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#"), Namespace("http://www.w3.org/2001/XMLSchema#")
VCARD, DCATAP = Namespace("http://www.w3.org/2006/vcard/ns#"), Namespace("http://data.europa.eu/r5r/")
TEXT, IRI = "text", "iri"
CATALOGUE_FIELDS = {  # mandatory: title, description, publisher; the rest recommended
    DCT.title: TEXT,
    DCT.description: TEXT,
    DCT.publisher: FOAF.Agent,
    DCAT.dataset: DCAT.Dataset,
    FOAF.homepage: IRI,
    DCT.language: IRI,
    DCT.license: IRI,
    DCT.spatial: DCT.Location,
    DCAT.themeTaxonomy: IRI,
}  # and dct:issued, dct:modified (xsd:date) once the server publishes a release (tests/test_data_versions.py)
DATASET_FIELDS = {  # mandatory: title, description; the rest recommended
    DCT.title: TEXT,
    DCT.description: TEXT,
    DCAT.contactPoint: VCARD.Organization,
    DCAT.distribution: DCAT.Distribution,
    DCAT.keyword: TEXT,
    DCT.publisher: FOAF.Agent,
    DCT.spatial: DCT.Location,
    DCT.temporal: DCT.PeriodOfTime,
    DCAT.theme: IRI,
}
DISTRIBUTION_FIELDS = {  # mandatory: access URL; recommended: availability, description, format, licence
    DCAT.accessURL: IRI,
    DCATAP.availability: IRI,
    DCT.description: TEXT,
    DCT["format"]: IRI,  # not DCT.format, which is str.format
    DCT.license: IRI,
    DCAT.downloadURL: IRI,  # optional, and given: with its size and media type
    DCAT.byteSize: XSD.nonNegativeInteger,
    DCAT.mediaType: IRI,
}


def _well_typed(graph: Graph, subject: object, fields: dict[URIRef, object]) -> list[str]:
    """What is missing or ill-typed among `fields` of `subject`: each property present, and each value of the kind
    its range is (an IRI; a literal in a language; a literal of its XML Schema type; a node of its class)."""
    wrong = []
    for prop, kind in fields.items():
        values = list(graph.objects(subject, prop))
        if not values:
            wrong.append(f"{prop} missing")
        for value in values:
            if kind == IRI:
                ok = isinstance(value, URIRef) and str(value).startswith(("http://", "https://", "mailto:"))
            elif kind == TEXT:
                ok = isinstance(value, Literal) and value.language in ("zh", "en") and bool(str(value).strip())
            elif isinstance(kind, URIRef) and str(kind).startswith(str(XSD)):
                ok = isinstance(value, Literal) and value.datatype == kind and value.value is not None
            else:
                ok = (value, RDF.type, kind) in graph
            if not ok:
                wrong.append(f"{prop}: {value!r} is not {kind}")
    return wrong


def test_the_dcat_catalogue_is_rdf_with_the_dcat_ap_fields_it_claims_well_typed(built_site: Path) -> None:
    """catalog.jsonld parsed as RDF (rdflib's JSON-LD reader, its context inline): the catalogue, each dataset (the
    package and one per indicator) and each distribution has every mandatory and recommended DCAT-AP 3 property,
    each value of its range's kind; the contact point is site.toml's contact; every address is a file of the
    output under the configured address."""
    site = tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))["site"]
    base, contact = site["base_url"], site["contact"]
    graph = Graph().parse(data=(built_site / "catalog.jsonld").read_text(encoding="utf-8"), format="json-ld")
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    assert _well_typed(graph, catalogues[0], CATALOGUE_FIELDS) == []
    assert graph.value(catalogues[0], DCT.issued) is None  # a local build: the data is not yet published
    datasets = list(graph.objects(catalogues[0], DCAT.dataset))
    assert len(datasets) == 1 + len(_table("indicators.csv"))
    for dataset in datasets:
        assert _well_typed(graph, dataset, DATASET_FIELDS) == [], dataset
        assert {t.language for t in graph.objects(dataset, DCT.title)} == {"zh", "en"}
        for point in graph.objects(dataset, DCAT.contactPoint):
            reach = {str(v) for p in (VCARD.hasEmail, VCARD.hasURL) for v in graph.objects(point, p)}
            assert reach == {contact}, reach
        for period in graph.objects(dataset, DCT.temporal):
            start, end = graph.value(period, DCAT.startDate), graph.value(period, DCAT.endDate)
            assert isinstance(start, Literal) and isinstance(end, Literal) and start.datatype == XSD.date
            assert start.value <= end.value
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert distributions, dataset
        for distribution in distributions:
            assert _well_typed(graph, distribution, DISTRIBUTION_FIELDS) == [], distribution
            for prop in (DCAT.downloadURL, DCAT.accessURL):
                url = str(graph.value(distribution, prop))
                assert url.startswith(base), url
                rel = url[len(base) :]
                assert (built_site / rel).is_file() or (built_site / rel / "index.html").is_file(), url
            size = graph.value(distribution, DCAT.byteSize)
            path = built_site / str(graph.value(distribution, DCAT.downloadURL))[len(base) :]
            assert isinstance(size, Literal) and size.value == path.stat().st_size


@pytest.mark.parametrize(
    ("contact", "reach"),
    [
        ("mailto:office@example.org", {"vcard:hasEmail": {"@id": "mailto:office@example.org"}}),
        ("https://example.org/write/", {"vcard:hasURL": {"@id": "https://example.org/write/"}}),
        (
            "https://example.org/form?s={subject}&b={body}",
            {"vcard:hasURL": {"@id": "https://example.org/form?s=%E6%B9%96%E5%B7%9E&b="}},
        ),
        ("", {"vcard:hasURL": {"@id": "https://example.org/zh/"}}),  # none listed: the site's home page
    ],
)
def test_the_dcat_contact_point_is_site_tomls_contact(contact: str, reach: dict[str, object]) -> None:
    assert metadata._reach(contact, "湖州", "https://example.org/zh/") == reach


LOOPBACK = re.compile(rb"127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0", re.IGNORECASE)


def _texts(path: Path) -> list[tuple[str, bytes]]:
    """A file's bytes, or each member of a zip archive (compressed text would hide an address from a plain scan)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return [(f"{path.name}!{name}", archive.read(name)) for name in archive.namelist()]
    return [(path.name, path.read_bytes())]


def test_no_loopback_address_anywhere_and_every_absolute_address_is_the_configured_one(built_site: Path) -> None:
    """Issue 16: every absolute address was http://127.0.0.1:8000/ (91 files). A default strict build names
    site.toml's address, and no file holds a loopback address (pages, sitemap, robots, feeds, DCAT, API, READMEs,
    story kits and the package inside their zips)."""
    base = tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))["site"]["base_url"]
    naming_base, scanned = 0, 0
    for path in sorted(p for p in built_site.rglob("*") if p.is_file() and "pagefind" not in p.parts):
        if path.suffix in (".png", ".pdf", ".woff2"):
            continue  # images, and the PDF's compressed streams (its text is checked by the report's tests)
        for name, data in _texts(path):
            scanned += 1
            assert LOOPBACK.search(data) is None, (name, LOOPBACK.search(data))
            naming_base += base.encode() in data
    assert scanned > 100 and naming_base > 50, (scanned, naming_base)
    for name in ("sitemap.xml", "robots.txt", "catalog.jsonld", "zh/releases.xml", "en/index.html"):
        assert base in (built_site / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize(
    ("value", "kind_zh", "kind_en"),
    [
        ("http://127.0.0.1:8000/", "本机地址", "an address of this computer"),
        ("http://localhost/", "本机地址", "an address of this computer"),
        ("https://example.org/huzhou/", "示例地址", "an example address"),
        ("https://huzhou.test/", "示例地址", "an example address"),
    ],
)
def test_a_strict_build_refuses_a_loopback_or_example_address_and_a_preview_takes_it(
    project: Path, capsys: pytest.CaptureFixture[str], value: str, kind_zh: str, kind_en: str
) -> None:
    toml = project / "site.toml"
    text = toml.read_text(encoding="utf-8")
    base = tomllib.loads(text)["site"]["base_url"]
    toml.write_text(text.replace(f'"{base}"', f'"{value}"'), encoding="utf-8")
    zh = (
        f"site.toml，键 “site.base_url”：“{value}”是{kind_zh}，只能用于在本机预览；发布的网站会把它写进每个页面、引用和"
        "下载文件。请填写网站的正式地址（例如 https://czh.huzhou.gov.cn/）"
    )
    en = (
        f'site.toml, key "site.base_url": "{value}" is {kind_en}, fit only for a preview on this computer: the '
        "published site writes it into every page, citation and download. Give the site's real address (such as "
        "https://czh.huzhou.gov.cn/)"
    )
    assert main(["validate", "--strict", "--root", str(project)]) == 1
    assert f"✗ {zh}\n  {en}\n" in capsys.readouterr().err
    assert main(["validate", "--root", str(project)]) == 0  # a preview or a local look: a warning
    assert f"! {zh}\n  {en}\n" in capsys.readouterr().err
    assert validate(project, strict=True, progress=quiet, base_url="https://www.huzhou.gov.cn/x/").warnings == ()


INTERRUPTED_WORKBOOK = """
from site_builder.opendata.excel import workbook
class Rows(list):
    def __iter__(self):
        for i in range(1000):
            if i == 500:
                raise KeyboardInterrupt  # Ctrl+C half-way through a sheet
            yield [str(i)]
try:
    workbook([("t", ["a"], Rows(), set())])
except KeyboardInterrupt:
    print("interrupted")
"""


def test_a_workbook_interrupted_half_way_leaves_no_traceback_behind() -> None:
    """Found in CI: Ctrl+C during `publish`'s check, while a workbook was being written, printed a traceback
    ("Exception ignored … I/O operation on closed file") under the bilingual "interrupted" message, as Python closed
    openpyxl's abandoned sheet stream on its way out."""
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_WORKBOOK], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout == "interrupted\n" and done.stderr == "", done.stderr
