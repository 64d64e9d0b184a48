"""Site-wide files cached by their inputs: the listing pages, the table CSVs, the workbook, the package zip, the DCAT
catalogue and the API lists are linked from the previous build (the same inode) when what each is made from is
unchanged, made again when it changed, and an incremental build is byte-identical to a cold one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder import urls
from site_builder.build import build
from tests.conftest import ROOT, copy_project
from tests.helpers import dataset, languages, snapshot
from tests.test_cache import _warmed, changed, cold_build, run, set_value, warm_cache  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("warm_cache")]

PACKAGE = json.loads((ROOT / "datasets/datapackage.json").read_text(encoding="utf-8"))["name"]
LANGUAGES = languages(ROOT)
CHAPTERS = [row["id"] for row in dataset(ROOT, "chapters")]
# Each kind of site-wide file the build caches: its record's name and the files it links.
KINDS = {
    "package": [f"downloads/{PACKAGE}.zip"],
    "workbook": [f"downloads/data/{PACKAGE}.xlsx"],
    "table indicators": ["downloads/data/indicators.csv", "downloads/data/indicators-excel.csv"],
    "catalogue": [urls.CATALOGUE],
    "api": [urls.api(name) for name in ("index.json", "indicators.json", "commitments.json", "chapters.json")],
}
LISTINGS = [
    f"{lang}/{page}/index.html"
    for lang in LANGUAGES
    for page in ("indicators", "progress", "data", "commitments", *(f"chapters/{c}" for c in CHAPTERS))
] + [f"{lang}/index.html" for lang in LANGUAGES]


def inodes(folder: Path, paths: list[str]) -> dict[str, int]:
    return {path: (folder / path).stat().st_ino for path in paths}


def test_a_markdown_edit_links_every_site_wide_download_and_listing_page(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(project, out)
    files = [path for paths in KINDS.values() for path in paths] + LISTINGS
    before = inodes(out, files)
    about = project / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA paragraph added by the test.\n", encoding="utf-8")
    after = run(project, out)
    assert set(KINDS) | set(LISTINGS) <= set(after.sitewide_reused)
    assert inodes(out, files) == before  # linked from the previous build, not written again
    assert "en/about/index.html" not in after.sitewide_reused  # the edited page itself is made again
    assert "A paragraph added by the test." in (out / "en/about/index.html").read_text(encoding="utf-8")
    assert changed(snapshot(out), cold_build(project, tmp_path / "cold", tmp_path)) == set()


def test_a_value_edit_remakes_what_lists_the_value_and_links_the_rest(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(project, out)
    set_value(project, "urban-rural-income-ratio", 2022, "1.62")  # was 1.61
    after = run(project, out)
    remade = {"package", "workbook", "table observations", "catalogue", "api"}
    remade |= {f"{lang}/{page}/index.html" for lang in LANGUAGES for page in ("indicators", "progress")}
    assert not remade & set(after.sitewide_reused)
    # A page is keyed on its whole context: the chapter pages list every indicator (the navigation by category), so
    # they are made again too, though only the chapter of table 2-1 shows the value (tests/test_cache.py).
    kept = {"table indicators", "table chapters", *(f"{lang}/glossary/index.html" for lang in LANGUAGES)}
    kept |= {f"{lang}/{page}/index.html" for lang in LANGUAGES for page in ("about", "search", "methodology")}
    assert kept <= set(after.sitewide_reused)
    assert changed(snapshot(out), cold_build(project, tmp_path / "cold", tmp_path)) == set()


def test_a_build_from_another_checkout_links_from_the_previous_output(tmp_path: Path) -> None:
    """As on the server: each push builds a fresh checkout into a new release, from the live one (`previous`);
    where the project lies is in no file's hash."""
    first, second = copy_project(tmp_path / "a"), copy_project(tmp_path / "b")
    run(first, tmp_path / "live")
    made = build(second, tmp_path / "release", strict=True, progress=lambda *_: None, previous=tmp_path / "live")
    assert set(KINDS) | set(LISTINGS) <= set(made.sitewide_reused)
    assert inodes(tmp_path / "release", KINDS["workbook"]) == inodes(tmp_path / "live", KINDS["workbook"])
    assert changed(snapshot(tmp_path / "release"), snapshot(tmp_path / "live")) == set()


def test_site_wide_files_are_recognised_by_another_process(project: Path) -> None:
    """The hash of a site-wide file's inputs must not depend on the process (such as the order of a set)."""
    command = [sys.executable, "-m", "site_builder", "build", "--root", str(project), "--force"]
    counts = []
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        line = next(line for line in result.stdout.splitlines() if "site-wide pages and downloads" in line)
        counts.append(int(line.split()[0]))
    assert counts[0] == 0 and counts[1] >= len(KINDS) + len(LISTINGS)
