"""Publication: everything a journalist downloads — package, tables, workbook, per-indicator files, the JSON API,
catalogue, feeds and past releases — written into the new output, and listed for the pages.

Per-indicator files are made by `indicator_files` (on every core, beside each indicator's pages); the site-wide
ones by `publish`, which also lists them all."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import cast

from site_builder import urls
from site_builder.charts.drawing import Chart, Drawing
from site_builder.i18n import Gettext
from site_builder.inputs.datapackage import ValidatedPackage
from site_builder.model.entities import Indicator
from site_builder.model.site import Site
from site_builder.opendata import downloads, jsonparts, versions
from site_builder.opendata.api import api_files, indicator_file
from site_builder.opendata.citation import Citation, Work, citations
from site_builder.opendata.downloads import Listing
from site_builder.opendata.jsonparts import JsonParts
from site_builder.opendata.metadata import FeedEntry, atom_feed, dcat_catalogue
from site_builder.opendata.readme import package_readme, story_kit_note
from site_builder.output import cache
from site_builder.output.reuse import Reuse
from site_builder.output.staging import Staging, inside

FOLDER = urls.DOWNLOADS  # kept under this name for the stages that import it


@dataclass(frozen=True, slots=True)
class Publication:
    downloads: tuple[Listing, ...]
    citations: tuple[Citation, ...]
    releases: tuple[versions.Release, ...]  # oldest first
    by_name: Mapping[str, tuple[Listing, ...]]  # the downloads of each table or indicator
    api_example: str  # the start of api/v1/indicators.json, for the API page


def stamped(package: ValidatedPackage, releases: Path | None) -> ValidatedPackage:
    """The package with the data version the server gives it (see opendata.versions): the last release's number
    and day when its data is unchanged, the next number and today when it changed; none without a record (a local
    build, the preview, CI: the data is the next release, not yet published)."""
    version = versions.stamp(releases, downloads.data_members(package), time.strftime("%Y-%m-%d"))
    return replace(package, version=version.version, created=version.created)


def dated(site: Site, releases: Path | None) -> Site:
    """The site with each indicator given the data release in which it last changed (see
    `versions.indicator_releases`): the number and day its own files cite, which stay the same as long as its data
    does. Without a record (a local build, the preview, CI) every indicator is the next release, not yet
    published, like the package."""
    package = site.package
    if releases is None:
        return site
    version = versions.Stamp(int(package.version) if package.version else None, package.created[:10])
    history, kept = versions.recorded(releases), cache.folder(site.config.root, "releases")
    since = versions.indicator_releases(history, downloads.data_members(package), version, kept)
    named = {r.number: r.version for r in history}  # an archive is named by its record's version (as `publish`)
    indicators = []
    for indicator in site.indicators:
        release = since.get(indicator.id, versions.Stamp(None, ""))
        archive = ""
        if release.number is not None:
            archive = versions.release_archive(
                FOLDER, package.name, release.number, named.get(release.number, release.version)
            )
        indicators.append(replace(indicator, version=release.version, created=release.created, archive=archive))
    return replace(site, indicators=tuple(indicators))


def site_citations(site: Site, gettexts: Mapping[str, Gettext]) -> tuple[Citation, ...]:
    """How to cite the whole data package, at the data page's address."""
    config = site.config
    return citations(config, site.package, config.site.base_url + "{lang}/data/", gettexts)


def indicator_citations(site: Site, indicator: Indicator, gettexts: Mapping[str, Gettext]) -> tuple[Citation, ...]:
    """How to cite one indicator: its page's address, in the data release in which it last changed."""
    config, package = site.config, site.package
    version = indicator.version or "next"
    work = Work(indicator.name, f"{package.name}-{version}-{indicator.id}", True, indicator.version, indicator.created)
    url = config.site.base_url + f"{{lang}}/indicators/{indicator.id}/"
    return citations(config, package, url, gettexts, work)


def indicator_files(
    indicator: Indicator,
    chart: Chart,
    drawing: Drawing,
    gettexts: Mapping[str, Gettext],
    cited: tuple[Citation, ...],
) -> tuple[list[downloads.Download], tuple[str, bytes]]:
    """One indicator's downloads (series, chart, story kit) and its API record (path, bytes); `cited`: how to cite
    the indicator (`indicator_citations`), for the story kit's note."""
    framed = [(f.svg_path, "SVG", drawing.svg(f.key)) for f in chart.framed]
    framed += [(f.png_path, "PNG", drawing.png(f.key)) for f in chart.framed if f.png_path is not None]
    images = downloads.ChartImages((chart.svg_path, drawing.svg(chart.key)), tuple(framed))
    note = story_kit_note(indicator, gettexts, cited)
    languages = tuple(gettexts)  # the site's, in the order site.toml lists them
    return downloads.indicator_files(indicator, f"{FOLDER}/indicators", images, note, languages), indicator_file(
        indicator
    )


