"""Content: read the Markdown pages of every language, check their front matter, and pair the languages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from site_builder.inputs import garbled
from site_builder.inputs.markdown import (
    INDICATORS_TABLE,
    Mark,
    images_from_elsewhere,
    parser,
    theme_ids,
    too_deep,
    unmatched,
)
from site_builder.inputs.textfiles import check_utf8
from site_builder.problems import Location, Problem

ALLOWED_KEYS = {"title", "chapter", "description"}


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    anchor: str
    text: str


MAX_PAGE_BYTES = 4 * 1024 * 1024  # the longest chapter is 15 KB; a page larger than this is refused unread


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of a page body: rendered HTML, or a placeholder the build fills from the datasets."""

    kind: str  # "html" or "indicators-table"
    html: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    lang: str
    key: str  # the path inside content/<lang>/ without ".md": the same key is the same page in every language
    file: str
    title: str
    description: str
    chapter_id: str | None
    blocks: tuple[Block, ...]
    headings: tuple[Heading, ...]
    anchors: frozenset[str]  # every id a link can point at: headings, boxes, marked phrases


def load_documents(
    root: Path,
    content_dir: str,
    languages: tuple[str, ...],
    marks: Mapping[tuple[str, str], tuple[Mark, ...]] | None = None,
    base_path: str = "/",
) -> tuple[list[Document], list[Problem]]:
    """Every page of every language, and the problems found (bad files are left out, with a problem).

    `marks` are phrases to link, per (language, page key): each must occur in its page's text. Links written
    from the site's root ("/zh/progress/") are moved under `base_path` when the site lives in a sub-folder.
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    md = parser()
    marks = marks or {}
    reserved = theme_ids(root / "themes")
    for lang in languages:
        folder = root / content_dir / lang
        problems += [_suffix_problem(p.relative_to(root).as_posix()) for p in sorted(folder.rglob("*")) if _misnamed(p)]
        for path in sorted(folder.rglob("*.md")):
            key = path.relative_to(folder).with_suffix("").as_posix()
            if not all(_SLUG.fullmatch(part) for part in key.split("/")):
                problems.append(_address_problem(path.relative_to(root).as_posix()))
                continue
            page_marks = marks.get((lang, key), ())
            shown = path.relative_to(root).as_posix()
            document, found = _read(md, path, shown, lang, key, page_marks, {"base": base_path, "reserved": reserved})
            problems += found
            if document is not None:
                documents.append(document)
    problems += _pairing_problems(documents, languages, content_dir)
    return documents, problems


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # a page's path becomes its address, as the data's ids do


_PAGE_LIKE = (".md", ".markdown", ".mdown", ".mkd", ".txt")


def _misnamed(path: Path) -> bool:
    """A page saved under a name the build would not read (`.MD`, `.markdown`, `.md.txt` from Notepad…)."""
    return path.suffix != ".md" and path.name.lower().endswith(_PAGE_LIKE) and path.is_file()


def _suffix_problem(shown: str) -> Problem:
    return Problem(
        Location(shown),
        "这个文件不会被当作页面读取：页面的文件名必须以小写的 .md 结尾（记事本可能会加上 .txt，请在“另存为”时把"
        "“保存类型”选为“所有文件”）。请把文件改名为以 .md 结尾",
        'this file is not read as a page: a page\'s file name must end in ".md", in lower case (Notepad may add '
        '".txt": in "Save As" choose "All files" as the type). Rename it to end in .md',
    )


def _address_problem(shown: str) -> Problem:
    return Problem(
        Location(shown),
        "文件名（和文件夹名）会成为网页地址，只能用小写字母 a–z、数字和连字符，不能有空格、点或汉字，例如 annual-report.md",
        "the file's name (and its folders') becomes the page's address: use lower-case letters a–z, digits and "
        "hyphens only, with no spaces, dots or Chinese characters, such as annual-report.md",
    )


def _read(
    md: Any, path: Path, shown: str, lang: str, key: str, marks: tuple[Mark, ...], settings: dict[str, Any]
) -> tuple[Document | None, list[Problem]]:
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        mb = size / (1024 * 1024)
        limit = MAX_PAGE_BYTES // (1024 * 1024)
        return None, [
            Problem(
                Location(shown),
                f"页面太大（{mb:.0f} MB，上限 {limit} MB）。请检查是否粘贴了多余的内容，或把它拆分成几个页面。",
                f"the page is too large ({mb:.0f} MB; the limit is {limit} MB). Check for pasted stray content, or "
                "split it into several pages.",
            )
        ]
    encoding_problem = check_utf8(path, shown)
    if encoding_problem:
        return None, [encoding_problem]
    text = path.read_text(encoding="utf-8-sig")
    found = [(n, g) for n, line in enumerate(text.splitlines(), start=1) if (g := garbled.garbled(line)) is not None]
    if found:
        return None, [garbled.problem(Location(shown, row=n), *g) for n, g in found]
    env: dict[str, Any] = {"marks": marks, **settings}  # the base path, and the ids the theme uses
    tokens = md.parse(text, env)
    meta, problems = _front_matter(tokens, shown)
    problems += [_image_problem(shown, text, src) for src in images_from_elsewhere(tokens)]
    problems += [_attribute_problem(shown, row, name, value) for row, name, value in env["dropped"]]
    deep = too_deep(tokens, md.options["maxNesting"])
    if deep is not None:
        problems.append(_depth_problem(shown, deep))
    if problems:
        return None, problems
    html = md.renderer.render(tokens, md.options, env)
    blocks = tuple(
        block
        for i, part in enumerate(html.split(INDICATORS_TABLE))
        for block in ((Block("indicators-table"),) if i else ()) + ((Block("html", part),) if part.strip() else ())
    )
    headings = tuple(
        Heading(int(t.tag[1]), str(t.attrs.get("id", "")), tokens[i + 1].content)
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    )
    anchors = frozenset(
        [h.anchor for h in headings if h.anchor]
        + [t.info.split()[1] for t in tokens if t.type == "container_box_open" and len(t.info.split()) > 1]
        + [m.anchor for m in marks if m not in unmatched(env)]
    )
    description = str(meta.get("description", "")) or _first_paragraph(tokens)
    document = Document(
        lang,
        key,
        shown,
        str(meta["title"]),
        description,
        meta.get("chapter"),
        blocks,
        headings,
        anchors,
    )
    return document, [_unmatched_problem(m, shown, m in env["in_link"]) for m in unmatched(env)]


def _first_paragraph(tokens: list[Any], limit: int = 120) -> str:
    """The page's first paragraph as plain text, shortened: its description when the front matter gives none."""
    for i, token in enumerate(tokens):
        if token.type == "paragraph_open" and i + 1 < len(tokens):
            text = "".join(c.content for c in tokens[i + 1].children or () if c.type == "text").strip()
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


