"""Issue 2 in a real browser: the pages read well at desktop and phone widths, light and dark."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

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


def test_paragraph_permalink_shows_on_hover(browser, served):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(served + "part-1/examination/")
    link = page.locator("#p1-2-1 > a.plink")
    assert link.evaluate("a => getComputedStyle(a).opacity") == "0"
    page.hover("#p1-2-1")
    page.wait_for_timeout(300)
    assert link.evaluate("a => getComputedStyle(a).opacity") == "1"
    link.click()
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
    alone = page.evaluate("""() => { document.querySelectorAll('article .ed, article .headerlink').forEach(e => e.remove())
      return document.querySelector('article').getBoundingClientRect().height }""")
    assert whole <= 1.6 * alone, (whole, alone)
    page.reload()
    fold = page.locator("details.ic-fold").first
    assert not fold.locator(".ic-card").first.is_visible()
    fold.locator("summary").click()  # opens in place
    assert fold.locator(".ic-card").first.is_visible()
    page.close()
