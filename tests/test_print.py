"""Issue 7, paper: every section page prints on A4 with its words, without the screen's furniture."""

from __future__ import annotations

import io
import subprocess

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from sitetext import REPORT_PAGES, page_html, pdf_contains, pdf_find, term_of
from support import edition, page_url

from edition.printing import css_string, running_heads_css, section_name, top_level

SECTION_PAGES = REPORT_PAGES[1:]
SCREEN_ONLY = ["上一页", "下一页", "Made with", "切换到深色模式", "打印本节", "键入以开始搜索", "试试"]


def paragraphs(site, url) -> list[str]:
    soup = BeautifulSoup(page_html(site, url), "html.parser")
    out = []
    for p in soup.select("article p[id]"):
        for added in p.select(".ed:not(.anno-marker)"):  # a note's number prints beside its term, as on screen
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
    greys = {}
    for scheme in ("light", "dark"):
        page = browser.new_page(color_scheme=scheme)
        page.goto(served + "part-1/decade/")
        assert page.get_attribute("body", "data-md-color-scheme") == {"light": "default", "dark": "slate"}[scheme]
        greys[scheme] = mean_grey(page.pdf(format="A4", print_background=True, prefer_css_page_size=True), tmp_path)
        page.close()
    assert greys["light"] > 200  # black text on white paper (a dark page would be about 50)
    assert abs(greys["dark"] - greys["light"]) < 1  # the reader's dark scheme prints as the light one


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


@pytest.fixture(scope="module")
def whole_report(browser, served):
    """The whole-report page printed by Chromium to A4."""
    page = browser.new_page()
    page.goto(served + page_url(edition().particulars.pages.print))
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    return pdf


def test_whole_report_print_view_holds_the_report_in_order(whole_report):
    from sitetext import seed_lines

    text = text_of(whole_report)
    position = 0
    for line in seed_lines():
        position = pdf_find(text, line[:20], position, note_numbers=True)
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
    first = edition().terms[term_of(soup.select_one("article .anno"))]
    assert pdf_contains(text, first.zh[:20])  # the notes print (listed before printing), in place of tooltips
    assert "本段数据" not in text and "原文 p1-decade" not in text


# --- issue 13: a running head on every sheet, links as plain text, the whole-report page ------------


def test_every_printed_page_of_a_section_carries_the_short_title_and_the_section(printed):
    ed = edition()
    for report_page in ed.report.pages[1:]:
        url = page_url(report_page.src)
        for n, sheet in enumerate(PdfReader(io.BytesIO(printed[url])).pages, start=1):
            text = sheet.extract_text()
            assert pdf_contains(text, ed.strings["running_title"]), (url, n)
            assert pdf_contains(text, section_name(report_page.title)), (url, n)


def test_the_running_head_sits_in_the_top_margin_above_the_text(browser, served, tmp_path):
    """Read from the rendered sheet: a line of head, then blank paper, then the text: nothing overlaps."""
    page = browser.new_page()
    page.goto(served + "part-1/decade/")
    (tmp_path / "sheet.pdf").write_bytes(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))
    page.close()
    subprocess.run(["pdftoppm", "-gray", "-r", "72", "-f", "2", "-l", "2", "-singlefile", str(tmp_path / "sheet.pdf"),
                    str(tmp_path / "sheet")], check=True)
    header, size, _, pixels = (tmp_path / "sheet.pgm").read_bytes().split(b"\n", 3)
    width, height = map(int, size.split())
    inked = [y for y in range(height // 5) if min(pixels[y * width:(y + 1) * width]) < 200]
    bands = [[y, y] for k, y in enumerate(inked) if k == 0 or inked[k - 1] != y - 1]  # rows of ink, top to bottom
    for band in bands:
        while band[1] + 1 in inked:
            band[1] += 1
    head, rule, text = bands[:3]
    top_margin = 18 / 25.4 * 72  # @page margin-top, in points (72 dpi: one row a point)
    assert head[1] < rule[0] - 2 and rule[1] - rule[0] <= 2 and rule[1] <= top_margin + 1  # the head and its rule, in the margin
    assert text[0] > rule[1] + 2  # then blank paper, then the sheet's text


@pytest.mark.parametrize("url", ["part-1/protection/", "glossary/"])
def test_links_print_as_plain_text_in_the_colour_of_their_text(browser, served, url):
    page = browser.new_page()
    page.goto(served + url)
    page.emulate_media(media="print")
    page.evaluate("document.getAnimations().forEach(a => a.finish())")  # the screen's colour transitions, ended as paper has none
    links = page.eval_on_selector_all("article a:not(.plink)", """links => links.filter(a => a.getClientRects().length).map(a => {
        const own = getComputedStyle(a), around = getComputedStyle(a.parentElement);
        return {text: a.textContent, entity: a.classList.contains("ent"), colour: own.color === around.color,
                underline: own.textDecorationLine, border: own.borderBottomStyle === "none" || parseFloat(own.borderBottomWidth) === 0};
    })""")
    page.close()
    assert len(links) > 5 and (url != "part-1/protection/" or any(link["entity"] for link in links))
    plain = [link["text"] for link in links if link["colour"] and link["underline"] == "none" and link["border"]]
    assert plain == [link["text"] for link in links]


def test_the_whole_report_prints_each_part_under_its_own_running_head(whole_report, artefacts):
    ed = edition()
    sheets = [sheet.extract_text() for sheet in PdfReader(io.BytesIO(whole_report)).pages]
    assert all(pdf_contains(text, ed.strings["running_title"]) for text in sheets)
    assert pdf_contains(sheets[0], ed.strings["print_title"])  # the title page with the contents
    parts = [p for p in ed.report.pages[1:] if top_level(p.src)]
    heads = []
    for text in sheets[1:]:
        named = [part.src for part in parts if pdf_contains(text, section_name(part.title))]
        named += ["notes"] if pdf_contains(text, ed.strings["notes_title"]) else []
        assert len(named) == 1, named  # each sheet is of one part (a part starts a sheet)
        heads.append(named[0])
    assert list(dict.fromkeys(heads)) == [part.src for part in parts] + ["notes"]  # in the report's order
    (artefacts / "print-whole-report.pdf").write_bytes(whole_report)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", str(artefacts / "print-whole-report.pdf"),
                    str(artefacts / "print-whole-report")], check=True)