def _unmatched_problem(mark: Mark, page: str, in_link: bool = False) -> Problem:
    if in_link:
        return Problem(
            mark.origin,
            f"这段文字在 {page} 中被放在了一个链接里：“{mark.phrase}”。构建会自动把它链接到承诺清单，链接里不能再套链接："
            "请去掉包住它的 [ ](…) 链接",
            f'this phrase is inside a link in {page}: "{mark.phrase}". The build links it to its commitment itself, '
            "and a link cannot hold another: remove the [ ](…) link around it",
        )
    return Problem(
        mark.origin,
        f"这段文字在 {page} 中找不到（须与正文逐字一致）：“{mark.phrase}”",
        f'this phrase is not found in {page} (it must match the text exactly): "{mark.phrase}"',
    )


def _attribute_problem(shown: str, row: int | None, name: str, value: str) -> Problem:
    written = f"#{value}" if name == "id" else f'{name}="{value}"'
    return Problem(
        Location(shown, row=row),
        f"{{{written}}} 不能使用：页面的样式和行为由网站主题决定，Markdown 中只能用 {{#锚点}} 给标题加锚点（小写字母、"
        "数字和连字符，且不能与网站模板已用的 id 重名，如 main、search-query）。请删除它或换一个锚点名",
        f"{{{written}}} cannot be used: a page's look and behaviour come from the theme, and Markdown may only give a "
        "heading an anchor, {#name} (lower-case letters, digits and hyphens, and not an id the theme uses, such as "
        "main or search-query). Delete it or choose another anchor",
    )


