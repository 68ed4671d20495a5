"""Issue 3: every figure of the report as data, rendered as cards that trace back to their sentence.
Issue 14: figures a researcher can compute with (value in base units, exactness, structured periods, comparison
kinds), the corrections of an independent check, and the report's verbal claims (首次, 第三次 …) as data."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from decimal import Decimal

import pytest
import yaml
from bs4 import BeautifulSoup

from markdown.serializers import to_html_string

from edition.cards import exactness_words, render_before_after_chart, render_card_grid, render_indicator_card
from edition.indicator_table import COLUMNS, render_indicator_table
from edition.indicators import (EXACTNESS, Claim, Comparison, Indicator, chinese_numeral, claim_reading, in_base_units,
                                number_in, number_text)
from edition.numbers import NumberException, uncovered_numbers
from edition.report import Report, ReportPage
from sitetext import REPORT_PAGES, fold_cards, local_path, page_html, report_text, without_additions
from support import ROOT, build_copy, edition, error_with_broken_data, site_path

INDICATORS = yaml.safe_load((ROOT / "data" / "indicators.yml").read_text(encoding="utf-8"))
PERIODS = yaml.safe_load((ROOT / "data" / "periods.yml").read_text(encoding="utf-8"))
FIGURES = [i for i in INDICATORS if i.get("kind", "figure") == "figure"]
CLAIMS = [i for i in INDICATORS if i.get("kind") == "claim"]


def example(**changes) -> Indicator:
    fields = dict(
        id="pledge-financing-2022", label="专利商标质押融资额", label_en="Patent and trademark pledge financing",
        value=4868.8, unit="亿元", period="2022年全年",
        theme="转化运用", paragraph="p1-4-2", quote="全年专利商标质押融资额达4868.8亿元",
    )
    return Indicator.model_validate({**fields, **changes})


def real(entry_id: str):
    return edition().indicators[entry_id]


# --- the card renderer, a pure function --------------------------------------------------------


def card_soup(ind, href="../utilization/#p1-4-2", period=None):
    s = edition().strings
    card = render_indicator_card(ind, href, s["source_link"], s["comparison_before"], period, exactness_words(s))
    return BeautifulSoup(to_html_string(card), "html.parser")


def test_card_shows_value_unit_label_period_and_source_link():
    card = card_soup(example(), period=edition().periods["2022年全年"])
    assert card.select_one(".ic-value").get_text() == "4868.8亿元"  # 达 is the sentence's verb: it stays in the quote
    assert card.select_one(".ic-label").get_text(" ") == "专利商标质押融资额 Patent and trademark pledge financing"
    assert card.select_one(".ic-period").get_text() == "2022年全年 Full year 2022"
    assert card.select_one(".ic-period")["data-period-kind"] == "during"
    assert card.select_one("a.ic-source")["href"] == "../utilization/#p1-4-2"
    assert "原文" in card.select_one("a.ic-source").get_text()
    assert card.select_one(".ic-quote").get_text() == "“全年专利商标质押融资额达4868.8亿元”"


def test_qualifier_is_never_dropped_and_stands_where_the_report_puts_it():
    assert card_soup(example(value=2.3, unit="万家", qualifier="超", quote="超2.3万家")).select_one(".ic-value").get_text() == "超2.3万家"
    assert card_soup(example(value=1000, unit="家", qualifier="余", quote="1000余家")).select_one(".ic-value").get_text() == "1000余家"
    assert card_soup(example(value=40, unit="%", qualifier="以上", quote="40%以上")).select_one(".ic-value").get_text() == "40%以上"


def test_the_card_says_a_bound_or_an_approximation_in_words_and_nothing_for_an_exact_number():
    lower = card_soup(example(value=2.3, unit="万家", qualifier="超", quote="超2.3万家")).select_one(".ic-exactness")
    assert lower.get_text() == "下限 lower bound" and lower["data-exactness"] == "lower_bound"
    assert lower.select_one("[lang=en]").get_text() == "lower bound"
    near = card_soup(example(value=10000, unit="项次", as_written="万", qualifier="近", quote="近万项次")).select_one(".ic-exactness")
    assert near.get_text() == "约数 approximate"
    assert card_soup(example()).select_one(".ic-exactness") is None
    assert card_soup(real("pledge-financing-decade")).select_one(".ic-exactness").get_text() == "下限 lower bound"  # 迈上


def test_a_verb_or_a_scope_is_no_qualifier():
    for word in ("达", "共", "增至", "压减至", "提升至", "累计"):
        with pytest.raises(ValueError, match="not a word that bounds or rounds the number"):
            example(qualifier=word)
    assert EXACTNESS["超"] == EXACTNESS["超过"] == EXACTNESS["突破"] == EXACTNESS["迈上"] == EXACTNESS["以上"] == "lower_bound"
    assert EXACTNESS["近"] == EXACTNESS["约"] == EXACTNESS["余"] == EXACTNESS["多"] == "approximate"
    assert EXACTNESS[""] == "exact"


def test_a_label_with_a_script_tag_renders_as_text():
    forced = example(quote="达4868.8亿元").model_copy(update={"label": "<script>alert(1)</script>"})  # past the plain-text check
    soup = BeautifulSoup(to_html_string(render_indicator_card(forced, "#p1-4-2")), "html.parser")
    assert soup.find("script") is None
    assert soup.select_one(".ic-label").get_text().startswith("<script>alert(1)</script>")


def test_before_and_after_get_a_bar_chart_on_one_scale():
    ind = example(
        value=16.5, unit="个月", period="目前", quote="由2012年的22.6个月压减至目前的16.5个月",
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


def test_a_claim_card_shows_its_words_in_place_of_a_number():
    card = card_soup(real("ip-protection-central-inspection-plan-third"), period=edition().periods["2022年"])
    assert "ic-claim" in card.figure["class"]
    assert card.select_one(".ic-value").get_text() == "第三次"
    assert card.select_one(".ic-unit") is None and card.select_one(".ic-exactness") is None
    assert card.select_one(".ic-quote").get_text() == "“推动将知识产权保护第三次纳入中央督检考计划”"


def test_number_in_matches_whole_numbers_only():
    assert number_in("达4868.8亿元", "4868.8")
    assert not number_in("达4868.8亿元", "8")
    assert not number_in("3192件", "319")


# --- values in base units, exactness, periods: computed, never typed -------------------------------


def test_a_value_in_base_units_is_computed_from_value_and_unit():
    assert in_base_units(79.8, "万件") == (798000, "件") and isinstance(in_base_units(79.8, "万件")[0], int)
    assert in_base_units(4868.8, "亿元") == (486880000000, "元")
    assert in_base_units(2.19, "万亿元") == (2190000000000, "元")
    assert in_base_units(1.6, "万亿美元") == (1600000000000, "美元")
    assert in_base_units(12.4, "%") == (12.4, "%")
    assert in_base_units(9.4, "件") == (9.4, "件")
    assert in_base_units(16.5, "个月") == (16.5, "个月")
    with pytest.raises(ValueError, match="a scale without a unit"):
        in_base_units(116, "万")
    assert number_text(486880000000) == "486880000000" and number_text(9.4) == "9.4" and number_text(81.25) == "81.25"


def test_the_real_figures_in_base_units():
    assert (real("invention-patents-granted-2022").base_value, real("invention-patents-granted-2022").base_unit) == (798000, "件")
    assert (real("ip-week-events-2022").base_value, real("ip-week-events-2022").base_unit) == (10000, "项次")  # 近万
    assert (real("pledge-financing-2022").base_value, real("pledge-financing-2022").base_unit) == (486880000000, "元")
    assert (real("patentees-benefiting-annuity-deferral-2022").unit, real("patentees-benefiting-annuity-deferral-2022").base_value) == ("万名", 1160000)
    assert (real("hague-design-applications").base_value, real("hague-design-applications").exactness) == (1000, "lower_bound")  # 超千


SCALE = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}


def base_by_hand(entry: dict) -> Decimal:
    """The value in base units worked out here, apart from the code: the number times the unit's scale word."""
    scale = next((SCALE[w] for w in SCALE if entry["unit"].startswith(w)), Decimal(1))
    return Decimal(str(entry["value"])) * scale


