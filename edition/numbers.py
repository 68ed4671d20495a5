"""Number exceptions (data/number-exceptions.yml): numbers of the report that are not claims (years, dates, titles).

Every number written in digits in a report paragraph is either carried by an indicator (its value,
or its comparison's) or stands inside one of these spans; `uncovered_numbers` lists the rest.
"""

from __future__ import annotations

import re

from edition.datafiles import Strict, Text, fail_on, validate_entries
from edition.indicators import Indicator, number_as_written
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


def uncovered_numbers(report: Report, indicators: list[Indicator], exceptions: list[NumberException]) -> list[str]:
    """Every number of the report that no indicator carries and no exception explains, with where it stands."""
    by_paragraph: dict[str, list[Indicator]] = {}
    for ind in indicators:
        by_paragraph.setdefault(ind.paragraph, []).append(ind)
    uncovered = []
    for line in report.lines:
        covered = [False] * len(line.text)
        spans = [e.text for e in exceptions]
        for ind in by_paragraph.get(line.id or "", []):
            written = {ind.written_value} | ({number_as_written(ind.comparison.value)} if ind.comparison else set())
            for m in re.finditer(re.escape(ind.quote), line.text):
                for n in _NUMBER.finditer(ind.quote):
                    if n.group() in written:
                        covered[m.start() + n.start(): m.start() + n.end()] = [True] * len(n.group())
        for span in spans:
            for m in re.finditer(re.escape(span), line.text):
                covered[m.start():m.end()] = [True] * (m.end() - m.start())
        for n in _NUMBER.finditer(line.text):
            if not all(covered[n.start():n.end()]):
                uncovered.append(f"docs/{line.page}:{line.line}: {n.group()} in “…{line.text[max(0, n.start() - 12): n.end() + 6]}…”")
    return uncovered
