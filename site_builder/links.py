"""Links: every internal link and anchor of the output must lead somewhere; a broken one is named with its page."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser

from site_builder.content import Document
from site_builder.problems import Location, Problem

_HREF = re.compile(r'href="([^"#]*)(?:#([^"]*))?"')


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            path, _, anchor = str(values["href"]).partition("#")
            self.links.append((path, anchor))


def broken_links(base: str, files: Mapping[str, bytes]) -> list[tuple[str, str]]:
    """(page, link) for each internal link of an HTML page whose target or anchor does not exist."""
    parsed: dict[str, _Ids] = {}

    def page(path: str) -> _Ids:
        if path not in parsed:
            parser = _Ids()
            parser.feed(files[path].decode("utf-8"))
            parsed[path] = parser
        return parsed[path]

    broken = []
    for source in sorted(p for p in files if p.endswith(".html")):
        for path, anchor in page(source).links:
            if path and not path.startswith(base):
                continue  # another host, or a relative link (none are written)
            target = _target(source, path, base, files)
            if target is None or (anchor and target.endswith(".html") and anchor not in page(target).ids):
                broken.append((source, path + (f"#{anchor}" if anchor else "")))
    return broken


def _target(source: str, path: str, base: str, files: Mapping[str, bytes]) -> str | None:
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
