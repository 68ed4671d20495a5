"""Issue 4, the linker on small texts: longest name wins, nothing outside report paragraphs is touched."""

from __future__ import annotations

from hooks.linker import Matcher, Name, link_report_paragraphs, mark_text
from hooks.registry import Entity, NotMention, entity_names

ENTITIES = [
    Entity(id="beijing", type="province", name="北京市", name_en="Beijing", aliases=["北京"], description="直辖市。", kind="直辖市", tile=[5, 1]),
    Entity(id="xinjiang", type="province", name="新疆维吾尔自治区", name_en="Xinjiang", aliases=["新疆"], description="自治区。", kind="自治区", tile=[0, 2]),
    Entity(id="xpcc", type="province", name="新疆生产建设兵团", name_en="XPCC", aliases=["新疆生产建设兵团"], description="兵团。", kind="兵团", tile=[0, 1]),
    Entity(id="beijing-treaty", type="treaty", name="视听表演北京条约", name_en="Beijing Treaty", aliases=["《视听表演北京条约》"], description="条约。"),
    Entity(id="patent-law", type="law", name="中华人民共和国专利法", name_en="Patent Law", aliases=["专利法", "《专利法》"], description="法律。"),
    Entity(id="patent-rules", type="regulation", name="专利法实施细则", name_en="Implementing Rules", aliases=["《专利法实施细则》"], description="法规。"),
    Entity(id="trademark-law", type="law", name="中华人民共和国商标法", name_en="Trademark Law", aliases=["商标法"], description="法律。"),
    Entity(id="trademark-regs", type="regulation", name="商标法实施条例", name_en="Trademark Regulations", description="法规。",
           compound=[{"text": "商标法及其实施条例", "parts": [{"text": "商标法", "entity": "trademark-law"}, {"text": "实施条例", "entity": "trademark-regs"}]}]),
]
NOT_MENTIONS = [NotMention(text="北京冬奥会", reason="event")]
MATCHER = Matcher(entity_names(ENTITIES, NOT_MENTIONS))


def links(text: str) -> str:
    """The text with each link shown as [text→target]."""
    return mark_text(text, MATCHER, lambda kind, target, written: f"[{written}→{target}]")


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


PAGE = """# 专利法的标题

按照新修改的专利法,稳步推进相关改革。
{: #p1-2-2 }

<div class="ed ic-grid"><figure class="ic-card" data-note="专利法"><p class="ic-quote">“专利法”</p></figure></div>

已有链接[专利法](../x.md)和代码`专利法`和<span title="专利法">专利法</span>。
{: #p9-9-9 }

编者的说明:专利法。
"""


def test_only_report_paragraph_text_is_linked_never_headings_links_code_attributes_or_cards():
    out = link_report_paragraphs(PAGE, MATCHER, lambda kind, target, written: f"<a>{written}</a>")
    lines = out.split("\n")
    assert lines[0] == "# 专利法的标题"
    assert lines[2] == "按照新修改的<a>专利法</a>,稳步推进相关改革。"
    assert lines[5] == PAGE.split("\n")[5]  # the indicator card
    assert lines[7] == '已有链接[专利法](../x.md)和代码`专利法`和<span title="专利法"><a>专利法</a></span>。'
    assert lines[10] == "编者的说明:专利法。"  # not a report paragraph
