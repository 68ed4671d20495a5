"""Issue 7, paper: every section page prints on A4 with its words, without the screen's furniture."""

from __future__ import annotations

import io
import subprocess

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from sitetext import REPORT_PAGES, page_html, pdf_contains, pdf_find

SECTION_PAGES = REPORT_PAGES[1:]
SCREEN_ONLY = ["上一页", "下一页", "Made with", "切换到深色模式", "打印本节", "键入以开始搜索", "试试"]


def paragraphs(site, url) -> list[str]:
    soup = BeautifulSoup(page_html(site, url), "html.parser")
    out = []
    for p in soup.select("article p[id]"):
        for added in p.select(".ed"):
            added.decompose()
        out.append(p.get_text())
    return out


@pytest.fixture(scope="module")
def printed(browser, served, site):
    """Each section page printed by Chromium to A4, as a reader's "Print" does."""
    page = browser.new_page()
    pdfs = {}
    for url in SECTION_PAGES:
        page.goto(served + url)
        pdfs[url] = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    return pdfs


def text_of(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("url", SECTION_PAGES)
def test_printed_section_holds_its_paragraphs_and_ids_and_no_screen_furniture(printed, site, url):
    text = text_of(printed[url])
    for para in paragraphs(site, url):
        assert pdf_contains(text, para[:24]) and pdf_contains(text, para[-24:]), para[:24]
    for pid in BeautifulSoup(page_html(site, url), "html.parser").select("article p[id]"):
        assert pdf_contains(text, pid["id"])  # the id in the margin, to cite the paragraph
    for furniture in SCREEN_ONLY:
        assert not pdf_contains(text, furniture), furniture


@pytest.mark.parametrize("url", SECTION_PAGES)
def test_printed_section_has_a_sane_page_count_and_a_title_block(printed, url):
    reader = PdfReader(io.BytesIO(printed[url]))
    assert 1 <= len(reader.pages) <= 12
    first = reader.pages[0]
    assert abs(float(first.mediabox.width) - 595.3) < 2 and abs(float(first.mediabox.height) - 841.9) < 2  # A4
    assert pdf_contains(first.extract_text(), "国家知识产权局局长申长雨在2023年全国知识产权局局长会议上的工作报告")
    assert url in first.extract_text().replace("\n", "")


def mean_grey(pdf: bytes, folder) -> float:
    """Average lightness (0 black … 255 white) of a printed first page, rendered by pdftoppm."""
    (folder / "page.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-gray", "-r", "20", "-f", "1", "-l", "1", "-singlefile",
                    str(folder / "page.pdf"), str(folder / "page")], check=True)
    pgm = (folder / "page.pgm").read_bytes()
    pixels = pgm.split(b"\n", 3)[3]  # P5, width height, maxval, then the pixels
    return sum(pixels) / len(pixels)


def test_dark_mode_never_prints_dark(browser, served, tmp_path):
    page = browser.new_page(color_scheme="dark")
    page.goto(served + "part-1/decade/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    assert mean_grey(pdf, tmp_path) > 225


def test_png_renders_of_printed_pages_for_people_to_look_at(printed, artefacts):
    for url in ("part-1/utilization/", "part-1/party-building/", "part-3/services/"):
        name = url.strip("/").replace("/", "-")
        (artefacts / f"print-{name}.pdf").write_bytes(printed[url])
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(artefacts / f"print-{name}.pdf"), str(artefacts / f"print-{name}")],
                       check=True)
        assert (artefacts / f"print-{name}-1.png").exists()


def test_cards_never_split_across_printed_pages(browser, served):
    page = browser.new_page()
    page.goto(served + "indicators/")  # on section pages the cards are folded and stay off paper
    page.emulate_media(media="print")
    styles = page.eval_on_selector_all(".ic-card", "els => els.map(e => [getComputedStyle(e).breakInside, getComputedStyle(e).boxShadow])")
    page.close()
    assert styles and all(b == "avoid" and s == "none" for b, s in styles)


def test_whole_report_print_view_holds_the_report_in_order(browser, served, site):
    from sitetext import seed_lines

    page = browser.new_page()
    page.goto(served + "print/")
    text = text_of(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))
    page.close()
    position = 0
    for line in seed_lines():
        position = pdf_find(text, line[:20], position)
        assert position >= 0, f"not found in order: {line[:20]}"


# --- issue 13: paper serves the text ---------------------------------------------------------------


def test_every_printed_page_says_which_page_of_how_many(printed):
    for url, pdf in printed.items():
        pages = PdfReader(io.BytesIO(pdf)).pages
        for n, page in enumerate(pages, start=1):
            assert pdf_contains(page.extract_text(), f"第{n}页/共{len(pages)}页"), (url, n)


def test_the_decade_section_prints_on_four_a4_pages_with_its_notes_and_without_its_cards(printed, site):
    pdf = printed["part-1/decade/"]
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 4
    text = text_of(pdf)
    soup = BeautifulSoup(page_html(site, "part-1/decade/"), "html.parser")
    first_note = soup.select_one("section.anno-notes li")
    assert pdf_contains(text, first_note.strong.get_text())  # the notes print (open), in place of tooltips
    assert "本段数据" not in text and "原文 p1-decade" not in text
