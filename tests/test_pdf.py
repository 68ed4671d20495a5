"""`make pdf`: the whole report as one A4 PDF (edition/pdf.py), and the same in both languages (中英对照), read back as
a reader and a reader's software would.

Both PDFs are made once from the session's built site, into a temporary folder, by one run of `python -m edition.pdf`;
their words are checked against the seed (and the bilingual one's against data/translation.yml), their bookmarks
and contents against the report's parts and sections, their pages, fonts and tags as paper and assistive software
need them. PNGs of each one's contents page and two text pages land in test-artefacts/ to be looked at.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from sitetext import clean_pdf_text, page_html, pdf_contains, pdf_find, seed_lines
from support import ROOT, edition, page_url

from edition.pdf import BILINGUAL_PDF_NAME, PDF_NAME, flat_outline
from edition.printing import top_level

pytestmark = pytest.mark.browser  # make_pdf drives Debian's Chromium itself: `make test-fast` leaves these out
PRINT_URL = page_url(edition().particulars.pages.print)
PDFS = [PDF_NAME, BILINGUAL_PDF_NAME]  # the report in Chinese, and in both languages
MARGIN = 18 * 72 / 25.4  # the sheet's top and bottom margins (edition.css @page): running head, page number


@pytest.fixture(scope="module")
def made(site, tmp_path_factory) -> dict:
    """Both PDFs made from the session's built site, as `make pdf` makes them: name -> (file, bookmarks it reports)."""
    # as `make pdf` runs it: a process of its own (Playwright's sync API cannot nest in the session's browser)
    copy = tmp_path_factory.mktemp("pdf") / "site"
    shutil.copytree(site, copy)
    done = subprocess.run([sys.executable, "-m", "edition.pdf", str(copy), PRINT_URL], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    reported = {Path(path).name: int(n) for path, n in re.findall(r"^(.+\.pdf): .*?(\d+) bookmarks", done.stdout, re.M)}
    return {name: (copy / name, reported[name]) for name in PDFS}


@pytest.fixture(scope="module")
def readers(made) -> dict[str, PdfReader]:
    return {name: PdfReader(path) for name, (path, _) in made.items()}


@pytest.fixture(scope="module")
def texts(readers) -> dict[str, list[str]]:
    """Each PDF's text, sheet by sheet."""
    return {name: [sheet.extract_text() for sheet in reader.pages] for name, reader in readers.items()}


@pytest.fixture(scope="module")
def reader(readers):
    return readers[PDF_NAME]


@pytest.fixture(scope="module")
def sheets(texts) -> list[str]:
    return texts[PDF_NAME]


def sections():
    """The report's parts and sections, in order (the home page is the title page)."""
    return edition().report.pages[1:]


def editions_own(site) -> list[str]:
    """The titles of the edition's own sections after the report on the whole-report page (class ed: 来源与版本)."""
    soup = BeautifulSoup(page_html(site, PRINT_URL), "html.parser")
    return [heading.get_text().replace("\u00b6", "").strip() for heading in soup.select("article section.ed h2")]


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


def body_text(sheet, smallest: float = 9) -> str:
    """A sheet's text in type of `smallest` pt and up between its top and bottom margins: the report's words (10.5 pt,
    headings larger, a heading's English 0.7 of its size: 7.3 pt under the decade's headings) without the edition's
    small print around and inside them (running head and page number in the margins, ids in the left margin at 6 pt,
    note numbers at 6.5 pt: those of 100 and more pdf_find's note_numbers does not allow), so that a paragraph
    running on to the next sheet reads on."""
    parts, height = [], float(sheet.mediabox.height)

    def visit(text, cm, tm, font, size):
        # the size on paper: the font size scaled by the text and user space matrices' vertical axis; the baseline's
        # height on the sheet: the text matrix's origin in user space
        on_paper = size * math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        if on_paper >= smallest and MARGIN <= tm[4] * cm[1] + tm[5] * cm[3] + cm[5] <= height - MARGIN:
            parts.append(text)

    sheet.extract_text(visitor_text=visit)
    return "".join(parts)


def without_hyphens(text: str) -> str:
    """English as the PDF's text layer and the translation can both be read: with no hyphen or dash of any kind (a
    line may break at a hyphen, and Noto's dashes read back as U+2012 for U+2013)."""
    return re.sub("[-\u00ad\u2010-\u2015]", "", text)


@pytest.mark.parametrize("name", PDFS)
def test_the_text_layer_holds_every_line_of_the_seed_in_order(readers, name):
    text, position = "".join(body_text(sheet) for sheet in readers[name].pages), 0
    for n, line in enumerate(seed_lines(), start=1):
        position = pdf_find(text, line, position)  # the whole line, as the seed has it
        assert position >= 0, f"seed line {n} not found in order: {line[:30]}"


def test_the_bilingual_text_layer_gives_each_line_of_the_report_then_its_english_in_order(readers, texts):
    """The title, every heading and every paragraph, each followed by its English (data/translation.yml) before the
    next line begins, as a reader copying the text would have them; the notice on the first sheet."""
    english = edition().english
    text = without_hyphens("".join(body_text(sheet, smallest=7) for sheet in readers[BILINGUAL_PDF_NAME].pages))
    position = 0
    for line in edition().report.lines:
        position = pdf_find(text, without_hyphens(line.text), position)
        assert position >= 0, f"{line.id or line.text[:30]} not found in order"
        position = pdf_find(text, without_hyphens(english.of(line)), position)
        assert position >= 0, f"the English of {line.id or line.text[:30]} not found after it: {english.of(line)[:40]}"
    notice = edition().strings["english_notice"]
    assert pdf_contains(texts[BILINGUAL_PDF_NAME][0], notice) and not pdf_contains("".join(texts[PDF_NAME]), notice)
    assert not any(pdf_contains("".join(texts[PDF_NAME]), line) for line in list(english.lines.values())[2:6])


@pytest.mark.parametrize("name", PDFS)
def test_every_paragraph_id_is_printed_in_the_margin_in_order(texts, name):
    text, position = "".join(texts[name]), 0
    for pid in edition().report.paragraphs:
        position = pdf_find(text, pid, position)
        assert position >= 0, pid


def test_at_least_25_bookmarks_one_for_every_part_and_section_in_order(reader, made, site):
    titles = [title for title, _ in flat_outline(reader)]
    assert len(titles) >= 25 and made[PDF_NAME][1] == len(titles)
    wanted = [page.title for page in sections()]
    assert [t for t in titles if t in wanted] == wanted  # each once, titled as on the page, in the report's order
    report, (under_it,) = reader.outline[0], reader.outline[1:]  # the report's title, and under it its parts
    assert report.title == edition().report.pages[0].title
    parts = [p.title for p in sections() if top_level(p.src)] + editions_own(site)  # and the edition's, after them
    assert [p.title for p in under_it if not isinstance(p, list)] == parts


def test_the_bilingual_bookmarks_name_every_part_and_section_in_both_languages_in_order(readers, made):
    titles = [" ".join(title.split()) for title, _ in flat_outline(readers[BILINGUAL_PDF_NAME])]
    assert made[BILINGUAL_PDF_NAME][1] == len(titles) >= len(flat_outline(readers[PDF_NAME]))
    english = edition().english
    wanted = [" ".join(f"{page.title} {english.title(page)}".split()) for page in sections()]
    assert [t for t in titles if t in wanted] == wanted  # the Chinese, a space, the English: each once, in order


@pytest.mark.parametrize("name", PDFS)
def test_a4_and_a_page_number_and_the_running_head_on_every_page_after_the_cover(readers, texts, name):
    sheets = texts[name]
    total = len(sheets)
    assert total >= 10
    for n, (sheet, text) in enumerate(zip(readers[name].pages, sheets), start=1):
        assert abs(float(sheet.mediabox.width) - 595.3) < 2 and abs(float(sheet.mediabox.height) - 841.9) < 2, n  # A4
        assert pdf_contains(text, edition().strings["running_title"]), n
        if n > 1:
            assert pdf_contains(text, f"第{n}页/共{total}页"), n


@pytest.mark.parametrize("name", PDFS)
def test_the_contents_page_numbers_point_at_the_pages_where_the_headings_are(readers, texts, site, name):
    reader, sheets = readers[name], texts[name]
    assert pdf_contains(sheets[0], edition().strings["contents_label"])  # the contents are on the first sheet
    links = BeautifulSoup(page_html(site, PRINT_URL), "html.parser").select("nav.print-contents a")
    assert [a.get_text() for a in links] == [page.title for page in sections()] + editions_own(site)
    dests = {unquote(dest.lstrip("/")): reader.get_destination_page_number(d) + 1
             for dest, d in reader.named_destinations.items()}
    numbers = contents_numbers(sheets)
    for a, page, number in zip(links, sections(), numbers):
        assert dests[a["href"][1:]] == number, page.title  # where Chromium put the heading the contents line links to
        assert pdf_contains(sheets[number - 1], page.title), page.title  # and its words are on that page
    assert numbers == sorted(numbers) and numbers[0] == 2


@pytest.mark.parametrize("name", PDFS)
def test_every_font_is_embedded(readers, made, name):
    """CJK glyphs come from Noto CJK, whose outlines are CFF: Chromium (Skia) writes them as Type 3 fonts, each glyph
    drawn in the file; other fonts carry their font file. Either way the PDF needs no font on the reader's machine."""
    seen = {}

    def fonts(resources):
        resources = resources.get_object() if resources else {}
        for name, font in (resources.get("/Font") or {}).items():
            seen[font.indirect_reference or name] = font.get_object()
        for xobject in (resources.get("/XObject") or {}).values():
            fonts(xobject.get_object().get("/Resources"))

    for sheet in readers[name].pages:
        fonts(sheet.get("/Resources"))
    assert seen
    for font in seen.values():
        if font["/Subtype"] == "/Type3":
            assert font.get("/CharProcs"), font
            continue
        described = font["/DescendantFonts"][0].get_object() if font["/Subtype"] == "/Type0" else font
        descriptor = described["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")
    listed = subprocess.run(["pdffonts", str(made[name][0])], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert listed and all(re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row).group(1) == "yes" for row in listed)


@pytest.mark.parametrize("name", PDFS)
def test_tagged_in_chinese_with_its_title_which_says_when_it_is_bilingual(readers, name):
    root = readers[name].trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "zh"
    title = readers[name].metadata.title
    assert "工作报告" in title and (edition().strings["language_bi"] in title) == (name == BILINGUAL_PDF_NAME)


@pytest.mark.parametrize("name", PDFS)
def test_notes_print_at_the_end_and_figures_as_the_reports_own_words(texts, name):
    ed = edition()
    text = "".join(texts[name])
    closing = pdf_find(text, sections()[-1].paragraphs[-1].text, note_numbers=True)
    notes = pdf_find(text, ed.strings["notes_title"], closing)
    assert closing >= 0 and notes >= 0  # the notes come after the report's last words
    first_term = next(iter(ed.terms.values()))
    assert pdf_find(text, first_term.zh[:20], notes) >= 0
    assert "本段数据" not in text  # a paragraph's figure line stays on screen


@pytest.mark.parametrize("name, prefix", [(PDF_NAME, "pdf"), (BILINGUAL_PDF_NAME, "pdf-bilingual")])
def test_png_renders_of_the_contents_and_two_text_pages_for_people_to_look_at(made, texts, artefacts, name, prefix):
    pdf = made[name][0]
    (artefacts / name).write_bytes(pdf.read_bytes())
    numbers = dict(zip([p.src for p in sections()], contents_numbers(texts[name])))
    editors_title = next(p for p in sections() if p.editorial_title)  # a heading of the editors', its notes and ids
    last_part = [p for p in sections() if top_level(p.src) and not p.editorial_title][-1]  # a part's first page
    for shown, n in (("contents", 1), ("text-a", numbers[editors_title.src]), ("text-b", numbers[last_part.src])):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(n), "-l", str(n), "-singlefile", str(pdf),
                        str(artefacts / f"{prefix}-{shown}")], check=True, capture_output=True)
        assert (artefacts / f"{prefix}-{shown}.png").stat().st_size > 10_000
