"""Two fixes to Material's Chinese query handling, applied to the built search worker.

Material (9.8.2) segments a Chinese query with the words of the index, then searches for any of
the segments. Two faults follow, which readers of this report hit:

1. `segment()` never tries a slice that ends at the query's last character (`j < query.length`),
   so 三不腐 is searched as 三 alone and lands on pages without 三不腐; for the same reason it
   never continues at a one-character word at the end (`q < query.length - 1`): 冰墩墩 = 冰墩 + 墩;
2. the segments are alternatives, so 量子纠缠, which the report never says, finds pages with 量子.

The fix makes the last slice reachable and every segment required (lunr's `+`), so a page must
hold the whole query; a query whose words never occur together finds nothing. The worker is
patched in the built site (never in the installed package, nor copied into this repository);
if Material changes the worker, the build stops here (see README, "Upgrading Material").
"""

from __future__ import annotations

from pathlib import Path

# (what the minified worker says, what it should say, why)
PATCHES = [
    (
        "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e",
        "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e",
        "segment(): also try the slice that ends at the query's last character",
    ),
    (
        "n[a]&&a<t.length-1&&(i[s++]=a)",
        "n[a]&&a<t.length&&(i[s++]=a)",
        "segment(): also continue at a word that starts at the query's last character",
    ),
    (
        '[...fe(s,this.index.invertedIndex)].join("* ")',
        # every segment is required; characters no segment covers are required too (as the whole
        # run), so that 量子纠缠 does not quietly become 量
        "(r=>[...r,...([...s].every((c,i)=>r.some(t=>{for(let k=s.indexOf(t);k>=0;k=s.indexOf(t,k+1))"
        "if(k<=i&&i<k+t.length)return!0;return!1}))?[]:[s])].map(t=>\"+\"+t+\"*\").join(\" \"))"
        "([...fe(s,this.index.invertedIndex)])",
        "search(): every segment of a Chinese query is required, and no character is dropped",
    ),
]


class WorkerChanged(RuntimeError):
    pass


def patch_search_worker(js: str) -> str:
    for before, after, why in PATCHES:
        if js.count(before) != 1:
            raise WorkerChanged(f"Material's search worker changed: cannot apply '{why}'; see README, 'Upgrading Material'")
        js = js.replace(before, after)
    return js


def patch_site(site_dir: Path) -> Path:
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise WorkerChanged(f"expected one search worker in the built site, found {len(workers)}")
    worker = workers[0]
    worker.write_text(patch_search_worker(worker.read_text(encoding="utf-8")), encoding="utf-8")
    return worker
