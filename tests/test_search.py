"""Search (issue 12): every word, figure and phrase of the report finds its paragraph, typed as an
input method commits it, in Debian's Chromium; words the report never uses find nothing."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from edition.search_index import search_index
from edition.search_worker import BUNDLE_PATCHES, PATCHES, patch_bundle, patch_search_worker
from searching import open_search, results, runs, search, type_query
from support import edition, load_project, page_url, serve_directory

# query -> the paragraph that must be among the first three results
QUERIES = {
    # short words and names in quotation marks
    "纾困": "p1-1-4", "云签约": "p1-6-3", "白名单": "p1-4-2", "台账": "p1-1-1", "冰墩墩": "p1-2-3",
    "桂惠贷": "p1-4-2", "三不腐": "p1-party-2", "黑天鹅": "p2-3-2", "民法典": "p1-decade-5",
    # compounds
    "质押融资": "p1-4-2", "专利密集型产业": "p1-decade-6", "审查周期": "p1-decade-4", "惩罚性赔偿": "p1-decade-5",
    "商标代理": "p1-5-4", "数据知识产权": "p1-3-1", "全球创新指数": "p1-decade-8",
    # names of treaties, bodies, places
    "海牙协定": "p1-6-1", "视听表演北京条约": "p1-decade-7", "新疆生产建设兵团": "p1-1-2", "崖州湾科技城": "p1-3-3",
    "最高人民检察院": "p1-3-3", "金砖国家": "p1-6-3", "中美欧日韩五局合作": "p1-6-3",
    # figures
    "79.8万件": "p1-2-1", "第11位": "p1-decade-8", "421.2万件": "p1-decade-4", "3192件": "p1-2-3",
    "63.69分": "p1-decade-6", "4868.8亿元": "p1-4-2", "16.8%": "p1-3-2", "15.6亿元": "p1-1-4",
    "2022年5月5日": "p1-6-1", "104家": "p1-4-1",
    # slogans
    "稳字当头": "p1-0-1", "应开放尽开放": "p1-5-3", "全国一张网": "p3-3-1", "急难愁盼": "p2-3-3",
    "一省一策": "p1-4-3", "快调+速裁+精审": "p1-3-3",
    # phrases from the report's sentences, some starting inside a word
    "全国首部地理标志保护地方法规": "p1-3-1",
    "连续三年保持40%以上增长": "p1-4-2",
    "高价值发明专利审查周期压减至13个月": "p1-decade-4",
    "延缴专利年费15.6亿元": "p1-1-4",
    "累计约谈代理机构7400家": "p1-5-4",
    "在全球排名前五位的科技集群中": "p1-decade-8",
    "首个在中国签署的知识产权国际条约": "p1-decade-7",
    "推进党史学习教育常态化长效化": "p1-party-1",
    "遴选23家高校国家知识产权信息服务中心": "p1-5-2",
    "新开放11种知识产权基础数据": "p1-5-3",
    "办好与世界知识产权组织合作50周年系列活动": "p3-6-1",
    "知识产权一头连着创新、一头连着市场": "p2-2-2",
    "利审查周期压减": "p1-decade-4",
    "权证券化首单": "p1-4-2",
    # Chinese and English together
    "RCEP知识产权章节": "p1-6-2", "占GDP比重": "p1-decade-6", "RCEP": "p1-6-2",
}
NEVER_SAID = ["量子纠缠", "元宇宙", "比特币", "直播带货", "新冠疫苗", "自动驾驶汽车", "碳达峰"]


def holds(text: str, query: str) -> bool:
    """The text holds the query as a reader means it: each part between punctuation, Chinese apart from Latin."""
    return all(part in unicodedata.normalize("NFKC", text).lower() for part in runs(query))


def test_the_queries_are_the_reports_words_and_the_absent_words_are_absent():
    """The test data is checked against the report itself."""
    paragraphs = {pid: p.text for pid, p in edition().report.paragraphs.items()}
    assert len(QUERIES) >= 40 and len(NEVER_SAID) >= 6
    assert [q for q, pid in QUERIES.items() if not holds(paragraphs[pid], q)] == []
    index = Path(__file__).parent.parent / "data"
    data = "\n".join(p.read_text(encoding="utf-8") for p in index.glob("*.yml")) + "\n".join(paragraphs.values())
    assert [w for w in NEVER_SAID if w in data] == []


@pytest.fixture(scope="module")
def search_page(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served)
    open_search(page)
    yield page
    page.close()


def paragraph_of(result: str) -> str | None:
    path, _, fragment = result.partition("#")
    return fragment if fragment in edition().report.paragraphs else None


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_lands_its_paragraph_in_the_top_three_and_the_first_result_opens_a_paragraph(search_page, query):
    found = search(search_page, query)
    pid = QUERIES[query]
    assert f"/{page_url(edition().report.page_of[pid].src)}#{pid}" in found[:3], found[:5]
    first = found[0]
    if not first.startswith("/entities/"):  # an entity page comes first only for its own name
        assert paragraph_of(first) and holds(edition().report.paragraphs[paragraph_of(first)].text, query), first


@pytest.mark.parametrize("word", NEVER_SAID)
def test_a_word_the_report_never_uses_shows_no_result(search_page, word):
    assert search(search_page, word) == []
    assert search_page.inner_text(".md-search-result__meta") == "没有找到符合条件的结果"


@pytest.mark.parametrize("query", ["专利", "商标", "地理标志保护"])
def test_the_report_comes_before_the_entity_pages_for_its_own_words(search_page, query):
    assert all(paragraph_of(r) for r in search(search_page, query)[:3])


@pytest.mark.parametrize("query, page", [("广东", "/entities/guangdong/"), ("海牙协定", "/entities/hague-agreement/"),
                                         ("专利法", "/entities/patent-law/"), ("Guangdong Province", "/entities/guangdong/")])
def test_an_entity_page_comes_first_for_its_own_name(search_page, query, page):
    found = search(search_page, query)
    assert found[0] == page
    assert "/entities/patent-law-implementing-rules/" not in found[:3]


@pytest.mark.parametrize("label", ["英文名称", "提及次数", "印发《纲要》配套文件的省份"])
def test_labels_of_entity_pages_and_cards_are_not_searchable(search_page, label):
    assert search(search_page, label) == []


def test_the_panel_suggests_example_queries_and_each_finds_results(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served)
    open_search(page)
    hint = page.inner_text(".md-search-result__meta")
    examples = hint.partition("试试:")[2].split("、")
    assert len(examples) >= 3
    for example in examples:
        assert search(page, example), example
    page.close()


def test_enter_opens_the_paragraph_and_the_query_is_highlighted_in_it(browser, served):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(served)
    open_search(page)
    type_query(page, "连续三年保持40%以上增长")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#p1-4-2$"))
    page.wait_for_selector("#p1-4-2 mark")
    marked = "".join(page.eval_on_selector_all("#p1-4-2 mark", "els => els.map(e => e.textContent)"))
    assert "连续三年保持" in marked and "以上增长" in marked
    top = page.eval_on_selector("#p1-4-2", "p => p.getBoundingClientRect().top")
    assert 0 <= top < 844 / 2  # the paragraph is on screen, near the top, under the header
    page.close()


def test_the_index_loads_when_search_opens_not_with_every_page(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "search_index" in r.url else None)
    page.goto(served + "part-1/utilization/")
    page.wait_for_load_state("networkidle")
    assert fetched == []
    open_search(page)
    assert len(fetched) == 1
    page.close()


def test_results_screenshots_for_a_figure_and_a_phrase_desktop_and_phone(browser, served, artefacts):
    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport=viewport, color_scheme=scheme)
            page.goto(served)
            open_search(page)
            for kind, query in (("figure", "79.8万件"), ("phrase", "全国首部地理标志保护地方法规")):
                assert search(page, query)
                page.screenshot(path=str(artefacts / f"search-{kind}-{name}-{scheme}.png"))
            page.close()


# --- the index ------------------------------------------------------------------------------------


def plain(html: str) -> str:
    return BeautifulSoup(html.replace("\u200b", ""), "html.parser").get_text()


@pytest.fixture(scope="module")
def index(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_each_report_paragraph_is_an_entry_at_its_own_address_holding_the_report_words(index):
    entries = {d["location"]: d for d in index["docs"]}
    for pid, paragraph in edition().report.paragraphs.items():
        entry = entries[f"{page_url(paragraph.page)}#{pid}"]
        assert plain(entry["text"]) == paragraph.text
        assert entry["kind"] == "report"


def test_an_entity_is_indexed_by_its_names_and_description_only(index):
    ed = edition()
    entity = ed.entities["guangdong"]
    entry = next(d for d in index["docs"] if d["location"] == "entities/guangdong/")
    assert [plain(n) for n in entry["name"]] == [entity.name, *entity.aliases, entity.name_en]
    assert plain(entry["text"]) == entity.description
    assert not [d for d in index["docs"] if d["location"].startswith("entities/guangdong/#")]  # no mention sections


def test_the_index_is_written_as_utf8_not_escapes(site):
    docs = (site / "search" / "search_index.json").read_text(encoding="utf-8").partition('"docs":')[2]
    assert "知识产权" in docs and "\\u" not in docs


def test_a_data_string_reaches_the_index_as_escaped_text():
    ed = load_project()  # a fresh copy: this test changes it
    hostile = '广东&lt;img src=x onerror=alert(1)&gt; & " onfocus="alert(1)'
    ed.entities["guangdong"] = ed.entities["guangdong"].model_copy(update={"description": hostile, "name_en": hostile})
    headings = [{"location": f"{page_url(line.page)}#h{n}", "title": line.text, "text": ""}  # as Material lists them
                for n, line in enumerate(ed.report.lines) if line.kind == "heading" and line.level > 1]
    material_index = {"config": {"separator": r"[\s\u200b]+"}, "docs": headings}
    docs = search_index(ed, material_index, page_url)["docs"]
    entry = next(d for d in docs if d["location"] == "entities/guangdong/")
    # the worker shows an entry's text as HTML: read as HTML, it is the data string, and no element
    for html in (entry["text"], entry["name"][-1]):
        parsed = BeautifulSoup(html.replace("\u200b", ""), "html.parser")
        assert parsed.get_text() == hostile and not parsed.find_all(lambda t: t.name not in ("p",))


# --- Material's worker and bundle, and why they are patched -------------------------------------


def installed(pattern: str) -> Path:
    return next((Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob(pattern))


def test_the_patches_apply_to_the_pinned_material_and_stop_the_build_on_any_other():
    from edition.search_worker import WorkerChanged

    worker, bundle = installed("workers/search.*.min.js").read_text(encoding="utf-8"), installed("bundle.*.min.js").read_text(encoding="utf-8")
    for patches, js, patch in ((PATCHES, worker, patch_search_worker), (BUNDLE_PATCHES, bundle, patch_bundle)):
        patched = patch(js)
        for before, after, _ in patches:
            assert js.count(before) == 1 and after in patched
        with pytest.raises(WorkerChanged, match="Upgrading Material"):
            patch(js.replace(patches[0][0], patches[0][0].replace("(", "( ", 1)))


@pytest.fixture(scope="module")
def materials_worker(site, tmp_path_factory):
    """The built site with Material's own search worker put back."""
    copy = tmp_path_factory.mktemp("unpatched") / "site"
    shutil.copytree(site, copy)
    worker = next((copy / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    shutil.copyfile(installed("workers/search.*.min.js"), worker)
    with serve_directory(copy) as url:
        yield url


def test_materials_own_worker_misses_a_figure_and_finds_a_word_never_said(browser, materials_worker):
    """What the patch is for: Material's worker on the same index."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(materials_worker)
    open_search(page)
    for query, found in (("79.8万件", False), ("量子纠缠", True)):  # 79.8万件 is one term; 量 alone finds 量
        page.fill("input.md-search__input", "")
        page.keyboard.insert_text(query)
        page.keyboard.up("Space")
        page.wait_for_function("found => found ? !!document.querySelector('a.md-search-result__link')"
                               " : /没有/.test(document.querySelector('.md-search-result__meta').textContent)", arg=found)
        page.wait_for_timeout(300)
        assert bool(results(page)) is found, query
    page.close()


def test_runs_split_chinese_from_figures_and_letters():
    assert runs("79.8万件") == ["79.8", "万件"]
    assert runs("占GDP比重") == ["占", "gdp", "比重"]
    assert runs("知识产权一头连着创新、一头连着市场") == ["知识产权一头连着创新", "一头连着市场"]
