"""Reproducible builds: two builds of the same sources give byte-identical files, and `site-builder check` reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.cli import main
from tests.conftest import quiet
from tests.helpers import snapshot

pytestmark = pytest.mark.e2e  # every test here builds the whole site (`check` too)

SEARCH_INDEX = ("zh/pagefind/", "en/pagefind/")


def test_two_builds_are_byte_identical(project: Path, built_site: Path, tmp_path: Path) -> None:
    """The session's build of this repository, and a build of a copy of it into another folder."""
    second = tmp_path / "second"
    build(project, second, strict=True, progress=quiet)
    a, b = snapshot(built_site), snapshot(second)
    assert len(a) > 250 and any(p.startswith(SEARCH_INDEX) for p in a)
    assert sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p)) == []  # the search index too


def test_builds_with_empty_caches_are_byte_identical_search_index_included(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each build makes its own charts and runs Pagefind itself: nothing is copied from the other. Pagefind's own
    # output varies from run to run (upstream Pagefind#638); search.settle puts it in order.
    trees = []
    for name in ("first", "second"):
        monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / f"cache-{name}"))
        build(project, tmp_path / name, strict=True, progress=quiet)
        trees.append(snapshot(tmp_path / name))
    a, b = trees
    assert sum(p.startswith(SEARCH_INDEX) and p.endswith(".pf_filter") for p in a) == 2  # one shard a language
    assert sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p)) == []


def test_check_reports_in_both_languages(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(project)]) == 0
    assert "✓ 可以发布 / ready to publish" in capsys.readouterr().out
    (project / "content/en/methodology.md").unlink()
    assert main(["check", "--root", str(project)]) == 1
    captured = capsys.readouterr()
    assert "content/en/methodology.md: missing translation" in captured.err
    assert "content/en/methodology.md：缺少译文" in captured.err
    assert "1 个问题 / 1 problem(s)" in captured.out
    assert not (project / "build").exists()
