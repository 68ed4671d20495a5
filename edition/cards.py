"""Indicator cards: one figure of the report, with its unit, qualifier, exactness, period, comparison and source;
or one verbal claim (a first, an ordinal), with its words, period and source.

Pure functions: an Indicator (or a Claim) and the link to its paragraph in, elements out. A card is kept out of
the search index by its grid; no element inside a grid is a <div>, because Material's search parser
ends an exclusion at the first closing tag of the excluded element's name.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from edition.html import E
from edition.indicators import Claim, Entry, Indicator, Period, number_as_written

# Where a qualifier stands relative to the number: 超2.3万家, 1000余家, 40%以上.
AFTER_NUMBER = {"余", "多"}
AFTER_UNIT = {"以上", "以下", "左右"}
EXACTNESS_KINDS = ("exact", "lower_bound", "upper_bound", "approximate")


def exactness_words(s: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each exactness in words, Chinese and English (data/edition.yml: exactness_<kind>, exactness_<kind>_en)."""
    return {kind: (s[f"exactness_{kind}"], s[f"exactness_{kind}_en"]) for kind in EXACTNESS_KINDS}


def render_value(ind: Entry) -> etree.Element:
    if isinstance(ind, Claim):
        return E("p", E("span", ind.word, class_="ic-number ic-word"), class_="ic-value")

    def qualifier():
        return E("span", ind.qualifier, class_="ic-qualifier")

    q = ind.qualifier
    return E(
        "p",
        qualifier() if q and q not in AFTER_NUMBER | AFTER_UNIT else None,
        E("span", ind.written_value, class_="ic-number"),
        qualifier() if q in AFTER_NUMBER else None,
        E("span", ind.unit, class_="ic-unit"),
        qualifier() if q in AFTER_UNIT else None,
        class_="ic-value",
    )


def render_exactness(ind: Entry, words: dict[str, tuple[str, str]] | None) -> etree.Element | None:
    """What the qualifier says about the number, in words: 下限 lower bound, 约数 approximate. Nothing for an
    exact number (most of them) or a claim."""
    if words is None or isinstance(ind, Claim) or ind.exactness == "exact":
        return None
    zh, en = words[ind.exactness]
    return E("p", zh, " ", E("span", en, lang="en"), class_="ic-exactness", data_exactness=ind.exactness)


def render_before_after_chart(before_label: str, before: float, after_label: str, after: float, unit: str) -> etree.Element:
    """Two horizontal bars, before and after, on one scale: inline SVG, no script."""
    widest, left, room = max(before, after) or 1, 64, 104
    summary = f"{before_label} {number_as_written(before)}{unit},{after_label} {number_as_written(after)}{unit}"
    svg = E("svg", E("title", summary), class_="ic-chart", viewBox="0 0 220 44", role="img", aria_label=summary)
    for y, label, value, kind in ((2, before_label, before, "before"), (24, after_label, after, "after")):
        width = max(1.0, room * value / widest)
        svg.append(E("text", label, x=0, y=y + 13, class_="ic-chart-label"))
        svg.append(E("rect", x=left, y=y + 2, width=f"{width:.1f}", height=14, rx=2, class_=f"ic-bar-{kind}"))
        svg.append(E("text", number_as_written(value), x=f"{left + width + 4:.1f}", y=y + 13, class_="ic-chart-value"))
    return svg


def render_comparison(ind: Indicator, before_label: str) -> etree.Element | None:
    """The comparison's words as the report writes them; a before/after chart for a baseline. Its kind (change
    over time, gap between two series, change in rank) is the element's class and `data-comparison`."""
    comparison = ind.comparison
    if comparison is None:
        return None
    chart = None
    if comparison.kind == "baseline":
        chart = render_before_after_chart(comparison.period or before_label, comparison.value, ind.period, ind.value, comparison.unit)
    kind = comparison.kind.replace("_", "-")
    return E("p", chart, E("span", comparison.text), class_=f"ic-comparison ic-{kind}", data_comparison=comparison.kind)


def render_indicator_card(ind: Entry, source_href: str, source_label: str = "原文", before_label: str = "此前",
                          period: Period | None = None, exactness: dict[str, tuple[str, str]] | None = None) -> etree.Element:
    """One card. `source_href` links to the paragraph that states the figure; the labels come from data/edition.yml
    (`exactness`: `exactness_words(strings)`), the period's English and kind from data/periods.yml."""
    claim = isinstance(ind, Claim)
    return E(
        "figure",
        render_value(ind),
        E("figcaption", ind.label, E("span", ind.label_en, class_="ic-label-en", lang="en"), class_="ic-label"),
        render_exactness(ind, exactness),
        E("p", ind.period, *([" ", E("span", period.en, class_="ic-period-en", lang="en")] if period else []),
          class_="ic-period", data_period_kind=period.kind if period else None),
        None if claim else render_comparison(ind, before_label),
        E("p", f"“{ind.quote}”", class_="ic-quote"),
        E("a", f"{source_label} {ind.paragraph}", class_="ic-source", href=source_href, data_paragraph=ind.paragraph),
        class_="ic-card ic-claim" if claim else "ic-card", id=f"ic-{ind.id}", data_indicator=ind.id,
    )


def render_card_grid(cards: list[etree.Element]) -> etree.Element:
    """Cards side by side: an addition of the edition (class ed), kept out of the search index."""
    return E("div", *cards, class_="ed ic-grid", data_search_exclude="")


def render_card_fold(ids: list[str], summary: str, dashboard_href: str, link_label: str,
                     paragraph: str | None = None) -> etree.Element:
    """A paragraph's figures behind one line (`<details>`). The cards themselves are on the data page: the
    page's script brings them in when the line opens; without it, the line opens on a link to them there.
    The script finds them by their paragraph (each card's source link names it) or, for another choice, by id."""
    return E("details", E("summary", summary), E("p", E("a", link_label, href=dashboard_href)),
             class_="ed ic-fold", data_paragraph=paragraph, data_cards=None if paragraph else " ".join(ids),
             data_search_exclude="")
