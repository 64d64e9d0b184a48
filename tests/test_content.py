"""Content: Markdown pages with front matter, boxes, anchors, the table placeholder, and language pairing."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_builder.build import build
from site_builder.inputs.content import load_documents
from site_builder.problems import Location
from tests.conftest import quiet
from tests.helpers import assert_problem


def write(root: Path, rel: str, text: str) -> None:
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


PAGE = """---
title: 第一章
chapter: one
---

开头一段。

{#s1}
## （一）第一节

**加速湖湾极化崛起**。正文 <script>alert(1)</script> [链接](javascript:alert(1))

::: box box-3-1 专栏3-1 标题
1. **第一项**。内容
:::

::: indicators-table
:::

结尾。
"""


def test_page_parts(tmp_path: Path) -> None:
    write(tmp_path, "zh/chapters/one.md", PAGE)
    write(tmp_path, "en/chapters/one.md", PAGE.replace("title: 第一章", "title: Chapter one"))
    documents, problems = load_documents(tmp_path, "content", ("zh", "en"))
    assert problems == []
    zh = next(d for d in documents if d.lang == "zh")
    assert (zh.key, zh.title, zh.chapter_id) == ("chapters/one", "第一章", "one")
    assert [(h.level, h.anchor, h.text) for h in zh.headings] == [(2, "s1", "（一）第一节")]
    assert [b.kind for b in zh.blocks] == ["html", "indicators-table", "html"]
    html = zh.blocks[0].html
    assert "<strong>加速湖湾极化崛起</strong>。正文" in html
    assert '<aside class="box" id="box-3-1"' in html and "专栏3-1 标题" in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert 'href="javascript:' not in html


def test_front_matter_problems_name_the_file_and_key(tmp_path: Path) -> None:
    write(tmp_path, "zh/a.md", "---\ntitle: 甲\ncolour: red\n---\ntext\n")
    write(tmp_path, "zh/b.md", "no front matter\n")
    write(tmp_path, "zh/c.md", "---\ntitle: [unclosed\n---\n")
    documents, problems = load_documents(tmp_path, "content", ("zh",))
    assert documents == []
    assert [(p.format("zh"), p.format("en")) for p in problems] == [
        (
            "content/zh/a.md，键 “colour”：不认识的键“colour”，可用的键：chapter, description, title",
            'content/zh/a.md, key "colour": unknown key "colour"; allowed keys: chapter, description, title',
        ),
        (
            "content/zh/b.md，第 1 行：缺少页面开头的标题部分：请在文件最前面加上一行 ---、一行 title: 页面标题、再一行 ---",
            "content/zh/b.md, row 1: has no title block at the top: add a line ---, a line title: the page's title, and another "
            "line --- at the top",
        ),
        (
            "content/zh/c.md，第 2 行：页面开头的标题部分（两行 --- 之间）写法有误（expected ',' or ']', but got "
            "'<stream end>'）。请检查括号和引号是否成对；值里有冒号“:”时，请把整个值放在引号里。",
            "content/zh/c.md, row 2: the title block at the top (between the two --- lines) cannot be read (expected ',' or "
            """']', but got '<stream end>'). Check that brackets and quotes are closed; put a value that contains a """
            'colon ":" in quotes.',
        ),
    ]
    assert_problem(problems, "page.unknown-key", Location("content/zh/a.md", key="colour"))
    assert_problem(problems, "page.no-front-matter", Location("content/zh/b.md", row=1))
    assert_problem(problems, "page.front-matter-not-yaml", Location("content/zh/c.md", row=2))


def test_missing_counterpart_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "zh/about.md", "---\ntitle: 关于\n---\n")
    _, problems = load_documents(tmp_path, "content", ("zh", "en"))
    assert [(p.severity, p.location.file) for p in problems] == [("warning", "content/en/about.md")]
    assert_problem(problems, "page.no-translation", Location("content/en/about.md"))


def test_gbk_markdown_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "content/zh/a.md"
    path.parent.mkdir(parents=True)
    path.write_bytes("---\ntitle: 关于\n---\n正文\n".encode("gb18030"))
    documents, problems = load_documents(tmp_path, "content", ("zh",))
    assert documents == []
    assert [(p.format("zh"), p.format("en")) for p in problems] == [
        (
            "content/zh/a.md，第 2 行：文件是 GBK/GB18030 编码（中文 Windows 上的软件常用的默认格式），本网站只接受 UTF-8。"
            "请在编辑器中把文件另存为 UTF-8 编码（例如记事本“另存为”时选择编码 UTF-8）。",
            "content/zh/a.md, row 2: is encoded as GBK/GB18030 (what Excel and many editors on Chinese Windows save by "
            'default); only UTF-8 is accepted. Save the file as UTF-8 in your editor (in Notepad: "Save As", encoding '
            "UTF-8).",
        )
    ]


def test_links_to_other_hosts_open_without_a_handle_on_the_page(tmp_path: Path) -> None:
    body = "[a](https://example.org/) [b](HTTP://example.org/) [c](//example.org/x) [d](/zh/about/)\n"
    write(tmp_path, "zh/a.md", "---\ntitle: 甲\n---\n" + body)
    (document,), problems = load_documents(tmp_path, "content", ("zh",))
    assert problems == []
    links = BeautifulSoup(document.blocks[0].html, "html.parser").find_all("a")
    assert [(a.get_text(), a.get("rel")) for a in links] == [
        ("a", ["noopener", "noreferrer"]),
        ("b", ["noopener", "noreferrer"]),
        ("c", ["noopener", "noreferrer"]),
        ("d", None),
    ]


@pytest.mark.e2e
def test_images_staff_add_are_served_by_the_site(project: Path) -> None:
    (project / "content/images").mkdir()
    (project / "content/images/map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for lang in ("zh", "en"):
        page = project / f"content/{lang}/about.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n![map](/images/map.png)\n", encoding="utf-8")
    build(project, project / "build", strict=True, progress=quiet, base_url="https://www.huzhou.gov.cn/huzhou/")
    assert (project / "build/images/map.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    html = (project / "build/en/about/index.html").read_text(encoding="utf-8")
    assert '<img src="/huzhou/images/map.png" alt="map" />' in html  # under the site's sub-folder
