"""Issue 13, the tile map: the whole country, a legend that fits the counts, labels a phone can read."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from markdown.serializers import to_html_string

from edition.entities import MAP_SIZE
from edition.tilemap import Tile, mention_classes, render_province_map
from sitetext import REPORT_PAGES, page_html, report_blocks
from support import ROOT

# The 34 provincial-level administrative regions (23 省, 5 自治区, 4 直辖市, 2 特别行政区), written here, not read from data/.
REGIONS = {
    "北京市", "天津市", "上海市", "重庆市",
    "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省",
    "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
}
XPCC = "新疆生产建设兵团"  # the report lists it beside the 31 mainland regions; a tile of its own, not a region
NOT_MENTIONED = {"台湾省", "香港特别行政区", "澳门特别行政区"}
MAP_PAGES = ["entities/places/"]  # the home page links there (its weight is the reading's)
STRINGS = {"map_label": "图", "map_caption": "说明", "map_legend": "提及次数:", "map_legend_unmentioned": "报告未提及",
           "map_tile_mentions": "{name}:报告提及 {count} 次", "map_tile_unmentioned": "{name}:报告中未提及"}
ENGLISH = {"map_label": "Map", "map_caption": "Caption", "map_legend": "Mentions:", "map_legend_unmentioned": "not mentioned"}


def the_map(site, url):
    return BeautifulSoup(page_html(site, url), "html.parser").select_one("figure.province-map")


def name_of(tile) -> str:
    return tile["title"].split(":")[0]


def place(tile) -> tuple[int, int]:
    classes = " ".join(tile["class"])
    return int(re.search(r"\bc(\d+)\b", classes).group(1)), int(re.search(r"\br(\d+)\b", classes).group(1))


def rendered(tiles: list[Tile]) -> BeautifulSoup:
    return BeautifulSoup(to_html_string(render_province_map(tiles, STRINGS, ENGLISH)), "html.parser")


# --- the renderer on small inputs ----------------------------------------------------------------


def test_legend_classes_start_at_counts_some_tile_has():
    assert mention_classes([1, 1, 2, 1]) == [1, 2]
    assert mention_classes([1, 2, 3, 5, 8, 13]) == [1, 2, 3, 5]  # past four classes the top counts share the last
    tiles = [Tile(0, 0, "甲", "甲省", n, "/a.md") for n in (1, 2, 3, 5, 8, 13)]
    legend = [item.get_text() for item in rendered(tiles).select(".legend-item")]
    assert legend == ["1", "2", "3–4", "5+"]


def test_a_region_the_report_does_not_mention_is_a_hatched_tile_without_a_link():
    soup = rendered([Tile(0, 0, "广东", "广东省", 3, "/entities/guangdong.md"), Tile(1, 0, "台湾", "台湾省", None)])
    linked, unlinked = soup.select(".tile")
    assert linked.name == "a" and linked["title"] == linked["aria-label"] == "广东省:报告提及 3 次"
    assert unlinked.name == "span" and not unlinked.has_attr("href") and "unmentioned" in unlinked["class"]
    assert unlinked["title"] == unlinked["aria-label"] == "台湾省:报告中未提及" and unlinked["role"] == "img"
    assert [i.get_text() for i in soup.select(".legend-item")] == ["3", "报告未提及 not mentioned"]


def test_a_name_with_markup_stays_text():
    soup = rendered([Tile(0, 0, "<b>", '甲" onfocus="x', 1, "/a.md")])
    tile = soup.select_one(".tile")
    assert tile["title"].startswith('甲" onfocus="x') and not tile.has_attr("onfocus") and soup.find("b") is None


def test_the_stylesheet_places_every_column_and_row_of_the_map():
    css = (ROOT / "docs" / "stylesheets" / "reference.css").read_text(encoding="utf-8")
    for c in range(MAP_SIZE[0]):
        assert f".province-map .c{c} {{ grid-column: {c + 1}; }}" in css
    for r in range(MAP_SIZE[1]):
        assert f".province-map .r{r} {{ grid-row: {r + 1}; }}" in css


# --- on the built site ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", MAP_PAGES, ids=["places"])
def test_the_map_draws_all_34_regions_and_the_xpcc_tile(site, url):
    names = Counter(name_of(t) for t in the_map(site, url).select(".tile"))
    assert set(names) == REGIONS | {XPCC} and max(names.values()) == 1
    assert len(names) == 34 + 1


@pytest.mark.parametrize("url", MAP_PAGES, ids=["places"])
def test_taiwan_hong_kong_and_macau_are_marked_not_mentioned_and_link_nowhere(site, url):
    fig = the_map(site, url)
    marked = fig.select(".tile.unmentioned")
    assert {name_of(t) for t in marked} == NOT_MENTIONED
    for tile in marked:
        assert tile.name != "a" and tile.find_parent("a") is None and tile.find("a") is None
        assert tile["aria-label"] == tile["title"] == f"{name_of(tile)}:报告中未提及"
    assert any(item.get_text().startswith("报告未提及") for item in fig.select(".legend-item"))
    assert len(fig.select("a.tile")) == 32


def test_no_page_of_the_report_names_the_regions_marked_not_mentioned(site):
    text = "".join(block for url in REPORT_PAGES for block in report_blocks(page_html(site, url)))  # the report's words only
    for name in NOT_MENTIONED:
        assert name[:2] not in text, name


def covers(label: str, n: int) -> bool:
    """Whether a legend label (3, 3–4, 5+) takes in the count n."""
    if label.endswith("+"):
        return n >= int(label[:-1])
    low, _, high = label.partition("–")
    return int(low) <= n <= int(high or low)


def test_every_legend_class_is_used_by_a_tile_and_says_its_tiles_counts(site):
    fig = the_map(site, MAP_PAGES[0])
    legend = {next(c for c in item.span["class"] if c != "swatch"): item.get_text() for item in fig.select(".legend-item")}
    used = Counter()
    for tile in fig.select("a.tile"):
        shade = next(c for c in tile["class"] if re.fullmatch(r"s\d", c))
        assert covers(legend[shade], int(tile.select_one(".tile-count").get_text())), (tile["title"], legend[shade])
        used[shade] += 1
    assert set(legend) == set(used) | {"unmentioned"}
    assert len(used) >= 2  # the places mentioned twice stand out from those mentioned once


def test_no_two_tiles_share_a_square_and_the_islands_sit_where_a_reader_looks(site):
    tiles = {name_of(t): place(t) for t in the_map(site, MAP_PAGES[0]).select(".tile")}
    assert len(set(tiles.values())) == len(tiles)
    assert tiles["台湾省"] == (tiles["福建省"][0] + 1, tiles["福建省"][1])  # east of 福建
    for south in ("香港特别行政区", "澳门特别行政区"):
        assert tiles[south][1] == tiles["广东省"][1] + 1 and abs(tiles[south][0] - tiles["广东省"][0]) <= 1
    assert tiles["澳门特别行政区"][0] < tiles["香港特别行政区"][0]  # 澳门 west of 香港


def test_the_caption_says_what_a_tile_is(site):
    caption = the_map(site, MAP_PAGES[0]).figcaption.get_text()
    assert "34个省级行政区" in caption and XPCC in caption and "不是省级行政区" in caption


# --- in Chromium ---------------------------------------------------------------------------------

MEASURE = """() => {
  const tiles = [...document.querySelectorAll('figure.province-map .tile')]
  return tiles.map(t => { const r = t.getBoundingClientRect(), n = t.querySelector('.tile-name')
    return {name: t.title, x: r.left, y: r.top, w: r.width, h: r.height,
            font: parseFloat(getComputedStyle(n).fontSize), fits: n.getBoundingClientRect().width <= r.width} })
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_labels_are_readable_and_tiles_never_overlap_in_chromium(browser, served, artefacts, width):
    page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page.goto(served + MAP_PAGES[0], wait_until="load")
    tiles = page.evaluate(MEASURE)
    figure = page.locator("figure.province-map")
    figure.screenshot(path=str(artefacts / f"tilemap-{width}.png"))
    page.close()
    assert len(tiles) == 35
    for t in tiles:
        assert t["font"] >= 12 and t["fits"], t
        assert t["w"] >= 40, t  # a square a finger can find, and room for 黑龙江
    for i, a in enumerate(tiles):
        for b in tiles[i + 1:]:
            apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
            assert apart, (a["name"], b["name"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_tile_label_passes_the_contrast_check(browser, served, scheme):
    page = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page.goto(served + MAP_PAGES[0], wait_until="load")
    results = Axe().run(page, context="figure.province-map", options={
        "runOnly": ["color-contrast"], "resultTypes": ["violations", "incomplete", "passes"]}).response
    page.close()
    assert results["violations"] == [] and results["incomplete"] == []  # incomplete: a colour axe could not measure
    assert sum(len(rule["nodes"]) for rule in results["passes"]) >= 35 + 32  # every name and every count
