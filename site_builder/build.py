"""Build: the whole pipeline, one stage after another — config, datasets, warehouse, content, model, charts, pages, output."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from babel.support import Translations

from site_builder import charts, content, search, warehouse
from site_builder.config import load_config
from site_builder.datasets import validate_package
from site_builder.i18n import load_translations
from site_builder.links import broken_links, document_link_problems
from site_builder.output import write_atomically
from site_builder.pages import plan_pages
from site_builder.problems import Problem, raise_if_errors
from site_builder.publication import publish
from site_builder.render import environment, render_pages
from site_builder.site import Site, build_site, commitment_marks
from site_builder.sitemap import robots, sitemap
from site_builder.wording import SUMMARIES, summary_label

Progress = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class BuildResult:
    pages: int
    files: int
    warnings: tuple[Problem, ...]


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
    with _stage("datasets", progress):
        package = validate_package(root, config.site.datapackage)
    with _stage("warehouse", progress):
        db = warehouse.load(package)
        problems = warehouse.missing_translations(db, package, config.language_codes)
        problems += warehouse.unusable_rows(db, package)
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
        raise_if_errors(found, strict)
    with _stage(f"charts ({len(site.indicators) * len(translations)})", progress):
        rendered = _charts(site, translations, charts.cache_folder(root))
    gettexts = {code: t.gettext for code, t in translations.items()}
    with _stage("downloads", progress):
        published = publish(site, root, rendered, gettexts, revision)
    with _stage("pages", progress):
        pages = plan_pages(site, rendered, gettexts, published)
        envs = {
            code: environment(theme / "templates", code, lang.locale, translations[code])
            for code, lang in config.languages.items()
        }
        files = render_pages(pages, envs, envs[config.site.default_language])
        files.update({chart.file: chart.svg.encode("utf-8") for chart in rendered.values()})
        files.update({chart.spec_file: chart.spec.encode("utf-8") for chart in rendered.values()})
        files.update(_dashboard_charts(site, translations, charts.cache_folder(root)))
        files.update({"sitemap.xml": sitemap(config, pages), "robots.txt": robots(config)})
        files.update({d.path: d.data for d in published.downloads} | dict(published.files))
        broken = broken_links(config.base_path, files)
        found = document_link_problems(list(site.documents), config.base_path, broken)
        if broken and not found:
            raise RuntimeError(f"the theme wrote broken links: {broken[:5]}")
        raise_if_errors(found, strict)
        files["assets/vega-bundle.js"] = charts.javascript_bundle(charts.cache_folder(root)).encode("utf-8")
    with _stage("write and index", progress):
        copies = _static_files(theme) | {
            "downloads/progress.sql": config.path(config.site.datapackage).parent / "sql/progress.sql"
        }
        write_atomically(out, files, copies, finish=search.index)
    return BuildResult(len(pages), len(files) + len(copies), tuple(problems) + tuple(found))


def _charts(site: Site, translations: dict[str, Translations], cache: Path) -> dict[tuple[str, str], charts.Chart]:
    result = {}
    for lang, t in translations.items():
        _ = t.gettext
        labels = charts.ChartLabels(_("Published value"), _("Target"), _("2035 vision"), _("Year"), _("No data"))
        for indicator in site.indicators:
            result[(indicator.id, lang)] = charts.render(indicator, lang, labels, cache)
    return result


def _dashboard_charts(site: Site, translations: dict[str, Translations], cache: Path) -> dict[str, bytes]:
    """The progress dashboard's chart in each language: indicators per category, by summary."""
    files = {}
    for lang, t in translations.items():
        _ = t.gettext
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
        files[f"{lang}/progress/chart.svg"] = charts.svg(spec, cache).encode("utf-8")
    return files


def _static_files(theme: Path) -> dict[str, Path]:
    static = theme / "static"
    return {f"assets/{p.relative_to(static).as_posix()}": p for p in sorted(static.rglob("*")) if p.is_file()}
