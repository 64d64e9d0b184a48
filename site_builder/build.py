"""Build: the whole pipeline, one stage after another — config, datasets, warehouse, content, model, charts, pages, output."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from babel.support import Translations

from site_builder.charts import drawing as charts
from site_builder.i18n import Gettext
from site_builder.inputs import containment, content
from site_builder.inputs.catalogs import load_translations
from site_builder.inputs.config import load_config
from site_builder.inputs.datapackage import validate_package
from site_builder.model import warehouse
from site_builder.model.site import Site, build_site, commitment_marks
from site_builder.opendata.publication import FOLDER, publish, site_citations
from site_builder.output import cache, fingerprint, search
from site_builder.output.staging import Staging
from site_builder.pages import per_indicator
from site_builder.pages.links import broken_links, document_link_problems
from site_builder.pages.plan import plan_pages
from site_builder.pages.render import environment, render_pages, template_problems
from site_builder.pages.sitemap import robots, sitemap
from site_builder.pages.wording import SUMMARIES, summary_label
from site_builder.problems import Problem, raise_if_errors

Progress = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class BuildResult:
    pages: int
    files: int
    warnings: tuple[Problem, ...]
    charts_drawn: int = 0  # charts not found in the cache
    indicators_reused: int = 0  # indicators whose files were linked from the previous build


@contextmanager
def _stage(name: str, progress: Progress) -> Iterator[None]:
    start = time.perf_counter()
    yield
    progress(name, time.perf_counter() - start)


def validate(
    root: Path, strict: bool, progress: Progress, base_url: str | None = None
) -> tuple[Site, tuple[Problem, ...]]:
    """Every check that needs no output: config, data package, content, translations. Raises ProblemsFound.

    `base_url` replaces site.toml's (a preview, or a host such as GitHub Pages that serves from a sub-folder)."""
    with _stage("config", progress):
        config = load_config(root, base_url)
        package_folder = str(Path(config.site.datapackage).parent)
        parts = ["site.toml", package_folder, config.site.content, f"themes/{config.site.theme}"]
        raise_if_errors(containment.links_outside(root, parts), strict)
    with _stage("datasets", progress):
        package = validate_package(root, config.site.datapackage)
    with _stage("warehouse", progress):
        db = warehouse.load(package)
        problems = warehouse.missing_translations(db, package, config.language_codes)
        problems += warehouse.unusable_rows(db, package)
        problems += warehouse.garbled_cells(db, package)
    with _stage("content", progress):
        marks = commitment_marks(config, package, db)
        documents, found = content.load_documents(
            root, config.site.content, config.language_codes, marks, config.base_path
        )
        problems += found
    with _stage("model", progress):
        site, found = build_site(config, package, db, documents)
        problems += found
    db.close()
    raise_if_errors(problems, strict)
    return site, tuple(problems)


