"""Files for researchers, written by the build (never into docs/): the registries as CSV and JSON.

`page_url(src)` is asked of the site generator (for MkDocs, `File.url`): this package never
computes a page's address itself.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from edition import Edition

PageUrl = Callable[[str], str]  # source path below docs/ -> the page's URL below the site root

INDICATOR_COLUMNS = [
    "id", "label", "label_en", "value", "unit", "as_written", "qualifier", "period", "period_en",
    "comparison_kind", "comparison_value", "comparison_unit", "comparison_period", "comparison_text",
    "theme", "paragraph", "paragraph_url", "quote",
]


def paragraph_url(edition: Edition, pid: str, site_url: str, page_url: PageUrl) -> str:
    return (site_url.rstrip("/") or "") + "/" + page_url(edition.report.page_of[pid].src) + f"#{pid}"


def indicator_records(edition: Edition, site_url: str, page_url: PageUrl) -> list[dict]:
    """The same content as data/indicators.yml, plus the period's English (data/periods.yml) and the source paragraph's URL."""
    records = []
    for ind in edition.indicators.values():
        record = {}
        for key, value in ind.model_dump(exclude_none=True).items():
            record[key] = value
            if key == "period":
                record["period_en"] = edition.periods[ind.period]
        record["paragraph_url"] = paragraph_url(edition, ind.paragraph, site_url, page_url)
        records.append(record)
    return records


def indicators_json(edition: Edition, site_url: str, page_url: PageUrl) -> str:
    return json.dumps(indicator_records(edition, site_url, page_url), ensure_ascii=False, indent=1) + "\n"


def indicators_csv(edition: Edition, site_url: str, page_url: PageUrl) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=INDICATOR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in indicator_records(edition, site_url, page_url):
        comparison = record.pop("comparison", {})
        record.update({f"comparison_{k}": v for k, v in comparison.items()})
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
