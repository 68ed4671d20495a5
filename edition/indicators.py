"""Indicators (data/indicators.yml): every figure of the report, with its unit, period, comparison and sentence,
and every verbal claim of a first or an ordinal (首次, 第三次, 全国首部 …) with its sentence; and the periods
they state (data/periods.yml: each period once, with its English, its kind and its dates).

What a researcher computes with is derived here, never typed: a figure's value in base units (79.8 万件 →
798000 件) from its value and unit; its exactness (exact, a lower or an upper bound, approximate) from the word
that qualifies the number (超, 近, 余 …); a claim's kind and ordinal from its words (第三次 → 3).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import ClassVar, Literal, Union

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from edition.datafiles import DATE, SLUG, Plain, Strict, Text, fail_on, field_problems, found, validate_entries
from edition.problems import EditionError, shown
from edition.report import Report

NAME = "data/indicators.yml"
PERIODS = "data/periods.yml"
Number = Union[int, float]

# The word that says how exact a number is, as the report writes it, and what it says. A verb (达, 共, 增至,
# 压减至 …) or a scope (累计) is no qualifier: it stays in the quote, and a scope is the period's kind.
EXACTNESS = {
    "": "exact",
    "超": "lower_bound", "超过": "lower_bound", "突破": "lower_bound", "迈上": "lower_bound", "以上": "lower_bound",
    "近": "approximate", "约": "approximate", "余": "approximate", "多": "approximate", "左右": "approximate",
    "以下": "upper_bound",
}
# Chinese scale words a unit may start with (79.8万件): the unit's base is what follows. 千 is left out on
# purpose: 千克, 千米 and 千瓦 are units of their own.
SCALES = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
PERIOD_KINDS = ("during", "as_of", "cumulative", "not_stated")


def _qualifier(value: str) -> str:
    if value not in EXACTNESS:
        words = "、".join(w for w in EXACTNESS if w)
        raise ValueError(f"{shown(value)} is not a word that bounds or rounds the number ({words}, or ''): "
                         "a verb such as 达, 共 or 增至 stays in the quote, and 累计 is said by the period")
    return value


class Comparison(Strict):
    """A second number of the same sentence: an earlier value (baseline), a change over time (change), a gap
    between two series at the same time (gap), or a change in rank, in places (rank_change)."""

    kind: Literal["baseline", "change", "gap", "rank_change"]
    value: Number
    unit: Plain
    qualifier: Plain = ""
    period: Text | None = None
    text: Text

    _check_qualifier = field_validator("qualifier")(lambda cls, v: _qualifier(v))

    @property
    def exactness(self) -> str:
        return EXACTNESS[self.qualifier]


class Indicator(Strict):
    """A figure: a number of the report, as the report writes it."""

    kind: Literal["figure"] = "figure"
    id: str = Field(pattern=SLUG)
    label: Text
    label_en: Text
    value: Number
    unit: Plain
    as_written: Text | None = None  # where the report writes the number otherwise than in digits: 万 (近万), 千, 第11
    qualifier: Plain = ""  # the word that bounds or rounds it (超, 近, 余, 以上 …), as the report writes it
    period: Text  # a line of data/periods.yml
    comparison: Comparison | None = None
    theme: Text
    paragraph: str
    quote: Text

    _check_qualifier = field_validator("qualifier")(lambda cls, v: _qualifier(v))

    @property
    def written_value(self) -> str:
        return self.as_written or number_as_written(self.value)

    @property
    def exactness(self) -> str:
        """exact, lower_bound, upper_bound or approximate: from the qualifier."""
        return EXACTNESS[self.qualifier]

    @property
    def base_value(self) -> int | float:
        return in_base_units(self.value, self.unit)[0]

    @property
    def base_unit(self) -> str:
        return in_base_units(self.value, self.unit)[1]


# A verbal claim: a first, an ordinal, a lead or a coverage, as the report words it.
CLAIM_WORD = re.compile(r"首(?:次|部|例|单|批|个|家|创|届|条)|率先|全覆盖|第[一二三四五六七八九十百]+(?:次|轮|批|届)|连续[两二三四五六七八九十]+次")
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_numeral(text: str) -> int:
    """三 -> 3, 十四 -> 14, 二十五 -> 25 (up to 百)."""
    total, digit = 0, 0
    for char in text:
        if char in _NUMERALS:
            digit = _NUMERALS[char]
        elif char in "十百":
            total += (digit or 1) * (10 if char == "十" else 100)
            digit = 0
        else:
            raise ValueError(f"{shown(char)} is not a Chinese numeral")
    return total + digit


def claim_reading(word: str) -> tuple[str, int | None]:
    """What a claim's words say: (first | ordinal | lead | coverage | repeat, the ordinal where there is one)."""
    match = CLAIM_WORD.search(word)
    if match is None:
        raise ValueError(f"{shown(word)} holds no word of a first or an ordinal ({CLAIM_WORD.pattern})")
    found_word = match.group()
    if found_word.startswith("首"):
        return "first", 1
    if found_word.startswith("第"):
        return "ordinal", chinese_numeral(found_word[1:-1])
    if found_word.startswith("连续"):
        return "repeat", None
    return ("lead", None) if found_word == "率先" else ("coverage", None)