def test_the_print_page_lists_each_part_and_section_and_its_button_says_it_prints_the_whole_report(site):
    ed = edition()
    soup = BeautifulSoup(page_html(site, page_url(ed.particulars.pages.print)), "html.parser")
    contents = soup.select_one("article nav.print-contents")
    assert contents is not None and contents.get("aria-label") == ed.strings["contents_label"]
    links = contents.select("a")
    # the report's parts and sections, then the edition's own closing account (来源与版本)
    ours = [next(h.strings) for h in soup.select("article section.ed > h2")]
    assert ours and [a.get_text() for a in links] == [p.title for p in ed.report.pages[1:]] + ours
    for a in links:  # each leads to its heading on this page
        target = soup.find(id=a["href"][1:])
        assert target is not None and target.name in ("h2", "h3") and target.get_text().startswith(a.get_text()), a["href"]
    parts = [a.get_text() for a in contents.select(":scope > ul > li > a")]
    assert parts == [p.title for p in ed.report.pages[1:] if top_level(p.src)] + ours
    assert soup.select_one("button.print-button").get_text() == ed.strings["print_all_button"]
    section = BeautifulSoup(page_html(site, "part-1/examination/"), "html.parser")
    assert section.select_one("button.print-button").get_text() == ed.strings["print_button"]


def test_the_print_page_shows_its_contents_and_button_on_screen(browser, served):
    ed = edition()
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(served + page_url(ed.particulars.pages.print))
    assert page.locator("nav.print-contents").is_visible()
    assert page.inner_text("button.print-button") == ed.strings["print_all_button"]
    first = [p for p in ed.report.pages[1:] if top_level(p.src)][0]
    page.click(f"nav.print-contents a:text-is('{first.title}')")
    target = page.evaluate("document.getElementById(decodeURIComponent(location.hash.slice(1)))?.textContent")
    assert target and target.startswith(first.title)
    page.close()


def test_a_title_with_a_quote_backslash_or_tag_stays_inside_its_css_string_and_its_style_element():
    assert css_string('a"b\\c\nd') == '"a\\22 b\\5c c\\a d"'
    assert css_string("</style><script>") == '"\\3c /style\\3e \\3c script\\3e "'
    ed = edition()
    for report_page in ed.report.pages[1:]:
        css = running_heads_css(ed, report_page.src)
        assert css_string(section_name(report_page.title)) in css and "<" not in css
    assert running_heads_css(ed, ed.report.pages[0].src) is None  # the home page prints without a running head


def test_each_section_page_carries_only_its_own_running_head(site):
    for url in SECTION_PAGES:
        styles = BeautifulSoup(page_html(site, url), "html.parser").select("style[media=print]")
        assert len(styles) == 1 and styles[0].get_text().count("@top-right") == 1, url
