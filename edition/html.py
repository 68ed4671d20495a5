"""Building HTML as elements, never as strings: text and attribute values are escaped by the serializer.

`E("a", "广东", href="/entities/guangdong.md", class_="ent")` makes <a class="ent" href=…>广东</a>.
Strings are AtomicString, so no later Markdown pass ever reads them as Markdown.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.util import AtomicString

def attribute_name(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


def E(tag: str, *children, **attrs) -> etree.Element:
    """An element with attributes (class_ → class, data_term → data-term; None leaves one out) and children."""
    el = etree.Element(tag, {attribute_name(k): str(v) for k, v in attrs.items() if v is not None and v is not False})
    append(el, *children)
    return el


def append(el: etree.Element, *children) -> etree.Element:
    """Add children at the end: elements as elements, strings as text (after the last child, its tail)."""
    for child in children:
        if child is None or child == "":
            continue
        if isinstance(child, str):
            if len(el):
                el[-1].tail = AtomicString((el[-1].tail or "") + child)
            else:
                el.text = AtomicString((el.text or "") + child)
        elif isinstance(child, (list, tuple)):
            append(el, *child)
        else:
            el.append(child)
    return el


def bilingual(zh: str, en: str) -> list:
    """A label of the edition in Chinese, its English after it: `类别 <span class="ed label-en" lang="en">Type</span>`,
    a small quiet span (docs/stylesheets/reference.css), so that a reader of English finds the way on the page."""
    return [zh, " ", E("span", en, class_="ed label-en", lang="en")]



_KEEP_SPACE = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t\n]*")


def without_indentation(html: str) -> str:
    """A built page without the templates' indentation: each run of newlines and indentation becomes one
    newline, still whitespace where the browser sees whitespace (between inline elements it shows as one
    space either way), so nothing a reader sees changes; inside <pre> and <textarea> every space is kept."""
    parts = _KEEP_SPACE.split(html)
    # split with two groups: [text, whole kept element, its tag name, text, …]
    return "".join(_INDENT.sub("\n", part) if n % 3 == 0 else (part if n % 3 == 1 else "") for n, part in enumerate(parts))
