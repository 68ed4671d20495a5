"""Building HTML as elements, never as strings: text and attribute values are escaped by the serializer.

`E("a", "广东", href="/entities/guangdong.md", class_="ent")` makes <a class="ent" href=…>广东</a>.
Strings are AtomicString, so no later Markdown pass ever reads them as Markdown.
"""

from __future__ import annotations

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

