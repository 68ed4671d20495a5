"""`make pdf`: the whole report as one A4 PDF (edition/pdf.py), read back as a reader and a reader's software would.

The PDF is made once from the session's built site, into a temporary folder; its words are checked against the
seed, its bookmarks and contents against the report's parts and sections, its pages, fonts and tags as paper and
assistive software need them. PNGs of the contents page and two text pages land in test-artefacts/ to be looked at.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from sitetext import clean_pdf_text, page_html, pdf_contains, pdf_find, seed_lines
from support import ROOT, edition, page_url

from edition.pdf import PDF_NAME, flat_outline
from edition.printing import top_level

pytestmark = pytest.mark.browser  # make_pdf drives Debian's Chromium itself: `make test-fast` leaves these out
PRINT_URL = page_url(edition().particulars.pages.print)


@pytest.fixture(scope="module")
def made(site, tmp_path_factory):
    """The PDF made from the session's built site, as `make pdf` makes it, and what make_pdf says it made."""
    # as `make pdf` runs it: a process of its own (Playwright's sync API cannot nest in the session's browser)
    copy = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(site, copy)
    done = subprocess.run([sys.executable, "-m", "edition.pdf", str(copy), PRINT_URL], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return copy / PDF_NAME, {"bookmarks": int(re.search(r"(\d+) bookmarks", done.stdout).group(1))}


@pytest.fixture(scope="module")
def reader(made):
    return PdfReader(made[0])


@pytest.fixture(scope="module")
def sheets(reader) -> list[str]:
    return [sheet.extract_text() for sheet in reader.pages]


def sections():
    """The report's parts and sections, in order (the home page is the title page)."""
    return edition().report.pages[1:]


def contents_numbers(sheets) -> list[int]:
    """The page number printed after each part and section in the contents (the first sheet), in order."""
    text, position, numbers = clean_pdf_text(sheets[0]), 0, []
    for page in sections():
        position = pdf_find(sheets[0], page.title, position)
        assert position >= 0, f"not in the contents: {page.title}"
        number = re.match(r"\d+", text[position:])
        assert number, f"no page number after {page.title} in the contents"
        numbers.append(int(number.group()))
    return numbers


def body_text(sheet) -> str:
    """A sheet's text in type of 9 pt and up: the report's words (10.5 pt, headings larger) without the edition's
    small print around and inside them (running head, page number, ids in the margin, note numbers of 100 and more,
    which pdf_find's note_numbers does not allow), so that a paragraph running on to the next sheet reads on."""
    parts = []

    def visit(text, cm, tm, font, size):
        # the size on paper: the font size scaled by the text and user space matrices' vertical axis
        if size * math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]) >= 9:
            parts.append(text)

    sheet.extract_text(visitor_text=visit)
    return "".join(parts)


def test_the_text_layer_holds_every_line_of_the_seed_in_order(reader):
    text, position = "".join(body_text(sheet) for sheet in reader.pages), 0
    for n, line in enumerate(seed_lines(), start=1):
        position = pdf_find(text, line, position)  # the whole line, as the seed has it
        assert position >= 0, f"seed line {n} not found in order: {line[:30]}"


def test_every_paragraph_id_is_printed_in_the_margin_in_order(sheets):
    text, position = "".join(sheets), 0
    for pid in edition().report.paragraphs:
        position = pdf_find(text, pid, position)
        assert position >= 0, pid


def test_at_least_25_bookmarks_one_for_every_part_and_section_in_order(reader, made):
    titles = [title for title, _ in flat_outline(reader)]
    assert len(titles) >= 25 and made[1]["bookmarks"] == len(titles)
    wanted = [page.title for page in sections()]
    assert [t for t in titles if t in wanted] == wanted  # each once, titled as on the page, in the report's order
    report, (under_it,) = reader.outline[0], reader.outline[1:]  # the report's title, and under it its parts
    assert report.title == edition().report.pages[0].title
    assert [p.title for p in under_it if not isinstance(p, list)] == [p.title for p in sections() if top_level(p.src)]


