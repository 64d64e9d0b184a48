"""Content: read the Markdown pages of every language, check their front matter, and pair the languages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from site_builder.inputs import garbled
from site_builder.inputs.characters import invisible_in_page
from site_builder.inputs.markdown import (
    INDICATORS_TABLE,
    Mark,
    images_from_elsewhere,
    parser,
    theme_ids,
    too_deep,
    unmatched,
)
from site_builder.inputs.strays import is_litter
from site_builder.inputs.structured import read_yaml
from site_builder.inputs.textfiles import check_utf8
from site_builder.problems import Location, Problem, ProblemsFound
from site_builder.problems.catalogue import content as words
from site_builder.problems.catalogue.files import PAGE_TOO_LARGE

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
    unread: set[tuple[str, str]] = set()  # pages there but refused: their problems say so, not "missing translation"
    for lang in languages:
        folder = root / content_dir / lang
        problems += [_suffix_problem(p.relative_to(root).as_posix()) for p in sorted(folder.rglob("*")) if _misnamed(p)]
        for path in sorted(p for p in folder.rglob("*.md") if not is_litter(p)):
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
            else:
                unread.add((lang, key))
    problems += _pairing_problems(documents, languages, content_dir, unread)
    return documents, problems


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # a page's path becomes its address, as the data's ids do


_PAGE_LIKE = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".rtf")


def _misnamed(path: Path) -> bool:
    """A page saved under a name the build would not read (`.MD`, `.markdown`, `.md.txt` from Notepad…)."""
    return path.suffix != ".md" and path.name.lower().endswith(_PAGE_LIKE) and path.is_file() and not is_litter(path)


def _suffix_problem(shown: str) -> Problem:
    return words.NOT_MD.at(Location(shown))


def _address_problem(shown: str) -> Problem:
    return words.NOT_AN_ADDRESS.at(Location(shown))


def _read(
    md: Any, path: Path, shown: str, lang: str, key: str, marks: tuple[Mark, ...], settings: dict[str, Any]
) -> tuple[Document | None, list[Problem]]:
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        mb = size / (1024 * 1024)
        limit = MAX_PAGE_BYTES // (1024 * 1024)
        return None, [PAGE_TOO_LARGE.at(Location(shown), mb=mb, limit=limit)]
    encoding_problem = check_utf8(path, shown)
    if encoding_problem:
        return None, [encoding_problem]
    text = path.read_text(encoding="utf-8-sig")
    if text.startswith("{\\rtf"):  # TextEdit's (or WordPad's) formatted text: nothing in it reads as a page
        return None, [words.PAGE_IS_RTF.at(Location(shown, row=1))]
    found = [(n, g) for n, line in enumerate(text.splitlines(), start=1) if (g := garbled.garbled(line)) is not None]
    if found:
        return None, [garbled.problem(Location(shown, row=n), *g) for n, g in found]
    invisible = invisible_in_page(text, shown)
    if invisible:
        return None, invisible
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
    message = words.CLAUSE_IN_LINK if in_link else words.CLAUSE_NOT_FOUND
    return message.at(mark.origin, page=page, phrase=mark.phrase)


def _attribute_problem(shown: str, row: int | None, name: str, value: str) -> Problem:
    written = f"#{value}" if name == "id" else f'{name}="{value}"'
    return words.ATTRIBUTE.at(Location(shown, row=row), written=written)


def _depth_problem(shown: str, row: int) -> Problem:
    return words.TOO_DEEP.at(Location(shown, row=row))


def _image_problem(shown: str, text: str, src: str) -> Problem:
    row = next((n for n, line in enumerate(text.splitlines(), start=1) if f"({src}" in line), None)
    return words.REMOTE_IMAGE.at(Location(shown, row=row), src=src)


def _yaml_problem(shown: str, error: yaml.YAMLError) -> Problem:
    """Where the front matter stops being YAML, in the file's own rows, and the usual ways to mend it."""
    mark = getattr(error, "problem_mark", None)
    start = getattr(error, "context_mark", None)
    row = mark.line + 2 if mark is not None else 1  # the front matter starts on the file's second row
    detail = getattr(error, "problem", None) or str(error).splitlines()[0]
    began = words.YAML_BEGAN.said(row=start.line + 2) if start and mark and start.line != mark.line else ""
    return words.NOT_YAML.at(Location(shown, row=row), detail=detail, began=began)


def _front_matter(tokens: list[Any], shown: str) -> tuple[dict[str, Any], list[Problem]]:
    if not tokens or tokens[0].type != "front_matter":
        return {}, [words.NO_FRONT_MATTER.at(Location(shown, row=1))]
    try:
        meta = read_yaml(tokens[0].content, shown, first_row=2) or {}  # the front matter starts on the second row
    except ProblemsFound as found:
        return {}, list(found.problems)
    except yaml.YAMLError as error:
        return {}, [_yaml_problem(shown, error)]
    if not isinstance(meta, dict):
        return {}, [words.NOT_KEY_VALUE.at(Location(shown, row=2))]
    names = ", ".join(sorted(ALLOWED_KEYS))
    problems = [
        words.UNKNOWN_KEY.at(Location(shown, key=str(k)), key=k, names=names) for k in meta if k not in ALLOWED_KEYS
    ]
    for key in ("title", "chapter", "description"):
        if key in meta and not isinstance(meta[key], str):
            problems.append(words.NOT_TEXT.at(Location(shown, key=key)))
    if not meta.get("title"):
        problems.append(words.NO_TITLE.at(Location(shown, key="title")))
    return meta, problems


def _pairing_problems(
    documents: list[Document], languages: tuple[str, ...], content_dir: str, unread: set[tuple[str, str]]
) -> list[Problem]:
    present = {(d.lang, d.key) for d in documents} | unread
    problems = []
    for document in documents:
        for lang in languages:
            if (lang, document.key) not in present:
                where = Location(f"{content_dir}/{lang}/{document.key}.md")
                problems.append(words.NO_TRANSLATION.at(where, file=document.file, lang=lang))
    return problems
