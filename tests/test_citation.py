"""How a reader cites the report, a page or a paragraph: GB/T 7714-2015, Chicago, BibTeX, CSL-JSON, meta tags, JSON-LD.

Expected strings are written by hand from the standards, not copied from the program's output.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from edition.citation import Citable, bibtex, bibtex_key, chicago, csl_json, gbt7714, json_ld, meta_tags, paragraph_url

REPORT = "国家知识产权局局长申长雨在2023年全国知识产权局局长会议上的工作报告(摘编)"
EDITION = "2023年全国知识产权局局长会议工作报告 · 注释版"
PAGE = "https://example.org/annotated/part-1/examination/"

PARAGRAPH = Citable(
    title=REPORT, report_title=REPORT, author="国家知识产权局", author_en="China National Intellectual Property Administration",
    edition_title=EDITION, url=PAGE + "#p1-2-3", paragraph="p1-2-3", accessed=date(2025, 3, 5), published=None,
    edition_version="2025-03-01 abc1234",
)
MADE_UP_DATE = "2023-01-11"  # a date for the form only, not a claim about when the report was published
DATED = replace(PARAGRAPH, published=MADE_UP_DATE)
WHOLE_REPORT = replace(PARAGRAPH, url="https://example.org/annotated/", paragraph=None)
A_PAGE = replace(PARAGRAPH, title="(二)审查工作", url=PAGE, paragraph=None)

ZOTERO_HIGHWIRE = {  # the names Zotero's Embedded Metadata translator maps, or reads apart (citation_author)
    "citation_title", "citation_author", "citation_publisher", "citation_publication_date", "citation_public_url",
    "citation_language",
}


def top_level(entry: str) -> str:
    """What a BibTeX parser sees outside every brace: for one sound entry, only '@misc' and whitespace."""
    depth, outside = 0, []
    for char in entry:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            assert depth >= 0, "a closing brace with nothing open"
        elif depth == 0:
            outside.append(char)
    assert depth == 0, "braces left open"
    return "".join(outside).strip()


def field(entry: str, name: str) -> str:
    """The braced value of one field, read the way BibTeX reads it: to the brace that balances."""
    start = entry.index(f"  {name} = {{") + len(f"  {name} = {{")
    depth = 1
    for end in range(start, len(entry)):
        depth += {"{": 1, "}": -1}.get(entry[end], 0)
        if depth == 0:
            return entry[start:end]
    raise AssertionError(f"{name} never closes")


def test_paragraph_url_is_the_page_url_and_the_paragraph_id():
    assert paragraph_url(PAGE, "p1-2-3") == "https://example.org/annotated/part-1/examination/#p1-2-3"


def test_gbt7714_paragraph_citation_has_eb_ol_and_paragraph_url():
    assert gbt7714(PARAGRAPH) == (
        "国家知识产权局. 国家知识产权局局长申长雨在2023年全国知识产权局局长会议上的工作报告(摘编)[EB/OL]. "
        "[2025-03-05]. https://example.org/annotated/part-1/examination/#p1-2-3."
    )


def test_gbt7714_puts_a_known_date_in_parentheses_before_the_access_date():
    assert gbt7714(DATED) == (
        "国家知识产权局. 国家知识产权局局长申长雨在2023年全国知识产权局局长会议上的工作报告(摘编)[EB/OL]. "
        "(2023-01-11)[2025-03-05]. https://example.org/annotated/part-1/examination/#p1-2-3."
    )


def test_unconfirmed_publication_date_is_left_out():
    assert "()" not in gbt7714(PARAGRAPH)
    assert "issued" not in csl_json(PARAGRAPH)
    assert "datePublished" not in json_ld(PARAGRAPH)["isBasedOn"]
    assert "  date = " not in bibtex(PARAGRAPH)
    names = [name for name, _ in meta_tags(PARAGRAPH)]
    assert "citation_publication_date" not in names and "DC.date" not in names
    assert f"{EDITION}. Accessed March 5, 2025." in chicago(PARAGRAPH)  # no date between the site and the access


def test_chicago_entry_names_the_administration_in_english_and_the_access_date():
    assert chicago(PARAGRAPH) == (
        "China National Intellectual Property Administration. "
        "“国家知识产权局局长申长雨在2023年全国知识产权局局长会议上的工作报告(摘编).” "
        "2023年全国知识产权局局长会议工作报告 · 注释版. Accessed March 5, 2025. "
        "https://example.org/annotated/part-1/examination/#p1-2-3."
    )


def test_chicago_entry_glosses_the_chinese_title_in_brackets_and_gives_a_known_date():
    glossed = replace(DATED, title="(二)审查工作", title_en="Examination")
    assert chicago(glossed) == (
        "China National Intellectual Property Administration. “(二)审查工作” [Examination]. "
        "2023年全国知识产权局局长会议工作报告 · 注释版. January 11, 2023. Accessed March 5, 2025. "
        "https://example.org/annotated/part-1/examination/#p1-2-3."
    )


def test_bibtex_entry_has_an_institution_in_double_braces_and_the_url_twice():
    entry = bibtex(PARAGRAPH)
    assert entry.startswith("@misc{cnipa2023-p1-2-3,\n")
    assert "  author = {{国家知识产权局}},\n" in entry
    assert r"  howpublished = {\url{https://example.org/annotated/part-1/examination/#p1-2-3}}," in entry
    assert "  url = {https://example.org/annotated/part-1/examination/#p1-2-3},\n" in entry
    assert "  urldate = {2025-03-05},\n" in entry
    assert "  note = {2023年全国知识产权局局长会议工作报告 · 注释版, 版本 2025-03-01 abc1234, 段落 p1-2-3},\n" in entry
    assert "  language = {zh},\n" in entry
    assert top_level(entry) == "@misc"


def test_bibtex_keys_are_stable_for_the_report_a_page_and_a_paragraph():
    assert bibtex_key(WHOLE_REPORT) == "cnipa2023"
    assert bibtex_key(A_PAGE) == "cnipa2023-examination"
    assert bibtex_key(replace(PARAGRAPH, paragraph="closing 1/x")) == "cnipa2023-closing-1-x"


def test_bibtex_value_with_braces_cannot_break_the_entry():
    entry = bibtex(replace(PARAGRAPH, title="}@misc{x,"))
    assert top_level(entry) == "@misc"
    assert field(entry, "title") == r"\textbraceright{}@misc\textbraceleft{}x,"


def test_bibtex_escapes_every_tex_special_in_text_fields():
    entry = bibtex(replace(PARAGRAPH, title="50% & #1_$x$ \\ ~^"))
    assert field(entry, "title") == r"50\% \& \#1\_\$x\$ \textbackslash{} \textasciitilde{}\textasciicircum{}"


def test_a_title_ending_in_a_backslash_cannot_swallow_its_closing_brace():
    entry = bibtex(replace(PARAGRAPH, title="报告\\"))
    assert field(entry, "title") == r"报告\textbackslash{}"
    assert top_level(entry) == "@misc"


def test_bibtex_url_stays_a_url_and_only_what_would_break_the_entry_is_percent_encoded():
    entry = bibtex(replace(PARAGRAPH, url="https://example.org/a b/{x}\\#p1-2-3"))
    assert field(entry, "url") == "https://example.org/a%20b/%7Bx%7D%5C#p1-2-3"
    assert top_level(entry) == "@misc"


def test_csl_json_is_json_serialisable_and_has_accessed_date():
    item = json.loads(json.dumps(csl_json(PARAGRAPH), ensure_ascii=False))
    assert item["type"] == "webpage"
    assert item["title"] == REPORT
    assert item["author"] == [{"literal": "国家知识产权局"}]
    assert item["container-title"] == EDITION
    assert item["URL"] == "https://example.org/annotated/part-1/examination/#p1-2-3"
    assert item["accessed"] == {"date-parts": [[2025, 3, 5]]}
    assert item["language"] == "zh"


def test_csl_json_gives_a_known_date_as_issued():
    assert csl_json(DATED)["issued"] == {"date-parts": [[2023, 1, 11]]}
    assert csl_json(replace(PARAGRAPH, published="2023"))["issued"] == {"date-parts": [[2023]]}


def test_meta_tags_names_are_highwire_and_dublin_core():
    tags = meta_tags(DATED)
    names = [name for name, _ in tags]
    assert set(n for n in names if n.startswith("citation_")) == ZOTERO_HIGHWIRE
    assert [n for n in names if not n.startswith("citation_")] == [
        "DC.title", "DC.creator", "DC.publisher", "DC.date", "DC.identifier", "DC.language", "DC.type", "DC.source"]
    content = dict(tags)
    assert content["citation_author"] == content["DC.creator"] == "国家知识产权局"
    assert content["citation_public_url"] == content["DC.identifier"] == PARAGRAPH.url
    assert content["citation_publication_date"] == content["DC.date"] == "2023-01-11"
    assert content["DC.type"] == "Text"
    assert content["DC.source"] == REPORT
    assert all(isinstance(value, str) and value for value in content.values())


def test_json_ld_is_the_edition_page_based_on_the_administrations_report():
    data = json.loads(json.dumps(json_ld(A_PAGE), ensure_ascii=False))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "WebPage"
    assert data["name"] == "(二)审查工作"
    assert data["url"] == PAGE
    assert data["inLanguage"] == "zh"
    assert data["version"] == "2025-03-01 abc1234"
    assert data["isPartOf"] == {"@type": "WebSite", "name": EDITION}
    report = data["isBasedOn"]
    assert report["@type"] == "CreativeWork" and report["name"] == REPORT
    assert report["author"] == {"@type": "Organization", "name": "国家知识产权局",
                                "alternateName": "China National Intellectual Property Administration"}
    assert json_ld(DATED)["isBasedOn"]["datePublished"] == "2023-01-11"


def test_nothing_here_is_html():
    for text in (gbt7714(PARAGRAPH), chicago(PARAGRAPH), bibtex(PARAGRAPH)):
        assert "<" not in text and "&amp;" not in text