def test_every_figures_qualifier_is_the_word_next_to_its_number_in_the_quote():
    """The qualifier is not forgotten (超, 近, 余, 以上 beside the number) and no verb is taken for one."""
    before = ("超过", "突破", "迈上", "超", "近", "约")
    for entry in FIGURES:
        written = entry.get("as_written", str(entry["value"]))
        at = entry["quote"].index(written)
        head, tail = entry["quote"][:at], entry["quote"][at + len(written):]
        found = next((w for w in before if head.endswith(w)), "")
        found = found or next((w for w in ("余", "多") if tail.startswith(w)), "")
        rest = tail[len(entry["unit"]):] if tail.startswith(entry["unit"]) else ""
        found = found or next((w for w in ("以上", "以下", "左右") if rest.startswith(w)), "")
        assert entry.get("qualifier", "") == found, entry["id"]
    verbs = {"invention-patents-in-force": "达", "invention-patents-granted-2022": "共", "standardized-data-types-local-outlets": "增至",
             "exam-period-invention": "压减至", "ip-protection-satisfaction": "提升至", "gi-products-approved": "累计"}
    for entry_id, verb in verbs.items():
        assert verb in real(entry_id).quote and real(entry_id).exactness == "exact", entry_id


def test_the_base_values_of_every_figure_match_a_calculation_by_hand():
    for entry in FIGURES:
        assert Decimal(str(real(entry["id"]).base_value)) == base_by_hand(entry), entry["id"]


