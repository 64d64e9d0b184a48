"""Dashboard: the progress overview's counts — for the whole plan, per category and per chapter — from the
DuckDB aggregate the site model carries."""

from __future__ import annotations

from site_builder.chrome import Chrome, Gettext, Urls
from site_builder.contexts import DashboardContext, GroupCounts, StatusRow, SummaryCount
from site_builder.site import Site
from site_builder.wording import SUMMARIES, summary_label


def dashboard_context(
    site: Site, lang: str, _: Gettext, url: Urls, chrome: Chrome, rows: tuple[StatusRow, ...]
) -> DashboardContext:
    def counts(scope: str, group_id: str, label: str, link: str) -> GroupCounts:
        def of(kind: str) -> tuple[SummaryCount, ...]:
            found = {
                c.summary: c.members for c in site.counts if (c.scope, c.group_id, c.kind) == (scope, group_id, kind)
            }
            return tuple(SummaryCount(s, summary_label(s, _), found.get(s, 0)) for s in SUMMARIES)

        return GroupCounts(label, link, of("indicator"), of("commitment"))

    return DashboardContext(
        chrome,
        counts("plan", "plan", _("The whole plan"), url.page("indicators/")),
        tuple(
            counts("category", c.id, c.name.get(lang), url.page(f"indicators/#category-{c.id}"))
            for c in site.categories
        ),
        tuple(counts("chapter", c.id, c.title.get(lang), url.chapter(c.id)) for c in site.chapters),
        rows,
        url.page("progress/chart.svg"),
        url.page("methodology/"),
        tuple((s, summary_label(s, _)) for s in SUMMARIES),
    )
