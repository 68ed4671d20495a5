"""Annotations in the text: a marker on a term's first occurrence on a page, the page's notes, editor's notes.

Pure functions: terms in, elements out. The marker is the edition's (class ed); the term's own words
stay as the report has them. A note's words are written once for the whole site, in the glossary and in
terms.json: a marker links to the glossary entry, and the page's script (docs/javascripts/edition.js) reads
terms.json when a note is first opened, to show it beside its term and to list the page's notes (on screen
when their fold opens, on paper before printing). A page carries no note text of its own: the notes are a
reader's choice, not the page's weight. Inside an element kept out of search, no element repeats the
excluded element's tag (Material's search parser would end the exclusion there).
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
    glossary_src: str
    numbers: dict[str, int] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)

    def marker(self, term: Term) -> etree.Element | None:
        """The marker for the term's first occurrence on this page; None afterwards."""
        if term.id in self.numbers:
            return None
        self.terms.append(term)
        number = self.numbers[term.id] = len(self.terms)
        return render_marker(term, number, self.strings, self.glossary_src)


def render_marker(term: Term, number: int, strings: dict[str, str], glossary_src: str) -> etree.Element:
    """A link to the term's note in the glossary; the page's script opens the note in place (tooltip or sheet).
    Its name is 注释 N: the term it follows says what the note is about."""
    return E("a", str(number), class_="ed anno-marker", href=f"/{glossary_src}#term-{term.id}",
             aria_label=f"{strings['note_label']} {number}")


def render_annotation(text: str | None, marker: etree.Element, term: Term) -> etree.Element:
    """The term as the report writes it (when it is not inside an entity link) and its marker: one target. Which term
    it is, the marker's link says (glossary/#term-<id>)."""
    return E("span", E("span", text, class_="anno-term") if text else None, marker, class_="anno")


def render_page_notes(notes: PageNotes) -> etree.Element | None:
    """The fold at the page's end where its notes are listed, numbered as their markers: the script fills it from
    terms.json when it opens, and before the page is printed (paper has no tooltips); without the script, it opens
    on a link to the glossary, which holds every note."""
    if not notes.terms:
        return None
    s = notes.strings
    return E(
        "section",
        E("details", E("summary", f"{s['notes_title']}({len(notes.terms)})", class_="anno-notes-title"),
          E("p", E("a", s["notes_link"], href=f"/{notes.glossary_src}")), class_="anno-notes-fold"),
        class_="ed anno-notes", aria_label=s["notes_title"], data_search_exclude="",
        data_close=s["note_close"], data_english=s["note_english"], data_more=s["glossary_title"],
    )


def render_editor_note(term: Term, note: Note, strings: dict[str, str]) -> etree.Element:
    """An editor's note under its paragraph, in Chinese: its English is in the glossary and terms.json, as a
    note's is (a page carries its reading, not every translation of it)."""
    return E(
        "aside",
        E("span", f"{strings['editor_note']} · {term.headword}", class_="editor-note-label"),
        E("span", note.zh),
        class_="ed editor-note", data_term=term.id, data_search_exclude="",
    )
