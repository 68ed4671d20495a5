"""How to cite the report, a page or a paragraph of this edition: GB/T 7714-2015, Chicago, BibTeX, CSL-JSON,
the meta tags reference managers read, and schema.org JSON-LD.

Every function returns plain strings or dicts; escaping for HTML happens where the HTML is made.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

MONTHS = ("January", "February", "March", "April", "May", "June",
          "July", "August", "September", "October", "November", "December")
BIBTEX_KEY = "cnipa2023"
FORMATS = (("gbt7714", "GB/T 7714—2015"), ("chicago", "Chicago"), ("bibtex", "BibTeX"), ("csl", "CSL-JSON"))
# A page's citations are made at build time, before the reader's day is known: with these stand-ins for the access
# date and the paragraph, which the reader's browser replaces (docs/javascripts/cite.js). Each survives every format.
ACCESS_STAND_IN = date(1111, 11, 11)
PARAGRAPH_STAND_IN = "PARAGRAPHID"


@dataclass(frozen=True)
class Citable:
    title: str  # the report's title, a page's heading, or (for a paragraph) the report's title
    report_title: str
    author: str  # the institution, in Chinese: 国家知识产权局
    author_en: str
    edition_title: str
    url: str  # permanent: a page's URL, or page URL + '#' + paragraph id
    paragraph: str | None
    accessed: date
    published: str | None  # only a confirmed date; None when unknown, never a guess
    edition_version: str  # e.g. a build date and a short commit
    language: str = "zh"
    title_en: str | None = None  # an English gloss of the title, if the edition gives one
    authored: bool = True  # the page holds the author's text; False for a page the edition wrote (an entity's, the glossary)


def paragraph_url(page_url: str, paragraph: str) -> str:
    return f"{page_url}#{paragraph}"


def gbt7714(c: Citable) -> str:
    """主要责任者. 题名[EB/OL]. (更新或修改日期)[引用日期]. 获取和访问路径. (GB/T 7714-2015, 4.6.2, 7, 8.4.4)."""
    updated = f"({c.published})" if c.published else ""
    return f"{c.author}. {c.title}[EB/OL]. {updated}[{c.accessed.isoformat()}]. {c.url}."


def chicago(c: Citable) -> str:
    """A bibliography entry for website content (Chicago 17th ed., 14.206-207); a translated title follows in brackets."""
    title = f"“{c.title}” [{c.title_en}]." if c.title_en else f"“{c.title}.”"
    published = f" {english_date(c.published)}." if c.published else ""
    return f"{c.author_en}. {title} {c.edition_title}.{published} Accessed {english_date(c.accessed.isoformat())}. {c.url}."


def english_date(text: str) -> str:
    """2023-01-11 -> January 11, 2023; 2023-01 -> January 2023; anything else as it is written."""
    parts = date_parts(text)
    if parts is None or len(parts) == 1:
        return text
    month = MONTHS[parts[1] - 1]
    return f"{month} {parts[2]}, {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def date_parts(text: str) -> list[int] | None:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    return [int(p) for p in match.groups() if p] if match else None


def bibtex_key(c: Citable) -> str:
    """cnipa2023 for the report, cnipa2023-p1-2-3 for a paragraph, cnipa2023-<last path segment> for a page."""
    local = c.paragraph or (None if c.title == c.report_title else c.url.split("#")[0].rstrip("/").rsplit("/", 1)[-1])
    slug = re.sub(r"[^A-Za-z0-9]+", "-", local or "").strip("-")
    return f"{BIBTEX_KEY}-{slug}" if slug else BIBTEX_KEY


TEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "%": r"\%",
                "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bibtex_text(value: str) -> str:
    # \{ would still count as a brace for BibTeX's parser: braces become brace-free commands instead
    return re.sub(r"[\\{}%&#_$~^]", lambda m: TEX_SPECIALS[m.group()], value)


def bibtex_url(url: str) -> str:
    # url is read verbatim (no TeX escapes); only what a URL never holds unencoded could break the entry
    return re.sub(r'[{}\\\s"]', lambda m: quote(m.group(), safe=""), url)


def bibtex(c: Citable) -> str:
    note = f"{c.edition_title}, 版本 {c.edition_version}" + (f", 段落 {c.paragraph}" if c.paragraph else "")
    fields = [("author", "{" + bibtex_text(c.author) + "}"), ("title", bibtex_text(c.title)),
              ("howpublished", r"\url{" + bibtex_url(c.url) + "}"), ("url", bibtex_url(c.url)),
              ("urldate", c.accessed.isoformat())]
    fields += [("date", bibtex_text(c.published))] if c.published else []
    fields += [("note", bibtex_text(note)), ("language", bibtex_text(c.language))]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@misc{{{bibtex_key(c)},\n{body}}}\n"


def csl_date(text: str) -> dict:
    parts = date_parts(text)
    return {"date-parts": [parts]} if parts else {"literal": text}


def csl_json(c: Citable) -> dict:
    item = {"id": bibtex_key(c), "type": "webpage", "title": c.title, "author": [{"literal": c.author}],
            "container-title": c.edition_title, "URL": c.url, "version": c.edition_version,
            "accessed": csl_date(c.accessed.isoformat()), "language": c.language}
    if c.published:
        item["issued"] = csl_date(c.published)
    return item


def meta_tags(c: Citable) -> list[tuple[str, str]]:
    """Highwire Press and Dublin Core names, as Zotero's Embedded Metadata translator reads them."""
    dated = bool(c.published)
    tags = [("citation_title", c.title)] + ([("citation_author", c.author)] if c.authored else [])
    tags += [("citation_publisher", c.edition_title)]
    tags += [("citation_publication_date", c.published)] if dated else []
    tags += [("citation_public_url", c.url), ("citation_language", c.language),
             ("DC.title", c.title)] + ([("DC.creator", c.author)] if c.authored else []) + [("DC.publisher", c.edition_title)]
    tags += [("DC.date", c.published)] if dated else []
    # DC.source: the resource this page derives from (DCMI); Zotero files it as the website or publication title
    tags += [("DC.identifier", c.url), ("DC.language", c.language), ("DC.type", "Text"), ("DC.source", c.report_title)]
    return tags


