"""Quality: what the site says about values that are missing, interim, excluded or differently defined — the
data-quality page, and the part of each indicator page that says who publishes it and what was found but not used."""

from __future__ import annotations

from site_builder.i18n import Gettext, data_version, format_number
from site_builder.model.entities import Excluded, Indicator
from site_builder.model.site import Site
from site_builder.pages.chrome import Chrome, Link
from site_builder.pages.contexts import DiffersView, ExcludedView, IndicatorAbout, QualityContext
from site_builder.pages.wording import direction_label, reason_label, searched_label
from site_builder.urls import Urls


def indicator_about(indicator: Indicator, lang: str, locale: str, _: Gettext) -> IndicatorAbout:
    return IndicatorAbout(
        direction_label(indicator.direction, _),
        searched_label(indicator.searched, locale, _),
        indicator.responsible.get(lang) or _("Not known"),
        indicator.publication.get(lang) or _("Not known"),
        tuple(excluded_view(e, lang, locale, _) for e in indicator.excluded),
    )


def excluded_view(excluded: Excluded, lang: str, locale: str, _: Gettext) -> ExcludedView:
    return ExcludedView(
        excluded.period,
        format_number(excluded.value, _decimals(excluded.value), locale),  # as the source wrote it, no more
        reason_label(excluded.reason, _),
        excluded.source_title,
        excluded.source_url,
        excluded.quote,
        excluded.note.get(lang),
    )


def quality_context(site: Site, lang: str, locale: str, _: Gettext, url: Urls, chrome: Chrome) -> QualityContext:
    """The data-quality page: every number comes from the validation report or the warehouse (site.quality)."""
    q = site.quality

    def link(indicator: Indicator) -> Link:
        return Link(f"{indicator.number} {indicator.name.get(lang)}", url.indicator(indicator.id))

    version, day = data_version(q.version, q.created.isoformat() if q.created else "", locale, _)
    words = {"version": version, "date": day, "errors": q.errors, "tables": len(q.tables)}
    if q.valid:
        validated = _("Data version %(version)s (%(date)s): all %(tables)s tables passed, with no error.") % words
    else:
        validated = _("Data version %(version)s (%(date)s): %(errors)s errors.") % words
    summary = _(
        "Of the %(indicators)s indicators, %(without)s have no published value found since the baseline, "
        "%(interim)s are judged on an interim value (one from before the target year) and %(final)s on a value "
        "for the target year."
    ) % {"indicators": q.indicators, "without": q.without_value, "interim": q.interim, "final": q.final}
    return QualityContext(
        chrome,
        q,
        validated,
        tuple((link(i), excluded_view(e, lang, locale, _)) for i in site.indicators for e in i.excluded),
        tuple(
            DiffersView(link(i), o.year, format_number(o.value, i.decimals, locale), o.note.get(lang))
            for i in site.indicators
            for o in i.observations
            if o.definition_differs
        ),
        tuple(link(i) for i in site.indicators if i.latest is None),
        summary,
        url.page("data/"),
    )


def _decimals(value: float) -> int:
    """The decimals a value has (66.0 → 0, 99.31 → 2): shown as found, never padded to the indicator's precision."""
    text = repr(float(value))
    return 0 if float(value).is_integer() or "e" in text else len(text.split(".")[1])
