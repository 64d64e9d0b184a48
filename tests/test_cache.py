"""Cache correctness: what a build keeps between runs (drawn charts, compiled templates, the last build's
fingerprint) never changes what it writes. An edit to a value, a translation, a template or the theme changes
exactly what depends on it, and a build from a warm cache is byte-identical to a cold one."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.build import BuildResult, build
from site_builder.cli import main
from tests.conftest import ROOT, copy_project, quiet
from tests.helpers import dataset, languages, snapshot, without_report_pdfs

pytestmark = pytest.mark.e2e

SEARCH_INDEX = ("zh/pagefind/", "en/pagefind/")  # varies between runs upstream (see test_reproducible.py)
INDICATORS, LANGUAGES = len(dataset(ROOT, "indicators")), languages(ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real project without the report's PDFs (helpers.without_report_pdfs): a value edit would typeset both
    again in each build here; their cache is tested in test_report.py, a warm push against a cold build with them in
    test_push_reuse.py."""
    return without_report_pdfs(copy_project(tmp_path / "project"))


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    """A cache of this test's own, empty at the start (not the session's shared one)."""
    folder = tmp_path / "cache"
    before = os.environ["SITE_BUILDER_CACHE"]
    os.environ["SITE_BUILDER_CACHE"] = str(folder)
    yield folder
    os.environ["SITE_BUILDER_CACHE"] = before


