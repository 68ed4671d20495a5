"""Paper: the running head of every printed page (the report's short title and the page's section).

Chromium prints `@page` margin boxes, but their `content` takes only strings and page counters: it has
no `string-set`/`string()` to copy a heading from the page, and a custom property set on an element does
not reach the page context. So the build writes each page's running head into a few bytes of print CSS
that the page carries inline (hooks/events.py, overrides/main.html). On the whole-report page each part's
marker (`print-part`) starts a named page with the part's title, so the head follows the part (a new name
starts a new sheet: each part does).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from edition import Edition


def css_string(text: str) -> str:
    """A CSS string literal holding `text` as text: quote, backslash, control characters and <>& escaped, so that it
    can stand neither outside its string nor, inside a <style> element, outside the element."""
    return '"' + re.sub(r'["\\<>&\x00-\x1f\x7f]', lambda m: f"\\{ord(m.group()):x} ", text) + '"'


def part_page_name(edition: Edition, src: str) -> str:
    """The named page of a part on the whole-report page."""
    return f"rh-{[p.src for p in edition.report.pages].index(src)}"


def section_name(title: str) -> str:
    return title.rstrip("。")


def top_level(src: str) -> bool:
    """A part's opening page or a page of its own (结束语), as opposed to a section inside a part."""
    return "/" not in src or src.endswith("/index.md")


def running_heads_css(edition: Edition, src: str) -> str | None:
    """A page's print CSS: the short title on every printed sheet, the page's section beside it; None for the home
    page (its sheets keep the plain page). The whole-report page names each part's sheets, and its notes'."""
    s, pages = edition.strings, edition.report.pages
    title = f"@page{{@top-left{{content:{css_string(s['running_title'])}}}}}"
    if src == edition.particulars.pages.print:
        parts = [p for p in pages[1:] if top_level(p.src)]
        return "".join([
            title, f"@page{{@top-right{{content:{css_string(s['print_title'])}}}}}",
            *(f"@page {part_page_name(edition, p.src)}{{@top-right{{content:{css_string(section_name(p.title))}}}}}" for p in parts),
            f"@page rh-notes{{@top-right{{content:{css_string(s['notes_title'])}}}}}",
            # a part's marker names the sheets after it (a later part's rule wins, being later); the notes come last
            *(f'.print-part[data-running-head="{part_page_name(edition, p.src)}"]~*{{page:{part_page_name(edition, p.src)}}}'
              for p in parts),
            ".print-part~.anno-notes{page:rh-notes}",
        ])
    page = edition.report.by_src.get(src)
    if page is None or page is pages[0]:
        return None
    return title + f"@page{{@top-right{{content:{css_string(section_name(page.title))}}}}}"
