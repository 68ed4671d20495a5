"""The matcher and the Markdown extension on small inputs: longest name wins, only report paragraphs
are touched, and whatever a data string holds it arrives as text."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from edition.entities import Entity, NotMention, entity_names
from edition.extension import EditionExtension
from edition.matcher import Matcher, Name
from support import edition

def entity(**fields) -> Entity:
    """A small entity for the matcher's tests: its sources and its English's origin are not what is tested."""
    return Entity(sources=["report"], name_en_source="edition", **fields)


ENTITIES = [
    entity(id="beijing", type="province", name="北京市", name_en="Beijing", aliases=["北京"], description="直辖市。", kind="直辖市", tile=[5, 1]),
    entity(id="xinjiang", type="province", name="新疆维吾尔自治区", name_en="Xinjiang", aliases=["新疆"], description="自治区。", kind="自治区", tile=[0, 2]),
    entity(id="xpcc", type="province", name="新疆生产建设兵团", name_en="XPCC", aliases=["新疆生产建设兵团"], description="兵团。", kind="兵团", tile=[0, 1]),
    entity(id="beijing-treaty", type="treaty", name="视听表演北京条约", name_en="Beijing Treaty", aliases=["《视听表演北京条约》"], description="条约。"),
    entity(id="patent-law", type="law", name="中华人民共和国专利法", name_en="Patent Law", aliases=["专利法", "《专利法》"], description="法律。"),
    entity(id="patent-rules", type="regulation", name="专利法实施细则", name_en="Implementing Rules", aliases=["《专利法实施细则》"], description="法规。"),
    entity(id="trademark-law", type="law", name="中华人民共和国商标法", name_en="Trademark Law", aliases=["商标法"], description="法律。"),
    entity(id="trademark-regs", type="regulation", name="商标法实施条例", name_en="Trademark Regulations", description="法规。",
           compound=[{"text": "商标法及其实施条例", "parts": [{"text": "商标法", "entity": "trademark-law"}, {"text": "实施条例", "entity": "trademark-regs"}]}]),
]
MATCHER = Matcher(entity_names(ENTITIES, [NotMention(text="北京冬奥会", reason="event")]))


def links(text: str) -> str:
    """The text with each linked piece shown as [text→target]."""
    return "".join(f"[{t}→{target}]" if kind == "entity" else t for t, kind, target in MATCHER.pieces(text))


def test_a_mention_links_to_its_entity():
    assert links("广东和北京开展立法") == "广东和[北京→beijing]开展立法"


def test_every_mention_is_linked_not_only_the_first():
    assert links("专利法与专利法") == "[专利法→patent-law]与[专利法→patent-law]"


def test_beijing_treaty_is_not_a_province_mention():
    assert links("《视听表演北京条约》正式生效") == "[《视听表演北京条约》→beijing-treaty]正式生效"


def test_patent_law_implementing_rules_are_not_the_patent_law():
    assert links("推进《专利法实施细则》修改") == "推进[《专利法实施细则》→patent-rules]修改"


def test_the_corps_is_its_own_entity_not_xinjiang():
    assert links("31个省(区、市)和新疆生产建设兵团,新疆") == "31个省(区、市)和[新疆生产建设兵团→xpcc],[新疆→xinjiang]"


def test_trademark_law_and_its_regulations_link_both():
    assert links("推进商标法及其实施条例修订") == "推进[商标法→trademark-law]及其[实施条例→trademark-regs]修订"


def test_a_place_name_inside_an_event_name_is_not_a_mention():
    assert links("完成北京冬奥会知识产权保护任务") == "完成北京冬奥会知识产权保护任务"


def test_longest_first_alternation_holds_for_names_given_in_any_order():
    matcher = Matcher([Name("AB", "entity", ((0, 2, "short"),)), Name("ABC", "entity", ((0, 3, "long"),))])
    assert [h.name.text for h in matcher.find("xABCx")] == ["ABC"]


# --- the extension, with the real edition, on small pages ------------------------------------------


def render(text: str, ed=None) -> BeautifulSoup:
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", EditionExtension(edition=ed or edition())])
    return BeautifulSoup(md.convert(text), "html.parser")


PAGE = """# 专利法的标题

