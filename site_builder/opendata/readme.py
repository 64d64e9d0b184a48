"""Readme: the text that travels with the downloads — what each file holds, sources, method, licence,
citation — in Chinese first, then English, with words from the same catalogs as the pages."""

from __future__ import annotations

from collections.abc import Mapping

from site_builder.i18n import Gettext
from site_builder.model.entities import Indicator
from site_builder.model.site import Site
from site_builder.opendata.citation import ACCESS_DATE, Citation


def package_readme(site: Site, gettexts: Mapping[str, Gettext], cited: tuple[Citation, ...]) -> str:
    package = site.package
    parts = [f"# {package.title_zh}\n# {package.title}\n"]
    for lang, _ in gettexts.items():
        parts.append("## " + _("About this package") + "\n")
        parts.append(
            _("Version %(version)s, made on %(date)s. Licence: %(licence)s (%(url)s).")
            % {
                "version": package.version,
                "date": package.created[:10],
                "licence": site.config.site.licence,
                "url": site.config.site.licence_url,
            }
        )
        parts.append(
            "\n"
            + _(
                "It passes Frictionless validation: run `frictionless validate datapackage.json`; "
                "the report of the site's own check is validation-report.json."
            )
            + "\n"
        )
        parts.append("### " + _("Files") + "\n")
        parts.append("| " + _("File") + " | " + _("What it holds") + " |\n|---|---|")
        for table in package.tables:
            title, text = (table.title_zh, table.description_zh) if lang == "zh" else (table.title, table.description)
            parts.append(f"| {table.path.name} | {title}{'：' if lang == 'zh' else ': '}{text} |")
        parts.append("| sql/progress.sql | " + _("The progress method, in SQL (DuckDB)") + " |\n")
        parts.append("### " + _("Sources") + "\n")
        parts.append(_("Every value names its source in sources.csv; no value is estimated. Sources used:") + "\n")
        publishers = sorted({o.source.publisher.get(lang) for i in site.indicators for o in i.observations})
        parts += [f"- {p}" for p in publishers]
        parts.append("\n### " + _("How progress is assessed") + "\n")
        parts.append(method_note(_) + "\n")
        parts.append("### " + _("How to cite") + "\n")
        parts += [f"- {c.style}: {c.text.replace(ACCESS_DATE, _('date of access'))}" for c in cited]
        parts.append("")
    return "\n".join(parts) + "\n"


def method_note(_: Gettext) -> str:
    return _(
        "Each status compares the latest published value with the straight path from the baseline to the "
        "target: on track when at least 95% of the expected progress is made, needs acceleration from 50%, off "
        "track below that. After the target year, earlier values are interim. The SQL in sql/progress.sql "
        "computes every status; the site's method page explains it."
    )


def story_kit_note(indicator: Indicator, gettexts: Mapping[str, Gettext], cited: tuple[Citation, ...]) -> str:
    parts = []
    for lang, _ in gettexts.items():
        parts.append(f"# {indicator.name.get(lang)}\n")
        if indicator.unit.get(lang):
            parts.append(_("Unit: %(unit)s") % {"unit": indicator.unit.get(lang)} + "\n")
        parts.append(
            _(
                "Files: the series as CSV and JSON (with baseline, target and sources), and the chart as an "
                "image. The chart shows numbers only: its title and unit are the ones given here."
            )
            + "\n"
        )
        parts.append("## " + _("How progress is assessed") + "\n\n" + method_note(_) + "\n")
        parts.append("## " + _("How to cite") + "\n")
        parts += [f"- {c.style}: {c.text.replace(ACCESS_DATE, _('date of access'))}" for c in cited]
        parts.append("")
    return "\n".join(parts) + "\n"
