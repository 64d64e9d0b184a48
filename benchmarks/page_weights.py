"""Print what each page kind weighs over the wire (gzip level 6): the page and everything it loads.

Usage: .venv/bin/python benchmarks/page_weights.py [BUILD_DIR]   (default: build/, made by site-builder build)

The optional interactive chart (the Vega bundle and the chart spec it fetches) is listed apart: pages read
fully without it, and the budget for an indicator page with its chart is 100 KB without it.
"""

from __future__ import annotations

import gzip
import sys
from html.parser import HTMLParser
from pathlib import Path

PAGES = {
    "home": "zh/index.html",
    "indicators": "zh/indicators/index.html",
    "indicator": "zh/indicators/urban-rural-income-ratio/index.html",
    "chapter (longest)": "zh/chapters/modern-city/index.html",
    "progress": "zh/progress/index.html",
    "commitments": "zh/commitments/index.html",
    "glossary": "zh/glossary/index.html",
    "search (before a query)": "zh/search/index.html",
}
OPTIONAL = ("/assets/vega-bundle.js",)
BUDGET = 100 * 1024


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if (tag == "script" and attributes.get("src")) or (tag == "img" and attributes.get("src")):
            self.found.append(str(attributes["src"]))
        elif tag == "link" and attributes.get("rel") in ("stylesheet", "icon"):
            self.found.append(str(attributes["href"]))


def wire(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def main(build: Path) -> int:
    print(f"{'page kind':<26}{'page':>9}{'assets':>9}{'total':>9}   optional (interactive chart)")
    over = 0
    for kind, rel in PAGES.items():
        page = build / rel
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        needed = [a for a in parser.found if a not in OPTIONAL]
        optional = [a for a in parser.found if a in OPTIONAL]
        assets = sum(wire(build / a.lstrip("/")) for a in needed)
        extra = sum(wire(build / a.lstrip("/")) for a in optional)
        total = wire(page) + assets
        over += kind == "indicator" and total > BUDGET
        print(
            f"{kind:<26}{wire(page) / 1024:8.1f}K{assets / 1024:8.1f}K{total / 1024:8.1f}K   "
            + (f"+{extra / 1024:.1f}K" if optional else "–")
        )
    print(f"\nbudget: an indicator page with its chart under {BUDGET // 1024} KB: {'over!' if over else 'met'}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build")))
