"""Entity pages and their indexes, generated at build time as Markdown (never written to docs/).

Plain functions: the edition in, Markdown out. Links are to .md sources, so MkDocs resolves
and checks them like any hand-written link.
"""

from __future__ import annotations

import posixpath
from html import escape

from mkdocs.utils import get_relative_url

from hooks.registry import ENTITY_GROUPS, TYPE_LABELS, Edition, Entity, Mention

SNIPPET = 28  # characters of context either side of a mention


def entity_src(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def entity_url(entity_id: str) -> str:
    return f"entities/{entity_id}/"


def group_src(slug: str) -> str:
    return f"entities/{slug}.md"


def snippet(text: str, mention: Mention) -> str:
    start, end = max(0, mention.start - SNIPPET), min(len(text), mention.end + SNIPPET)
    return (
        ("…" if start else "")
        + escape(text[start:mention.start])
        + f"<mark>{escape(mention.text)}</mark>"
        + escape(text[mention.end:end])
        + ("…" if end < len(text) else "")
    )


def entity_page(edition: Edition, entity: Entity) -> str:
    here = posixpath.dirname(entity_src(entity.id))
    mentions = edition.mentions_of(entity.id)
    group_title = ENTITY_GROUPS[entity.group][0]
    aliases = "、".join(dict.fromkeys(list(entity.aliases) + [p.text for c in entity.compound for p in c.parts if p.entity == entity.id]))
    facts = [
        f"<dt>英文名称</dt><dd lang=\"en\">{escape(entity.name_en)}</dd>",
        f"<dt>类别</dt><dd>{escape(TYPE_LABELS[entity.type])}{'(' + escape(entity.kind) + ')' if entity.kind else ''}</dd>",
        f"<dt>报告中的写法</dt><dd>{escape(aliases)}</dd>",
        f"<dt>提及次数</dt><dd>{len(mentions)}</dd>",
    ]
    lines = [
        "---",
        "render_macros: false  # no macro here: spare mkdocs-macros a Jinja pass over 107 pages",
        "---",
        "",
        f"# {escape(entity.name)}",
        "",
        f'<dl class="entity-facts">{"".join(facts)}</dl>',
        "",
        f'<p class="entity-description">{escape(entity.description)}</p>',
        "",
        f"[← {group_title}]({posixpath.relpath(group_src(entity.group), here)})",
        "{: .entity-back }",
        "",
        f"## 报告中的提及 ({len(mentions)})",
        "",
    ]
    if not mentions:
        lines.append("报告正文中没有提及。")
    # the snippets repeat the report's words: search finds those on the report pages themselves
    lines += ['<div class="mentions" data-search-exclude markdown="1">', ""]
    for m in mentions:
        page = edition.report.page_of[m.paragraph]
        text = edition.report.paragraphs[m.paragraph].text
        href = get_relative_url(page.url, entity_url(entity.id)) + f"#{m.paragraph}"
        lines.append(
            f'1. <a class="mention-source" href="{escape(href)}">{escape(page.title)} · {m.paragraph}</a>'
            f'<br><span class="mention-snippet">{snippet(text, m)}</span>'
        )
    lines += ["", "</div>"]
    return "\n".join(lines) + "\n"


def in_index_order(edition: Edition, slug: str) -> list[Entity]:
    """A group's entities by type, then most mentioned first: the order of its index and nav."""
    types = ENTITY_GROUPS[slug][1]
    return sorted(
        (e for e in edition.entities.values() if e.group == slug),
        key=lambda e: (types.index(e.type), -len(edition.mentions_of(e.id)), e.id),
    )


def group_index(edition: Edition, slug: str) -> str:
    title, types = ENTITY_GROUPS[slug]
    here = posixpath.dirname(group_src(slug))
    lines = ["---", f"render_macros: {'true' if slug == 'places' else 'false'}", "---", "", f"# {title}", ""]
    if slug == "places":
        lines += ["{{ province_map() }}", ""]
    lines += ["下载:[entities.json](../entities.json) · [mentions.csv](../mentions.csv)", "{: .downloads }", ""]
    ordered = in_index_order(edition, slug)
    for kind in types:
        members = [e for e in ordered if e.type == kind]
        if not members:
            continue
        lines += [f"## {TYPE_LABELS[kind]}", "", "| 名称 | 英文名称 | 提及 |", "|---|---|--:|"]
        for e in members:
            link = posixpath.relpath(entity_src(e.id), here)
            lines.append(f"| [{escape(e.name)}]({link}) | {escape(e.name_en)} | {len(edition.mentions_of(e.id))} |")
        lines.append("")
    return "\n".join(lines)
