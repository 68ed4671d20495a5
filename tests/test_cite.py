"""Citing the edition: a 引用 control beside every paragraph's id and at the head of every report page (GB/T 7714 copied
at once; Chicago, BibTeX and CSL-JSON a press away; by keyboard and on a phone), the citation metadata that reference
managers read in every page's head, and the account of the source and of the edition on the home page and in print."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from sitetext import page_html, seed_lines, site_url
from support import ROOT, build_copy, edit_yaml, edition, page_url

PAGE = "part-1/examination/"
PARAGRAPH = next(p.id for p in edition().report.by_src["part-1/examination.md"].paragraphs)
FACTS = edition().particulars.citation
S = edition().strings
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def open_page(browser, served, url: str, width: int = 1280, scheme: str = "light", touch: bool = False):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, has_touch=touch,
                                  is_mobile=touch, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served + url)
    return page


def browser_today(page) -> tuple[int, int, int]:
    return tuple(page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()] })()"))


def copied_after(page, press) -> str:
    press()
    page.wait_for_selector("dialog.cite-dialog[open]")
    page.wait_for_function("document.querySelector('.cite-status').textContent.length > 0")
    return page.evaluate("navigator.clipboard.readText()")


def texts(page) -> dict[str, str]:
    return {box.get_attribute("data-format"): box.locator(".cite-text").inner_text()
            for box in page.locator(".cite-format").all()}


# --- the control in Chromium -----------------------------------------------------------------------


def test_pressing_a_paragraphs_cite_control_copies_its_gbt7714_citation_with_its_url(browser, served):
    page = open_page(browser, served, PAGE)
    button = page.get_by_role("button", name=f"{S['cite_paragraph_label']} {PARAGRAPH}")
    text = copied_after(page, button.click)
    y, m, d = browser_today(page)
    assert "[EB/OL]" in text
    assert text.startswith(f"{FACTS.author}. ")
    assert text.endswith(f" {site_url()}{PAGE}#{PARAGRAPH}.")
    assert f"[{y}-{m:02}-{d:02}]" in text  # the reader's day is the access date
    assert S["cite_copied"] in page.locator(".cite-status").inner_text()
    page.context.close()


def test_the_cite_dialog_works_by_keyboard_and_gives_focus_back(browser, served):
    page = open_page(browser, served, PAGE)
    page.locator(f"#{PARAGRAPH} a.plink").focus()
    page.keyboard.press("Shift+Tab")  # the control stands just before the paragraph's id
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").endswith(PARAGRAPH)
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog.cite-dialog[open]")
    assert page.evaluate("!!document.activeElement.closest('dialog.cite-dialog')")
    for _ in range(12):  # a modal dialog keeps the focus inside itself
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('dialog.cite-dialog') || document.activeElement === document.body")
    page.keyboard.press("Escape")
    assert page.locator("dialog.cite-dialog[open]").count() == 0
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").endswith(PARAGRAPH)
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_a_tap_copies_and_the_dialog_fits_the_screen(browser, served, scheme, artefacts):
    page = open_page(browser, served, PAGE, width=390, scheme=scheme, touch=True)
    button = page.get_by_role("button", name=f"{S['cite_paragraph_label']} {PARAGRAPH}")
    text = copied_after(page, button.tap)
    assert text.endswith(f"#{PARAGRAPH}.")
    box = page.locator("dialog.cite-dialog").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] <= 900
    page.screenshot(path=artefacts / f"cite-390-{scheme}.png")
    page.context.close()


def test_a_page_and_the_whole_report_have_their_own_citations_in_four_formats(browser, served, artefacts):
    page = open_page(browser, served, PAGE)
    copied = copied_after(page, page.get_by_role("button", name=S["cite_page_button"]).click)
    y, m, d = browser_today(page)
    assert copied.endswith(f" {site_url()}{PAGE}.")
    dialog = page.locator("dialog.cite-dialog")
    assert dialog.get_by_role("button", name=S["cite_scope_paragraph"]).count() == 0  # no paragraph was chosen
    page.screenshot(path=artefacts / "cite-1280-light.png")
    dialog.get_by_role("button", name=S["cite_scope_report"], exact=True).click()
    whole = texts(page)
    assert set(whole) == {"gbt7714", "chicago", "bibtex", "csl"}
    assert whole["gbt7714"].endswith(f" {site_url()}.") and "[EB/OL]" in whole["gbt7714"]
    assert f"Accessed {MONTHS[m - 1]} {d}, {y}. {site_url()}." in whole["chicago"]
    assert whole["chicago"].startswith(FACTS.author_en)
    assert whole["bibtex"].startswith("@misc{cnipa2023,") and f"url = {{{site_url()}}}" in whole["bibtex"]
    assert whole["bibtex"].count("{") == whole["bibtex"].count("}")
    item = json.loads(whole["csl"])[0]
    assert item["URL"] == site_url() and item["type"] == "webpage"
    assert item["accessed"] == {"date-parts": [[y, m, d]]}
    assert item["author"] == [{"literal": FACTS.author}]
    page.context.close()


def test_every_paragraph_has_a_cite_control_and_on_the_whole_report_page_it_cites_the_paragraphs_own_page(browser, served):
    page = open_page(browser, served, page_url(edition().particulars.pages.print))
    paragraphs = page.locator("article p[id] > a.plink").count()
    assert paragraphs == len(edition().report.paragraphs)
    assert page.locator("article p[id] > .cite-button").count() == paragraphs
    text = copied_after(page, page.get_by_role("button", name=f"{S['cite_paragraph_label']} {PARAGRAPH}").click)
    assert text.endswith(f" {site_url()}{PAGE}#{PARAGRAPH}.")
    page.context.close()


def test_hostile_citation_words_show_as_text(browser, served):
    page = open_page(browser, served, PAGE)
    hostile = '<img src=x onerror="window.pwned=1">"); window.pwned = 2; ("'
    cited = {f: hostile for f in ("gbt7714", "chicago", "bibtex", "csl")}
    data = {"labels": {k: hostile for k in ("title", "scope_paragraph", "scope_page", "scope_report", "copy", "copied",
                                            "copy_failed", "close", "note")},
            "formats": [["gbt7714", hostile], ["chicago", "Chicago"], ["bibtex", "BibTeX"], ["csl", "CSL-JSON"]],
            "standIns": {"date": "1111-11-11", "date_en": "November 11, 1111", "date_csl": "[[1111, 11, 11]]", "paragraph": "X"},
            "report": cited, "pages": {}, "paragraphTemplates": {PAGE: cited}, "paragraphPage": {PARAGRAPH: PAGE}}
    page.route("**/citations.js", lambda route: route.fulfill(
        content_type="text/javascript", body=f"window.edition.receiveCitations({json.dumps(data)})"))
    page.locator(f"#{PARAGRAPH} .cite-button").click()
    page.wait_for_selector("dialog.cite-dialog[open]")
    assert page.locator(".cite-text").first.inner_text() == hostile
    assert page.locator("dialog img").count() == 0
    assert page.evaluate("window.pwned") is None
    page.context.close()


# --- what reference managers read in a page's head ---------------------------------------------------


def built_pages(site) -> list[str]:
    return sorted(path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html")
                  if "assets" not in path.parts)


def head_of(site, url: str) -> tuple[dict[str, list[str]], dict, BeautifulSoup]:
    soup = BeautifulSoup(page_html(site, "" if url == "./" else url), "html.parser")
    metas: dict[str, list[str]] = {}
    for meta in soup.head.find_all("meta"):
        name = meta.get("name") or meta.get("property")
        if name:
            metas.setdefault(name, []).append(meta.get("content"))
    scripts = soup.head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, url
    return metas, json.loads(scripts[0].string), soup


def test_every_page_has_citation_metadata_as_zoteros_embedded_metadata_reader_reads_it(site):
    """Zotero's Embedded Metadata translator maps citation_* (Highwire) names, guesses a journal article from
    citation_title unless another sign says otherwise (og:type website makes it a web page), and reads DC.* too."""
    report_urls = {page_url(src) for src in [*edition().report.by_src, edition().particulars.pages.print]}
    pages = built_pages(site)
    assert len(pages) > 100
    for url in pages:
        url = "" if url == "./" else url
        metas, ld, soup = head_of(site, url)
        canonical = soup.head.find("link", rel="canonical")["href"]
        assert canonical == site_url() + url
        one = {name: values[0] for name, values in metas.items() if len(values) == 1}
        assert one["citation_title"] and one["DC.title"] == one["citation_title"], url
        assert one["citation_public_url"] == one["DC.identifier"] == one["og:url"] == canonical, url
        assert one["og:type"] == "website", url
        assert not [n for n in metas if n in ("citation_journal_title", "citation_conference_title",
                                              "citation_technical_report_institution", "citation_dissertation_institution")]
        assert ld["@type"] == "WebPage" and ld["url"] == canonical and ld["isBasedOn"]["author"]["name"] == FACTS.author
        if url in report_urls:
            assert one["citation_author"] == one["DC.creator"] == FACTS.author, url
            assert one.get("citation_publication_date") == FACTS.published, url
            assert one["citation_language"] == "zh"
        else:  # a page the edition wrote is not the administration's text
            assert "citation_author" not in metas and "DC.creator" not in metas, url
    metas, ld, _ = head_of(site, PAGE)
    heading = edition().report.by_src["part-1/examination.md"].title.rstrip("。")
    assert metas["citation_title"] == [f"{edition().report.pages[0].title}:{heading}"]
    assert head_of(site, "en/")[0]["citation_language"] == ["en"]


@pytest.mark.slow
def test_citation_facts_with_quotes_and_ampersands_stay_text_in_the_head_and_the_citations(project_copy):
    hostile = "国家\"知识'产权&amp;局\\"
    edit_yaml(project_copy, "edition.yml", lambda data: data["citation"].update(author=hostile))
    result = build_copy(project_copy)
    assert result.returncode == 0, result.stderr
    metas, ld, _ = head_of(project_copy / "site", PAGE)
    assert metas["citation_author"] == [hostile]
    assert ld["isBasedOn"]["author"]["name"] == hostile
    script = (project_copy / "site" / "javascripts" / "citations.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.edition.receiveCitations(").removesuffix(")\n"))
    assert data["report"]["gbt7714"].startswith(hostile + ". ")
    assert json.loads(data["report"]["csl"])[0]["author"] == [{"literal": hostile}]


# --- where the text comes from and which edition this is ---------------------------------------------


def provenance_of(site, url: str):
    section = BeautifulSoup(page_html(site, url), "html.parser").select_one("article section.provenance")
    assert section is not None, url
    return section


def test_the_home_page_says_where_the_text_comes_from_which_edition_it_is_its_changes_licence_and_citation(site):
    section = provenance_of(site, "")
    text = section.get_text(" ", strip=True)
    assert seed_lines()[1].split(":")[1] in text  # the source line's issuer: 来源:国家知识产权局
    assert "摘编" in text
    git = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs · %h"], capture_output=True, text=True)
    # the commit this build was made from; a copy that is not a git checkout says it does not know
    assert (git.stdout.strip() if git.returncode == 0 else S["provenance_version_unknown"]) in text
    dates = [t["datetime"] for t in section.select("time")]
    assert dates == sorted(dates, reverse=True) and len(dates) == len(edition().changes)
    assert section.find("a", href=FACTS.licence_url) is not None
    example = section.find("code").get_text()
    assert "[EB/OL]" in example and example.endswith(f" {site_url()}.") and S["provenance_cite_date"] in example


def test_the_printed_edition_ends_with_the_same_account_and_every_section_prints_its_version(site):
    whole = page_url(edition().particulars.pages.print)
    section = provenance_of(site, whole)
    assert section.find_previous("p", id=True)["id"] == list(edition().report.paragraphs)[-1]
    assert [t["datetime"] for t in section.select("time")] == [c.date for c in edition().changes]
    printed = BeautifulSoup(page_html(site, PAGE), "html.parser").select_one(".print-title").get_text(" ", strip=True)
    assert re.search(S["provenance_version_label"] + r" (\d{4}-\d{2}-\d{2} · [0-9a-f]{7,}|" + re.escape(S["provenance_version_unknown"]) + ")",
                     printed)
