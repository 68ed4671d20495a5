"""Search as a reader meets it, in Debian's Chromium: how soon it is ready, how fast it answers, and
how often a query lands its paragraph in the first three results.

The quality set is drawn afresh from the report (a fixed random seed), not the tests' queries:
phrases of 12–20 characters cut anywhere in a paragraph, figures as the report writes them, the
names the report uses for entities, glossary terms, short words, Chinese next to Latin letters,
and words the report never uses.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from searching import open_search, results, runs, type_query  # noqa: E402
from support import chromium_path, serve_directory  # noqa: E402

NEVER_SAID = ["量子纠缠", "元宇宙", "区块链技术", "比特币", "直播带货", "新冠疫苗", "自动驾驶汽车", "碳达峰", "脱欧",
              "拼多多", "奥运金牌", "房地产税"]
LATENCY_QUERIES = ("质押融资", "广东", "79.8万件", "全国首部地理标志保护地方法规", "专利", "量子纠缠")


def quality_queries(edition, n_each: int = 10, seed: int = 12) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from the report."""
    rng = random.Random(seed)
    paragraphs = [p.text for p in edition.report.paragraphs.values() if len(p.text) > 30]
    text = "\n".join(paragraphs)
    queries = []
    for _ in range(n_each * 2):  # phrases, cut anywhere (they may start or end inside a word)
        para = rng.choice(paragraphs)
        size = rng.randint(12, 20)
        start = rng.randrange(0, len(para) - size)
        phrase = para[start:start + size].strip(",。;:、“”《》() ")
        queries.append(("phrase", phrase))
    figures = sorted({m.group(0) for m in re.finditer(r"第?\d[\d.]*%?(?:万亿|亿|万)?[^\d\s,。;、()“”《》a-zA-Z]?", text)
                      if len(m.group(0)) >= 3})
    queries += [("figure", q) for q in rng.sample(figures, n_each)]
    names = sorted({m.text for m in edition.mentions})
    queries += [("name", q) for q in rng.sample(names, n_each)]
    terms = sorted({form for t in edition.terms.values() for form in t.forms if form in text})
    queries += [("term", q) for q in rng.sample(terms, n_each)]
    words = sorted({text[i:i + k] for i in range(len(text)) for k in (2, 3)
                    if re.fullmatch(r"[\u4e00-\u9fff]+", text[i:i + k]) and 1 <= text.count(text[i:i + k]) <= 2})
    queries += [("short", q) for q in rng.sample(words, n_each)]
    latin = sorted({m.group(0) for m in re.finditer(r"[\u4e00-\u9fff]{0,3}[A-Z]{2,}[\u4e00-\u9fff]{1,4}|[\u4e00-\u9fff]{1,4}[A-Z]{2,}", text)})
    queries += [("mixed", q) for q in latin]
    return queries


def lands(found: list[str], query: str, paragraphs: dict[str, str]) -> bool:
    """A paragraph holding the query (each part of it) is among the first three results."""
    parts = runs(query)
    for result in found[:3]:
        text = unicodedata.normalize("NFKC", paragraphs.get(result.partition("#")[2], "")).lower()
        if text and all(part in text for part in parts):
            return True
    return False


def browser():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    return playwright, playwright.chromium.launch(executable_path=chromium_path(),
                                                  args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def search_quality(site: Path, edition) -> dict:
    paragraphs = {pid: p.text for pid, p in edition.report.paragraphs.items()}
    queries = quality_queries(edition)
    playwright, chromium = browser()
    misses, kinds = [], {}
    with serve_directory(site) as url:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        open_search(page)
        for kind, query in queries:
            type_query(page, query)
            ok = lands(results(page), query, paragraphs)
            kinds.setdefault(kind, [0, 0])
            kinds[kind][0] += ok
            kinds[kind][1] += 1
            if not ok:
                misses.append(query)
        shown = []
        for word in NEVER_SAID:
            type_query(page, word)
            if results(page):
                shown.append(word)
    chromium.close()
    playwright.stop()
    landed = sum(k[0] for k in kinds.values())
    return {"queries": len(queries), "landed": landed, "by_kind": kinds, "misses": misses,
            "never_said": len(NEVER_SAID), "never_said_with_results": shown}


def search_timing(site: Path, runs_: int = 5) -> dict:
    """Page load to search ready (the reader opens search as soon as the page has loaded), plain and with
    the CPU throttled 4× (a mid-range phone), and keystroke to rendered results."""
    playwright, chromium = browser()
    ready = {}
    with serve_directory(site) as url:
        for rate in (1, 4):
            times = []
            for _ in range(runs_):
                context = chromium.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                if rate > 1:
                    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
                page.goto(url + "part-1/utilization/", wait_until="load")
                opened = page.evaluate("performance.now()")
                open_search(page)
                done = page.evaluate("performance.now()")
                loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
                fetched = page.evaluate("performance.getEntriesByType('resource').find(e => e.name.includes('search_index')).responseEnd")
                times.append({"load_ms": loaded, "open_to_ready_ms": done - opened, "load_to_ready_ms": done - loaded,
                              "index_to_ready_ms": done - fetched})
                context.close()
            ready[f"cpu_{rate}x"] = {k: statistics.median(t[k] for t in times) for k in times[0]}
        # Chromium's CPU throttling slows the page, not its workers: count the index's parse and build
        # (index downloaded -> ready, unthrottled) three times more for a phone 4x slower throughout
        ready["cpu_4x_workers_too_estimate_ms"] = ready["cpu_4x"]["open_to_ready_ms"] + 3 * ready["cpu_1x"]["index_to_ready_ms"]
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        open_search(page)
        latency = {}
        for query in LATENCY_QUERIES:
            page.fill("input.md-search__input", "")
            page.keyboard.up("Space")
            page.wait_for_timeout(200)
            page.keyboard.insert_text(query)
            page.evaluate("""() => { window.__done = null; const list = document.querySelector('.md-search-result');
                new MutationObserver((m, o) => { window.__done = performance.now(); o.disconnect() })
                  .observe(list, {childList: true, subtree: true, characterData: true}) }""")
            start = page.evaluate("performance.now()")
            page.keyboard.up("Space")  # the input method's commit: Material searches on key-up
            page.wait_for_function("() => window.__done !== null")  # a function: the CSP forbids eval
            latency[query] = page.evaluate("window.__done") - start
    chromium.close()
    playwright.stop()
    return {"ready": ready, "latency_ms": latency, "latency_median_ms": statistics.median(latency.values())}

