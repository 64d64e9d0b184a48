"""URLs: every address on the site, built in one place from the site's base path."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Urls:
    """Site-relative addresses of one language's pages."""

    base: str
    lang: str

    def page(self, path: str) -> str:
        return f"{self.base}{self.lang}/{path}"

    def chapter(self, chapter_id: str, anchor: str = "") -> str:
        return self.page(f"chapters/{chapter_id}/") + (f"#{anchor}" if anchor else "")

    def indicator(self, indicator_id: str) -> str:
        return self.page(f"indicators/{indicator_id}/")
