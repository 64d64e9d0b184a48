"""Readme: the text that travels with the downloads — what each file holds, sources, method, licence,
citation — in Chinese first, then English, with words from the same catalogs as the pages."""

from __future__ import annotations

from collections.abc import Mapping

from site_builder.i18n import Gettext, format_quantity, written_comparator
from site_builder.model.entities import Indicator
from site_builder.model.site import Site
from site_builder.opendata.citation import Citation


def package_readme(site: Site, gettexts: Mapping[str, Gettext], cited: tuple[Citation, ...]) -> str:
    package = site.package
    parts = ["".join(f"# {package.title_in(lang)}\n" for lang in gettexts)]
    for lang, _ in gettexts.items():
        parts.append("## " + _("About this package") + "\n")
        words = {"licence": site.config.site.licence, "url": site.config.site.licence_url}
        if package.version:
            about = _("Version %(version)s, made on %(date)s. Licence: %(licence)s (%(url)s).")
            words |= {"version": package.version, "date": package.created[:10]}
        else:
            about = _(
                "Not yet published: the next release of the data, numbered and dated when it goes live. "
                "Licence: %(licence)s (%(url)s)."
            )
        parts.append(about % words)
        parts.append(
            "\n"
            + _(
                "It passes Frictionless validation: run `frictionless validate datapackage.json`; "
                "the report of the site's own check is validation-report.json."
            )
            + "\n"
        )
        if lang != site.config.site.default_language:
            parts.append(
                "\n"
                + _(
                    "The texts in this language are an unofficial translation; the Chinese texts are "
                    "authoritative (the plan was issued in Chinese)."
                )
                + "\n"
            )
        parts.append("### " + _("Files") + "\n")
        parts.append("| " + _("File") + " | " + _("What it holds") + " |\n|---|---|")
        for table in package.tables:
            about = _("%(title)s: %(text)s") % {"title": table.title_in(lang), "text": table.description_in(lang)}
            parts.append(f"| {table.path.name} | {about} |")
        parts.append("| sql/progress.sql | " + _("The progress method, in SQL (DuckDB)") + " |\n")
        parts.append("### " + _("Sources") + "\n")
        parts.append(_("Every value names its source in sources.csv; no value is estimated. Sources used:") + "\n")
        publishers = sorted({o.source.publisher.get(lang) for i in site.indicators for o in i.observations})
        parts += [f"- {p}" for p in publishers]
        parts.append("\n### " + _("How progress is assessed") + "\n")
        parts.append(method_note(_) + "\n")
        parts.append("### " + _("How to cite") + "\n")
        parts += how_to_cite(cited, lang)
    return "\n".join(parts) + "\n"


def method_note(_: Gettext) -> str:
    return _(
        "Each status compares the latest published value with the straight path from the baseline to the "
        "target: on track when at least 95% of the expected progress is made, needs acceleration from 50%, off "
        "track below that. After the target year, earlier values are interim. The SQL in sql/progress.sql "
        "computes every status; the site's method page explains it."
    )


def how_to_cite(cited: tuple[Citation, ...], lang: str) -> list[str]:
    """The citations as Markdown lines, dated when this version of the data was made (a README has no script to
    put in the reader's day): each style once, BibTeX in `lang`."""
    lines = [f"- {c.style}: {c.text}" for c in cited if c.style != "BibTeX"]
    lines += [f"- BibTeX:\n\n```bibtex\n{c.text}\n```" for c in cited if c.style == "BibTeX" and c.lang == lang]
    return [*lines, ""]


def story_kit_note(indicator: Indicator, gettexts: Mapping[str, Gettext], cited: tuple[Citation, ...]) -> str:
    """The README of an indicator's story kit: what it is, its baseline, target and latest value, the files, the
    method and how to cite it, in each language (numbers written as its language writes them)."""
    parts = []
    for lang, _ in gettexts.items():
        unit, target = indicator.unit.get(lang), indicator.target
        parts.append(f"# {indicator.name.get(lang)}\n")
        if unit:
            parts.append(_("Unit: %(unit)s") % {"unit": unit} + "\n")
        if indicator.baseline_value is not None:
            baseline = format_quantity(indicator.baseline_value, unit, lang)
            parts.append(
                "- " + _("Baseline (%(year)s): %(value)s") % {"year": indicator.baseline_year, "value": baseline}
            )
        written = target.text.get(lang)
        goal = (
            format_quantity(target.value, unit, lang, None, written_comparator(written))
            if target.basis == "absolute"
            else written
        )
        parts.append("- " + _("Target (%(year)s): %(value)s") % {"year": target.year, "value": goal})
        if indicator.latest is not None:
            latest = format_quantity(indicator.latest.value, unit, lang, indicator.decimals)
            parts.append(
                "- "
                + _("Latest published value (%(year)s): %(value)s") % {"year": indicator.latest.year, "value": latest}
            )
        parts.append(
            "\n"
            + _(
                "Files: the series as CSV (UTF-8), as CSV for Excel (UTF-8 with a byte-order mark, which Excel on "
                "Chinese Windows opens correctly) and as an Excel workbook (.xlsx), each row with the indicator's "
                "name, unit, baseline and target and the value's source and quote; the same as JSON; and the chart "
                "as images. In both CSV files a text that a spreadsheet would run as a formula (starting with =, +, "
                "-, @, a tab or a carriage return) starts with an apostrophe, and in the workbook every text is a "
                "text cell; the JSON keeps every text as published."
            )
            + "\n"
        )
        parts.append("## " + _("How progress is assessed") + "\n\n" + method_note(_) + "\n")
        parts.append("## " + _("How to cite") + "\n")
        parts += how_to_cite(cited, lang)
    return "\n".join(parts) + "\n"
