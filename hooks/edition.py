"""MkDocs hooks of the annotated edition. Kept thin: each event calls plain functions.

MkDocs loads this file by path, so the project root is put on sys.path to import the
`hooks` package (the same modules the macros and the tests import).
"""

from __future__ import annotations

import re
import sys
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import annotations, downloads, entity_pages, glossary, print_view, search_worker, state  # noqa: E402
from hooks.linker import link_report_paragraphs  # noqa: E402
from hooks.registry import ENTITY_GROUPS, DataError, load_edition  # noqa: E402

GLOSSARY_URL = "glossary/"
_PARAGRAPH_OPEN = re.compile(r'<p id="([a-z0-9-]+)">')


def on_config(config):
    """Load and check the report pages and every data file once, before anything renders."""
    try:
        state.edition = load_edition(ROOT, Path(config["docs_dir"]), config["nav"])
    except DataError as error:
        raise PluginError(str(error)) from None
    add_entity_pages_to_nav(config["nav"], state.edition)
    return config


def add_entity_pages_to_nav(nav, edition) -> None:
    """List each generated entity page in the nav after its index page, so every page is in the nav."""
    for item in nav if isinstance(nav, list) else []:
        for children in item.values() if isinstance(item, dict) else []:
            if not isinstance(children, list):
                continue
            add_entity_pages_to_nav(children, edition)
            for slug in ENTITY_GROUPS:
                if entity_pages.group_src(slug) in children:
                    children += [entity_pages.entity_src(e.id) for e in entity_pages.in_index_order(edition, slug)]


def on_files(files, config):
    """Add what the build generates: entity pages, their indexes, downloads for researchers."""
    for src, content in generated_files(state.edition, config.get("site_url") or "", Path(config["docs_dir"])).items():
        files.append(File.generated(config, src, content=content))
    return files


def generated_files(edition, site_url: str, docs_dir: Path) -> dict[str, str]:
    """Every file the build adds to docs/ (in memory only): path -> content."""
    generated = {
        "indicators.json": downloads.indicators_json(edition, site_url),
        "indicators.csv": downloads.indicators_csv(edition, site_url),
        "entities.json": downloads.entities_json(edition),
        "mentions.csv": downloads.mentions_csv(edition, site_url),
    }
    for slug in ENTITY_GROUPS:
        generated[entity_pages.group_src(slug)] = entity_pages.group_index(edition, slug)
    for entity in edition.entities.values():
        generated[entity_pages.entity_src(entity.id)] = entity_pages.entity_page(edition, entity)
    generated["glossary.md"] = glossary.glossary_page(edition)
    generated[print_view.SRC] = print_view.print_page(edition.report, docs_dir)
    if site_url:
        generated["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    return generated


def on_page_markdown(markdown, page, config, files):
    """One pass over the report's paragraphs: link every entity mention, annotate each term's first occurrence."""
    edition = state.edition
    notes = annotations.PageNotes(glossary_href=get_relative_url(GLOSSARY_URL, page.url))

    def render(kind: str, target: str, text: str) -> str:
        if kind == "term":
            return annotations.render_term(text, notes.marker(edition.terms[target]))
        if kind != "entity":
            return text
        entity = edition.entities[target]
        href = get_relative_url(entity_pages.entity_url(target), page.url)
        # a term inside an entity's name (八项规定 in 中央八项规定) is annotated after the link, never inside it
        inner = "".join(notes.marker(edition.terms[t]) for hit in edition.term_matcher.find(text) for _, _, t in hit.name.targets)
        return (
            f'<a class="ent ent-{entity.type}" href="{escape(href)}" title="{escape(entity.name)}" '
            f'data-entity="{escape(entity.id)}">{text}</a>{inner}'
        )

    set_description(page)
    markdown = link_report_paragraphs(markdown, edition.matcher, render)
    markdown = add_editor_notes(markdown)
    return markdown + "\n\n" + annotations.render_page_notes(notes) + "\n"


def set_description(page) -> None:
    """A meta description per page: a report page's opening words, an entity's description."""
    edition = state.edition
    if page.meta.get("description"):
        return
    report_page = edition.report.by_src.get(page.file.src_uri)
    entity = edition.entities.get(page.file.src_uri.removeprefix("entities/").removesuffix(".md"))
    if report_page:
        text = next((p.text for p in report_page.paragraphs if p.id != "source"), report_page.title)
        page.meta["description"] = f"{report_page.title}:{text[:80]}…"
    elif entity:
        page.meta["description"] = f"{entity.name}:{entity.description[:80]}"


def on_page_context(context, page, config, nav):
    """What the theme override needs to print a report page: report title, part, and whether to offer printing."""
    edition = state.edition
    report_page = edition.report.by_src.get(page.file.src_uri)
    if report_page or page.file.src_uri == print_view.SRC:
        home = edition.report.pages[0]
        part = page.parent.title if page.parent and page.parent.title != home.title else None
        context["edition_page"] = {
            "report_title": home.title,
            "part": part if report_page and not page.file.src_uri.endswith("index.md") else None,
            "printable": page.file.src_uri != "index.md",
        }
    return context


def add_editor_notes(markdown: str) -> str:
    """An editor's note goes right after the paragraph it is about."""
    edition = state.edition
    for term in edition.terms.values():
        for note in term.notes:
            id_line = f"{{: #{note.paragraph} }}"
            if id_line in markdown:
                markdown = markdown.replace(id_line, f"{id_line}\n\n{annotations.render_editor_note(term, note)}\n", 1)
    return markdown


def on_page_content(html, page, config, files):
    return add_paragraph_permalinks(html)


def add_paragraph_permalinks(html: str) -> str:
    """Give every report paragraph a visible, citable permalink (its id)."""

    def link(match: re.Match) -> str:
        pid = match.group(1)
        if pid not in state.edition.report.paragraphs:
            return match.group(0)
        return f'{match.group(0)}<a class="plink ed" href="#{pid}" title="本段链接" data-search-exclude>{pid}</a>'

    return _PARAGRAPH_OPEN.sub(link, html)


def on_post_build(config):
    """Fix Material's Chinese query segmentation in the built search worker."""
    try:
        search_worker.patch_site(Path(config["site_dir"]))
    except search_worker.WorkerChanged as error:
        raise PluginError(str(error)) from None
