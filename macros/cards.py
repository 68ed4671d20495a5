"""Indicator cards: one figure of the report, with its unit, qualifier, period, comparison and source.

Pure functions: an Indicator and the link to its paragraph in, HTML out. Every string from
data is escaped here, so a label holding `<script>` renders as text.
"""

from __future__ import annotations

from html import escape

from hooks.registry import Indicator, number_as_written

# Where a qualifier stands relative to the number: 超2.3万家, 1000余家, 40%以上.
AFTER_NUMBER = {"余", "多"}
AFTER_UNIT = {"以上", "以下", "左右"}


def render_value(ind: Indicator) -> str:
    qualifier = f'<span class="ic-qualifier">{escape(ind.qualifier)}</span>'
    before = qualifier if ind.qualifier and ind.qualifier not in AFTER_NUMBER | AFTER_UNIT else ""
    after_number = qualifier if ind.qualifier in AFTER_NUMBER else ""
    after_unit = qualifier if ind.qualifier in AFTER_UNIT else ""
    return (
        f'<div class="ic-value">{before}<span class="ic-number">{escape(ind.written_value)}</span>'
        f'{after_number}<span class="ic-unit">{escape(ind.unit)}</span>{after_unit}</div>'
    )


def render_before_after_chart(before_label: str, before: float, after_label: str, after: float, unit: str) -> str:
    """Two horizontal bars, before and after, on one scale: inline SVG, no script."""
    widest, left, room = max(before, after) or 1, 64, 104
    rows = []
    for y, label, value, kind in ((2, before_label, before, "before"), (24, after_label, after, "after")):
        width = max(1.0, room * value / widest)
        rows.append(
            f'<text x="0" y="{y + 13}" class="ic-chart-label">{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 2}" width="{width:.1f}" height="14" rx="2" class="ic-bar-{kind}"/>'
            f'<text x="{left + width + 4:.1f}" y="{y + 13}" class="ic-chart-value">{escape(number_as_written(value))}</text>'
        )
    summary = f"{before_label} {number_as_written(before)}{unit},{after_label} {number_as_written(after)}{unit}"
    return (
        f'<svg class="ic-chart" viewBox="0 0 220 44" role="img" aria-label="{escape(summary)}">'
        f'<title>{escape(summary)}</title>{"".join(rows)}</svg>'
    )


def render_comparison(ind: Indicator) -> str:
    comparison = ind.comparison
    if comparison is None:
        return ""
    chart = ""
    if comparison.kind == "baseline":
        chart = render_before_after_chart(
            comparison.period or "此前", comparison.value, ind.period, ind.value, comparison.unit
        )
    return f'<div class="ic-comparison ic-{comparison.kind}">{chart}<span>{escape(comparison.text)}</span></div>'


def render_indicator_card(ind: Indicator, source_href: str) -> str:
    """One card. `source_href` links to the paragraph that states the figure."""
    return (
        f'<figure class="ic-card" id="ic-{escape(ind.id)}" data-indicator="{escape(ind.id)}">'
        f"{render_value(ind)}"
        f'<figcaption class="ic-label">{escape(ind.label)}'
        f'<span class="ic-label-en" lang="en">{escape(ind.label_en)}</span></figcaption>'
        f'<div class="ic-period">{escape(ind.period)}</div>'
        f"{render_comparison(ind)}"
        f'<p class="ic-quote">“{escape(ind.quote)}”</p>'
        f'<a class="ic-source" href="{escape(source_href)}" data-paragraph="{escape(ind.paragraph)}">原文 {escape(ind.paragraph)}</a>'
        f"</figure>"
    )


def render_card_grid(cards: list[str]) -> str:
    """Cards side by side: an addition of the edition (class ed), kept out of the search index."""
    return f'<div class="ed ic-grid" data-search-exclude>{"".join(cards)}</div>'
