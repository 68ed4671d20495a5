"""Issue 7, the hosted site: its own host only, a sub-path, 404, feeds for crawlers, accessibility, reproducible."""

from __future__ import annotations

import filecmp
import functools
import http.server
import socket
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

import shutil

from support import ROOT, QuietHandler, edition, mkdocs_build, serve_directory
from edition.csp import sha256_source
from edition.offline import ZIP_NAME
from edition.pdf import BILINGUAL_PDF_NAME, PDF_NAME
from sitetext import site_url


def all_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL below its root ('' for the home page)."""
    folders = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted("" if f == "." else f + "/" for f in folders)


def test_every_page_asks_only_its_own_host(browser, served, site):
    own = urlparse(served).netloc
    page = browser.new_page()
    foreign = []
    page.on("request", lambda request: urlparse(request.url).netloc != own and foreign.append(request.url))
    pages = all_pages(site)
    assert len(pages) == 23 + 4 + 4 + len(edition().entities)  # report, dashboard/glossary/print view/English home, indexes, entities
    for url in pages:
        page.goto(served + url, wait_until="load")
    page.close()
    assert foreign == []


# --- a project site under a sub-path ---------------------------------------------------------------


class SubPathHandler(QuietHandler):
    """Serves the site below PREFIX only, and the site's 404 page for anything missing, as GitHub Pages does."""

    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().send_error(code, message, explain)


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/cnipa/report-2023/"
    dest = tmp_path_factory.mktemp("subpath") / "site"
    result = mkdocs_build(dest, extra_env={"SITE_URL": base})
    assert result.returncode == 0, result.stderr
    handler = type("Handler", (SubPathHandler,), {"prefix": urlparse(base).path})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(dest)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base, dest
    server.shutdown()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            body = response.read()
            return response.status, body.decode("utf-8", "replace") if "html" in response.headers.get("Content-Type", "") else ""
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.mark.slow
def test_site_under_a_sub_path_has_no_broken_link_or_asset(sub_path_site):
    base, dest = sub_path_site
    pages = {base + url for url in all_pages(dest)}
    ids, checked, broken = {}, set(), []
    for page_url in sorted(pages):
        status, html = fetch(page_url)
        assert status == 200, page_url
        soup = BeautifulSoup(html, "html.parser")
        ids[page_url] = {el["id"] for el in soup.select("[id]")}
        for el in soup.select("a[href], link[href], script[src], img[src]"):
            target = urljoin(page_url, el.get("href") or el.get("src"))
            if not target.startswith("http://127.0.0.1"):
                continue
            address, fragment = urldefrag(target)
            if address in (base + PDF_NAME, base + BILINGUAL_PDF_NAME, base + ZIP_NAME):
                continue  # made after the build by `make pdf` and `make offline`: tests/test_pdf.py, test_offline.py
            if not address.startswith(base):
                broken.append(f"{page_url}: {target} is outside the sub-path")
            elif address not in checked and address not in pages:
                checked.add(address)
                if fetch(address)[0] != 200:
                    broken.append(f"{page_url}: {target}")
            if fragment and address in pages:
                checked_fragment = (address, fragment)
                if checked_fragment not in checked:
                    checked.add(checked_fragment)
                    ids.setdefault(address, {el["id"] for el in BeautifulSoup(fetch(address)[1], "html.parser").select("[id]")})
                    from urllib.parse import unquote
                    if unquote(fragment) not in ids[address]:
                        broken.append(f"{page_url}: {target} (no such anchor)")
    assert broken == []


