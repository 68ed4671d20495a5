"""What the edition costs a reader and an editor: build time, page weight, search, scale.

`make bench` prints a table and writes bench-results/bench.json. Figures, never pass/fail:
the budgets (build ≤ 1.2× a plain build, page weight ≤ 1.1× a plain page) are printed beside them.

    python bench/run.py [--runs 5] [--scales 10,50] [--quick]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.linker import linker_throughput  # noqa: E402
from bench.search import search_quality, search_timing  # noqa: E402
from support import load_project, page_url  # noqa: E402  (bench.search put tests/ on the path)

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PARTS = ["docs", "hooks", "macros", "edition", "data", "overrides", "seeds", "mkdocs.yml"]
PAGE_TYPES = {"home": "", "part opening": "part-1/", "section": "part-1/examination/",
              "section with many cards": "part-1/decade/", "party building (many notes)": "part-1/party-building/"}


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PARTS:
        src = ROOT / part
        (shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
         if src.is_dir() else shutil.copy2(src, dest / part))
    return dest


def make_baseline(project: Path, same_pages: bool) -> Path:
    """A plain Material site: no hooks, no macros, no extra CSS or plugins.

    same_pages: also the pages the hooks generate (entity pages, indexes, glossary, print view),
    written out as static Markdown, so that both sites have the same pages; otherwise the report
    pages alone, as a plain site of this report would be.
    """
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))  # loads hooks/events.py, which puts the project on sys.path
    from edition import load_edition
    from edition.extension import EditionExtension
    from edition.pages import generated_sources
    from edition.report import nav_sources

    edition = load_edition(project, project / "docs", nav_sources(config["nav"]))
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", text)
    text = re.sub(r"  - macros:\n(      .*\n)+", "", text)
    text = re.sub(r"\nextra_css:\n(  - .*\n)+", "\n", text)
    text = re.sub(r"\nextra_javascript:\n(  - .*\n)+", "\n", text)
    text = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", text)
    text = text.replace("language: custom", "language: zh").replace("  custom_dir: overrides\n", "")
    text = text.replace("primary: custom", "primary: red").replace("accent: custom", "accent: red")
    if same_pages:
        # the generated pages as the edition renders them, written out as static HTML pages
        for src, content in generated_sources(edition, project / "docs").items():
            body = content.split("---\n", 2)[-1]
            html = markdown.Markdown(extensions=["attr_list", "md_in_html", EditionExtension(edition=edition)]).convert(body)
            (project / "docs" / src).parent.mkdir(parents=True, exist_ok=True)
            (project / "docs" / src).write_text(html, encoding="utf-8")
        for group in edition.particulars.pages.entity_groups:
            lines = "".join(f"          - {edition.particulars.entity_src(e.id)}\n" for e in edition.entities_of_group(group.id))
            text = text.replace(f"          - {group.src}\n", f"          - {group.src}\n{lines}")
    else:
        text = re.sub(r"\n  - 资料:\n(      .*\n|          .*\n)+", "\n", text)
        text = text.replace("  - English: en/index.md\n", "")  # the edition's English home page
        shutil.rmtree(project / "docs" / "en")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):  # macro calls and templates would print as text
        page.write_text(re.sub(r"^(\{\{.*\}\}|\{%.*%\})$", "", page.read_text(encoding="utf-8"), flags=re.M),
                        encoding="utf-8")
    for code in ("hooks", "macros", "edition"):
        shutil.rmtree(project / code)
    return project


def without_english(project: Path) -> Path:
    """The edition without its English reading aid on the report pages: the language control (overrides/main.html)
    and its share of edition.js taken out. What a Chinese-mode page pays for the English is the difference."""
    template = project / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(re.sub(r"    \{#- The English reading aid.*?\{% endif %\}\n", "", text, count=1, flags=re.S), encoding="utf-8")
    script = project / "docs" / "javascripts" / "edition.js"
    text = script.read_text(encoding="utf-8")
    script.write_text(re.sub(r"  // --- The English reading aid.*?(?=  // --- )", "", text, count=1, flags=re.S), encoding="utf-8")
    return project


def english_weight(edition_site: Path, without_site: Path, project: Path) -> dict:
    """Per report page in Chinese mode: what the page gained for the English (gzip bytes) against the gzip size of
    the page's English text, which the issue allows as the most it may gain; the heaviest page by that ratio."""
    edition = load_project(project)
    rows = []
    for page in edition.report.pages:
        url = page_url(page.src)
        gained = weight(edition_site, url)["total_gzip"] - weight(without_site, url)["total_gzip"]
        english = "\n".join(edition.english.of(line) for line in page.lines).encode("utf-8")
        rows.append({"url": url, "gained": gained, "english_gzip": len(gzip.compress(english, 6, mtime=0))})
    worst = max(rows, key=lambda r: r["gained"] / r["english_gzip"])
    return {"pages": len(rows), "worst": worst, "median_gained": statistics.median(r["gained"] for r in rows),
            "median_english_gzip": statistics.median(r["english_gzip"] for r in rows)}


