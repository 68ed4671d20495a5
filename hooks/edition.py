"""MkDocs hooks of the annotated edition. Kept thin: each event calls plain functions.

MkDocs loads this file by path, so the project root is put on sys.path to import the
`hooks` package (the same modules the macros and the tests import).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.structure.files import File  # noqa: E402

from hooks import downloads, state  # noqa: E402
from hooks.registry import DataError, load_edition  # noqa: E402

_PARAGRAPH_OPEN = re.compile(r'<p id="([a-z0-9-]+)">')


def on_config(config):
    """Load and check the report pages and every data file once, before anything renders."""
    try:
        state.edition = load_edition(ROOT, Path(config["docs_dir"]), config["nav"])
    except DataError as error:
        raise PluginError(str(error)) from None
    return config


def on_files(files, config):
    """Add the files the build generates: downloads for researchers."""
    site_url = config.get("site_url") or ""
    for name, content in (
        ("indicators.json", downloads.indicators_json(state.edition, site_url)),
        ("indicators.csv", downloads.indicators_csv(state.edition, site_url)),
    ):
        files.append(File.generated(config, name, content=content))
    return files


def on_page_content(html, page, config, files):
    return add_paragraph_permalinks(html)


def add_paragraph_permalinks(html: str) -> str:
    """Give every report paragraph a visible, citable permalink (its id)."""

    def link(match: re.Match) -> str:
        pid = match.group(1)
        if pid not in state.edition.report.paragraphs:
            return match.group(0)
        return f'{match.group(0)}<a class="plink ed" href="#{pid}" title="本段链接">{pid}</a>'

    return _PARAGRAPH_OPEN.sub(link, html)
