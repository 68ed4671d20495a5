"""Reading the built site the way a fidelity check needs: the report's words, nothing added."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

from support import ROOT, edition, report_pages

REPORT_PAGES = report_pages()  # the report pages' URLs in report order, from the loaded edition


def seed_lines(root: Path = ROOT) -> list[str]:
    return (root / edition().particulars.seed).read_text(encoding="utf-8").split("\n")


# What this edition adds inside the article; removed before comparing with the seed.
ADDED = ".ed, .headerlink"
BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd", "blockquote"]


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(html: str) -> Tag:
    return BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")


def without_additions(el: Tag) -> Tag:
    """A copy of an element with everything the edition adds (class ed, header links) taken out."""
    el = BeautifulSoup(str(el), "html.parser")
    for added in el.select(ADDED):
        added.decompose()
    return el


def report_text(el: Tag) -> str:
    """The report's own words in an element (a paragraph), the edition's additions removed."""
    return without_additions(el).get_text()


def report_blocks(html: str) -> list[str]:
    """The text blocks of a page's article, in order, with every addition of the edition removed."""
    main = without_additions(article(html))
    blocks = [b for b in main.find_all(BLOCKS) if not b.find_parent(BLOCKS)]
    texts = [b.get_text().strip() for b in blocks]
    stray = main.get_text().strip()
    for text in texts:
        stray = stray.replace(text, "", 1)
    if stray.strip():
        texts.append(f"<text outside any block: {stray.strip()[:80]}>")
    return [t for t in texts if t]


def compare_with_seed(blocks: list[str], seed: list[str]) -> list[str]:
    """Problems found: every seed line must appear verbatim, exactly once, in order, and nothing else."""
    problems = []
    for i in range(max(len(blocks), len(seed))):
        want = seed[i] if i < len(seed) else None
        got = blocks[i] if i < len(blocks) else None
        if want != got:
            problems.append(f"seed line {i + 1}: expected {want!r}, site has {got!r}")
            break  # the first divergence explains the rest
    for line in seed:
        if blocks.count(line) != 1:
            problems.append(f"seed line {seed.index(line) + 1} appears {blocks.count(line)} times: {line[:30]}…")
    return problems


def clean_pdf_text(s: str) -> str:
    """A PDF text layer made comparable with the report: no spaces or line breaks, glyphs read back right.

    Chromium's PDFs map some CJK glyphs back to radical code points (页 as ⻚, 二 as ⼆) and the
    em dash to ―: NFKC undoes the Kangxi radicals; a radical of the supplement block may stand
    for any ideograph (see pdf_find).
    """
    import re
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s).replace("\u2015", "\u2014"))


def pdf_find(text: str, expected: str, start: int = 0, note_numbers: bool = False) -> int:
    """End of the first match of `expected` in the cleaned text at or after `start`, or -1.
    note_numbers: a note's number (1–99) may stand after any character, as the markers print."""
    import re

    pattern = ("(?:\\d{1,2})?" if note_numbers else "").join(
        f"[{re.escape(c)}\u2e80-\u2eff]" if "\u4e00" <= c <= "\u9fff" else re.escape(c) for c in clean_pdf_text(expected)
    )
    match = re.compile(pattern).search(clean_pdf_text(text), start)
    return match.end() if match else -1


def pdf_contains(text: str, expected: str) -> bool:
    """Whether a PDF's text layer holds `expected`, ignoring spaces and line breaks."""
    return pdf_find(text, expected) >= 0


def site_url() -> str:
    """The site_url the build uses (mkdocs.yml, or SITE_URL from the environment)."""
    import os
    import re

    written = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return os.environ.get("SITE_URL") or written.group(1)


def local_path(url: str) -> str:
    """A URL of this site as a path below the site root: 'part-1/protection/#p1-3-1'."""
    base = site_url()
    assert url.startswith(base), url
    return url[len(base):]


def fold_cards(fold, ed=None) -> list[str]:
    """The indicators a paragraph's line of figures brings in: those of the paragraph it names, or those it lists."""
    paragraph = fold.get("data-paragraph")
    if paragraph:
        return [i.id for i in (ed or edition()).indicators.values() if i.paragraph == paragraph]
    return fold["data-cards"].split()


def term_of(anno) -> str:
    """The term an annotation in the text marks: its marker links to the term's glossary entry (#term-<id>)."""
    return anno.select_one("a.anno-marker")["href"].split("#term-")[1]
