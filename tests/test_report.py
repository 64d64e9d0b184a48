"""The assessment report: /zh/report/ and /en/report/, and its PDF in each language under /downloads/ (typeset by
WeasyPrint from the page, cached by the hash of its inputs, reading nothing outside the output)."""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from pypdf import PdfReader

from site_builder.build import build
from site_builder.i18n import format_quantity
from site_builder.inputs.catalogs import load_translations
from site_builder.opendata import report_pdf
from site_builder.pages import report
from site_builder.pages.wording import outcome_label, status_label, summary_label
from site_builder.problems import ProblemsFound
from site_builder.problems.catalogue import commands as staff_words
from site_builder.problems.catalogue import output as said
from tests.conftest import ROOT, quiet
from tests.helpers import dataset, without_report_pdfs

LOCALES = {"zh": "zh_Hans_CN", "en": "en"}
BASE = urlsplit(tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))["site"]["base_url"]).path
FIXTURE = ROOT / "tests/fixtures/progress-site"


def squeezed(text: str) -> str:
    """Text without any white space: a PDF's text breaks lines (and Chinese names) wherever the page wraps them."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return len(reader.pages), squeezed("".join(page.extract_text() for page in reader.pages))


def words(lang: str):  # type: ignore[no-untyped-def]
    translations, _ = load_translations(ROOT, ROOT / "themes/default", LOCALES[lang])
    return translations.gettext


def sections_by_indicator(text: str, lang: str, api: list[dict[str, object]]) -> dict[str, str]:
    """Each indicator's part of the PDF's text: from its heading ("Indicator 4 · …") to the next indicator's."""
    _ = words(lang)
    starts = []
    for item in api:
        name = item["name"][lang]  # type: ignore[index]
        heading = squeezed(_("Indicator %(number)s") % {"number": item["number"]} + " · " + name)
        assert heading in text, f"{lang}: no heading {heading!r} in the PDF"
        starts.append((text.index(heading), str(item["id"])))
    starts.sort()
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return {key: text[start:end] for (start, key), end in zip(starts, ends, strict=True)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pdf_names_every_indicator_with_its_status_and_the_api_numbers(built_site: Path, lang: str) -> None:
    pages, text = pdf_text(built_site / f"downloads/report-{lang}.pdf")
    api = json.loads((built_site / "api/v1/indicators.json").read_text(encoding="utf-8"))
    assert 10 <= pages <= 80, pages  # a cover, contents, summary, two indicators a page, commitments, method…
    _ = words(lang)
    decimals = {row["id"]: int(row["decimals"]) for row in dataset(ROOT, "indicators")}
    parts = sections_by_indicator(text, lang, api)
    for item in api:
        part = parts[item["id"]]
        assert squeezed(status_label(item["judgement"]["status"], _)) in part, (item["id"], part[:300])
        latest = item["latest"]
        if latest is not None:  # the value the API gives, written as every page writes it, with its year
            shown = format_quantity(latest["value"], item["unit"][lang], LOCALES[lang], decimals[item["id"]])
            assert squeezed(f"{shown} ({latest['year']})") in part, (item["id"], shown, part[:300])
        record = json.loads((built_site / str(item["url"]).lstrip("/")).read_text(encoding="utf-8"))
        baseline = record["baseline"]
        if baseline is not None and baseline["value"] is not None:  # as the plan wrote it
            shown = format_quantity(baseline["value"], item["unit"][lang], LOCALES[lang])
            assert squeezed(shown) in part, (item["id"], shown, part[:300])
    # the summary's counts are the API's outcomes counted (the real site's is a final assessment), in a row
    for kind, counted in api_counts(built_site, "outcome").items():
        row = "".join(f"{count}{squeezed(outcome_label(outcome, _))}" for outcome, count in counted.items())
        assert row in text, (kind, counted)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_page_has_the_api_counts_and_links_its_pdfs(built_site: Path, lang: str) -> None:
    html = (built_site / f"{lang}/report/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    api = json.loads((built_site / "api/v1/indicators.json").read_text(encoding="utf-8"))
    assert totals(soup) == api_counts(built_site, "outcome")
    pdfs = [a["href"] for a in soup.select(".report-files a")]
    assert pdfs == [f"{BASE}downloads/report-zh.pdf", f"{BASE}downloads/report-en.pdf"]
    assert len(soup.select(".report-indicator")) == len(api)
    assert soup.h1 is not None and soup.h1.get_text() == words(lang)("Final assessment of the plan")
    method = BeautifulSoup((built_site / f"{lang}/methodology/index.html").read_text(encoding="utf-8"), "html.parser")
    assert {f"{BASE}{lang}/report/", f"{BASE}downloads/report-zh.pdf", f"{BASE}downloads/report-en.pdf"} <= {
        a["href"] for a in method.select("main a")
    }
    progress = BeautifulSoup((built_site / f"{lang}/progress/index.html").read_text(encoding="utf-8"), "html.parser")
    assert f"{BASE}{lang}/report/" in {a["href"] for a in progress.select("main a")}


FINAL = ("met", "not_met", "awaiting_final", "no_data", "not_due")  # a final assessment's groups, in order
INTERIM = ("achieved", "on_track", "behind", "no_data")  # an interim report's (the progress page's)


def api_counts(output: Path, field: str) -> dict[str, dict[str, int]]:
    """How many indicators and commitments the API gives each outcome (or summary), in the report's order; not yet
    due only when something is."""
    counted = {}
    for kind in ("indicators", "commitments"):
        items = json.loads((output / f"api/v1/{kind}.json").read_text(encoding="utf-8"))
        groups = FINAL if field == "outcome" else INTERIM
        assert {item["status"][field] for item in items} <= set(groups)
        counts = {g: sum(1 for item in items if item["status"][field] == g) for g in groups}
        counted[kind] = {g: n for g, n in counts.items() if g != "not_due" or n}
    return counted


def totals(soup: BeautifulSoup) -> dict[str, dict[str, int]]:
    """The report's summary: for indicators, then commitments, each group's count by its class."""
    lists = soup.select(".report-part ul.totals")
    return {
        kind: {
            li["class"][1].removeprefix("total-"): int(li.select_one(".total-count").get_text())  # type: ignore[union-attr]
            for li in ul.select(".total")
        }
        for kind, ul in zip(("indicators", "commitments"), lists, strict=True)
    }


def expected_outcome(item: dict[str, Any], assessment_year: int, target_year: int) -> str:
    """What a final assessment counts, from the API's other fields: a check on the SQL's outcome column."""
    status, latest = item["status"]["status"], item["judgement"]["year"]
    if status in ("met", "not_met"):
        return str(status)
    if assessment_year < target_year:
        return "not_due"
    return "no_data" if latest is None else "awaiting_final"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_count_in_the_reports_table_is_the_apis(built_site: Path, lang: str) -> None:
    """The table of counts (the plan, each category, each chapter; indicators, then commitments) holds the API's
    outcomes counted by the indicators' category and chapter (indicators/<id>.json) and the commitments' chapter."""
    soup = BeautifulSoup((built_site / f"{lang}/report/index.html").read_text(encoding="utf-8"), "html.parser")
    listed = json.loads((built_site / "api/v1/indicators.json").read_text(encoding="utf-8"))
    indicators = [json.loads((built_site / str(i["url"]).lstrip("/")).read_text(encoding="utf-8")) for i in listed]
    commitments = json.loads((built_site / "api/v1/commitments.json").read_text(encoding="utf-8"))
    groups = {kind: list(counted) for kind, counted in api_counts(built_site, "outcome").items()}
    groups_of = {row[f"name_{lang}"]: ("category", row["id"]) for row in dataset(ROOT, "categories")} | {
        row[f"title_{lang}"]: ("chapter", row["id"]) for row in dataset(ROOT, "chapters")
    }
    rows = soup.select("table.counts tbody tr")
    chapters = {i["chapter"] for i in indicators} | {c["chapter"] for c in commitments}  # those with a member
    assert len(rows) == 1 + len(dataset(ROOT, "categories")) + len(chapters)

    def counted(items: list[dict[str, Any]], kind: str, scope: str, group: str) -> list[int]:
        members = [i for i in items if scope == "plan" or i.get(scope) == group]
        return [sum(1 for i in members if i["status"]["outcome"] == g) for g in groups[kind]]

    for row in rows:
        label = row.th.get_text()  # type: ignore[union-attr]
        scope, group = groups_of.get(label, ("plan", "plan"))
        cells = [td.select_one(".count") for td in row.select("td")]
        shown = [int(c.get_text()) if c else None for c in cells]
        expected: list[int | None] = list(counted(indicators, "indicators", scope, group))
        if scope == "category":  # commitments belong to chapters
            expected += [None] * len(groups["commitments"])
        else:
            expected += counted(commitments, "commitments", scope, group)
        assert shown == expected, (label, shown, expected)


def fixture_site(root: Path, assessment_year: int) -> Path:
    """The fixture site that reaches every status (targets in 2025 and 2030), with this repository's schemas, SQL,
    theme, method page and site.toml, its assessment year set."""
    config = (ROOT / "site.toml").read_text(encoding="utf-8")
    (root / "site.toml").parent.mkdir(parents=True)
    (root / "site.toml").write_text(
        re.sub(r"^assessment_year = \d+", f"assessment_year = {assessment_year}", config, flags=re.M),
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "themes", root / "themes")
    shutil.copytree(FIXTURE / "content", root / "content")
    for lang in ("zh", "en"):
        shutil.copy2(ROOT / f"content/{lang}/methodology.md", root / f"content/{lang}/methodology.md")
    shutil.copytree(FIXTURE / "datasets", root / "datasets")
    shutil.copy2(ROOT / "datasets/datapackage.json", root / "datasets/datapackage.json")
    shutil.copytree(ROOT / "datasets/sql", root / "datasets/sql")
    return root


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("year", "title"), [(2026, "Mid-term assessment of the plan"), (2030, "Final assessment of the plan")]
)
def test_the_title_follows_the_assessment_year(tmp_path: Path, year: int, title: str) -> None:
    """The fixture's last targets fall in 2030: judged in 2026 it is a mid-term report, from 2030 on the final one."""
    root = fixture_site(tmp_path / "site", year)
    build(root, root / "build", strict=True, progress=quiet)
    for lang in ("zh", "en"):
        expected = words(lang)(title)
        soup = BeautifulSoup((root / f"build/{lang}/report/index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.h1 is not None and soup.h1.get_text() == expected
        assert soup.title is not None and soup.title.get_text().startswith(expected)
        pages, text = pdf_text(root / f"build/downloads/report-{lang}.pdf")
        assert squeezed(expected) in text
        assert pages >= 5
        assert PdfReader(root / f"build/downloads/report-{lang}.pdf").metadata.title.startswith(expected)
    other = "Final assessment of the plan" if year < 2030 else "Mid-term assessment of the plan"
    assert squeezed(words("en")(other)) not in pdf_text(root / "build/downloads/report-en.pdf")[1]


@pytest.mark.e2e
@pytest.mark.parametrize(("year", "field"), [(2026, "summary"), (2030, "outcome")])
def test_the_summary_counts_what_the_assessment_year_asks(tmp_path: Path, year: int, field: str) -> None:
    """An interim report counts by progress (achieved, on track, behind, no data); the final one by outcome (met,
    not met, awaiting final data, no data), every one of which the fixture reaches in 2030. The counts are the
    API's, in the page and in the PDF of each language, for indicators and for commitments."""
    root = fixture_site(tmp_path / "site", year)
    build(root, root / "build", strict=True, progress=quiet)
    counted = api_counts(root / "build", field)
    if field == "outcome":
        assert all(counted["indicators"][g] > 0 for g in FINAL[:4]), counted
        for kind, years in (("indicators", "target"), ("commitments", "deadline_year")):
            for item in json.loads((root / f"build/api/v1/{kind}.json").read_text(encoding="utf-8")):
                due = item["target"]["year"] if years == "target" else item["deadline_year"]
                assert item["status"]["outcome"] == expected_outcome(item, year, due), item
    label = outcome_label if field == "outcome" else summary_label
    for lang in ("zh", "en"):
        _ = words(lang)
        soup = BeautifulSoup((root / f"build/{lang}/report/index.html").read_text(encoding="utf-8"), "html.parser")
        assert totals(soup) == counted
        header = [th.get_text() for th in soup.select("table.counts thead tr:nth-of-type(2) th")]
        assert header == [label(g, _) for kind in counted.values() for g in kind]
        text = pdf_text(root / f"build/downloads/report-{lang}.pdf")[1]
        for groups in counted.values():
            if field == "outcome":  # in a row; an interim report says under each how many rest on an interim value
                assert "".join(f"{n}{squeezed(label(g, _))}" for g, n in groups.items()) in text, groups
            for g, n in groups.items():
                assert f"{n}{squeezed(label(g, _))}" in text, (g, n)


@pytest.mark.e2e
def test_a_site_with_more_indicators_than_the_report_lists_gets_their_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report is to read and print: past `report.LISTED` indicators (the synthetic sites of 10,000) it gives each
    group's counts and the indicators page, not a page per indicator."""
    monkeypatch.setattr(report, "LISTED", 5)  # the fixture has 11
    root = fixture_site(tmp_path / "site", 2026)
    build(root, root / "build", strict=True, progress=quiet)
    soup = BeautifulSoup((root / "build/en/report/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select(".report-indicator") == [] and soup.select(".report-unknown") == []
    categories = dataset(root, "categories")
    links = [a["href"] for a in soup.select("#report-indicators ~ section a")]
    assert links == [f"{BASE}en/indicators/"] * len(categories)
    assert soup.select(".report-part .totals .total-count")  # the counts are there
    pages, text = pdf_text(root / "build/downloads/report-en.pdf")
    assert pages >= 3 and squeezed(words("en")("Mid-term assessment of the plan")) in text


def small_output(folder: Path, css: str = "p { color: #123456 }", image: str = "/chart.svg") -> Path:
    (folder / "page").mkdir(parents=True)
    (folder / "style.css").write_text(css, encoding="utf-8")
    (folder / "chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>',
        encoding="utf-8",
    )
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title>'
        '<link rel="stylesheet" href="/style.css"></head>'
        f'<body><p>Report 湖州</p><img src="{image}" alt="chart"></body></html>'
    )
    (folder / "page/index.html").write_text(html, encoding="utf-8")
    return folder


SITE = "https://example.org/"


def typeset(folder: Path, kept: Path) -> bytes:
    html = (folder / "page/index.html").read_bytes()
    return report_pdf.typeset(html, folder, SITE + "page/", SITE, kept)


def test_the_pdf_is_the_same_bytes_every_time_and_is_cached_by_what_it_read(tmp_path: Path) -> None:
    folder = small_output(tmp_path / "out")
    first = typeset(folder, tmp_path / "cache-1")
    assert first == typeset(folder, tmp_path / "cache-2")  # no date, a fixed identifier: reproducible
    assert b"/CreationDate" not in first and b"/ModDate" not in first
    cached = sorted(p.name for p in (tmp_path / "cache-1").iterdir())
    assert len(cached) == 2  # the PDF, and the list of files it read
    assert json.loads(next((tmp_path / "cache-1").glob("*.json")).read_text()) == ["chart.svg", "style.css"]
    assert typeset(folder, tmp_path / "cache-1") == first
    assert sorted(p.name for p in (tmp_path / "cache-1").iterdir()) == cached  # read from the cache
    (folder / "style.css").write_text("p { color: #654321 }", encoding="utf-8")  # a file it read changed
    changed = typeset(folder, tmp_path / "cache-1")
    assert changed != first
    assert len(list((tmp_path / "cache-1").glob("*.pdf"))) == 2


@pytest.mark.parametrize(
    "image",
    ["http://127.0.0.1:9/secret.png", "file:///etc/hostname", "https://example.org/../../etc/hostname"],
)
def test_the_pdf_reads_nothing_outside_the_output(tmp_path: Path, image: str) -> None:
    folder = small_output(tmp_path / "out", image=image)
    with pytest.raises(RuntimeError, match="outside the output"):
        typeset(folder, tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_is_accessible_and_prints_cleanly_from_a_browser(
    built_site: Path, tmp_path: Path, browser: Browser, lang: str
) -> None:
    """axe-core finds no serious problem; Chromium's print of the page is the report alone (no navigation, no
    footer), page after page."""
    from tests.test_browser import _QuietHandler, _Server, serious_accessibility_problems

    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    _ = words(lang)
    try:
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{lang}/report/")
        assert serious_accessibility_problems(page) == []
        assert errors == []
        printed = tmp_path / "printed.pdf"
        page.pdf(path=str(printed), format="A4", print_background=True)
        page.close()
    finally:
        httpd.shutdown()
    pages, text = pdf_text(printed)
    assert pages >= 10
    assert squeezed(_("Final assessment of the plan")) in text
    for chrome in (_("Skip to main content"), _("Data licence:"), _("Search")):
        assert squeezed(chrome) not in text, chrome


# What `import weasyprint` does where Pango is missing (WeasyPrint 70, text/ffi.py): it prints advice, then cffi raises.
NO_PANGO = """print("WeasyPrint could not import some external libraries. Please carefully follow the installation steps")
raise OSError(
    "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: No such file or directory."
    "  Additionally, ctypes.util.find_library() did not manage to locate a library called 'libpango-1.0-0'"
)
"""


def build_without_pango(
    root: Path, tmp_path: Path, *options: str, command: str = "build"
) -> subprocess.CompletedProcess[str]:
    """`site-builder build` (or another command) in a process where importing WeasyPrint fails as it does without
    Pango."""
    (tmp_path / "no-pango/weasyprint").mkdir(parents=True, exist_ok=True)
    (tmp_path / "no-pango/weasyprint/__init__.py").write_text(NO_PANGO, encoding="utf-8")
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "no-pango"), str(ROOT)]),
        "SITE_BUILDER_CACHE": str(tmp_path / "cache"),  # an empty cache: nothing typeset before
    }
    where = ["--root", str(root)] + (["--out", str(root / "build")] if command == "build" else [])
    run = [sys.executable, "-m", "site_builder", command, *where, *options]
    return subprocess.run(run, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.e2e
def test_without_pango_a_build_goes_on_without_the_pdfs_and_a_strict_build_refuses(tmp_path: Path) -> None:
    """A missing system library is a clear message in both languages, not an internal error: a preview or a build
    without --strict writes the rest of the site and warns; a strict build (CI, the server) refuses and keeps the
    last good build; the staff's own check passes (the server makes the PDFs)."""
    root = fixture_site(tmp_path / "site", 2026)
    skipped = build_without_pango(root, tmp_path)
    assert skipped.returncode == 0, skipped.stderr
    printed = skipped.stdout + skipped.stderr
    warning = said.PDF_SKIPPED.at(said.PDFS, library="libpango-1.0-0")
    assert warning.format("zh") in printed and warning.format("en") in printed
    assert "Traceback" not in printed and "WeasyPrint could not import" not in printed
    assert (root / "build/en/report/index.html").is_file() and (root / "build/zh/indicators/t-met/index.html").is_file()
    assert not list((root / "build/downloads").glob("report-*.pdf"))
    before = {p: p.stat().st_mtime_ns for p in (root / "build").rglob("*")}

    refused = build_without_pango(root, tmp_path, "--strict")
    assert refused.returncode == 1
    printed = refused.stdout + refused.stderr
    error = said.PDF_REFUSED.at(said.PDFS, library="libpango-1.0-0")
    assert error.format("zh") in printed and error.format("en") in printed
    assert "Traceback" not in printed
    assert {p: p.stat().st_mtime_ns for p in (root / "build").rglob("*")} == before  # the last good build stays

    checked = build_without_pango(root, tmp_path, command="check")  # a staff computer: the server makes the PDFs
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert staff_words.READY_TO_PUBLISH.line() in checked.stdout


@pytest.mark.e2e
def test_a_site_set_without_pdfs_builds_strictly_and_links_none(tmp_path: Path) -> None:
    """`report_pdf = false` in site.toml: a strict build passes, writes no PDF and its report pages offer none (no
    link to a file the site lacks); the pages are otherwise the report."""
    root = fixture_site(tmp_path / "site", 2026)
    config = root / "site.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("report_pdf = true", "report_pdf = false"), "utf-8")
    with pytest.raises(ProblemsFound) as refused:  # the method page still links the PDFs: broken links, refused
        build(root, root / "build", strict=True, progress=quiet)
    assert (
        sorted(p.location.file for p in refused.value.problems)
        == ["content/en/methodology.md"] * 2 + ["content/zh/methodology.md"] * 2
    )
    assert not (root / "build").exists()
    root = without_report_pdfs(fixture_site(tmp_path / "other", 2026))
    result = build(root, root / "build", strict=True, progress=quiet)
    assert result.warnings == () and result.pages > 0
    assert not list((root / "build").rglob("*.pdf"))
    for lang in ("zh", "en"):
        soup = BeautifulSoup((root / f"build/{lang}/report/index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.select("a[type='application/pdf']") == [] and soup.select(".report-files") == []
        assert soup.select("#report-summary") and soup.select("table.counts")


def cached(folder: Path) -> dict[str, tuple[int, int]]:
    """The report cache's files: name, inode and modification time (a PDF typeset again is written anew)."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.mark.e2e
def test_an_edit_that_leaves_the_report_alone_is_not_typeset_again(tmp_path: Path) -> None:
    """Two processes (a preview restarted, a build after it: each with its own hash seed), one edit of a chapter's
    text between them: the PDFs come from the cache, untouched; an edit the report shows typesets them again."""
    root = fixture_site(tmp_path / "site", 2026)
    env = os.environ | {"PYTHONPATH": str(ROOT), "SITE_BUILDER_CACHE": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "site_builder", "build", "--root", str(root), "--out", str(root / "build")]

    def built(seed: str) -> dict[str, bytes]:
        done = subprocess.run(command, env=env | {"PYTHONHASHSEED": seed}, capture_output=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return {lang: (root / f"build/downloads/report-{lang}.pdf").read_bytes() for lang in ("zh", "en")}

    first = built("1")
    kept = cached(tmp_path / "cache/report")
    assert len([name for name in kept if name.endswith(".pdf")]) == 2
    chapter = root / "content/en/chapters/fixture-chapter.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert built("2") == first
    assert cached(tmp_path / "cache/report") == kept  # nothing typeset, nothing written

    observations = root / "datasets/observations.csv"
    observations.write_text(
        observations.read_text(encoding="utf-8").replace(
            "t-met,2025,21,final,test-source,synthetic test value 21,",
            "t-met,2025,22,final,test-source,synthetic test value 22,",
        )
    )
    changed = built("3")
    assert changed["zh"] != first["zh"] and changed["en"] != first["en"]
    assert len([name for name in cached(tmp_path / "cache/report") if name.endswith(".pdf")]) == 4