def publish(
    site: Site,
    root: Path,
    gettexts: Mapping[str, Gettext],
    cited: tuple[Citation, ...],
    per_indicator: Iterable[Listing],
    stage: Staging,
    reuse: Reuse,
    common: str,
    releases: Path | None = None,
) -> Publication:
    """Write the site-wide downloads, API lists, catalogue, feeds and release archives into `stage`; list them
    with the per-indicator downloads already written. Each file whose inputs (and `common`: the code, the
    translations, the configuration) are unchanged since the previous build is linked from it (`reuse`).

    `releases` is the server's record of releases that went live (None: a local build, the preview, CI)."""
    config, package = site.config, site.package
    keep = _Keeper(reuse, stage, common)
    members = downloads.data_members(package)
    readme = package_readme(site, gettexts, cited)
    listed = keep.downloads(
        "package", (members, readme, package.report), lambda: [downloads.package_zip(package, readme, FOLDER)]
    )
    archive = inside(stage.path, listed[0].path).read_bytes()
    tables = [(t, t.path.read_bytes()) for t in package.tables]
    for table, data in tables:
        key = (table.name, table.path.name, data, sorted(downloads.numeric(table)))
        listed += keep.downloads(f"table {table.name}", key, partial(downloads.table_files, table, f"{FOLDER}/data"))
    book = [(t.name, data, sorted(downloads.numeric(t))) for t, data in tables]
    kept = cache.folder(root, "workbook")
    listed += keep.downloads(
        "workbook", (package.name, book), lambda: [downloads.workbook_file(package, f"{FOLDER}/data", kept)]
    )
    sql = package.descriptor.parent / "sql/progress.sql"
    made = downloads.Download(f"{FOLDER}/progress.sql", sql.read_bytes(), "SQL", "sql")
    stage.write(made.path, made.data)
    listed += [made.listing(), *per_indicator]
    history = tuple(_history(site, archive, releases))
    package_url = f"{config.base_path}{FOLDER}/{package.name}.zip"
    chapter_texts = [site.document(lang, f"chapters/{c.id}") for c in site.chapters for lang in config.languages]
    descriptor = members["datapackage.json"]  # stamped with the data version and day
    api_inputs = (descriptor, package_url, site.indicators, site.commitments, site.chapters)
    json_parts = cache.folder(root, "json-parts")
    keep.files(
        "api",
        (*api_inputs, chapter_texts),
        lambda: _in_parts(json_parts, "api", lambda parts: api_files(site, package_url, parts)),
    )
    catalogue = (descriptor, site.indicators, site.categories, listed)
    keep.files(
        "catalogue",
        catalogue,
        lambda: _in_parts(
            json_parts, "catalogue", lambda parts: {urls.CATALOGUE: dcat_catalogue(site, listed, gettexts, parts)}
        ),
    )
    files: dict[str, bytes] = {}
    published = [r for r in history if r.number is not None]
    for release in published:
        files[release.archive_path(FOLDER, package.name)] = release.archive
    for lang, _ in gettexts.items():
        entries = [
            FeedEntry(
                f"release-{r.number}",
                r.date,
                _("Data release %(number)s") % {"number": r.number},
                _("%(count)s values added, revised or removed.") % {"count": len(r.changes)},
                r.archive_path(FOLDER, package.name),
            )
            for r in reversed(published)
        ]
        files[urls.feed(lang)] = atom_feed(site, lang, _("Data releases"), entries)
    for path, data in files.items():
        stage.write(path, data)
    by_name: dict[str, list[Listing]] = {}
    for listing in listed:
        by_name.setdefault(listing.name, []).append(listing)
    index = inside(stage.path, urls.api("indicators.json")).read_text(encoding="utf-8")
    example = index.split("\n  },")[0] + "\n  }, …"
    return Publication(tuple(listed), cited, history, {k: tuple(v) for k, v in by_name.items()}, example)


@dataclass(frozen=True, slots=True)
class _Keeper:
    """Makes a site-wide file only when its inputs changed since the previous build; links it otherwise."""

    reuse: Reuse
    stage: Staging
    common: str

    def downloads(self, name: str, inputs: object, make: Callable[[], list[downloads.Download]]) -> list[Listing]:
        """Listed downloads, made (or linked) under `name`."""
        key = self.reuse.key(self.common, name, inputs)
        if (old := self.reuse.linked(name, key)) is not None:
            self.stage.add(list(old.paths))
            return list(cast(tuple[Listing, ...], old.made))
        made = make()
        for download in made:
            self.stage.write(download.path, download.data)
        self.reuse.keep(name, key, [d.path for d in made], tuple(d.listing() for d in made))
        return [d.listing() for d in made]

    def files(self, name: str, inputs: object, make: Callable[[], Mapping[str, bytes]]) -> None:
        """Files that are not listed as downloads (the API's, the catalogue), made (or linked) under `name`."""
        key = self.reuse.key(self.common, name, inputs)
        if (old := self.reuse.linked(name, key)) is not None:
            self.stage.add(list(old.paths))
            return
        made = make()
        for path, data in made.items():
            self.stage.write(path, data)
        self.reuse.keep(name, key, list(made), None)


def _in_parts(folder: Path, name: str, make: Callable[[JsonParts], dict[str, bytes]]) -> dict[str, bytes]:
    """JSON files made from the parts the last build kept (see `jsonparts`); this build's parts are kept."""
    path = folder / f"{name}.pickle"
    parts = jsonparts.load(path)
    made = make(parts)
    jsonparts.save(path, parts)
    return made


def _history(site: Site, archive: bytes, releases: Path | None) -> list[versions.Release]:
    """The recorded releases, and this build's data when it differs from the last one (not yet published without
    a record: a local build)."""
    package = site.package
    version = versions.Stamp(int(package.version) if package.version else None, package.created[:10])
    return versions.releases(versions.recorded(releases), archive, version)
