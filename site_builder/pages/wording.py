"""Wording: the words a reader sees for a progress status, an indicator's target, and its one-sentence summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_skeleton

from site_builder.i18n import Gettext, format_quantity, written_comparator
from site_builder.model.entities import Indicator, Progress, Target

SUMMARIES = ("achieved", "on_track", "behind", "no_data")  # the progress page's groups (progress.sql: summary)
OUTCOMES = ("met", "not_met", "awaiting_final", "no_data", "not_due")  # a final assessment's (progress.sql: outcome)
ICONS = {"achieved": "✓", "on_track": "↗", "behind": "!", "no_data": "○"}


@dataclass(frozen=True, slots=True)
class Badge:
    """A judgement as icon and words, never colour alone; `summary` picks the colour. The label is what a reader
    needs (for a status awaiting final data: where the latest value stands); `basis` says whether it is final."""

    summary: str
    icon: str
    label: str
    basis: str  # final, interim or none (no value to judge)
    basis_label: str  # "Final" or "Interim", or "" for none
    detail: str  # the value the judgement rests on, and what is still awaited; else ""


def status_label(status: str, _: Gettext) -> str:
    labels = {
        "met": _("Target met"),
        "not_met": _("Target not met"),
        "awaiting_final": _("Awaiting final data"),
        "achieved": _("Target already reached"),
        "on_track": _("On track"),
        "needs_acceleration": _("Needs acceleration"),
        "off_track": _("Off track"),
        "no_data": _("No data since baseline"),
        "not_assessable": _("Not assessable"),
    }
    return labels[status]


def summary_label(summary: str, _: Gettext) -> str:
    labels = {"achieved": _("Achieved"), "on_track": _("On track"), "behind": _("Behind"), "no_data": _("No data")}
    return labels[summary]


def outcome_label(outcome: str, _: Gettext) -> str:
    """The words for what a final assessment counts (the column outcome of progress.sql)."""
    labels = {
        "met": _("Target met"),
        "not_met": _("Target not met"),
        "awaiting_final": _("Awaiting final data"),
        "no_data": _("No data"),
        "not_due": _("Not yet due"),
    }
    return labels[outcome]


def badge(progress: Progress, _: Gettext, commitment: bool = False) -> Badge:
    """The judgement first: for a status awaiting final data, where the latest (interim) value stands."""
    year, target_year = progress.latest_year, progress.target_year
    # A commitment has no baseline: "no data since baseline" would not make sense to a reader.
    if commitment and progress.status == "no_data":
        label = _("No progress reported")
    else:
        label = status_label(progress.interim or progress.status, _)
    icon, words = ICONS[progress.summary], {"year": year, "target_year": target_year}
    if year is None:
        return Badge(progress.summary, icon, label, "none", "", "")
    if progress.final:
        return Badge(progress.summary, icon, label, "final", _("Final"), _("on the %(year)s value") % words)
    if progress.status == "awaiting_final":
        detail = _("on the %(year)s value; the %(target_year)s value has not been published") % words
    else:
        detail = _("on the %(year)s value; the target year is %(target_year)s") % words
    return Badge(progress.summary, icon, label, "interim", _("Interim"), detail)


def direction_label(direction: str, _: Gettext) -> str:
    labels = {"increase": _("Higher is better"), "decrease": _("Lower is better"), "maintain": _("Hold at the target")}
    return labels[direction]


def reason_label(reason: str, _: Gettext) -> str:
    """Why a value found in a source is not used (excluded_observations.csv, column reason)."""
    labels = {
        "aggregator": _("From a third-party aggregator that names no official source"),
        "half_year": _("A half-year figure, not an annual one"),
        "definition_differs": _("Measures something other than the plan's indicator"),
    }
    return labels[reason]


def searched_label(searched: str | None, locale: str, _: Gettext) -> str:
    """The words for when values were last searched for (2026-11 in the data), the month as the locale writes it."""
    if searched is None:
        return _("Last searched: unknown")
    year, month = (int(part) for part in searched.split("-"))
    words = format_skeleton("yMMMM", date(year, month, 1), locale=locale)
    return _("Last searched: %(month)s") % {"month": words}


def target_words(target: Target, unit: str, lang: str, locale: str) -> str:
    """A target as the plan writes it, with its unit in this language: "90%以上" and "≥ 90%" for "≥90", "200,000
    people" for 20 (10,000 people); a target relative to the baseline ("50% lower than in 2020") in the plan's words."""
    if target.basis != "absolute":
        return target.text.get(lang)
    return format_quantity(target.value, unit, locale, None, written_comparator(target.text.get(lang)))


def sentence(indicator: Indicator, lang: str, locale: str, _: Gettext) -> str:
    """One sentence: the latest value and how far it is from the target, with numbers and units as the locale
    writes them."""
    unit = indicator.unit.get(lang)
    target: dict[str, object] = {
        "target_year": indicator.target.year,
        "target": target_words(indicator.target, unit, lang, locale),
    }
    latest = indicator.latest
    if latest is None:
        if indicator.baseline_value is None:
            return _("The plan gives no baseline, and no published value has been found.")
        return _("%(value)s in %(year)s (the baseline); no published value has been found since.") % {
            "value": format_quantity(indicator.baseline_value, unit, locale),
            "year": indicator.baseline_year,
        }
    value: dict[str, object] = {
        "value": format_quantity(latest.value, unit, locale, indicator.decimals),
        "year": latest.year,
    }
    if indicator.progress.summary == "achieved":
        return _("%(value)s in %(year)s, meeting the %(target_year)s target of %(target)s.") % (value | target)
    # the difference of two percentages is in percentage points ("12.2个百分点"), not a percentage
    gap_unit = _("percentage points") if unit == "%" else unit
    gap = format_quantity(abs(indicator.target.absolute - latest.value), gap_unit, locale, indicator.decimals)
    words = value | target | {"gap": gap}
    if indicator.progress.actual_share is not None and indicator.progress.actual_share < 0:
        return (
            _(
                "%(value)s in %(year)s, %(gap)s short of the %(target_year)s target of %(target)s, "
                "and further from it than at the baseline."
            )
            % words
        )
    return _("%(value)s in %(year)s, %(gap)s short of the %(target_year)s target of %(target)s.") % words
