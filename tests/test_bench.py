"""Issue 8: the benchmark is not pass/fail; this only checks that it runs and reports every figure."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from support import ROOT, load_project

pytestmark = pytest.mark.browser  # it measures search latency in Chromium


def test_benchmark_runs_on_a_small_corpus_and_reports_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["build"]["edition_s"] > 0 and figures["build"]["baseline_s"] > 0
    assert {row["type"] for row in figures["page_weight"]} >= {"home", "section"}
    assert figures["search_index"]["gzip"] > 0 and figures["search"]["latency_median_ms"] > 0
    assert figures["search"]["ready"]["cpu_4x"]["open_to_ready_ms"] > 0
    assert figures["search_quality"]["queries"] >= 60 and figures["search_quality"]["never_said"] >= 6
    assert figures["serve_rebuild_s"] > 0
    assert figures["english_weight"]["pages"] == len(load_project().report.pages)
    assert figures["english_weight"]["median_english_gzip"] > 0 and "English reading aid" in result.stdout
    assert [row["scale"] for row in figures["scaling"]] == [1, 2]
    assert figures["scaling"][1]["pages"] > figures["scaling"][0]["pages"]
    assert "ratio" in result.stdout and "search index" in result.stdout and "search quality" in result.stdout
