"""Annotations in the text: a marker on a term's first occurrence on a page, its tooltip, the page's notes, editor's notes.

Pure functions: terms in, elements out. The marker and its tooltip are the edition's (class ed);
the term's own words stay as the report has them. Inside an element kept out of search, no
element repeats the excluded element's tag (Material's search parser would end the exclusion there).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from edition.annotations import Note, Term
from edition.html import E


@dataclass
class PageNotes:
    """The terms annotated on one page, numbered in order of first occurrence."""

    strings: dict[str, str]
    numbers: dict[str, int] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)

    def marker(self, term: Term) -> etree.Element | None:
        """The marker for the term's first occurrence on this page; None afterwards."""
        if term.id in self.numbers:
            return None
        self.terms.append(term)
        number = self.numbers[term.id] = len(self.terms)
        return render_marker(term, number, self.strings)


def render_marker(term: Term, number: int, strings: dict[str, str]) -> etree.Element:
    tip = f"anno-tip-{number}"
    return E(
        "span",
        E("button", str(number), type="button", class_="anno-marker", aria_describedby=tip,
          aria_label=f"{strings['note_label']} {number}:{term.headword}"),
        E("small", E("b", term.headword), " ", term.zh, E("i", term.en, class_="anno-en", lang="en"),
          class_="anno-tip", role="tooltip", id=tip),
        class_="ed anno", data_term=term.id, data_search_exclude="",
    )


def render_term(text: str) -> etree.Element:
    """The term as the report writes it, where it carries its marker."""
    return E("span", text, class_="anno-term")


def render_page_notes(notes: PageNotes, glossary_src: str) -> etree.Element | None:
    """The page's annotations as numbered notes at its end: on screen, and on paper where tooltips cannot go."""
    if not notes.terms:
        return None
    items = [
        E("li", E("strong", t.headword), ":", t.zh, E("span", t.en, class_="anno-en", lang="en"), " ",
          E("a", notes.strings["glossary_title"], class_="anno-more", href=f"/{glossary_src}#term-{t.id}"),
          id=f"anno-note-{n}", value=n)
        for n, t in enumerate(notes.terms, start=1)
    ]
    # Folded on screen (the tooltips carry them there); print opens the fold (edition.css)
    return E(
        "section",
        E("details", E("summary", f"{notes.strings['notes_title']}({len(items)})", class_="anno-notes-title"), E("ol", *items),
          class_="anno-notes-fold"),
        class_="ed anno-notes", aria_label=notes.strings["notes_title"], data_search_exclude="",
    )


def render_editor_note(term: Term, note: Note, strings: dict[str, str]) -> etree.Element:
    return E(
        "aside",
        E("span", f"{strings['editor_note']} · {term.headword}", class_="editor-note-label"),
        E("span", note.zh),
        E("span", note.en, class_="anno-en", lang="en"),
        class_="ed editor-note", data_term=term.id, data_search_exclude="",
    )
