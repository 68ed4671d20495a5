"""The search index: the report paragraph by paragraph, and the edition's pages by what they name.

Material's search plugin indexes each page by its headings, with everything the edition adds to
the page (cards, tooltips, notes, the labels of an entity page). This module rebuilds that index
from the edition itself:

- each report paragraph is an entry at its own address (`part-1/utilization/#p1-4-2`), titled with
  its section, holding the report's words only, one `<p>` a sentence (so that a result shows the
  sentence that matched); each report heading is an entry too;
- an entity page is indexed by its name, the report's spellings of it and its English name, with
  its description as text; a glossary term by its forms, with its explanation;
- other pages (the data page) keep Material's entries.

Entries carry `kind` ("report", "entity", "term", "page") and `name` (a list: what the entry is
called), which the edition's query code in the search worker ranks by (edition/search.js). Chinese
is split into words with jieba, as Material does, joined by U+200B; the JSON is written as UTF-8.
All text is HTML-escaped here: the worker shows it as HTML.
"""

from __future__ import annotations

import html
import json
import logging
import re
from typing import TYPE_CHECKING, Callable

from edition.problems import EditionError, shown

if TYPE_CHECKING:
    from edition import Edition

PageUrl = Callable[[str], str]  # source path below docs/ -> the page's URL below the site root

# The index's fields: `title` is only shown (a paragraph's title is its section's heading, which
# the heading's own entry indexes); `name` is what an entry is called.
FIELDS = {"name": {"boost": 10.0}, "text": {"boost": 1.0}}

