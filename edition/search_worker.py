"""Material's search worker, with the edition's query handling (edition/search.js) hooked in.

Material (9.8.2) segments a Chinese query with the words of its index and searches for the
segments; the faults readers met are in issue 12 of this project: a figure like 79.8万件 became
one term that matched nothing, overlapping segments (地方, 方法) were all required, a result
opened the top of a section. edition/search.js replaces the query handling, keeps an entry only
if it holds the query as written, ranks the report first and shows a few paragraphs a page.

The worker is patched in the built site (never in the installed package, nor copied into this
repository): search.js goes in front of it and four calls are hooked into its search(). If
Material changes the worker, the build stops here (see README, "Upgrading Material").
"""

from __future__ import annotations

from pathlib import Path

PRELUDE = Path(__file__).with_name("search.js")

# (what the minified worker says, what it should say, why)
PATCHES = [
    (
        'if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),s=>[...fe(s,this.index.invertedIndex)].join("* ")),e=ce(e),!e)'
        "return{items:[]};",
        "let Q=editionSearch.parse(e,this.index.invertedIndex,this.map);if(e=Q.query,!e)return{items:[]};",
        "search(): the edition's query, in place of Material's segmentation and query syntax",
    ),
    (
        "let f=he(r,Object.keys(u.metadata));",
        "let f=editionSearch.terms(Q);",
        "search(): the terms a result shows as found, and the page highlights",
    ),
    (
        "[]).sort((s,o)=>o.score-s.score).reduce(",
        "[]).filter(s=>editionSearch.keep(Q,s)).sort((s,o)=>editionSearch.compare(Q,s,o)).reduce(",
        "search(): keep the entries that hold the query; the report first",
    ),
    (
        "let i;if(this.options.suggest)",
        "let i;editionSearch.show(n);if(this.options.suggest)",
        "search(): show a few entries of each page",
    ),
]

# Material's bundle downloads the search index on every page load and builds it (except from file://,
# where it waits for the search to open). The edition waits everywhere: the index loads when a reader
# opens search, or when a page is opened from a result (to highlight the query, `?h=`).
BUNDLE_PATCHES = [
    (
        'L($(location.protocol!=="file:"),Je("search"))',
        'L($(!1),Je("search"))',
        "setupSearchWorker(): build the index when search opens",
    ),
    (
        'Ai(e,{index$:zi,location$:Kt})',
        'Ai(e,{index$:new URL(location.href).searchParams.has("h")?zi:tt,location$:Kt})',
        "mountSearchHiglight(): fetch the index only to highlight a query",
    ),
]


class WorkerChanged(RuntimeError):
    pass


def patched(js: str, patches, what: str) -> str:
    for before, after, why in patches:
        if js.count(before) != 1:
            raise WorkerChanged(f"Material's {what} changed: cannot apply '{why}'; see README, 'Upgrading Material'")
        js = js.replace(before, after)
    return js


def patch_search_worker(js: str) -> str:
    return PRELUDE.read_text(encoding="utf-8") + "\n" + patched(js, PATCHES, "search worker")


def patch_bundle(js: str) -> str:
    return patched(js, BUNDLE_PATCHES, "bundle")


def one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise WorkerChanged(f"expected one {pattern} in {folder} of the built site, found {len(found)}")
    return found[0]


def patch_site(site_dir: Path) -> None:
    scripts = site_dir / "assets" / "javascripts"
    for path, patch in ((one(scripts / "workers", "search.*.min.js"), patch_search_worker),
                        (one(scripts, "bundle.*.min.js"), patch_bundle)):
        path.write_text(patch(path.read_text(encoding="utf-8")), encoding="utf-8")
