"""A push reuses the live release (issue 18, point 1), with real git pushes to an `init-remote` repository: the
pre-receive build hard-links from the live release what the push left unchanged, the live release keeps every byte
while the next one is built from it, and the release a push makes is byte for byte the one a cold build makes."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from site_builder import urls
from site_builder.build import build
from site_builder.cli import main
from site_builder.output.staging import Staging, write_file
from tests.conftest import ROOT, quiet
from tests.helpers import dataset, languages, snapshot
from tests.test_publish import commit_value, git, publish_once

Remote = tuple[Path, Path, Path]


@pytest.fixture
def remote(tmp_path: Path) -> Remote:
    return publish_once(tmp_path / "site.git", tmp_path / "www", tmp_path / "work")


def live(serve: Path) -> Path:
    return (serve / "current").resolve()


def inodes(tree: Path) -> dict[str, int]:
    return {p.relative_to(tree).as_posix(): p.stat().st_ino for p in tree.rglob("*") if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """What `diff -r` would list: files only in one tree, and files whose bytes differ."""
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))


@pytest.mark.e2e
def test_a_push_links_the_unchanged_files_of_the_live_release_and_leaves_it_untouched(remote: Remote) -> None:
    """A push that changes neither data, content nor theme (a note beside the site, in the repository): every indicator
    page of the new release is the live release's own file, and the live release keeps every byte and inode. Then
    a one-value push: the live release is still untouched, and the edited indicator's pages are new."""
    _, serve, work = remote
    before = live(serve)
    bytes_before, inodes_before = snapshot(before), inodes(before)
    (work / "NOTES.md").write_text("Reuse test.\n", encoding="utf-8")
    git(work, "add", "NOTES.md")
    git(work, "commit", "-q", "-m", "a note beside the site")
    pushed = git(work, "push", "site", "main")
    assert pushed.returncode == 0 and "✓ 已发布 / published" in pushed.stderr, pushed.stderr
    after = live(serve)
    assert after != before
    assert snapshot(before) == bytes_before and inodes(before) == inodes_before  # not a byte written into it
    shared = {p for p, inode in inodes(after).items() if inodes_before.get(p) == inode}
    ids = [row["id"] for row in dataset(ROOT, "indicators")]
    assert ids and {f"{lang}/indicators/{i}/index.html" for i in ids for lang in ("zh", "en")} <= shared

    bytes_before, inodes_before = snapshot(after), inodes(after)
    commit_value(work, "81.2", "2022 air quality revised")
    pushed = git(work, "push", "site", "main")
    assert pushed.returncode == 0 and "✓ 已发布 / published" in pushed.stderr, pushed.stderr
    newest = live(serve)
    assert snapshot(after) == bytes_before and inodes(after) == inodes_before
    shared = {p for p, inode in inodes(newest).items() if inodes_before.get(p) == inode}
    assert not shared & {"en/indicators/good-air-days/index.html", "zh/indicators/good-air-days/index.html"}
    assert "81.2% in 2022" in (newest / "en/indicators/good-air-days/index.html").read_text(encoding="utf-8")
    assert "81.2% in 2022" not in (after / "en/indicators/good-air-days/index.html").read_text(encoding="utf-8")


@pytest.mark.e2e
def test_a_release_built_from_the_live_one_equals_a_cold_build(remote: Remote, tmp_path: Path) -> None:
    """`diff -r` between the release a push made by linking from the live release and a build of the same commit
    from nothing (an empty cache, no earlier output) finds no difference, search index included."""
    _, serve, work = remote
    first = live(serve)
    records = tmp_path / "records-before-push"
    shutil.copytree(serve / "data-releases", records)  # what the hook read when it built the pushed commit
    (work / "NOTES.md").write_text("Reuse test.\n", encoding="utf-8")  # a push that links (see the test above)
    git(work, "add", "NOTES.md")
    git(work, "commit", "-q", "-m", "a note beside the site")
    assert git(work, "push", "site", "main").returncode == 0
    reused = live(serve)
    assert set(inodes(reused).values()) & set(inodes(first).values())  # really linked from the live release
    cold_build(work, tmp_path, records)
    assert differences(snapshot(reused), snapshot(tmp_path / "cold")) == []


def cold_build(work: Path, tmp_path: Path, records: Path) -> None:
    """`work` built into tmp_path/cold with an empty cache of its own and the server's release records."""
    cold_cache, before = tmp_path / "cold-cache", os.environ["SITE_BUILDER_CACHE"]
    os.environ["SITE_BUILDER_CACHE"] = str(cold_cache)
    try:
        cold = build(work, tmp_path / "cold", strict=True, progress=quiet, releases=records)
    finally:
        os.environ["SITE_BUILDER_CACHE"] = before
    assert cold.indicators_reused == 0 and cold.charts_drawn > 0  # really from nothing