@pytest.fixture(scope="module")
def _warmed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache warmed once for this module by a cold build of the unchanged project: its charts and compiled
    templates (what each test's own first build of the unchanged project would leave)."""
    folder = tmp_path_factory.mktemp("warmed")
    os.environ["SITE_BUILDER_CACHE"], before = str(folder / "cache"), os.environ["SITE_BUILDER_CACHE"]
    try:
        run(without_report_pdfs(copy_project(folder / "project")), folder / "out")
    finally:
        os.environ["SITE_BUILDER_CACHE"] = before
    return folder / "cache"


@pytest.fixture
def warm_cache(tmp_path: Path, _warmed: Path) -> Iterator[Path]:
    """A cache of this test's own (not the session's shared one), holding at the start a copy of `_warmed`: the test's
    first build of the unchanged project draws no chart, its build after the edit draws what the edit needs."""
    folder = tmp_path / "cache"
    shutil.copytree(_warmed, folder)
    before = os.environ["SITE_BUILDER_CACHE"]
    os.environ["SITE_BUILDER_CACHE"] = str(folder)
    yield folder
    os.environ["SITE_BUILDER_CACHE"] = before


FORMATS = ("svg", "png")  # each framed chart image, per language (chart_png = true in site.toml)


def run(project: Path, out: Path) -> BuildResult:
    return build(project, out, strict=True, progress=quiet)


def changed(a: dict[str, bytes], b: dict[str, bytes]) -> set[str]:
    return {p for p in a.keys() | b.keys() if a.get(p) != b.get(p) and not p.startswith(SEARCH_INDEX)}


def cold_build(project: Path, out: Path, tmp_path: Path) -> dict[str, bytes]:
    """The same project built with an empty cache of its own."""
    os.environ["SITE_BUILDER_CACHE"], before = str(tmp_path / f"cold-{out.name}"), os.environ["SITE_BUILDER_CACHE"]
    try:
        run(project, out)
    finally:
        os.environ["SITE_BUILDER_CACHE"] = before
    return snapshot(out)


def set_value(project: Path, indicator: str, year: int, value: str) -> None:
    path = project / "datasets/observations.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    hits = [r for r in rows if (r["indicator_id"], r["year"]) == (indicator, str(year))]
    assert len(hits) == 1
    # the source's words revised with it: the build checks that the quote states the value
    assert hits[0]["value"] in hits[0]["quote"]
    hits[0]["quote"] = hits[0]["quote"].replace(hits[0]["value"], value)
    hits[0]["value"] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_warm_build_is_byte_identical_to_a_cold_one(project: Path, tmp_path: Path, cache: Path) -> None:
    first = run(project, tmp_path / "out")
    # Each indicator's numbers-only drawing, a dashboard chart and each indicator's framed image per language.
    assert (first.charts_drawn, first.indicators_reused) == (INDICATORS + len(LANGUAGES) * (1 + INDICATORS), 0)
    warm = run(project, tmp_path / "out")
    assert (warm.charts_drawn, warm.indicators_reused) == (0, INDICATORS)  # nothing drawn or rendered again
    assert changed(snapshot(tmp_path / "out"), cold_build(project, tmp_path / "cold", tmp_path)) == set()
    elsewhere = run(project, tmp_path / "elsewhere")  # the charts are cached, the pages belong to another folder
    assert (elsewhere.charts_drawn, elsewhere.indicators_reused) == (0, 0)


def test_a_value_edit_redraws_its_chart_and_changes_only_what_shows_it(
    project: Path, tmp_path: Path, warm_cache: Path
) -> None:
    run(project, tmp_path / "out")
    before = snapshot(tmp_path / "out")
    set_value(project, "urban-rural-income-ratio", 2022, "1.62")  # was 1.61
    after = run(project, tmp_path / "out")
    assert (after.charts_drawn, after.indicators_reused) == (1 + len(LANGUAGES), INDICATORS - 1)  # drawing + frames
    differing = changed(before, snapshot(tmp_path / "out"))
    own = {p for p in differing if "urban-rural-income-ratio" in p}
    assert own == {
        "zh/indicators/urban-rural-income-ratio/index.html",
        "en/indicators/urban-rural-income-ratio/index.html",
        "api/v1/indicators/urban-rural-income-ratio.json",
        *(f"{lang}/indicators/urban-rural-income-ratio/embed/index.html" for lang in LANGUAGES),
        *(f"downloads/indicators/urban-rural-income-ratio{end}" for end in (".csv", "-excel.csv", ".xlsx", ".json")),
        "downloads/indicators/urban-rural-income-ratio-story-kit.zip",
        "downloads/indicators/urban-rural-income-ratio-chart.svg",
        *(
            f"downloads/indicators/urban-rural-income-ratio-chart-{lang}.{kind}"
            for lang in LANGUAGES
            for kind in FORMATS
        ),
    }
    others = {p for p in differing - own if "/indicators/" in p and not p.endswith("indicators/index.html")}
    assert others == set()  # no other indicator's page, file or chart
    site_wide = differing - own
    assert "downloads/data/observations.csv" in site_wide and "api/v1/indicators.json" in site_wide
    chapters = {p for p in site_wide if "/chapters/" in p}
    assert chapters == {f"{lang}/chapters/general-requirements/index.html" for lang in ("zh", "en")}  # table 2-1
    assert not [p for p in site_wide if p.startswith(("zh/glossary/", "en/glossary/", "assets/"))]
    assert changed(snapshot(tmp_path / "out"), cold_build(project, tmp_path / "cold", tmp_path)) == set()


def test_a_translation_edit_changes_that_language_and_draws_nothing(
    project: Path, tmp_path: Path, warm_cache: Path
) -> None:
    run(project, tmp_path / "before")
    catalog = project / "themes/default/locale/en/LC_MESSAGES/messages.po"
    text = catalog.read_text(encoding="utf-8")
    old = 'msgid "Published values"\nmsgstr "Published values"'
    assert old in text
    catalog.write_text(text.replace(old, 'msgid "Published values"\nmsgstr "Values as published"'), encoding="utf-8")
    after = run(project, tmp_path / "after")
    differing = changed(snapshot(tmp_path / "before"), snapshot(tmp_path / "after"))
    # The shared drawings hold no words and are not drawn again; the English framed images hold the key's words.
    frames = {p for p in differing if p.startswith("downloads/indicators/") and p.endswith("-chart-en.svg")}
    assert 0 < after.charts_drawn == len(frames)
    others = [
        p
        for p in differing
        if not (p.startswith("en/indicators/") or p.endswith(("-chart-en.svg", "-chart-en.png", "-story-kit.zip")))
        # A story kit holds both languages' framed charts: pages listing its size (KB) change in every language.
        and not (p.endswith("/data/index.html") or (p.startswith("zh/indicators/") and p.count("/") == 3))
        and p != ".site-builder"  # the stamp lists every file, the search index's (named by content) too
    ]
    assert others == [], sorted(others)[:5]
    pages = {p for p in differing if p.startswith("en/indicators/") and p.count("/") == 3}
    assert len(pages) == INDICATORS
    assert "Values as published" in (tmp_path / "after/en/indicators/good-air-days/index.html").read_text("utf-8")
    assert changed(snapshot(tmp_path / "after"), cold_build(project, tmp_path / "cold", tmp_path)) == set()


def test_a_template_edit_is_never_hidden_by_compiled_templates(project: Path, tmp_path: Path, warm_cache: Path) -> None:
    run(project, tmp_path / "before")
    template = project / "themes/default/templates/indicator.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace('<article class="indicator">', '<article class="indicator x">'),
        encoding="utf-8",
    )
    after = run(project, tmp_path / "after")
    assert after.charts_drawn == 0
    differing = changed(snapshot(tmp_path / "before"), snapshot(tmp_path / "after"))
    assert len(differing) == INDICATORS * len(LANGUAGES) and all(
        "/indicators/" in p and p.endswith("/index.html") for p in differing
    )
    assert changed(snapshot(tmp_path / "after"), cold_build(project, tmp_path / "cold", tmp_path)) == set()


