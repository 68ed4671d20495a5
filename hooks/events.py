"""MkDocs hooks of the annotated edition: the only place (with macros/) that knows MkDocs.

Each event hands over to edition/ (plain Python). The loaded edition travels with the build's
config (`config["edition"]`), never in a module global. MkDocs loads this file by path, so the
project root is put on sys.path to import the `edition` package (see `code`).
"""

from __future__ import annotations

import dataclasses
import html
import importlib
import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent


def code(module: str):
    """A module of the edition's code. `mkdocs serve` keeps this file loaded across rebuilds (MkDocs caches
    hooks), so on_config drops the edition's modules under serve and this imports them afresh: edits count."""
    if str(ROOT) not in sys.path:  # MkDocs restores sys.path after loading this file
        sys.path.insert(0, str(ROOT))
    return importlib.import_module(f"edition.{module}" if module else "edition")


# A logger outside "mkdocs.": under `mkdocs serve` an error is shown, not counted as a strict-mode warning.
log = logging.getLogger("edition")


def on_startup(command, dirty):
    # Called once per process, before the first build: the answer goes into the environment, not a module global.
    os.environ["EDITION_SERVING"] = "1" if command == "serve" else ""


def serving() -> bool:
    return os.environ.get("EDITION_SERVING") == "1"


@event_priority(100)  # before mkdocs-macros imports the macros module
def on_config(config):
    """Load and check the report, the seed and every data file once, before anything renders."""
    if serving():
        for name in [m for m in sys.modules if m.split(".")[0] in ("edition", "macros")]:
            del sys.modules[name]
    try:
        project = Path(config.config_file_path).resolve().parent  # data/ and seeds/ sit beside mkdocs.yml
        edition = code("").load_edition(project, Path(config["docs_dir"]), code("report").nav_sources(config["nav"]))
    except code("problems").EditionError as error:
        if not serving():
            raise PluginError(str(error)) from None
        # `mkdocs serve`: every page shows the error and the server lives on; fixing the file rebuilds.
        log.error("%s", error)
        config["edition_error"] = str(error)
        for option in ("omitted_files", "not_found", "unrecognized_links", "absolute_links", "anchors"):
            for group in (config.validation.nav, config.validation.links):
                if hasattr(group, option):
                    setattr(group, option, logging.DEBUG)
        return config
    edition.site_name, edition.site_url = config["site_name"], config.get("site_url") or ""
    config["edition"] = edition
    config["edition_error"] = None
    config.markdown_extensions.append(code("extension").EditionExtension(edition=edition))
    add_entity_pages_to_nav(config["nav"], edition)
    return config


def add_entity_pages_to_nav(nav, edition) -> None:
    """List each entity page in the nav after its index page, so that every page is in the nav."""
    groups = {g.src: g.id for g in edition.particulars.pages.entity_groups}
    for item in nav if isinstance(nav, list) else []:
        for children in item.values() if isinstance(item, dict) else []:
            if not isinstance(children, list):
                continue
            add_entity_pages_to_nav(children, edition)
            for src, group in groups.items():
                if src in children:
                    children += [edition.particulars.entity_src(e.id) for e in edition.entities_of_group(group)]


def hosted_url(config, src_uri: str) -> str:
    """A page's permanent address: the hosted site's directory-style URL, also in the offline copy (.html links)."""
    from urllib.parse import urljoin

    return urljoin((config.get("site_url") or "").rstrip("/") + "/", File(src_uri, None, "", use_directory_urls=True).url)


def on_files(files, config):
    """Add the generated pages (directive lines only) and the downloads; URLs are asked of MkDocs."""
    edition = config.get("edition")
    if edition is None:
        return files
    for src, content in code("pages").generated_sources(edition, Path(config["docs_dir"])).items():
        files.append(File.generated(config, src, content=content))
    # Every page's URL, as MkDocs gives it: for the downloads now and the search index after the build
    config["edition_urls"] = {f.src_uri: f.url for f in files.documentation_pages()}
    page_url = config["edition_urls"].__getitem__
    hosted = lambda src: hosted_url(config, src)  # noqa: E731
    for name, content in code("downloads").download_files(edition, config.get("site_url") or "", page_url, hosted,
                                                          config["site_name"]).items():
        files.append(File.generated(config, name, content=content))
    return files


