"""Files for researchers, written by the build (never into docs/): the registries as CSV and JSON.

`page_url(src)` (a page's URL in this build) and `hosted_url(src)` (its permanent address on the hosted site, the
same in the offline copy) are asked of the site generator (for MkDocs, `File.url`): this package never
computes a page's address itself.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Callable

from edition.citation import FORMATS, PARAGRAPH_STAND_IN, citations, stand_ins
from edition.indicators import Claim, number_text
from edition.provenance import citable

if TYPE_CHECKING:
    from edition import Edition

PageUrl = Callable[[str], str]  # source path below docs/ -> the page's URL below the site root
ENGLISH_SCRIPT = "javascripts/english-text.js"
CITATIONS_SCRIPT = "javascripts/citations.js"

# One row per figure or claim, in report order. Numbers are plain (digits and a point, no thousands separator, no
# unit in the cell): base_value, in the unit base_unit, is the column to compute and sort with (empty for a claim).
INDICATOR_COLUMNS = [
    "id", "kind", "label", "label_en", "value", "unit", "as_written", "qualifier", "exactness", "base_value", "base_unit",
    "word", "claim_kind", "ordinal", "period", "period_en", "period_kind", "period_start", "period_end",
    "comparison_kind", "comparison_value", "comparison_unit", "comparison_qualifier", "comparison_exactness",
    "comparison_period", "comparison_text", "theme", "paragraph", "paragraph_url", "quote",
]


def paragraph_url(edition: Edition, pid: str, hosted_url: PageUrl) -> str:
    """A paragraph's permanent address: its page's on the hosted site (also in the offline copy), and its id."""
    return hosted_url(edition.report.page_of[pid].src) + f"#{pid}"


def indicator_records(edition: Edition, hosted_url: PageUrl) -> list[dict]:
    """The content of data/indicators.yml, plus what the build derives: a figure's exactness and value in base units
    (79.8 万件 -> 798000 件), a claim's kind and ordinal, the period's English, kind and dates (data/periods.yml),
    and the source paragraph's URL. Keys without a value are left out."""
    records = []
    for ind in edition.indicators.values():
        period = edition.periods[ind.period]
        record = {"id": ind.id, "kind": ind.kind, "label": ind.label, "label_en": ind.label_en}
        if isinstance(ind, Claim):
            record |= {"word": ind.word, "claim_kind": ind.claim_kind, "ordinal": ind.ordinal}
        else:
            record |= {"value": ind.value, "unit": ind.unit, "as_written": ind.as_written, "qualifier": ind.qualifier,
                       "exactness": ind.exactness, "base_value": ind.base_value, "base_unit": ind.base_unit}
        record |= {"period": ind.period, "period_en": period.en, "period_kind": period.kind,
                   "period_start": period.start, "period_end": period.end}
        if ind.comparison:
            c = ind.comparison
            record["comparison"] = {k: v for k, v in {
                "kind": c.kind, "value": c.value, "unit": c.unit, "qualifier": c.qualifier, "exactness": c.exactness,
                "period": c.period, "text": c.text}.items() if v is not None}
        record |= {"theme": ind.theme, "paragraph": ind.paragraph,
                   "paragraph_url": paragraph_url(edition, ind.paragraph, hosted_url), "quote": ind.quote}
        records.append({k: v for k, v in record.items() if v is not None})
    return records


def indicators_json(edition: Edition, hosted_url: PageUrl) -> str:
    return json.dumps(indicator_records(edition, hosted_url), ensure_ascii=False, indent=1) + "\n"


def indicators_csv(edition: Edition, hosted_url: PageUrl) -> str:
    """The records flat, one column each (INDICATOR_COLUMNS); numbers as plain digits (edition.indicators.number_text)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=INDICATOR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in indicator_records(edition, hosted_url):
        comparison = record.pop("comparison", {})
        record.update({f"comparison_{k}": v for k, v in comparison.items()})
        for key in ("value", "base_value", "comparison_value"):
            if key in record:
                record[key] = number_text(record[key])
        writer.writerow(record)
    return "\ufeff" + out.getvalue()  # BOM: Excel opens UTF-8 Chinese correctly


def entities_json(edition: Edition) -> str:
    """Every entity with its fields and mention count."""
    records = []
    for entity in edition.entities.values():
        record = entity.model_dump(exclude_none=True, exclude_defaults=True)
        record["mentions"] = len(edition.mentions_of(entity.id))
        records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def terms_json(edition: Edition) -> str:
    """The annotated terms as data/annotations.yml holds them; the pages' script reads a note's English here."""
    records = [t.model_dump(exclude_defaults=True) for t in edition.terms.values()]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def mentions_csv(edition: Edition, hosted_url: PageUrl) -> str:
    """One row per mention, in report order: entity id, paragraph id, paragraph URL, text as written."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["entity", "paragraph", "paragraph_url", "text"])
    for m in edition.mentions:
        writer.writerow([m.entity, m.paragraph, paragraph_url(edition, m.paragraph, hosted_url), m.text])
    return "\ufeff" + out.getvalue()


