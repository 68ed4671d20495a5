"""The core holds: nothing the edition adds is searchable, the print view holds what the pages hold,
no data string is ever where Markdown or a template would read it, and MkDocs checks every link."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from edition.directives import parse_directive
from edition.pages import generated_sources
from sitetext import REPORT_PAGES, fold_cards, page_html, term_of
from support import ROOT, build_copy, edition, edit_yaml, page_url

HOSTILE = ["<script>alert(1)</script>", "{{ 6*7 }}", "{% raw %}", "[x](javascript:alert(1))", "a\n\nb"]


def soup(site, url):
    return BeautifulSoup(page_html(site, url), "html.parser")


# --- search ------------------------------------------------------------------------------------------


def test_nothing_the_edition_adds_is_in_the_search_index(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    editorial = {f"{url}#{h['id']}" for url in REPORT_PAGES for h in soup(site, url).select("article h2.ed[id]")}  # 阅读说明
    report = [d for d in docs if d["location"].split("#")[0] in REPORT_PAGES and d["location"] not in editorial]
    assert len(report) > 20
    text = "\n".join(d["title"] + " " + d["text"] for d in report).replace("\u200b", "")  # jieba's word breaks
    ed = edition()
    added = ["原文 p", ed.strings["notes_title"], ed.strings["editor_note"], ed.strings["permalink_title"]]
    added += [i.label_en for i in ed.indicators.values()] + [p.en for p in ed.periods.values()]
    added += [t.en[:40] for t in ed.terms.values()] + [t.zh[:25] for t in ed.terms.values()]
    added += [n.zh[:25] for t in ed.terms.values() for n in t.notes]
    leaked = [a for a in dict.fromkeys(added) if len(a) >= 6 and a in text]  # "2022" is the report's own word too
    assert leaked == []
    assert not re.search(r"(?<![\w-])p\d-(\d+|party|decade)-\d+(?![\w-])", text)  # no paragraph ids either


# --- the print view ---------------------------------------------------------------------------------


def additions(page) -> dict[str, list[str]]:
    article = page.select_one("article")
    return {
        "cards": [i for fold in article.select("details.ic-fold") for i in fold_cards(fold)],
        "links": [a["data-entity"] for a in article.select("p[id] a.ent")],
        "editor notes": [n["data-term"] for n in article.select("aside.editor-note")],
        "paragraphs": [a.parent["id"] for a in article.select("p[id] > a.plink")],
    }


def test_the_print_view_holds_every_card_link_and_note_of_the_section_pages_in_order(site):
    sections = [additions(soup(site, url)) for url in REPORT_PAGES]
    printed = additions(soup(site, "print/"))
    for kind in printed:
        assert printed[kind] == [x for page in sections for x in page[kind]], kind
    terms_on_pages = {term_of(m) for url in REPORT_PAGES for m in soup(site, url).select("p[id] .anno")}
    assert {term_of(m) for m in soup(site, "print/").select("p[id] .anno")} == terms_on_pages


def test_a_card_placed_after_any_paragraph_shows_on_the_print_view_too(project_copy):
    page = project_copy / "docs" / "part-1" / "examination.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ indicator("pledge-financing-2022") }}\n', encoding="utf-8")
    result = build_copy(project_copy)
    assert result.returncode == 0, result.stderr
    printed = BeautifulSoup((project_copy / "site" / "print" / "index.html").read_text(encoding="utf-8"), "html.parser")
    folds = [f for f in printed.select("details.ic-fold") if "pledge-financing-2022" in fold_cards(f)]
    assert len(folds) == 2  # by its paragraph, and here


# --- data never becomes code -----------------------------------------------------------------------


def test_generated_pages_are_directive_lines_holding_no_data_string():
    ed = edition()
    sources = generated_sources(ed, ROOT / "docs")
    for src, markdown in sources.items():
        if src == ed.particulars.pages.print:
            continue  # made of the report pages' own lines (checked against the seed), not of data
        body = [line for line in markdown.split("---\n", 2)[2].split("\n") if line.strip()]
        assert body and all(parse_directive(line) for line in body), src
        assert "render_macros: false" in markdown


def test_hostile_strings_in_every_field_of_every_data_file_stop_the_build_with_clear_messages(project_copy):
    def poison(value, n=[0]):
        if isinstance(value, dict):
            return {k: (v if k in ("id", "paragraph", "entity", "type", "category", "kind", "theme") else poison(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [poison(v) for v in value]
        if isinstance(value, str):
            n[0] += 1
            return value + HOSTILE[n[0] % len(HOSTILE)]
        return value

    for name in ("indicators.yml", "entities.yml", "annotations.yml", "number-exceptions.yml"):
        edit_yaml(project_copy, name, lambda data: data.update(poison(data)) if isinstance(data, dict) else data.__setitem__(slice(None), poison(data)))
    result = build_copy(project_copy)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for name in ("indicators.yml", "entities.yml", "annotations.yml", "number-exceptions.yml"):
        assert re.search(rf"data/{name}: [^:]+: field '[\w.]+': (Value error, )?holds ", result.stderr), (name, result.stderr[-1500:])
    assert not (project_copy / "site" / "index.html").exists()


def test_a_quote_in_a_description_stays_inside_its_meta_attribute(project_copy):
    hostile = '广东" autofocus onfocus="alert(1)'
    edit_yaml(project_copy, "entities.yml",
              lambda d: next(e for e in d["entities"] if e["id"] == "guangdong").update(description=hostile))
    result = build_copy(project_copy)
    assert result.returncode == 0, result.stderr
    head = BeautifulSoup((project_copy / "site" / "entities" / "guangdong" / "index.html").read_text(encoding="utf-8"), "html.parser").head
    for meta in head.select("meta[name=description], meta[property='og:description']"):
        assert meta["content"].endswith(hostile) and not meta.has_attr("onfocus")


# --- links MkDocs checks ---------------------------------------------------------------------------


def test_entity_links_pointing_to_a_wrong_path_fail_the_strict_build(project_copy):
    code = project_copy / "edition" / "extension.py"
    text = code.read_text(encoding="utf-8")
    assert 'href=f"/{edition.particulars.entity_src(target)}"' in text
    code.write_text(text.replace('href=f"/{edition.particulars.entity_src(target)}"', 'href=f"/entity/{target}.md"'), encoding="utf-8")
    result = build_copy(project_copy)
    assert result.returncode != 0
    assert "contains a link '/entity/" in result.stderr and "is not found among documentation files" in result.stderr


def test_a_link_to_a_missing_anchor_fails_the_strict_build(project_copy):
    page = project_copy / "docs" / "indicators.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n见[第一段](part-1/examination.md#p1-2-99)。\n", encoding="utf-8")
    result = build_copy(project_copy)
    assert result.returncode != 0 and "p1-2-99" in result.stderr


def test_the_build_never_writes_into_docs_data_or_seeds(project_copy):
    def snapshot():
        return {p: p.read_bytes() for part in ("docs", "data", "seeds") for p in (project_copy / part).rglob("*") if p.is_file()}

    before = snapshot()
    assert build_copy(project_copy).returncode == 0
    assert snapshot() == before


def test_report_page_urls_come_from_the_edition_and_exist_in_the_site(site):
    for page in edition().report.pages:
        assert (site / page_url(page.src) / "index.html").exists(), page.src