def test_pages_under_a_sub_path_load_every_asset_and_search_works(browser, sub_path_site):
    base, _ = sub_path_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    for url in ("", "part-1/utilization/", "entities/guangdong/", "glossary/"):
        page.goto(base + url, wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.insert_text("桂惠贷")
    page.keyboard.press("End")
    page.wait_for_selector("li.md-search-result__item")
    assert failed == []
    page.close()


def test_a_missing_page_shows_the_404_page_with_a_way_home(browser, sub_path_site, artefacts):
    base, _ = sub_path_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    failed = []
    page.on("response", lambda response: response.status >= 400 and response.url != base + "no/such/page/" and failed.append(response.url))
    response = page.goto(base + "no/such/page/", wait_until="networkidle")
    assert response.status == 404
    assert page.inner_text("article h1") == "找不到这个页面"
    assert failed == []  # its stylesheets and scripts load from the sub-path too
    page.screenshot(path=str(artefacts / "404.png"))
    page.click("article a:has-text('回到首页')")
    page.wait_for_load_state()
    assert page.url == base
    page.close()


@pytest.mark.parametrize("prefix", ["/", "/elsewhere/deeper/"])
def test_the_404_page_is_styled_and_leads_home_wherever_the_site_is_served(browser, sub_path_site, prefix, artefacts):
    """Served at the root or at another sub-path than SITE_URL (a mirror, a renamed repository), the 404 page
    still reads as a page: it asks for nothing it could miss, and its links go to the canonical home."""
    base, dest = sub_path_site
    handler = type("Handler", (SubPathHandler,), {"prefix": prefix})
    with serve_directory(dest, handler) as root:
        missing = root.rstrip("/") + prefix + "no/such/page/"
        for width, scheme in ((390, "light"), (1280, "dark")):
            page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
            requests, refused = [], []
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
            response = page.goto(missing, wait_until="networkidle")
            assert response.status == 404
            assert requests == [missing] and refused == []  # nothing else asked for, so nothing can fail
            looks = page.evaluate("""() => {
                const px = el => parseFloat(getComputedStyle(el).fontSize), h1 = document.querySelector("article h1");
                const box = h1.getBoundingClientRect();
                return {body: px(document.body), h1: px(h1), h1Visible: box.height > 0 && box.bottom <= innerHeight,
                        overflowing: [...document.querySelectorAll("body *")].filter(el => el.getBoundingClientRect().right > innerWidth + 1).length,
                        pageWidth: document.documentElement.scrollWidth, biggest: Math.max(...[...document.querySelectorAll("body *")].map(px)),
                        background: getComputedStyle(document.body).backgroundColor};
            }""")
            assert 14 <= looks["body"] <= 18 and 20 <= looks["h1"] <= 36 and looks["biggest"] <= 36 and looks["h1Visible"]
            assert looks["overflowing"] == 0 and looks["pageWidth"] <= width
            assert (looks["background"] == "rgb(255, 255, 255)") == (scheme == "light")
            assert page.inner_text("article h1") == "找不到这个页面" and page.locator("p[lang=en]").is_visible()
            page.screenshot(path=str(artefacts / f"404-{prefix.strip('/').replace('/', '-') or 'root'}-{width}-{scheme}.png"))
            home = page.get_attribute("article a:has-text('回到首页')", "href")
            assert home == base  # the canonical home (site_url), never a guess from the missing address
            page.click("article a:has-text('回到首页')")
            page.wait_for_load_state()
            assert page.url == base and page.title() and page.locator("article h1").is_visible()
            page.close()


def test_the_404_page_searches_the_report_on_the_home_page(browser, sub_path_site):
    base, _ = sub_path_site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base + "no/such/page/")
    page.fill("input[name=q]", "质押融资")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("li.md-search-result__item")  # Material opens its search with the query (?q=)
    assert page.url.startswith(base)
    page.close()


