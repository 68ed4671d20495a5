"""The edition's registry: the report (from docs/) and the facts in data/, loaded and checked once.

`load_edition` is the only entry point. Every problem is reported as
`data/<file>: <entry id>: <what is wrong>` (or `docs/<page>:<line>: …`) by raising DataError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hooks.report import Report, ReportError, load_report

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Number = Union[int, float]


class DataError(ValueError):
    """A data file or a report page is wrong; the message names the file, the entry and the fault."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- indicators -----------------------------------------------------------------------------

THEMES = ["落实部署", "审查授权", "保护", "转化运用", "公共服务", "服务业监管", "国际合作", "十年成就"]


class Comparison(Strict):
    kind: Literal["baseline", "change", "rank"]
    value: Number
    unit: str
    period: str | None = None
    text: str = Field(min_length=1)


class Indicator(Strict):
    id: str = Field(pattern=SLUG)
    label: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    value: Number
    unit: str
    as_written: str | None = None
    qualifier: str = ""
    period: str = Field(min_length=1)
    period_en: str = Field(min_length=1)
    comparison: Comparison | None = None
    theme: Literal[tuple(THEMES)]  # type: ignore[valid-type]
    paragraph: str
    quote: str = Field(min_length=1)

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


def check_indicator(ind: Indicator, report: Report) -> list[str]:
    para = report.paragraphs.get(ind.paragraph)
    if para is None:
        return [f"unknown paragraph id '{ind.paragraph}'"]
    problems = []
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


# --- loading ---------------------------------------------------------------------------------


def read_yaml(path: Path, root: Path):
    name = path.relative_to(root).as_posix()
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{name}: file is missing") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise DataError(f"{name}{where}: not valid YAML: {getattr(error, 'problem', error)}") from None


def validate_entries(name: str, raw, model: type[BaseModel]) -> list:
    """Model every entry of a YAML list; collect every fault, each naming its entry."""
    if not isinstance(raw, list):
        raise DataError(f"{name}: expected a list of entries at the top level")
    entries, problems, seen = [], [], {}
    for n, item in enumerate(raw, start=1):
        label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else f"entry {n}"
        try:
            entry = model.model_validate(item)
        except ValidationError as error:
            for e in error.errors():
                field = ".".join(str(p) for p in e["loc"]) or "entry"
                problems.append(f"{name}: {label}: field '{field}': {e['msg']}")
            continue
        if entry.id in seen:
            problems.append(f"{name}: {entry.id}: duplicate id (entries {seen[entry.id]} and {n})")
            continue
        seen[entry.id] = n
        entries.append(entry)
    if problems:
        raise DataError("\n".join(problems))
    return entries


def nav_sources(nav) -> list[str]:
    """The Markdown files named in mkdocs.yml's nav, in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in nav_sources(value)]
    if isinstance(nav, list):
        return [src for item in nav for src in nav_sources(item)]
    return []


@dataclass
class Edition:
    report: Report
    indicators: dict[str, Indicator]


def load_edition(root: Path, docs_dir: Path, nav) -> Edition:
    try:
        report = load_report(docs_dir, nav_sources(nav))
    except ReportError as error:
        raise DataError(str(error)) from None

    name = "data/indicators.yml"
    indicators = validate_entries(name, read_yaml(root / name, root), Indicator)
    problems = [f"{name}: {ind.id}: {p}" for ind in indicators for p in check_indicator(ind, report)]
    if problems:
        raise DataError("\n".join(problems))
    order = list(report.paragraphs)  # report order
    indicators.sort(key=lambda i: (order.index(i.paragraph), report.paragraphs[i.paragraph].text.find(i.quote)))
    return Edition(report=report, indicators={ind.id: ind for ind in indicators})