def _depth_problem(shown: str, row: int) -> Problem:
    return Problem(
        Location(shown, row=row),
        "列表或引用嵌套得太深（到了 Markdown 解析的上限），从这里起的文字会丢失：请减少缩进或“>”的层数",
        "lists or quotes nest too deep here (as deep as Markdown is read) and the text from here on would be lost: "
        'indent less, or use fewer ">"',
    )


def _image_problem(shown: str, text: str, src: str) -> Problem:
    row = next((n for n, line in enumerate(text.splitlines(), start=1) if f"({src}" in line), None)
    return Problem(
        Location(shown, row=row),
        f"图片必须由本网站自己提供，不能引用其他网站的图片（在中国大陆可能打不开）：{src}。"
        "请把图片文件放在 content/images/ 里，地址写成 /images/文件名",
        f"images must be served by the site itself, not taken from another host (which may not load in mainland "
        f"China): {src}. Put the file in content/images/ and write its address as /images/<file name>",
    )


def _yaml_problem(shown: str, error: yaml.YAMLError) -> Problem:
    """Where the front matter stops being YAML, in the file's own rows, and the usual ways to mend it."""
    mark = getattr(error, "problem_mark", None)
    start = getattr(error, "context_mark", None)
    row = mark.line + 2 if mark is not None else 1  # the front matter starts on the file's second row
    detail = getattr(error, "problem", None) or str(error).splitlines()[0]
    began_zh = began_en = ""
    if start is not None and mark is not None and start.line != mark.line:
        began_zh, began_en = (
            f"，出错的部分从第 {start.line + 2} 行开始",
            f"; the part in error begins on row {start.line + 2}",
        )
    return Problem(
        Location(shown, row=row),
        f"开头的 front matter（两行 --- 之间）不是有效的 YAML（{detail}{began_zh}）。"
        "请检查括号和引号是否成对；值里有冒号“:”时，请把整个值放在引号里。",
        f"the front matter (between the two --- lines) is not valid YAML ({detail}{began_en}). "
        'Check that brackets and quotes are closed; put a value that contains a colon ":" in quotes.',
    )


def _front_matter(tokens: list[Any], shown: str) -> tuple[dict[str, Any], list[Problem]]:
    if not tokens or tokens[0].type != "front_matter":
        return {}, [
            Problem(
                Location(shown, row=1),
                "缺少开头的 front matter：请在文件最前面加上一行 ---、一行 title: 页面标题、再一行 ---",
                "has no front matter: add a line ---, a line title: the page's title, and another line --- at the top",
            )
        ]
    try:
        meta = yaml.safe_load(tokens[0].content) or {}
    except yaml.YAMLError as error:
        return {}, [_yaml_problem(shown, error)]
    if not isinstance(meta, dict):
        return {}, [
            Problem(
                Location(shown, row=2), "front matter 应当是“键: 值”的列表", "the front matter must be key: value lines"
            )
        ]
    problems = [
        Problem(
            Location(shown, key=str(k)),
            f"不认识的键“{k}”，可用的键：{', '.join(sorted(ALLOWED_KEYS))}",
            f'unknown key "{k}"; allowed keys: {", ".join(sorted(ALLOWED_KEYS))}',
        )
        for k in meta
        if k not in ALLOWED_KEYS
    ]
    for key in ("title", "chapter", "description"):
        if key in meta and not isinstance(meta[key], str):
            problems.append(Problem(Location(shown, key=key), "应当是文字", "must be text"))
    if not meta.get("title"):
        problems.append(Problem(Location(shown, key="title"), "缺少标题 title", "the title is missing"))
    return meta, problems


def _pairing_problems(documents: list[Document], languages: tuple[str, ...], content_dir: str) -> list[Problem]:
    present = {(d.lang, d.key): d for d in documents}
    problems = []
    for document in documents:
        for lang in languages:
            if (lang, document.key) not in present:
                problems.append(
                    Problem(
                        Location(f"{content_dir}/{lang}/{document.key}.md"),
                        f"缺少译文：{document.file} 没有对应的 {lang} 页面；请在这个位置写上译文",
                        f"missing translation: {document.file} has no {lang} counterpart; write the translation here",
                        "warning",
                    )
                )
    return problems
