"""Content: Markdown pages with front matter, boxes, anchors, the table placeholder, and language pairing."""

from __future__ import annotations

from pathlib import Path

from site_builder.content import load_documents


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
    found = {p.format("en") for p in problems}
    assert 'content/zh/a.md, key "colour": unknown key "colour"; allowed keys: chapter, description, title' in found
    assert "content/zh/b.md, row 1: has no front matter (title: … between two --- lines) at the top" in found
    assert (
        "content/zh/c.md, row 2: the front matter (between the two --- lines) is not valid YAML (expected ',' or ']', "
        """but got '<stream end>'). Check that brackets and quotes are closed; put a value that contains a colon ":" """
        "in quotes."
    ) in found


def test_missing_counterpart_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "zh/about.md", "---\ntitle: 关于\n---\n")
    _, problems = load_documents(tmp_path, "content", ("zh", "en"))
    assert [(p.severity, p.location.file) for p in problems] == [("warning", "content/en/about.md")]


def test_gbk_markdown_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "content/zh/a.md"
    path.parent.mkdir(parents=True)
    path.write_bytes("---\ntitle: 关于\n---\n正文\n".encode("gb18030"))
    documents, problems = load_documents(tmp_path, "content", ("zh",))
    assert documents == []
    assert "content/zh/a.md, row 2: is encoded as GBK/GB18030" in problems[0].format("en")
