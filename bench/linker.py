"""Benchmark (not a test): the linker's throughput on the report and on a corpus 50 times its size.

Run: `make bench-linker`. Cost linear in size shows as a flat time per character.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))



def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def linker_throughput(scales=(1, 10, 50)) -> list[dict]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    from edition import load_edition
    from edition.report import nav_sources

    edition = load_edition(ROOT, ROOT / "docs", nav_sources(config["nav"]))
    report = [p.text for p in edition.report.paragraphs.values()]
    rows = []
    for scale in scales:
        corpus = report * scale
        chars = sum(map(len, corpus))
        seconds = best_of(5, lambda: [edition.matcher.pieces(text) for text in corpus])
        rows.append({"scale": scale, "paragraphs": len(corpus), "chars": chars, "seconds": seconds,
                     "chars_per_second": chars / seconds, "microseconds_per_kchar": seconds / chars * 1e9})
    return rows


if __name__ == "__main__":
    print(f"{'corpus':>8} {'paragraphs':>10} {'chars':>9} {'seconds':>9} {'Mchar/s':>8} {'µs/kchar':>9}")
    for row in linker_throughput():
        print(f"{row['scale']:>7}× {row['paragraphs']:>10} {row['chars']:>9} {row['seconds']:>9.4f} "
              f"{row['chars_per_second'] / 1e6:>8.2f} {row['microseconds_per_kchar']:>9.1f}")