def on_pre_page(page, config, files):
    """The offline copy (mkdocs.offline.yml: .html links, its worker shim in extra.polyfills) gives each page the
    hosted site's address as its canonical URL (the theme's canonical link, og:url, the address printed on
    paper): the page's place on the web, not a file name of the copy."""
    offline = not config["use_directory_urls"] and code("offline").SHIM_IN_SITE in (config.extra.get("polyfills") or [])
    if offline and page.canonical_url:
        page.canonical_url = hosted_url(config, page.file.src_uri)
    return page


@event_priority(100)  # before mkdocs-macros reads the page
def on_page_markdown(markdown, page, config, files):
    if config.get("edition_error"):
        message = html.escape(config["edition_error"]).replace("{", "&#123;").replace("\n", "<br>")
        return (f'<div class="admonition failure edition-error" role="alert"><p class="admonition-title">The build stopped</p>'
                f'<p>{message}</p></div>\n')
    set_description(page, config["edition"])
    return markdown


def set_description(page, edition) -> None:
    """A meta description per page (escaped here: the theme writes it into an attribute as it is)."""
    if page.meta.get("description"):
        return
    report_page = edition.report.by_src.get(page.file.src_uri)
    entity = next((e for e in edition.entities.values() if edition.particulars.entity_src(e.id) == page.file.src_uri), None)
    if report_page:
        text = next((p.text for p in report_page.paragraphs if p.id != "source"), report_page.title)
        page.meta["description"] = html.escape(f"{report_page.title}:{text[:80]}…")
    elif entity:
        page.meta["description"] = html.escape(f"{entity.name}:{entity.description[:80]}")


def on_page_content(content, page, config, files):
    """Nothing vanishes silently: every report paragraph of the page got its permalink, no directive failed."""
    edition = config.get("edition")
    if edition is None:
        return content
    src = page.file.src_uri
    expected = edition.report.paragraphs if src == edition.particulars.pages.print else \
        [p.id for p in edition.report.by_src[src].paragraphs] if src in edition.report.by_src else []
    missing = [pid for pid in expected if not re.search(f'<a class="plink ed"[^>]* href="#{re.escape(pid)}"', content)]
    if missing:
        raise PluginError(f"docs/{src}: report paragraph '{missing[0]}' lost its id on the way to HTML")
    if "edition-error" in content:
        raise PluginError(f"docs/{src}: an addition of the edition could not be made (see the page)")
    return content


def on_page_context(context, page, config, nav):
    """What the theme override needs to print a report page: report title, part, and whether to offer printing."""
    edition = config.get("edition")
    if edition is None:
        return context
    # The data table's script, only on a page that holds the table: every page's weight counts
    table = code("indicator_table")
    context["edition_scripts"] = [table.SCRIPT] if table.needs_script(page.content or "") else []
    context["edition_citation"] = page_citation(edition, page, config)
    report_page = edition.report.by_src.get(page.file.src_uri)
    if report_page or page.file.src_uri == edition.particulars.pages.print:
        home, whole = edition.report.pages[0], page.file.src_uri == edition.particulars.pages.print
        part = page.parent.title if page.parent and page.parent.title != home.title else None
        context["edition_page"] = {
            "report_title": home.title,
            "part": part if report_page and not page.file.src_uri.endswith("index.md") else None,
            "printable": page.file.src_uri != home.src,
            "print_button": edition.strings["print_all_button" if whole else "print_button"],
            # paper: the edition's version under the page's address
            "version": f"{edition.strings['provenance_version_label']} {edition.version.label(edition.strings['provenance_version_unknown'])}",
            # the cite control (docs/javascripts/cite.js): the page's button; each paragraph's (made by edition.js
            # beside its id) takes its words from it
            "cite": {key: edition.strings[key] for key in ("cite_page_button", "cite_button", "cite_paragraph_label")},
            "whole": whole,  # the whole-report page: its contents' styles are in reference.css
            # paper: the page's running head, a few bytes of print CSS (edition/printing.py escapes what it quotes)
            "running_heads_css": code("printing").running_heads_css(edition, page.file.src_uri),
            "reading": {"label": edition.strings["reading_label"],
                        "layers": [(layer, edition.strings[f"reading_{layer}"]) for layer in ("links", "notes", "figures", "ids")]},
            # the home page offers the English home page instead: its report lines are a title and a source line
            "language": None if page.file.src_uri == home.src else {"label": edition.strings["language_label"], "show_zh": edition.strings["english_show_zh"],
                         "modes": [(mode, edition.strings[f"language_{mode}"], lang) for mode, lang in (("zh", "zh"), ("bi", "zh"), ("en", "en"))]},
        }
    return context


