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
from edition.notes import PageNotes, render_page_notes
from sitetext import REPORT_PAGES, page_html, pdf_contains, report_text, term_of
from support import ROOT, error_with_broken_data, edition

TERMS = yaml.safe_load((ROOT / "data" / "annotations.yml").read_text(encoding="utf-8"))["terms"]


def example(**changes) -> Term:
    return Term.model_validate({"id": "four-styles", "forms": ["四风"], "category": "slogan",
                                "zh": "形式主义、官僚主义、享乐主义和奢靡之风。", "en": "The four undesirable work styles.",
                                "renderings_en": ["“Four Undesirable Work Styles”"],
                                "sources": ["report"], **changes})


def test_markdown_abbr_misses_a_term_inside_chinese_text_which_is_why_the_linker_annotates():
    html = markdown.markdown("*[四风]: 形式主义、官僚主义、享乐主义和奢靡之风\n\n持之以恒纠四风树新风", extensions=["abbr"])
    assert "<abbr" not in html


def test_a_term_gets_one_marker_per_page_numbered_in_order():
    notes = PageNotes(edition().strings, "glossary.md")
    first, again = to_html_string(notes.marker(example())), notes.marker(example())
    second = to_html_string(notes.marker(example(id="three-nots", forms=["三不腐"])))
    assert 'aria-label="注释 1"' in first and again is None and ">2</a>" in second
    assert 'href="/glossary.md#term-four-styles"' in first  # the marker leads to its note, also without the script
    listed = BeautifulSoup(to_html_string(render_page_notes(notes)), "html.parser")
    assert listed.select_one("summary").get_text() == "本页注释(2)"  # the script lists them when the fold opens
    assert listed.select_one("a")["href"] == "/glossary.md"  # without it, the fold leads to the glossary


def test_explanations_from_data_are_escaped():
    forced = example().model_copy(update={"zh": "<script>alert(1)</script>", "forms": ['"><img src=x onerror=alert(1)>'],
                                          "id": "x-onerror"})
    notes = PageNotes(edition().strings, "glossary.md")
    marker = BeautifulSoup(to_html_string(notes.marker(forced)), "html.parser")  # past the plain-text check
    listed = BeautifulSoup(to_html_string(render_page_notes(notes)), "html.parser")
    assert listed.select("script, img") == [] and marker.select("img") == []
    assert forced.zh not in str(listed)  # a note's words reach a page only through terms.json, set there as text


# --- the built site ----------------------------------------------------------------------------


FORMS = [form for t in TERMS for form in t["forms"]]


def stands_alone(form: str, text: str) -> bool:
    """Whether `form` occurs in `text` other than inside a longer term's words (地理标志 in 地理标志产品 is that
    term's, not 地理标志's): the longer term is the one a reader is reading."""
    for start in (i for i in range(len(text)) if text.startswith(form, i)):
        inside = any(text.startswith(longer, j) for longer in FORMS if form in longer and longer != form
                     for j in range(max(0, start - len(longer) + len(form)), start + 1)
                     if j + len(longer) >= start + len(form))
        if not inside:
            return True
    return False


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
        expected = {t["id"] for t in TERMS if any(stands_alone(form, text) for form in t["forms"])}
        markers = [term_of(a) for a in page.select("article p[id] .anno")]
        assert sorted(markers) == sorted(expected), url
        if markers:  # the page's list of notes says how many it will hold
            assert page.select_one("section.anno-notes summary").get_text() == f"本页注释({len(markers)})"
        numbers = [int(a.get_text()) for a in page.select("article p[id] .anno-marker")]
        assert numbers == list(range(1, len(markers) + 1))
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
        expected = [pid for pid, (_, text) in texts.items() if any(stands_alone(form, text) for form in term["forms"])]
        assert listed == expected, term["id"]
        for a in where.select("a"):
            target = (site / "glossary" / a["href"].split("#")[0]).resolve().relative_to(site.resolve()).as_posix()
            assert (target + "/" if target != "." else "") == texts[a["href"].split("#")[1]][0]


