"""Exceptions (data/number-exceptions.yml): numbers and claim words of the report that are not claims (years,
dates, titles, names; a batch number a figure's label carries).

Every number written in digits in a report paragraph is either carried by a figure of data/indicators.yml (its
value, or its comparison's) or stands inside one of these spans; every word of a first or an ordinal (首次,
第三次, 全国首部, 率先, 全覆盖 …: `CLAIM_WORD`) either stands in the quote of a claim of data/indicators.yml or
inside one of these spans. `uncovered_numbers` lists the rest.
"""

from __future__ import annotations

import re

from edition.datafiles import Strict, Text, fail_on, validate_entries
from edition.indicators import CLAIM_WORD, Claim, Entry, number_as_written
from edition.problems import shown
from edition.report import Report

NAME = "data/number-exceptions.yml"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class NumberException(Strict):
    text: Text
    reason: Text


def load_number_exceptions(raw, report: Report) -> list[NumberException]:
    exceptions = validate_entries(NAME, raw, NumberException, key="text", what="a list of spans with reasons")
    text = "\n".join(line.text for line in report.lines)
    fail_on([f"{NAME}: {shown(e.text)}: does not occur in the report" for e in exceptions if e.text not in text])
    return exceptions


def _mark(covered: list[bool], start: int, end: int) -> None:
    covered[start:end] = [True] * (end - start)


def uncovered_numbers(report: Report, indicators: list[Entry], exceptions: list[NumberException]) -> list[str]:
    """Every number and every claim word of the report that no entry carries and no exception explains, with
    where it stands."""
    by_paragraph: dict[str, list[Entry]] = {}
    for ind in indicators:
        by_paragraph.setdefault(ind.paragraph, []).append(ind)
    uncovered = []
    for line in report.lines:
        numbers = [False] * len(line.text)  # a number is carried by a figure's quote
        words = [False] * len(line.text)  # a claim word by a claim's quote
        for ind in by_paragraph.get(line.id or "", []):
            if isinstance(ind, Claim):
                for m in re.finditer(re.escape(ind.quote), line.text):
                    for w in CLAIM_WORD.finditer(ind.quote):
                        _mark(words, m.start() + w.start(), m.start() + w.end())
                continue
            written = {number_as_written(ind.value), *_NUMBER.findall(ind.as_written or "")}
            if ind.comparison:
                written.add(number_as_written(ind.comparison.value))
            for m in re.finditer(re.escape(ind.quote), line.text):
                for n in _NUMBER.finditer(ind.quote):
                    if n.group() in written:
                        _mark(numbers, m.start() + n.start(), m.start() + n.end())
        for span in (e.text for e in exceptions):
            for m in re.finditer(re.escape(span), line.text):
                _mark(numbers, m.start(), m.end())
                _mark(words, m.start(), m.end())
        found = [(n, numbers) for n in _NUMBER.finditer(line.text)] + [(w, words) for w in CLAIM_WORD.finditer(line.text)]
        for match, covered in sorted(found, key=lambda f: f[0].start()):
            if not all(covered[match.start():match.end()]):
                uncovered.append(f"docs/{line.page}:{line.line}: {match.group()} in “…{line.text[max(0, match.start() - 12): match.end() + 6]}…”")
    return uncovered