def test_a4_and_a_page_number_and_the_running_head_on_every_page_after_the_cover(reader, sheets):
    total = len(sheets)
    assert total >= 10
    for n, (sheet, text) in enumerate(zip(reader.pages, sheets), start=1):
        assert abs(float(sheet.mediabox.width) - 595.3) < 2 and abs(float(sheet.mediabox.height) - 841.9) < 2, n  # A4
        assert pdf_contains(text, edition().strings["running_title"]), n
        if n > 1:
            assert pdf_contains(text, f"第{n}页/共{total}页"), n


def test_the_contents_page_numbers_point_at_the_pages_where_the_headings_are(reader, sheets, site):
    assert pdf_contains(sheets[0], edition().strings["contents_label"])  # the contents are on the first sheet
    links = BeautifulSoup(page_html(site, PRINT_URL), "html.parser").select("nav.print-contents a")
    assert [a.get_text() for a in links] == [page.title for page in sections()]
    dests = {unquote(name.lstrip("/")): reader.get_destination_page_number(d) + 1
             for name, d in reader.named_destinations.items()}
    numbers = contents_numbers(sheets)
    for a, page, number in zip(links, sections(), numbers):
        assert dests[a["href"][1:]] == number, page.title  # where Chromium put the heading the contents line links to
        assert pdf_contains(sheets[number - 1], page.title), page.title  # and its words are on that page
    assert numbers == sorted(numbers) and numbers[0] == 2


def test_every_font_is_embedded(reader, made):
    """CJK glyphs come from Noto CJK, whose outlines are CFF: Chromium (Skia) writes them as Type 3 fonts, each glyph
    drawn in the file; other fonts carry their font file. Either way the PDF needs no font on the reader's machine."""
    seen = {}

    def fonts(resources):
        resources = resources.get_object() if resources else {}
        for name, font in (resources.get("/Font") or {}).items():
            seen[font.indirect_reference or name] = font.get_object()
        for xobject in (resources.get("/XObject") or {}).values():
            fonts(xobject.get_object().get("/Resources"))

    for sheet in reader.pages:
        fonts(sheet.get("/Resources"))
    assert seen
    for font in seen.values():
        if font["/Subtype"] == "/Type3":
            assert font.get("/CharProcs"), font
            continue
        described = font["/DescendantFonts"][0].get_object() if font["/Subtype"] == "/Type0" else font
        descriptor = described["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")
    listed = subprocess.run(["pdffonts", str(made[0])], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert listed and all(re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row).group(1) == "yes" for row in listed)


def test_tagged_in_chinese_with_its_title(reader):
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "zh"
    assert "工作报告" in reader.metadata.title


def test_notes_print_at_the_end_and_figures_as_the_reports_own_words(sheets):
    ed = edition()
    text = "".join(sheets)
    closing = pdf_find(text, sections()[-1].paragraphs[-1].text, note_numbers=True)
    notes = pdf_find(text, ed.strings["notes_title"], closing)
    assert closing >= 0 and notes >= 0  # the notes come after the report's last words
    first_term = next(iter(ed.terms.values()))
    assert pdf_find(text, first_term.zh[:20], notes) >= 0
    assert "本段数据" not in text  # a paragraph's figure line stays on screen


def test_png_renders_of_the_contents_and_two_text_pages_for_people_to_look_at(made, sheets, artefacts):
    (artefacts / PDF_NAME).write_bytes(made[0].read_bytes())
    numbers = dict(zip([p.src for p in sections()], contents_numbers(sheets)))
    editors_title = next(p for p in sections() if p.editorial_title)  # a heading of the editors', its notes and ids
    last_part = [p for p in sections() if top_level(p.src) and not p.editorial_title][-1]  # a part's first page
    for name, n in (("contents", 1), ("text-a", numbers[editors_title.src]), ("text-b", numbers[last_part.src])):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(n), "-l", str(n), "-singlefile", str(made[0]),
                        str(artefacts / f"pdf-{name}")], check=True, capture_output=True)
        assert (artefacts / f"pdf-{name}.png").stat().st_size > 10_000
