"""The report's table of contents as Markdown (MkDocs resolves and checks the .md links)."""

from __future__ import annotations

import posixpath

from hooks.report import Report


def render_contents(report: Report, from_src: str) -> str:
    """A nested list: parts, then their sections; links relative to the page `from_src`."""
    here = posixpath.dirname(from_src)
    lines = ['<nav class="ed report-contents" aria-label="报告目录" markdown="1">', ""]
    for page in report.pages:
        if page.src == from_src:
            continue
        nested = "/" in page.src and not page.src.endswith("/index.md")
        title = page.title + ("(编者标题)" if page.editorial_title else "")
        lines.append(f"{'    ' if nested else ''}- [{title}]({posixpath.relpath(page.src, here or '.')})")
    lines += ["", "</nav>"]
    return "\n".join(lines)
