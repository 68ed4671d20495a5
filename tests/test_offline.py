"""The offline copy (`make offline`, edition/offline.py): a zip of the site that works opened from file:// with no
network. In Chromium with every request that is not file:// refused: the next links lead through every report page,
styled, search finds 质押融资 at its paragraph, a note's marker opens its glossary entry; no request leaves the machine.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from edition import offline
from edition.pdf import PDF_NAME
from edition.search_worker import BUNDLE_PATCHES, PATCHES
from searching import open_search, search
from sitetext import site_url
from support import ROOT, edition, page_url, report_pages

SOURCES = ["docs", "data", "seeds"]
LINKS = re.compile(r'<(?:a|link|script|img)\b[^>]*?\s(?:href|src)="([^"]*)"')


def snapshot() -> dict[str, int]:
    return {p.relative_to(ROOT).as_posix(): p.stat().st_mtime_ns for s in SOURCES for p in (ROOT / s).rglob("*")}


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """The offline build, as `make offline` runs it, into a temporary folder; the zip, and the folder it unzips to."""
    folder = tmp_path_factory.mktemp("offline")
    archive = folder / "offline.zip"
    before = snapshot()
    result = subprocess.run([sys.executable, "-m", "edition.offline", str(archive)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(archive) as z:
        z.extractall(folder / "unzipped")
    return {"zip": archive, "site": folder / "unzipped" / offline.FOLDER, "sources_before": before, "sources_after": snapshot()}


@pytest.fixture(scope="module")
def reader(browser):
    """A Chromium context with the network off: any request that is not file:// is refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    refused = []

    def only_files(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    yield context, refused
    context.close()


def file_of(url: str, site: Path) -> str:
    """Where a page URL of the hosted site (support.report_pages(): '', 'part-1/', 'part-1/utilization/') is in the copy."""
    return f"{url}index.html" if (site / url / "index.html").is_file() else url.rstrip("/") + ".html"


def watch(page) -> list[str]:
    """What went wrong on a page: uncaught errors, and console errors (a file missing, a policy violated)."""
    problems = []
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.on("console", lambda m: (m.type == "error" or "Content Security Policy" in m.text) and problems.append(f"{page.url}: {m.text}"))
    return problems


def test_the_zip_holds_one_folder_with_the_site_its_index_as_a_script_and_the_worker_shim(copy):
    site = copy["site"]
    with zipfile.ZipFile(copy["zip"]) as z:
        names = z.namelist()
    assert all(name.startswith(offline.FOLDER + "/") for name in names)
    assert (site / "index.html").is_file() and all((site / file_of(url, site)).is_file() for url in report_pages())
    script = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert script == "var __index = " + index and '"location":"part-1/utilization.html#p1-4-2"' in index.replace(" ", "")
    assert (site / offline.SHIM_IN_SITE).read_bytes() == offline.SHIM.read_bytes()
    assert not [n for n in names if n.endswith((".map", "/robots.txt", "/sitemap.xml", "/404.html"))]


def test_the_edition_search_patches_apply_in_the_offline_build(copy):
    scripts = copy["site"] / "assets" / "javascripts"
    worker = next((scripts / "workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    bundle = next(scripts.glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert worker.startswith((ROOT / "edition" / "search.js").read_text(encoding="utf-8"))
    assert all(after in worker for _, after, _ in PATCHES) and all(after in bundle for _, after, _ in BUNDLE_PATCHES)


def test_every_page_links_files_of_the_copy_and_loads_the_local_shim_under_its_policy(copy):
    site = copy["site"]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > len(report_pages())
    missing = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html[html.index("<head>"):html.index("</head>")]
        assert head.index('<meta http-equiv="Content-Security-Policy"') < head.index("<script"), path
        shims = re.findall(r'<script src="([^"]*frame-worker\.js)"', head)
        assert len(shims) == 1 and (path.parent / shims[0]).resolve() == (site / offline.SHIM_IN_SITE).resolve(), path
        assert "unpkg.com" not in html and "iframe-worker" not in html, path
        for link in LINKS.findall(html):
            parts = urlsplit(link.replace("&amp;", "&"))
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site's address (a source), or an anchor of this page
            if not (path.parent / unquote(parts.path)).is_file():
                missing.append(f"{path.relative_to(site)}: {link}")
    assert missing == []


def test_the_copy_leaves_out_the_home_page_links_to_the_files_only_the_hosted_site_holds():
    home = ('<p>a</p>\n<p class="ed pdf-download" data-search-exclude><a href="x.pdf">PDF</a></p>\n'
            '<p class="ed offline-download"><a href="x.zip" download>离线版</a> <code>index.html</code></p>\n<p>b</p>')
    assert offline.without_downloads(home) == "<p>a</p>\n<p>b</p>"


def test_the_copys_home_page_links_neither_the_zip_nor_the_pdf_which_the_hosted_home_page_links(copy):
    hosted = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert f'href="{offline.ZIP_NAME}"' in hosted and f'href="{PDF_NAME}"' in hosted
    links = LINKS.findall((copy["site"] / "index.html").read_text(encoding="utf-8"))
    assert file_of(report_pages()[1], copy["site"]) in links  # the page as built, with its links
    assert not [link for link in links if link.endswith((".zip", ".pdf"))]


def test_the_copys_pages_name_the_hosted_sites_address_as_their_canonical_url(copy):
    """Canonical link, og:url and the address printed on paper: the page's directory-style address on the web."""
    examination = page_url(edition().report.page_of["p1-2-1"].src)  # (二) of part 1: part-1/examination/
    urls = report_pages()
    assert examination in urls and examination.endswith("/")
    for url in urls:
        head = BeautifulSoup((copy["site"] / file_of(url, copy["site"])).read_text(encoding="utf-8"), "html.parser")
        addresses = [head.select_one("link[rel=canonical]")["href"], head.select_one("meta[property='og:url']")["content"],
                     head.select_one(".print-title__url").get_text()]
        assert addresses == [site_url() + url] * 3, url


def test_the_offline_build_writes_nothing_into_docs_data_or_seeds(copy):
    assert copy["sources_after"] == copy["sources_before"]


def test_from_file_with_no_network_the_next_links_lead_through_every_report_page_styled(copy, reader):
    context, refused = reader
    site = copy["site"]
    wanted = [file_of(url, site) for url in report_pages()]
    page = context.new_page()
    problems = watch(page)
    page.goto((site / "index.html").as_uri(), wait_until="load")
    seen, styles = [], {}
    for _ in range(3 * len(wanted)):  # the next links also pass the pages between (the English contents)
        here = Path(unquote(urlsplit(page.url).path)).relative_to(site).as_posix()
        if here in wanted:
            seen.append(here)
            styles[here] = page.evaluate("""() => {
              const header = getComputedStyle(document.querySelector('.md-header'))
              return [header.position, header.backgroundColor, getComputedStyle(document.querySelector('.md-grid')).maxWidth]
            }""")
        if here == wanted[-1]:
            break
        with page.expect_navigation(wait_until="load"):
            page.click("a.md-footer__link--next")
    page.close()
    assert seen == wanted
    for here, (position, background, width) in styles.items():
        # Material's stylesheet (a sticky header, a grid of 61rem) and the edition's colours (its red header)
        assert position == "sticky" and background not in ("transparent", "rgba(0, 0, 0, 0)") and width != "none", here
    assert problems == [] and refused == []


def test_from_file_with_no_network_search_finds_pledge_financing_at_its_paragraph(copy, reader):
    context, refused = reader
    site = copy["site"]
    page = context.new_page()
    problems = watch(page)
    page.goto((site / "index.html").as_uri(), wait_until="load")
    assert page.evaluate("Worker.name") == "FrameWorker"  # Chromium runs no Web Worker from file://: the shim's
    open_search(page)
    found = search(page, "质押融资")
    target = (site / "part-1" / "utilization.html").as_posix() + "#p1-4-2"
    assert target in found[:3], found
    # the result opens the paragraph, the query marked in it (the page reads the index as a script too)
    with page.expect_navigation(wait_until="load"):
        page.click("a.md-search-result__link[href$='#p1-4-2']")
    assert page.url.startswith((site / "part-1" / "utilization.html").as_uri() + "?h=") and page.url.endswith("#p1-4-2")
    page.wait_for_selector("#p1-4-2 mark")
    assert "质押融资" in "".join(page.eval_on_selector_all("#p1-4-2 mark", "els => els.map(e => e.textContent)"))
    page.close()
    assert problems == [] and refused == []


def test_from_file_with_no_network_a_click_on_a_note_marker_opens_its_glossary_entry(copy, reader):
    """From file:// the notes' words (terms.json) cannot be read: the marker's click goes where it links instead."""
    context, refused = reader
    site = copy["site"]
    terms = (site / "terms.json").as_uri()
    page = context.new_page()
    errors, failed = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and terms not in m.text + m.location["url"] and errors.append(m.text))
    page.on("requestfailed", lambda request: failed.append(request.url))
    here = next(url for url in report_pages()
                if BeautifulSoup((site / file_of(url, site)).read_text(encoding="utf-8"), "html.parser").select_one("article .anno-marker"))
    page.goto((site / file_of(here, site)).as_uri(), wait_until="load")
    marker = page.locator("article .anno-marker").first
    term = marker.evaluate("a => a.hash.slice('#term-'.length)")
    with page.expect_navigation(wait_until="load"):
        marker.click()
    glossary = site / file_of(page_url(edition().particulars.pages.glossary), site)
    assert page.url == f"{glossary.as_uri()}#term-{term}"
    assert page.locator(f"[id='term-{term}']").is_visible()
    page.close()
    assert set(failed) == {terms}  # the one thing a page from file:// cannot read, and why the note cannot show
    assert errors == [] and refused == []
