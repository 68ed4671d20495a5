"""The English reading aid (data/translation.yml): this edition's unofficial translation of every line of the report,
and the checks that keep it from drifting from the Chinese.

A line is given by its paragraph id (`id`) or, for a heading, by its Chinese exactly as the report pages write it
(`zh`). Every build checks that each line of the report has its English, in the report's order; that each figure of
a paragraph (data/indicators.yml, in base units) stands in its English written in digits (798,000 or 798 thousand …);
that each entity the paragraph links stands there by its `name_en` or a `short_en` form; and that each annotated term
stands there by one of its `renderings_en`. A change to the Chinese without the English fails the build, naming the
paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pydantic import model_validator

from edition.annotations import Term
from edition.datafiles import Strict, Text, fail_on, found, plain_text, validate_entries
from edition.entities import Entity, Mention
from edition.indicators import Entry, Indicator, in_base_units
from edition.matcher import Matcher
from edition.problems import EditionError, shown
from edition.report import Line, Report, ReportPage

NAME = "data/translation.yml"
# English scale words a figure may be written with: 486.88 billion yuan is 486880000000 yuan.
SCALE_WORDS = {"trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3}


class TranslatedLine(Strict):
    id: str | None = None  # a paragraph
    zh: Text | None = None  # a heading, as the report writes it
    en: Text

    @model_validator(mode="after")
    def one_key(self):
        if (self.id is None) == (self.zh is None):
            raise ValueError("give either `id` (a paragraph) or `zh` (a heading), not both or neither")
        return self

    @property
    def key(self) -> str:
        return self.id or self.zh


@dataclass(frozen=True)
class English:
    """The translation, by the key of each report line: a paragraph's id or a heading's Chinese."""

    lines: dict[str, str]
    editorial_titles: dict[str, str]  # the titles the editors gave to unheaded runs of the report (class ed)

    def of(self, line: Line) -> str:
        return self.lines[line_key(line)]

    def title(self, page: ReportPage) -> str:
        return (self.editorial_titles if page.editorial_title else self.lines)[page.title]


def text_problems(value) -> list[str]:
    if not isinstance(value, str) or not value:
        return ["expected English text"]
    try:
        plain_text(value)
    except ValueError as error:
        return [str(error)]
    return []


def line_key(line: Line) -> str:
    return line.id if line.kind == "paragraph" else line.text


def english_numbers(value: int | float, unit: str) -> list[str]:
    """The ways a figure may stand in English, all in digits: 798000 -> 798,000 and 798 thousand;
    486880000000 -> 486,880,000,000 and 486.88 billion; 12.4 (%) -> 12.4."""
    number = Decimal(str(in_base_units(value, unit)[0]))
    forms = [f"{number.normalize():,f}"]
    for word, scale in SCALE_WORDS.items():
        if number >= scale:
            forms.append(f"{(number / scale).normalize():,f} {word}")
    return forms


def stands_in(text: str, number: str) -> bool:
    """True if `number` stands in `text` whole: 8 is not in 4,868.8 nor in 18, but 11 is in 11th."""
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", text) is not None


def figures_missing(english: str, figures: list[Indicator]) -> list[str]:
    missing = []
    for figure in figures:
        numbers = [(figure.value, figure.unit, figure.written_value + figure.unit)]
        if figure.comparison:
            c = figure.comparison
            numbers.append((c.value, c.unit, c.text))
        for value, unit, written in numbers:
            forms = english_numbers(value, unit)
            if not any(stands_in(english, form) for form in forms):
                missing.append(f"the figure {written} ({figure.id}, data/indicators.yml), written {' or '.join(forms)}")
    return missing


def names_missing(english: str, mentioned: list[Entity]) -> list[str]:
    return [
        f"the name {' or '.join(map(shown, (e.name_en, *e.short_en)))} ({e.id}, data/entities.yml)"
        for e in mentioned if not any(name in english for name in (e.name_en, *e.short_en))
    ]


def renderings_missing(english: str, terms: list[Term]) -> list[str]:
    lowered = english.lower()
    return [
        f"the term {t.headword} as {' or '.join(map(shown, t.renderings_en))} ({t.id}, data/annotations.yml)"
        for t in terms if not any(r.lower() in lowered for r in t.renderings_en)
    ]


def check_translation(english: English, report: Report, indicators: dict[str, Entry], entities: dict[str, Entity],
                      mentions: list[Mention], terms: dict[str, Term], matcher: Matcher) -> list[str]:
    """Every paragraph's figures, named entities and terms, found in its English. A term inside an entity's name
    (知识产权强国 in the Outline's title) is the entity's: its English is the entity's English."""
    figures: dict[str, list[Indicator]] = {}
    for entry in indicators.values():
        if isinstance(entry, Indicator):
            figures.setdefault(entry.paragraph, []).append(entry)
    named: dict[str, list[Entity]] = {}
    for m in mentions:
        if entities[m.entity] not in named.setdefault(m.paragraph, []):
            named[m.paragraph].append(entities[m.entity])
    termed: dict[str, list[Term]] = {}
    for pid, para in report.paragraphs.items():
        for hit in matcher.find(para.text):
            for _, _, target in hit.name.targets if hit.name.kind == "term" else ():
                if terms[target] not in termed.setdefault(pid, []):
                    termed[pid].append(terms[target])
    problems = []
    for pid in report.paragraphs:
        text = english.lines[pid]
        missing = (figures_missing(text, figures.get(pid, [])) + names_missing(text, named.get(pid, []))
                   + renderings_missing(text, termed.get(pid, [])))
        problems += [f"{NAME}: {pid}: the English lacks {item}" for item in missing]
    return problems


def load_translation(raw, report: Report) -> English:
    """The English of every report line, in the report's order."""
    if not isinstance(raw, dict) or not {"lines"} <= set(raw) <= {"lines", "editorial_titles"}:
        raise EditionError(f"{NAME}: expected a mapping with 'lines' (a list of lines) and 'editorial_titles', found {found(raw)}")
    entries = validate_entries(NAME, raw["lines"], TranslatedLine, key="id", what="a list of lines")
    keys, wanted = [entry.key for entry in entries], [line_key(line) for line in report.lines]
    problems = [f"{NAME}: no English for the {line.kind} {shown(line_key(line)[:30])} (docs/{line.page}:{line.line})"
                for line in report.lines if line_key(line) not in keys]
    problems += [f"{NAME}: line {n} ({shown(key[:30])}): not a paragraph id or heading of the report pages"
                 for n, key in enumerate(keys, start=1) if key not in wanted]
    titles = raw.get("editorial_titles") or {}
    wanted_titles = [page.title for page in report.pages if page.editorial_title]
    problems += [f"{NAME}: editorial_titles: no English for the editors' title {shown(t)}" for t in wanted_titles if t not in titles]
    problems += [f"{NAME}: editorial_titles: {shown(str(t))} is no editors' title of the report pages" for t in titles if t not in wanted_titles]
    problems += [f"{NAME}: editorial_titles: {shown(str(t))}: {p}" for t, en in titles.items() for p in text_problems(en)]
    fail_on(problems)
    if keys != wanted:  # a heading's words may recur (a copy of a page): the order tells them apart
        n = next((i for i, (a, b) in enumerate(zip(keys, wanted)) if a != b), min(len(keys), len(wanted)))
        if n == len(keys):
            raise EditionError(f"{NAME}: no English for the line {shown(wanted[n][:30])} after line {n}")
        if n == len(wanted) or keys[n] in keys[:n] and keys.count(keys[n]) > wanted.count(keys[n]):
            raise EditionError(f"{NAME}: line {n + 1} ({shown(keys[n][:30])}): given twice")
        raise EditionError(f"{NAME}: line {n + 1} ({shown(keys[n][:30])}) is out of the report's order: "
                           f"the report has {shown(wanted[n][:30])} here")
    return English({entry.key: entry.en for entry in entries}, dict(titles))
