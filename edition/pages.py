"""The pages the edition adds, built from the model as elements: entity pages and indexes, glossary,
dashboard, contents, tile map; and the Markdown sources of the generated pages (directive lines only).

Links are written to .md sources from the docs root (`/entities/guangdong.md#…`): MkDocs resolves
them for each page and fails a strict build on any that is broken.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from edition.citation import ACCESS_STAND_IN, gbt7714
from edition.cards import exactness_words, render_card_fold, render_card_grid, render_indicator_card
from edition.directives import MACROS, directive, select_indicators
from edition.html import E, bilingual
from edition.indicator_table import render_indicator_table, render_view_switch
from edition.printing import part_page_name, top_level
from edition.provenance import citable
from edition.report import attr_line, front_matter_end, heading
from edition.tilemap import Tile, render_province_map

if TYPE_CHECKING:
    from edition import Edition

SNIPPET = 28  # characters of context either side of a mention
Href = Callable[[str], str]  # paragraph id -> link to it from the page being built


def paragraph_link(edition: Edition, pid: str) -> str:
    return f"/{edition.report.page_of[pid].src}#{pid}"


def card_grid(edition: Edition, href: Href, **selection) -> etree.Element:
    s = edition.strings
    return render_card_grid([render_indicator_card(i, href(i.paragraph), s["source_link"], s["comparison_before"], edition.periods.get(i.period),
                                                   exactness_words(s))
                             for i in select_indicators(edition, **selection)])


def cards(edition: Edition, **selection) -> etree.Element:
    """A paragraph's figures in its page, folded into one line that opens in place: the report's text leads.
    The cards stay on the data page, so that a page carries its text, not every figure's card."""
    s, chosen = edition.strings, select_indicators(edition, **selection)
    by_paragraph = selection.get("paragraph") if set(selection) == {"paragraph"} else None
    return render_card_fold([i.id for i in chosen], f"{s['figures_fold']} {len(chosen)} {s['figures_unit']}",
                            f"/{edition.particulars.pages.dashboard}#ic-{chosen[0].id}", s["figures_link"], by_paragraph)


def dashboard(edition: Edition, href: Href) -> list[etree.Element]:
    """Every indicator once in each of two views: a table in the report's order (sorted and filtered by the
    reader's browser), then the cards, the before/after comparisons first and the rest by theme."""
    s, en, themes_en = edition.strings, edition.particulars.strings_en, edition.particulars.themes_en
    table = [E("h2", bilingual(s["figures_view_table"], en["figures_view_table"]), id="figures-table"),
             *render_indicator_table(list(edition.indicators.values()), href, edition.periods, edition.particulars.themes, s,
                                     labelled_by="figures-table", english=en, themes_en=themes_en)]
    compared = [i for i in edition.indicators.values() if i.comparison and i.comparison.kind == "baseline"]
    shown_ids = {i.id for i in compared}
    cards = [E("h2", bilingual(s["figures_view_cards"], en["figures_view_cards"]), id="figures-cards")]
    if compared:
        cards += [E("h3", bilingual(s["dashboard_comparisons"], en["dashboard_comparisons"])),
                  E("p", bilingual(s["dashboard_comparisons_intro"], en["dashboard_comparisons_intro"])),
                  card_grid(edition, href, ids=[i.id for i in compared])]
    for theme in edition.particulars.themes:
        rest = [i.id for i in edition.indicators.values() if i.theme == theme and i.id not in shown_ids]
        if rest:
            cards += [E("h3", bilingual(theme, themes_en[theme])), card_grid(edition, href, ids=rest)]
    return [render_view_switch(s, en),
            E("section", *table, class_="ed ic-view", data_view="table"),
            E("section", *cards, class_="ed ic-view", data_view="cards")]


def province_map(edition: Edition) -> etree.Element:
    """Every province entity as a linked tile, and the regions the report never names as unlinked ones."""
    tiles = [
        Tile(column=e.tile[0], row=e.tile[1], label=e.aliases[0] if len(e.aliases[0]) <= 3 else e.aliases[0][-2:],
             name=e.name, mentions=len(edition.mentions_of(e.id)), href=f"/{edition.particulars.entity_src(e.id)}")
        for e in edition.entities.values() if e.tile
    ]
    tiles += [Tile(column=p.tile[0], row=p.tile[1], label=p.label, name=p.name, mentions=None)
              for p in edition.particulars.map_unmentioned]
    return render_province_map(tiles, edition.strings, edition.particulars.strings_en)


