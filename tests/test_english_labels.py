"""Issue 15, English labels: on the entity pages, the entity indexes, the glossary and the data page, every heading,
table heading and fact label says in English what it is, after its Chinese, so that a reader of English finds the way.

The pages come from the loaded edition; the English a reader should find is read from data/edition.yml itself."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from sitetext import page_html
from support import ROOT, edition, page_url

PARTICULARS = yaml.safe_load((ROOT / "data" / "edition.yml").read_text(encoding="utf-8"))
EN = PARTICULARS["strings_en"]
LABELLED = ["h1", "h2", "h3", "th", "dt"]


def reference_pages() -> dict[str, list[str]]:
    """Each kind of reference page and the URLs of its pages, from the loaded edition."""
    ed = edition()
    pages = ed.particulars.pages
    return {
        "entity": [page_url(ed.particulars.entity_src(e)) for e in ed.entities],
        "entity index": [page_url(g.src) for g in pages.entity_groups],
        "glossary": [page_url(pages.glossary)],
        "data": [page_url(pages.dashboard)],
    }


def soup(site, url) -> BeautifulSoup:
    return BeautifulSoup(page_html(site, url), "html.parser")


def english_of(el) -> str:
    """The English a reader of English finds in an element: its parts marked lang=en (a label, or a name)."""
    parts = [el] if el.get("lang") == "en" else el.select("[lang=en]")
    return " ".join(part.get_text(" ", strip=True) for part in parts)


def without_english(el) -> str:
    """The element's text with its English parts and header link left out: the Chinese label."""
    el = BeautifulSoup(str(el), "html.parser")
    for part in el.select("[lang=en], .headerlink"):
        part.decompose()
    return el.get_text(" ", strip=True)


@pytest.mark.parametrize("kind", ["entity", "entity index", "glossary", "data"])
def test_every_heading_table_heading_and_fact_label_carries_its_english(site, kind):
    unlabelled = []
    for url in reference_pages()[kind]:
        article = soup(site, url).select_one("article")
        labelled = article.find_all(LABELLED)
        assert labelled, url
        for el in labelled:
            if kind == "entity" and el.name == "h1":
                continue  # the entity's name: its English name is the first fact under it (the next test)
            english = english_of(el)
            if not re.search(r"[A-Za-z]{2}", english) or not without_english(el):
                unlabelled.append(f"{url} <{el.name}> {el.get_text(' ', strip=True)[:40]}")
    assert unlabelled == []


def test_a_reader_of_english_finds_the_name_type_and_mentions_heading_on_every_entity_page(site):
    ed = edition()
    for entity in ed.entities.values():
        page = soup(site, page_url(ed.particulars.entity_src(entity.id)))
        facts = page.select_one("article dl.entity-facts")
        first = facts.find("dt")
        assert english_of(first) == EN["entity_name_en"] and first.find_next_sibling("dd").find(lang="en").get_text() == entity.name_en
        kind = next(dt for dt in facts.find_all("dt") if english_of(dt) == EN["entity_type"])
        assert english_of(kind.find_next_sibling("dd")) == PARTICULARS["entity_types_en"][entity.type], entity.id
        heading = page.select_one("article h2#mentions")
        listed = len(page.select("article .mentions li"))
        assert english_of(heading) == EN["entity_mentions_heading"], entity.id
        assert heading.get_text(" ", strip=True).rstrip("¶ ").endswith(f"({listed})"), entity.id
        if not listed:
            assert EN["entity_no_mentions"] in english_of(page.select_one("article"))


def test_the_entity_indexes_name_each_group_and_type_in_english(site):
    ed = edition()
    for group in PARTICULARS["pages"]["entity_groups"]:
        page = soup(site, page_url(group["src"]))
        assert english_of(page.select_one("article h1")) == group["title_en"]
        types = [t for t in group["types"] if any(e.type == t for e in ed.entities.values())]
        assert [english_of(h) for h in page.select("article h2")] == [PARTICULARS["entity_types_en"][t] for t in types]
        for head in page.select("article thead tr"):
            assert [english_of(th) for th in head.find_all("th")] == [EN["table_name"], EN["table_name_en"], EN["table_mentions"]]


def test_the_glossary_says_its_title_intro_categories_and_each_terms_labels_in_english(site):
    ed = edition()
    page = soup(site, page_url(ed.particulars.pages.glossary))
    article = page.select_one("article")
    assert english_of(article.h1) == EN["glossary_title"]
    intro = article.select_one("h1 ~ p[lang=en]")
    assert intro.get_text() == EN["glossary_intro"].replace("{count}", str(len(ed.terms)))
    used = [c for c in PARTICULARS["term_categories"] if any(t.category == c for t in ed.terms.values())]
    assert [english_of(h) for h in article.select("h2")] == [PARTICULARS["term_categories_en"][c] for c in used]
    for term in ed.terms.values():
        heading = article.select_one(f"h3#term-{term.id}")
        assert english_of(heading) in term.renderings_en, term.id  # as the English translation renders the term
        entry = []
        for el in heading.find_next_siblings():
            if el.name in ("h2", "h3"):
                break
            entry.append(el)
        labels = {english_of(el.find(class_="label-en", recursive=False) or el) for el in entry if "term-en" not in el.get("class", [])}
        assert {EN["term_forms"], EN["sources_label"], EN["term_where"]} <= labels, term.id
        notes = [el for el in entry if "term-note" in el.get("class", [])]
        assert all(el.find(class_="label-en").get_text() == EN["editor_note"] for el in notes), term.id


def test_the_theme_select_offers_each_theme_in_english_and_the_cards_are_grouped_under_english_headings(site):
    ed = edition()
    page = soup(site, page_url(ed.particulars.pages.dashboard))
    options = page.select("select#figures-theme option")
    assert EN["figures_theme_all"] in options[0].get_text() and options[0]["value"] == ""
    used = {i.theme for i in ed.indicators.values()}
    assert sorted(o["value"] for o in options[1:]) == sorted(used)
    for option in options[1:]:
        assert option.get_text() == f"{option['value']} / {PARTICULARS['themes_en'][option['value']]}"
    cards = page.select_one("section.ic-view[data-view='cards']")
    headings = {without_english(h): english_of(h) for h in cards.select("h3")}
    for theme in used:
        if theme in headings:  # a theme whose figures are all before/after comparisons has no heading of its own
            assert headings[theme] == PARTICULARS["themes_en"][theme]


def test_the_data_page_controls_say_what_they_do_in_english(site):
    page = soup(site, page_url(edition().particulars.pages.dashboard))
    switch = page.select_one(".ic-views")
    assert [english_of(b) for b in switch.select("button")] == [EN["figures_view_table"], EN["figures_view_cards"]]
    assert switch["aria-label"].endswith(f" / {EN['figures_views']}")
    assert english_of(page.select_one("label[for=figures-filter]")) == EN["figures_filter"]
    assert english_of(page.select_one("label[for=figures-theme]")) == EN["figures_col_theme"]
    assert english_of(page.select_one(".ic-none")) == EN["figures_none"]


def test_the_places_map_caption_and_legend_are_in_english_too(site):
    ed = edition()
    for group in (g for g in ed.particulars.pages.entity_groups if g.map):
        figure = soup(site, page_url(group.src)).select_one("figure.province-map")
        caption = figure.figcaption
        assert EN["map_caption"] in english_of(caption) and EN["map_legend"] in english_of(caption)
        assert EN["map_legend_unmentioned"] in english_of(caption.select_one(".legend"))
        assert figure.select_one(".tiles")["aria-label"].endswith(f" / {EN['map_label']}")
