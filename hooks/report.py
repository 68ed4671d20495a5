"""The report as this edition stores it: Markdown pages whose paragraphs carry stable ids.

A report paragraph in docs/ is one line of the report followed by an attribute line
`{: #p1-2-3 }`. Everything here is plain text in, plain data out, so that the tests,
the macros and the hooks all read the report the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# p<part>-<section>-<n>; section 0 is the part's opening, named runs are unnumbered pages.
PARAGRAPH_ID = re.compile(r"^(source|p[1-3]-(?:\d+|party|decade)-\d+|closing-\d+)$")
# The line after a report paragraph that gives its id: `{: #p1-2-3 }` (the linker and print view use it too).
ID_LINE = re.compile(r"^\{:\s*#([A-Za-z0-9_-]+)\s*\}\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s*\{:[^}]*\})?\s*$")


class ReportError(ValueError):
    """A report page breaks the edition's conventions; the message names the file and line."""


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: str
    page: str  # source path relative to docs/, e.g. "part-1/examination.md"
    line: int  # 1-based line of the text in that file


@dataclass
class ReportPage:
    src: str
    url: str  # site-relative, e.g. "part-1/examination/"
    title: str  # the page's h1 as written
    editorial_title: bool  # True where the report has no heading and the editors gave one
    paragraphs: list[Paragraph] = field(default_factory=list)


def page_url(src: str) -> str:
    """The directory URL MkDocs gives a page (use_directory_urls)."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def parse_page(src: str, markdown: str) -> ReportPage | None:
    """Read one Markdown page; None if it holds no report paragraph (an appendix page)."""
    lines = markdown.split("\n")
    title, editorial = "", False
    page = ReportPage(src=src, url=page_url(src), title="", editorial_title=False)
    for i, line in enumerate(lines):
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) == 1 and not title:
            title = heading.group(2)
            editorial = ".ed" in line[heading.end(2):]
        attr = ID_LINE.match(line)
        if not attr:
            continue
        pid = attr.group(1)
        if not PARAGRAPH_ID.match(pid):
            raise ReportError(f"docs/{src}:{i + 1}: paragraph id '{pid}' does not follow the scheme p<part>-<section>-<n>")
        text = lines[i - 1] if i else ""
        if not text.strip() or text.startswith(("#", "{", "<", "!")):
            raise ReportError(f"docs/{src}:{i + 1}: id '{pid}' must directly follow one line of report text")
        page.paragraphs.append(Paragraph(pid, text, src, i))
    if not page.paragraphs:
        return None
    page.title, page.editorial_title = title, editorial
    return page


@dataclass
class Report:
    pages: list[ReportPage]

    def __post_init__(self) -> None:
        self.paragraphs: dict[str, Paragraph] = {}
        self.page_of: dict[str, ReportPage] = {}
        self.by_src: dict[str, ReportPage] = {page.src: page for page in self.pages}
        for page in self.pages:
            for para in page.paragraphs:
                if para.id in self.paragraphs:
                    first = self.paragraphs[para.id]
                    raise ReportError(
                        f"docs/{para.page}:{para.line}: paragraph id '{para.id}' is already used at docs/{first.page}:{first.line}"
                    )
                self.paragraphs[para.id] = para
                self.page_of[para.id] = page

    def paragraph_url(self, pid: str) -> str:
        return f"{self.page_of[pid].url}#{pid}"


def load_report(docs_dir: Path, sources_in_order: list[str]) -> Report:
    """Parse the pages (in nav order) that carry report paragraphs."""
    pages = []
    for src in sources_in_order:
        if not (docs_dir / src).exists():
            continue  # generated at build time (entity pages): never a report page
        page = parse_page(src, (docs_dir / src).read_text(encoding="utf-8"))
        if page:
            pages.append(page)
    return Report(pages)
