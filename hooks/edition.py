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

from hooks import state  # noqa: E402
from hooks.report import ReportError, load_report  # noqa: E402

_PARAGRAPH_OPEN = re.compile(r'<p id="([a-z0-9-]+)">')


def on_nav(nav, config, files):
    """Read every report page once, in nav order, before any page renders."""
    sources = [page.file.src_uri for page in nav.pages]
    try:
        state.report = load_report(Path(config["docs_dir"]), sources)
    except ReportError as error:
        raise PluginError(str(error)) from None
    return nav


def on_page_content(html, page, config, files):
    return add_paragraph_permalinks(html)


def add_paragraph_permalinks(html: str) -> str:
    """Give every report paragraph a visible, citable permalink (its id)."""

    def link(match: re.Match) -> str:
        pid = match.group(1)
        if pid not in state.report.paragraphs:
            return match.group(0)
        return f'{match.group(0)}<a class="plink ed" href="#{pid}" title="本段链接">{pid}</a>'

    return _PARAGRAPH_OPEN.sub(link, html)