def own_files(indicator: str) -> set[str]:
    """Every file one indicator publishes: its pages and embed pages, its API record and its downloads."""
    langs = languages(ROOT)
    pages = {f"{lang}/indicators/{indicator}/{page}index.html" for lang in langs for page in ("", "embed/")}
    named = urls.indicator_files(indicator, langs).values()
    return pages | {f"api/v1/indicators/{indicator}.json"} | {f"{urls.DOWNLOADS}/indicators/{name}" for name in named}


@pytest.mark.e2e
def test_a_one_value_push_remakes_that_indicator_alone_and_equals_a_cold_build(remote: Remote, tmp_path: Path) -> None:
    """A push that revises one value makes data release 2: that indicator's files (pages, framed charts, downloads,
    API record) are made again and cite release 2; every other indicator's files are the live release's own, linked
    (same inode, so byte for byte), still citing release 1, the release in which they last changed. The release is
    byte for byte what a cold build of the same commit, from the same records, makes."""
    _, serve, work = remote
    first = live(serve)
    records = tmp_path / "records-before-push"
    shutil.copytree(serve / "data-releases", records)
    inodes_before = inodes(first)
    commit_value(work, "81.2", "2022 air quality revised")
    pushed = git(work, "push", "site", "main")
    assert pushed.returncode == 0 and "data changed: data release 2" in pushed.stderr, pushed.stderr
    newest = live(serve)
    now = inodes(newest)
    ids = [row["id"] for row in dataset(ROOT, "indicators")]
    edited, others = own_files("good-air-days"), {p for i in ids if i != "good-air-days" for p in own_files(i)}
    assert edited | others <= now.keys()
    remade = {p for p in edited | others if now[p] != inodes_before.get(p)}
    assert remade == edited  # exactly the edited indicator's files, every one of them
    assert len(others) == (len(ids) - 1) * len(edited)  # and every file of every other indicator linked
    en = (newest / "en/indicators/good-air-days/index.html").read_text(encoding="utf-8")
    assert "81.2% in 2022" in en and "(Version 2)" in en and "(Version 1)" not in en
    other = (newest / "en/indicators/urban-rural-income-ratio/index.html").read_text(encoding="utf-8")
    assert "(Version 1)" in other and "(Version 2)" not in other
    for page, number in ((en, 2), (other, 1)):  # the data package of the release cited, as published
        archive = re.search(r'class="release-archive">[^<]*<a href="/([^"]+)"', page)
        assert archive and f"/releases/{number}/" in archive[1] and (newest / archive[1]).is_file()
    frames = f"{urls.DOWNLOADS}/indicators"
    assert "data version 2" in (newest / f"{frames}/good-air-days-chart-en.svg").read_text(encoding="utf-8")
    assert "data version 1" in (newest / f"{frames}/urban-rural-income-ratio-chart-en.svg").read_text("utf-8")
    assert '"version": "2"' in (newest / "api/v1/index.json").read_text(encoding="utf-8").replace('"data_', '"')
    assert (newest / f"{urls.DOWNLOADS}/releases/1").is_dir() and (newest / f"{urls.DOWNLOADS}/releases/2").is_dir()

    cold_build(work, tmp_path, records)
    assert differences(snapshot(newest), snapshot(tmp_path / "cold")) == []


@pytest.mark.e2e
def test_after_a_rollback_the_next_push_is_still_right(remote: Remote, tmp_path: Path) -> None:
    """A rollback target keeps no build records (only the live release's are kept): the push after a rollback
    builds in full and goes live with the pushed values."""
    _, serve, work = remote
    first = live(serve)
    kept = snapshot(first)
    commit_value(work, "81.2", "a value")
    assert git(work, "push", "site", "main").returncode == 0
    assert main(["rollback", "--serve", str(serve)]) == 0 and live(serve) == first
    commit_value(work, "82.4", "another value")
    assert git(work, "push", "site", "main").returncode == 0
    page = (live(serve) / "en/indicators/good-air-days/index.html").read_text(encoding="utf-8")
    assert "82.4% in 2022" in page and snapshot(first) == kept


def test_writing_over_a_hard_linked_file_leaves_its_other_name_untouched(tmp_path: Path) -> None:
    """The guard every reuse depends on: a file in the new tree that is a hard link to the live release's is
    replaced by a new file, never opened for writing (which would change the live release too)."""
    (tmp_path / "live").mkdir()
    kept = tmp_path / "live/page.html"
    kept.write_bytes(b"live page")
    new = tmp_path / "new"
    new.mkdir()
    os.link(kept, new / "page.html")
    write_file(new, "page.html", b"new page")
    assert kept.read_bytes() == b"live page" and (new / "page.html").read_bytes() == b"new page"
    source = tmp_path / "style.css"
    source.write_bytes(b"new style")
    (tmp_path / "live/style.css").write_bytes(b"live style")
    with Staging(tmp_path / "out") as stage:
        os.link(tmp_path / "live/style.css", stage.path / "style.css")
        stage.copy("style.css", source)
        os.link(kept, stage.path / "page.html")
        stage.write("page.html", b"staged page")
        assert (stage.path / "style.css").read_bytes() == b"new style"
    assert (tmp_path / "live/style.css").read_bytes() == b"live style" and kept.read_bytes() == b"live page"