class Claim(Strict):
    """A verbal claim of a first or an ordinal: no number to compute with, the report's words instead."""

    kind: Literal["claim"]
    id: str = Field(pattern=SLUG)
    label: Text
    label_en: Text
    word: Text  # the claim's words as the report writes them: 首次, 全国首部, 第三次, 省级全覆盖 …
    period: Text
    theme: Text
    paragraph: str
    quote: Text

    @field_validator("word")
    @classmethod
    def _a_claim_word(cls, value: str) -> str:
        claim_reading(value)
        return value

    # what a claim shares with a figure's interface: no number, no comparison
    comparison: ClassVar[None] = None
    qualifier: ClassVar[str] = ""
    unit: ClassVar[str] = ""
    as_written: ClassVar[None] = None

    @property
    def written_value(self) -> str:
        return self.word

    @property
    def claim_kind(self) -> str:
        return claim_reading(self.word)[0]

    @property
    def ordinal(self) -> int | None:
        return claim_reading(self.word)[1]


Entry = Union[Indicator, Claim]


def number_as_written(value: Number) -> str:
    """79.8 -> '79.8', 3192 -> '3192': how the report writes a number in digits."""
    return str(value)


def in_base_units(value: Number, unit: str) -> tuple[int | float, str]:
    """79.8 万件 -> (798000, '件'); 4868.8 亿元 -> (486880000000, '元'); 12.4 % -> (12.4, '%'). Exact decimal
    arithmetic: 79.8 × 10⁴ is 798000, not 798000.0000000001."""
    scale = next((s for s in SCALES if unit.startswith(s)), "")
    if scale and not unit[len(scale):]:
        raise ValueError(f"unit {shown(unit)} is a scale without a unit (write 万件, 万名, 亿元 …)")
    number = Decimal(str(value)) * SCALES.get(scale, 1)
    return (int(number) if number == number.to_integral_value() else float(number)), unit[len(scale):]


