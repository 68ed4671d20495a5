"""The report as this edition stores it: Markdown pages whose paragraphs carry stable ids.

A report paragraph in docs/ is one line of the report followed by an attribute line giving its
id (`{: #p1-2-3 }`, or any other spelling Python-Markdown's attr_list accepts). A heading is the
report's own unless it carries the class `ed`. The headings and paragraphs of the report pages,
in nav order, must be the seed's lines exactly: `check_against_seed` is run by every build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.attr_list import get_attrs_and_remainder

from edition.particulars import Particulars
from edition.problems import EditionError, not_utf8, shown

# The block-level attribute list of attr_list: a whole line `{: … }` or `{ … }`.
_ATTR_LINE = re.compile(r"^[ ]*\{:?[ ]*([^\}\n ][^\n]*?)[ ]*\}[ ]*$")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]*\{:?[ ]*([^\}\n ][^\n]*?)[ ]*\})?[ \t]*#*[ \t]*$")


def attr_line(line: str) -> tuple[str | None, list[str]] | None:
    """(id, classes) if the line is a block attribute list, else None."""
    match = _ATTR_LINE.match(line)
    if not match:
        return None
    attrs, _ = get_attrs_and_remainder(match.group(1))
    ident = next((v for k, v in attrs if k in ("#", "id")), None)
    classes = [c for k, v in attrs if k in (".", "class") for c in v.split()]
    return ident, classes


def heading(line: str) -> tuple[int, str, list[str]] | None:
    """(level, text, classes) if the line is an ATX heading, else None."""
    match = _HEADING.match(line)
    if not match:
        return None
    classes = attr_line("{" + match.group(3) + "}")[1] if match.group(3) else []
    return len(match.group(1)), match.group(2), classes


@dataclass(frozen=True)
class Line:
    """One line of the report as a page holds it: a heading or a paragraph."""

    kind: str  # "heading" or "paragraph"
    text: str
    page: str  # source path below docs/, e.g. "part-1/examination.md"
    line: int  # 1-based line in that file
    id: str | None = None  # a paragraph's id
    level: int = 0  # a heading's level


@dataclass
class ReportPage:
    src: str
    title: str  # the page's h1 as written
    editorial_title: bool  # the report has no heading here; the editors gave one (class ed)
    lines: list[Line] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Line]:
        return [line for line in self.lines if line.kind == "paragraph"]


def front_matter_end(lines: list[str]) -> int:
    """Index of the first line after a YAML front matter block (0 if there is none)."""
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def parse_page(src: str, markdown: str, particulars: Particulars) -> ReportPage | None:
    """Read one Markdown page; None if it holds no report paragraph (a page of the edition's own)."""
    lines = markdown.split("\n")
    page = ReportPage(src=src, title="", editorial_title=False)
    start = front_matter_end(lines)
    for i in range(start, len(lines)):
        line = lines[i]
        found = heading(line)
        if found:
            level, text, classes = found
            if level == 1 and not page.title:
                page.title, page.editorial_title = text, "ed" in classes
            if "ed" not in classes:
                page.lines.append(Line("heading", text, src, i + 1, level=level))
            continue
        attrs = attr_line(line)
        if not attrs or attrs[0] is None:
            continue
        pid = attrs[0]
        where = f"docs/{src}:{i + 1}"
        if not particulars.is_paragraph_id(pid):
            raise EditionError(f"{where}: paragraph id {shown(pid)} does not follow the scheme (like {particulars.paragraph_id_example})")
        text = lines[i - 1] if i > start else ""
        if not text.strip() or text.lstrip().startswith(("#", "{", "<", "!", ":::")) or attr_line(text):
            raise EditionError(f"{where}: id '{pid}' must directly follow one line of report text")
        if i - 2 >= start and lines[i - 2].strip():
            raise EditionError(f"{where}: the paragraph '{pid}' must be one line (the seed has one paragraph a line), "
                               f"with a blank line before it")
        page.lines.append(Line("paragraph", text, src, i, id=pid))
    if not page.paragraphs:
        return None
    return page


@dataclass
class Report:
    pages: list[ReportPage]

    def __post_init__(self) -> None:
        self.paragraphs: dict[str, Line] = {}
        self.page_of: dict[str, ReportPage] = {}
        self.by_src: dict[str, ReportPage] = {page.src: page for page in self.pages}
        for page in self.pages:
            for para in page.paragraphs:
                if para.id in self.paragraphs:
                    first = self.paragraphs[para.id]
                    raise EditionError(  # an id stands on the line after its paragraph
                        f"docs/{para.page}:{para.line + 1}: paragraph id '{para.id}' is already used at "
                        f"docs/{first.page}:{first.line + 1}"
                    )
                self.paragraphs[para.id] = para
                self.page_of[para.id] = page

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs.values())


def nav_sources(nav) -> list[str]:
    """The Markdown files a site's nav names (nested lists and mappings, as mkdocs.yml writes them), in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in nav_sources(value)]
    return [src for item in nav for src in nav_sources(item)] if isinstance(nav, list) else []


def load_report(docs_dir: Path, sources_in_order: list[str], particulars: Particulars) -> Report:
    """Parse the pages (in nav order) that carry report paragraphs."""
    pages = []
    for src in sources_in_order:
        path = docs_dir / src
        if not path.exists():
            continue  # generated at build time: never a report page
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise EditionError(not_utf8(f"docs/{src}", data, error)) from None
        page = parse_page(src, text, particulars)
        if page:
            pages.append(page)
    if not pages:
        raise EditionError("mkdocs.yml: nav: no page of the nav holds a report paragraph (a line followed by `{: #id }`)")
    return Report(pages)


def first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def check_against_seed(report: Report, seed: list[str], seed_name: str) -> None:
    """The report pages' headings and paragraphs, in nav order, are the seed's lines: each once, in order, unchanged."""
    lines = report.lines
    for n, (line, want) in enumerate(zip(lines, seed), start=1):
        if line.text == want:
            continue
        where = f"docs/{line.page}:{line.line}"
        if want in (other.text for other in lines[n:]):
            raise EditionError(f"{where}: this {line.kind} is not in the seed at this place ({seed_name} line {n} is "
                               f"{shown(want[:30])}…, which comes later in the pages)")
        if line.text in seed[n:]:
            raise EditionError(f"{where}: {seed_name} line {n} ({shown(want[:30])}…) is missing before this {line.kind}")
        at = first_difference(line.text, want)
        raise EditionError(
            f"{where}: this {line.kind} differs from {seed_name} line {n} at character {at + 1}: "
            f"the page has {shown(line.text[at:at + 12])}, the seed has {shown(want[at:at + 12])}"
        )
    if len(lines) < len(seed):
        raise EditionError(f"{seed_name} line {len(lines) + 1} ({shown(seed[len(lines)][:30])}…) is on no report page of the nav")
    if len(lines) > len(seed):
        extra = lines[len(seed)]
        raise EditionError(f"docs/{extra.page}:{extra.line}: this {extra.kind} is not in {seed_name}")
