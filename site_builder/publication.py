"""Publication: everything a journalist downloads — package, tables, workbook, per-indicator files, the JSON API,
catalogue, feeds and past releases — gathered once per build for the pages and the output."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from site_builder import downloads, releases
from site_builder.api import api_files
from site_builder.charts import Chart
from site_builder.chrome import Gettext
from site_builder.citation import Citation, citations
from site_builder.metadata import atom_feed, dcat_catalogue
from site_builder.readme import package_readme, story_kit_note
from site_builder.site import Site

FOLDER = "downloads"


@dataclass(frozen=True, slots=True)
class Publication:
    downloads: tuple[downloads.Download, ...]
    citations: tuple[Citation, ...]
    releases: tuple[releases.Release, ...]  # oldest first
    files: Mapping[str, bytes]  # API, catalogue, feeds: served but not listed as downloads


def publish(
    site: Site,
    root: Path,
    charts: Mapping[tuple[str, str], Chart],
    gettexts: Mapping[str, Gettext],
    revision: str = "HEAD",
) -> Publication:
    config, package = site.config, site.package
    cited = citations(config, package, config.site.base_url + "{lang}/data/")
    found = [downloads.package_zip(package, package_readme(site, gettexts, cited), FOLDER)]
    found += downloads.tables(package, f"{FOLDER}/data")
    sql = package.descriptor.parent / "sql/progress.sql"
    found.append(downloads.Download(f"{FOLDER}/progress.sql", sql.read_bytes(), "SQL", "sql"))
    for indicator in site.indicators:
        per_lang = {lang: (charts[(indicator.id, lang)].svg, charts[(indicator.id, lang)].png) for lang in gettexts}
        note = story_kit_note(indicator, gettexts, cited)
        found += downloads.indicator_files(indicator, f"{FOLDER}/indicators", per_lang, note)
    history = tuple(releases.releases(root, config.site.datapackage, package.name, revision))
    files = dict(api_files(site, f"{config.base_path}{FOLDER}/{package.name}.zip"))
    files["catalog.jsonld"] = dcat_catalogue(site, found)
    for release in history:
        files[f"{FOLDER}/releases/{release.folder}/{package.name}-{release.version}.zip"] = release.archive
    for lang, _ in gettexts.items():
        entries = [
            (
                r.version,
                r.date,
                _("Data release %(version)s") % {"version": r.version},
                _("%(count)s values added, revised or removed.") % {"count": len(r.changes)},
            )
            for r in reversed(history)
        ]
        files[f"{lang}/releases.xml"] = atom_feed(site, lang, _("Data releases"), entries)
    return Publication(tuple(found), cited, history, files)
