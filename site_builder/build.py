"""Build: the whole pipeline in order — check every input (`validate`), then draw the charts, write each indicator's
files and pages, the site-wide open data and pages, index them for search, and swap the new tree in.

Every check that needs no output runs before anything is written (the Markdown pages' links too, against the
paths the build will write); one `Collector` holds every problem of the run.
Each writing phase is a function, so what it gathered is freed when it returns, before the search indexer runs.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from site_builder.charts import drawing as charts
from site_builder.charts.frame import frame_labels
from site_builder.i18n import Gettext
from site_builder.inputs import assets, containment, content, garbled, site_address
from site_builder.inputs.catalogs import load_translations
from site_builder.inputs.config import SiteConfig, load_config
from site_builder.inputs.content import Document
from site_builder.inputs.datapackage import validate_package
from site_builder.model import quotes, warehouse
from site_builder.model.entities import Commitment, Indicator
from site_builder.model.site import Site, build_site, commitment_marks
from site_builder.opendata import report_pdf
from site_builder.opendata.publication import FOLDER, dated, publish, site_citations, stamped
from site_builder.output import cache, fingerprint, reuse, search
from site_builder.output.staging import Staging
from site_builder.pages import per_indicator, report
from site_builder.pages.addresses import taken_addresses
from site_builder.pages.contexts import CategoryGroup
from site_builder.pages.dashboard import dashboard_charts
from site_builder.pages.links import broken_links, document_link_problems, planned_link_problems
from site_builder.pages.paths import RELEASES, VEGA_BUNDLE, Planned, planned_paths
from site_builder.pages.plan import plan_pages
from site_builder.pages.render import environment, render_pages, template_problems
from site_builder.pages.sitemap import robots, sitemap
from site_builder.problems import Collector, Problem, ProblemsFound
from site_builder.problems.catalogue import output as words

StageTimes = Callable[[str, float], None]  # told each stage's name and how long it took
# Held by many site-wide files: hashed once each (see output.reuse); the category groups are one tuple per language
# that the home, indicators and every chapter page list.
SHARED = (Indicator, Commitment, Document, CategoryGroup)


@dataclass(frozen=True, slots=True)
class BuildResult:
    pages: int
    files: int
    warnings: tuple[Problem, ...]
    charts_drawn: int = 0  # charts not found in the cache
    indicators_reused: int = 0  # indicators whose files were linked from the previous build
    sitewide_reused: tuple[str, ...] = ()  # site-wide pages and downloads linked from the previous build (names)


@dataclass(frozen=True, slots=True)
class Checked:
    """Everything the writing phases need, all of it checked: the site model and each language's templates."""

    site: Site
    root: Path
    theme: Path
    gettexts: Mapping[str, Gettext]
    environments: dict[str, Environment]
    planned: Planned  # every path the writing phases will write
    warnings: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class Written:
    pages: int
    charts_drawn: int
    indicators_reused: int
    linkable: Path | None  # the previous output, if it is still as its build left it: its search shards are linked
    sitewide_reused: tuple[str, ...]


@contextmanager
def _stage(name: str, progress: StageTimes) -> Iterator[None]:
    start = time.perf_counter()
    yield
    progress(name, time.perf_counter() - start)


def validate(root: Path, strict: bool, progress: StageTimes, base_url: str | None = None) -> Checked:
    """Every check that needs no output: config, data package, content, model, catalogs and templates.

    Raises ProblemsFound with every stopping problem; `base_url` replaces site.toml's (a preview, or a host such as
    GitHub Pages that serves from a sub-folder)."""
    return _checked(root, Collector(strict), progress, base_url, None)