def contents(edition: Edition, part: str | None = None) -> etree.Element:
    """The report's table of contents: parts, then their sections (the first page, which shows it, left out).
    With `part` (a part's opening page), that part's sections, one line each."""
    s = edition.strings
    top = E("ul")
    pages = edition.report.pages[1:]
    if part is not None:
        start = next(n for n, p in enumerate(pages) if p.src == part) + 1
        end = next((n for n, p in enumerate(pages) if n >= start and top_level(p.src)), len(pages))
        pages = pages[start:end]
    for page in pages:
        title = page.title + (f"({s['editorial_title']})" if page.editorial_title else "")
        item = E("li", E("a", title, href=f"/{page.src}"))
        nested = part is None and not top_level(page.src)
        if nested and len(top) and top[-1].find("ul") is None:
            top[-1].append(E("ul"))
        (top[-1].find("ul") if nested and len(top) else top).append(item)
    return E("nav", top, class_="ed report-contents" + (" part-contents" if part else ""), aria_label=s["contents_label"])


def english_contents(edition: Edition) -> list[etree.Element]:
    """The English home page's head and contents: the report's title and source line in English, then every report
    page by its English title, each opening in both languages."""
    home, english = edition.report.pages[0], edition.english
    head = [E("p", E("strong", english.title(home)), class_="ed en-report-title", lang="en")]
    head += [E("p", english.of(line), class_="ed", lang="en") for line in home.paragraphs]
    top = E("ul")
    for page in edition.report.pages[1:]:
        title = english.title(page) + (f" ({edition.strings['english_editorial_title']})" if page.editorial_title else "")
        item = E("li", E("a", title, href=f"/{page.src}?lang=en"))
        nested = not top_level(page.src)
        if nested and len(top) and top[-1].find("ul") is None:
            top[-1].append(E("ul"))
        (top[-1].find("ul") if nested and len(top) else top).append(item)
    return head + [E("nav", top, class_="ed report-contents", lang="en", aria_label=edition.strings["english_contents_label"])]


def provenance(edition: Edition) -> etree.Element:
    """Where the text comes from and which edition a reader holds, on the home page and at the end of the printed
    edition: the source line, what 摘编 means, the version, the dated changes, the licence and how to cite."""
    s, facts = edition.strings, edition.particulars.citation
    whole = gbt7714(citable(edition, edition.site_name, edition.site_url))
    changes = E("ul", *[E("li", E("time", change.date, datetime=change.date), " ", change.zh, " ",
                          E("span", change.en, class_="change-en", lang="en")) for change in edition.changes])
    facts_list = E(
        "dl",
        E("dt", s["provenance_source_label"]), E("dd", s["provenance_source"]),
        E("dt", s["provenance_excerpt_label"]), E("dd", s["provenance_excerpt"]),
        E("dt", s["provenance_version_label"]), E("dd", edition.version.label(s["provenance_version_unknown"])),
        E("dt", s["provenance_changes_label"]), E("dd", changes),
        E("dt", s["provenance_licence_label"]), E("dd", s["provenance_licence"], E("a", facts.licence, href=facts.licence_url), "。"),
        E("dt", s["provenance_cite_label"]),
        E("dd", s["provenance_cite"], E("br"), E("code", whole.replace(ACCESS_STAND_IN.isoformat(), s["provenance_cite_date"]))),
    )
    return E("section", E("h2", s["provenance_title"], id="provenance"), facts_list, class_="ed provenance",
             data_search_exclude="")


def snippet(text: str, start: int, end: int) -> list:
    a, b = max(0, start - SNIPPET), min(len(text), end + SNIPPET)
    return [("…" if a else "") + text[a:start], E("mark", text[start:end]), text[end:b] + ("…" if b < len(text) else "")]


def render_source(source, s: dict[str, str], en: dict[str, str]) -> list:
    """One source as a reader can look it up: 《title》, issuer, date, article; or the report itself."""
    if source == "report":
        return bilingual(s["source_report"], en["source_report"])
    cjk = re.search(r"[\u4e00-\u9fff]", source.title)
    title = E("cite", f"《{source.title}》" if cjk else source.title, lang=None if cjk else "en")
    tail = "".join(f",{part}" for part in (source.issuer, source.date, source.article) if part)
    return [title, tail] + ([" ", E("a", bilingual(s["source_url"], en["source_url"]), href=source.url)] if source.url else [])


def name_en_origin(origin, s: dict[str, str], en: dict[str, str]) -> etree.Element | None:
    """Whose English a name is: the editors' translation, or the issuing body's (with where it is found)."""
    if origin is None:
        return None
    if origin == "edition":
        return E("span", "（", bilingual(s["name_en_edition"], en["name_en_edition"]), "）", class_="name-en-origin")
    return E("span", "（", bilingual(s["name_en_official"], en["name_en_official"]), " ", *render_source(origin, s, en), "）",
             class_="name-en-origin")