def build(project: Path, site: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                    "-d", str(site)], cwd=project, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def build_times(edition: Path, baseline: Path, report_only: Path, runs: int) -> dict:
    """Edition and plain builds alternated, so that a busy machine slows them alike."""
    times = {"edition": [], "baseline": [], "report_only": []}
    for _ in range(runs):
        times["edition"].append(build(edition, edition / "site"))
        times["baseline"].append(build(baseline, baseline / "site"))
        times["report_only"].append(build(report_only, report_only / "site"))
    medians = {k: statistics.median(v) for k, v in times.items()}
    return {"runs": runs, "edition_s": medians["edition"], "baseline_s": medians["baseline"],
            "report_only_s": medians["report_only"], "ratio": medians["edition"] / medians["baseline"],
            "ratio_report_only": medians["edition"] / medians["report_only"], "budget": 1.2, "samples": times}


def synthetic(project: Path, scale: int) -> None:
    """The report `scale` times: copies of every report page (ids renumbered, in the nav, before the
    appendix), with the same entities and figures, so that the extension links and annotates them all.
    The copies' digits become 〇 and their claim words ＊ (no figure or claim without its indicator) and the
    seed grows by their lines,
    so the build's own checks (seed, numbers) hold."""
    from edition.indicators import CLAIM_WORD
    from edition.particulars import load_particulars
    from edition.report import parse_page

    docs = project / "docs"
    particulars = load_particulars(project)
    sources = [p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md"))
               if p.relative_to(docs).as_posix() != "index.md" and re.search(r"^\{: #", p.read_text(encoding="utf-8"), re.M)]
    counter, nav, seed_lines, english = 0, [], [], []
    translation = yaml.safe_load((project / "data" / "translation.yml").read_text(encoding="utf-8"))
    by_key = {line.get("id") or line["zh"]: line["en"] for line in translation["lines"]}
    terms = yaml.safe_load((project / "data" / "annotations.yml").read_text(encoding="utf-8"))["terms"]

    def renumber(match):
        nonlocal counter
        counter += 1
        return f"{{: #p1-{1000 + counter}-1 }}"

    for copy in range(1, scale):
        for src in sources:
            dest = docs / f"copy-{copy}" / src
            dest.parent.mkdir(parents=True, exist_ok=True)
            lines = re.sub(r"\{: #[a-z0-9-]+ \}", renumber, (docs / src).read_text(encoding="utf-8")).split("\n")
            for line in parse_page(src, "\n".join(lines), particulars).lines:
                index = line.line - 1
                # no figure and no claim (首次, 第三次 …) without its indicator: digits become 〇, claim words ＊
                copied = CLAIM_WORD.sub(lambda m: "＊" * len(m.group()), re.sub(r"\d", "〇", line.text))
                lines[index] = lines[index].replace(line.text, copied)
            dest.write_text("\n".join(lines), encoding="utf-8")
            copied_lines = parse_page(src, "\n".join(lines), particulars).lines
            seed_lines += [line.text for line in copied_lines]
            for original, line in zip(parse_page(src, (docs / src).read_text(encoding="utf-8"), particulars).lines, copied_lines):
                # the original's English; a name whose digits became 〇 (《…(2021—2035年)》) no longer hides its terms
                en = " ".join([by_key[original.id or original.text]] + [
                    t["renderings_en"][0] for t in terms if any(form in line.text for form in t["forms"])])
                english.append({"id": line.id, "en": en} if line.kind == "paragraph" else {"zh": line.text, "en": en})
        nav.append(f"  - 副本{copy}:\n" + "".join(f"      - copy-{copy}/{src}\n" for src in sources))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("\n  - 资料:\n", "\n" + "".join(nav) + "  - 资料:\n", 1), encoding="utf-8")
    translation["lines"] += english
    (project / "data" / "translation.yml").write_text(yaml.safe_dump(translation, allow_unicode=True, sort_keys=False), encoding="utf-8")
    seed = project / particulars.seed
    seed.write_text("\n".join([seed.read_text(encoding="utf-8"), *seed_lines]), encoding="utf-8")
    settings = project / "data" / "edition.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(particulars.seed_sha256, hashlib.sha256(seed.read_bytes()).hexdigest()),
                        encoding="utf-8")


