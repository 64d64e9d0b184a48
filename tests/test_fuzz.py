"""Fuzzing: whatever staff put in a CSV or a Markdown page, the build ends either in a site or in Problems
(file, row, column) — never in a traceback."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build import build, validate
from site_builder.problems import ProblemsFound
from tests.conftest import copy_project, quiet

HEADER = "indicator_id,year,value,status,source_id,quote,note_zh,note_en"
cells = st.one_of(
    st.sampled_from(
        [
            "good-air-days",
            "2022",
            "77.8",
            "final",
            "plan-2021",
            "",
            "NaN",
            "-1",
            "1e309",
            "２０２２",
            "=HYPERLINK(1)",
            '"',
            "\ufeff",
            "湖州",
            "2022.5",
            " 2022 ",
        ]
    ),
    st.text(max_size=12),
)


@pytest.fixture(scope="module")
def fuzz_root() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    yield copy_project(folder / "project")
    shutil.rmtree(folder, ignore_errors=True)


def ends_cleanly(root: Path) -> None:
    try:
        validate(root, strict=False, progress=quiet)
    except ProblemsFound as found:
        assert found.problems and all(p.location.file for p in found.problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(cells, min_size=0, max_size=10), max_size=6),
    keep_header=st.booleans(),
    raw=st.none() | st.binary(max_size=200),
)
def test_any_observations_csv(fuzz_root: Path, rows: list[list[str]], keep_header: bool, raw: bytes | None) -> None:
    path = fuzz_root / "datasets/observations.csv"
    original = path.read_bytes()
    try:
        if raw is not None:
            path.write_bytes(raw)
        else:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            if keep_header:
                buffer.write(HEADER + "\n")
            writer.writerows(rows)
            path.write_text(buffer.getvalue(), encoding="utf-8")
        ends_cleanly(fuzz_root)
    finally:
        path.write_bytes(original)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    front=st.sampled_from(["---\ntitle: 关于\n---\n", "---\n", "---\ntitle: [\n---\n", "---\n- a\n---\n", ""]),
    body=st.text(max_size=300),
    raw=st.none() | st.binary(max_size=100),
)
def test_any_markdown_page(fuzz_root: Path, front: str, body: str, raw: bytes | None) -> None:
    path = fuzz_root / "content/zh/about.md"
    original = path.read_bytes()
    try:
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(front + body, encoding="utf-8", errors="surrogatepass")
        ends_cleanly(fuzz_root)
    finally:
        path.write_bytes(original)


MARKDOWN_PIECES = st.sampled_from(
    [
        "\n\n",
        "# ",
        "## 标题\n",
        "{#s1}\n",
        "{#box-1-1}\n",
        "- ",
        "1. ",
        "> ",
        "**",
        "_",
        "`",
        "```\ncode\n```\n",
        "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n",
        "[指标](/zh/indicators/sponge-city-area/)",
        "[没有](/zh/indicators/no-such-indicator/)",
        "[承诺](/zh/commitments/#no-such)",
        "[外部](https://example.org/)",
        "[脚本](javascript:alert(1))",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "![图](chart.png)",
        "<!-- 注释 -->",
        "&amp; &lt;",
        "{{ config }}",
        "{% include 'x' %}",
        "<https://example.org/>",
        "\\",
        "---\n",
    ]
)


@pytest.mark.e2e
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=15)), max_size=25).map("".join))
def test_any_markdown_body_is_built_safely_or_refused(fuzz_root: Path, body: str) -> None:
    """The whole build, links and search index included: a site with nothing unsafe in it, or Problems."""
    path = fuzz_root / "content/zh/about.md"
    original = path.read_bytes()
    try:
        path.write_text("---\ntitle: 关于\n---\n" + body, encoding="utf-8", errors="surrogatepass")
        try:
            build(fuzz_root, fuzz_root / "build", strict=False, progress=quiet)
        except ProblemsFound as found:
            assert found.problems and all(p.location.file and p.zh and p.en for p in found.problems)
            return
        page = BeautifulSoup((fuzz_root / "build/zh/about/index.html").read_bytes(), "html.parser")
        assert all(script.get("src") and not script.string for script in page.find_all("script", type=False))
        assert not [a for tag in page.find_all(True) for a in tag.attrs if a.lower().startswith("on")]
        assert not [a for a in page.find_all(href=True) if a["href"].strip().lower().startswith("javascript:")]
    finally:
        path.write_bytes(original)