def test_the_404_page_carries_a_policy_allowing_only_its_own_style(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    head = BeautifulSoup(html, "html.parser").head
    policy = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy is not None and head.find("meta") is policy
    content = policy["content"]
    assert "default-src 'none'" in content and "'unsafe-inline'" not in content and "script-src" not in content
    styles = head.find_all("style")
    assert len(styles) == 1 and sha256_source(styles[0].string) in content
    assert not BeautifulSoup(html, "html.parser").select("script, link[rel=stylesheet], [style], img, [src]")


# --- crawlers and link previews ------------------------------------------------------------------


def test_robots_and_sitemap_point_to_every_page(site):
    base = site_url()
    assert f"Sitemap: {base}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    import re
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    assert listed == {base + url for url in all_pages(site)}


def test_every_page_has_a_description_and_open_graph_tags(site):
    base = site_url()
    for url in all_pages(site):
        head = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser").head
        assert head.select_one("meta[name=description]")["content"].strip(), url
        assert head.select_one("meta[property='og:title']")["content"].strip(), url
        assert head.select_one("meta[property='og:url']")["content"] == base + url
    section = BeautifulSoup((site / "part-1/utilization/index.html").read_text(encoding="utf-8"), "html.parser").head
    assert section.select_one("meta[name=description]")["content"].startswith("(四)有力促进知识产权转化运用")


def test_github_pages_workflow_builds_strict_and_deploys():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    runs = "\n".join(step.get("run", "") for step in steps)
    uses = [step.get("uses", "") for step in steps]
    assert "pip install -r requirements.txt" in runs and "mkdocs build --strict" in runs
    # after the build, into the site it publishes: the PDF and the offline copy, which the home page links
    lines = [line.strip() for line in runs.splitlines()]
    assert lines.index("mkdocs build --strict") < lines.index("python -m edition.pdf site")
    assert lines.index("mkdocs build --strict") < lines.index(f"python -m edition.offline site/{ZIP_NAME}")
    assert any(u.startswith("actions/deploy-pages") for u in uses)


# --- accessibility ---------------------------------------------------------------------------------

PAGE_TYPES = ["", "part-1/", "part-1/utilization/", "part-1/decade/", "closing/", "indicators/", "glossary/",
              "entities/places/", "entities/guangdong/", "print/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", PAGE_TYPES)
def test_no_serious_or_critical_accessibility_violations(browser, served, url, scheme):
    page = browser.new_page(color_scheme=scheme)
    page.goto(served + url, wait_until="load")
    assert serious_violations(page) == []
    page.close()


def serious_violations(page) -> list:
    results = Axe().run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def open_note(page) -> None:
    page.click("article .anno-term >> nth=2")
    page.locator("#anno-pop").wait_for(state="visible")


STATES = {
    "a note open on a desktop": ({"viewport": {"width": 1280, "height": 900}}, open_note),
    "a note open on a phone": ({"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}, open_note),
    "figures open": ({}, lambda page: page.click("article details.ic-fold summary >> nth=0")
                     or page.locator("article .ic-card").first.wait_for()),
    **{f"{layer} hidden": ({}, lambda page, layer=layer: page.click(f".reading-control button[data-layer='{layer}']"))
       for layer in ("links", "notes", "figures", "ids")},
    "everything hidden": ({}, lambda page: [page.click(f".reading-control button[data-layer='{layer}']")
                                             for layer in ("links", "notes", "figures", "ids")]),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", STATES)
def test_no_serious_accessibility_violation_with_a_note_open_or_a_layer_hidden(browser, served, state, scheme):
    options, act = STATES[state]
    context = browser.new_context(color_scheme=scheme, **options)
    page = context.new_page()
    page.goto(served + "part-1/decade/", wait_until="load")
    act(page)
    assert serious_violations(page) == []
    context.close()


def test_search_and_navigation_are_reachable_by_keyboard(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served + "part-1/examination/")
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.closest('nav.md-nav--primary') ? 'nav' : "
                                  "document.activeElement.classList.contains('md-search__input') ? 'search' : 'other'"))
    assert {"nav", "search"} <= reached
    page.goto(served + "part-1/examination/")
    page.keyboard.press("/")  # Material's shortcut opens search
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.close()


# --- reproducible builds ---------------------------------------------------------------------------


def differing(a: Path, b: Path) -> list[str]:
    diffs = []
    def walk(cmp, prefix=""):
        diffs.extend(prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")
    walk(filecmp.dircmp(a, b))
    return diffs


@pytest.mark.slow
def test_two_builds_are_byte_identical_and_only_the_sitemap_dates_change_with_the_day(tmp_path):
    same_day = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, second, later = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for dest, env in ((first, same_day), (second, same_day), (later, {"SOURCE_DATE_EPOCH": "1800000000"})):
        assert mkdocs_build(dest, extra_env=env).returncode == 0
    assert differing(first, second) == []
    assert sorted(differing(first, later)) == ["sitemap.xml", "sitemap.xml.gz"]


# --- Content-Security-Policy ---------------------------------------------------------------------


def test_every_page_carries_a_policy_allowing_only_its_own_scripts(site):
    for url in all_pages(site):
        head = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser").head
        policy = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None and head.find("meta") is policy, url  # first, before anything it governs
        assert "script-src 'self'" in policy["content"] and "'unsafe-inline'" not in policy["content"]


@pytest.mark.parametrize("url", ["", "part-1/utilization/", "entities/places/", "indicators/", "glossary/"])
def test_pages_work_under_their_policy_with_no_violation(browser, served, url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto(served + url, wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.insert_text("质押融资")
    page.keyboard.press("End")
    page.wait_for_selector("li.md-search-result__item")  # the search worker runs under the policy
    page.close()
    assert violations == []


def test_an_inline_script_slipped_into_a_page_does_not_run(browser, site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page_file = copy / "part-1" / "utilization" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(html.replace("</article>", "<script>window.__injected = 1</script></article>", 1), encoding="utf-8")
    with serve_directory(copy) as url:
        page = browser.new_page()
        page.goto(url + "part-1/utilization/", wait_until="load")
        assert page.evaluate("window.__injected") is None
        assert page.evaluate("typeof window.__md_scope") == "object"  # Material's own inline scripts did run
        page.close()


def test_the_print_button_prints_by_a_listener(browser, served):
    page = browser.new_page()
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1 }")
    page.goto(served + "part-1/utilization/", wait_until="load")
    assert page.get_attribute("button.print-button", "onclick") is None
    page.click("button.print-button")
    assert page.evaluate("window.__printed") == 1
    page.close()


def test_a_page_loses_the_templates_indentation_and_keeps_what_a_reader_sees(site):
    from edition.html import without_indentation

    html = '<ul>\n    <li><a>甲</a>\n      <a>乙</a></li>\n\n  </ul>\n<pre>  keep\n    this</pre>\n  <textarea>\n  too</textarea>'
    assert without_indentation(html) == '<ul>\n<li><a>甲</a>\n<a>乙</a></li>\n</ul>\n<pre>  keep\n    this</pre>\n<textarea>\n  too</textarea>'
    built = (site / "part-1" / "decade" / "index.html").read_text(encoding="utf-8")
    assert "\n  " not in built and "\n\n" not in built  # between two inline elements a newline is still a space