def test_every_period_a_figure_states_has_its_line_and_no_english_adds_a_number():
    assert {i["period"] for i in INDICATORS} == set(PERIODS)
    for zh, period in PERIODS.items():
        assert set(re.findall(r"\d+", period["en"])) <= set(re.findall(r"\d+", zh)), zh
        assert period["kind"] in ("during", "as_of", "cumulative", "not_stated"), zh
        for date in (period.get("start"), period.get("end")):
            assert date is None or date[:4] in re.findall(r"\d+", zh), zh


def test_one_period_one_english_and_a_missing_date_is_said_in_one_wording():
    english = [p["en"] for p in PERIODS.values()]
    assert len(english) == len(set(english))
    assert not [e for e in english if e.lower().startswith("current")]
    for zh, period in PERIODS.items():
        if period["kind"] != "not_stated" and not period.get("start") and not period.get("end"):
            assert "not stated" in period["en"], zh
    assert PERIODS["目前"] == {"en": "At present (date not stated)", "kind": "as_of"}
    # 目前 only where the report says 目前
    for entry in INDICATORS:
        if entry["period"] == "目前":
            assert "目前" in edition().report.paragraphs[entry["paragraph"]].text, entry["id"]


# --- the corrections of the independent check (issue 14, Figures) -----------------------------------------------


def test_the_gii_rank_is_an_ordinal_its_24_places_are_a_change_in_rank_and_the_ten_years_of_rises_are_kept():
    ind = real("wipo-gii-rank")
    assert card_soup(ind).select_one(".ic-value").get_text() == "第11位"
    assert ind.comparison.kind == "rank_change" and ind.comparison.value == 24 and ind.comparison.unit == "位"
    assert "连续十年稳步上升" in ind.comparison.text
    assert card_soup(ind).select_one(".ic-comparison")["data-comparison"] == "rank_change"


def test_the_export_growth_is_compared_with_import_growth_as_a_gap_not_a_change_over_time():
    c = real("ip-royalties-exports-growth-2022").comparison
    assert (c.kind, c.value, c.unit) == ("gap", 9.9, "个百分点") and "进口" in c.text
    assert {i.comparison.kind for i in edition().indicators.values() if i.comparison} == {"baseline", "change", "gap", "rank_change"}


def test_the_16_departments_are_those_besides_cnipa():
    ind = real("ip-services-opinion-departments")
    assert ind.value == 16 and "不含国家知识产权局" in ind.label and "17 issuers" in ind.label_en


