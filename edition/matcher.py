"""The one matcher: finds every known name in a text in one pass.

One precompiled regular expression, an alternation of all names sorted longest first: at any
position the longest name wins, so a name inside a longer one belongs to the longer one
(《视听表演北京条约》 is a treaty, not 北京). Matching scans left to right without overlaps, so
the cost is linear in the text. A name either points at one target, at several (a compound such
as 商标法及其实施条例), or at nothing (a place name inside an event's name: it is matched so that
the shorter name inside it is not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable


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

    def pieces(self, text: str) -> list[tuple[str, str | None, str | None]]:
        """The text cut at every target: (text, kind, target id); kind and target are None between hits."""
        out, pos = [], 0
        for hit in self.find(text):
            for start, end, target in hit.name.targets:
                a, b = hit.start + start, hit.start + end
                if a > pos:
                    out.append((text[pos:a], None, None))
                out.append((text[a:b], hit.name.kind, target))
                pos = b
        if pos < len(text):
            out.append((text[pos:], None, None))
        return out