按照新修改的专利法,稳步推进相关改革。
{: #p1-2-2 }

已有链接[专利法](../x.md)和代码`专利法`。
{: #p1-2-1 }

编者的说明:专利法。
"""


def test_only_report_paragraph_text_is_linked_never_headings_links_code_or_other_text():
    page = render(PAGE)
    assert page.h1.find("a") is None
    assert [a["data-entity"] for a in page.select("p#p1-2-2 a.ent")] == ["patent-law"]
    assert page.select_one("p#p1-2-2 a.ent")["href"] == "/entities/patent-law.md"  # MkDocs resolves and checks it
    assert page.select("p#p1-2-1 a.ent") == []  # inside a link and in code: left alone
    assert page.select("p:not([id]) a.ent") == []  # not a report paragraph


@pytest.mark.parametrize("id_line", ["{: #p1-2-3 }", "{:#p1-2-3}", "{ #p1-2-3 }", '{: id="p1-2-3" }', "{: .x #p1-2-3 }"])
def test_every_spelling_of_an_id_line_keeps_the_paragraphs_permalink_and_editor_note(id_line):
    page = render(f"三是优化审查服务。\n{id_line}\n")
    paragraph = page.select_one("p#p1-2-3")
    assert paragraph.select_one("a.plink")["href"] == "#p1-2-3"
    assert paragraph.find_next_sibling("aside")["class"] == ["ed", "editor-note"]


def test_a_term_is_marked_once_per_page_and_listed_in_the_page_notes():
    page = render("坚持“三不腐”一体推进。\n{: #p1-party-1 }\n\n再说三不腐。\n{: #p1-party-2 }\n")
    markers = page.select(".anno:has(a[href$='#term-three-nots-corruption'])")
    assert len(markers) == 1 and markers[0].find_parent("p")["id"] == "p1-party-1"
    assert markers[0].select_one("a.anno-marker")["href"] == "/glossary.md#term-three-nots-corruption"  # its note
    assert page.select_one("section.anno-notes summary").get_text() == "本页注释(1)"


def test_a_card_links_to_its_paragraph_on_the_same_page_or_to_the_page_that_holds_it():
    here = render('全年专利商标质押融资额达4868.8亿元\n{: #p1-4-2 }\n\n::: edition dashboard\n')
    assert here.select_one("#ic-pledge-financing-2022 a.ic-source")["href"] == "#p1-4-2"
    elsewhere = render("::: edition dashboard\n")
    assert elsewhere.select_one("#ic-pledge-financing-2022 a.ic-source")["href"] == "/part-1/utilization.md#p1-4-2"


def test_a_paragraphs_figures_fold_into_a_line_that_names_them_and_links_to_the_data_page():
    fold = render("::: edition cards paragraph=p1-4-2\n").select_one("details.ic-fold")
    ids = [i.id for i in edition().indicators.values() if i.paragraph == "p1-4-2"]
    assert fold["data-paragraph"] == "p1-4-2" and fold.summary.get_text() == f"本段数据 {len(ids)} 项"
    assert fold.select_one("a")["href"] == f"/indicators.md#ic-{ids[0]}"
    chosen = render("::: edition cards ids=pledge-financing-2022\n").select_one("details.ic-fold")
    assert chosen["data-cards"] == "pledge-financing-2022"  # another choice names its cards


HOSTILE = ["<script>alert(1)</script>", "{{ 6*7 }}", "{% raw %}", "[x](javascript:alert(1))", "a\n\nb", "**bold** `code`"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_whatever_a_data_string_holds_it_reaches_the_page_as_text(hostile):
    """The plain-text check rejects these in data/; here they are forced past it, to show the renderer alone holds."""
    ed = edition()
    term = ed.terms["three-nots-corruption"].model_copy(update={"zh": hostile, "en": hostile})
    entity = ed.entities["guangdong"].model_copy(update={"name": hostile, "description": hostile, "name_en": hostile})
    card = ed.indicators["pledge-financing-2022"].model_copy(update={"label": hostile, "label_en": hostile, "period": hostile})
    forced = type(ed)(**{**{f: getattr(ed, f) for f in ed.__dataclass_fields__ if f != "_by_entity"},
                         "terms": {**ed.terms, term.id: term}, "entities": {**ed.entities, entity.id: entity},
                         "indicators": {**ed.indicators, card.id: card},
                         "periods": {**ed.periods, hostile: ed.periods["目前"].model_copy(update={"en": hostile})}})
    page = render("坚持“三不腐”,广东。\n{: #p1-party-1 }\n\n::: edition dashboard\n\n"
                  "::: edition entity id=guangdong\n\n::: edition glossary\n", forced)
    assert page.find("script") is None
    assert not [a for a in page.find_all(href=True) if "javascript:" in a["href"]]
    assert page.find("strong", string="bold") is None and page.find("code", string="code") is None
    assert page.select_one("a.ent[data-entity='guangdong']")["title"] == hostile  # 广东 is a short form of the name
    assert page.select_one("h1").get_text() == hostile
    assert page.select_one("#ic-pledge-financing-2022 .ic-label").get_text().startswith(hostile)
