"""make pdf: the whole report as one A4 PDF in the built site, printed by the Chromium the tests use.

The whole-report page (/print/) already prints as the edition wants paper to look (docs/stylesheets/edition.css:
running head, page numbers, ids in the margin, notes at the end, figures as the report's own words), so the
PDF is that page printed by Debian's Chromium: `outline=True` turns its headings into bookmarks, `tagged=True`
writes the structure tree a screen reader needs, and Chromium embeds every glyph it draws (Noto CJK's CFF outlines
as Type 3 fonts, each glyph drawn in the file, with its Unicode so that the text can be searched and copied).

What the browser cannot do is number the contents: CSS `target-counter()` is not in Chromium. So the page is
printed once, each heading's sheet is read from the PDF's own bookmarks, the numbers are written into the
contents (as text), and the page is printed again, until the numbers no longer move.

The same page in both languages (中英对照: each English paragraph under its Chinese, the headings' English, the notice
that the English is the edition's unofficial translation and the Chinese authoritative) is the second PDF, printed
the same way once docs/javascripts/english.js has put the English in.

Usage: python -m edition.pdf SITE_DIR [PRINT_PAGE] writes both. Plain Python, Playwright and pypdf: nothing from MkDocs.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import shutil
import sys
import threading
import time
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

PDF_NAME = "cnipa-2023-report-annotated.pdf"  # the file's name in the built site, which the home page links
BILINGUAL_PDF_NAME = "cnipa-2023-report-bilingual.pdf"  # the same in both languages, linked beside it
# A report page opens in both languages at ?lang=en when the browser remembers no other mode (english.js, for a
# reader arriving from an English search result): a new browser remembers none.
BILINGUAL_QUERY = "?lang=en"
PRINT_PAGE = "print/"  # the whole-report page, below the site root
ATTEMPTS = 4  # prints before giving up on contents numbers that keep moving

# The page's headings (article h1–h6, in order) and, for each contents link, the id it leads to. Chromium's
# bookmarks are these headings in this order: zipping the two gives each heading's sheet. A heading's text as laid
# out (innerText): in both languages its Chinese and its English are two lines, which a bookmark joins by a space.
HEADINGS_JS = """() => [...document.querySelectorAll("article :is(h1,h2,h3,h4,h5,h6)")]
    .filter(h => h.getClientRects().length)
    .map(h => [h.id, h.innerText.replace(/\\u00b6/g, "").replace(/\\s+/g, " ").trim()])"""

# Each contents entry gets its number in a span of its own, set as text (never as markup), at the right of its line
# behind a dotted leader. Styled here rather than in the stylesheet: only the PDF has the numbers.
NUMBER_JS = """numbers => {
    for (const a of document.querySelectorAll("nav.print-contents a[href^='#']")) {
        let span = a.querySelector(":scope > .pdf-page");
        if (!span) {
            span = document.createElement("span");
            span.className = "ed pdf-page";
            Object.assign(a.style, {display: "flex", gap: "0.4em"});
            const leader = document.createElement("span");
            Object.assign(leader.style, {flex: "1", borderBottom: "1pt dotted #999", marginBottom: "0.35em"});
            leader.setAttribute("aria-hidden", "true");
            a.append(leader, span);
        }
        span.textContent = numbers[decodeURIComponent(a.hash.slice(1))] ?? "";
    }
}"""

# What edition.js does before printing: the page's notes listed (read from terms.json). True if they are there.
NOTES_JS = """() => {
    window.dispatchEvent(new Event("beforeprint"));
    return !document.querySelector("section.anno-notes") || !!document.querySelector("section.anno-notes ol");
}"""

# Both languages: true once english.js has put every paragraph's English under it (each p[id] of the article has its
# .en-para), shown (.ed-lang-bi) with its stylesheet; then the document's title, the PDF's, says 中英对照 (the mode's
# label on the page's language control).
ENGLISH_JS = """() => document.documentElement.classList.contains("ed-lang-bi")
    && [...document.styleSheets].some(sheet => (sheet.href || "").endsWith("/stylesheets/english.css"))
    && document.querySelectorAll("article .en-para").length === document.querySelectorAll("article p[id]").length"""
BILINGUAL_TITLE_JS = """() => {
    document.title += " · " + document.querySelector(".language-mode[data-mode='bi']").textContent.trim();
    return document.title;
}"""


def chromium() -> str:
    """Debian's Chromium ($CHROMIUM, else on PATH), as the tests use: never a browser Playwright downloads."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        sys.exit("Chromium is missing: run `make setup` (installs Debian's chromium) or set CHROMIUM")
    return path


