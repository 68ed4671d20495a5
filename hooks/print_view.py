"""The whole report on one page, in order, for "Save as PDF": generated from the report pages' sources.

The paragraphs keep their ids (it is the same paragraph, another view of it) and their cards;
headings move down a level or two so that parts and sections nest on one page.
"""

from __future__ import annotations

import re
from pathlib import Path

from hooks.report import ID_LINE, Report

SRC = "print.md"
_HEADING = re.compile(r"^(#{1,6})(\s.*)$")
_MACRO = re.compile(r"^\{\{\s*indicators\(.*\)\s*\}\}$")


def report_lines(markdown: str, demote: int) -> list[str]:
    """The report's own lines of a page (headings, paragraphs with ids, their cards), nothing else."""
    lines, out = markdown.split("\n"), []
    for i, line in enumerate(lines):
        heading = _HEADING.match(line)
        classes = line[line.find("{:"):].split() if heading and "{:" in line else []
        if heading and (".ed" not in classes or ".ed-title" in classes):  # the edition's own headings stay out
            out += [f"{'#' * min(6, len(heading.group(1)) + demote)}{heading.group(2)}", ""]
        elif ID_LINE.match(line) and i:
            out += [lines[i - 1], line, ""]
        elif _MACRO.match(line):
            out += [line, ""]
    return out


def print_page(report: Report, docs_dir: Path) -> str:
    lines = [
        "---",
        "title: 全文打印版",
        "search:",
        "  exclude: true  # the same words as the report pages: one search hit is enough",
        "---",
        "",
    ]
    for page in report.pages:
        depth = 0 if page.src == "index.md" else 1 if page.src.endswith("/index.md") else 2
        lines += report_lines((docs_dir / page.src).read_text(encoding="utf-8"), depth)
    return "\n".join(lines)
