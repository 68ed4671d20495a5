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
from edition.indicator_table import COLUMNS, render_indicator_table
from edition.indicators import Comparison, Indicator, number_in
from edition.numbers import uncovered_numbers
from sitetext import REPORT_PAGES, fold_cards, local_path, page_html, report_text
from support import ROOT, build_copy, edition, error_with_broken_data, site_path

INDICATORS = yaml.safe_load((ROOT / "data" / "indicators.yml").read_text(encoding="utf-8"))
PERIODS = yaml.safe_load((ROOT / "data" / "periods.yml").read_text(encoding="utf-8"))


def example(**changes) -> Indicator:
    fields = dict(
        id="pledge-financing-2022", label="专利商标质押融资额", label_en="Patent and trademark pledge financing",
        value=4868.8, unit="亿元", qualifier="达", period="2022年全年",
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
    for card in cards_on(site, "indicators/"):
        href = card.select_one("a.ic-source")["href"]
        target, pid = href.split("#")
        target_url = (site / "indicators" / target).resolve().relative_to(site.resolve()).as_posix()
        text = paragraph_text(site, target_url + "/", pid)
        quote = card.select_one(".ic-quote").get_text()[1:-1]
        assert quote in text, card["data-indicator"]
        assert card.select_one(".ic-number").get_text() in quote, card["data-indicator"]
        checked += 1
    assert checked == len(INDICATORS)


def test_each_section_page_folds_its_own_figures_right_after_their_paragraph(site):
    for ind in INDICATORS:
        soup = BeautifulSoup(page_html(site, next(u for u in REPORT_PAGES if soup_has(site, u, ind["paragraph"]))), "html.parser")
        para = soup.select_one(f"p#{ind['paragraph']}")
        after = para.find_next_siblings()
        before_next_paragraph = after[: next((i for i, el in enumerate(after) if el.name == "p" and el.get("id")), len(after))]
        fold = next(el for el in before_next_paragraph if "ic-fold" in el.get("class", []))
        named = fold_cards(fold)
        assert ind["id"] in named, ind["id"]
        assert fold.summary.get_text() == f"本段数据 {len(named)} 项"  # one quiet line, folded
        # without the script, the line opens on a link to these cards on the data page
        assert fold.select_one("a")["href"].endswith(f"indicators/#ic-{named[0]}")
        assert not soup.select(".ic-card")  # the page carries its text; the cards come when asked for


def soup_has(site, url, pid):
    return f'id="{pid}"' in page_html(site, url)


def test_dashboard_cards_view_shows_every_card_once_the_before_and_after_comparisons_first(site):
    soup = BeautifulSoup(page_html(site, "indicators/"), "html.parser")
    view = soup.select_one("article section.ic-view[data-view='cards']")
    cards = soup.select("article .ic-card")
    assert cards == view.select(".ic-card")  # the cards are all in their view
    assert sorted(c["data-indicator"] for c in cards) == sorted(i["id"] for i in INDICATORS)  # 83 cards, none twice
    assert len({c["id"] for c in cards}) == len(cards)
    headings = [h.get_text().rstrip("¶") for h in view.select("h3")]
    assert headings[0] == edition().strings["dashboard_comparisons"]
    baseline = [i["id"] for i in INDICATORS if (i.get("comparison") or {}).get("kind") == "baseline"]
    first_grid = view.select_one("h3").find_next_sibling("div", class_="ic-grid")
    assert sorted(c["data-indicator"] for c in first_grid.select(".ic-card")) == sorted(baseline)
    assert len(first_grid.select("svg.ic-chart")) == len(baseline)
    for h3 in view.select("h3")[1:]:
        grid = h3.find_next_sibling("div", class_="ic-grid")
        themes = {next(i["theme"] for i in INDICATORS if i["id"] == c["data-indicator"]) for c in grid.select(".ic-card")}
        assert themes == {h3.get_text().rstrip("¶")}


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
        assert record == {k: v for k, v in ind.items() if v is not None} | {"qualifier": ind.get("qualifier", ""),
                                                                            "period_en": PERIODS[ind["period"]]}
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


# --- issue 13: the data page, a table of every figure (sorted and filtered in the browser) and the cards ---------

DATA_PAGE = "indicators/"


def table_soup(indicators, strings=None):
    s = strings or edition().strings
    made = render_indicator_table(indicators, lambda pid: f"#{pid}", PERIODS, edition().particulars.themes, s, "figures-table")
    return BeautifulSoup("".join(to_html_string(el) for el in made), "html.parser")


def test_a_table_row_holds_theme_label_value_unit_qualifier_period_in_both_languages_and_source():
    row = table_soup([example()]).select_one("tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert cells == ["转化运用", "专利商标质押融资额 Patent and trademark pledge financing", "4868.8", "亿元", "达",
                     "2022年全年 Full year 2022", "p1-4-2"]
    assert row.select("td")[-1].a["href"] == "#p1-4-2"
    assert row.select_one("td:nth-of-type(6) [lang=en]").get_text() == "Full year 2022"


def test_the_table_headings_are_buttons_and_its_controls_wait_for_the_script():
    soup = table_soup([example()])
    headings = soup.select("thead th")
    assert [th.button.get_text() for th in headings] == [edition().strings[label] for label, _ in COLUMNS.values()]
    assert [th.get("aria-sort") for th in headings] == [None] * 6 + ["ascending"]  # rows start in the report's order
    assert soup.select_one(".ic-controls").has_attr("hidden")  # without a script, no control that does nothing
    assert soup.select_one("[aria-live=polite]").get_text() == "显示 1 / 1 项"


def test_a_label_with_markup_reaches_the_table_as_text():
    forced = example().model_copy(update={"label": "<img src=x onerror=alert(1)>", "label_en": "{{ 6*7 }}", "theme": "<b>x</b>"})
    soup = table_soup([forced])
    assert soup.find("img") is None and soup.find("b") is None
    assert soup.select_one("tbody td:nth-of-type(2)").get_text() == "<img src=x onerror=alert(1)> {{ 6*7 }}"
    assert soup.select_one("tbody tr")["data-theme"] == "<b>x</b>"


def test_every_period_a_figure_states_has_its_english_and_no_english_adds_a_number():
    import re

    assert {i["period"] for i in INDICATORS} == set(PERIODS)
    for zh, en in PERIODS.items():
        assert set(re.findall(r"\d+", en)) <= set(re.findall(r"\d+", zh)), (zh, en)


def data_page(site):
    return BeautifulSoup(page_html(site, DATA_PAGE), "html.parser")


def test_the_data_page_table_has_one_row_per_figure_in_report_order_each_linking_to_its_paragraph(site):
    soup = data_page(site)
    rows = soup.select("article table.ic-table tbody tr")
    assert [r["data-indicator"] for r in rows] == list(edition().indicators)  # 83 rows, the report's order
    assert sorted(r["data-indicator"] for r in rows) == sorted(i["id"] for i in INDICATORS)
    by_id = {i["id"]: i for i in INDICATORS}
    for row in rows:
        ind = by_id[row["data-indicator"]]
        cells = row.select("td")
        assert cells[0].get_text() == ind["theme"]
        assert cells[1].select_one(".ic-t-label").get_text() == ind["label"]
        assert cells[2].get_text() == ind.get("as_written", str(ind["value"])) and float(cells[2]["data-sort"]) == ind["value"]
        assert cells[3].get_text() == ind["unit"] and cells[4].get_text() == ind["qualifier"]
        assert cells[5].get_text() == f"{ind['period']} {PERIODS[ind['period']]}"
        link = cells[6].a
        assert link.get_text() == ind["paragraph"] and link["href"].endswith("#" + ind["paragraph"])
        target = site_path(site, DATA_PAGE, link["href"])
        assert ind["quote"] in paragraph_text(site, target, ind["paragraph"]), ind["id"]


def test_the_data_page_has_no_id_twice_the_table_first_and_its_downloads(site):
    soup = data_page(site)
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    views = [v["data-view"] for v in soup.select("article section.ic-view")]
    assert views == ["table", "cards"]  # without a script both show, the table first
    assert soup.select_one("article p a[href$='indicators.csv']") and soup.select_one("article p a[href$='indicators.json']")


def test_the_table_script_is_loaded_by_the_data_page_alone(site):
    loading = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
                     if "javascripts/indicator-table.js" in p.read_text(encoding="utf-8"))
    assert loading == [DATA_PAGE.strip("/")]
    assert (site / "javascripts" / "indicator-table.js").exists()


