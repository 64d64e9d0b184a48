"""What journalists take away (issue 16, points 2-4): numbers with their units as a reader of each language writes
them, a citation of each indicator page, and per-indicator files that stand alone in Excel on Chinese Windows."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from site_builder.build import validate
from site_builder.cli import main
from site_builder.i18n import format_quantity
from site_builder.opendata import series
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
            assert f"  url = {{{zh_url if lang == 'zh' else en_url}}}," in bib and f"  urldate = {{{day}}}," in bib
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


def _read(built: Path, name: str) -> str:
    return (built / "downloads/indicators" / name).read_bytes().decode("utf-8-sig")


FORMULA = '=HYPERLINK("http://example.org/x","click")'


@pytest.mark.e2e  # a whole build
def test_no_per_indicator_file_holds_a_cell_a_spreadsheet_would_run(project: Path) -> None:
    """A source title, a quote and notes that start like formulas: every per-indicator CSV (plain and for Excel,
    loose and in the story kit) starts them with an apostrophe; the JSON keeps them as published."""
    set_cell(project / "datasets/sources.csv", {"id": "eco-bulletin-2022"}, "title", FORMULA)
    match = {"indicator_id": "good-air-days", "year": "2022"}
    set_cell(project / "datasets/observations.csv", match, "quote", "@SUM(A1:A9)")
    set_cell(project / "datasets/observations.csv", match, "note_en", "-1+2")
    set_cell(project / "datasets/observations.csv", match, "note_zh", "+86 电话")
    assert main(["build", "--root", str(project)]) == 0
    folder = project / "build/downloads/indicators"
    tables = {p.name: p.read_bytes().decode("utf-8-sig") for p in folder.glob("*.csv")}
    for kit in folder.glob("*-story-kit.zip"):
        with zipfile.ZipFile(kit) as archive:
            tables |= {
                f"{kit.name}/{n}": archive.read(n).decode("utf-8-sig") for n in archive.namelist() if n.endswith(".csv")
            }
    assert len(tables) == 4 * len(_table("indicators.csv"))
    for name, text in tables.items():
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        texts = [v for r in rows for k, v in r.items() if k not in series.NUMERIC]
        assert not [v for v in texts if v.startswith(("=", "+", "-", "@", "\t", "\r"))], name
    air = list(csv.DictReader(io.StringIO(tables["good-air-days.csv"], newline="")))[-1]
    assert (air["source_title"], air["source_quote"], air["note_en"], air["note_zh"]) == (
        "'" + FORMULA,
        "'@SUM(A1:A9)",
        "'-1+2",
        "'+86 电话",
    )
    record = json.loads((folder / "good-air-days.json").read_text(encoding="utf-8"))
    assert record["observations"][-1]["source"]["title"] == FORMULA  # JSON is for programs: kept as published
    # the plain tables are the staff's own files, byte for byte (the Excel variants beside them are guarded)
    data = project / "build/downloads/data"
    assert (data / "sources.csv").read_bytes() == (project / "datasets/sources.csv").read_bytes()
    excel = csv.reader(io.StringIO((data / "sources-excel.csv").read_bytes().decode("utf-8-sig"), newline=""))
    assert any(cell == "'" + FORMULA for row in excel for cell in row)


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
    keys = {"status", "interim", "summary", "expected_share", "actual_share"}
    for path in documents:
        statuses = _statuses(json.loads(path.read_text(encoding="utf-8")))
        assert statuses, path
        assert all(isinstance(s, dict) and set(s) == keys for s in statuses), (path, statuses[:2])
    index = json.loads((api / "index.json").read_text(encoding="utf-8"))
    assert index["revision"] == "1.2" and "status" in index["changes"][0]["change"]["en"]


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


# DCAT-AP 3: the mandatory and recommended properties this catalogue claims, per class.
MANDATORY = {
    "dcat:Catalog": ["dct:title", "dct:description", "dct:publisher", "dcat:dataset"],
    "dcat:Dataset": ["dct:title", "dct:description"],
    "dcat:Distribution": ["dcat:accessURL"],
}
RECOMMENDED = {  # dct:issued and dct:modified too, once a release is published (tests/test_data_versions.py)
    "dcat:Catalog": ["foaf:homepage", "dct:language", "dct:license", "dct:spatial"],
    "dcat:Dataset": [
        *("dcat:contactPoint", "dcat:distribution", "dcat:keyword", "dct:publisher", "dct:spatial"),
        *("dct:temporal", "dcat:theme"),
    ],
    "dcat:Distribution": ["dct:format", "dct:license", "dcat:byteSize", "dcat:downloadURL", "dcat:mediaType"],
}
DCAT_AP = {kind: MANDATORY[kind] + RECOMMENDED[kind] for kind in MANDATORY}


def test_the_dcat_catalogue_holds_the_dcat_ap_fields_it_claims(built_site: Path) -> None:
    catalogue = json.loads((built_site / "catalog.jsonld").read_text(encoding="utf-8"))
    base = tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))["site"]["base_url"]

    def complete(node: dict[str, object]) -> None:
        missing = [key for key in DCAT_AP[str(node["@type"])] if node.get(key) in (None, "", [], {})]
        assert not missing, (node.get("@id"), missing)

    def exists(address: object) -> None:
        assert isinstance(address, dict)
        url = str(address["@id"])
        assert url.startswith(base), url
        rel = url[len(base) :]
        assert (built_site / rel).is_file() or (built_site / rel / "index.html").is_file(), url

    complete(catalogue)
    assert "dct:issued" not in catalogue and "owl:versionInfo" not in catalogue["dcat:dataset"][0]  # not published yet
    datasets = catalogue["dcat:dataset"]
    assert len(datasets) == 1 + len(_table("indicators.csv"))
    for dataset in datasets:
        complete(dataset)
        assert {t["@language"] for t in dataset["dct:title"]} == {"zh", "en"}
        assert {t["@language"] for t in dataset["dct:description"]} == {"zh", "en"}
        assert dataset["dct:temporal"]["dcat:startDate"] <= dataset["dct:temporal"]["dcat:endDate"]
        for distribution in dataset["dcat:distribution"]:
            complete(distribution)
            exists(distribution["dcat:downloadURL"])
            exists(distribution["dcat:accessURL"])


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
