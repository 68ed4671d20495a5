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

from hooks.linker import Matcher, Name
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


# --- entities: laws, treaties, plans, programmes, provinces ----------------------------------

ENTITY_TYPES = ("law", "regulation", "rule", "treaty", "standard", "plan", "programme", "province", "region")
TYPE_LABELS = {
    "law": "法律", "regulation": "行政法规", "rule": "规章、党内法规与规范性文件", "treaty": "条约与协定",
    "standard": "标准", "plan": "规划与战略文件", "programme": "工程、计划与行动", "province": "省级行政区",
    "region": "跨省区域",
}
# Index pages: slug -> (title, types listed there)
ENTITY_GROUPS = {
    "laws": ("法律法规、条约与标准", ("law", "regulation", "rule", "treaty", "standard")),
    "plans": ("规划与计划", ("plan",)),
    "programmes": ("工程与行动", ("programme",)),
    "places": ("省区市", ("province", "region")),
}


class CompoundPart(Strict):
    text: str = Field(min_length=1)
    entity: str


class Compound(Strict):
    text: str = Field(min_length=1)
    parts: list[CompoundPart] = Field(min_length=2)


class Entity(Strict):
    id: str = Field(pattern=SLUG)
    type: Literal[ENTITY_TYPES]  # type: ignore[valid-type]
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    aliases: list[str] = []
    description: str = Field(min_length=1)
    kind: Literal["省", "自治区", "直辖市", "兵团"] | None = None
    tile: list[int] | None = Field(default=None, min_length=2, max_length=2)
    compound: list[Compound] = []
    unmentioned: Literal["intended"] | None = None  # an entity the report does not name (none yet)

    @property
    def group(self) -> str:
        return next(slug for slug, (_, types) in ENTITY_GROUPS.items() if self.type in types)


class NotMention(Strict):
    text: str = Field(min_length=1)
    reason: str = Field(min_length=1)


@dataclass(frozen=True)
class Mention:
    entity: str
    paragraph: str
    start: int  # offset of the mention in the paragraph's text
    end: int
    text: str  # as written


def check_entities(entities: list[Entity], not_mentions: list[NotMention], text: str) -> list[str]:
    """Faults of entities.yml that need more than one entry (or the report) to see."""
    problems, owner = [], {}
    ids = {e.id for e in entities}
    tiles = {}
    for e in entities:
        names = list(e.aliases) + [c.text for c in e.compound]
        if not names:
            problems.append(f"{e.id}: has no alias and no compound: the linker could never find it")
        for alias in names:
            if alias in owner:
                problems.append(f"{e.id}: alias '{alias}' also used by '{owner[alias]}'")
            owner.setdefault(alias, e.id)
            if alias not in text:
                problems.append(f"{e.id}: alias '{alias}' does not occur in the report")
        for c in e.compound:
            rest = c.text
            for part in c.parts:
                if part.entity not in ids:
                    problems.append(f"{e.id}: compound '{c.text}' names unknown entity '{part.entity}'")
                if part.text not in rest:
                    problems.append(f"{e.id}: compound '{c.text}' has no part '{part.text}' after the previous one")
                rest = rest[rest.find(part.text) + len(part.text):]
        if (e.type == "province") != (e.kind is not None and e.tile is not None):
            problems.append(f"{e.id}: a province needs kind and tile, and only a province has them")
        if e.tile:
            if tuple(e.tile) in tiles:
                problems.append(f"{e.id}: tile {e.tile} is also the tile of '{tiles[tuple(e.tile)]}'")
            tiles[tuple(e.tile)] = e.id
    for n in not_mentions:
        if n.text in owner:
            problems.append(f"not_mentions: '{n.text}' is also an alias of '{owner[n.text]}'")
        if n.text not in text:
            problems.append(f"not_mentions: '{n.text}' does not occur in the report")
    return problems


def entity_names(entities: list[Entity], not_mentions: list[NotMention]) -> list[Name]:
    names = []
    for e in entities:
        names += [Name(alias, "entity", ((0, len(alias), e.id),)) for alias in e.aliases]
        for c in e.compound:
            targets, offset = [], 0
            for part in c.parts:
                start = c.text.index(part.text, offset)
                targets.append((start, start + len(part.text), part.entity))
                offset = start + len(part.text)
            names.append(Name(c.text, "entity", tuple(targets)))
    names += [Name(n.text, "none", ()) for n in not_mentions]
    return names


def collect_mentions(report: Report, matcher: Matcher) -> list[Mention]:
    """Every mention in report order: one pass over all paragraphs before any page renders."""
    mentions = []
    for pid, para in report.paragraphs.items():
        for hit in matcher.find(para.text):
            if hit.name.kind != "entity":
                continue
            for start, end, target in hit.name.targets:
                a, b = hit.start + start, hit.start + end
                mentions.append(Mention(target, pid, a, b, para.text[a:b]))
    return mentions


# --- annotations: the report's terms, slogans and references, explained -----------------------

TERM_CATEGORIES = {
    "slogan": "提法与口号", "policy": "政策与制度", "legal": "法律概念", "statistic": "统计指标",
    "institution": "机构", "event": "会议与事件",
}


class Note(Strict):
    paragraph: str
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Term(Strict):
    id: str = Field(pattern=SLUG)
    forms: list[str] = Field(min_length=1)
    category: Literal[tuple(TERM_CATEGORIES)]  # type: ignore[valid-type]
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    notes: list[Note] = []

    @property
    def headword(self) -> str:
        return self.forms[0]


