"""Files for researchers, written by the build (never into docs/): the registries as CSV and JSON.

`page_url(src)` is asked of the site generator (for MkDocs, `File.url`): this package never
computes a page's address itself.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Callable

from edition.indicators import Claim, number_text

if TYPE_CHECKING:
    from edition import Edition

PageUrl = Callable[[str], str]  # source path below docs/ -> the page's URL below the site root

# One row per figure or claim, in report order. Numbers are plain (digits and a point, no thousands separator, no
# unit in the cell): base_value, in the unit base_unit, is the column to compute and sort with (empty for a claim).
INDICATOR_COLUMNS = [
    "id", "kind", "label", "label_en", "value", "unit", "as_written", "qualifier", "exactness", "base_value", "base_unit",
    "word", "claim_kind", "ordinal", "period", "period_en", "period_kind", "period_start", "period_end",
    "comparison_kind", "comparison_value", "comparison_unit", "comparison_qualifier", "comparison_exactness",
    "comparison_period", "comparison_text", "theme", "paragraph", "paragraph_url", "quote",
]


def paragraph_url(edition: Edition, pid: str, site_url: str, page_url: PageUrl) -> str:
    return (site_url.rstrip("/") or "") + "/" + page_url(edition.report.page_of[pid].src) + f"#{pid}"


def indicator_records(edition: Edition, site_url: str, page_url: PageUrl) -> list[dict]:
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
                   "paragraph_url": paragraph_url(edition, ind.paragraph, site_url, page_url), "quote": ind.quote}
        records.append({k: v for k, v in record.items() if v is not None})
    return records


def indicators_json(edition: Edition, site_url: str, page_url: PageUrl) -> str:
    return json.dumps(indicator_records(edition, site_url, page_url), ensure_ascii=False, indent=1) + "\n"


def indicators_csv(edition: Edition, site_url: str, page_url: PageUrl) -> str:
    """The records flat, one column each (INDICATOR_COLUMNS); numbers as plain digits (edition.indicators.number_text)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=INDICATOR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in indicator_records(edition, site_url, page_url):
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


def mentions_csv(edition: Edition, site_url: str, page_url: PageUrl) -> str:
    """One row per mention, in report order: entity id, paragraph id, paragraph URL, text as written."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["entity", "paragraph", "paragraph_url", "text"])
    for m in edition.mentions:
        writer.writerow([m.entity, m.paragraph, paragraph_url(edition, m.paragraph, site_url, page_url), m.text])
    return "\ufeff" + out.getvalue()


def download_files(edition: Edition, site_url: str, page_url: PageUrl) -> dict[str, str]:
    files = {
        "indicators.json": indicators_json(edition, site_url, page_url),
        "indicators.csv": indicators_csv(edition, site_url, page_url),
        "entities.json": entities_json(edition),
        "mentions.csv": mentions_csv(edition, site_url, page_url),
        "terms.json": terms_json(edition),
    }
    if site_url:
        files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    return files