def render_sources(sources, s: dict[str, str], en: dict[str, str]) -> etree.Element | None:
    """The sources of an added fact, one line: 来源 Sources:《…》,issuer,date;本报告 this report."""
    if not sources:
        return None
    items = [render_source(source, s, en) + ([";"] if n < len(sources) - 1 else []) for n, source in enumerate(sources)]
    return E("p", bilingual(s["sources_label"], en["sources_label"]), " ", *items, class_="sources")


def entity_page(edition: Edition, entity_id: str) -> list[etree.Element]:
    s, en, entity = edition.strings, edition.particulars.strings_en, edition.entities[entity_id]
    mentions = edition.mentions_of(entity.id)
    group = edition.particulars.group_of_type(entity.type)
    forms = list(entity.aliases) + [p.text for c in entity.compound for p in c.parts if p.entity == entity.id]
    kind = f"({entity.kind})" if entity.kind else ""
    facts = E(
        "dl",
        E("dt", bilingual(s["entity_name_en"], en["entity_name_en"])),
        E("dd", E("span", entity.name_en, lang="en"), name_en_origin(entity.name_en_source, s, en)),
        E("dt", bilingual(s["entity_type"], en["entity_type"])),
        E("dd", bilingual(edition.particulars.entity_types[entity.type] + kind, edition.particulars.entity_types_en[entity.type])),
        E("dt", bilingual(s["entity_forms"], en["entity_forms"])), E("dd", "、".join(dict.fromkeys(forms))),
        E("dt", bilingual(s["entity_mentions"], en["entity_mentions"])), E("dd", str(len(mentions))),
        class_="entity-facts",
    )
    listed = E("ol")
    for m in mentions:
        page = edition.report.page_of[m.paragraph]
        text = edition.report.paragraphs[m.paragraph].text
        listed.append(E("li", E("a", f"{page.title} · {m.paragraph}", class_="mention-source", href=paragraph_link(edition, m.paragraph)),
                        E("br"), E("span", *snippet(text, m.start, m.end), class_="mention-snippet")))
    # the snippets repeat the report's words: search finds those on the report pages themselves
    # The title is the entity's name, not a label: its English is the first fact under it (in the title it would also
    # fill the nav and the window title with English names of 49 characters on average).
    return [
        E("h1", entity.name),
        facts,
        E("p", entity.description, class_="entity-description"),
        render_sources(entity.sources, s, en),
        E("p", E("a", "← ", bilingual(group.title, group.title_en), href=f"/{group.src}"), class_="entity-back"),
        E("h2", bilingual(s["entity_mentions_heading"], en["entity_mentions_heading"]), f" ({len(mentions)})", id="mentions"),
        E("div", listed, class_="mentions", data_search_exclude="") if mentions else
        E("p", bilingual(s["entity_no_mentions"], en["entity_no_mentions"])),
    ]


def entity_index(edition: Edition, group_id: str) -> list[etree.Element]:
    s, en, group = edition.strings, edition.particulars.strings_en, edition.particulars.group(group_id)
    out = [E("h1", bilingual(group.title, group.title_en))]
    if group.map:
        out.append(province_map(edition))
    out.append(E("p", bilingual(s["downloads"], en["downloads"]), " ", E("a", "entities.json", href="/entities.json"), " · ",
                 E("a", "mentions.csv", href="/mentions.csv"), class_="downloads"))
    members = edition.entities_of_group(group_id)
    for kind in group.types:
        rows = [e for e in members if e.type == kind]
        if not rows:
            continue
        body = E("tbody", *[
            E("tr", E("td", E("a", e.name, href=f"/{edition.particulars.entity_src(e.id)}")), E("td", e.name_en, lang="en"),
              E("td", str(len(edition.mentions_of(e.id))), class_="count"))
            for e in rows
        ])
        head = E("thead", E("tr", *[E("th", bilingual(s[key], en[key])) for key in ("table_name", "table_name_en", "table_mentions")]))
        # ids by key: a heading's slug would change with its wording in either language
        out += [E("h2", bilingual(edition.particulars.entity_types[kind], edition.particulars.entity_types_en[kind]), id=kind),
                E("table", head, body)]
    return out