def test_the_table_script_builds_nothing_from_strings():
    script = (ROOT / "docs" / "javascripts" / "indicator-table.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "createElement"):
        assert sink not in script, sink


# --- in Chromium --------------------------------------------------------------------------------------------

def open_data_page(browser, served, **options):
    page = browser.new_page(viewport={"width": 1280, "height": 800}, **options)
    page.goto(served + DATA_PAGE)
    return page


def matching(words: str) -> list[str]:
    """The figures whose row holds every word (any case), in the report's order: what the filter should leave."""
    ed = edition()
    def row(i):
        return " ".join([i.theme, i.label, i.label_en, i.written_value, i.unit, i.qualifier, i.period, ed.periods[i.period], i.paragraph]).lower()
    return [i.id for i in ed.indicators.values() if all(w in row(i) for w in words.lower().split())]


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("table.ic-table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.indicator)")


def column_texts(page, n: int) -> list[str]:
    return page.eval_on_selector_all(f"table.ic-table tbody tr:not([hidden]) td:nth-child({n})", "cells => cells.map(c => c.textContent)")


def test_clicking_the_value_heading_sorts_the_figures_by_number_then_the_other_way(browser, served):
    values = {ind.id: ind.value for ind in edition().indicators.values()}
    page = open_data_page(browser, served)
    heading = page.locator("table.ic-table th[data-column='value']")
    heading.locator("button").click()
    ascending = [values[i] for i in visible_rows(page)]
    assert ascending == sorted(ascending) and ascending[0] < 10 < 1000 < ascending[-1]  # numbers, not text: 9.4 before 10
    assert heading.get_attribute("aria-sort") == "ascending"
    assert page.locator("table.ic-table th[data-column='source']").get_attribute("aria-sort") is None
    heading.locator("button").press("Enter")  # the keyboard sorts too
    descending = [values[i] for i in visible_rows(page)]
    assert descending == sorted(descending, reverse=True) and heading.get_attribute("aria-sort") == "descending"
    page.locator("table.ic-table th[data-column='source'] button").click()
    assert visible_rows(page) == list(edition().indicators)  # by source paragraph: the report's order again
    page.close()


def test_clicking_the_label_heading_sorts_the_chinese_labels_by_the_browsers_collation(browser, served):
    page = open_data_page(browser, served)
    page.locator("table.ic-table th[data-column='label'] button").click()
    labels = page.eval_on_selector_all("table.ic-table tbody tr td:nth-child(2)", "cells => cells.map(c => c.dataset.sort)")
    collated = page.evaluate("labels => labels.slice().sort(new Intl.Collator(document.documentElement.lang, {numeric: true}).compare)", labels)
    assert labels == collated and labels != [i.label for i in edition().indicators.values()]
    page.close()


def test_typing_in_the_filter_shows_only_matching_rows_and_says_how_many(browser, served):
    ed = edition()
    page = open_data_page(browser, served)
    count = page.locator(".ic-count")
    assert count.get_attribute("aria-live") == "polite" and count.inner_text() == f"显示 {len(ed.indicators)} / {len(ed.indicators)} 项"
    page.fill("#figures-filter", "质押")
    shown = visible_rows(page)
    assert shown == matching("质押") == [i.id for i in ed.indicators.values() if "质押" in i.label] and len(shown) >= 2
    assert count.inner_text() == f"显示 {len(shown)} / {len(ed.indicators)} 项"
    page.fill("#figures-filter", "full year 2022")  # the English too, any case, every word
    assert visible_rows(page) == matching("full year 2022") == [i.id for i in ed.indicators.values() if i.period == "2022年全年"]
    page.fill("#figures-filter", "没有这种数据")
    assert visible_rows(page) == [] and page.locator(".ic-none").is_visible()
    assert count.inner_text() == f"显示 0 / {len(ed.indicators)} 项"
    page.close()


def test_the_theme_select_shows_one_theme_and_combines_with_the_filter(browser, served):
    ed = edition()
    page = open_data_page(browser, served)
    page.select_option("#figures-theme", "保护")
    assert visible_rows(page) == [i.id for i in ed.indicators.values() if i.theme == "保护"]
    assert set(column_texts(page, 1)) == {"保护"}
    page.fill("#figures-filter", "2022")
    both = [i for i in matching("2022") if ed.indicators[i].theme == "保护"]
    assert visible_rows(page) == both and 0 < len(both) < len(column_texts(page, 1)) + 1
    page.select_option("#figures-theme", "")
    page.fill("#figures-filter", "")
    assert len(visible_rows(page)) == len(ed.indicators)
    page.close()


def test_the_cards_view_is_one_click_or_key_away_and_shows_every_card(browser, served):
    page = open_data_page(browser, served)
    table, cards = page.locator("section.ic-view[data-view='table']"), page.locator("section.ic-view[data-view='cards']")
    assert table.is_visible() and not cards.is_visible()
    page.locator(".ic-views button[data-view='cards']").focus()
    page.keyboard.press("Space")
    assert cards.is_visible() and not table.is_visible()
    assert page.locator(".ic-views button[data-view='cards']").get_attribute("aria-pressed") == "true"
    assert cards.locator(".ic-card").count() == len(INDICATORS)
    assert all(cards.locator(".ic-card").nth(n).is_visible() for n in (0, len(INDICATORS) - 1))
    page.locator(".ic-views button[data-view='table']").click()
    assert table.is_visible() and not cards.is_visible()
    page.goto(served + DATA_PAGE + "#ic-pledge-financing-2022")  # a link to a card shows the cards
    assert page.locator("#ic-pledge-financing-2022").is_visible()
    page.close()


def test_the_data_page_is_short_at_1280_and_never_scrolls_sideways_on_a_phone(browser, served):
    page = open_data_page(browser, served)
    assert page.evaluate("document.documentElement.scrollHeight") < 5500  # the wall of cards was 9,100 px
    page.close()
    for scheme in ("light", "dark"):
        phone = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme=scheme)
        phone.goto(served + DATA_PAGE)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        wrap = phone.locator(".ic-table-wrap")
        assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")  # the table scrolls inside its box
        phone.close()


def test_without_a_script_the_table_and_then_the_cards_both_show_and_no_control_does(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(served + DATA_PAGE)
    assert page.locator("table.ic-table").is_visible() and page.locator(".ic-card").first.is_visible()
    assert not page.locator(".ic-controls").is_visible() and not page.locator(".ic-views").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_either_view_sorted_or_filtered(browser, served, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = open_data_page(browser, served, color_scheme=scheme)
    page.locator("table.ic-table th[data-column='value'] button").click()
    page.fill("#figures-filter", "没有这种数据")
    states = [Axe().run(page)]
    page.locator(".ic-views button[data-view='cards']").click()
    states.append(Axe().run(page))
    page.close()
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for results in states
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