def translation_glossary_csv(edition: Edition) -> str:
    """How the English reading aid renders each named thing and term: one row per entity and per annotated term."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "id", "zh", "zh_forms", "en", "en_forms", "en_origin"])
    for e in edition.entities.values():
        origin = "edition" if e.name_en_source == "edition" else e.name_en_source.issuer
        writer.writerow(["entity", e.id, e.name, " / ".join(e.aliases), e.name_en, " / ".join(e.short_en), origin])
    for t in edition.terms.values():
        writer.writerow(["term", t.id, t.headword, " / ".join(t.forms[1:]), t.renderings_en[0], " / ".join(t.renderings_en[1:]),
                         "edition"])
    return "\ufeff" + out.getvalue()


def script_literal(data) -> str:
    """Data as a JavaScript literal that stays data: JSON, with the characters that could end a script escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def english_script(edition: Edition) -> str:
    """The English of every report line, for javascripts/english.js (asked for when a reader chooses 中英对照 or
    English). A script rather than JSON so that it also loads from file:// (an offline copy)."""
    paragraphs = {line.id: edition.english.of(line) for line in edition.report.lines if line.kind == "paragraph"}
    headings = {line.text: edition.english.of(line) for line in edition.report.lines if line.kind == "heading"}
    headings.update(edition.english.editorial_titles)
    data = {"notice": edition.strings["english_notice"], "paragraphs": paragraphs, "headings": headings}
    return f"window.edition.receiveEnglish({script_literal(data)})\n"


def page_key(url: str) -> str:
    """A page's URL below the site root as docs/javascripts/cite.js finds it: part-1/, or part-1/index.html offline."""
    return url.removesuffix("index.html")


def citations_script(edition: Edition, edition_title: str, hosted_url: PageUrl, page_url: PageUrl) -> str:
    """Every citation a report page offers, for javascripts/cite.js (asked for when a reader presses 引用): the
    report's, each page's, and each page's paragraph citation with a stand-in for the paragraph's id; all with a
    stand-in for the access date, the reader's day. `hosted_url(src)` is a page's permanent address on the web,
    `page_url(src)` its URL in this build (they differ in the offline copy)."""
    s, home, whole = edition.strings, edition.report.pages[0], edition.particulars.pages.print
    report = citations(citable(edition, edition_title, hosted_url(home.src)))
    pages = {page_key(page_url(whole)): report}
    paragraph_pages, templates = {}, {}
    for page in edition.report.pages:
        key, url = page_key(page_url(page.src)), hosted_url(page.src)
        pages[key] = report if page is home else citations(citable(edition, edition_title, url, page.src))
        templates[key] = citations(citable(edition, edition_title, f"{url}#{PARAGRAPH_STAND_IN}", page.src, PARAGRAPH_STAND_IN))
        paragraph_pages.update({p.id: key for p in page.paragraphs})
    labels = {key: s[f"cite_{key}"] for key in ("title", "scope_paragraph", "scope_page", "scope_report", "copy", "copied",
                                               "copy_failed", "close", "note")}
    data = {"labels": labels, "formats": FORMATS, "standIns": stand_ins(), "report": report, "pages": pages,
            "paragraphTemplates": templates, "paragraphPage": paragraph_pages}
    return f"window.edition.receiveCitations({script_literal(data)})\n"


def download_files(edition: Edition, site_url: str, page_url: PageUrl, hosted_url: PageUrl, edition_title: str) -> dict[str, str]:
    files = {
        CITATIONS_SCRIPT: citations_script(edition, edition_title, hosted_url, page_url),
        "translation-glossary.csv": translation_glossary_csv(edition),
        ENGLISH_SCRIPT: english_script(edition),
        "indicators.json": indicators_json(edition, hosted_url),
        "indicators.csv": indicators_csv(edition, hosted_url),
        "entities.json": entities_json(edition),
        "mentions.csv": mentions_csv(edition, hosted_url),
        "terms.json": terms_json(edition),
    }
    if site_url:
        files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    return files