def test_the_power_demo_cards_are_the_first_batch_supported_toward_demonstration_status():
    for kind in ("cities", "counties", "parks", "enterprises"):
        ind = real(f"ip-power-demo-{kind}")
        assert ind.label.startswith("首批支持") and "示范创建" in ind.label, ind.id
        assert not re.search("示范(城市|区县|园区|企业)", ind.label) and "first batch" in ind.label_en and "toward" in ind.label_en


def test_the_outline_documents_are_all_31_provinces_plus_the_corps_as_of_the_end_of_2022():
    ind = real("provinces-outline-supporting-docs")
    assert ind.value == 31 and "新疆生产建设兵团" in ind.label and "Corps" in ind.label_en
    for entry_id in ("provinces-outline-supporting-docs", "provinces-local-14th-fyp-ip-plans"):
        period = edition().periods[real(entry_id).period]
        assert (period.kind, period.end) == ("as_of", "2022-12-31") and "editors' reading" in period.en, entry_id


def test_hague_applications_are_chinese_enterprises_since_5_may_2022():
    ind = real("hague-design-applications")
    assert "国内企业" in ind.label and "Chinese enterprises" in ind.label_en
    period = edition().periods[ind.period]
    assert (period.kind, period.start, period.end) == ("cumulative", "2022-05-05", None)


def test_pledge_financing_decade_is_annual_a_lower_bound_and_more_than_tenfold():
    ind = real("pledge-financing-decade")
    assert "年度" in ind.label and ind.label_en.startswith("Annual")
    assert (ind.qualifier, ind.exactness, ind.base_value) == ("迈上", "lower_bound", 400000000000)
    assert (ind.comparison.qualifier, ind.comparison.exactness, ind.comparison.kind) == ("超", "lower_bound", "change")


def test_the_ten_year_royalty_total_is_cumulative_and_its_13_7_percent_is_an_average_annual_growth_of_its_own():
    total, growth = real("ip-royalties-trade-decade"), real("ip-royalties-trade-growth-decade")
    assert total.comparison is None and edition().periods[total.period].kind == "cumulative"
    assert (growth.value, growth.unit) == (13.7, "%") and "年均" in growth.label and "average annual growth" in growth.label_en


def test_the_dashboard_heading_claims_no_years_the_report_does_not_give():
    heading = edition().strings["dashboard_comparisons"]
    assert heading == "前后对比" and not re.search(r"\d|十年", heading)


def test_the_same_wording_gets_the_same_period():
    # 布局建设104家 / 布局建设3400余个: the same words, so the same period
    assert real("patent-navigation-service-bases").period == real("trademark-brand-guidance-stations").period


def test_the_smaller_corrections():
    assert real("ip-rapid-rights-centres").label.startswith("国家级") and "国家级" in real("ip-rapid-rights-centres").quote
    assert real("ip-rapid-rights-centres").label_en.startswith("National")
    assert real("patentees-benefiting-annuity-deferral-2022").unit == "万名"
    assert real("serious-dishonesty-cases-published-2022").label.startswith("首次") and "first" in real("serious-dishonesty-cases-published-2022").label_en
    assert "四方面" in real("cnipa-relief-measures-2022").label and "four areas" in real("cnipa-relief-measures-2022").label_en


# --- the report's verbal claims as data ---------------------------------------------------------------------


def test_a_claims_words_say_its_kind_and_ordinal():
    assert claim_reading("第三次") == ("ordinal", 3) and claim_reading("第四轮") == ("ordinal", 4)
    assert claim_reading("全国首部") == ("first", 1) and claim_reading("首批") == ("first", 1)
    assert claim_reading("率先") == ("lead", None) and claim_reading("省级全覆盖") == ("coverage", None)
    assert claim_reading("连续两次") == ("repeat", None)
    assert chinese_numeral("二十五") == 25 and chinese_numeral("十四") == 14 and chinese_numeral("十") == 10
    with pytest.raises(ValueError):
        claim_reading("大幅提升")


def test_the_claims_are_carded_each_with_its_words_in_its_verbatim_quote():
    ed = edition()
    claims = [i for i in ed.indicators.values() if isinstance(i, Claim)]
    assert len(claims) == len(CLAIMS) >= 15
    for claim in claims:
        assert claim.word in claim.quote and claim.quote in ed.report.paragraphs[claim.paragraph].text, claim.id
    words = {c.id: c.word for c in claims}
    assert words["ip-protection-central-inspection-plan-third"] == "第三次" and words["state-council-incentive-review-first"] == "首次"
    assert words["patent-trademark-laws-fourth-revision"] == "第四轮" and words["guangdong-gi-regulation-first-nationwide"] == "全国首部"