def number_text(value: Number | None) -> str:
    """A number for a CSV cell: plain digits and a point, no exponent, no thousands separator; '' for none."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return format(Decimal(str(value)).normalize(), "f")


def number_in(text: str, written: str) -> bool:
    """True if `written` stands in `text` as a whole number (8 is not in 4868.8)."""
    if not written[:1].isdigit():
        return written in text
    return re.search(rf"(?<![\d.]){re.escape(written)}(?![\d]|\.\d)", text) is not None


def check_indicator(ind: Entry, report: Report, themes: list[str]) -> list[str]:
    problems = []
    if ind.theme not in themes:
        problems.append(f"theme '{ind.theme}' is not one of the themes of data/edition.yml ({'、'.join(themes)})")
    para = report.paragraphs.get(ind.paragraph)
    if para is None:
        return problems + [f"unknown paragraph id '{ind.paragraph}'"]
    if ind.quote not in para.text:
        problems.append(f"quote '{ind.quote}' is not found verbatim in paragraph {ind.paragraph}")
    if isinstance(ind, Claim):
        if ind.word not in ind.quote:
            problems.append(f"word '{ind.word}' is not in the quote")
        return problems
    if not number_in(ind.quote, ind.written_value):
        problems.append(f"value {ind.written_value} is not in the quote")
    try:
        in_base_units(ind.value, ind.unit)
    except ValueError as error:
        problems.append(str(error))
    if ind.comparison:
        if ind.comparison.text not in ind.quote:
            problems.append(f"comparison text '{ind.comparison.text}' is not in the quote")
        if not number_in(ind.comparison.text, number_as_written(ind.comparison.value)):
            problems.append(f"comparison value {ind.comparison.value} is not in the comparison text")
    return problems


def load_indicators(raw, report: Report, themes: list[str]) -> dict[str, Entry]:
    """The checked figures and claims in report order (paragraph, then place of the number or claim word). An entry is a claim
    if it says `kind: claim`, else a figure."""
    if not isinstance(raw, list) or not raw:
        raise EditionError(f"{NAME}: expected a list of indicators, found {found(raw)}")
    is_claim = [isinstance(e, dict) and e.get("kind") == "claim" for e in raw]
    problems, entries = [], []
    for model, chosen in ((Indicator, [e for e, c in zip(raw, is_claim) if not c]), (Claim, [e for e, c in zip(raw, is_claim) if c])):
        if chosen:
            try:
                entries += validate_entries(NAME, chosen, model, what="a list of indicators")
            except EditionError as error:
                problems.append(str(error))
    fail_on(problems)
    seen: set[str] = set()
    problems = [f"{NAME}: {e.id}: duplicate id (a figure and a claim)" for e in entries if e.id in seen or seen.add(e.id)]
    problems += [f"{NAME}: {ind.id}: {p}" for ind in entries for p in check_indicator(ind, report, themes)]
    fail_on(problems)
    order = {pid: n for n, pid in enumerate(report.paragraphs)}
    # where the number (or the claim's word) stands in its paragraph
    entries.sort(key=lambda i: (order[i.paragraph], report.paragraphs[i.paragraph].text.find(i.quote) + i.quote.find(i.written_value)))
    return {ind.id: ind for ind in entries}


class Period(Strict):
    """A period as data/indicators.yml writes it (the key), once: its English, its kind and its dates.

    during: a flow within start–end; as_of: a stock at `end`; cumulative: a running total from `start` to
    `end`; not_stated: the report gives no time. A date the report does not give is left out, never guessed."""

    en: Text
    kind: Literal[PERIOD_KINDS]
    start: str | None = Field(default=None, pattern=DATE)
    end: str | None = Field(default=None, pattern=DATE)


_PERIODS = TypeAdapter(dict[Text, Period], config=ConfigDict(strict=True))
_DIGITS = re.compile(r"\d+")


def period_problems(zh: str, period: Period) -> list[str]:
    problems = []
    extra = [n for n in _DIGITS.findall(period.en) if n not in _DIGITS.findall(zh)]
    if extra:
        problems.append(f"the English {shown(period.en)} says {shown(extra[0])}, which the period does not: "
                        "the English says what the Chinese says, no more")
    for date in (period.start, period.end):
        if date and date[:4] not in _DIGITS.findall(zh):
            problems.append(f"the date {shown(date)} has a year the period does not state")
    if period.kind == "not_stated" and (period.start or period.end):
        problems.append("a period of kind not_stated has no start or end")
    if period.kind == "as_of" and period.start:
        problems.append("a period of kind as_of has an end (the date of the stock), no start")
    if period.start and period.end and period.start > period.end:
        problems.append(f"starts ({period.start}) after it ends ({period.end})")
    return problems


def load_periods(raw) -> dict[str, Period]:
    """data/periods.yml: each period as data/indicators.yml writes it -> its English, kind and dates."""
    if not isinstance(raw, dict) or not raw:
        raise EditionError(f"{PERIODS}: expected a mapping of periods (as data/indicators.yml writes them: "
                           f"{{en: …, kind: …, start: …, end: …}}), found {found(raw)}")
    try:
        periods = _PERIODS.validate_python(raw)
    except ValidationError as error:
        raise EditionError("\n".join(field_problems(PERIODS, error))) from None
    fail_on([f"{PERIODS}: {shown(zh)}: {p}" for zh, period in periods.items() for p in period_problems(zh, period)])
    return periods


def check_periods(indicators: dict[str, Entry], periods: dict[str, Period]) -> None:
    """Every period a figure or claim states has its line, and every line is of a period some entry states."""
    used = {ind.period for ind in indicators.values()}
    fail_on(
        [f"{NAME}: {ind.id}: period {shown(ind.period)} has no line in {PERIODS} "
         f"(add `{ind.period}: {{en: <English>, kind: {'|'.join(PERIOD_KINDS)}, start: …, end: …}}` there)"
         for ind in indicators.values() if ind.period not in periods]
        + [f"{PERIODS}: {shown(zh)}: no entry of {NAME} has this period (remove the line)" for zh in periods if zh not in used]
    )
