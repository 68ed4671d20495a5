"""Issue 4 on the built site: entity pages list every mention, and bad data stops the build."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup

from sitetext import REPORT_PAGES, compare_with_seed, page_html, report_blocks, seed_lines, site_url
from support import ROOT, error_with_broken_data

DATA = yaml.safe_load((ROOT / "data" / "entities.yml").read_text(encoding="utf-8"))
ENTITIES = {e["id"]: e for e in DATA["entities"]}
PROVINCES = [e for e in DATA["entities"] if e["type"] == "province"]


def soup(site, url):
    return BeautifulSoup(page_html(site, url), "html.parser")


def links_from_report(site) -> Counter:
    return Counter(a["data-entity"] for url in REPORT_PAGES for a in soup(site, url).select("article a.ent"))


def listed_mentions(site, entity_id):
    return soup(site, f"entities/{entity_id}/").select("article ol li")


def test_each_entity_page_lists_as_many_mentions_as_there_are_links_to_it(site):
    links = links_from_report(site)
    assert sum(links.values()) > 100
    for entity_id in ENTITIES:
        assert len(listed_mentions(site, entity_id)) == links[entity_id], entity_id


def test_a_short_form_link_carries_the_full_name_and_every_link_reaches_the_entity_page(site):
    shortened = 0
    for url in REPORT_PAGES:
        for a in soup(site, url).select("article a.ent"):
            entity = ENTITIES[a["data-entity"]]
            if a.get_text().strip("《》“”") == entity["name"]:
                assert not a.has_attr("title")  # the full name already: a title would repeat it
            else:
                assert a["title"] == entity["name"]
                shortened += 1
            assert f"ent-{entity['type']}" in a["class"]
            assert (site / url / a["href"] / "index.html").resolve() == (site / "entities" / entity["id"] / "index.html").resolve()
    assert shortened > 20  # 专利法, 广东, “十四五” …


def test_mentions_are_listed_in_report_order_and_link_to_the_paragraph_with_the_mention_highlighted(site):
    order = [pid for url in REPORT_PAGES for pid in (p["id"] for p in soup(site, url).select("article p[id]"))]
    for entity_id in ENTITIES:
        pids = []
        for item in listed_mentions(site, entity_id):
            href = item.select_one("a.mention-source")["href"]
            page, pid = href.split("#")
            target = soup(site, (site / "entities" / entity_id / page).resolve().relative_to(site.resolve()).as_posix() + "/")
            paragraph = target.select_one(f"p#{pid}")
            assert paragraph is not None, href
            assert paragraph.select_one(f"a.ent[data-entity='{entity_id}']"), (entity_id, pid)
            assert item.select_one("mark").get_text() in paragraph.get_text()
            pids.append(pid)
        assert pids == sorted(pids, key=order.index), entity_id


def test_guangdong_page_answers_what_the_report_says_about_guangdong(site):
    page = soup(site, "entities/guangdong/")
    assert page.select_one("h1").get_text().startswith("广东省")
    snippets = [li.select_one(".mention-snippet").get_text() for li in listed_mentions(site, "guangdong")]
    assert any("广东发布全国首部地理标志保护地方法规" in s for s in snippets)


def test_each_of_the_31_provinces_and_the_corps_has_a_page_with_a_mention(site):
    assert len(PROVINCES) == 32
    kinds = Counter(e["kind"] for e in PROVINCES)
    assert kinds == {"省": 22, "自治区": 5, "直辖市": 4, "兵团": 1}
    for province in PROVINCES:
        assert len(listed_mentions(site, province["id"])) >= 1, province["id"]


def test_beijing_treaty_and_winter_olympics_are_not_counted_as_beijing(site):
    decade = soup(site, "part-1/decade/")
    treaty = [a for a in decade.select("a.ent") if "视听表演北京条约" in a.get_text()]
    assert [a["data-entity"] for a in treaty] == ["beijing-treaty"]
    protection = soup(site, "part-1/protection/").select_one("p#p1-3-3")
    assert not any(a["data-entity"] == "beijing" for a in protection.select("a.ent"))


def test_index_pages_list_every_entity_with_its_mention_count(site):
    links = links_from_report(site)
    seen = set()
    for slug in ("laws", "plans", "programmes", "places"):
        for row in soup(site, f"entities/{slug}/").select("article table tbody tr"):
            cells = row.select("td")
            entity_id = cells[0].a["href"].strip("./").split("/")[-1]
            assert int(cells[2].get_text()) == links[entity_id]
            seen.add(entity_id)
    assert seen == set(ENTITIES)


def test_tile_map_has_a_linked_tile_per_province_on_the_places_index_which_the_home_page_links(site):
    assert soup(site, "").select_one("article a[href='entities/places/']")
    links = links_from_report(site)
    for url in ("entities/places/",):
        tiles = soup(site, url).select("figure.province-map a.tile")
        assert len(tiles) == len(PROVINCES)
        for tile in tiles:
            target = (site / url / tile["href"]).resolve().relative_to(site.resolve()).as_posix().split("/")[-1]
            assert tile["title"] == tile["aria-label"] == f"{ENTITIES[target]['name']}:报告提及 {links[target]} 次"


def test_downloads_hold_every_entity_and_every_mention(site):
    links = links_from_report(site)
    records = json.loads((site / "entities.json").read_text(encoding="utf-8"))
    assert {r["id"]: r["mentions"] for r in records} == {e: links[e] for e in ENTITIES}
    rows = list(csv.DictReader(io.StringIO((site / "mentions.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == sum(links.values())
    assert {"entity": "guangdong", "paragraph": "p1-3-1", "paragraph_url": site_url() + "part-1/protection/#p1-3-1", "text": "广东"} in rows
    for slug in ("laws", "plans", "programmes", "places"):
        hrefs = {a["href"] for a in soup(site, f"entities/{slug}/").select("article a[href$='.json'], article a[href$='.csv']")}
        assert hrefs == {"../../entities.json", "../../mentions.csv"}


def test_linking_leaves_the_report_words_unchanged(site):
    blocks = [b for url in REPORT_PAGES for b in report_blocks(page_html(site, url))]
    assert compare_with_seed(blocks, seed_lines()) == []


# --- bad data stops the build, naming the file and the entry -------------------------------------


def entity(data, entity_id):
    return next(e for e in data["entities"] if e["id"] == entity_id)


BAD_ENTITIES = {
    "duplicate id": (lambda d: d["entities"].append(dict(entity(d, "guangdong"))), "data/entities.yml: guangdong: duplicate id"),
    "alias claimed by two entities": (lambda d: entity(d, "guangxi")["aliases"].append("广东"),
                                      "data/entities.yml: guangxi: alias '广东' also used by 'guangdong'"),
    "duplicate alias in one entity": (lambda d: entity(d, "guangdong")["aliases"].append("广东"),
                                      "data/entities.yml: guangdong: alias '广东' also used by 'guangdong'"),
    "missing field": (lambda d: entity(d, "guangdong").pop("name_en"), "data/entities.yml: guangdong: field 'name_en': Field required"),
    "never mentioned": (lambda d: d["entities"].append({**entity(d, "guangdong"), "id": "macau", "aliases": [], "tile": [7, 7],
                                                       "compound": [{"text": "广东发布", "parts": [{"text": "广东", "entity": "guangdong"}, {"text": "发布", "entity": "guangdong"}]}]}),
                        "data/entities.yml: macau: never mentioned"),
}


@pytest.mark.parametrize("fault", BAD_ENTITIES, ids=list(BAD_ENTITIES))
def test_bad_entity_data_stops_the_build_and_names_the_entry(project_copy, fault):
    change, message = BAD_ENTITIES[fault]
    assert message in error_with_broken_data(project_copy, "entities.yml", change)


def test_every_entity_page_says_where_its_facts_and_its_english_name_come_from(site):
    for entity in ENTITIES.values():
        page = soup(site, f"entities/{entity['id']}/")
        sources = page.select_one("p.sources").get_text()
        documents = [s for s in entity["sources"] if s != "report"]
        assert all(f"《{d['title']}》" in sources or d["title"] in sources for d in documents), entity["id"]
        assert ("本报告" in sources) == ("report" in entity["sources"]), entity["id"]
        origin = page.select_one(".name-en-origin").get_text()
        assert ("编者译名" in origin) == (entity["name_en_source"] == "edition"), entity["id"]
