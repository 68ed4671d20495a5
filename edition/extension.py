"""The edition's Python-Markdown extension: its additions become elements of the page's tree.

- A directive line (`::: edition cards paragraph=p1-4-2`, written by a macro or a generated page)
  becomes a placeholder while the blocks are parsed; the treeprocessor replaces it with elements.
- The treeprocessor runs after attr_list (priority 8), which has set the ids, and before toc (5),
  so generated headings get anchors. It finds the report's paragraphs by their id, whatever the
  spelling of the attribute line, and adds entity links, term markers and tooltips, the permalink,
  editor's notes after the paragraph and the page's notes at its end.

Every data string is element text or an attribute value: the serializer escapes it once, and it
is never read as Markdown (the inline pass, priority 20, is over) or as a template.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.treeprocessors import Treeprocessor

from edition import pages
from edition.directives import parse_directive
from edition.html import E
from edition.notes import PageNotes, render_annotation, render_editor_note, render_page_notes
from edition.problems import EditionError

PLACEHOLDER = "data-edition-directive"
SKIP = {"a", "code", "pre", "script", "style", "button", "small"}  # never linked into


class DirectiveProcessor(BlockProcessor):
    """A block whose first line is `::: edition …` becomes a placeholder element."""

    def test(self, parent, block):
        return parse_directive(block.split("\n", 1)[0]) is not None

    def run(self, parent, blocks):
        first, _, rest = blocks.pop(0).partition("\n")
        etree.SubElement(parent, "div", {PLACEHOLDER: first.strip()})
        if rest.strip():
            blocks.insert(0, rest)


class EditionTreeprocessor(Treeprocessor):
    def __init__(self, md, edition):
        super().__init__(md)
        self.edition = edition
        self.notes_by_paragraph: dict[str, list] = {}
        for term in edition.terms.values():
            for note in term.notes:
                self.notes_by_paragraph.setdefault(note.paragraph, []).append((term, note))

    def run(self, root):
        edition = self.edition
        parents = {child: parent for parent in root.iter() for child in parent}
        ids_here = {el.get("id") for el in root.iter() if el.get("id")}

        def href(pid: str) -> str:  # a paragraph on this page is linked in the page
            return f"#{pid}" if pid in ids_here else pages.paragraph_link(edition, pid)

        for placeholder in [el for el in root.iter("div") if PLACEHOLDER in el.attrib]:
            kind, args = parse_directive(placeholder.get(PLACEHOLDER))
            try:
                made = self.expand(kind, args, href)
            except EditionError as error:  # checked at load time; shown rather than lost if it happens anyway
                made = [E("p", f"edition: {error}", class_="admonition failure edition-error")]
            replace(parents[placeholder], placeholder, made)

        notes, self.linked = PageNotes(edition.strings, edition.particulars.pages.glossary), set()
        for p in [el for el in root.iter("p") if el.get("id") in edition.report.paragraphs]:
            self.mark(p, notes)
            pid = p.get("id")
            link = E("a", pid, class_="plink ed", href=f"#{pid}", title=edition.strings["permalink_title"], data_search_exclude="")
            link.tail, p.text = p.text, None
            p.insert(0, link)
            parent = parents.get(p, root)
            after = list(parent).index(p) + 1
            while after < len(parent) and "ic-fold" in (parent[after].get("class") or "").split():
                after += 1  # the paragraph's line of figures first: on wide screens it stands beside the paragraph
            for k, (term, note) in enumerate(self.notes_by_paragraph.get(pid, [])):
                parent.insert(after + k, render_editor_note(term, note, edition.strings))
        listed = render_page_notes(notes)
        if listed is not None:
            root.append(listed)
        return root

    def expand(self, kind: str, args: dict[str, str], href) -> list[etree.Element]:
        edition = self.edition
        if kind == "cards":
            return [pages.cards(edition, **args)]
        if kind == "dashboard":
            return pages.dashboard(edition, href)
        if kind == "province-map":
            return [pages.province_map(edition)]
        if kind == "contents":
            return [pages.contents(edition, args.get("part"))]
        if kind == "english-contents":
            return pages.english_contents(edition)
        if kind == "provenance":
            return [pages.provenance(edition)]
        if kind == "entity":
            return pages.entity_page(edition, args["id"])
        if kind == "entity-index":
            return pages.entity_index(edition, args["group"])
        if kind == "glossary":
            return pages.glossary(edition)
        if kind == "print-contents":
            return [pages.print_contents(edition)]
        if kind == "print-part":
            return [pages.print_part(edition, args["page"])]
        raise EditionError(f"unknown directive '{kind}'")

    # --- links and markers in a report paragraph ---------------------------------------------

    def mark(self, el: etree.Element, notes: PageNotes) -> None:
        """Link and annotate the text of `el` and of its descendants, never inside links, code or markers."""
        if el.text:
            lead, made = self.marked(el.text, notes)
            if made:
                el.text = lead
                for k, node in enumerate(made):
                    el.insert(k, node)
        for child in list(el):
            if child.tag not in SKIP and "ed" not in (child.get("class") or "").split():
                self.mark(child, notes)
            if child.tail:
                lead, made = self.marked(child.tail, notes)
                if made:
                    child.tail = lead
                    at = list(el).index(child) + 1
                    for k, node in enumerate(made):
                        el.insert(at + k, node)

    def marked(self, text: str, notes: PageNotes) -> tuple[str, list[etree.Element]]:
        """The text before the first hit, and the elements for the hits (each carrying the text after it)."""
        edition, lead, made = self.edition, "", []

        def add_text(t: str) -> None:
            nonlocal lead
            if made:
                made[-1].tail = (made[-1].tail or "") + t
            else:
                lead += t

        for piece, kind, target in edition.matcher.pieces(text):
            if kind == "entity":
                entity = edition.entities[target]
                again = " ent-again" if target in self.linked else ""  # marked quietly after its first mention
                self.linked.add(target)
                full = entity.name if piece.strip("《》“”") != entity.name else None  # a short form shows the full name
                made.append(E("a", piece, class_=f"ent ent-{entity.type}{again}", href=f"/{edition.particulars.entity_src(target)}",
                              title=full, data_entity=entity.id))
                # a term inside an entity's name (八项规定 in 中央八项规定) is marked after the link, never inside it
                for hit in edition.term_matcher.find(piece):
                    for _, _, term_id in hit.name.targets:
                        marker = notes.marker(edition.terms[term_id])
                        if marker is not None:
                            made.append(render_annotation(None, marker, edition.terms[term_id]))
            elif kind == "term":
                marker = notes.marker(edition.terms[target])
                if marker is None:
                    add_text(piece)
                else:
                    made.append(render_annotation(piece, marker, edition.terms[target]))
            else:
                add_text(piece)
        return lead, made


class ContentsTreeprocessor(Treeprocessor):
    """After toc (5), which has given the headings their anchors: the whole-report page's contents link to them."""

    def run(self, root):
        for nav in root.iter("nav"):
            if "print-contents" in (nav.get("class") or "").split():
                nav.append(pages.print_contents_list(getattr(self.md, "toc_tokens", [])))
        return root


def replace(parent: etree.Element, old: etree.Element, new: list[etree.Element | None]) -> None:
    """Put `new` where `old` was; a renderer's None (nothing to show) is left out."""
    at, new = list(parent).index(old), [el for el in new if el is not None]
    if new:
        new[-1].tail = old.tail
    parent.remove(old)
    for k, el in enumerate(new):
        parent.insert(at + k, el)


class EditionExtension(Extension):
    """Options beside the code, as in pymdown-extensions."""

    def __init__(self, **kwargs):
        self.config = {
            "edition": ["", "The loaded edition (edition.load_edition): the report and its data. Required."],
            "priority": [7, "Treeprocessor priority: after attr_list (8), which sets the ids; before toc (5)."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        edition = self.getConfig("edition")
        if not edition:
            raise ValueError("EditionExtension needs the loaded edition: EditionExtension(edition=load_edition(…))")
        md.parser.blockprocessors.register(DirectiveProcessor(md.parser), "edition_directive", 105)
        md.treeprocessors.register(EditionTreeprocessor(md, edition), "edition", self.getConfig("priority"))
        md.treeprocessors.register(ContentsTreeprocessor(md), "edition_contents", 4)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return EditionExtension(**kwargs)
