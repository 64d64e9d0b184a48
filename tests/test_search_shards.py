"""The search index in shards (output/search.py): which pages each shard holds, an edit that re-indexes only the
shards holding a changed page, an index made in part that equals one made cold, and a search across shards."""

from __future__ import annotations

import functools
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from site_builder.build import build
from site_builder.output import search
from tests.conftest import copy_project, files_of, quiet
from tests.helpers import snapshot
from tests.test_browser import _QuietHandler, _Server, visit
from tests.test_cache import set_value

EDITED = "urban-rural-income-ratio"
LANGUAGES = ("zh", "en")


def _page(site: Path, rel: str) -> None:
    (site / rel).parent.mkdir(parents=True, exist_ok=True)
    (site / rel).write_text(f"<html><body data-pagefind-body>{rel}</body></html>", encoding="utf-8")


def _shard_of(shards: list[search.Shard], rel: str) -> str:
    return next(shard.name for shard in shards if rel in shard.pages)


def test_an_indicator_keeps_its_block_when_others_are_added(tmp_path: Path) -> None:
    for rel in ("zh/index.html", "zh/indicators/index.html", "zh/chapters/one/index.html", "en/index.html"):
        _page(tmp_path, rel)
    for number in range(750):
        _page(tmp_path, f"zh/indicators/i{number}/index.html")
        _page(tmp_path, f"zh/indicators/i{number}/embed/index.html")
    _page(tmp_path, "zh/pagefind/pages/not-a-page.html")
    shards = search.shards(tmp_path, "zh")
    assert [s.name for s in shards] == ["pages", "block0", "block1", "block2"]  # 750 indicators, 250 a block
    assert shards[0].pages == ("zh/chapters/one/index.html", "zh/index.html", "zh/indicators/index.html")
    assert sum(len(s.pages) for s in shards) == 3 + 1500  # each page once; none of the index's own files
    assert all(150 < len(s.pages) / 2 < 350 for s in shards[1:])  # spread by the hash of the indicator's id
    assert {_shard_of(shards, f"zh/indicators/i{n}/embed/index.html") for n in range(9)} == {
        "block0",
        "block1",
        "block2",
    }
    assert all(
        _shard_of(shards, f"zh/indicators/i{n}/index.html") == _shard_of(shards, f"zh/indicators/i{n}/embed/index.html")
        for n in range(750)
    )
    _page(tmp_path, "zh/indicators/i750/index.html")
    again = search.shards(tmp_path, "zh")
    moved = [s.name for s, t in zip(shards, again, strict=True) if s.key != t.key]
    assert moved == [_shard_of(again, "zh/indicators/i750/index.html")]  # one block changes, no page moves
    assert all(set(s.pages) <= set(t.pages) for s, t in zip(shards, again, strict=True))


def test_a_big_site_has_a_few_shards_and_a_small_one_two(tmp_path: Path) -> None:
    for number in range(2500):
        _page(tmp_path, f"en/indicators/i{number}/index.html")
    _page(tmp_path, "en/index.html")
    assert len(search.shards(tmp_path, "en")) == 1 + search.MOST_BLOCKS  # not 10 blocks of 250
    small = tmp_path / "small"
    for rel in ("en/index.html", "en/indicators/one/index.html"):
        _page(small, rel)
    assert [s.pages for s in search.shards(small, "en")] == [("en/index.html", "en/indicators/one/index.html")]


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, tuple[int, int, int]], Path]]:
    """This repository built, then one value edited and built again into the same folder, with a block of 5
    indicators (4 blocks, as on a big site); and the files of the first build, by path."""
    folder = tmp_path_factory.mktemp("shards")
    project, out = copy_project(folder / "project"), folder / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "BLOCK", 5)
        patch.setenv("SITE_BUILDER_CACHE", str(folder / "cache"))  # charts drawn once more; a cache of its own
        build(project, out, strict=True, progress=quiet)
        before = files_of(out)
        shutil.rmtree(folder / "cache/search")  # what is not made again can only come from the previous build
        set_value(project, EDITED, 2022, "1.62")  # was 1.61
        build(project, out, strict=True, progress=quiet)
    yield out, before, folder


def _manifest(site: Path, lang: str) -> dict[str, str]:
    keys: dict[str, str] = json.loads((site / lang / "pagefind/shards.json").read_text(encoding="utf-8"))["keys"]
    return keys


