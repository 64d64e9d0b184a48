"""Dashboard: the progress overview's counts — for the whole plan, per category and per chapter — from the
DuckDB aggregate the site model carries."""

from __future__ import annotations

from collections.abc import Mapping

from site_builder.charts import drawing
from site_builder.i18n import Gettext
from site_builder.model.site import Site
from site_builder.pages.chrome import Chrome
from site_builder.pages.contexts import DashboardContext, GroupCounts, StatusRow, SummaryCount
from site_builder.pages.wording import SUMMARIES, summary_label
from site_builder.urls import Urls

CHART = "progress/chart.svg"  # the progress page's chart, in each language


def summary_counts(site: Site, _: Gettext, scope: str, group_id: str, kind: str) -> tuple[SummaryCount, ...]:
    """How many indicators (or commitments) of one group stand in each summary status, in the order shown, and how
    many of those rest on an interim value (labelled as such wherever the count is shown)."""
    found = {c.summary: c for c in site.counts if (c.scope, c.group_id, c.kind) == (scope, group_id, kind)}
    counts = []
    for summary in SUMMARIES:
        count = found.get(summary)
        members, interim = (count.members, count.interim) if count else (0, 0)
        label = _("%(count)s on an interim value") % {"count": interim} if interim else ""
        counts.append(SummaryCount(summary, summary_label(summary, _), members, interim, label))
    return tuple(counts)


def dashboard_context(
    site: Site, lang: str, _: Gettext, url: Urls, chrome: Chrome, rows: tuple[StatusRow, ...]
) -> DashboardContext:
    def counts(scope: str, group_id: str, label: str, link: str) -> GroupCounts:
        return GroupCounts(
            label,
            link,
            summary_counts(site, _, scope, group_id, "indicator"),
            summary_counts(site, _, scope, group_id, "commitment"),
        )

    return DashboardContext(
        chrome,
        counts("plan", "plan", _("The whole plan"), url.page("indicators/")),
        tuple(
            counts("category", c.id, c.name.get(lang), url.page(f"indicators/#category-{c.id}"))
            for c in site.categories
        ),
        tuple(counts("chapter", c.id, c.title.get(lang), url.chapter(c.id)) for c in site.chapters),
        rows,
        url.page(CHART),
        url.page("methodology/"),
        tuple((s, summary_label(s, _)) for s in SUMMARIES),
        url.page("report/"),
    )


def dashboard_charts(site: Site, gettexts: Mapping[str, Gettext]) -> dict[str, tuple[str, tuple[str, str, bool]]]:
    """The progress page's chart in each language (indicators per category, by summary): path: (key, drawing job)."""
    jobs = {}
    for lang, _ in gettexts.items():
        groups = [
            (
                category.name.get(lang),
                [(c.summary, c.label, c.count) for c in summary_counts(site, _, "category", category.id, "indicator")],
            )
            for category in site.categories
        ]
        spec = drawing.dashboard_spec(groups, _("Indicators by category and status"), _("Indicators"))
        jobs[Urls("", lang).page(CHART)] = drawing.dashboard_job(spec)
    return jobs
