"""The glossary page 术语注释, generated at build time: every term, its explanations, where it occurs."""

from __future__ import annotations

import posixpath
from html import escape

from hooks.registry import TERM_CATEGORIES, Edition

SRC = "glossary.md"


def glossary_page(edition: Edition) -> str:
    report = edition.report
    order = {pid: n for n, pid in enumerate(report.paragraphs)}
    first = lambda t: order[edition.occurrences[t.id][0]]  # noqa: E731
    lines = [
        "---",
        "render_macros: false",
        "---",
        "",
        "# 术语注释",
        "",
        f"报告中的提法、政策术语、法律概念和机构名称,共 {len(edition.terms)} 条,按类别排列,类别内按在报告中首次出现的先后。"
        "正文中每页第一次出现的术语带有编号标记,鼠标悬停、键盘聚焦或轻触即显示解释;打印时解释作为本页注释印在页末。",
        "",
    ]
    for category, title in TERM_CATEGORIES.items():
        members = sorted((t for t in edition.terms.values() if t.category == category), key=first)
        if not members:
            continue
        lines += [f"## {title}", ""]
        for term in members:
            where = " · ".join(
                f"[{pid}]({posixpath.relpath(report.page_of[pid].src, posixpath.dirname(SRC) or '.')}#{pid})"
                for pid in edition.occurrences[term.id]
            )
            forms = "、".join(term.forms)
            lines += [
                f"### {escape(term.headword)} {{: #term-{term.id} }}",
                "",
                f'<p class="term-meta">报告中的写法:{escape(forms)}</p>',
                "",
                f"<p>{escape(term.zh)}</p>",
                "",
                f'<p lang="en" class="term-en">{escape(term.en)}</p>',
                "",
                f"出现于:{where}",
                "{: .term-where }",
                "",
            ]
            for note in term.notes:
                lines += [
                    f'<p class="term-note">编者注({note.paragraph}):{escape(note.zh)}'
                    f'<span class="anno-en" lang="en">{escape(note.en)}</span></p>',
                    "",
                ]
    return "\n".join(lines)