@pytest.mark.e2e
def test_a_value_edit_reindexes_only_the_shards_that_hold_a_changed_page(
    edited: tuple[Path, dict[str, tuple[int, int, int]], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "BLOCK", 5)  # as the builds were made
    out, before, _ = edited
    after = files_of(out)
    for lang in LANGUAGES:
        shards = search.shards(out, lang)
        assert len(shards) == 1 + 4  # 22 indicators, 5 a block
        own = _shard_of(shards, f"{lang}/indicators/{EDITED}/index.html")
        for shard in shards:
            files = sorted(p for p in after if p.startswith(f"{lang}/pagefind/{shard.name}/"))
            assert files and all(p in before for p in files) == (shard.name not in (own, "pages")), shard.name
            linked = [p for p in files if before.get(p, (0,))[0] == after[p][0]]  # the same inode
            if shard.name in (own, "pages"):  # the page of the indicator, and its chapter's (table 2-1)
                assert linked == [], shard.name
            else:
                assert linked == files, shard.name
        assert len(json.loads((out / lang / "pagefind/shards.json").read_text(encoding="utf-8"))["merge"]) == 4


def _cold(out: Path, folder: Path) -> Path:
    """The same pages, indexed from nothing: no cache, no previous build."""
    cold = folder / "cold"
    if not cold.exists():
        shutil.copytree(out, cold, ignore=shutil.ignore_patterns("pagefind"))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(search, "BLOCK", 5)
            search.index(cold, LANGUAGES)
    return cold


@pytest.mark.e2e
def test_an_index_made_in_part_is_byte_identical_to_a_cold_one(
    edited: tuple[Path, dict[str, tuple[int, int, int]], Path],
) -> None:
    out, _, folder = edited
    cold = _cold(out, folder)
    index = {p: b for p, b in snapshot(out).items() if "/pagefind/" in p}
    assert len(index) > 50 and index == {p: b for p, b in snapshot(cold).items() if "/pagefind/" in p}


@pytest.fixture(scope="module")
def served(edited: tuple[Path, dict[str, tuple[int, int, int]], Path]) -> Iterator[tuple[str, str]]:
    """The incremental build and the cold index of the same pages, each served on 127.0.0.1."""
    out, _, folder = edited
    servers = []
    for site in (out, _cold(out, folder)):
        httpd = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
    yield f"http://127.0.0.1:{servers[0].server_address[1]}/", f"http://127.0.0.1:{servers[1].server_address[1]}/"
    for httpd in servers:
        httpd.shutdown()


def _results(browser: Browser, url: str) -> list[str]:
    page, errors, outside = visit(browser, url, 1280)
    page.wait_for_selector("#search-results li")
    links: list[str] = page.evaluate(
        "[...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'))"
    )
    assert errors == [] and outside == []
    page.close()
    return links


@pytest.mark.e2e
@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query"), [("zh", "城乡"), ("zh", "海绵"), ("en", "income"), ("en", "urbanization")])
def test_an_index_made_in_part_finds_what_a_cold_one_finds(
    browser: Browser, served: tuple[str, str], lang: str, query: str
) -> None:
    incremental, cold = (_results(browser, f"{address}{lang}/search/?q={query}") for address in served)
    assert len(incremental) > 3 and incremental == cold


@pytest.mark.e2e
@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "first", "then"),
    [
        ("zh", "海绵", "/zh/indicators/sponge-city-area/", "/zh/chapters/urban-governance/#s2"),
        ("en", "sponge", "/en/indicators/sponge-city-area/", "/en/chapters/urban-governance/#s2"),
    ],
)
def test_a_search_finds_pages_in_two_shards_in_order(
    browser: Browser,
    edited: tuple[Path, dict[str, tuple[int, int, int]], Path],
    served: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    query: str,
    first: str,
    then: str,
) -> None:
    monkeypatch.setattr(search, "BLOCK", 5)  # as the build was made
    shards = search.shards(edited[0], lang)
    homes = {_shard_of(shards, page.split("#")[0].strip("/") + "/index.html") for page in (first, then)}
    assert len(homes) == 2 and "pages" in homes  # an indicator's page in its block, and a chapter's
    links = _results(browser, f"{served[0]}{lang}/search/?q={query}")
    assert links[0] == first and then in links[1:], links  # the page titled with the query first
