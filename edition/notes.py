"""Annotations in the text: a marker on a term's first occurrence on a page, the page's notes, editor's notes.

Pure functions: terms in, elements out. The marker is the edition's (class ed); the term's own words
stay as the report has them. Each note is written once, in the page's notes: the script shows it
beside its term (docs/javascripts/edition.js), and paper prints the list. Inside an element kept out of search, no
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
    """A link to the term's note at the page's end; the page's script opens the note in place (tooltip or sheet)."""
    return E("a", str(number), class_="ed anno-marker", href=f"#anno-note-{number}",
             aria_label=f"{strings['note_label']} {number}:{term.headword}")


def render_annotation(text: str | None, marker: etree.Element, term: Term) -> etree.Element:
    """The term as the report writes it (when it is not inside an entity link) and its marker: one target."""
    return E("span", E("span", text, class_="anno-term") if text else None, marker, class_="anno", data_term=term.id)


def render_page_notes(notes: PageNotes, glossary_src: str) -> etree.Element | None:
    """The page's annotations as numbered notes at its end: on screen, and on paper where tooltips cannot go.
    In Chinese: the script brings each note's English from terms.json when it shows the note (weight)."""
    if not notes.terms:
        return None
    items = [
        E("li", E("strong", t.headword), ":", t.zh, " ",
          E("a", notes.strings["glossary_title"], class_="anno-more", href=f"/{glossary_src}#term-{t.id}"),
          id=f"anno-note-{n}", value=n)
        for n, t in enumerate(notes.terms, start=1)
    ]
    # Folded on screen (the tooltips carry them there); print opens the fold (edition.css)
    s = notes.strings
    return E(
        "section",
        E("details", E("summary", f"{s['notes_title']}({len(items)})", class_="anno-notes-title"), E("ol", *items),
          class_="anno-notes-fold"),
        class_="ed anno-notes", aria_label=s["notes_title"], data_search_exclude="",
        data_close=s["note_close"], data_english=s["note_english"],  # the labels of the note sheet's buttons
    )


def render_editor_note(term: Term, note: Note, strings: dict[str, str]) -> etree.Element:
    return E(
        "aside",
        E("span", f"{strings['editor_note']} · {term.headword}", class_="editor-note-label"),
        E("span", note.zh),
        E("span", note.en, class_="anno-en", lang="en"),
        class_="ed editor-note", data_term=term.id, data_search_exclude="",
    )
