"""Links: every internal link and anchor of the output must lead somewhere; a broken one is named with its page."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from html import unescape
from sys import intern

from site_builder.content import Document
from site_builder.problems import Location, Problem

_HREF = re.compile(r'href="([^"#]*)(?:#([^"]*))?"')
_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')
_LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"')


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


def broken_links(base: str, paths: Collection[str], pages: Mapping[str, PageLinks]) -> list[tuple[str, str]]:
    """(page, link) for each internal link of an HTML page whose target or anchor does not exist; `paths` are
    all the files of the output, `pages` the links and ids of its HTML pages."""
    files = set(paths)
    broken = []
    for source in sorted(pages):
        for path, anchor in pages[source].links:
            if path and not path.startswith(base):
                continue  # another host, or a relative link (none are written)
            target = _target(source, path, base, files)
            if target is None or (anchor and target in pages and anchor not in pages[target].ids):
                broken.append((source, path + (f"#{anchor}" if anchor else "")))
    return broken


def _target(source: str, path: str, base: str, files: set[str]) -> str | None:
    if not path:
        return source
    rel = path[len(base) :]
    for candidate in (rel, rel + "index.html", rel.rstrip("/") + "/index.html"):
        if candidate in files:
            return candidate
    return None


def document_link_problems(documents: list[Document], base: str, broken: list[tuple[str, str]]) -> list[Problem]:
    """Broken links that a Markdown page wrote, named with the Markdown file (staff can fix those)."""
    problems = []
    written = {d.file: {m.group(0) for b in d.blocks for m in _HREF.finditer(b.html)} for d in documents}
    for document in documents:
        for page, link in broken:
            if page.startswith(f"{document.lang}/") and f'href="{link}"' in written[document.file]:
                problems.append(
                    Problem(
                        Location(document.file),
                        f"链接指向不存在的页面或锚点：{link}",
                        f"the link leads to a page or anchor that does not exist: {link}",
                    )
                )
    return sorted(set(problems), key=lambda p: (p.location.file, p.en))