def flat_outline(reader: PdfReader, items=None) -> list[tuple[str, int]]:
    """The PDF's bookmarks in order, nested ones flattened: (title, page number from 1)."""
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out += flat_outline(reader, item)
        else:
            out.append((item.title, reader.get_destination_page_number(item) + 1))
    return out


def heading_pages(pdf: bytes, headings: list[list[str]]) -> dict[str, int]:
    """Each heading's id -> the PDF page it is on, read from the bookmarks Chromium made of the headings."""
    marks = flat_outline(PdfReader(io.BytesIO(pdf)))
    if len(marks) != len(headings) or not all(same_heading(m, h) for (m, _), (_, h) in zip(marks, headings)):
        raise SystemExit(f"the PDF's bookmarks are not the page's headings: {[m for m, _ in marks][:5]}…")
    return {hid: page for (hid, _), (_, page) in zip(headings, marks)}


def same_heading(mark: str, heading: str) -> bool:
    """Chromium names a bookmark after its heading's text, with its first line twice over when the heading was pushed
    to the next sheet (an empty piece of it stays on the sheet before): that is still the heading."""
    mark, heading = "".join(mark.split()), "".join(heading.split())
    return bool(heading) and mark.endswith(heading) and heading.startswith(mark[:len(mark) - len(heading)])


def retitled(pdf: bytes, headings: list[list[str]]) -> bytes:
    """The PDF with each bookmark titled as its heading reads on the page, once."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    items, stack = [], [writer.root_object["/Outlines"].get("/First")]
    while stack:  # depth first, in document order: a bookmark, its children, then its next sibling
        node = stack.pop()
        if node is not None:
            node = node.get_object()
            items.append(node)
            stack += [node.get("/Next"), node.get("/First")]
    for item, (_, title) in zip(items, headings, strict=True):
        item[NameObject("/Title")] = TextStringObject(title)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_pdf(site: Path, out: Path, page_path: str = PRINT_PAGE, bilingual: bool = False) -> dict:
    """Print the site's whole-report page to `out`, in Chinese or in both languages (`bilingual`); returns what was
    made (pages, bookmarks, bytes, prints, seconds)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

    started = time.monotonic()
    handler = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=[
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            page = browser.new_page()
            query = BILINGUAL_QUERY if bilingual else ""
            response = page.goto(f"http://127.0.0.1:{server.server_port}/{page_path}{query}", wait_until="networkidle")
            if not response or not response.ok:
                raise SystemExit(f"{site / page_path} is not a built page: run `make build` first")
            if bilingual:
                try:
                    page.wait_for_function(ENGLISH_JS, timeout=30_000)
                except PlaywrightTimeout:
                    raise SystemExit("the English did not reach the page (english.js, english-text.js)") from None
                page.evaluate(BILINGUAL_TITLE_JS)
            page.emulate_media(media="print")  # laid out as on paper, so the headings read are those printed
            # the notes list is filled from terms.json before printing; filled now, every print lays out the same
            if not page.evaluate(NOTES_JS):
                raise SystemExit("the notes did not load (terms.json): they would be missing from the PDF")
            headings = page.evaluate(HEADINGS_JS)
            numbers: dict[str, int] = {hid: 0 for hid, _ in headings}  # a first print with room for the numbers
            for prints in range(1, ATTEMPTS + 1):
                page.evaluate(NUMBER_JS, {k: str(v) if v else "00" for k, v in numbers.items()})
                pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True, outline=True, tagged=True)
                found = heading_pages(pdf, headings)
                if found == numbers:
                    break
                numbers = found
            else:
                raise SystemExit(f"the contents' page numbers still moved after {ATTEMPTS} prints")
            browser.close()
    finally:
        server.shutdown()
    pdf = retitled(pdf, headings)
    out.write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    return {"path": str(out), "pages": len(reader.pages), "bookmarks": len(flat_outline(reader)), "bytes": len(pdf),
            "prints": prints, "seconds": round(time.monotonic() - started, 1), "numbers": numbers}


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python -m edition.pdf SITE_DIR [PRINT_PAGE]")
    site_dir = Path(sys.argv[1])
    for name, bilingual in ((PDF_NAME, False), (BILINGUAL_PDF_NAME, True)):
        made = make_pdf(site_dir, site_dir / name, *sys.argv[2:], bilingual=bilingual)
        print(f"{made['path']}: {made['pages']} A4 pages, {made['bookmarks']} bookmarks, {made['bytes'] / 1e6:.1f} MB, "
              f"{made['prints']} prints, {made['seconds']} s")
