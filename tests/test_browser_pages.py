"""Issue 2 in a real browser: the pages read well at desktop and phone widths, light and dark."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from support import edition

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("url", ["", "part-1/examination/"], ids=["home", "section"])
def test_page_fits_the_screen_and_asks_no_other_host(browser, served, artefacts, url, viewport, scheme):
    context = browser.new_context(viewport=viewport, color_scheme=scheme, device_scale_factor=1)
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto(served + url, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    assert hosts == {urlparse(served).netloc}
    name = f"{url.strip('/').replace('/', '-') or 'home'}-{viewport['width']}-{scheme}.png"
    page.screenshot(path=str(artefacts / name), full_page=False)
    context.close()


def test_paragraph_ids_stand_beside_the_text_never_in_it(browser, served):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(served + "part-1/examination/")
    overlaps = page.eval_on_selector_all("article p[id] > a.plink", """links => links.map(a => {
        const id = a.getBoundingClientRect(), text = document.createRange()
        text.selectNodeContents(a.parentElement); text.setStartAfter(a)
        const first = text.getClientRects()[0]
        return [a.textContent, a.getBoundingClientRect().width > 0, id.bottom <= first.top + 1]
      })""")
    assert overlaps and all(shown and clear for _, shown, clear in overlaps), overlaps
    page.click("#p1-2-1 > a.plink")
    assert page.url.endswith("/part-1/examination/#p1-2-1")
    page.close()


def test_palette_toggle_switches_light_to_dark(browser, served):
    page = browser.new_page(viewport=DESKTOP, color_scheme="light")
    page.goto(served)
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.click("label[title='切换到深色模式']")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.close()


# --- issue 13: the report's text leads -------------------------------------------------------------


def test_the_decade_section_reads_as_text_figures_and_notes_folded(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(served + "part-1/decade/")
    gaps = page.evaluate("""() => { const ps = [...document.querySelectorAll('article p[id]')]
      return ps.slice(1).map((p, i) => p.getBoundingClientRect().top - ps[i].getBoundingClientRect().bottom) }""")
    assert max(gaps) <= 800  # never more than a screen between two paragraphs of the report
    whole = page.evaluate("() => document.querySelector('article').getBoundingClientRect().height")
    # the report's text alone, in the same column (the ids take no room: they stay, and keep the layout)
    alone = page.evaluate("""() => { document.querySelectorAll('article .ed:not(.plink), article .headerlink').forEach(e => e.remove())
      return document.querySelector('article').getBoundingClientRect().height }""")
    assert whole <= 1.6 * alone, (whole, alone)
    page.reload()
    fold = page.locator("details.ic-fold").first
    assert fold.locator(".ic-card").count() == 0  # the cards live on the data page until asked for
    fold.locator("summary").click()  # opens in place
    fold.locator(".ic-card").first.wait_for(state="visible")
    wanted = [i.id for i in edition().indicators.values() if i.paragraph == fold.get_attribute("data-paragraph")]
    assert [c.get_attribute("data-indicator") for c in fold.locator(".ic-card").all()] == wanted
    paragraph = fold.evaluate("f => { let e = f.previousElementSibling; while (!e.matches('p[id]')) e = e.previousElementSibling; return e.id }")
    fold.locator("a.ic-source").first.click()  # a card's link still leads to its paragraph, just above, on this page
    assert urlparse(page.url).path.endswith("/part-1/decade/") and urlparse(page.url).fragment == paragraph
    page.close()


# --- issue 13: the reading control -----------------------------------------------------------------

LAYERS = {"links": "article p[id] a.ent", "notes": "article .anno-marker", "figures": "article details.ic-fold",
          "ids": "article a.plink"}


def layer_button(page, layer):
    return page.locator(f".reading-control button[data-layer='{layer}']")


def test_only_the_first_mention_of_a_name_on_a_page_is_marked_and_the_rest_show_on_hover(browser, served):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(served + "part-3/strategy/")  # names the same plans more than once
    marked = page.eval_on_selector_all("article p[id] a.ent", """links => links.map(a =>
        [a.dataset.entity, getComputedStyle(a).borderBottomColor !== 'rgba(0, 0, 0, 0)'])""")
    first = {}
    for entity, underlined in marked:
        assert underlined == (entity not in first), entity
        first.setdefault(entity, True)
    assert len(marked) > len(first)  # the page names something twice
    again = page.locator("article a.ent-again").first
    text_colour = page.eval_on_selector("article p[id]", "p => getComputedStyle(p).color")
    assert again.evaluate("a => getComputedStyle(a).color") == text_colour
    again.hover()
    assert again.evaluate("a => getComputedStyle(a).borderBottomColor") != "rgba(0, 0, 0, 0)"
    page.close()


def test_the_reading_control_hides_each_layer_and_remembers_it_across_pages(browser, served, artefacts):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(served + "part-1/utilization/")
    for layer, selector in LAYERS.items():
        assert page.locator(selector).first.is_visible(), layer
        assert layer_button(page, layer).get_attribute("aria-pressed") == "true"
    text_colour = page.eval_on_selector("article p[id]", "p => getComputedStyle(p).color")
    for layer in LAYERS:
        layer_button(page, layer).click()
    page.screenshot(path=str(artefacts / "reading-control-text-only.png"))
    assert not page.locator("article .anno-marker").first.is_visible()
    assert not page.locator("article details.ic-fold").first.is_visible()
    assert not page.locator("article a.plink").first.is_visible()
    link = page.locator("article p[id] a.ent").first
    assert link.evaluate("a => getComputedStyle(a).color") == text_colour  # still a link, read as text
    page.click("article .anno-term >> nth=0")
    assert not page.locator("#anno-pop").is_visible()  # notes off: a term is only words
    page.goto(served + "part-3/services/")  # another page: the choice holds
    for layer in LAYERS:
        assert layer_button(page, layer).get_attribute("aria-pressed") == "false", layer
    assert not page.locator("article a.plink").first.is_visible()
    layer_button(page, "ids").click()
    assert page.locator("article a.plink").first.is_visible()
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_on_wide_screens_a_paragraphs_figures_stand_beside_it(browser, served, viewport, artefacts):
    page = browser.new_page(viewport=viewport)
    page.goto(served + "part-1/utilization/")  # five paragraphs with figures
    placed = page.eval_on_selector_all("article details.ic-fold", """items => items.map(item => {
        let p = item.previousElementSibling
        while (!p.matches('p[id]')) p = p.previousElementSibling
        const a = p.getBoundingClientRect(), b = item.getBoundingClientRect()
        return {beside: b.left >= a.right && b.top < a.bottom, below: b.top >= a.bottom - 1 && b.left < a.right}
      })""")
    assert len(placed) == 5
    where = "beside" if viewport is DESKTOP else "below"
    assert all(p[where] for p in placed), placed
    if viewport is DESKTOP:  # the page's contents moved into the navigation on the left, to make room
        page.goto(served + "part-1/decade/")
        assert page.locator(".md-nav--primary .md-nav--secondary a").first.is_visible()
        assert not page.locator(".md-sidebar--secondary").is_visible()
    page.close()