def json_ld(c: Citable) -> dict:
    """The edition's page, based on the report, which 国家知识产权局 wrote."""
    report = {"@type": "CreativeWork", "name": c.report_title, "inLanguage": "zh",
              "author": {"@type": "Organization", "name": c.author, "alternateName": c.author_en}}
    if c.published:
        report["datePublished"] = c.published
    return {"@context": "https://schema.org", "@type": "WebPage", "name": c.title, "url": c.url,
            "inLanguage": c.language, "version": c.edition_version,
            "isPartOf": {"@type": "WebSite", "name": c.edition_title}, "isBasedOn": report}


def json_ld_script(data: dict) -> str:
    """JSON-LD for a <script type="application/ld+json"> element: nothing in it can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def csl_text(c: Citable) -> str:
    """CSL-JSON as a reference manager imports it (a list of items), each date's parts on one line."""
    text = json.dumps([csl_json(c)], ensure_ascii=False, indent=2)
    return re.sub(r"\[\s*\[([\d,\s]+)\]\s*\]", lambda m: "[[" + ", ".join(m.group(1).replace(",", " ").split()) + "]]", text)


def citations(c: Citable) -> dict[str, str]:
    """The citation in every format a reader may copy (FORMATS)."""
    return {"gbt7714": gbt7714(c), "chicago": chicago(c), "bibtex": bibtex(c), "csl": csl_text(c)}


def stand_ins() -> dict[str, str]:
    """What the browser replaces in a citation made with ACCESS_STAND_IN and PARAGRAPH_STAND_IN."""
    iso, d = ACCESS_STAND_IN.isoformat(), ACCESS_STAND_IN
    return {"date": iso, "date_en": english_date(iso), "date_csl": f"[[{d.year}, {d.month}, {d.day}]]",
            "paragraph": PARAGRAPH_STAND_IN}