def test_a_claim_carries_no_number_to_compute_with():
    with pytest.raises(ValueError):  # a claim has no value, unit or comparison
        Claim.model_validate({**CLAIMS[0], "value": 3})


def report_with(pid: str, text: str) -> Report:
    """The real report with one paragraph's text replaced (in memory)."""
    pages = [ReportPage(p.src, p.title, p.editorial_title, [replace(line, text=text) if line.id == pid else line for line in p.lines])
             for p in edition().report.pages]
    return Report(pages)


def test_a_new_first_in_a_report_paragraph_without_a_card_or_an_exception_fails():
    ed = edition()
    entries = list(ed.indicators.values())
    assert uncovered_numbers(ed.report, entries, ed.number_exceptions) == []
    para = ed.report.paragraphs["p1-5-1"]
    changed = report_with("p1-5-1", para.text + "首次发布知识产权政务服务白皮书。")
    found = uncovered_numbers(changed, entries, ed.number_exceptions)
    assert len(found) == 1 and found[0].startswith(f"docs/{para.page}:{para.line}: 首次 in “")
    ordinal = report_with("p1-5-1", para.text + "第五次开展评价。")
    found = uncovered_numbers(ordinal, entries, ed.number_exceptions)
    assert len(found) == 1 and ": 第五次 in “" in found[0]
    # an exception that explains it (not a claim) lets it pass; so would a claim carding it
    excepted = ed.number_exceptions + [NumberException(text="第五次开展评价", reason="test")]
    assert uncovered_numbers(ordinal, entries, excepted) == []


def test_a_claim_word_without_its_claim_is_found_with_its_page_and_line():
    ed = edition()
    rest = [i for i in ed.indicators.values() if i.id != "patent-trademark-laws-fourth-revision"]
    found = uncovered_numbers(ed.report, rest, ed.number_exceptions)
    assert len(found) == 1 and found[0].startswith("docs/part-1/decade.md:") and "第四轮" in found[0]
    # a figure's quote does not carry a claim word: without its claim, 首次 of 首次通报25起 is found
    rest = [i for i in ed.indicators.values() if i.id != "serious-dishonesty-cases-report-first"]
    assert [f for f in uncovered_numbers(ed.report, rest, ed.number_exceptions) if "首次" in f]


def test_a_first_without_its_card_stops_the_build_naming_the_word(project_copy):
    result = error_with_broken_data(project_copy, "indicators.yml",
                                    lambda entries: entries.remove(next(e for e in entries if e["id"] == "state-council-incentive-review-first")))
    assert "docs/part-1/central-directives.md:" in result and ": 首次 in “" in result
    assert "neither an indicator (data/indicators.yml) nor a listed exception (data/number-exceptions.yml)" in result


def test_every_claim_word_the_exceptions_hold_is_not_a_claim_of_what_was_done():
    spans = [e.text for e in edition().number_exceptions if re.search(r"首|第|率先|全覆盖", e.text)]
    assert set(spans) >= {"第二十五次集体学习", "第十四届金砖国家", "首创精神"}


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
        fold = next((el for el in before_next_paragraph if "ic-fold" in el.get("class", [])), None)
        if fold is None and ind.get("kind") == "claim":
            continue  # a claim in a paragraph without figures is on the data page only (no page calls its cards)
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
    assert sorted(c["data-indicator"] for c in cards) == sorted(i["id"] for i in INDICATORS)  # figures and claims, none twice
    assert len(view.select(".ic-card.ic-claim")) == len(CLAIMS)
    assert len({c["id"] for c in cards}) == len(cards)
    headings = [without_additions(h).get_text().strip() for h in view.select("h3")]  # the Chinese: the English is an addition
    assert headings[0] == edition().strings["dashboard_comparisons"]
    baseline = [i["id"] for i in INDICATORS if (i.get("comparison") or {}).get("kind") == "baseline"]
    first_grid = view.select_one("h3").find_next_sibling("div", class_="ic-grid")
    assert sorted(c["data-indicator"] for c in first_grid.select(".ic-card")) == sorted(baseline)
    assert len(first_grid.select("svg.ic-chart")) == len(baseline)
    for h3 in view.select("h3")[1:]:
        grid = h3.find_next_sibling("div", class_="ic-grid")
        themes = {next(i["theme"] for i in INDICATORS if i["id"] == c["data-indicator"]) for c in grid.select(".ic-card")}
        assert themes == {without_additions(h3).get_text().strip()}


