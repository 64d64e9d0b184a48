"""URLs: every address on the site, built in one place. The names of the site-wide files and folders live here;
`Urls` turns them, and each language's pages, into the addresses pages link to (under the site's base path), and
the output paths the build writes them to are the same strings without the base."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DOWNLOADS = "downloads"  # every file a journalist downloads: /downloads/…
API_VERSION = "v1"
API = f"api/{API_VERSION}"  # the static JSON API: /api/v1/…
CATALOGUE = "catalog.jsonld"  # the DCAT catalogue, at the site's top
FEED = "releases.xml"  # each language's Atom feed of data releases: /<lang>/releases.xml


def download(name: str) -> str:
    """The output path of a site-wide download (`name` may hold a sub-folder: "data/x.csv", "indicators/y.json")."""
    return f"{DOWNLOADS}/{name}"


def indicator_files(indicator_id: str, languages: Iterable[str]) -> dict[str, str]:
    """The name of each download of one indicator in downloads/indicators/, by what it holds. Named here only, so
    that the check that each address has one owner (`pages.addresses`) sees every name an indicator takes."""
    names = {
        "csv": f"{indicator_id}.csv",
        "excel": f"{indicator_id}-excel.csv",
        "xlsx": f"{indicator_id}.xlsx",
        "json": f"{indicator_id}.json",
        "chart": f"{indicator_id}-chart.svg",  # the drawing its pages show
        "story-kit": f"{indicator_id}-story-kit.zip",
    }
    for lang in languages:  # the framed charts a reader downloads
        names |= {f"chart-{lang}.{form}": f"{indicator_id}-chart-{lang}.{form}" for form in ("svg", "png")}
    return names


def table_files(file_name: str) -> dict[str, str]:
    """The name of each download of one data table in downloads/data/: as it is, and for Excel."""
    return {"table": file_name, "excel": f"{file_name.rsplit('.', 1)[0]}-excel.csv"}


def api(name: str) -> str:
    """The output path of an API file, such as "indicators.json" or "indicators/<id>.json"."""
    return f"{API}/{name}"


def feed(lang: str) -> str:
    """The output path of a language's Atom feed."""
    return f"{lang}/{FEED}"


@dataclass(frozen=True, slots=True)
class Urls:
    """Site-relative addresses of one language's pages, and of the site-wide files (`base` is the base path)."""

    base: str
    lang: str

    def page(self, path: str) -> str:
        return f"{self.base}{self.lang}/{path}"

    def chapter(self, chapter_id: str, anchor: str = "") -> str:
        return self.page(f"chapters/{chapter_id}/") + (f"#{anchor}" if anchor else "")

    def indicator(self, indicator_id: str) -> str:
        return self.page(f"indicators/{indicator_id}/")

    def feed(self) -> str:
        return self.base + feed(self.lang)

    def file(self, path: str) -> str:
        """A file of the output by its output path (a download, an API file, the catalogue)."""
        return self.base + path
