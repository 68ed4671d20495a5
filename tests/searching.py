"""Searching the built site in Chromium as a reader does: the tests and the benchmark share this.

A Chinese input method commits a query a word at a time: each commit inserts text without key
presses, then the key that committed it comes up. Digits and Latin letters are typed key by key.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# The search separator of mkdocs.yml (the report's punctuation, full- and half-width)
SEPARATOR = re.compile(r"[\s\u200b\u3000\-\u3001\u3002,\uff0c;\uff1b:\uff1a()\uff08\uff09\u201c\u201d\u2018\u2019"
                       r"\u300a\u300b\u3008\u3009!\uff01?\uff1f]+")


def runs(query: str) -> list[str]:
    """The parts of a query that must each stand in a result: what a result's `h` parameter holds."""
    found = []
    for piece in SEPARATOR.split(unicodedata.normalize("NFKC", query).lower()):
        found += re.findall(f"[{HAN}]+|[^{HAN}]+", piece)
    return list(dict.fromkeys(r for r in found if r))


def commits(query: str) -> list[str]:
    """How an input method hands the query over: Chinese two characters a commit, the rest key by key."""
    pieces = []
    for match in re.finditer(f"[{HAN}]+|[^{HAN}]+", query):
        text = match.group(0)
        pieces += [text[i:i + 2] for i in range(0, len(text), 2)] if re.match(f"[{HAN}]", text) else list(text)
    return pieces


def open_search(page) -> None:
    """Open the search (the index loads now) and wait until it is ready."""
    if page.viewport_size["width"] < 960:
        page.click("label.md-header__button[for='__search']")
    page.click("input.md-search__input")
    page.wait_for_function("() => !/初始化/.test(document.querySelector('.md-search-result__meta').textContent)")


# The results shown for exactly these runs (every link's `h` holds them), or "no results" for them
SETTLED = """want => {
  const meta = document.querySelector('.md-search-result__meta').textContent
  if (/键入|初始化/.test(meta)) return false
  const norm = v => (v || '').split(' ').sort().join(' ')
  const hs = [...document.querySelectorAll('a.md-search-result__link')].map(a => norm(new URL(a.href).searchParams.get('h')))
  if (!hs.length) return /没有/.test(meta)
  return hs.every(h => h === norm(want) || h === '') && hs.includes(norm(want))
}"""


def type_query(page, query: str) -> None:
    page.fill("input.md-search__input", "")
    for piece in commits(query):
        if re.match(f"[{HAN}]", piece):
            page.keyboard.insert_text(piece)
            page.keyboard.up("Space")  # the key that committed the word
        else:
            page.keyboard.type(piece)
    want = " ".join(runs(query))
    page.wait_for_function(SETTLED, arg=want)
    # settled twice, a moment apart: the list on screen is the last query's
    page.wait_for_timeout(100)
    page.wait_for_function(SETTLED, arg=want)


RESULTS = """els => els
  .filter(e => !e.closest('details') && parseFloat(e.firstElementChild.dataset.mdScore) > 0)
  .map(e => e.getAttribute('href'))"""


def results(page) -> list[str]:
    """The results a reader sees, in order: each entry's link (page path and #fragment), without the
    page headings that only group them and without the entries folded under "more"."""
    found = []
    for href in page.eval_on_selector_all("a.md-search-result__link", RESULTS):
        url = urlparse(href)
        found.append(url.path + (f"#{url.fragment}" if url.fragment else ""))
    return found


def search(page, query: str) -> list[str]:
    type_query(page, query)
    return results(page)