def test_editor_notes_stand_after_their_paragraph(site):
    notes = [(t["id"], n["paragraph"]) for t in TERMS for n in t.get("notes", [])]
    assert len(notes) >= 5
    for term_id, pid in notes:
        url = next(u for u in REPORT_PAGES if f'id="{pid}"' in page_html(site, u))
        after = soup(site, url).select_one(f"p#{pid}").find_next_sibling()
        if "ic-fold" in after.get("class", []):  # the paragraph's line of figures, then its notes
            after = after.find_next_sibling()
        assert after.name == "aside" and after["data-term"] == term_id


# --- in Chromium: hover, keyboard, touch, paper ----------------------------------------------------


PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def note_open(page) -> bool:
    return page.locator("#anno-pop").is_visible()


def opened(page) -> bool:
    """The note shows (its words are read from terms.json, and its script loaded, when first wanted)."""
    page.locator("#anno-pop").wait_for(state="visible", timeout=5000)
    return True


def box(page, selector):
    return page.locator(selector).bounding_box()


def test_a_note_opens_on_hover_and_on_keyboard_focus_and_escape_closes_it(browser, served, artefacts):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + "part-1/party-building/")
    term = next(t for t in TERMS if t["id"] == "two-establishments")
    anno = f"article .anno:has(a.anno-marker[href$='#term-{term['id']}'])"
    assert not note_open(page)
    page.hover(f"{anno} .anno-term")
    assert opened(page) and term["zh"][:20] in page.inner_text("#anno-pop")
    page.screenshot(path=str(artefacts / "tooltip-desktop.png"))
    page.keyboard.press("Escape")  # WCAG 1.4.13: dismissed without moving the pointer
    assert not note_open(page)
    page.mouse.move(0, 0)
    page.focus("#p1-party-1 .plink")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.anno')?.querySelector('.anno-marker').hash.slice(6)") == term["id"]:
            break
    assert opened(page) and term["zh"][:20] in page.inner_text("#anno-pop")
    page.keyboard.press("Escape")
    assert not note_open(page)
    assert page.evaluate("document.activeElement.classList.contains('anno-marker')")  # the reader stays where they were
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_tooltip_on_the_first_line_under_the_header_opens_below_inside_the_window(browser, served, scheme, artefacts):
    page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page.goto(served + "part-1/decade/")  # long enough to bring its first term under the header
    header = box(page, ".md-header")["height"]
    first = "article .anno >> nth=0"
    page.evaluate(f"window.scrollBy(0, {box(page, first)['y'] - header - 8})")  # its line just under the header
    term = box(page, first)
    assert header <= term["y"] <= header + 40
    page.hover(f"{first} >> .anno-term")
    assert opened(page)
    tip = box(page, "#anno-pop")
    assert tip["y"] >= term["y"] + term["height"] - 1  # below its term, never over it
    assert tip["x"] >= 0 and tip["x"] + tip["width"] <= 1280 and tip["y"] + tip["height"] <= 800
    tip_bg, shadow, page_bg = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('#anno-pop'))
      return [s.backgroundColor, s.boxShadow, getComputedStyle(document.body).backgroundColor] }""")
    assert shadow != "none" and tip_bg != "rgba(0, 0, 0, 0)"  # a raised, opaque surface of its own
    assert scheme == "light" or tip_bg != page_bg  # on dark, lighter than the page, as raised surfaces are
    page.screenshot(path=str(artefacts / f"tooltip-under-header-{scheme}.png"))
    page.mouse.move(0, 0)
    page.evaluate("window.scrollTo(0, 0)")
    low = "article .anno >> nth=-1"
    page.locator(low).scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -300)")
    page.hover(f"{low} >> .anno-term")
    low_note = page.locator(low).locator(".anno-marker").evaluate("a => a.href")
    page.wait_for_function("href => document.querySelector('#anno-pop .anno-more')?.href === href", arg=low_note)
    assert box(page, "#anno-pop")["y"] + box(page, "#anno-pop")["height"] <= box(page, low)["y"] + 1  # room: above it
    page.close()


def test_on_a_phone_a_tapped_term_opens_a_sheet_that_leaves_the_term_in_sight(browser, served, artefacts):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served + "part-1/decade/")
    anno = "article .anno:has(.anno-term) >> nth=6"
    page.evaluate(f"window.scrollBy(0, {box(page, anno)['y'] - 760})")
    assert box(page, anno)["y"] > 700  # the term near the bottom of the screen, where a sheet would cover it
    page.tap(f"{anno} >> .anno-term")  # the words themselves, not only the small number
    assert opened(page)
    sheet, term = box(page, "#anno-pop"), box(page, anno)
    assert sheet["height"] <= 0.4 * 844 and sheet["y"] + sheet["height"] <= 844 + 1
    assert term["y"] >= box(page, ".md-header")["height"] and term["y"] + term["height"] <= sheet["y"]
    page.screenshot(path=str(artefacts / "note-sheet-phone.png"))
    english = page.locator("#anno-pop .anno-en")
    assert not english.is_visible()  # Chinese first; the English behind its switch
    page.tap(".anno-pop-en")
    english.wait_for(state="visible")
    term_id = page.locator(anno).locator(".anno-marker").evaluate("a => a.hash.slice(6)")
    assert english.inner_text() == next(t["en"] for t in TERMS if t["id"] == term_id).strip()
    close = box(page, ".anno-pop-close")
    assert close["width"] >= 44 and close["height"] >= 44
    page.tap(".anno-pop-close")
    assert not note_open(page)
    page.tap(f"{anno} >> .anno-term")
    assert opened(page)
    page.keyboard.press("Escape")
    assert not note_open(page)
    page.tap(f"{anno} >> .anno-term")
    assert opened(page)
    page.tap("article h1")  # a tap elsewhere
    assert not note_open(page)
    page.tap(f"{anno} >> .anno-term")
    assert opened(page)
    page.evaluate("window.scrollBy(0, -300)")  # the reader scrolls back up
    page.locator("#anno-pop").wait_for(state="hidden")  # scrolling away closes it
    context.close()


def test_a_term_and_its_marker_are_one_target_of_at_least_44_px(browser, served):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(served + "part-1/party-building/")
    sizes = page.eval_on_selector_all("article .anno:has(.anno-term)", """els => els
        .filter(e => e.getClientRects().length === 1)
        .map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])""")
    assert len(sizes) >= 5
    assert all(w >= 44 and h >= 44 for w, h in sizes), sizes
    context.close()


def test_a_note_from_hostile_data_shows_as_text_in_the_tooltip_and_the_printed_list(browser, served):
    """terms.json is the one way a note's words reach a report page: whatever it holds is set as text."""
    hostile = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>{{ 6*7 }}"
    terms = [{**t, "zh": hostile, "en": hostile, "forms": [hostile]} for t in TERMS]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/terms.json", lambda route: route.fulfill(json=terms))
    page.goto(served + "part-1/party-building/")
    page.hover("article .anno >> nth=0 >> .anno-term")
    assert opened(page)
    assert page.inner_text("#anno-pop").count(hostile) >= 1
    page.pdf(format="A4")  # paper: the page's notes are listed before printing
    assert page.locator("section.anno-notes li").count() > 0
    assert page.locator("section.anno-notes li >> nth=0").text_content().startswith(hostile)  # closed on screen
    assert page.locator("article img, #anno-pop img, #anno-pop script, section.anno-notes script").count() == 0
    assert page.title() != "pwned"
    page.close()


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


def test_every_glossary_entry_names_its_sources(site):
    glossary = soup(site, "glossary/")
    for term in TERMS:
        sources = glossary.select_one(f"h3#term-{term['id']}").find_next_sibling("p", class_="sources")
        assert sources is not None, term["id"]
        for document in (s for s in term["sources"] if s != "report"):
            assert document["title"] in sources.get_text(), term["id"]
