"""The one linker: finds every known name in the report's text in one pass and marks it up.

One precompiled regular expression, an alternation of all names sorted longest first: at any
position the longest name wins, so a name inside a longer one belongs to the longer one
(《视听表演北京条约》 is a treaty, not 北京). Matching scans left to right without overlaps, so
the cost is linear in the text. A name either links to one target, to several (a compound such as
商标法及其实施条例), or to nothing (a place name inside an event's name: it is matched so that
the shorter name inside it is not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from hooks.report import ID_LINE


@dataclass(frozen=True)
class Name:
    text: str
    kind: str  # "entity", "term" or "none"
    targets: tuple[tuple[int, int, str], ...]  # (start, end, target id) within text


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    name: Name


class Matcher:
    def __init__(self, names: Iterable[Name]):
        self.names = {name.text: name for name in names}
        alternation = "|".join(re.escape(text) for text in sorted(self.names, key=len, reverse=True))
        self.pattern = re.compile(alternation) if alternation else None

    def find(self, text: str) -> list[Hit]:
        if self.pattern is None:
            return []
        return [Hit(m.start(), m.end(), self.names[m.group()]) for m in self.pattern.finditer(text)]


# Inline code, Markdown links and HTML tags (with a link's text): never linked into.
_PROTECTED = re.compile(r"`[^`]*`|\[[^\]]*\]\([^)]*\)|<a\b.*?</a>|<[^>]+>")

# render(kind, target id, text as written) -> replacement
Render = Callable[[str, str, str], str]


def mark_text(text: str, matcher: Matcher, render: Render) -> str:
    """Mark up every hit in plain text; text outside hits is kept as it is."""
    out, pos = [], 0
    for hit in matcher.find(text):
        out.append(text[pos:hit.start])
        pos = hit.start
        for start, end, target in hit.name.targets:
            out.append(text[pos:hit.start + start])
            out.append(render(hit.name.kind, target, text[hit.start + start:hit.start + end]))
            pos = hit.start + end
        out.append(text[pos:hit.end])
        pos = hit.end
    out.append(text[pos:])
    return "".join(out)


def mark_line(line: str, matcher: Matcher, render: Render) -> str:
    """Mark up a line of Markdown, leaving code, links and HTML tags (and their attributes) alone."""
    out, pos = [], 0
    for protected in _PROTECTED.finditer(line):
        out.append(mark_text(line[pos:protected.start()], matcher, render))
        out.append(protected.group())
        pos = protected.end()
    out.append(mark_text(line[pos:], matcher, render))
    return "".join(out)


def link_report_paragraphs(markdown: str, matcher: Matcher, render: Render) -> str:
    """Mark up only report paragraphs: a line directly followed by its id line `{: #p1-2-3 }`.

    Headings, macro output (indicator cards), lists and notes of the edition are never touched.
    """
    lines = markdown.split("\n")
    for i in range(len(lines) - 1):
        if ID_LINE.match(lines[i + 1]) and lines[i].strip() and not lines[i].startswith(("#", "<", "{")):
            lines[i] = mark_line(lines[i], matcher, render)
    return "\n".join(lines)