def glossary(edition: Edition) -> list[etree.Element]:
    s, en, report = edition.strings, edition.particulars.strings_en, edition.report
    order = {pid: n for n, pid in enumerate(report.paragraphs)}
    count = str(len(edition.terms))
    out = [E("h1", bilingual(s["glossary_title"], en["glossary_title"])),
           E("p", s["glossary_intro"].replace("{count}", count)),
           E("p", en["glossary_intro"].replace("{count}", count), class_="ed label-en", lang="en")]
    for category, title in edition.particulars.term_categories.items():
        members = sorted((t for t in edition.terms.values() if t.category == category),
                         key=lambda t: order[edition.occurrences[t.id][0]])
        if not members:
            continue
        out.append(E("h2", bilingual(title, edition.particulars.term_categories_en[category]), id=category))
        for term in members:
            where = E("p", bilingual(s["term_where"], en["term_where"]), " ", class_="term-where")
            for n, pid in enumerate(edition.occurrences[term.id]):
                where.append(E("a", pid, href=paragraph_link(edition, pid)))
                if n < len(edition.occurrences[term.id]) - 1:
                    where[-1].tail = " · "
            out += [
                # the term as the English translation renders it everywhere: a reader of English finds it by that
                E("h3", bilingual(term.headword, term.renderings_en[0]), id=f"term-{term.id}"),
                E("p", bilingual(s["term_forms"], en["term_forms"]), " ", "、".join(term.forms), class_="term-meta"),
                E("p", term.zh),
                E("p", term.en, class_="term-en", lang="en"),
                render_sources(term.sources, s, en),
                where,
            ]
            out += [E("p", bilingual(s["editor_note"], en["editor_note"]), f"({note.paragraph}):{note.zh}",
                      E("span", note.en, class_="anno-en", lang="en"), class_="term-note") for note in term.notes]
    return out


# --- the whole-report page ------------------------------------------------------------------------


def print_contents(edition: Edition) -> etree.Element:
    """The whole-report page's contents: filled with its parts and sections once toc has given them anchors."""
    label = edition.strings["contents_label"]
    return E("nav", E("p", label, class_="print-contents__title"), class_="ed print-contents", aria_label=label,
             data_search_exclude="")


def print_contents_list(toc_tokens: list[dict], levels: tuple[int, int] = (2, 3)) -> etree.Element:
    """Links to the page's headings of two levels (parts, then their sections), from toc's tokens."""
    top = E("ul")

    def walk(tokens: list[dict], into: etree.Element) -> None:
        for token in tokens:
            if token["level"] > levels[1]:
                continue
            if token["level"] < levels[0]:
                walk(token["children"], into)
                continue
            item = E("li", E("a", html.unescape(token["name"]), href=f"#{token['id']}"))
            into.append(item)
            if token["children"]:
                nested = E("ul")
                walk(token["children"], nested)
                if len(nested):
                    item.append(nested)

    walk(toc_tokens, top)
    return top


def print_part(edition: Edition, src: str) -> etree.Element:
    """Where a part begins on the whole-report page: a rule on screen, a new sheet named for its running head."""
    return E("hr", class_="ed print-part", data_running_head=part_page_name(edition, src))


# --- the Markdown sources of generated pages -------------------------------------------------------


def generated_sources(edition: Edition, docs_dir: Path) -> dict[str, str]:
    """Every page the build adds (source path below docs/ -> Markdown): directive lines, never a data string."""
    front = "---\nrender_macros: false\n---\n"
    pages = edition.particulars.pages
    sources = {g.src: front + directive("entity-index", group=g.id) for g in pages.entity_groups}
    sources.update({edition.particulars.entity_src(e): front + directive("entity", id=e) for e in edition.entities})
    sources[pages.glossary] = front + directive("glossary")
    sources[pages.print] = print_markdown(edition, docs_dir)
    return sources


def print_markdown(edition: Edition, docs_dir: Path) -> str:
    """The whole report on one page: each report page's headings (a level or two down), paragraphs with
    their ids, and card macro calls, in order; macros and the extension then treat it like the pages."""
    out = ["---", "search:", "  exclude: true  # the same words as the report pages: one search hit is enough", "---", ""]
    cards_macros = [name for name, (_, kind) in MACROS.items() if kind == "cards"]
    home = edition.report.pages[0]
    parts = [p for p in edition.report.pages[1:] if top_level(p.src)]
    for page in edition.report.pages:
        depth = 0 if page is home else 1 if top_level(page.src) else 2
        if parts and page is parts[0]:
            out.append(directive("print-contents"))  # after the title page
        if page in parts:
            out.append(directive("print-part", page=page.src))  # a new sheet, with the part's running head
        lines = (docs_dir / page.src).read_text(encoding="utf-8").split("\n")
        for i in range(front_matter_end(lines), len(lines)):
            line = lines[i]
            found = heading(line)
            if found:
                level, _, classes = found
                if "ed" not in classes or "ed-title" in classes:
                    out += ["#" * min(6, level + depth) + line.lstrip("#"), ""]
            elif (attrs := attr_line(line)) and attrs[0] in edition.report.paragraphs:
                out += [lines[i - 1], line, ""]
            elif re.match(r"^\{\{\s*(" + "|".join(cards_macros) + r")\s*\(", line.strip()):
                out += [line, ""]
    out.append(directive("provenance"))  # the colophon: source, version, changes, licence, how to cite
    return "\n".join(out) + "\n"