# Han characters, as the worker's \p{sc=Han} sees them
HAN = re.compile("[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SENTENCE = re.compile(r"[^。;!?]+[。;!?]*")
ENGLISH_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
ENGLISH = "?lang=en"  # the query string of the English entries' addresses (docs/javascripts/edition.js reads it)
ZWSP = "\u200b"


class Words:
    """Chinese split into words, as Material does it: U+200B (which the search separator includes)
    between jieba's words, and between Chinese and what stands next to it unless that is a separator."""

    def __init__(self, separator: str):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.cut = jieba.cut
        self.separator = re.compile(separator)

    def split(self, text: str) -> str:
        def words(match: re.Match) -> str:
            before, after = text[match.start() - 1:match.start()], text[match.end():match.end() + 1]
            return ((ZWSP if before and not self.separator.match(before) else "") + ZWSP.join(self.cut(match.group(0)))
                    + (ZWSP if after and not self.separator.match(after) else ""))

        return HAN.sub(words, text)

    def escaped(self, text: str) -> str:
        return self.split(html.escape(text, quote=False))

    def sentences(self, text: str) -> str:
        return "".join(f"<p>{self.escaped(s)}</p>" for s in SENTENCE.findall(text))

    def entry(self, location: str, title: str, kind: str, names: list[str] = (), text: str = "") -> dict:
        found = {"location": location, "title": html.escape(title, quote=False), "kind": kind}
        if names:
            found["name"] = [self.escaped(n) for n in dict.fromkeys(names)]
        found["text"] = text
        return found


def report_entries(edition: Edition, page_url: PageUrl, anchors: dict[str, str], words: Words) -> list[dict]:
    """Each report page: its heading (the page), its sub-headings, and its paragraphs."""
    entries = []
    for page in edition.report.pages:
        url = page_url(page.src)
        kind = "page" if page.editorial_title else "report"
        entries.append(words.entry(url, page.title, kind, [page.title]))
        section = page.title
        for line in page.lines:
            if line.kind == "heading":
                section = line.text
                if line.level > 1:
                    anchor = anchors.get(f"{url}\n{line.text}")
                    if anchor is None:
                        raise EditionError(f"docs/{page.src}:{line.line}: the heading {shown(line.text[:30])} has no anchor "
                                           f"in the table of contents (the search index links each heading)")
                    entries.append(words.entry(f"{url}#{anchor}", line.text, "report", [line.text]))
            else:
                entries.append(words.entry(f"{url}#{line.id}", section, "report", text=words.sentences(line.text)))
    return entries


def english_entries(edition: Edition, page_url: PageUrl, anchors: dict[str, str], words: Words) -> list[dict]:
    """The English reading aid, entry for entry as the Chinese, at `?lang=en` addresses: the page opens with both
    languages shown (edition.js), and Material groups a page's English results under the page's English title."""
    entries, english = [], edition.english
    for page in edition.report.pages:
        url = page_url(page.src) + ENGLISH
        title = english.lines.get(page.title, page.title)  # an editors' title has no English line: it is no report line
        entries.append(words.entry(url, title, "page" if page.editorial_title else "report", [title]))
        section = title
        for line in page.lines:
            if line.kind == "heading":
                section = english.of(line)
                if line.level > 1:  # report_entries has checked that the heading has its anchor
                    anchor = anchors[f"{page_url(page.src)}\n{line.text}"]
                    entries.append(words.entry(f"{url}#{anchor}", section, "report", [section]))
            else:
                text = "".join(f"<p>{html.escape(s, quote=False)}</p>" for s in ENGLISH_SENTENCE.split(english.of(line)))
                entries.append(words.entry(f"{url}#{line.id}", section, "report", text=text))
    return entries


def entity_entries(edition: Edition, page_url: PageUrl, titles: dict[str, str], words: Words) -> list[dict]:
    entries = []
    for group in edition.particulars.pages.entity_groups:
        url = page_url(group.src)
        entries.append(words.entry(url, titles.get(url, group.title), "page", [group.title]))
    for entity in edition.entities.values():
        entries.append(words.entry(page_url(edition.particulars.entity_src(entity.id)), entity.name, "entity",
                             [entity.name, *entity.aliases, entity.name_en], f"<p>{words.escaped(entity.description)}</p>"))
    return entries


def glossary_entries(edition: Edition, page_url: PageUrl, titles: dict[str, str], words: Words) -> list[dict]:
    url = page_url(edition.particulars.pages.glossary)
    entries = [words.entry(url, titles.get(url, ""), "page", [titles.get(url, "")])]
    for term in edition.terms.values():
        entries.append(words.entry(f"{url}#term-{term.id}", term.headword, "term", term.forms,
                             f"<p>{words.escaped(term.zh)}</p><p>{words.escaped(term.en)}</p>"))
    return entries


def search_index(edition: Edition, material: dict, site_page_url: PageUrl) -> dict:
    """The index the site ships: `material` is the index Material's search plugin wrote."""

    def page_url(src: str) -> str:  # as Material's index writes it: the home page is ""
        url = site_page_url(src)
        return "" if url == "./" else url

    words = Words(material["config"]["separator"])
    ours = {page_url(src) for src in edition.report.by_src}
    ours |= {page_url(g.src) for g in edition.particulars.pages.entity_groups}
    ours |= {page_url(edition.particulars.entity_src(e)) for e in edition.entities}
    ours.add(page_url(edition.particulars.pages.glossary))
    titles = {d["location"]: d["title"].replace(ZWSP, "") for d in material["docs"] if "#" not in d["location"]}
    # A report heading's anchor is the one the page's table of contents gave it (Material lists it)
    anchors = {}
    for d in material["docs"]:
        path, _, anchor = d["location"].partition("#")
        if anchor:
            anchors[f"{path}\n{html.unescape(d['title'].replace(ZWSP, ''))}"] = anchor
    others = []
    for d in material["docs"]:
        if d["location"].partition("#")[0] not in ours:
            others.append({"location": d["location"], "title": d["title"].replace(ZWSP, ""), "kind": "page",
                           "name": [d["title"]], "text": d["text"]})
    docs = report_entries(edition, page_url, anchors, words) + english_entries(edition, page_url, anchors, words) + others
    docs += glossary_entries(edition, page_url, titles, words) + entity_entries(edition, page_url, titles, words)
    config = dict(material["config"], fields=FIELDS)
    return {"config": config, "docs": docs}


def search_index_json(edition: Edition, material_json: str, page_url: PageUrl) -> str:
    return json.dumps(search_index(edition, json.loads(material_json), page_url), ensure_ascii=False, separators=(",", ":"))
