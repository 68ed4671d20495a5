"""Issue 5: the report's terms explained in place, in a glossary, on screen and on paper."""

from __future__ import annotations

import io

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from markdown.serializers import to_html_string

from edition.annotations import Term
from edition.notes import PageNotes, render_marker, render_page_notes
from sitetext import REPORT_PAGES, page_html, pdf_contains, report_text
from support import ROOT, error_with_broken_data, edition

TERMS = yaml.safe_load((ROOT / "data" / "annotations.yml").read_text(encoding="utf-8"))["terms"]


def example(**changes) -> Term:
    return Term.model_validate({"id": "four-styles", "forms": ["四风"], "category": "slogan",
                                "zh": "形式主义、官僚主义、享乐主义和奢靡之风。", "en": "The four undesirable work styles.", **changes})


def test_markdown_abbr_misses_a_term_inside_chinese_text_which_is_why_the_linker_annotates():
    html = markdown.markdown("*[四风]: 形式主义、官僚主义、享乐主义和奢靡之风\n\n持之以恒纠四风树新风", extensions=["abbr"])
    assert "<abbr" not in html


def test_a_term_gets_one_marker_per_page_numbered_in_order():
    notes = PageNotes(edition().strings)
    first, again = to_html_string(notes.marker(example())), notes.marker(example())
    second = to_html_string(notes.marker(example(id="three-nots", forms=["三不腐"])))
    assert 'aria-label="注释 1:四风"' in first and again is None and ">2</button>" in second
    listed = BeautifulSoup(to_html_string(render_page_notes(notes, "glossary.md")), "html.parser")
    assert [li["id"] for li in listed.select("li")] == ["anno-note-1", "anno-note-2"]
    assert listed.select_one("a")["href"] == "/glossary.md#term-four-styles"


def test_explanations_from_data_are_escaped():
    forced = example().model_copy(update={"zh": "<script>alert(1)</script>"})  # past the plain-text check
    html = to_html_string(render_marker(forced, 1, edition().strings))
    assert "<script>" not in html and "&lt;script&gt;" in html


# --- the built site ----------------------------------------------------------------------------


def soup(site, url):
    return BeautifulSoup(page_html(site, url), "html.parser")


def page_report_text(page) -> str:
    """The report's words on a page (paragraphs only), with the edition's additions removed."""
    return "\n".join(report_text(p) for p in page.select("article p[id]"))


def test_each_term_is_annotated_once_on_every_report_page_where_it_occurs(site):
    checked = 0
    for url in REPORT_PAGES:
        page = soup(site, url)
        text = page_report_text(page)
        expected = {t["id"] for t in TERMS if any(form in text for form in t["forms"])}
        markers = [a["data-term"] for a in page.select("article p[id] .anno")]
        assert sorted(markers) == sorted(expected), url
        notes = [li.strong.get_text() for li in page.select("section.anno-notes li")]
        assert len(notes) == len(markers)
        checked += len(markers)
    assert checked > len(TERMS)


def test_an_entity_link_and_an_annotation_never_overlap(site):
    for url in REPORT_PAGES:
        page = soup(site, url)
        assert not page.select("a.ent .anno, a.ent .anno-term, .anno-term a.ent, .anno a.ent"), url


def test_glossary_lists_every_term_with_each_paragraph_where_it_occurs(site):
    glossary = soup(site, "glossary/")
    texts = {}
    for url in REPORT_PAGES:
        for p in soup(site, url).select("article p[id]"):
            texts[p["id"]] = (url, report_text(p))
    for term in TERMS:
        heading = glossary.select_one(f"h3#term-{term['id']}")
        assert heading is not None, term["id"]
        where = heading.find_next_sibling("p", class_="term-where")
        listed = [a["href"].split("#")[1] for a in where.select("a")]
        expected = [pid for pid, (_, text) in texts.items() if any(form in text for form in term["forms"])]
        assert listed == expected, term["id"]
        for a in where.select("a"):
            target = (site / "glossary" / a["href"].split("#")[0]).resolve().relative_to(site.resolve()).as_posix()
            assert (target + "/" if target != "." else "") == texts[a["href"].split("#")[1]][0]


