"""Paths: every file the build will write, known from the checked model before anything is drawn, rendered or
written — so that `validate` checks the links of the Markdown pages against the site the build would make.

The names come from where the writers take them (urls, addresses, report, embed, dashboard, assets); a test builds
the real site and compares what it wrote with `planned_paths`, so the plan cannot drift from the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder import urls
from site_builder.inputs import assets
from site_builder.model.site import Site
from site_builder.output import search
from site_builder.pages import report
from site_builder.pages.addresses import CHAPTER_TEXT, HOME, IN_EACH_LANGUAGE, section
from site_builder.pages.dashboard import CHART
from site_builder.pages.embed import embed_path

# Folders whose files are known only once written: each language's search index (Pagefind names its files by
# their hash), and the past data releases (numbered from the server's record of the releases that went live).
RELEASES = f"{urls.DOWNLOADS}/releases/"
VEGA_BUNDLE = "assets/vega-bundle.js"  # the charts' script, made beside them (not a file of the theme)
_NOT_PAGES = {search.FOLDER, urls.FEED}  # in IN_EACH_LANGUAGE, but not a page of its own name


@dataclass(frozen=True, slots=True)
class Planned:
    """The output paths of a build (relative to the output folder), and the folders whose files it cannot know."""

    paths: frozenset[str]
    unplanned: tuple[str, ...]  # folders: a link into one of them is checked by the build, once written


def planned_paths(site: Site, theme: Path) -> Planned:
    """Every path the build writes but the unplanned folders' files: the pages of each language, the site-wide
    pages and files, every download and API file, the theme's assets and the images of the content folder."""
    config = site.config
    paths = {"index.html", "404.html", "sitemap.xml", "robots.txt", urls.CATALOGUE, VEGA_BUNDLE}
    for lang in config.language_codes:
        paths |= {f"{lang}/{page}" for page in _language_pages(site, lang)}
        paths |= {urls.feed(lang), f"{lang}/{CHART}"}
    paths |= {job.pdf for job in report.pdf_jobs(config)}
    paths |= _downloads(site)
    paths |= {urls.api(name) for name in ("index.json", "indicators.json", "commitments.json", "chapters.json")}
    paths |= {urls.api(f"indicators/{indicator.id}.json") for indicator in site.indicators}
    paths |= set(assets.theme_files(theme)) | set(assets.content_images(config.path(config.site.content)))
    unplanned = (*(f"{lang}/{search.FOLDER}/" for lang in config.language_codes), RELEASES)
    return Planned(frozenset(paths), unplanned)


def _language_pages(site: Site, lang: str) -> set[str]:
    pages = {"index.html", "data/quality/index.html"}
    pages |= {section(name) for name in IN_EACH_LANGUAGE if name not in {*_NOT_PAGES, CHAPTER_TEXT}}
    pages |= {f"{CHAPTER_TEXT}/{chapter.id}/index.html" for chapter in site.chapters}
    for indicator in site.indicators:
        pages |= {f"indicators/{indicator.id}/index.html", f"{embed_path(indicator)}index.html"}
    for document in site.documents:
        if document.lang == lang and document.key != HOME and not document.key.startswith(f"{CHAPTER_TEXT}/"):
            pages.add(f"{document.key}/index.html")
    return pages


def _downloads(site: Site) -> set[str]:
    config, package = site.config, site.package
    names = {f"{package.name}.zip", "progress.sql", f"data/{package.name}.xlsx"}
    names |= {f"data/{name}" for table in package.tables for name in urls.table_files(table.path.name).values()}
    for indicator in site.indicators:
        files = urls.indicator_files(indicator.id, config.language_codes)
        names |= {f"indicators/{name}" for kind, name in files.items() if config.site.chart_png or "png" not in kind}
    return {urls.download(name) for name in names}