def check_terms(terms: list[Term], entity_aliases: dict[str, str], report: Report) -> list[str]:
    problems, owner = [], {}
    text = "\n".join(p.text for p in report.paragraphs.values())
    for t in terms:
        for form in t.forms:
            if form in owner:
                problems.append(f"{t.id}: form '{form}' is also a form of '{owner[form]}'")
            owner.setdefault(form, t.id)
            if form in entity_aliases:
                problems.append(f"{t.id}: form '{form}' is an alias of entity '{entity_aliases[form]}' in data/entities.yml")
            inside = [alias for alias in entity_aliases if alias in form and alias != form]
            if inside:
                problems.append(f"{t.id}: form '{form}' contains the entity name '{inside[0]}': its mention would be lost")
            if form not in text:
                problems.append(f"{t.id}: form '{form}' never occurs in the report")
        for note in t.notes:
            if note.paragraph not in report.paragraphs:
                problems.append(f"{t.id}: note for unknown paragraph id '{note.paragraph}'")
    return problems


def term_names(terms: list[Term]) -> list[Name]:
    return [Name(form, "term", ((0, len(form), t.id),)) for t in terms for form in t.forms]


def term_occurrences(report: Report, matcher: Matcher) -> dict[str, list[str]]:
    """Paragraph ids where each term occurs (inside entity names too), in report order."""
    found: dict[str, list[str]] = {}
    for pid, para in report.paragraphs.items():
        for hit in matcher.find(para.text):
            for _, _, term_id in hit.name.targets:
                if pid not in found.setdefault(term_id, []):
                    found[term_id].append(pid)
    return found


# --- loading ---------------------------------------------------------------------------------


def read_yaml(path: Path, root: Path):
    name = path.relative_to(root).as_posix()
    try:
        # libyaml's loader when PyYAML has it: the pure-Python one took 0.3 s of every build
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise DataError(f"{name}: file is missing") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise DataError(f"{name}{where}: not valid YAML: {getattr(error, 'problem', error)}") from None


def validate_entries(name: str, raw, model: type[BaseModel], key: str = "id") -> list:
    """Model every entry of a YAML list; collect every fault, each naming its entry (by `key`)."""
    if not isinstance(raw, list):
        raise DataError(f"{name}: expected a list of entries")
    entries, problems, seen = [], [], {}
    for n, item in enumerate(raw, start=1):
        label = item.get(key) if isinstance(item, dict) and isinstance(item.get(key), str) else f"entry {n}"
        try:
            entry = model.model_validate(item)
        except ValidationError as error:
            for e in error.errors():
                field = ".".join(str(p) for p in e["loc"]) or "entry"
                problems.append(f"{name}: {label}: field '{field}': {e['msg']}")
            continue
        if label in seen:
            problems.append(f"{name}: {label}: duplicate {key} (entries {seen[label]} and {n})")
            continue
        seen[label] = n
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
    entities: dict[str, Entity]
    matcher: Matcher  # entities and terms together: one pass, longest name wins, never overlapping
    mentions: list[Mention]
    terms: dict[str, Term]
    term_matcher: Matcher  # terms alone: where a term occurs, also inside an entity's name
    occurrences: dict[str, list[str]]  # term id -> paragraph ids

    def __post_init__(self) -> None:
        self._by_entity: dict[str, list[Mention]] = {}
        for m in self.mentions:
            self._by_entity.setdefault(m.entity, []).append(m)

    def mentions_of(self, entity_id: str) -> list[Mention]:
        """An entity's mentions in report order (indexed once: this is asked for every entity and page)."""
        return self._by_entity.get(entity_id, [])


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
    order = {pid: n for n, pid in enumerate(report.paragraphs)}  # report order
    indicators.sort(key=lambda i: (order[i.paragraph], report.paragraphs[i.paragraph].text.find(i.quote)))

    name = "data/entities.yml"
    raw = read_yaml(root / name, root)
    if not isinstance(raw, dict) or not isinstance(raw.get("entities"), list):
        raise DataError(f"{name}: expected a mapping with a list 'entities' (and optionally 'not_mentions')")
    unknown_keys = set(raw) - {"entities", "not_mentions"}
    if unknown_keys:
        raise DataError(f"{name}: unknown top-level key(s): {', '.join(sorted(unknown_keys))}")
    entities = validate_entries(name, raw["entities"], Entity)
    not_mentions = validate_entries(f"{name}: not_mentions", raw.get("not_mentions") or [], NotMention, key="text")
    text = "\n".join(p.text for p in report.paragraphs.values())
    problems = [f"{name}: {p}" for p in check_entities(entities, not_mentions, text)]
    if problems:
        raise DataError("\n".join(problems))
    name = "data/annotations.yml"
    raw = read_yaml(root / name, root)
    if not isinstance(raw, dict) or set(raw) != {"terms"}:
        raise DataError(f"{name}: expected a mapping with one key, 'terms', holding a list of terms")
    terms = validate_entries(name, raw["terms"], Term)
    aliases = {alias: e.id for e in entities for alias in e.aliases}
    problems = [f"{name}: {p}" for p in check_terms(terms, aliases, report)]
    if problems:
        raise DataError("\n".join(problems))
    term_matcher = Matcher(term_names(terms))

    matcher = Matcher(entity_names(entities, not_mentions) + term_names(terms))
    mentions = collect_mentions(report, matcher)
    mentioned = {m.entity for m in mentions}
    problems = [
        f"data/entities.yml: {e.id}: never mentioned in the report pages (mark it `unmentioned: intended` if that is meant)"
        for e in entities if e.id not in mentioned and e.unmentioned != "intended"
    ]
    if problems:
        raise DataError("\n".join(problems))
    return Edition(
        report=report,
        indicators={ind.id: ind for ind in indicators},
        entities={e.id: e for e in entities},
        matcher=matcher,
        mentions=mentions,
        terms={t.id: t for t in terms},
        term_matcher=term_matcher,
        occurrences=term_occurrences(report, term_matcher),
    )
