"""Annotations in the text: a marker on a term's first occurrence on a page, a tooltip, and notes.

Pure functions: terms in, HTML out. Everything from data is escaped. The marker and its tooltip
are additions of the edition (class ed); the term's own words stay as the report has them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from hooks.registry import Note, Term


@dataclass
class PageNotes:
    """The terms annotated on one page, numbered in order of first occurrence."""

    glossary_href: str  # link from this page to the glossary page
    numbers: dict[str, int] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)

    def marker(self, term: Term) -> str:
        """The marker for the term's first occurrence on this page; '' afterwards."""
        if term.id in self.numbers:
            return ""
        self.terms.append(term)
        number = self.numbers[term.id] = len(self.terms)
        return render_marker(term, number)


def render_marker(term: Term, number: int) -> str:
    tip = f"anno-tip-{number}"
    return (
        f'<span class="ed anno" data-term="{escape(term.id)}" data-search-exclude>'
        f'<button type="button" class="anno-marker" aria-describedby="{tip}" '
        f'aria-label="注释 {number}:{escape(term.headword)}">{number}</button>'
        f'<span class="anno-tip" role="tooltip" id="{tip}">'
        f"<strong>{escape(term.headword)}</strong> {escape(term.zh)}"
        f'<span class="anno-en" lang="en">{escape(term.en)}</span></span></span>'
    )


def render_term(text: str, marker: str) -> str:
    """The term as the report writes it; marked only where it carries the marker."""
    if not marker:
        return text
    return f'<span class="anno-term">{text}</span>{marker}'


def render_page_notes(notes: PageNotes) -> str:
    """The page's annotations as numbered notes at its end: on screen, and on paper where tooltips cannot go."""
    if not notes.terms:
        return ""
    items = "".join(
        f'<li id="anno-note-{n}" value="{n}"><strong>{escape(t.headword)}</strong>:{escape(t.zh)}'
        f'<span class="anno-en" lang="en">{escape(t.en)}</span> '
        f'<a class="anno-more" href="{escape(notes.glossary_href)}#term-{escape(t.id)}">术语注释</a></li>'
        for n, t in enumerate(notes.terms, start=1)
    )
    return (
        f'<section class="ed anno-notes" aria-label="本页注释" data-search-exclude>'
        f'<p class="anno-notes-title">本页注释</p><ol>{items}</ol></section>'
    )


def render_editor_note(term: Term, note: Note) -> str:
    return (
        f'<aside class="ed editor-note" data-term="{escape(term.id)}" data-search-exclude>'
        f'<span class="editor-note-label">编者注 · {escape(term.headword)}</span>'
        f"<span>{escape(note.zh)}</span>"
        f'<span class="anno-en" lang="en">{escape(note.en)}</span></aside>'
    )
