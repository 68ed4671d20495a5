"""Indicators (data/indicators.yml): every figure of the report, with its unit, period, comparison and sentence;
and the English of their periods (data/periods.yml: one line per distinct period, since the mapping is mechanical)."""

from __future__ import annotations

import re
from typing import Literal, Union

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError

from edition.datafiles import SLUG, Plain, Strict, Text, fail_on, field_problems, found, validate_entries
from edition.problems import EditionError, shown
from edition.report import Report

NAME = "data/indicators.yml"
PERIODS = "data/periods.yml"
Number = Union[int, float]


class Comparison(Strict):
    kind: Literal["baseline", "change", "rank"]
    value: Number
    unit: Plain
    period: Text | None = None
    text: Text


class Indicator(Strict):
    id: str = Field(pattern=SLUG)
    label: Text
    label_en: Text
    value: Number
    unit: Plain
    as_written: Text | None = None
    qualifier: Plain = ""
    period: Text  # as the report states it; its English is in data/periods.yml
    comparison: Comparison | None = None
    theme: Text
    paragraph: str
    quote: Text

    @property
    def written_value(self) -> str:
        return self.as_written or number_as_written(self.value)


def number_as_written(value: Number) -> str:
    """79.8 -> '79.8', 3192 -> '3192': how the report writes a number in digits."""
    return str(value)


def number_in(text: str, written: str) -> bool:
    """True if `written` stands in `text` as a whole number (8 is not in 4868.8)."""
    if not written[:1].isdigit():
        return written in text
    return re.search(rf"(?<![\d.]){re.escape(written)}(?![\d]|\.\d)", text) is not None


def check_indicator(ind: Indicator, report: Report, themes: list[str]) -> list[str]:
    problems = []
    if ind.theme not in themes:
        problems.append(f"theme '{ind.theme}' is not one of the themes of data/edition.yml ({'、'.join(themes)})")
    para = report.paragraphs.get(ind.paragraph)
    if para is None:
        return problems + [f"unknown paragraph id '{ind.paragraph}'"]
    if ind.quote not in para.text:
        problems.append(f"quote '{ind.quote}' is not found verbatim in paragraph {ind.paragraph}")
    if not number_in(ind.quote, ind.written_value):
        problems.append(f"value {ind.written_value} is not in the quote '{ind.quote}'")
    if ind.comparison:
        if ind.comparison.text not in ind.quote:
            problems.append(f"comparison text '{ind.comparison.text}' is not in the quote")
        if not number_in(ind.comparison.text, number_as_written(ind.comparison.value)):
            problems.append(f"comparison value {ind.comparison.value} is not in the comparison text")
    return problems


def load_indicators(raw, report: Report, themes: list[str]) -> dict[str, Indicator]:
    """The checked indicators in report order (paragraph, then place of the quote)."""
    indicators = validate_entries(NAME, raw, Indicator, what="a list of indicators")
    problems = [f"{NAME}: {ind.id}: {p}" for ind in indicators for p in check_indicator(ind, report, themes)]
    fail_on(problems)
    order = {pid: n for n, pid in enumerate(report.paragraphs)}
    indicators.sort(key=lambda i: (order[i.paragraph], report.paragraphs[i.paragraph].text.find(i.quote)))
    return {ind.id: ind for ind in indicators}


_PERIODS = TypeAdapter(dict[Text, Text], config=ConfigDict(strict=True))
_DIGITS = re.compile(r"\d+")


def load_periods(raw) -> dict[str, str]:
    """data/periods.yml: each period as data/indicators.yml writes it -> its English."""
    if not isinstance(raw, dict) or not raw:
        raise EditionError(f"{PERIODS}: expected a mapping of periods (as data/indicators.yml writes them: English), found {found(raw)}")
    try:
        periods = _PERIODS.validate_python(raw)
    except ValidationError as error:
        raise EditionError("\n".join(field_problems(PERIODS, error))) from None
    fail_on([
        f"{PERIODS}: {shown(zh)}: the English {shown(en)} says {shown(extra[0])}, which the period does not: "
        "the English says what the Chinese says, no more"
        for zh, en in periods.items() if (extra := [n for n in _DIGITS.findall(en) if n not in _DIGITS.findall(zh)])
    ])
    return periods


def check_periods(indicators: dict[str, Indicator], periods: dict[str, str]) -> None:
    """Every period a figure states has its English, and every English is of a period some figure states."""
    used = {ind.period for ind in indicators.values()}
    fail_on(
        [f"{NAME}: {ind.id}: period {shown(ind.period)} has no English in {PERIODS} (add a line `{ind.period}: <English>` there)"
         for ind in indicators.values() if ind.period not in periods]
        + [f"{PERIODS}: {shown(zh)}: no figure of {NAME} has this period (remove the line)" for zh in periods if zh not in used]
    )