def build(
    root: Path, out: Path, strict: bool, progress: Progress, revision: str = "HEAD", base_url: str | None = None
) -> BuildResult:
    """Validate, then render the whole site into `out`, swapping it in only if everything succeeded.

    `revision` is the git revision whose history gives the data releases (a push being checked, in the hook).
    """
    site, problems = validate(root, strict, progress, base_url)
    config = site.config
    theme = root / "themes" / config.site.theme
    with _stage("translations", progress):
        translations: dict[str, Translations] = {}
        found: list[Problem] = []
        for code, lang in config.languages.items():
            translations[code], catalog_problems = load_translations(root, theme, lang.locale)
            found += catalog_problems
        envs = {
            code: environment(theme / "templates", code, lang.locale, translations[code], cache.folder(root, "jinja"))
            for code, lang in config.languages.items()
        }
        found += template_problems(envs[config.site.default_language], root, theme / "templates")
        raise_if_errors(found, strict)
    gettexts = {code: t.gettext for code, t in translations.items()}
    with Staging(out) as stage:
        drawing = charts.Drawing(charts.cache_folder(root))
        with drawing, _stage(f"charts ({len(site.indicators)})", progress):
            bundle = drawing.javascript_bundle()  # made beside the charts, the first time
            labels = _chart_labels(gettexts)
            folder = f"{FOLDER}/indicators"
            planned, jobs = charts.plan(site.indicators, labels, drawing, folder, config.site.chart_png)
            dashboards = _dashboard_charts(site, gettexts)
            drawn = drawing.draw(jobs | dict(dashboards.values()))
            del jobs
            stage.write("assets/vega-bundle.js", bundle())
        # No vl-convert from here on: the workers below are forked from this process.
        cited = site_citations(site)
        state = fingerprint.state_file(root, stage.out, ".indicators.pickle")
        with _stage(f"indicators ({len(site.indicators) * len(gettexts)} pages)", progress):
            shared = per_indicator.shared_key(
                fingerprint.code_and_theme(theme, config.path(config.site.content)),
                config.model_dump_json(),
                site.package.descriptor.read_bytes(),
                site.chapters,
                site.categories,
                cited,
            )
            previous = per_indicator.load(state, stage.out, fingerprint.stamp(stage.out))
            made = per_indicator.make(site, planned, drawing, gettexts, envs, cited, stage.path, shared, previous)
            stage.add(made.paths)
        with _stage("downloads", progress):
            published = publish(site, root, gettexts, cited, made.downloads, stage, revision)
            for path, (key, _) in dashboards.items():
                stage.write(path, drawing.svg(key))
        with _stage("pages", progress):
            pages = plan_pages(site, gettexts, published)
            links = render_pages(pages, envs, envs[config.site.default_language], stage.path) | made.links
            stage.add([page.path for page in pages])
            every_page = [(page.path, page.lang) for page in pages] + made.pages
            stage.write("sitemap.xml", sitemap(config, every_page))
            stage.write("robots.txt", robots(config))
            for rel, source in _static_files(theme).items():
                stage.copy(rel, source)
            for rel, source in _content_images(config.path(config.site.content)).items():
                stage.copy(rel, source)
            broken = broken_links(config.base_path, stage.written, links)
            found = document_link_problems(root, list(site.documents), config.base_path, broken)
            if broken and not found:
                raise RuntimeError(f"the theme wrote broken links: {broken[:5]}")
            raise_if_errors(found, strict)
        with _stage("search index and swap", progress):
            reused, page_count = made.reused, len(every_page)
            # The new tree keeps its inode and time through the swap: its stamp now is its stamp as `out`.
            per_indicator.save(state, fingerprint.stamp(stage.path), made.records)
            del made, links, pages, published, planned, previous, every_page  # the indexer needs the memory
            _release_memory()
            languages, kept = config.language_codes, cache.folder(root, "search")
            stage.commit(finish=lambda folder: search.index(folder, languages, kept))
    return BuildResult(page_count, len(stage.written), tuple(problems) + tuple(found), drawn, reused)


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


def _dashboard_charts(site: Site, gettexts: Mapping[str, Gettext]) -> dict[str, tuple[str, tuple[str, str, bool]]]:
    """The progress dashboard's chart in each language (indicators per category, by summary): path: (key, job)."""
    jobs = {}
    for lang, _ in gettexts.items():
        groups = [
            (
                category.name.get(lang),
                [
                    (summary, summary_label(summary, _), count.members)
                    for summary in SUMMARIES
                    for count in site.counts
                    if (count.scope, count.group_id, count.kind, count.summary)
                    == ("category", category.id, "indicator", summary)
                ],
            )
            for category in site.categories
        ]
        spec = charts.dashboard_spec(groups, _("Indicators by category and status"), _("Indicators"))
        jobs[f"{lang}/progress/chart.svg"] = charts.dashboard_job(spec)
    return jobs


def _content_images(content_folder: Path) -> dict[str, Path]:
    """Images staff put in content/images/, served from /images/ (for Markdown such as ![…](/images/map.png))."""
    folder = content_folder / "images"
    return {f"images/{p.relative_to(folder).as_posix()}": p for p in sorted(folder.rglob("*")) if p.is_file()}


def _static_files(theme: Path) -> dict[str, Path]:
    static = theme / "static"
    return {f"assets/{p.relative_to(static).as_posix()}": p for p in sorted(static.rglob("*")) if p.is_file()}
