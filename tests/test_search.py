"""Issue 6: Chinese search in Chromium finds what readers type, the way a person types it."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import material
import pytest

from edition.search_worker import PATCHES, patch_search_worker

# query -> a page that must be among the top three results (path as the site serves it)
QUERIES = {
    "桂惠贷": "/part-1/utilization/",          # a programme name, in quotation marks in the report
    "冰墩墩": "/part-1/examination/",          # a name in quotation marks
    "三不腐": "/part-1/party-building/",       # the segmenter's last-character case
    "全球创新指数": "/part-1/decade/",
    "专利密集型产业": "/part-1/decade/",
    "质押融资": "/part-1/utilization/",        # a compound …
    "融资": "/part-1/utilization/",            # … and its part
    "专利开放许可": "/glossary/",              # a term: the glossary and the pilot's page come first
    "开放许可": "/part-1/utilization/",
    "知识产权强国建设纲要": "/entities/ip-power-outline/",
    "4868.8": "/part-1/utilization/",          # a number
    "广东": "/entities/guangdong/",            # a place name: its own page first
    "海牙协定": "/entities/hague-agreement/",
    "RCEP": "/entities/rcep/",                 # an English term
    "审查周期": "/part-1/decade/",
    "一网通办": "/glossary/",
    "商标代理": "/part-1/services/",
}
FIRST = {"广东": "/entities/guangdong/", "海牙协定": "/entities/hague-agreement/", "三不腐": "/glossary/", "桂惠贷": "/glossary/"}
NO_MATCH = "量子纠缠"  # never said in the report


def search(page, query: str) -> list[str]:
    """Type a query as a person with an input method does, and read the result links in order."""
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "")
    page.keyboard.insert_text(query)  # an IME inserts text without key events …
    page.keyboard.press("End")  # … so a key press wakes Material's search up
    page.wait_for_function(
        "q => { const m = document.querySelector('.md-search-result__meta'); "
        "return m && !/键入|初始化/.test(m.textContent) && document.querySelector('.md-search__input').value === q }",
        arg=query,
    )
    page.wait_for_timeout(150)
    hrefs = page.eval_on_selector_all(
        "li.md-search-result__item > a.md-search-result__link", "els => els.map(e => e.getAttribute('href'))"
    )
    return [urlparse(h).path for h in hrefs]


def top_pages(paths: list[str], n=3) -> list[str]:
    return list(dict.fromkeys(paths))[:n]


@pytest.fixture(scope="module")
def search_page(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served)
    yield page
    page.close()


# Ranked in the top 3 only while the cards' labels leaked into the index (issue 11 took them out); issue 12
# (paragraph-level results) is the fix. strict: the day it passes, this mark must go.
RANKED_LOW = {"开放许可": "issue 12: /part-1/utilization/ ranks 6th now that card labels are not indexed"}


@pytest.mark.parametrize("query", [pytest.param(q, marks=pytest.mark.xfail(strict=True, reason=RANKED_LOW[q])) if q in RANKED_LOW
                                   else q for q in QUERIES])
def test_query_lands_on_the_page_that_holds_it(search_page, query):
    assert QUERIES[query] in top_pages(search(search_page, query)), query


@pytest.mark.parametrize("query", FIRST)
def test_entity_and_glossary_pages_rank_first_for_their_own_names(search_page, query):
    assert top_pages(search(search_page, query))[0] == FIRST[query]


def test_a_query_the_report_never_says_shows_no_results(search_page):
    assert search(search_page, NO_MATCH) == []
    assert search_page.inner_text(".md-search-result__meta") == "没有找到符合条件的结果"


def test_the_landing_page_highlights_the_query(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served)
    search(page, "桂惠贷")
    page.click("li.md-search-result__item a[href*='part-1/utilization']")
    page.wait_for_selector("article mark")
    assert "桂惠贷" in "".join(page.eval_on_selector_all("article mark", "els => els.map(e => e.textContent)"))
    page.close()


def test_search_panel_suggests_queries_in_chinese(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served)
    page.click("input.md-search__input")
    page.wait_for_function("() => !/初始化/.test(document.querySelector('.md-search-result__meta').textContent)")
    assert "试试" in page.inner_text(".md-search-result__meta")
    page.close()


def test_results_screenshots_desktop_and_phone(browser, served, artefacts):
    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
        page = browser.new_page(viewport=viewport)
        page.goto(served)
        if viewport["width"] < 600:
            page.click("label.md-header__button[for='__search']")
        assert "/part-1/utilization/" in search(page, "质押融资")
        page.screenshot(path=str(artefacts / f"search-{name}.png"))
        page.close()


# --- Material's own worker, unpatched, has the faults this edition fixes ---------------------------


def original_worker() -> Path:
    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    return next(workers.glob("search.*.min.js"))


def test_the_patch_applies_to_the_pinned_material_worker():
    js = original_worker().read_text(encoding="utf-8")
    patched = patch_search_worker(js)
    for before, after, _ in PATCHES:
        assert before in js and after in patched


@pytest.fixture(scope="module")
def unpatched(site, tmp_path_factory):
    """The built site with Material's own search worker put back."""
    import functools
    import http.server
    import threading

    from support import QuietHandler

    copy = tmp_path_factory.mktemp("unpatched") / "site"
    shutil.copytree(site, copy)
    worker = next((copy / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    shutil.copyfile(original_worker(), worker)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(copy)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_unpatched_worker_misses_the_last_character_and_matches_a_phrase_never_said(browser, unpatched):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(unpatched)
    assert search(page, NO_MATCH) != []  # 量子纠缠 finds pages holding only 量
    assert "/part-1/party-building/" not in top_pages(search(page, "三不腐"))
    page.close()
