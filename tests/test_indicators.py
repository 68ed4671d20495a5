"""Issue 3: every figure of the report as data, rendered as cards that trace back to their sentence."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from bs4 import BeautifulSoup

from markdown.serializers import to_html_string

from edition.cards import render_before_after_chart, render_card_grid, render_indicator_card
from edition.indicators import Comparison, Indicator, number_in
from edition.numbers import uncovered_numbers
from sitetext import REPORT_PAGES, local_path, page_html, report_text
from support import ROOT, build_copy, edition, error_with_broken_data

INDICATORS = yaml.safe_load((ROOT / "data" / "indicators.yml").read_text(encoding="utf-8"))


def example(**changes) -> Indicator:
    fields = dict(
        id="pledge-financing-2022", label="专利商标质押融资额", label_en="Patent and trademark pledge financing",
        value=4868.8, unit="亿元", qualifier="达", period="2022年全年", period_en="Full year 2022",
        theme="转化运用", paragraph="p1-4-2", quote="全年专利商标质押融资额达4868.8亿元",
    )
    return Indicator.model_validate({**fields, **changes})


# --- the card renderer, a pure function --------------------------------------------------------


def card_soup(ind: Indicator, href="../utilization/#p1-4-2"):
    return BeautifulSoup(to_html_string(render_indicator_card(ind, href)), "html.parser")


def test_card_shows_value_unit_qualifier_label_period_and_source_link():
    card = card_soup(example())
    assert card.select_one(".ic-value").get_text() == "达4868.8亿元"
    assert card.select_one(".ic-label").get_text(" ") == "专利商标质押融资额 Patent and trademark pledge financing"
    assert card.select_one(".ic-period").get_text() == "2022年全年"
    assert card.select_one("a.ic-source")["href"] == "../utilization/#p1-4-2"
    assert "原文" in card.select_one("a.ic-source").get_text()


def test_qualifier_is_never_dropped_and_stands_where_the_report_puts_it():
    assert card_soup(example(value=2.3, unit="万家", qualifier="超", quote="超2.3万家")).select_one(".ic-value").get_text() == "超2.3万家"
    assert card_soup(example(value=1000, unit="家", qualifier="余", quote="1000余家")).select_one(".ic-value").get_text() == "1000余家"
    assert card_soup(example(value=40, unit="%", qualifier="以上", quote="40%以上")).select_one(".ic-value").get_text() == "40%以上"


def test_a_label_with_a_script_tag_renders_as_text():
    forced = example(quote="达4868.8亿元").model_copy(update={"label": "<script>alert(1)</script>"})  # past the plain-text check
    soup = BeautifulSoup(to_html_string(render_indicator_card(forced, "#p1-4-2")), "html.parser")
    assert soup.find("script") is None
    assert soup.select_one(".ic-label").get_text().startswith("<script>alert(1)</script>")


def test_before_and_after_get_a_bar_chart_on_one_scale():
    ind = example(
        value=16.5, unit="个月", qualifier="压减至", period="目前", quote="由2012年的22.6个月压减至目前的16.5个月",
        comparison=Comparison(kind="baseline", value=22.6, unit="个月", period="2012年", text="由2012年的22.6个月压减至目前的16.5个月"),
    )
    svg = card_soup(ind).select_one("svg.ic-chart")
    before, after = [float(r["width"]) for r in svg.select("rect")]
    assert before > after and abs(after / before - 16.5 / 22.6) < 0.01
    assert svg["aria-label"] == "2012年 22.6个月,目前 16.5个月"
    assert card_soup(example()).select_one("svg") is None  # no chart without a before value


def test_chart_bars_scale_with_the_larger_value_when_a_figure_grows():
    svg = BeautifulSoup(to_html_string(render_before_after_chart("2012年", 63.69, "目前", 81.25, "分")), "html.parser")
    before, after = [float(r["width"]) for r in svg.select("rect")]
    assert after == 104.0 and before < after


def test_grid_is_marked_as_an_addition_of_the_edition():
    grid = BeautifulSoup(to_html_string(render_card_grid([render_indicator_card(example(), "#p1-4-2")])), "html.parser").div
    assert "ed" in grid["class"] and len(grid.select(".ic-card")) == 1


def test_number_in_matches_whole_numbers_only():
    assert number_in("达4868.8亿元", "4868.8")
    assert not number_in("达4868.8亿元", "8")
    assert not number_in("3192件", "319")


# --- the data against the report ---------------------------------------------------------------


def test_every_number_in_the_report_is_an_indicator_or_a_listed_exception():
    ed = edition()
    assert uncovered_numbers(ed.report, list(ed.indicators.values()), ed.number_exceptions) == []


def test_a_number_without_its_indicator_is_found_with_its_page_and_line():
    ed = edition()
    rest = [i for i in ed.indicators.values() if i.id != "pledge-financing-2022"]
    found = uncovered_numbers(ed.report, rest, ed.number_exceptions)
    assert len(found) == 1 and found[0].startswith("docs/part-1/utilization.md:") and "4868.8" in found[0]


def test_every_number_in_the_exceptions_file_still_occurs_in_the_report():
    from sitetext import seed_lines

    seed = "\n".join(seed_lines())
    for entry in yaml.safe_load((ROOT / "data" / "number-exceptions.yml").read_text(encoding="utf-8")):
        assert entry["text"] in seed and entry["reason"], entry


# --- the built site ----------------------------------------------------------------------------


def cards_on(site, url):
    return BeautifulSoup(page_html(site, url), "html.parser").select("article .ic-card")


def paragraph_text(site, page_url, pid):
    return report_text(BeautifulSoup(page_html(site, page_url), "html.parser").select_one(f"p#{pid}"))


def test_every_card_quote_is_in_the_paragraph_its_source_link_points_to(site):
    checked = 0
    for url in REPORT_PAGES + ["indicators/"]:
        for card in cards_on(site, url):
            href = card.select_one("a.ic-source")["href"]
            target, pid = href.split("#")
            target_url = (site / url / target).resolve().relative_to(site.resolve()).as_posix()
            target_url = "" if target_url == "." else target_url + "/"
            text = paragraph_text(site, target_url, pid)
            quote = card.select_one(".ic-quote").get_text()[1:-1]
            assert quote in text, (url, card["data-indicator"])
            assert card.select_one(".ic-number").get_text() in quote, card["data-indicator"]
            checked += 1
    assert checked == 2 * len(INDICATORS)  # once near its sentence, once on the dashboard


def test_each_section_page_shows_its_own_figures_right_after_their_paragraph(site):
    for ind in INDICATORS:
        soup = BeautifulSoup(page_html(site, next(u for u in REPORT_PAGES if soup_has(site, u, ind["paragraph"]))), "html.parser")
        para = soup.select_one(f"p#{ind['paragraph']}")
        after = para.find_next_siblings()
        before_next_paragraph = after[: next((i for i, el in enumerate(after) if el.name == "p" and el.get("id")), len(after))]
        fold = next(el for el in before_next_paragraph if "ic-fold" in el.get("class", []))
        assert fold.select_one(f".ic-grid [data-indicator='{ind['id']}']"), ind["id"]
        cards = fold.select(".ic-card")
        assert fold.summary.get_text() == f"本段数据 {len(cards)} 项"  # one quiet line, folded


def soup_has(site, url, pid):
    return f'id="{pid}"' in page_html(site, url)


def test_dashboard_shows_every_card_once_the_before_and_after_comparisons_first(site):
    soup = BeautifulSoup(page_html(site, "indicators/"), "html.parser")
    cards = soup.select("article .ic-card")
    assert sorted(c["data-indicator"] for c in cards) == sorted(i["id"] for i in INDICATORS)  # 83 cards, none twice
    assert len({c["id"] for c in cards}) == len(cards)
    headings = [h.get_text().rstrip("¶") for h in soup.select("article h2")]
    assert headings[0] == edition().strings["dashboard_comparisons"]
    baseline = [i["id"] for i in INDICATORS if (i.get("comparison") or {}).get("kind") == "baseline"]
    first_grid = soup.select_one("article h2").find_next_sibling("div", class_="ic-grid")
    assert sorted(c["data-indicator"] for c in first_grid.select(".ic-card")) == sorted(baseline)
    assert len(first_grid.select("svg.ic-chart")) == len(baseline)
    for h2 in soup.select("article h2")[1:]:
        grid = h2.find_next_sibling("div", class_="ic-grid")
        themes = {next(i["theme"] for i in INDICATORS if i["id"] == c["data-indicator"]) for c in grid.select(".ic-card")}
        assert themes == {h2.get_text().rstrip("¶")}


def test_downloads_hold_the_yaml_content_plus_paragraph_urls(site):
    soup = BeautifulSoup(page_html(site, "indicators/"), "html.parser")
    links = {a["href"] for a in soup.select("article a[href$='.csv'], article a[href$='.json']")}
    assert links == {"../indicators.csv", "../indicators.json"}
    records = json.loads((site / "indicators.json").read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in records}
    assert len(records) == len(INDICATORS)
    for ind in INDICATORS:
        record = dict(by_id[ind["id"]])
        url = record.pop("paragraph_url")
        assert url.endswith("#" + ind["paragraph"])
        assert (site / local_path(url).split("#")[0] / "index.html").exists()
        assert record == {k: v for k, v in ind.items() if v is not None} | {"qualifier": ind.get("qualifier", "")}
    rows = list(csv.DictReader(io.StringIO((site / "indicators.csv").read_text(encoding="utf-8-sig"))))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert rows[0]["quote"] == records[0]["quote"]


# --- bad data stops the build, naming the file and the entry -------------------------------------


def break_indicator(project, entry_id, change):
    return error_with_broken_data(project, "indicators.yml",
                                  lambda entries: change(entries, next(e for e in entries if e["id"] == entry_id)))


BAD_DATA = {
    "missing field": (lambda entries, e: e.pop("unit"), "field 'unit': Field required"),
    "mistyped field": (lambda entries, e: e.update(value="四千"), "field 'value"),
    "duplicate id": (lambda entries, e: entries.append(dict(e)), "duplicate id"),
    "unknown paragraph": (lambda entries, e: e.update(paragraph="p9-9-9"), "unknown paragraph id 'p9-9-9'"),
    "quote not verbatim": (lambda entries, e: e.update(quote="全年专利商标质押融资额达4868.9亿元"), "is not found verbatim in paragraph p1-4-2"),
    "value not in quote": (lambda entries, e: e.update(value=4868.9), "value 4868.9 is not in the quote"),
}


@pytest.mark.parametrize("fault", BAD_DATA, ids=list(BAD_DATA))
def test_bad_indicator_stops_the_build_and_names_file_and_entry(project_copy, fault):
    change, message = BAD_DATA[fault]
    result = break_indicator(project_copy, "pledge-financing-2022", change)
    assert "data/indicators.yml: pledge-financing-2022: " in result
    assert message in result


def test_unknown_indicator_in_a_page_stops_the_build_naming_page_and_id(project_copy):
    page = project_copy / "docs" / "part-1" / "examination.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ indicator("no-such-figure") }}\n', encoding="utf-8")
    result = build_copy(project_copy)
    assert result.returncode != 0
    assert "docs/part-1/examination.md:" in result.stderr and "unknown indicator id 'no-such-figure'" in result.stderr
    assert "Traceback" not in result.stderr
