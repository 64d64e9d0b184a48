"""Links: every internal link and anchor of the output must lead somewhere; a broken one is named with its page."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from sys import intern

from site_builder.inputs.content import Document
from site_builder.inputs.markdown import ELSEWHERE
from site_builder.pages.addresses import HOME
from site_builder.pages.paths import Planned
from site_builder.problems import Location, Problem
from site_builder.problems.catalogue import content as words

_HREF = re.compile(r'(?:href|src)="([^"#]*)(?:#([^"]*))?"')
_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')
_LINK = re.compile(r'<(?:a\s[^>]*?href|img\s[^>]*?src)="([^"]*)"')  # links, and images: both must lead somewhere


@dataclass(frozen=True, slots=True)
class PageLinks:
    """The ids of one HTML page and the (path, anchor) of each of its links."""

    ids: frozenset[str]
    links: tuple[tuple[str, str], ...]


def page_links(html: str) -> PageLinks:
    """Ids and links of a page written by the templates (attributes always in double quotes, escaped)."""
    # Interned: the same links and ids recur on every page; a large site keeps one copy of each.
    links = []
    for match in _LINK.finditer(html):
        path, _, anchor = unescape(match.group(1)).partition("#")
        links.append((intern(path), intern(anchor)))
    return PageLinks(frozenset(intern(unescape(m.group(1))) for m in _ID.finditer(html)), tuple(links))


def broken_links(
    base: str, paths: Collection[str], pages: Mapping[str, PageLinks], unknown: tuple[str, ...] | None = None
) -> list[tuple[str, str]]:
    """(page, link) for each internal link of an HTML page whose target or anchor does not exist; `paths` are
    all the files of the output, `pages` the links and ids of its HTML pages.

    With `unknown` (before the output is written: its folders whose files are not known yet) a link into one of
    those folders, and an anchor, are not checked."""
    files = set(paths)
    broken = []
    for source in sorted(pages):
        for written, anchor in pages[source].links:
            path = written if written.startswith("/") or ELSEWHERE.match(written) else _resolve(base, source, written)
            if path and (not path.startswith(base) or path[len(base) :].startswith(unknown or ())):
                continue  # another host (or mailto: and the like), or a folder whose files are not known yet
            target = _target(source, path, base, files)
            if target is None or (unknown is None and anchor and target in pages and anchor not in pages[target].ids):
                broken.append((source, written + (f"#{anchor}" if anchor else "")))
    return broken


def _resolve(base: str, source: str, relative: str) -> str:
    """A relative address (only Markdown writes them) from the folder of the page `source`, as a path."""
    if not relative:
        return ""
    joined = posixpath.normpath(posixpath.join(base + posixpath.dirname(source), relative))
    return joined + "/" if relative.endswith("/") and not joined.endswith("/") else joined


def _target(source: str, path: str, base: str, files: set[str]) -> str | None:
    if not path:
        return source
    rel = path[len(base) :]
    for candidate in (rel, rel + "index.html", rel.rstrip("/") + "/index.html"):
        if candidate in files:
            return candidate
    return None


def planned_link_problems(root: Path, documents: list[Document], base: str, planned: Planned) -> list[Problem]:
    """Before anything is written: each link or image of a Markdown page that leads to no file the build will
    make (`planned`), named as the build names it. Anchors are checked by the build, on the written pages."""
    pages = {}
    for document in documents:
        pages[document_page(document)] = page_links("".join(block.html for block in document.blocks))
    broken = broken_links(base, planned.paths, pages, planned.unplanned)
    return document_link_problems(root, documents, base, broken)


def document_page(document: Document) -> str:
    """The output path of the page that shows a Markdown file's text (a chapter's text: the chapter's page)."""
    return f"{document.lang}/index.html" if document.key == HOME else f"{document.lang}/{document.key}/index.html"


def document_link_problems(
    root: Path, documents: list[Document], base: str, broken: list[tuple[str, str]]
) -> list[Problem]:
    """Broken links that a Markdown page wrote, named with the Markdown file and row (staff can fix those)."""
    problems = []
    written = {d.file: {m.group(0) for b in d.blocks for m in _HREF.finditer(b.html)} for d in documents}
    for document in documents:
        for page, link in broken:
            if not page.startswith(f"{document.lang}/"):
                continue
            where = Location(document.file, row=_row_of(root / document.file, unescape(link), base))
            if f'src="{link}"' in written[document.file]:
                problems.append(words.NO_IMAGE.at(where, link=link))
            elif f'href="{link}"' in written[document.file]:
                problems.append(words.BROKEN_LINK.at(where, link=link, lang=document.lang))
    return sorted(set(problems), key=lambda p: (p.location.file, p.location.row or 0, p.en))


def _row_of(source: Path, link: str, base: str) -> int | None:
    """The first row of the Markdown source that writes `link` (as written: without the site's sub-folder)."""
    written = "/" + link[len(base) :] if base != "/" and link.startswith(base) else link
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if f"({written}" in line or f"<{written}>" in line or f'"{written}"' in line:
            return number
    return None
