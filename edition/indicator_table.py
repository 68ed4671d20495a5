"""The data page's table: every figure and claim in one row (theme, label, value as the report writes it with its
unit and qualifier, exactness, value in base units, period, source paragraph).

Pure functions: indicators, links and strings in, elements out. The table reads as it is without a script;
docs/javascripts/indicator-table.js (loaded only on a page that holds the table) sorts it by a column, filters
it by text and theme and switches between it and the cards. The script only reorders and hides the rows built
here and reads their text and data attributes (`data-sort`: the key a column sorts by where it is not the cell's
text; empty for a claim, which has no number and sorts last either way); the controls it needs are built here,
`hidden` until it runs.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Callable

from edition.cards import AFTER_NUMBER, AFTER_UNIT, exactness_words
from edition.html import E, bilingual
from edition.indicators import Claim, Entry, Period, number_text

SCRIPT = "javascripts/indicator-table.js"
MARKER = "data-ic-table"  # the table's attribute: a page holding it loads SCRIPT (hooks/events.py)
# column -> (its heading in data/edition.yml strings, how it sorts: number, or text by the reader's collation)
COLUMNS = {
    "theme": ("figures_col_theme", "text"),
    "label": ("figures_col_label", "text"),
    "value": ("figures_col_value", "number"),  # 超2.3万家, as written; sorts by the value in base units: 9.4件 before 79.8万件
    "exactness": ("figures_col_exactness", "text"),
    "base": ("figures_col_base", "number"),
    "period": ("figures_col_period", "text"),
    "source": ("figures_col_source", "number"),
}


def needs_script(html: str) -> bool:
    """Whether a rendered page holds the table (and so needs SCRIPT)."""
    return f'{MARKER}=""' in html


def grouped(value: int | float) -> str:
    """798000 -> '798,000': the base value for reading (data-sort and the downloads keep plain digits)."""
    whole, _, fraction = number_text(value).partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def written(ind: Entry) -> list:
    """The value as the report writes it, its qualifier where the report puts it: 超2.3万家, 1000余家, 40%以上."""
    if isinstance(ind, Claim):
        return [ind.word]
    q, unit = ind.qualifier, E("span", ind.unit, class_="ic-t-unit")
    return [q if q and q not in AFTER_NUMBER | AFTER_UNIT else "", ind.written_value, q if q in AFTER_NUMBER else "",
            unit, q if q in AFTER_UNIT else ""]


def render_row(ind: Entry, order: int, source_href: str, period: Period | None, theme_rank: int,
               exactness: dict[str, tuple[str, str]]) -> etree.Element:
    """One figure or claim. The theme sorts in the edition's order of themes, the source in the report's order,
    the value and the base value by the value in base units."""
    claim = isinstance(ind, Claim)
    base = "" if claim else number_text(ind.base_value)
    words = None if claim else exactness[ind.exactness]
    return E(
        "tr",
        E("td", ind.theme, data_sort=theme_rank),
        E("td", E("span", ind.label, class_="ic-t-label"), " ", E("span", ind.label_en, class_="ic-t-en", lang="en"),
          data_sort=ind.label),
        E("td", *written(ind), class_="ic-t-word" if claim else "ic-t-number", data_sort=base),
        E("td", *([words[0], " ", E("span", words[1], class_="ic-t-en", lang="en")] if words else []),
          data_sort=words[0] if words else "", data_exactness=None if claim else ind.exactness),
        E("td", *([grouped(ind.base_value), " ", E("span", ind.base_unit, class_="ic-t-base-unit")] if not claim else []),
          class_="ic-t-number", data_sort=base),
        E("td", E("span", ind.period, class_="ic-t-period"), *([" ", E("span", period.en, class_="ic-t-en", lang="en")] if period else []),
          data_sort=ind.period, data_period_kind=period.kind if period else None),
        E("td", E("a", ind.paragraph, href=source_href), data_sort=order),
        data_indicator=ind.id, data_theme=ind.theme, data_kind=ind.kind,
    )


def render_indicator_table(indicators: list[Entry], href: Callable[[str], str], periods: dict[str, Period],
                           themes: list[str], s: dict[str, str], labelled_by: str, english: dict[str, str],
                           themes_en: dict[str, str]) -> list[etree.Element]:
    """The controls (text filter, theme select, live count; hidden until the script runs) and the table, whose
    rows stand in the order given (the report's) and which is named by the heading `labelled_by`. Its headings,
    controls and theme options carry their English (`english`: data/edition.yml strings_en; `themes_en`). Not the
    rows' themes: a third line in many rows (the page grew by 600 px or more at 1280 px wide); the theme select and the
    cards' headings give them in English. Not the count either: the script rewrites it from its one template."""
    total = str(len(indicators))
    exactness = exactness_words(s)
    head = E("tr")
    for column, (label, kind) in COLUMNS.items():
        # the rows start in the report's order: sorted by their source paragraph
        head.append(E("th", E("button", bilingual(s[label], english[label]), type="button", class_="ic-sort"), scope="col", data_column=column,
                      data_type=kind, aria_sort="ascending" if column == "source" else None))
    body = E("tbody", *[
        render_row(ind, n, href(ind.paragraph), periods.get(ind.period), themes.index(ind.theme) if ind.theme in themes else len(themes),
                   exactness)
        for n, ind in enumerate(indicators)
    ])
    used = [t for t in themes if any(ind.theme == t for ind in indicators)]
    controls = E(
        "div",
        E("p", E("label", bilingual(s["figures_filter"], english["figures_filter"]), for_="figures-filter"),
          E("input", type="search", id="figures-filter", autocomplete="off", spellcheck="false", data_ic_filter=""), class_="ic-control"),
        E("p", E("label", bilingual(s["figures_col_theme"], english["figures_col_theme"]), for_="figures-theme"),
          # an option holds text only: its English after a slash
          E("select", E("option", f"{s['figures_theme_all']} / {english['figures_theme_all']}", value=""),
            *[E("option", f"{t} / {themes_en[t]}", value=t) for t in used],
            id="figures-theme", data_ic_theme=""), class_="ic-control"),
        E("p", s["figures_count"].replace("{shown}", total).replace("{total}", total), class_="ic-count",
          aria_live="polite", data_template=s["figures_count"], data_ic_count=""),
        class_="ic-controls", hidden="hidden", data_search_exclude="",
    )
    table = E("table", E("thead", head), body, class_="ic-table", data_ic_table="", data_search_exclude="")
    return [
        controls,
        E("div", table, class_="ic-table-wrap", role="region", aria_labelledby=labelled_by, tabindex="0"),
        E("p", bilingual(s["figures_none"], english["figures_none"]), class_="ic-none", hidden="hidden", data_ic_none="",
          data_search_exclude=""),
    ]


def render_view_switch(s: dict[str, str], english: dict[str, str]) -> etree.Element:
    """Table | cards: two buttons, hidden until the script runs (without it both views show, the table first)."""
    return E(
        "div",
        E("button", bilingual(s["figures_view_table"], english["figures_view_table"]), type="button", class_="ic-view-button",
          data_view="table", aria_pressed="true"),
        E("button", bilingual(s["figures_view_cards"], english["figures_view_cards"]), type="button", class_="ic-view-button",
          data_view="cards", aria_pressed="false"),
        class_="ed ic-views", role="group", aria_label=f"{s['figures_views']} / {english['figures_views']}", hidden="hidden",
        data_search_exclude="",
    )