def test_downloads_hold_the_yaml_content_plus_what_the_build_derives_and_paragraph_urls(site):
    soup = BeautifulSoup(page_html(site, "indicators/"), "html.parser")
    links = {a["href"] for a in soup.select("article a[href$='.csv'], article a[href$='.json']")}
    assert links == {"../indicators.csv", "../indicators.json"}
    records = json.loads((site / "indicators.json").read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in records}
    assert len(records) == len(INDICATORS)
    derived = {"kind", "exactness", "base_value", "base_unit", "claim_kind", "ordinal", "period_en", "period_kind", "period_start", "period_end"}
    for ind in INDICATORS:
        record = dict(by_id[ind["id"]])
        url = record.pop("paragraph_url")
        assert url.endswith("#" + ind["paragraph"])
        assert (site / local_path(url).split("#")[0] / "index.html").exists()
        period = PERIODS[ind["period"]]
        assert (record["period_en"], record["period_kind"]) == (period["en"], period["kind"])
        assert (record.get("period_start"), record.get("period_end")) == (period.get("start"), period.get("end"))
        if ind.get("kind") == "claim":
            assert record["claim_kind"] == claim_reading(ind["word"])[0] and "base_value" not in record
        else:
            assert Decimal(str(record["base_value"])) == base_by_hand(ind) and record["exactness"] == EXACTNESS[ind.get("qualifier", "")]
            assert record.pop("qualifier") == ind.get("qualifier", "")
            if "comparison" in record:
                comparison = record["comparison"]
                assert comparison.pop("exactness") == EXACTNESS[ind["comparison"].get("qualifier", "")]
                if comparison["qualifier"] == "":
                    del comparison["qualifier"]
        assert {k: v for k, v in record.items() if k not in derived} == {k: v for k, v in ind.items() if k not in ("kind", "qualifier")}


