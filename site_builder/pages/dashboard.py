"""Dashboard: the progress overview's counts — for the whole plan, per category and per chapter — from the
DuckDB aggregate the site model carries."""

from __future__ import annotations

from collections.abc import Mapping

from site_builder.charts import drawing
from site_builder.i18n import Gettext
from site_builder.model.site import Site
from site_builder.pages.chrome import Chrome
from site_builder.pages.contexts import DashboardContext, GroupCounts, StatusRow, SummaryCount
from site_builder.pages.wording import OUTCOMES, SUMMARIES, outcome_label, summary_label
from site_builder.urls import Urls

CHART = "progress/chart.svg"  # the progress page's chart, in each language


def summary_counts(
    site: Site, _: Gettext, scope: str, group_id: str, kind: str, final: bool = False
) -> tuple[SummaryCount, ...]:
    """How many indicators (or commitments) of one group stand in each summary status, in the order shown, and how
    many of those rest on an interim value (labelled as such wherever the count is shown). `final`: in a final
    assessment's groups instead (met, not met, awaiting final data, no data, not yet due), which say themselves
    what they rest on."""
    scheme, shown, label_of = ("final", OUTCOMES, outcome_label) if final else ("progress", SUMMARIES, summary_label)
    where = (scope, group_id, kind, scheme)
    found = {c.summary: c for c in site.counts if (c.scope, c.group_id, c.kind, c.scheme) == where}
    counts = []
    for summary in shown:
        count = found.get(summary)
        members, interim = (count.members, count.interim) if count else (0, 0)
        label = _("%(count)s on an interim value") % {"count": interim} if interim and not final else ""
        counts.append(SummaryCount(summary, label_of(summary, _), members, interim, label))
    return tuple(counts)


def group_counts(site: Site, _: Gettext, scope: str, group_id: str, label: str, link: str, final: bool) -> GroupCounts:
    """One group's counts (the plan, a category, a chapter), of indicators and of commitments."""
    return GroupCounts(
        label,
        link,
        summary_counts(site, _, scope, group_id, "indicator", final),
        summary_counts(site, _, scope, group_id, "commitment", final),
    )


def dashboard_context(
    site: Site, lang: str, _: Gettext, url: Urls, chrome: Chrome, rows: tuple[StatusRow, ...]
) -> DashboardContext:
    def counts(scope: str, group_id: str, label: str, link: str) -> GroupCounts:
        return group_counts(site, _, scope, group_id, label, link, final=False)

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
