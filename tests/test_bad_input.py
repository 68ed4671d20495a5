"""Bad input is refused with a message a person can act on: the file, the entry or line, and the fault.

One case per kind of bad input, each made by breaking a fresh copy of the project on purpose.
Most cases load the edition in-process, as the build's first step does; a few run the real strict
build and check that the message reaches stderr as an error, without a Python traceback.

Each case breaks the copy and returns the parts the message must hold. The line numbers a message
must name are found in the files themselves (the page, the seed, the YAML), never taken from the
edition's own answers.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from edition.problems import EditionError
from support import build_copy, edit_yaml, load_project

PAGE = "part-1/examination.md"  # a report page with two figures and a term note
NEXT_PAGE = "part-1/protection.md"  # the report page after it in the nav
INDICATOR = "pledge-financing-2022"  # 全年专利商标质押融资额达4868.8亿元, paragraph p1-4-2
REAL_ID = "invention-patents-granted-2022"  # 79.8万件, the first figure of PAGE
# A message names the file it blames at the start of each of its lines.
FILE_AT_START = re.compile(r"^(data/[a-z-]+\.yml|docs/[a-z0-9/-]+\.(?:md|js)|seeds/[\w.-]+\.txt|mkdocs\.yml)\b")


# --- breaking a copy -----------------------------------------------------------------------------


def read(project: Path, name: str) -> str:
    return (project / name).read_text(encoding="utf-8")


def line_where(project: Path, name: str, text: str) -> int:
    """The 1-based line of `name` that holds `text` (exactly one does)."""
    found = [n for n, line in enumerate(read(project, name).split("\n"), start=1) if text in line]
    assert len(found) == 1, (name, text, found)
    return found[0]


def replace_once(project: Path, name: str, old: str, new: str) -> int:
    """Replace the one occurrence of `old` in `name`; the 1-based line where it stood."""
    text = read(project, name)
    assert text.count(old) == 1, (name, old)
    n = line_where(project, name, old.split("\n")[0])
    (project / name).write_text(text.replace(old, new), encoding="utf-8")
    return n


def append_line(project: Path, name: str, line: str) -> int:
    """Add `line` at the end of a page, after a blank line; its 1-based line number."""
    text = read(project, name).rstrip("\n") + "\n\n" + line + "\n"
    (project / name).write_text(text, encoding="utf-8")
    return text.split("\n").index(line) + 1


def seed_name(project: Path) -> str:
    return yaml.safe_load(read(project, "data/edition.yml"))["seed"]


def seed_line(project: Path, text: str) -> int:
    """The 1-based line of the seed that is exactly `text`."""
    lines = read(project, seed_name(project)).split("\n")
    assert lines.count(text) == 1, text
    return lines.index(text) + 1


def paragraph_of(project: Path, page: str, pid: str) -> tuple[int, str]:
    """(line, text) of a report paragraph: the line before its `{: #id }` line."""
    lines = read(project, f"docs/{page}").split("\n")
    at = lines.index(f"{{: #{pid} }}")
    return at, lines[at - 1]


def entry(entries: list, entry_id: str) -> dict:
    return next(e for e in entries if e["id"] == entry_id)


def change_entity(entity_id: str, change):
    return lambda data: change(entry(data["entities"], entity_id))


def change_map_place(name: str, change):
    """Change a region of the tile map the report does not mention (data/edition.yml, map_unmentioned)."""
    return lambda data: change(next(p for p in data["map_unmentioned"] if p["name"] == name))


def change_term(term_id: str, change):
    return lambda data: change(entry(data["terms"], term_id))


def change_indicator(change, indicator_id: str = INDICATOR):
    return lambda entries: change(entry(entries, indicator_id))


# --- what every message must be ------------------------------------------------------------------


def message_of(project: Path) -> str:
    with pytest.raises(EditionError) as caught:
        load_project(project)
    return str(caught.value)


def readable(character: str) -> bool:
    """Not invisible and not a look-alike of another character (checked here, not by the code under test)."""
    return (
        unicodedata.category(character) not in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp")
        and not 0xF900 <= ord(character) <= 0xFAFF
        and not 0x2E80 <= ord(character) <= 0x2FDF
    )


def check_message(message: str, expected: list[str], absent: tuple[str, ...] = ()) -> None:
    for line in message.split("\n"):
        assert FILE_AT_START.match(line), f"a line of the message names no file at its start: {line!r}"
        assert all(readable(c) for c in line), f"a character is printed raw, not escaped: {line!r}"
    for part in expected:
        assert part in message, f"{part!r} is not in the message:\n{message}"
    for part in absent:
        assert part not in message, f"{part!r} should not be in the message:\n{message}"


# --- bad calls and template syntax in a page -----------------------------------------------------

# the line appended to a page -> what the message says right after the page and line
PAGE_LINES = {
    "an unknown indicator id": ('{{ indicator("no-such") }}', "unknown indicator id 'no-such'"),
    "an unknown id in ids": (f'{{{{ indicators(ids=["{REAL_ID}", "no-such"]) }}}}', "unknown indicator id 'no-such'"),
    "an unknown keyword": ('{{ indicators(colour="red") }}',
                           "indicators() has no argument 'colour' (it takes: theme, paragraph, ids, comparison)"),
    "a real id twice in ids": (f'{{{{ indicators(ids=["{REAL_ID}", "{REAL_ID}"]) }}}}', f"ids names '{REAL_ID}' twice"),
    "a raw tag on a line": ("{% raw %}", "template syntax outside an edition macro call on a line of its own"),
    "an unknown theme": ('{{ indicators(theme="天气") }}', "theme '天气' is not one of 落实部署、审查授权"),
    "a paragraph without figures": ('{{ indicators(paragraph="p1-2-2") }}', "no indicator matches paragraph='p1-2-2'"),
    "an argument that is a name": ("{{ indicator(id=no_such) }}", "indicator(): argument 'id' must be a literal string"),
    "an unknown directive": ("::: edition chart id=x", "unknown directive 'chart'"),
}


@pytest.mark.parametrize("line, fault", PAGE_LINES.values(), ids=list(PAGE_LINES))
def test_a_bad_macro_call_or_template_line_in_a_page_names_the_page_line_and_fault(project_copy, line, fault):
    n = append_line(project_copy, f"docs/{PAGE}", line)
    check_message(message_of(project_copy), [f"docs/{PAGE}:{n}: {fault}"])


def test_an_id_line_written_as_a_template_comment_is_refused_with_the_id_line_to_write(project_copy):
    n = replace_once(project_copy, f"docs/{PAGE}", "{: #p1-2-2 }", "{#p1-2-2}")
    check_message(message_of(project_copy),
                  [f"docs/{PAGE}:{n}: '{{#' opens a template comment: write an id line as `{{: #p1-2-2 }}`"])


# --- report pages that drift from the seed -------------------------------------------------------


def a_changed_character_in_a_paragraph(project):
    n, text = paragraph_of(project, PAGE, "p1-2-1")
    replace_once(project, f"docs/{PAGE}", "79.8万件", "79.9万件")
    at = text.index("79.8万件") + 4  # 1-based place of the 8
    return [f"docs/{PAGE}:{n}: this paragraph differs from {seed_name(project)} line {seed_line(project, text)} "
            f"at character {at}", "the page has '9万件", "the seed has '8万件"]


def template_braces_in_a_paragraph(project):
    n, text = paragraph_of(project, PAGE, "p1-2-2")
    replace_once(project, f"docs/{PAGE}", "二是做好改革衔接。", "二是做好改革衔接。{{")
    return [f"docs/{PAGE}:{n}: this paragraph differs from {seed_name(project)} line {seed_line(project, text)} "
            f"at character {len('二是做好改革衔接。') + 1}", "the page has '{{按照"]


def a_page_removed_from_the_nav(project):
    replace_once(project, "mkdocs.yml", f"      - {PAGE}\n", "")
    heading = read(project, f"docs/{PAGE}").split("\n")[0].lstrip("# ")
    return [f"docs/{NEXT_PAGE}:1: {seed_name(project)} line {seed_line(project, heading)} ",
            "is missing before this heading"]


def the_last_page_deleted(project):
    _, first = paragraph_of(project, "closing.md", "closing-1")
    (project / "docs" / "closing.md").unlink()
    return [f"{seed_name(project)} line {seed_line(project, first)} ", "is on no report page of the nav"]


def an_id_that_does_not_follow_the_scheme(project):
    n = replace_once(project, f"docs/{PAGE}", "{: #p1-2-2 }", "{: #p1-2-two }")
    return [f"docs/{PAGE}:{n}: paragraph id 'p1-2-two' does not follow the scheme", "like p1-2-3"]


def the_same_id_twice(project):
    first = line_where(project, f"docs/{PAGE}", "{: #p1-2-1 }")
    n = replace_once(project, f"docs/{PAGE}", "{: #p1-2-2 }", "{: #p1-2-1 }")
    return [f"docs/{PAGE}:{n}: paragraph id 'p1-2-1' is already used at docs/{PAGE}:{first}"]


def a_paragraph_split_over_two_lines(project):
    n = line_where(project, f"docs/{PAGE}", "{: #p1-2-2 }")
    replace_once(project, f"docs/{PAGE}", "二是做好改革衔接。", "二是做好改革衔接。\n")
    return [f"docs/{PAGE}:{n + 1}: the paragraph 'p1-2-2' must be one line"]


def a_page_saved_as_gbk(project):
    text = read(project, f"docs/{PAGE}")
    n, paragraph = paragraph_of(project, PAGE, "p1-2-2")
    before, after = text.split(paragraph)
    (project / "docs" / PAGE).write_bytes(before.encode("utf-8") + paragraph.encode("gbk") + after.encode("utf-8"))
    return [f"docs/{PAGE}:{n}: not UTF-8 (byte 0x{paragraph.encode('gbk')[0]:02x})", "save the file as UTF-8"]


def the_seed_edited(project):
    name = seed_name(project)
    pinned = yaml.safe_load(read(project, "data/edition.yml"))["seed_sha256"]
    (project / name).write_text(read(project, name).replace("国家知识产权局", "国家知识产权總局", 1), encoding="utf-8")
    return [f"{name}: SHA-256 is ", f"not {pinned} as data/edition.yml pins it", "the seed is never edited"]


REPORT = {
    "a changed character": a_changed_character_in_a_paragraph,
    "{{ in a paragraph": template_braces_in_a_paragraph,
    "a page removed from the nav": a_page_removed_from_the_nav,
    "the last page deleted": the_last_page_deleted,
    "an id off the scheme": an_id_that_does_not_follow_the_scheme,
    "the same id twice": the_same_id_twice,
    "a paragraph split over two lines": a_paragraph_split_over_two_lines,
    "a page saved as GBK": a_page_saved_as_gbk,
    "the seed edited": the_seed_edited,
}


@pytest.mark.parametrize("case", REPORT.values(), ids=list(REPORT))
def test_a_bad_report_page_or_seed_is_named_by_page_and_line_never_blaming_the_data(project_copy, case):
    expected = case(project_copy)
    # The pages are to blame, never the data that refers to them.
    check_message(message_of(project_copy), expected, absent=("indicators.yml", "entities.yml", "annotations.yml"))


# --- data files that are no YAML, or not the YAML expected ---------------------------------------


def invalid_yaml(project):
    n = replace_once(project, "data/annotations.yml", "  - id: new-era-decade\n", "  - id: new-era-decade: x\n")
    return [f"data/annotations.yml:{n}: not valid YAML", "mapping values are not allowed"]


def a_missing_data_file(project):
    (project / "data" / "number-exceptions.yml").unlink()
    return ["data/number-exceptions.yml: file is missing"]


def an_unknown_top_level_key(project):
    edit_yaml(project, "entities.yml", lambda data: data.update(not_mention=[]))
    return ["data/entities.yml: unknown top-level key(s): not_mention"]


DATA_FILES = {
    "invalid YAML": invalid_yaml,
    "a missing data file": a_missing_data_file,
    "an unknown top-level key": an_unknown_top_level_key,
}


@pytest.mark.parametrize("case", DATA_FILES.values(), ids=list(DATA_FILES))
def test_a_data_file_that_cannot_be_read_names_the_file_and_line(project_copy, case):
    expected = case(project_copy)
    check_message(message_of(project_copy), expected)


# --- data/entities.yml ---------------------------------------------------------------------------

ENTITIES = {
    "的 as an alias": (change_entity("guangdong", lambda e: e["aliases"].append("的")),
                      ["data/entities.yml: guangdong: alias '的' is one character"]),
    "an alias with a zero-width space": (change_entity("guangdong", lambda e: e.update(aliases=["广\u200b东"])),
                                         ["data/entities.yml: guangdong: field 'aliases",
                                          "invisible or look-alike character '\\u200b' in '广\\u200b东'"]),
    "an alias with a compatibility ideograph": (change_entity("patent-law", lambda e: e.update(aliases=["专\uf9dd法"])),
                                                ["data/entities.yml: patent-law: field 'aliases",
                                                 "invisible or look-alike character '\\uf9dd' in '专\\uf9dd法'"]),
    "an alias claimed by two entities": (change_entity("guangxi", lambda e: e["aliases"].append("广东")),
                                         ["data/entities.yml: guangxi: alias '广东' also used by 'guangdong'"]),
    "an alias not in the report": (change_entity("guangdong", lambda e: e["aliases"].append("广东省")),
                                   ["data/entities.yml: guangdong: alias '广东省' does not occur in the report"]),
    "a tile off the map": (change_entity("guangdong", lambda e: e.update(tile=[99, -5])),
                           ["data/entities.yml: guangdong: tile [99, -5] is off the map", "columns 0–11, rows 0–9"]),
    "two provinces on one tile": (change_entity("guangxi", lambda e: e.update(tile=[3, 6])),
                                  ["data/entities.yml: guangxi: tile [3, 6] is also the tile of 'guangdong'"]),
    "a province without a tile": (change_entity("guangdong", lambda e: e.pop("tile")),
                                  ["data/entities.yml: guangdong: a province needs kind and tile"]),
    "an unknown entity type": (change_entity("patent-law", lambda e: e.update(type="statute")),
                               ["data/entities.yml: patent-law: type 'statute' is not one of law, regulation"]),
    "{{ in an entity name": (change_entity("patent-law", lambda e: e.update(name="{{ 中华人民共和国专利法 }}")),
                             ["data/entities.yml: patent-law: field 'name': holds '{{': data is plain text"]),
    "<script> in a province name": (change_entity("guangdong", lambda e: e.update(name="广东省<script>alert(1)</script>")),
                                    ["data/entities.yml: guangdong: field 'name': holds '<': data is plain text"]),
    "a blank line in a description": (change_entity("guangdong", lambda e: e.update(description="位于华南的省份。\n\n省会广州。")),
                                      ["data/entities.yml: guangdong: field 'description': holds '\\u000a'", "several lines"]),
    "an entity without sources": (change_entity("patent-law", lambda e: e.pop("sources")),
                                  ["data/entities.yml: patent-law: field 'sources': Field required"]),
    "a source with an invented-looking date": (
        change_entity("patent-law", lambda e: e["sources"][0].update(date="2020年10月")),
        ["data/entities.yml: patent-law: field 'sources.0.Source.date'", "should match pattern"]),
    "a source whose address is a script": (
        change_entity("patent-law", lambda e: e["sources"][0].update(url="javascript:alert(1)")),
        ["data/entities.yml: patent-law: field 'sources.0.Source.url'", "should match pattern"]),
    "an English name without its origin": (change_entity("patent-law", lambda e: e.pop("name_en_source")),
                                           ["data/entities.yml: patent-law: field 'name_en_source': Field required"]),
    "a compound naming an unknown entity": (
        change_entity("trademark-law-regulations", lambda e: e["compound"][0]["parts"][0].update(entity="no-such")),
        ["data/entities.yml: trademark-law-regulations: compound '商标法及其实施条例' names unknown entity 'no-such'"]),
}


@pytest.mark.parametrize("case", ENTITIES.values(), ids=list(ENTITIES))
def test_a_bad_entity_names_data_entities_yml_the_entity_and_the_fault(project_copy, case):
    change, expected = case
    edit_yaml(project_copy, "entities.yml", change)
    check_message(message_of(project_copy), expected, absent=("annotations.yml:", "data/annotations.yml"))


# --- data/annotations.yml ------------------------------------------------------------------------


def with_form(form: str):
    return change_term("new-era-decade", lambda t: t["forms"].append(form))


def note_on(paragraph: str):
    return change_term("bing-dwen-dwen", lambda t: t["notes"][0].update(paragraph=paragraph))


TERMS = {
    "a Markdown link in a term's zh": (change_term("new-era-decade", lambda t: t.update(zh="见[此处](javascript:alert(1))。")),
                                       ["data/annotations.yml: new-era-decade: field 'zh': holds ']('", "Markdown"]),
    "an empty form": (with_form(""), ["data/annotations.yml: new-era-decade: field 'forms", "at least 1 character"]),
    "a one-character form": (with_form("年"), ["data/annotations.yml: new-era-decade: form '年' is one character"]),
    "a form that is an entity alias": (with_form("专利法"), [
        "data/annotations.yml: new-era-decade: form '专利法' is an alias of entity 'patent-law' in data/entities.yml"]),
    "a form that never occurs": (with_form("新时代一百年"),
                                 ["data/annotations.yml: new-era-decade: form '新时代一百年' never occurs in the report"]),
    "a note on a paragraph without the term": (note_on("p1-2-1"), [
        "data/annotations.yml: bing-dwen-dwen: note for paragraph 'p1-2-1', which does not contain the term (冰墩墩)"]),
    "a note on an unknown paragraph": (note_on("p9-9-9"),
                                       ["data/annotations.yml: bing-dwen-dwen: note for unknown paragraph id 'p9-9-9'"]),
    "a duplicate term id": (lambda data: data["terms"].append(dict(entry(data["terms"], "new-era-decade"))),
                            ["data/annotations.yml: new-era-decade: duplicate id (entries 1 and "]),
    "a term without sources": (change_term("new-era-decade", lambda t: t.pop("sources")),
                               ["data/annotations.yml: new-era-decade: field 'sources': Field required"]),
    "empty sources": (change_term("new-era-decade", lambda t: t.update(sources=[])),
                      ["data/annotations.yml: new-era-decade: field 'sources': List should have at least 1 item"]),
    "an unknown category": (change_term("new-era-decade", lambda t: t.update(category="weather")),
                            ["data/annotations.yml: new-era-decade: category 'weather' is not one of slogan"]),
}


@pytest.mark.parametrize("case", TERMS.values(), ids=list(TERMS))
def test_a_bad_term_names_data_annotations_yml_the_term_and_the_fault(project_copy, case):
    change, expected = case
    edit_yaml(project_copy, "annotations.yml", change)
    check_message(message_of(project_copy), expected)


# --- data/indicators.yml and data/number-exceptions.yml ------------------------------------------

INDICATORS = {
    "a line break in a label": (change_indicator(lambda e: e.update(label="专利商标\n质押融资额")),
                                [f"data/indicators.yml: {INDICATOR}: field 'label': holds '\\u000a'", "several lines"]),
    "a missing field": (change_indicator(lambda e: e.pop("unit")), [f"data/indicators.yml: {INDICATOR}: field 'unit': Field required"]),
    "a value written in words": (change_indicator(lambda e: e.update(value="四千八百亿")),
                                 [f"data/indicators.yml: {INDICATOR}: field 'value", "valid integer"]),
    "an unknown theme": (change_indicator(lambda e: e.update(theme="天气")),
                         [f"data/indicators.yml: {INDICATOR}: theme '天气' is not one of the themes of data/edition.yml"]),
    "an unknown paragraph": (change_indicator(lambda e: e.update(paragraph="p9-9-9")),
                             [f"data/indicators.yml: {INDICATOR}: unknown paragraph id 'p9-9-9'"]),
    "a quote not verbatim": (change_indicator(lambda e: e.update(quote="全年专利商标质押融资额为4868.8亿元")),
                             [f"data/indicators.yml: {INDICATOR}: quote '全年专利商标质押融资额为4868.8亿元' "
                              "is not found verbatim in paragraph p1-4-2"]),
    "a value not in the quote": (change_indicator(lambda e: e.update(value=4868.9)),
                                 [f"data/indicators.yml: {INDICATOR}: value 4868.9 is not in the quote"]),
    "a duplicate indicator id": (lambda entries: entries.append(dict(entry(entries, INDICATOR))),
                                 [f"data/indicators.yml: {INDICATOR}: duplicate id (entries "]),
    "a comparison text not in the quote": (
        change_indicator(lambda e: e.update(comparison={"kind": "change", "value": 5, "unit": "%", "text": "增长5%"})),
        [f"data/indicators.yml: {INDICATOR}: comparison text '增长5%' is not in the quote"]),
}


@pytest.mark.parametrize("case", INDICATORS.values(), ids=list(INDICATORS))
def test_a_bad_indicator_names_data_indicators_yml_the_indicator_and_the_fault(project_copy, case):
    change, expected = case
    edit_yaml(project_copy, "indicators.yml", change)
    check_message(message_of(project_copy), expected)


def a_number_no_indicator_carries(project):
    n, _ = paragraph_of(project, PAGE, "p1-2-1")
    edit_yaml(project, "indicators.yml", lambda entries: entries.remove(entry(entries, REAL_ID)))
    return [f"docs/{PAGE}:{n}: 79.8 in “…", "neither an indicator (data/indicators.yml) nor a listed exception"]


def an_exception_that_does_not_occur(project):
    edit_yaml(project, "number-exceptions.yml", lambda entries: entries.append({"text": "2099年", "reason": "year"}))
    return ["data/number-exceptions.yml: '2099年': does not occur in the report"]


def an_exception_without_a_reason(project):
    edit_yaml(project, "number-exceptions.yml", lambda entries: entries.append({"text": "2023年"}))
    return ["data/number-exceptions.yml: 2023年: field 'reason': Field required"]


NUMBERS = {
    "a number no indicator carries": a_number_no_indicator_carries,
    "an exception that does not occur": an_exception_that_does_not_occur,
    "an exception without a reason": an_exception_without_a_reason,
}


@pytest.mark.parametrize("case", NUMBERS.values(), ids=list(NUMBERS))
def test_a_number_of_the_report_that_is_not_accounted_for_names_where_it_stands(project_copy, case):
    expected = case(project_copy)
    check_message(message_of(project_copy), expected)


# --- data/periods.yml: each period a figure states, with its English, kind and dates --------------------------

def a_period_without_english(project):
    edit_yaml(project, "indicators.yml", change_indicator(lambda e: e.update(period="2022年上半年")))
    return [f"data/indicators.yml: {INDICATOR}: period '2022年上半年' has no line in data/periods.yml",
            "add `2022年上半年: {en: <English>, kind: during|as_of|cumulative|not_stated"]


def an_english_that_adds_a_date(project):
    edit_yaml(project, "periods.yml", lambda periods: periods["目前"].update(en="To date (in force since 5 May 2022)"))
    return ["data/periods.yml: '目前': the English 'To date (in force since 5 May 2022)' says '5', which the period does not"]


def a_period_no_figure_states(project):
    edit_yaml(project, "periods.yml", lambda periods: periods.update({"2021年": {"en": "2021", "kind": "during"}}))
    return ["data/periods.yml: '2021年': no entry of data/indicators.yml has this period"]


def an_english_written_as_a_number(project):
    replace_once(project, "data/periods.yml", "2022年: {en: During 2022,", "2022年: {en: 2022,")
    return ["data/periods.yml: field '2022年.en': Input should be a valid string"]


def a_date_the_period_does_not_state(project):
    edit_yaml(project, "periods.yml", lambda periods: periods["目前"].update(end="2023-01-15"))
    return ["data/periods.yml: '目前': the date '2023-01-15' has a year the period does not state"]


def periods_yml_holding_a_list(project):
    (project / "data" / "periods.yml").write_text("- 2022年\n", encoding="utf-8")
    return ["data/periods.yml: expected a mapping of periods", "found a list"]


PERIODS = {
    "a period with no English": a_period_without_english,
    "an English that adds a date": an_english_that_adds_a_date,
    "a period no figure states": a_period_no_figure_states,
    "an English written as a number": an_english_written_as_a_number,
    "a date the period does not state": a_date_the_period_does_not_state,
    "periods.yml holding a list": periods_yml_holding_a_list,
}


@pytest.mark.parametrize("case", PERIODS.values(), ids=list(PERIODS))
def test_a_period_without_its_english_or_an_english_saying_more_names_the_file_the_entry_and_the_fault(project_copy, case):
    expected = case(project_copy)
    check_message(message_of(project_copy), expected)


# --- data/translation.yml: the English of every line, checked against its Chinese -----------------------


def english_line(key: str, change):
    """Change the English line of a paragraph (by id) or of a heading (by its Chinese)."""
    return lambda data: change(next(line for line in data["lines"] if key in (line.get("id"), line.get("zh"))))


def replace_in_english(key: str, old: str, new: str):
    def change(line):
        assert old in line["en"], (key, old)
        line["en"] = line["en"].replace(old, new)
    return english_line(key, change)


def a_paragraph_without_english(project):
    edit_yaml(project, "translation.yml", lambda data: data["lines"].remove(english_line("p1-2-1", lambda line: line)(data)))
    n, _ = paragraph_of(project, PAGE, "p1-2-1")
    return [f"data/translation.yml: no English for the paragraph 'p1-2-1' (docs/{PAGE}:{n})"]


def a_heading_without_english(project):
    title = read(project, f"docs/{PAGE}").split("\n")[0].lstrip("# ")
    edit_yaml(project, "translation.yml", lambda data: data["lines"].remove(english_line(title, lambda line: line)(data)))
    return [f"data/translation.yml: no English for the heading '{title[:30]}' (docs/{PAGE}:1)"]


def a_figure_left_out_of_the_english(project):  # p1-2-1: 授权发明专利79.8万件
    edit_yaml(project, "translation.yml", replace_in_english("p1-2-1", "798,000", "about 800,000"))
    return [f"data/translation.yml: p1-2-1: the English lacks the figure 79.8万件 ({REAL_ID}, data/indicators.yml), "
            "written 798,000 or 798 thousand"]


def a_figure_written_in_the_wrong_scale(project):  # 4868.8亿元 is 486.88 billion yuan, not 4,868.8 billion
    edit_yaml(project, "translation.yml", replace_in_english("p1-4-2", "486.88 billion", "4,868.8 billion"))
    return [f"data/translation.yml: p1-4-2: the English lacks the figure 4868.8亿元 ({INDICATOR}, data/indicators.yml)",
            "486.88 billion"]


def an_entity_left_out_of_the_english(project):  # p1-2-2: 按照新修改的专利法
    edit_yaml(project, "translation.yml", replace_in_english("p1-2-2", "newly amended Patent Law", "newly amended law"))
    return ["data/translation.yml: p1-2-2: the English lacks the name \'Patent Law of the People\'s Republic of China\' or "
            "\'Patent Law\' (patent-law, data/entities.yml)"]


def a_term_rendered_otherwise(project):  # p1-2-2: 实用新型 is "utility model" everywhere
    edit_yaml(project, "translation.yml", replace_in_english("p1-2-2", "utility model", "petty patent"))
    return ["data/translation.yml: p1-2-2: the English lacks the term 实用新型 as \'utility model\' (utility-model, data/annotations.yml)"]


def two_lines_swapped(project):
    def swap(data):
        at = [line.get("id") for line in data["lines"]].index("p1-2-1")
        data["lines"][at], data["lines"][at + 1] = data["lines"][at + 1], data["lines"][at]
    edit_yaml(project, "translation.yml", swap)
    return ["data/translation.yml: line", "('p1-2-2') is out of the report's order: the report has 'p1-2-1' here"]


def english_for_a_paragraph_the_report_lacks(project):
    edit_yaml(project, "translation.yml", lambda data: data["lines"].append({"id": "p1-2-99", "en": "An invented paragraph."}))
    return ["data/translation.yml: line", "('p1-2-99'): not a paragraph id or heading of the report pages"]


def markup_in_the_english(project):
    edit_yaml(project, "translation.yml", replace_in_english("p1-2-1", "798,000", "<b>798,000</b>"))
    return ["data/translation.yml: p1-2-1: field 'en': holds '<'"]


def an_editors_title_without_english(project):
    edit_yaml(project, "translation.yml", lambda data: data["editorial_titles"].pop("结束语"))
    return ["data/translation.yml: editorial_titles: no English for the editors' title '结束语'"]


TRANSLATION = {
    "an editors' title without English": an_editors_title_without_english,
    "a paragraph without English": a_paragraph_without_english,
    "a heading without English": a_heading_without_english,
    "a figure left out": a_figure_left_out_of_the_english,
    "a figure in the wrong scale": a_figure_written_in_the_wrong_scale,
    "an entity left out": an_entity_left_out_of_the_english,
    "a term rendered otherwise": a_term_rendered_otherwise,
    "two lines swapped": two_lines_swapped,
    "a line for no paragraph": english_for_a_paragraph_the_report_lacks,
    "markup in the English": markup_in_the_english,
}


@pytest.mark.parametrize("case", TRANSLATION.values(), ids=list(TRANSLATION))
def test_english_that_drifts_from_the_chinese_names_the_paragraph_and_what_is_missing(project_copy, case):
    expected = case(project_copy)
    check_message(message_of(project_copy), expected)


# --- data/edition.yml ----------------------------------------------------------------------------

PARTICULARS = {
    "a paragraph_id that is no regex": (lambda data: data.update(paragraph_id="^(source|p[1-3]"),
                                        ["data/edition.yml: field 'paragraph_id': not a regular expression"]),
    "a missing field": (lambda data: data.pop("themes"), ["data/edition.yml: field 'themes': Field required"]),
    "a missing interface string": (lambda data: data["strings"].pop("figures_fold"),
                                   ["data/edition.yml: field 'strings': ", "missing figures_fold (the pages show them)"]),
    "an entity group with an unknown type": (lambda data: data["pages"]["entity_groups"][3]["types"].append("city"),
                                             ["data/edition.yml: pages.entity_groups: places: unknown entity type 'city'"]),
    "a tile title without its count": (lambda data: data["strings"].update(map_tile_mentions="{name}:报告提及"),
                                       ["data/edition.yml: field 'strings': map_tile_mentions lacks {count}"]),
    "an unmentioned region on a province's tile": (change_map_place("台湾省", lambda p: p.update(tile=[4, 6])), [
        "data/edition.yml: map_unmentioned: 台湾省: tile [4, 6] is also the tile of 'fujian' (data/entities.yml)"]),
    "two unmentioned regions on one tile": (change_map_place("香港特别行政区", lambda p: p.update(tile=[3, 7])), [
        "data/edition.yml: map_unmentioned: 香港特别行政区: tile [3, 7] is also the tile of '澳门特别行政区'"]),
    "an unmentioned region off the map": (change_map_place("台湾省", lambda p: p.update(tile=[12, 6])),
                                          ["data/edition.yml: map_unmentioned: 台湾省: tile [12, 6] is off the map"]),
    "an unmentioned region without a tile": (change_map_place("台湾省", lambda p: p.pop("tile")),
                                             ["data/edition.yml: map_unmentioned: 台湾省: field 'tile': Field required"]),
    "a citation date that is not a date": (lambda data: data["citation"].update(published="2023年1月"),
                                           ["data/edition.yml: field 'citation.published': String should match pattern"]),
    "a licence without its address": (lambda data: data["citation"].pop("licence_url"),
                                       ["data/edition.yml: field 'citation.licence_url': Field required"]),
    "an unmentioned region the report mentions": (
        lambda data: data["map_unmentioned"].append({"name": "北京特别市", "label": "北京", "tile": [9, 9]}),
        ["data/edition.yml: map_unmentioned: 北京特别市: the report mentions '北京'"]),
    "a theme without its English": (lambda data: data["themes_en"].pop("保护"),
                                    ["data/edition.yml: themes_en: no English for the theme '保护'"]),
    "a label without its English": (lambda data: data["strings_en"].pop("entity_type"),
                                    ["data/edition.yml: strings_en: no English for the string 'entity_type'"]),
}


@pytest.mark.parametrize("case", PARTICULARS.values(), ids=list(PARTICULARS))
def test_bad_particulars_name_data_edition_yml_the_field_and_the_fault(project_copy, case):
    change, expected = case
    edit_yaml(project_copy, "edition.yml", change)
    check_message(message_of(project_copy), expected, absent=("entry 1",))


# --- data/changes.yml: the edition's dated changes, newest first --------------------------------------

CHANGES = {
    "an older change listed first": (lambda data: data.reverse(),
                                     lambda data: [f"data/changes.yml: {data[-1]['date']}: listed after {data[0]['date']}: newest first"]),
    "a change dated in words": (lambda data: data[0].update(date="十一月"),
                                lambda data: ["data/changes.yml: 十一月: field 'date': String should match pattern"]),
    "a change without its English": (lambda data: data[0].pop("en"),
                                      lambda data: [f"data/changes.yml: {data[0]['date']}: field 'en': Field required"]),
    "two entries for one day": (lambda data: data.append(dict(data[0])),
                                lambda data: [f"data/changes.yml: {data[0]['date']}: duplicate date"]),
}


@pytest.mark.parametrize("case", CHANGES.values(), ids=list(CHANGES))
def test_a_bad_change_names_data_changes_yml_the_day_and_the_fault(project_copy, case):
    change, expected = case
    edit_yaml(project_copy, "changes.yml", change)
    written = yaml.safe_load((project_copy / "data" / "changes.yml").read_text(encoding="utf-8"))
    check_message(message_of(project_copy), expected(written))


# --- the real strict build: the message reaches stderr, no traceback -----------------------------


def a_misspelled_macro(project):
    n = append_line(project, f"docs/{PAGE}", '{{ indicatr("x") }}')
    return [f"docs/{PAGE}:{n}: unknown macro 'indicatr'", "indicator, indicators"]


def a_jinja_expression_in_a_paragraph(project):
    n, text = paragraph_of(project, PAGE, "p1-2-1")
    replace_once(project, f"docs/{PAGE}", "79.8万件", "{{7*7}}万件")
    return [f"docs/{PAGE}:{n}: this paragraph differs from {seed_name(project)} line {seed_line(project, text)} "
            f"at character {text.index('79.8') + 1}", "the page has '{{7*7}}万件"]


def a_data_file_saved_as_gbk(project):
    text = read(project, "data/entities.yml")
    n = line_where(project, "data/entities.yml", 'name: "广东省"')
    lines = text.split("\n")
    broken = "\n".join(lines[: n - 1]).encode("utf-8") + b"\n" + lines[n - 1].encode("gbk") + b"\n" + \
        "\n".join(lines[n:]).encode("utf-8")
    (project / "data" / "entities.yml").write_bytes(broken)
    return [f"data/entities.yml:{n}: not UTF-8 (byte 0x{'广'.encode('gbk')[0]:02x})", "save the file as UTF-8"]


def a_key_given_twice(project):
    first = line_where(project, "data/indicators.yml", "  quote: 全年专利商标质押融资额达4868.8亿元")
    lines = read(project, "data/indicators.yml").split("\n")
    unit = max(n for n in range(1, first) if lines[n - 1] == "  unit: 亿元")  # the entry's own unit, above its quote
    assert first - unit < 8
    replace_once(project, "data/indicators.yml", "  quote: 全年专利商标质押融资额达4868.8亿元\n",
                 "  quote: 全年专利商标质押融资额达4868.8亿元\n  unit: 元\n")
    return [f"data/indicators.yml:{first + 1}: not valid YAML: key 'unit' is given twice (lines {unit} and {first + 1})"]


def an_empty_alias(project):
    edit_yaml(project, "entities.yml", change_entity("guangdong", lambda e: e["aliases"].append("")))
    return ["data/entities.yml: guangdong: field 'aliases", "at least 1 character"]


def indicators_yml_holding_an_empty_list(project):
    (project / "data" / "indicators.yml").write_text("[]\n", encoding="utf-8")
    return ["data/indicators.yml: expected a list of indicators", "found an empty list"]


def a_return_before_a_comment_in_a_script(project):
    n = append_line(project, "docs/javascripts/edition.js", "if (!window.edition) return  // none")
    return [f"docs/javascripts/edition.js:{n}: end the statement with ';' before its comment"]


BUILDS = {
    "a script the minifier would misread": a_return_before_a_comment_in_a_script,
    "a misspelled macro name": a_misspelled_macro,
    "a Jinja expression in a report paragraph": a_jinja_expression_in_a_paragraph,
    "a data file that is not UTF-8": a_data_file_saved_as_gbk,
    "a YAML key given twice": a_key_given_twice,
    "an empty alias": an_empty_alias,
    "indicators.yml holding []": indicators_yml_holding_an_empty_list,
    "a period with no English": a_period_without_english,
    "a paragraph's English without its figure": a_figure_left_out_of_the_english,
}


@pytest.mark.parametrize("case", BUILDS.values(), ids=list(BUILDS))
def test_the_strict_build_stops_with_the_message_and_no_traceback(project_copy, case):
    expected = case(project_copy)
    result = build_copy(project_copy)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line.split("ERROR", 1)[1].lstrip(" -") for line in result.stderr.split("\n") if line.startswith("ERROR")]
    assert errors, result.stderr
    check_message(errors[0], expected, absent=("annotations.yml",))


def test_the_unbroken_copy_loads_so_each_fault_above_is_the_one_made(project_copy):
    edition = load_project(project_copy)
    assert REAL_ID in edition.indicators and INDICATOR in edition.indicators
    assert {"guangdong", "guangxi", "patent-law", "trademark-law-regulations"} <= set(edition.entities)
    assert {"new-era-decade", "bing-dwen-dwen"} <= set(edition.terms)