def test_editor_notes_stand_after_their_paragraph(site):
    notes = [(t["id"], n["paragraph"]) for t in TERMS for n in t.get("notes", [])]
    assert len(notes) >= 5
    for term_id, pid in notes:
        url = next(u for u in REPORT_PAGES if f'id="{pid}"' in page_html(site, u))
        aside = soup(site, url).select_one(f"p#{pid}").find_next_sibling()
        assert aside.name == "aside" and aside["data-term"] == term_id


# --- in Chromium: hover, keyboard, touch, paper ----------------------------------------------------


def tip_visible(page, n):
    return page.locator(f"#anno-tip-{n}").evaluate("e => getComputedStyle(e).visibility") == "visible"


def test_tooltip_opens_on_hover_and_on_keyboard_focus(browser, served, artefacts):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + "part-1/party-building/")
    assert not tip_visible(page, 3)
    page.hover("button[aria-describedby='anno-tip-3']")
    page.wait_for_timeout(250)
    assert tip_visible(page, 3)
    page.screenshot(path=str(artefacts / "tooltip-desktop.png"))
    page.mouse.move(0, 0)
    page.wait_for_timeout(250)
    assert not tip_visible(page, 3)
    page.focus("#p1-party-1 .plink")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "anno-tip-3":
            break
    page.wait_for_timeout(250)
    assert tip_visible(page, 3)
    page.close()


def test_tooltip_opens_on_tap_on_a_phone(browser, served, artefacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(served + "part-1/party-building/")
    page.tap("button[aria-describedby='anno-tip-4']")
    page.wait_for_timeout(250)
    assert tip_visible(page, 4)
    box = page.locator("#anno-tip-4").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
    page.screenshot(path=str(artefacts / "tooltip-phone.png"))
    context.close()


def test_printed_page_holds_its_notes(browser, served, artefacts):
    page = browser.new_page()
    page.goto(served + "part-1/party-building/")
    pdf = page.pdf(format="A4", print_background=True)
    (artefacts / "party-building.pdf").write_bytes(pdf)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert pdf_contains(text, "本页注释")
    for term_id in ("two-establishments", "three-nots-corruption", "four-undesirable-styles"):
        term = next(t for t in TERMS if t["id"] == term_id)
        assert pdf_contains(text, term["zh"][:20]), term_id
        assert not pdf_contains(text, term["en"][:30]), term_id  # issue 13: paper keeps the Chinese note, compact
    page.close()


# --- bad data stops the build, naming the entry ------------------------------------------------------


def term(terms, term_id):
    return next(t for t in terms if t["id"] == term_id)


BAD_TERMS = {
    "unknown paragraph": (lambda ts: term(ts, "three-nots-corruption").update(notes=[{"paragraph": "p9-9-9", "zh": "注", "en": "note"}]),
                          "data/annotations.yml: three-nots-corruption: note for unknown paragraph id 'p9-9-9'"),
    "duplicate term": (lambda ts: term(ts, "four-confidences")["forms"].append("三不腐"),
                       "data/annotations.yml: three-nots-corruption: form '三不腐' is also a form of 'four-confidences'"),
    "duplicate id": (lambda ts: ts.append(dict(term(ts, "three-nots-corruption"))), "data/annotations.yml: three-nots-corruption: duplicate id"),
    "term never occurs": (lambda ts: term(ts, "three-nots-corruption")["forms"].append("四不腐"),
                          "data/annotations.yml: three-nots-corruption: form '四不腐' never occurs in the report"),
    "term is an entity alias": (lambda ts: term(ts, "three-nots-corruption")["forms"].append("广东"),
                                "data/annotations.yml: three-nots-corruption: form '广东' is an alias of entity 'guangdong'"),
}


@pytest.mark.parametrize("fault", BAD_TERMS, ids=list(BAD_TERMS))
def test_bad_annotation_data_stops_the_build_and_names_the_entry(project_copy, fault):
    change, message = BAD_TERMS[fault]
    assert message in error_with_broken_data(project_copy, "annotations.yml", lambda data: change(data["terms"]))