def scaling(scales: list[int], runs: int, work: Path) -> list[dict]:
    rows = []
    for scale in [1] + scales:
        project = copy_project(work / f"scale-{scale}")
        synthetic(project, scale)
        seconds = statistics.median(build(project, project / "site") for _ in range(runs))
        pages = sum(1 for _ in (project / "site").rglob("index.html"))
        rows.append({"scale": scale, "pages": pages, "seconds": seconds, "ms_per_page": seconds / pages * 1000})
        shutil.rmtree(project)
    return rows


def weight(site: Path, url: str) -> dict:
    html_path = site / url / "index.html"
    html = html_path.read_bytes()
    assets = re.findall(rb'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html)
    sizes = {"html": [html], "css": [], "js": [], "fonts": []}
    for ref in assets:
        ref = ref.decode()
        if ref.startswith("http"):
            continue
        path = (html_path.parent / ref.split("?")[0]).resolve()
        data = path.read_bytes()
        sizes["css" if path.suffix == ".css" else "js"].append(data)
        if path.suffix == ".css":
            for font in re.findall(rb"url\(([^)]+\.(?:woff2?|ttf|otf))\)", data):
                sizes["fonts"].append((path.parent / font.decode().strip("'\"")).read_bytes())
    raw = {k: sum(map(len, v)) for k, v in sizes.items()}
    gz = {k: sum(len(gzip.compress(b, 6, mtime=0)) for b in v) for k, v in sizes.items()}
    return {"raw": raw, "gzip": gz, "total_gzip": sum(gz.values())}


def page_weights(edition_site: Path, baseline_site: Path) -> list[dict]:
    rows = []
    for name, url in PAGE_TYPES.items():
        ours, plain = weight(edition_site, url), weight(baseline_site, url)
        rows.append({"type": name, "url": url, "edition": ours, "baseline": plain,
                     "ratio": ours["total_gzip"] / plain["total_gzip"], "budget": 1.1})
    for name, url in {"entity page": "entities/guangdong/", "glossary": "glossary/", "dashboard": "indicators/"}.items():
        rows.append({"type": name, "url": url, "edition": weight(edition_site, url), "baseline": None, "ratio": None})
    return rows


def every_report_page(edition_site: Path, baseline_site: Path, report_srcs: list[str]) -> dict:
    """The budget holds for every report page: the heaviest one against its plain twin, and the median."""
    ratios = {}
    for url in (page_url(src) for src in report_srcs):
        ratios[url] = weight(edition_site, url)["total_gzip"] / weight(baseline_site, url)["total_gzip"]
    heaviest = max(ratios, key=ratios.get)
    return {"pages": len(ratios), "max_ratio": ratios[heaviest], "max_url": heaviest,
            "median_ratio": statistics.median(ratios.values()), "budget": 1.1}


def search_index(site: Path) -> dict:
    data = (site / "search" / "search_index.json").read_bytes()
    return {"raw": len(data), "gzip": len(gzip.compress(data, 6, mtime=0))}


def serve_rebuild(project: Path) -> float:
    """Seconds from saving one page to `mkdocs serve` having rebuilt the site."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                             "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in proc.stdout:
            if "Serving on" in line:
                break
        time.sleep(1.5)
        page = project / "docs" / "part-1" / "examination.md"
        start = time.perf_counter()
        page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        for line in proc.stdout:
            if "Reloading browsers" in line or "Documentation built" in line:
                return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return float("nan")


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="10,50")
    parser.add_argument("--quick", action="store_true", help="one run, a 2× corpus: checks that the benchmark runs")
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "bench.json"))
    args = parser.parse_args(argv)
    runs, scales = (1, [2]) if args.quick else (args.runs, [int(s) for s in args.scales.split(",")])

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        edition = copy_project(work / "edition")
        baseline = make_baseline(copy_project(work / "baseline"), same_pages=True)
        report_only = make_baseline(copy_project(work / "report-only"), same_pages=False)
        result = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                  "build": build_times(edition, baseline, report_only, runs)}
        result["page_weight"] = page_weights(edition / "site", report_only / "site")
        result["page_weight_all"] = every_report_page(edition / "site", report_only / "site",
                                                      [p.src for p in load_project(edition).report.pages])
        no_english = without_english(copy_project(work / "no-english"))
        build(no_english, no_english / "site")
        result["english_weight"] = english_weight(edition / "site", no_english / "site", edition)
        result["search_index"] = search_index(edition / "site")
        result["search_index_baseline"] = search_index(report_only / "site")
        result["search"] = search_timing(edition / "site")
        result["search_quality"] = search_quality(edition / "site", load_project(edition))
        result["serve_rebuild_s"] = serve_rebuild(edition)
        result["scaling"] = scaling(scales, runs if args.quick else max(1, runs // 2), work)
        result["linker"] = linker_throughput((1, 10) if args.quick else (1, 10, 50))

    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    report(result)
    return result


def report(r: dict) -> None:
    b = r["build"]
    print(f"machine: {r['machine']}")
    print(f"\nfull build (median of {b['runs']}, alternated): edition {b['edition_s']:.2f} s;"
          f" plain Material, same {''}pages {b['baseline_s']:.2f} s (ratio {b['ratio']:.2f}, budget ≤ {b['budget']});"
          f" plain, report pages only {b['report_only_s']:.2f} s (ratio {b['ratio_report_only']:.2f})")
    print(f"\n{'page type':<28}{'HTML':>8}{'CSS':>8}{'JS':>8}{'fonts':>7}{'total':>8}{'plain':>8}{'ratio':>7}   (gzip bytes)")
    for row in r["page_weight"]:
        g = row["edition"]["gzip"]
        plain = row["baseline"]["total_gzip"] if row["baseline"] else None
        print(f"{row['type']:<28}{g['html']:>8}{g['css']:>8}{g['js']:>8}{g['fonts']:>7}{row['edition']['total_gzip']:>8}"
              f"{plain if plain else '':>8}{format(row['ratio'], '.2f') if row['ratio'] else '':>7}")
    a = r["page_weight_all"]
    print(f"every report page ({a['pages']}): heaviest {a['max_url'] or 'home'} {a['max_ratio']:.3f}, median {a['median_ratio']:.3f}"
          f" (budget ≤ {a['budget']})")
    s, sb = r["search_index"], r["search_index_baseline"]
    e = r["english_weight"]
    w = e["worst"]
    print(f"English reading aid, Chinese mode ({e['pages']} report pages): a page gains {e['median_gained']} B gzip "
          f"(median) for {e['median_english_gzip']} B of its English text (gzip, the most it may gain); "
          f"closest to that limit: {w['url'] or 'home'} {w['gained']} B for {w['english_gzip']} B")
    print(f"\nsearch index   {s['raw'] / 1024:.0f} KiB raw, {s['gzip'] / 1024:.0f} KiB gzip"
          f"   (plain site: {sb['raw'] / 1024:.0f} KiB, {sb['gzip'] / 1024:.0f} KiB)")
    sr, q = r["search"], r["search_quality"]
    print("search, last keystroke to rendered results: " + ", ".join(f"{k} {ms:.0f} ms" for k, ms in sr["latency_ms"].items())
          + f"   (median {sr['latency_median_ms']:.0f} ms, budget ≤ 50)")
    for rate in ("cpu_1x", "cpu_4x"):
        t = sr["ready"][rate]
        print(f"search ready, {rate[4:]} CPU: page loaded {t['load_ms']:.0f} ms; search opened at once: ready "
              f"{t['load_to_ready_ms']:.0f} ms after load ({t['open_to_ready_ms']:.0f} ms after opening; "
              f"index downloaded -> ready {t['index_to_ready_ms']:.0f} ms)")
    print(f"search ready, 4x CPU with the worker slowed too (estimate): {sr['ready']['cpu_4x_workers_too_estimate_ms']:.0f} ms"
          f" after opening (budget ≤ 1000)")
    print(f"search quality, {q['queries']} queries drawn from the report (not the tests'): {q['landed']} land a paragraph "
          f"holding them in the top 3 ({100 * q['landed'] / q['queries']:.0f}%, target ≥ 95%); "
          + ", ".join(f"{k} {a}/{n}" for k, (a, n) in q["by_kind"].items())
          + f"; words never said: {len(q['never_said_with_results'])} of {q['never_said']} show results"
          + (f"; missed: {'、'.join(q['misses'])}" if q["misses"] else ""))
    print(f"mkdocs serve, rebuild after editing one page: {r['serve_rebuild_s']:.2f} s")
    print(f"\n{'corpus':>7}{'pages':>8}{'build s':>10}{'ms/page':>10}")
    for row in r["scaling"]:
        print(f"{row['scale']:>6}×{row['pages']:>8}{row['seconds']:>10.2f}{row['ms_per_page']:>10.1f}")
    print(f"\n{'linker':>7}{'chars':>10}{'µs/kchar':>10}")
    for row in r["linker"]:
        print(f"{row['scale']:>6}×{row['chars']:>10}{row['microseconds_per_kchar']:>10.1f}")


if __name__ == "__main__":
    main()
