"""A second, tiny report (tests/fixture/) built with the same code: edition/, hooks/ and macros/ hold no
particular of the real report. The fixture's own facts (pages, ids, seed) come from its loaded edition."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitetext import compare_with_seed, fold_cards, page_html, report_blocks, without_additions
from support import ROOT, copy_project, load_project, mkdocs_build, page_url, site_path
from support import edition as real_edition

FIXTURE = ROOT / "tests" / "fixture"


def tree_digest(root: Path) -> dict[str, str]:
    """Every file below `root` (caches aside) with the SHA-256 of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def edition():
    return load_project(FIXTURE)


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    """The fixture built with the real strict build, into a temporary directory; and whether the fixture stayed as it was."""
    before = tree_digest(FIXTURE)
    dest = tmp_path_factory.mktemp("fixture-site")
    result = mkdocs_build(dest, config=FIXTURE / "mkdocs.yml")
    return dest, result, before == tree_digest(FIXTURE)


@pytest.fixture(scope="module")
def site(fixture_build):
    dest, result, _ = fixture_build
    assert result.returncode == 0, result.stderr
    return dest


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(page_html(site, url), "html.parser")


def heading(el) -> str:
    """A heading's text without its permalink."""
    return without_additions(el).get_text(strip=True)


def test_fixture_builds_strictly_without_warnings(fixture_build):
    _, result, _ = fixture_build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def test_the_build_writes_nothing_into_the_fixture(fixture_build):
    assert fixture_build[2], "the build changed a file of tests/fixture/"


def test_fixture_is_its_own_report(edition):
    """Not the real report by another name: its own seed, id scheme and generated pages."""
    real = real_edition().particulars
    ours = edition.particulars
    assert ours.seed != real.seed and ours.paragraph_id != real.paragraph_id
    assert ours.pages.entity != real.pages.entity and ours.pages.glossary != real.pages.glossary
    assert len(edition.report.pages) >= 2


def test_every_seed_line_appears_once_in_order_on_the_fixture_pages(site, edition):
    seed = (FIXTURE / edition.particulars.seed).read_text(encoding="utf-8").split("\n")
    blocks = [b for page in edition.report.pages for b in report_blocks(page_html(site, page_url(page.src)))]
    assert compare_with_seed(blocks, seed) == []


def test_entity_links_lead_to_the_generated_entity_pages(site, edition):
    for entity in edition.entities.values():
        target = page_url(edition.particulars.entity_src(entity.id))
        page = soup(site, target)
        assert heading(page.select_one("article h1")) == entity.name
        mentions = edition.mentions_of(entity.id)
        assert mentions, entity.id
        for mention in mentions:
            url = page_url(edition.report.page_of[mention.paragraph].src)
            links = soup(site, url).select(f"p#{mention.paragraph} a.ent[data-entity='{entity.id}']")
            assert [site_path(site, url, a["href"]) for a in links] == [target], (entity.id, mention.paragraph)
            assert links[0].get_text() == mention.text
        back = page.select("a.mention-source")
        assert len(back) == len(mentions)
    for group in edition.particulars.pages.entity_groups:
        index = soup(site, page_url(group.src))
        assert heading(index.select_one("article h1")) == group.title
        assert bool(index.select_one("figure.province-map")) == group.map


def test_terms_are_marked_with_notes_and_listed_in_the_glossary(site, edition):
    glossary = soup(site, page_url(edition.particulars.pages.glossary))
    for term in edition.terms.values():
        first = edition.occurrences[term.id][0]
        page = soup(site, page_url(edition.report.page_of[first].src))
        assert page.select_one(f"p#{first} span.anno a.anno-marker[href$='#term-{term.id}']"), term.id
        assert heading(glossary.select_one(f"h3#term-{term.id}")) == term.headword
        for note in term.notes:
            here = soup(site, page_url(edition.report.page_of[note.paragraph].src))
            aside = here.select_one(f"p#{note.paragraph} ~ aside.editor-note[data-term='{term.id}']")
            assert aside is not None and note.zh in aside.get_text()


def test_each_indicator_has_its_card_beside_its_paragraph(site, edition):
    for ind in edition.indicators.values():
        url = page_url(edition.report.page_of[ind.paragraph].src)
        fold = soup(site, url).select_one(f"p#{ind.paragraph} ~ details.ic-fold")
        assert fold is not None and ind.id in fold_cards(fold, edition), ind.id
        card = soup(site, "figures/").select_one(f"figure.ic-card#ic-{ind.id}")  # where the fold's cards come from
        assert card.select_one(".ic-number").get_text() == ind.written_value


def test_print_page_holds_every_paragraph(site, edition):
    page = soup(site, page_url(edition.particulars.pages.print))
    assert [p["id"] for p in page.select("article p[id]")] == list(edition.report.paragraphs)


def test_a_changed_character_in_a_fixture_page_fails_the_build_naming_page_and_line(tmp_path, edition):
    before = tree_digest(FIXTURE)
    # The project's code copied as it is, the fixture inside it where its mkdocs.yml expects it: tests/fixture/.
    project = copy_project(tmp_path / "project")
    fixture = project / "tests" / "fixture"
    shutil.copytree(FIXTURE, fixture, ignore=shutil.ignore_patterns("__pycache__"))
    para = list(edition.report.paragraphs.values())[-1]
    page = fixture / "docs" / para.page
    lines = page.read_text(encoding="utf-8").split("\n")
    assert lines[para.line - 1] == para.text
    changed = para.text[:-2] + ("甲" if para.text[-2] != "甲" else "乙") + para.text[-1]
    lines[para.line - 1] = changed
    page.write_text("\n".join(lines), encoding="utf-8")

    result = mkdocs_build(tmp_path / "site", config=fixture / "mkdocs.yml")
    assert result.returncode != 0
    seed_line = [line.text for line in edition.report.lines].index(para.text) + 1
    assert f"docs/{para.page}:{para.line}: this paragraph differs from {edition.particulars.seed} line {seed_line}" in result.stderr, \
        result.stderr
    assert tree_digest(FIXTURE) == before, "the test changed a file of tests/fixture/"