def test_a_stylesheet_edit_changes_the_stylesheet_alone(project: Path, tmp_path: Path, warm_cache: Path) -> None:
    run(project, tmp_path / "out")
    before = snapshot(tmp_path / "out")
    style = project / "themes/default/static/style.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n.x { color: red; }\n", encoding="utf-8")
    after = run(project, tmp_path / "out")
    assert (after.charts_drawn, after.indicators_reused) == (0, INDICATORS)
    assert changed(before, snapshot(tmp_path / "out")) == {"assets/style.css"}


def test_the_command_skips_a_build_only_when_nothing_changed(
    project: Path, warm_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def build_command() -> str:
        assert main(["build", "--root", str(project)]) == 0
        return capsys.readouterr().out

    assert "nothing changed" not in build_command()
    first = (project / "build").stat().st_ino
    assert "nothing changed" in build_command()
    assert (project / "build").stat().st_ino == first  # untouched
    style = project / "themes/default/static/style.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n.x { color: red; }\n", encoding="utf-8")
    assert "nothing changed" not in build_command()  # the theme changed
    assert (project / "build/assets/style.css").read_text(encoding="utf-8").endswith(".x { color: red; }\n")
    assert "nothing changed" in build_command()
    set_value(project, "urban-rural-income-ratio", 2022, "1.62")
    assert "nothing changed" not in build_command()  # a value changed
    (project / "build/index.html").unlink()
    os.rename(project / "build", project / "moved")
    assert "nothing changed" not in build_command()  # the output is not the one the last build wrote
    assert (project / "build/index.html").is_file()


def test_unchanged_indicators_are_recognised_by_another_process(project: Path, warm_cache: Path) -> None:
    """The hash of an indicator's inputs must not depend on the process (such as the order of a set)."""
    command = [sys.executable, "-m", "site_builder", "build", "--root", str(project), "--force"]
    for expected in ("0 indicators unchanged", f"{INDICATORS} indicators unchanged"):
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        assert expected in result.stdout, result.stdout


def test_a_build_copied_by_hard_links_is_made_again_in_full(
    built_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the last build into a folder left (its fingerprint, its indicator records) is for that folder only: in
    a copy of a build, the next build does all its work and writes a new tree, and the copy's source is untouched
    (the `built_project` fixture checks that)."""
    before = (built_project / "build").stat().st_ino
    assert main(["build", "--root", str(built_project)]) == 0
    out = capsys.readouterr().out
    assert "nothing changed" not in out and "0 indicators unchanged since the last build" in out, out
    assert (built_project / "build").stat().st_ino != before  # swapped in whole


def indicator_files_changed(differing: set[str]) -> set[str]:
    """The changed files of the indicators (their pages, API records and downloads), not the site-wide list."""
    return {p for p in differing if "/indicators/" in p and not p.endswith("/indicators/index.html")}


def test_a_page_edit_remakes_the_indicator_pages_only_where_they_show_it(
    project: Path, tmp_path: Path, warm_cache: Path
) -> None:
    """The Markdown pages are not in every indicator's key: an edit to a page no indicator page shows (the about
    page's text) reuses every indicator's files; an edit to a chapter's heading that indicator pages link to under
    "In the plan" remakes those indicators' files (only theirs), and a page title all pages show (site.toml's short
    title, in every page's header) remakes them all."""
    out = tmp_path / "out"
    run(project, out)
    before = snapshot(out)
    about = project / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more sentence about the site.\n", encoding="utf-8")
    after = run(project, out)
    differing = changed(before, snapshot(out))
    assert "en/about/index.html" in differing and "One more sentence" in (out / "en/about/index.html").read_text(
        "utf-8"
    )
    assert (after.indicators_reused, indicator_files_changed(differing)) == (INDICATORS, set())

    before = snapshot(out)
    chapter = project / "content/en/chapters/modern-city.md"
    old, new = "## 5. Building a Hub and Gateway City\n", "## 5. Building a Hub and Gateway City of the Delta\n"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    linking = {
        r["indicator_id"]
        for r in dataset(project, "indicator_sections")
        if (r["chapter_id"], r["section"]) == ("modern-city", "s5")
    }
    assert linking
    after = run(project, out)
    assert after.indicators_reused == INDICATORS - len(linking)
    assert indicator_files_changed(changed(before, snapshot(out))) == {
        f"en/indicators/{i}/index.html" for i in linking
    }  # the only file of theirs that shows the heading
    for indicator in linking:
        assert "Hub and Gateway City of the Delta" in (out / f"en/indicators/{indicator}/index.html").read_text("utf-8")

    settings = project / "site.toml"
    title = 'short_title = "Huzhou Urbanization Plan Data"'
    settings.write_text(settings.read_text(encoding="utf-8").replace(title, title[:-1] + ' Portal"'), encoding="utf-8")
    after = run(project, out)
    assert after.indicators_reused == 0
    assert "Huzhou Urbanization Plan Data Portal" in (out / "en/indicators/good-air-days/index.html").read_text("utf-8")
