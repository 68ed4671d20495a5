"""How a page asks for the edition's additions: macro calls in docs/, directive lines in the Markdown.

A page writes a macro call on a line of its own (`{{ indicators(paragraph="p1-4-2") }}`); the
macro (macros/) turns it into a directive line (`::: edition cards paragraph=p1-4-2`) that the
Markdown extension (edition/markdown.py) expands into elements. Generated pages are directive lines
only. Directives carry ids and keys, never a data string. `check_pages` reads every page of docs/
once per build: any other template syntax, an unknown macro, keyword or id stops the build with
the page and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING

from edition.problems import EditionError, not_utf8, shown

if TYPE_CHECKING:
    from edition import Edition

# macro name -> (its parameters, the directive kind it becomes)
MACROS = {
    "indicator": (("id",), "cards"),
    "indicators": (("theme", "paragraph", "ids", "comparison"), "cards"),
    "indicator_dashboard": ((), "dashboard"),
    "province_map": ((), "province-map"),
    "report_contents": (("part",), "contents"),
    "english_contents": ((), "english-contents"),
    "provenance": ((), "provenance"),
}
# directive kind -> its keys
DIRECTIVES = {
    "cards": ("theme", "paragraph", "ids", "comparison"),
    "dashboard": (),
    "province-map": (),
    "contents": ("part",),  # part: a part's opening page (its source): that part's sections only
    "english-contents": (),  # the English home page's contents
    "provenance": (),  # the source, the edition's version, changes, licence and how to cite (home page, print)
    "entity": ("id",),
    "entity-index": ("group",),
    "glossary": (),
    "print-contents": (),  # the whole-report page: its contents, linking to its headings
    "print-part": ("page",),  # the whole-report page: where a part (page=its opening page's source) begins
}
_CALL = re.compile(r"^\{\{\s*([A-Za-z_]\w*)\s*\((.*)\)\s*\}\}$")
_TEMPLATE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_DIRECTIVE = re.compile(r"^::: edition ([a-z-]+)((?: [a-z]+=\S+)*)\s*$")
_VALUE = re.compile(r"^[^\s=<>\"'&{}\[\]()`]+$")


def directive(kind: str, **args) -> str:
    """The directive line for `kind` (a list value is written comma-separated)."""
    parts = [f"{k}={','.join(v) if isinstance(v, (list, tuple)) else v}" for k, v in args.items() if v is not None]
    for part in parts:
        if not _VALUE.match(part.split("=", 1)[1]):
            raise EditionError(f"directive '{kind}': value {shown(part)} cannot be written in a directive")
    return "\n\n::: edition " + " ".join([kind, *parts]) + "\n\n"


def parse_directive(line: str) -> tuple[str, dict[str, str]] | None:
    match = _DIRECTIVE.match(line.strip())
    if not match:
        return None
    return match.group(1), dict(arg.split("=", 1) for arg in match.group(2).split())


def macro_directive(name: str, kwargs: dict) -> str:
    """What a macro returns: the directive its call stands for (the call was checked by `check_pages`)."""
    kind = MACROS[name][1]
    if name == "indicator":
        return directive(kind, ids=[kwargs["id"]])
    return directive(kind, **kwargs)


def select_indicators(edition: Edition, theme=None, paragraph=None, ids=None, comparison=None) -> list:
    """The indicators a `cards` directive asks for, in report order (or in the order of `ids`)."""
    if isinstance(ids, str):
        ids = ids.split(",")
    if ids is not None:
        unknown = [i for i in ids if i not in edition.indicators]
        if unknown:
            raise EditionError(f"unknown indicator id {shown(unknown[0])}")
        twice = [i for i in ids if ids.count(i) > 1]
        if twice:
            raise EditionError(f"ids names '{twice[0]}' twice: a card shows once on a page")
        return [edition.indicators[i] for i in ids]
    if theme is not None and theme not in edition.particulars.themes:
        raise EditionError(f"theme {shown(str(theme))} is not one of {'、'.join(edition.particulars.themes)}")
    if paragraph is not None and paragraph not in edition.report.paragraphs:
        raise EditionError(f"unknown paragraph id {shown(str(paragraph))}")
    chosen = [
        ind for ind in edition.indicators.values()
        if (theme is None or ind.theme == theme)
        and (paragraph is None or ind.paragraph == paragraph)
        and (comparison is None or (ind.comparison and ind.comparison.kind == comparison))
    ]
    if not chosen:
        asked = ", ".join(f"{k}={v!r}" for k, v in (("theme", theme), ("paragraph", paragraph), ("comparison", comparison)) if v)
        raise EditionError(f"no indicator matches {asked or 'nothing'}")
    return chosen


def check_directive(edition: Edition, kind: str, args: dict[str, str]) -> None:
    if kind not in DIRECTIVES:
        raise EditionError(f"unknown directive '{kind}' (the edition's: {', '.join(DIRECTIVES)})")
    unknown = [k for k in args if k not in DIRECTIVES[kind]]
    if unknown:
        raise EditionError(f"directive '{kind}' has no key '{unknown[0]}'")
    if kind == "cards":
        select_indicators(edition, **args)
    elif kind == "entity" and args.get("id") not in edition.entities:
        raise EditionError(f"unknown entity id {shown(str(args.get('id')))}")
    elif kind == "entity-index" and args.get("group") not in [g.id for g in edition.particulars.pages.entity_groups]:
        raise EditionError(f"unknown entity group {shown(str(args.get('group')))}")
    elif kind == "contents" and "part" in args and args["part"] not in [p.src for p in edition.report.pages if p.src.endswith("/index.md")]:
        raise EditionError(f"unknown part {shown(str(args['part']))}: a part's opening page, such as part-1/index.md")
    elif kind == "print-part" and args.get("page") not in [p.src for p in edition.report.pages]:
        raise EditionError(f"unknown report page {shown(str(args.get('page')))}")


def parse_call(line: str) -> tuple[str, dict]:
    """A macro call line as (name, keyword arguments); an EditionError if it is anything else."""
    match = _CALL.match(line.strip())
    if not match:
        raise EditionError("template syntax outside an edition macro call on a line of its own "
                           "(report text is never a template; the edition's macros: " + ", ".join(MACROS) + ")")
    name, args = match.groups()
    if name not in MACROS:
        raise EditionError(f"unknown macro '{name}' (the edition's: {', '.join(MACROS)})")
    try:
        call = ast.parse(f"f({args})", mode="eval").body
    except SyntaxError:
        raise EditionError(f"the arguments of {name}() are not valid: ({args})") from None
    params = MACROS[name][0]
    if len(call.args) > len(params):
        raise EditionError(f"{name}() takes {len(params)} argument(s), the call gives {len(call.args)}")
    kwargs = {}
    for param, node in list(zip(params, call.args)) + [(k.arg, k.value) for k in call.keywords]:
        if param not in params:
            raise EditionError(f"{name}() has no argument '{param}' (it takes: {', '.join(params) or 'none'})")
        try:
            value = ast.literal_eval(node)
        except ValueError:
            raise EditionError(f"{name}(): argument '{param}' must be a literal string (or a list of strings)") from None
        if not (isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            raise EditionError(f"{name}(): argument '{param}' must be a string (or a list of strings)")
        kwargs[param] = value
    missing = [p for p in params if name == "indicator" and p not in kwargs]
    if missing:
        raise EditionError(f"{name}() needs the argument '{missing[0]}'")
    return name, kwargs


def check_pages(edition: Edition, docs_dir: Path) -> None:
    """Every template expression and directive in docs/ is one of the edition's, with arguments that exist."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        data = path.read_bytes()
        try:
            lines = data.decode("utf-8").split("\n")
        except UnicodeDecodeError as error:
            problems.append(not_utf8(f"docs/{src}", data, error))
            continue
        for n, line in enumerate(lines, start=1):
            try:
                if _TEMPLATE.search(line):
                    if "{#" in line and not _CALL.match(line.strip()):
                        written = re.search(r"\{#\s*([\w-]+)", line)  # {#p1-2-3}: an id line gone wrong
                        example = written.group(1) if written and edition.particulars.is_paragraph_id(written.group(1)) \
                            else edition.particulars.paragraph_id_example
                        raise EditionError(f"'{{#' opens a template comment: write an id line as `{{: #{example} }}`")
                    name, kwargs = parse_call(line)
                    kind = MACROS[name][1]
                    check_directive(edition, kind, {"ids": [kwargs["id"]]} if name == "indicator" else kwargs)
                elif line.startswith(":::"):
                    parsed = parse_directive(line)
                    if parsed is None:
                        raise EditionError("not a directive of the edition (`::: edition <kind> key=value …`)")
                    check_directive(edition, *parsed)
            except EditionError as error:
                problems.append(f"docs/{src}:{n}: {error}")
    if problems:
        raise EditionError("\n".join(problems))
