"""Per indicator: everything one indicator publishes — its downloads, its API record and its page in each
language — made on every core and written straight into the new output. The work grows with the number of
indicators and nothing else: no indicator's output reads another's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from site_builder.charts import Chart, Drawing
from site_builder.chrome import Gettext
from site_builder.citation import Citation
from site_builder.downloads import Listing
from site_builder.links import PageLinks
from site_builder.model import Indicator
from site_builder.output import write_file
from site_builder.pages import indicator_pages
from site_builder.parallel import map_slices
from site_builder.publication import indicator_files
from site_builder.render import render_page
from site_builder.site import Site


@dataclass(slots=True)
class Made:
    """What the indicators wrote: their downloads (listed), every path, and each page's ids and links."""

    downloads: list[Listing] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    pages: list[tuple[str, str]] = field(default_factory=list)  # (path, language)
    links: dict[str, PageLinks] = field(default_factory=dict)

    def update(self, other: Made) -> None:
        self.downloads += other.downloads
        self.paths += other.paths
        self.pages += other.pages
        self.links.update(other.links)


def make(
    site: Site,
    charts: Mapping[str, Chart],
    drawing: Drawing,
    gettexts: Mapping[str, Gettext],
    environments: dict[str, Environment],
    cited: tuple[Citation, ...],
    folder: Path,
) -> Made:
    """Write every indicator's files and pages into `folder`, on every core."""

    def work(indicators: Sequence[Indicator]) -> Made:
        made = Made()
        for indicator in indicators:
            files, (api_path, api_data) = indicator_files(indicator, charts[indicator.id], drawing, gettexts, cited)
            for download in files:
                write_file(folder, download.path, download.data)
                made.paths.append(download.path)
            write_file(folder, api_path, api_data)
            made.paths.append(api_path)
            listed = [d.listing() for d in files]
            made.downloads += listed
            for page in indicator_pages(site, indicator, charts[indicator.id], gettexts, cited, listed):
                html, made.links[page.path] = render_page(page, environments, environments[page.lang])
                write_file(folder, page.path, html)
                made.paths.append(page.path)
                made.pages.append((page.path, page.lang))
        return made

    result = Made()
    for made in map_slices(work, site.indicators, serial_below=100):
        result.update(made)
    return result