def build(
    root: Path,
    out: Path,
    strict: bool,
    progress: StageTimes,
    base_url: str | None = None,
    releases: Path | None = None,
    pdf_optional: bool = False,
    previous: Path | None = None,
) -> BuildResult:
    """Validate, then write the whole site into a new folder and swap it in for `out` only if everything succeeded.

    `releases` is the server's record of the data releases that went live (None: a local build, the preview, CI).
    `pdf_optional`: the staff's own check, strict but on a computer that may lack WeasyPrint's libraries (Windows):
    it goes on without the report's PDFs, which the server makes.
    `previous` is an earlier output of the same site whose unchanged files are hard-linked rather than made again
    (the live release, on the server); None: `out` itself, as the last build left it. Nothing is ever written into
    a linked file (see `staging.write_file`), so `previous` stays byte for byte as it was."""
    problems = Collector(strict)
    checked = _checked(root, problems, progress, base_url, releases)
    site = checked.site.config.site  # the folders it names are sources too: never written into
    sources = {"site.content": site.content, "site.datapackage": str(Path(site.datapackage).parent)}
    with Staging(out, root, sources | {"site.theme": f"themes/{site.theme}"}) as stage:
        written = _write(checked, stage, problems, progress, releases, pdf_optional, previous)
        _release_memory()
        with _stage("search index and swap", progress):
            languages, kept = checked.site.config.language_codes, cache.folder(root, "search")
            stage.commit(finish=lambda folder: search.index(folder, languages, kept, written.linkable))
    return BuildResult(
        written.pages,
        len(stage.written),
        problems.warnings,
        written.charts_drawn,
        written.indicators_reused,
        written.sitewide_reused,
    )


def _checked(
    root: Path, problems: Collector, progress: StageTimes, base_url: str | None, releases: Path | None
) -> Checked:
    with _stage("config", progress):
        config = load_config(root, base_url)
        package_folder = str(Path(config.site.datapackage).parent)
        theme = root / "themes" / config.site.theme
        parts = ["site.toml", package_folder, config.site.content, f"themes/{config.site.theme}"]
        problems.add(containment.links_outside(root, parts))
        problems.add(site_address.placeholder_address(config, from_option=base_url is not None))
        problems.stop_if_errors()
    with _stage("datasets", progress):
        package = stamped(validate_package(root, config.site.datapackage), releases)
        problems.add(package.warnings)
    with _stage("warehouse", progress):
        db = warehouse.load(package)
        problems.add(warehouse.missing_translations(db, package, config.language_codes))
        problems.add(warehouse.unusable_rows(db, package))
        garbled_text = warehouse.garbled_cells(db, package)
        problems.add(garbled_text)
        if garbled.whole_file(garbled_text):  # what the garbled file holds would only give more messages
            db.close()
            problems.stop_if_errors()
        problems.add(quotes.quote_problems(db, package))
    with _stage("content", progress):
        marks = commitment_marks(config, package, db)
        documents, found = content.load_documents(
            root, config.site.content, config.language_codes, marks, config.base_path
        )
        problems.add(found)
    with _stage("model", progress):
        site, found = build_site(config, package, db, documents)
        site = dated(site, releases)  # each indicator's own data release
        problems.add(found)
        problems.add(taken_addresses(site))
    db.close()
    with _stage("links", progress):  # of the Markdown pages, to the paths the build will write
        planned = planned_paths(site, theme)
        problems.add(planned_link_problems(root, list(site.documents), config.base_path, planned))
    with _stage("translations", progress):
        gettexts, environments = {}, {}
        for code, lang in config.languages.items():
            translations, found = load_translations(root, theme, lang.locale)
            problems.add(found)
            gettexts[code] = translations.gettext
            environments[code] = environment(
                theme / "templates", code, lang.locale, translations, cache.folder(root, "jinja")
            )
        problems.add(template_problems(environments[config.site.default_language], root, theme / "templates"))
    problems.stop_if_errors()
    return Checked(site, root, theme, gettexts, environments, planned, problems.warnings)


