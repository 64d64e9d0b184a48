"""Per indicator: everything one indicator publishes — its downloads, its API record and its page in each
language — made on every core and written straight into the new output. The work grows with the number of
indicators and nothing else: no indicator's output reads another's.

An indicator whose inputs are unchanged since the last build into the same folder is not made again: its files
are hard-linked from that build. Its inputs are the indicator itself (values, sources, status, chapter, category),
its chart, the release it cites, the headings of the plan's text it links to, and what the pages share
(`shared_key`: code, theme, translations, config, the package's titles, which footer pages exist).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from site_builder.charts.drawing import Chart, Drawing
from site_builder.i18n import Gettext
from site_builder.model.entities import Indicator
from site_builder.model.site import Site
from site_builder.opendata.downloads import Listing
from site_builder.opendata.publication import indicator_citations, indicator_files
from site_builder.output import fingerprint
from site_builder.output.atomic import replace_file
from site_builder.output.staging import inside, write_file
from site_builder.output.workers import map_slices
from site_builder.pages.chrome import FOOTER_PAGES
from site_builder.pages.links import PageLinks
from site_builder.pages.plan import indicator_pages, section_label
from site_builder.pages.render import render_page


@dataclass(frozen=True, slots=True)
class Record:
    """What one indicator wrote, under the hash of its inputs."""

    key: str
    paths: tuple[str, ...]
    downloads: tuple[Listing, ...]
    pages: tuple[tuple[str, str], ...]  # (path, language)
    links: tuple[tuple[str, PageLinks], ...]


@dataclass(frozen=True, slots=True)
class Previous:
    """The last build's output folder and its records: what can be linked instead of made again."""

    folder: Path
    records: Mapping[str, Record]


@dataclass(slots=True)
class Made:
    """What the indicators wrote: their downloads (listed), every path, and each page's ids and links."""

    downloads: list[Listing] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    pages: list[tuple[str, str]] = field(default_factory=list)  # (path, language)
    links: dict[str, PageLinks] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    reused: int = 0

    def add(self, indicator_id: str, record: Record, reused: bool) -> None:
        self.downloads += record.downloads
        self.paths += record.paths
        self.pages += record.pages
        self.links.update(record.links)
        self.records[indicator_id] = record
        self.reused += reused

    def update(self, other: Made) -> None:
        self.downloads += other.downloads
        self.paths += other.paths
        self.pages += other.pages
        self.links.update(other.links)
        self.records.update(other.records)
        self.reused += other.reused


def shared_key(site: Site, theme: Path) -> str:
    """The hash of what every indicator's output shows or uses besides the indicator itself: the code, the theme's
    templates and catalogs, site.toml (less the folders it names), the data package's name and titles (in its
    citation), the first chapter (where "The plan" leads) and which of the footer's Markdown pages each language
    has. Not the Markdown pages' text, nor the site's data version: each indicator cites its own release. Each part
    pickles the same in every process (no sets: their order changes with the hash seed)."""
    config, package = site.config, site.package
    parts = (
        fingerprint.code_and_theme(theme),
        # where the project lies (a push's checkout) and the folders it names show nowhere
        config.model_dump_json(exclude={"root": True, "site": {"datapackage", "content"}}),
        (package.name, package.title, package.translated),
        site.chapters[0].id,
        tuple((d.lang, d.key) for d in site.documents if d.key in FOOTER_PAGES),
    )
    return hashlib.sha256(pickle.dumps(parts, protocol=5)).hexdigest()


def own_key(site: Site, indicator: Indicator, chart: Chart, shared: str) -> str:
    """The hash of all one indicator's output is made from: what it shares with the others (`shared_key`), the
    indicator (its data and the release it cites), its chart, and the headings of the plan's text it links to."""
    sections = tuple(
        section_label(site, lang, ref.chapter, ref.anchor)
        for lang in site.config.language_codes
        for ref in indicator.sections
    )
    return hashlib.sha256(shared.encode() + pickle.dumps((indicator, chart, sections), protocol=5)).hexdigest()


def make(
    site: Site,
    charts: Mapping[str, Chart],
    drawing: Drawing,
    gettexts: Mapping[str, Gettext],
    environments: dict[str, Environment],
    folder: Path,
    shared: str,
    previous: Previous | None = None,
) -> Made:
    """Write every indicator's files and pages into `folder`, on every core; link the unchanged ones from the
    previous build."""

    def one(indicator: Indicator, key: str) -> Record:
        chart = charts[indicator.id]
        files, (api_path, api_data) = indicator_files(
            indicator, chart, drawing, gettexts, indicator_citations(site, indicator, gettexts)
        )
        paths = []
        for download in files:
            write_file(folder, download.path, download.data)
            paths.append(download.path)
        write_file(folder, api_path, api_data)
        paths.append(api_path)
        listed = [d.listing() for d in files]
        pages, links = [], []
        for page in indicator_pages(site, indicator, chart, gettexts, listed):
            html, found = render_page(page, environments, environments[page.lang])
            write_file(folder, page.path, html)
            paths.append(page.path)
            pages.append((page.path, page.lang))
            links.append((page.path, found))
        return Record(key, tuple(paths), tuple(listed), tuple(pages), tuple(links))

    def work(indicators: Sequence[Indicator]) -> Made:
        made = Made()
        for indicator in indicators:
            key = own_key(site, indicator, charts[indicator.id], shared)
            old = previous.records.get(indicator.id) if previous else None
            if previous is not None and old is not None and old.key == key and _link_all(previous, old, folder):
                made.add(indicator.id, old, reused=True)
            else:
                made.add(indicator.id, one(indicator, key), reused=False)
        return made

    result = Made()
    for made in map_slices(work, site.indicators, serial_below=100):
        result.update(made)
    return result


def _link_all(previous: Previous, record: Record, folder: Path) -> bool:
    """Hard-link (or copy, across file systems) an indicator's files from the previous build; False if any is
    missing there (then it is made again; a half-linked file is simply written over)."""
    for path in record.paths:
        source = inside(previous.folder, path)
        target = inside(folder, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except FileExistsError:
            target.unlink()
            os.link(source, target)
        except FileNotFoundError:
            for linked in record.paths:  # never write into a file the previous build still holds
                inside(folder, linked).unlink(missing_ok=True)
            return False
        except OSError:
            shutil.copyfile(source, target)
    return True


def state_of(root: Path, out: Path) -> Path:
    """Where the records of the build that wrote `out` are kept."""
    return fingerprint.state_file(root, out, ".indicators.pickle")


def load(state: Path, out: Path, stamp: object) -> Previous | None:
    """The records the last build left for `out`, if `out` is still the folder that build wrote."""
    try:
        with state.open("rb") as handle:
            saved_stamp, records = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return None
    if saved_stamp != stamp:
        return None
    return Previous(out, records)


def save(state: Path, stamp: object, records: Mapping[str, Record]) -> None:
    replace_file(state, pickle.dumps((stamp, dict(records)), protocol=5))
