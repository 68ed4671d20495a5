"""Which edition a reader holds and where its text comes from: the edition's version (the date and commit of the
checkout it was built from), its dated list of changes (data/changes.yml) and how the report is cited.

The version is read from git once per build; a copy of the project that is not a git checkout says so instead of
guessing. Nothing here is a claim about the source beyond what data/edition.yml `citation:` states.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from edition.citation import ACCESS_STAND_IN, Citable
from edition.datafiles import Strict, Text, fail_on, validate_entries

if TYPE_CHECKING:
    from edition import Edition

NAME = "data/changes.yml"


class Change(Strict):
    """One dated change to the edition, as a reader would want to know it."""

    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")  # the day it landed (git log), not a plan
    zh: Text
    en: Text


@dataclass(frozen=True)
class Version:
    date: str | None  # the commit's date, YYYY-MM-DD
    commit: str | None  # its short hash

    def label(self, unknown: str) -> str:
        return f"{self.date} · {self.commit}" if self.commit else unknown


def edition_version(root: Path) -> Version:
    """The commit the build runs from, or an unknown version outside a git checkout (a copied folder, a zip)."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%cs %h"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return Version(None, None)
    parts = out.stdout.split()
    # a copy inside another repository would report that repository's commit: only the project's own top counts
    top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=10)
    if out.returncode or len(parts) != 2 or Path(top.stdout.strip() or "/nonexistent").resolve() != root.resolve():
        return Version(None, None)
    return Version(*parts)


def load_changes(raw) -> list[Change]:
    """The changes, newest first (the order a reader reads them in: the file must keep it)."""
    changes = validate_entries(NAME, raw, Change, key="date", what="a list of dated changes, one entry a day")
    fail_on([f"{NAME}: {later.date}: listed after {earlier.date}: newest first"
             for earlier, later in zip(changes, changes[1:]) if later.date > earlier.date])
    return changes


def citable(edition: Edition, edition_title: str, url: str, src: str | None = None, paragraph: str | None = None,
            accessed: date = ACCESS_STAND_IN, own_title: str | None = None) -> Citable:
    """The report, one of its pages (`src`) or one paragraph of it, as this edition gives it at `url`. A page the edition
    wrote itself (an entity's page, the glossary) is cited by its own title (`own_title`), not as the author's text."""
    facts, home, english = edition.particulars.citation, edition.report.pages[0], edition.english
    page = edition.report.by_src.get(src) if src else None
    if own_title is not None:
        title, title_en = own_title, None
    elif page is None or page is home:
        title, title_en = home.title, english.title(home)
    else:
        # a heading's full stop (…高质量发展。) would end the title before [EB/OL]
        title, title_en = f"{home.title}:{page.title.rstrip('。')}", f"{english.title(home)}: {english.title(page).rstrip('.')}"
    return Citable(title=title, report_title=home.title, author=facts.author, author_en=facts.author_en,
                   edition_title=edition_title, url=url, paragraph=paragraph, accessed=accessed, published=facts.published,
                   edition_version=edition.version.label(edition.strings["provenance_version_unknown"]), title_en=title_en,
                   authored=own_title is None)