def _write(
    checked: Checked,
    stage: Staging,
    problems: Collector,
    progress: StageTimes,
    releases: Path | None,
    pdf_optional: bool,
    previous: Path | None,
) -> Written:
    """Every file of the site into `stage`: charts, each indicator's files and pages, then the site-wide ones."""
    site, gettexts = checked.site, checked.gettexts
    drawing = charts.Drawing(charts.cache_folder(checked.root))
    with drawing, _stage(f"charts ({len(site.indicators)})", progress):
        bundle = drawing.javascript_bundle()  # made beside the charts, the first time
        labels = _chart_labels(gettexts)
        frames = frame_labels(site, gettexts)
        planned, jobs = charts.plan(
            site.indicators, labels, frames, drawing, f"{FOLDER}/indicators", site.config.site.chart_png
        )
        dashboards = dashboard_charts(site, gettexts)
        drawn = drawing.draw(jobs | dict(dashboards.values()))
        stage.write(VEGA_BUNDLE, bundle())
    # No vl-convert from here on: the workers below are forked from this process.
    cited = site_citations(site, gettexts)
    source = (previous or stage.out).resolve()
    with _stage(f"indicators ({len(site.indicators) * len(gettexts)} pages)", progress):
        shared = per_indicator.shared_key(site, checked.theme)
        linkable = per_indicator.load(per_indicator.state_of(checked.root, source), source, fingerprint.stamp(source))
        made = per_indicator.make(site, planned, drawing, gettexts, checked.environments, stage.path, shared, linkable)
        stage.add(made.paths)
    kept = reuse.load(checked.root, source, stage.path, SHARED, (SiteConfig,), (Indicator, Commitment))
    common = kept.key(fingerprint.code_and_words(checked.theme), site.config.model_dump_json(exclude={"root"}))
    with _stage("downloads", progress):
        published = publish(site, checked.root, gettexts, cited, made.downloads, stage, kept, common, releases)
        for path, (key, _) in dashboards.items():
            stage.write(path, drawing.svg(key))
    with _stage("pages", progress):
        pages = plan_pages(site, gettexts, published, planned)
        envs = checked.environments
        neutral = envs[site.config.site.default_language]
        links = render_pages(pages, envs, neutral, stage.path, kept, common) | made.links
        stage.add([page.path for page in pages])
        every_page = [(page.path, page.lang) for page in pages] + made.pages
        stage.write("sitemap.xml", sitemap(site.config, every_page))
        stage.write("robots.txt", robots(site.config))
        content_folder = site.config.path(site.config.site.content)
        for rel, asset in (assets.theme_files(checked.theme) | assets.content_images(content_folder)).items():
            stage.copy(rel, asset)
        reports = report.pdf_jobs(site.config)  # typeset from the pages on workers while the links are checked
        pdfs = report_pdf.start(stage.path, reports, site.config.site.base_url, cache.folder(checked.root, "report"))
        broken = broken_links(site.config.base_path, stage.written | {job.pdf for job in reports}, links)
        found = document_link_problems(checked.root, list(site.documents), site.config.base_path, broken)
        if broken and not found:
            raise RuntimeError(f"the theme wrote broken links: {broken[:5]}")
        problems.add(found)
        problems.stop_if_errors()
    with _stage("report PDFs (waited for)", progress):
        _write_pdfs(pdfs, stage, problems, pdf_optional)
    if unplanned := sorted(p for p in stage.written - checked.planned.paths if not p.startswith(RELEASES)):
        raise RuntimeError(f"the build wrote files that pages.paths does not plan: {unplanned[:5]}")
    # The new tree keeps its inode and time through the swap: its stamp now is its stamp as `out`.
    per_indicator.save(per_indicator.state_of(checked.root, stage.out), fingerprint.stamp(stage.path), made.records)
    reuse.save(checked.root, stage.out, kept)
    return Written(len(every_page), drawn, made.reused, source if linkable is not None else None, tuple(kept.reused))


def _write_pdfs(pdfs: Callable[[], dict[str, bytes]], stage: Staging, problems: Collector, optional: bool) -> None:
    """The report's PDFs into the output. Where WeasyPrint cannot run, a strict build refuses (CI, the server: the
    live site never links to a PDF it lacks); any other build goes on without them, and says so."""
    try:
        typeset = pdfs()
    except report_pdf.Unavailable as missing:
        if problems.strict and not optional:
            raise ProblemsFound([words.PDF_REFUSED.at(words.PDFS, library=missing.args[0])]) from None
        problems.add([words.PDF_SKIPPED.at(words.PDFS, library=missing.args[0])])
        return
    for path, pdf in typeset.items():
        stage.write(path, pdf)


def _release_memory() -> None:
    """Give freed memory back to the system before Pagefind runs beside this process (glibc keeps it otherwise)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _chart_labels(gettexts: Mapping[str, Gettext]) -> dict[str, charts.ChartLabels]:
    return {
        lang: charts.ChartLabels(_("Published value"), _("Target"), _("2035 vision"), _("Year"))
        for lang, _ in gettexts.items()
    }