def page_citation(edition, page, config) -> dict:
    """What reference managers and scholar search engines read in a page's head: Highwire and Dublin Core tags, and
    schema.org JSON-LD (this edition's page, based on the report). A page the edition wrote is cited by its own title."""
    citation, provenance = code("citation"), code("provenance")
    src = page.file.src_uri
    own = None if src in edition.report.by_src or src == edition.particulars.pages.print else page.title
    cited = provenance.citable(edition, config["site_name"], hosted_url(config, src), src, own_title=own)
    if (page.meta or {}).get("lang"):  # the English home page
        cited = dataclasses.replace(cited, language=page.meta["lang"])
    return {"meta": citation.meta_tags(cited), "json_ld": citation.json_ld_script(citation.json_ld(cited))}


def on_post_page(output, page, config):
    output = code("html").without_indentation(output)  # the templates' indentation: 0.7 KB gzip a page
    if serving():
        return output  # `mkdocs serve` injects its live-reload script inline: the policy is for the published site
    return code("csp").add_content_security_policy(output)


def on_post_template(output, template_name, config):
    """The 404 page asks for nothing (hosts serve it at any address): a policy allowing only its own inline style."""
    if template_name != "404.html" or serving():
        return output
    csp = code("csp")
    return csp.add_content_security_policy(output, csp.standalone_policy(output, config.get("site_url") or ""))


def minify_script(name: str, text: str) -> str:
    """A script as small as it can be: comments and spaces out, local names shortened (calmjs.parse, ES5)."""
    from calmjs.parse import es5
    from calmjs.parse.exceptions import ECMASyntaxError
    from calmjs.parse.unparsers.es5 import minify_print

    # calmjs.parse 1.3.4 loses the line end after `return // comment`: the next line would be returned
    joined = re.search(r"\b(?:return|break|continue)[ \t]*//", text)
    if joined:
        line = text.count("\n", 0, joined.start()) + 1
        raise PluginError(f"docs/javascripts/{name}:{line}: end the statement with ';' before its comment "
                          f"(the minifier would join the next line to it)")
    try:
        return minify_print(es5(text), obfuscate=True, obfuscate_globals=False) + "\n"
    except ECMASyntaxError as error:  # the edition's scripts are ES5, as Material's search worker patch is
        raise PluginError(f"docs/javascripts/{name}: not ES5 JavaScript the minifier can read: {error}") from None


def minify_assets(site: Path, config) -> None:
    """The edition's stylesheets and scripts (docs/stylesheets, docs/javascripts), minified in the built site;
    docs/ keeps them readable."""
    import rcssmin

    for folder, suffix, minify in (("stylesheets", ".css", lambda name, text: rcssmin.cssmin(text)),
                                   ("javascripts", ".js", minify_script)):
        for path in sorted((Path(config["docs_dir"]) / folder).glob(f"*{suffix}")):
            built = site / folder / path.name
            if built.exists():
                built.write_text(minify(path.name, built.read_text(encoding="utf-8")), encoding="utf-8")


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config):
    """The search: the edition's index in place of Material's, and its query code in Material's worker."""
    site = Path(config["site_dir"])
    minify_assets(site, config)
    worker = code("search_worker")
    try:
        worker.patch_site(site)
    except worker.WorkerChanged as error:
        raise PluginError(str(error)) from None
    edition = config.get("edition")
    index = site / "search" / "search_index.json"
    if edition is None or not index.exists():
        return
    try:
        rebuilt = code("search_index").search_index_json(edition, index.read_text(encoding="utf-8"), config["edition_urls"].__getitem__)
    except code("problems").EditionError as error:
        raise PluginError(str(error)) from None
    index.write_text(rebuilt, encoding="utf-8")
