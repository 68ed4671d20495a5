"""Annotations (data/annotations.yml): the report's terms, slogans and references, explained; editor's notes."""

from __future__ import annotations

from pydantic import Field

from edition.datafiles import SLUG, Sources, Strict, Text, fail_on, validate_entries
from edition.matcher import Matcher, Name
from edition.problems import EditionError, shown
from edition.report import Report

NAME = "data/annotations.yml"


class Note(Strict):
    paragraph: str
    zh: Text
    en: Text


class Term(Strict):
    id: str = Field(pattern=SLUG)
    forms: list[Text] = Field(min_length=1)
    category: str
    zh: Text
    en: Text
    renderings_en: list[Text] = Field(min_length=1)  # how the translation renders the term, the same everywhere
    notes: list[Note] = []
    sources: Sources  # the documents the note rests on, or `report`

    @property
    def headword(self) -> str:
        return self.forms[0]


def check_terms(terms: list[Term], entity_aliases: dict[str, str], report: Report, categories: dict[str, str]) -> list[str]:
    problems, owner = [], {}
    text = report.text()
    for t in terms:
        if t.category not in categories:
            problems.append(f"{t.id}: category '{t.category}' is not one of {', '.join(categories)} (data/edition.yml)")
        for form in t.forms:
            if len(form) < 2:
                problems.append(f"{t.id}: form {shown(form)} is one character: it would mark that character everywhere")
            if form in owner:
                problems.append(f"{t.id}: form {shown(form)} is also a form of '{owner[form]}'")
            owner.setdefault(form, t.id)
            if form in entity_aliases:
                problems.append(f"{t.id}: form {shown(form)} is an alias of entity '{entity_aliases[form]}' in data/entities.yml")
            inside = [alias for alias in entity_aliases if alias in form and alias != form]
            if inside:
                problems.append(f"{t.id}: form {shown(form)} contains the name {shown(inside[0])} of entity "
                                f"'{entity_aliases[inside[0]]}' (data/entities.yml): that mention would be lost")
            if form not in text:
                problems.append(f"{t.id}: form {shown(form)} never occurs in the report")
        for note in t.notes:
            para = report.paragraphs.get(note.paragraph)
            if para is None:
                problems.append(f"{t.id}: note for unknown paragraph id '{note.paragraph}'")
            elif not any(form in para.text for form in t.forms):
                problems.append(f"{t.id}: note for paragraph '{note.paragraph}', which does not contain the term "
                                f"({'、'.join(t.forms)})")
    return problems


def term_names(terms: list[Term]) -> list[Name]:
    return [Name(form, "term", ((0, len(form), t.id),)) for t in terms for form in t.forms]


def load_terms(raw, report: Report, entity_aliases: dict[str, str], categories: dict[str, str]) -> list[Term]:
    if not isinstance(raw, dict) or set(raw) != {"terms"}:
        raise EditionError(f"{NAME}: expected a mapping with one key, 'terms', holding a list of terms")
    terms = validate_entries(NAME, raw["terms"], Term, what="a list of terms")
    fail_on([f"{NAME}: {p}" for p in check_terms(terms, entity_aliases, report, categories)])
    return terms


def term_occurrences(report: Report, matcher: Matcher) -> dict[str, list[str]]:
    """Paragraph ids where each term occurs (inside entity names too), in report order."""
    found: dict[str, list[str]] = {}
    for pid, para in report.paragraphs.items():
        for hit in matcher.find(para.text):
            for _, _, term_id in hit.name.targets:
                if pid not in found.setdefault(term_id, []):
                    found[term_id].append(pid)
    return found
