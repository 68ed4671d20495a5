"""Reading data/: YAML that is strict about what it accepts, and plain text that can never become markup.

Every string of data/ reaches a page as element text or an attribute value, escaped by the serializer.
`Text` adds a second guard: a data string holding markup, template syntax, a Markdown link, a line
break or an invisible character is rejected with a message, because none of them belongs in a fact.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal, Union

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from edition.problems import EditionError, looks_odd, not_utf8, shown

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_MARKUP = re.compile(r"[<>]|\{\{|\}\}|\{%|%\}|\{#|#\}|\]\(|\n|\r")


def plain_text(value: str) -> str:
    markup = _MARKUP.search(value)
    if markup:
        raise ValueError(f"holds {shown(markup.group())}: data is plain text, never HTML, Markdown, a template or several lines")
    odd = [c for c in value if looks_odd(c)]
    if odd:
        raise ValueError(f"holds the invisible or look-alike character {shown(odd[0])} in {shown(value)}")
    if value != value.strip():
        raise ValueError(f"{shown(value)} starts or ends with a space")
    return value


Plain = Annotated[str, AfterValidator(plain_text)]  # may be empty (a qualifier the report does not use)
Text = Annotated[str, Field(min_length=1), AfterValidator(plain_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
URL = r"^https?://[^\s]+$"


class Source(Strict):
    """A document an added fact rests on, in a form a reader can look up."""

    title: Text  # the document's own official title, without 《》
    issuer: Text
    date: str | None = Field(default=None, pattern=DATE)  # YYYY, YYYY-MM or YYYY-MM-DD, only if confirmed
    article: Text | None = None
    url: str | None = Field(default=None, pattern=URL)


# `report` (the fact rests on the report itself: 报告称) or documents
Sources = Annotated[list[Union[Literal["report"], Source]], Field(min_length=1)]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: the pure-Python parser took 0.3 s a build
    """Safe YAML that refuses a key given twice in one mapping (plain YAML keeps the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {shown(str(key))} is given twice (lines {seen[key] + 1} and {key_node.start_mark.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def read_yaml(root: Path, name: str):
    """The YAML file data/<…> as Python data, or an EditionError naming the file and line."""
    try:
        data = (root / name).read_bytes()
    except FileNotFoundError:
        raise EditionError(f"{name}: file is missing") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EditionError(not_utf8(name, data, error)) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise EditionError(f"{name}{where}: not valid YAML: {getattr(error, 'problem', None) or error}") from None


def found(raw) -> str:
    """What a data file holds where it should hold something else, in words."""
    if raw is None:
        return "nothing"
    if raw == []:
        return "an empty list"
    return {list: "a list", dict: "a mapping", str: "a string"}.get(type(raw), type(raw).__name__)


def field_problems(where: str, error: ValidationError) -> list[str]:
    """One line per fault pydantic found: `<where>: field '<field>': <fault>`."""
    return [
        f"{where}: field '{'.'.join(str(p) for p in e['loc']) or 'entry'}': {e['msg'].removeprefix('Value error, ')}"
        for e in error.errors()
    ]


def validate_entries(name: str, raw, model: type[BaseModel], key: str = "id", what: str = "a list of entries") -> list:
    """Model every entry of a YAML list; collect every fault, each naming its entry (by `key`)."""
    if not isinstance(raw, list) or not raw:
        raise EditionError(f"{name}: expected {what}, found {found(raw)}")
    entries, problems, seen = [], [], {}
    for n, item in enumerate(raw, start=1):
        label = item.get(key) if isinstance(item, dict) and isinstance(item.get(key), str) else f"entry {n}"
        label = shown(label)[1:-1]
        try:
            entry = model.model_validate(item)
        except ValidationError as error:
            problems += field_problems(f"{name}: {label}", error)
            continue
        if label in seen:
            problems.append(f"{name}: {label}: duplicate {key} (entries {seen[label]} and {n})")
            continue
        seen[label] = n
        entries.append(entry)
    if problems:
        raise EditionError("\n".join(problems))
    return entries


def fail_on(problems: list[str]) -> None:
    if problems:
        raise EditionError("\n".join(problems))
