"""The English reading aid in Debian's Chromium: three reading modes on every report page, chosen with one control and
remembered; the English beside its Chinese, lang="en", labelled as this edition's unofficial translation; printable;
searchable; the Chinese untouched and the Chinese mode no heavier than before."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from searching import open_search, search
from sitetext import REPORT_PAGES, compare_with_seed, pdf_contains, pdf_find, report_blocks, seed_lines
from support import ROOT, edition, page_url

PAGE = "part-1/examination/"  # (二) 审查: p1-2-1 … p1-2-3
NEXT = "part-1/protection/"
ENGLISH = edition().english.lines
NOTICE = edition().strings["english_notice"]

# English query -> the paragraph whose English must be among the first three results
ENGLISH_QUERIES = {
    "pledge financing": "p1-4-2", "Bing Dwen Dwen": "p1-2-3", "Hague Agreement": "p1-6-1",
    "patent term compensation for drugs": "p1-decade-5", "Global Innovation Index": "p1-decade-8",
    "whitelist": "p1-4-2", "punitive damages": "p1-decade-5", "black swan": "p2-3-2", "486.88 billion": "p1-4-2",
    "6.177 million": "p1-2-1", "open licensing pilot": "p1-4-4", "La'eeb": "p1-2-3", "Yazhou Bay": "p1-3-3",
    "common prosperity": "p2-1-2", "Xinjiang Production and Construction Corps": "p1-1-2",
}


def open_in(browser, served, url: str, mode: str | None, width: int = 1280, scheme: str = "light"):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    if mode:
        page.add_init_script(f"localStorage.setItem('edition.language', {json.dumps(mode)})")
    page.goto(served + url)
    if mode in ("bi", "en"):
        page.wait_for_selector("article .en-para")
    return page, asked


def choose(page, label: str) -> None:
    page.get_by_role("group", name=edition().strings["language_label"]).get_by_role("button", name=label).click()


def test_the_english_queries_are_the_englishs_own_words():
    """The test data is checked against the translation itself."""
    assert len(ENGLISH_QUERIES) >= 10
    assert [q for q, pid in ENGLISH_QUERIES.items() if q.lower() not in ENGLISH[pid].lower()] == []


def test_the_chinese_mode_asks_for_no_english(browser, served):
    page, asked = open_in(browser, served, PAGE, None)
    page.wait_for_timeout(300)
    assert not [url for url in asked if "english" in url]
    assert page.locator("article .en-para, article .en-heading, article .en-notice").count() == 0
    assert page.get_by_role("button", name="中文").get_attribute("aria-pressed") == "true"
    page.context.close()


def test_both_languages_put_each_english_paragraph_under_its_chinese_and_the_choice_is_remembered(browser, served):
    page, _ = open_in(browser, served, PAGE, None)
    choose(page, edition().strings["language_bi"])
    page.wait_for_selector("article .en-para")
    pairs = page.eval_on_selector_all("article p[id]", """ps => ps.map(p => [p.id,
        p.nextElementSibling && p.nextElementSibling.matches('.ed.en-para[lang=en]') ? p.nextElementSibling.innerText : null,
        getComputedStyle(p).height !== '0px'])""")
    ids = [p.id for p in edition().report.by_src["part-1/examination.md"].paragraphs]
    assert [pid for pid, _, _ in pairs] == ids
    for pid, english, chinese_shown in pairs:
        assert english is not None and ENGLISH[pid] in english and chinese_shown, pid
    heading = page.locator("article h1")
    assert ENGLISH[edition().report.by_src["part-1/examination.md"].title] in heading.inner_text()
    assert page.locator("article .en-notice").inner_text() == NOTICE
    page.goto(served + NEXT)  # remembered on the next page
    page.wait_for_selector("article .en-para")
    assert page.get_by_role("button", name=edition().strings["language_bi"]).get_attribute("aria-pressed") == "true"
    page.context.close()


def test_every_english_element_is_the_editions_and_says_it_is_english(browser, served):
    page, _ = open_in(browser, served, PAGE, "bi")
    wrong = page.eval_on_selector_all(".en-para, .en-heading, .en-notice",
                                      "els => els.filter(e => e.lang !== 'en' || !e.classList.contains('ed')).length")
    assert wrong == 0 and page.locator(".en-para").count() == len(edition().report.by_src["part-1/examination.md"].paragraphs)
    page.context.close()


@pytest.mark.parametrize("mode", ["bi", "en"])
def test_the_chinese_stays_verbatim_with_the_english_shown(browser, served, mode):
    """The whole report, each page's DOM with the English in, compared with the seed once the edition's additions
    (class ed) are taken out."""
    page, _ = open_in(browser, served, REPORT_PAGES[1], mode)
    blocks = []
    for url in REPORT_PAGES:
        page.goto(served + url)
        if url != REPORT_PAGES[0]:  # the home page links the English home page instead
            page.wait_for_selector("article .en-para")
        blocks += report_blocks(page.content())
    assert compare_with_seed(blocks, seed_lines()) == []
    page.context.close()


def test_english_alone_folds_each_chinese_paragraph_one_tap_away_and_its_link_lands_on_the_english(browser, served):
    page, _ = open_in(browser, served, PAGE + "#p1-2-3", "en", width=390)
    chinese = page.locator("#p1-2-3")
    assert chinese.bounding_box()["height"] == 0
    twin = page.locator("#p1-2-3 + .en-para")
    box = twin.bounding_box()
    assert 0 <= box["y"] < 300, box  # the paragraph's address scrolls its English into view
    button = twin.get_by_role("button", name=edition().strings["english_show_zh"])
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert chinese.bounding_box()["height"] > 40
    assert page.locator("article h1 .zh-heading").is_hidden()
    page.context.close()


def test_a_hostile_translation_shows_as_text(browser, served):
    context = browser.new_context()
    page = context.new_page()
    hostile = '<img src=x onerror="window.pwned=1">"); window.pwned = 2; ("'
    data = {"notice": hostile, "paragraphs": {"p1-2-1": hostile}, "headings": {}}
    page.route("**/english-text.js", lambda route: route.fulfill(
        content_type="text/javascript", body=f"window.edition.receiveEnglish({json.dumps(data)})"))
    page.add_init_script("localStorage.setItem('edition.language', 'bi')")
    page.goto(served + PAGE)
    page.wait_for_selector("article .en-para")
    assert page.locator("#p1-2-1 + .en-para .en-text").inner_text().endswith(hostile)
    assert page.locator("article .en-para img").count() == 0
    assert page.evaluate("window.pwned") is None
    context.close()


@pytest.mark.parametrize("query", ENGLISH_QUERIES)
def test_an_english_query_lands_its_paragraph_in_the_top_three_and_opens_it_in_both_languages(browser, served, query):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served)
    open_search(page)
    pid = ENGLISH_QUERIES[query]
    assert f"/{page_url(edition().report.page_of[pid].src)}#{pid}" in search(page, query)[:3]
    page.locator(f"a.md-search-result__link[href*='#{pid}']").first.click()
    page.wait_for_selector(f"#{pid} + .en-para")
    assert page.locator(f"#{pid} + .en-para").is_visible()
    page.close()


@pytest.fixture(scope="module")
def printed_both(browser, served):
    page, _ = open_in(browser, served, PAGE, "bi")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.context.close()
    return pdf


def test_a_section_prints_in_both_languages_with_the_notice(printed_both, artefacts):
    (artefacts / "examination-both-languages.pdf").write_bytes(printed_both)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(printed_both)).pages)
    for para in edition().report.by_src["part-1/examination.md"].paragraphs:
        assert pdf_find(text, para.text[:40], note_numbers=True) >= 0, para.id  # a note's number prints beside its term
        assert pdf_contains(text, ENGLISH[para.id][:60]), para.id
    assert pdf_contains(text, NOTICE)


def test_english_alone_prints_the_english_and_not_the_chinese(browser, served):
    page, _ = open_in(browser, served, PAGE, "en")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    page.context.close()
    paragraph = edition().report.paragraphs["p1-2-2"]
    assert pdf_contains(text, ENGLISH["p1-2-2"][:60]) and not pdf_contains(text, paragraph.text[:20])


@pytest.mark.parametrize("mode", ["zh", "bi", "en"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_three_modes_for_people_to_look_at(browser, served, artefacts, mode, width, scheme):
    page, _ = open_in(browser, served, PAGE, mode, width=width, scheme=scheme)
    page.screenshot(path=str(artefacts / f"english-{mode}-{width}-{scheme}.png"))
    assert page.get_by_role("button", name=edition().strings[f"language_{mode}"]).get_attribute("aria-pressed") == "true"
    page.context.close()


def test_the_translation_glossary_downloads_with_every_entity_and_term(site):
    import csv

    rows = list(csv.DictReader((site / "translation-glossary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert {(r["kind"], r["id"]) for r in rows} == (
        {("entity", e) for e in edition().entities} | {("term", t) for t in edition().terms})
    patent_law = next(r for r in rows if r["id"] == "patent-law")
    assert (patent_law["zh"], patent_law["en"]) == ("中华人民共和国专利法", "Patent Law of the People's Republic of China")
    assert (ROOT / "data" / "translation.yml").exists()


def test_the_english_home_page_is_english_and_opens_every_report_page_in_both_languages(site):
    from bs4 import BeautifulSoup

    from sitetext import page_html

    soup = BeautifulSoup(page_html(site, "en"), "html.parser")
    body = soup.select_one("article div[lang=en]")
    assert body is not None and body.find("h1")
    links = body.select("nav.report-contents a")
    pages = edition().report.pages[1:]
    assert len(links) == len(pages)
    for link, page in zip(links, pages):
        assert link.get_text().startswith(edition().english.title(page))
        target, _, query = link["href"].partition("?")
        assert query == "lang=en" and (site / "en" / target / "index.html").resolve().exists(), link["href"]
    home = BeautifulSoup(page_html(site, ""), "html.parser")
    assert home.select_one("article p[lang=en] a[href='en/']")