def csv_rows(site) -> list[dict]:
    text = (site / "indicators.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_a_plain_numeric_base_value_column_that_sorts_right_and_an_exactness_column(site):
    """What pandas needs to read base_value as a number column: digits and a point only (no thousands separator,
    no unit in the cell); a claim's cell is empty (NaN to pandas)."""
    rows = csv_rows(site)
    assert [r["id"] for r in rows] == list(edition().indicators)
    for column in ("kind", "value", "unit", "qualifier", "exactness", "base_value", "base_unit", "period_kind", "period_start",
                   "period_end", "comparison_kind", "comparison_exactness", "word", "claim_kind", "ordinal"):
        assert column in rows[0], column
    by_id = {i["id"]: i for i in INDICATORS}
    for row in rows:
        if row["kind"] == "claim":
            assert row["base_value"] == row["exactness"] == "" and row["word"], row["id"]
            continue
        assert re.fullmatch(r"-?\d+(\.\d+)?", row["base_value"]), row
        assert Decimal(row["base_value"]) == base_by_hand(by_id[row["id"]]), row["id"]
        assert row["exactness"] in ("exact", "lower_bound", "upper_bound", "approximate") and row["base_unit"], row["id"]
    figures = [r for r in rows if r["kind"] == "figure"]
    as_numbers = sorted(figures, key=lambda r: float(r["base_value"]))
    assert [r["id"] for r in as_numbers] == [r["id"] for r in sorted(figures, key=lambda r: base_by_hand(by_id[r["id"]]))]
    ordered = [float(r["base_value"]) for r in as_numbers]
    assert ordered[0] < 10 < 798000 < 486880000000 <= ordered[-1]  # 9.4 件 before 79.8 万件 before 4868.8 亿元
    assert {r["exactness"] for r in figures} == {"exact", "lower_bound", "approximate"}
    assert {r["period_kind"] for r in rows} == {"during", "as_of", "cumulative", "not_stated"}
    by_row = {r["id"]: r for r in rows}
    assert (by_row["invention-patents-granted-2022"]["base_value"], by_row["invention-patents-granted-2022"]["base_unit"]) == ("798000", "件")
    assert by_row["pledge-financing-decade"]["comparison_exactness"] == "lower_bound"
    assert (by_row["patent-trademark-laws-fourth-revision"]["claim_kind"], by_row["patent-trademark-laws-fourth-revision"]["ordinal"]) == ("ordinal", "4")


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
    made = render_indicator_table(indicators, lambda pid: f"#{pid}", edition().periods, edition().particulars.themes, s, "figures-table",
                                  edition().particulars.strings_en, edition().particulars.themes_en)
    return BeautifulSoup("".join(to_html_string(el) for el in made), "html.parser")


def test_a_table_row_holds_theme_label_value_unit_qualifier_exactness_base_value_period_in_both_languages_and_source():
    row = table_soup([example()]).select_one("tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert cells == ["转化运用", "专利商标质押融资额 Patent and trademark pledge financing", "4868.8 亿元", "确数 exact",
                     "486,880,000,000 元", "2022年全年 Full year 2022", "p1-4-2"]
    assert row.select("td")[2].get_text() == "4868.8亿元"  # as the report writes it
    assert row.select("td")[-1].a["href"] == "#p1-4-2"
    assert row.select_one("td:nth-of-type(6) [lang=en]").get_text() == "Full year 2022"
    assert row.select("td")[2]["data-sort"] == row.select("td")[4]["data-sort"] == "486880000000"  # both sort by the base value
    bound = table_soup([real("gi-mark-users")]).select("tbody td")
    assert [bound[2].get_text(), bound[3].get_text(" ", strip=True), bound[4].get_text(" ", strip=True)] == ["超2.3万家", "下限 lower bound", "23,000 家"]
    assert table_soup([real("pledge-financing-growth-3yr")]).select("tbody td")[2].get_text() == "40%以上"


def test_a_claim_row_shows_its_words_and_has_no_number_to_sort_by():
    row = table_soup([real("patent-trademark-laws-fourth-revision")]).select_one("tbody tr")
    cells = row.select("td")
    assert row["data-kind"] == "claim" and cells[2].get_text() == "第四轮"
    assert cells[2]["data-sort"] == cells[4]["data-sort"] == "" and cells[3].get_text() == cells[4].get_text() == ""


def test_the_table_headings_are_buttons_and_its_controls_wait_for_the_script():
    soup = table_soup([example()])
    headings = soup.select("thead th")
    assert [without_additions(th.button).get_text().strip() for th in headings] == [edition().strings[label] for label, _ in COLUMNS.values()]
    assert [th.get("aria-sort") for th in headings] == [None] * 6 + ["ascending"]  # rows start in the report's order
    assert [th["data-column"] for th in headings if th["data-type"] == "number"] == ["value", "base", "source"]
    assert soup.select_one(".ic-controls").has_attr("hidden")  # without a script, no control that does nothing
    assert soup.select_one("[aria-live=polite]").get_text() == "显示 1 / 1 项"


def test_a_label_with_markup_reaches_the_table_as_text():
    forced = example().model_copy(update={"label": "<img src=x onerror=alert(1)>", "label_en": "{{ 6*7 }}", "theme": "<b>x</b>"})
    soup = table_soup([forced])
    assert soup.find("img") is None and soup.find("b") is None
    assert soup.select_one("tbody td:nth-of-type(2)").get_text() == "<img src=x onerror=alert(1)> {{ 6*7 }}"
    assert soup.select_one("tbody tr")["data-theme"] == "<b>x</b>"


def data_page(site):
    return BeautifulSoup(page_html(site, DATA_PAGE), "html.parser")


def test_the_data_page_table_has_one_row_per_figure_in_report_order_each_linking_to_its_paragraph(site):
    soup = data_page(site)
    rows = soup.select("article table.ic-table tbody tr")
    assert [r["data-indicator"] for r in rows] == list(edition().indicators)  # figures and claims, the report's order
    assert sorted(r["data-indicator"] for r in rows) == sorted(i["id"] for i in INDICATORS)
    by_id = {i["id"]: i for i in INDICATORS}
    words = exactness_words(edition().strings)
    card_values = {c["data-indicator"]: c.select_one(".ic-value").get_text() for c in soup.select("article .ic-card")}
    for row in rows:
        ind = by_id[row["data-indicator"]]
        cells = row.select("td")
        assert cells[0].get_text() == ind["theme"]
        assert cells[1].select_one(".ic-t-label").get_text() == ind["label"]
        assert cells[2].get_text() == card_values[ind["id"]]  # as the card writes it: 超2.3万家, 第11位, 首次
        if ind.get("kind") == "claim":
            assert cells[2].get_text() == ind["word"] and cells[2]["data-sort"] == cells[4]["data-sort"] == ""
        else:
            assert ind.get("as_written", str(ind["value"])) in cells[2].get_text() and ind["unit"] in cells[2].get_text()
            assert Decimal(cells[2]["data-sort"]) == Decimal(cells[4]["data-sort"]) == base_by_hand(ind)
            assert cells[3].get_text() == " ".join(words[EXACTNESS[ind.get("qualifier", "")]])
            assert cells[4].select_one(".ic-t-base-unit").get_text() == real(ind["id"]).base_unit
        assert cells[5].get_text() == f"{ind['period']} {PERIODS[ind['period']]['en']}"
        assert cells[5]["data-period-kind"] == PERIODS[ind["period"]]["kind"]
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
    """The figures and claims whose row holds every word (any case), in the report's order: what the filter should leave."""
    from edition.indicator_table import grouped

    ed = edition()
    said = exactness_words(ed.strings)

    def row(i):
        number = [] if isinstance(i, Claim) else [*said[i.exactness], grouped(i.base_value), i.base_unit]
        return " ".join([i.theme, i.label, i.label_en, i.written_value, i.unit, i.qualifier, *number, i.period,
                         ed.periods[i.period].en, i.paragraph]).lower()
    return [i.id for i in ed.indicators.values() if all(w in row(i) for w in words.lower().split())]


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("table.ic-table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.indicator)")


def column_texts(page, n: int) -> list[str]:
    return page.eval_on_selector_all(f"table.ic-table tbody tr:not([hidden]) td:nth-child({n})", "cells => cells.map(c => c.textContent)")


def test_clicking_the_value_heading_sorts_the_figures_by_number_then_the_other_way(browser, served):
    """By the value in base units (9.4 件 before 10 家 before 79.8 万件); the claims, which have no number, last."""
    values = {ind.id: (ind.base_value if ind.kind == "figure" else None) for ind in edition().indicators.values()}
    claims = len(CLAIMS)
    page = open_data_page(browser, served)
    heading = page.locator("table.ic-table th[data-column='value']")
    heading.locator("button").click()
    ascending = [values[i] for i in visible_rows(page)]
    assert ascending[-claims:] == [None] * claims
    ascending = ascending[:-claims]
    assert ascending == sorted(ascending) and ascending[0] < 10 < 798000 < ascending[-1]  # numbers, not text: 9.4 before 10
    assert heading.get_attribute("aria-sort") == "ascending"
    assert page.locator("table.ic-table th[data-column='source']").get_attribute("aria-sort") is None
    heading.locator("button").press("Enter")  # the keyboard sorts too
    descending = [values[i] for i in visible_rows(page)]
    assert descending[-claims:] == [None] * claims
    descending = descending[:-claims]
    assert descending == sorted(descending, reverse=True) and heading.get_attribute("aria-sort") == "descending"
    page.locator("table.ic-table th[data-column='base'] button").click()
    assert [values[i] for i in visible_rows(page)][:-claims] == sorted(ascending)
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
    # about two lines a row (a label and its English): 83 figures were 4,600 px; the wall of their cards was 9,100 px
    assert page.evaluate("document.documentElement.scrollHeight") < 70 * len(INDICATORS)
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
