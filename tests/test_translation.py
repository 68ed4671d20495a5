"""The English reading aid: every line of the report has its English, and the build keeps the English from drifting
from the Chinese (figures in full, names by their English, terms rendered one way)."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from edition.translation import english_numbers, stands_in
from support import ROOT, build_copy, copy_project, edition


@pytest.mark.parametrize("value, unit, written", [
    (79.8, "万件", "798,000"),  # the issue's own examples
    (4868.8, "亿元", "486.88 billion"),
    (1000, "件", "1,000"),  # 超千件: more than 1,000
    (617.7, "万件", "6.177 million"),
    (12.4, "%", "12.4"),
    (11, "位", "11"),
])
def test_a_figure_may_stand_in_english_in_full_digits_or_with_a_scale_word(value, unit, written):
    assert written in english_numbers(value, unit)


def test_a_figure_stands_only_as_a_whole_number():
    assert stands_in("the 11th place", "11")
    assert not stands_in("4,868.8 billion", "8")
    assert not stands_in("1,798,000 patents", "798,000")
    assert not stands_in("798,000.5", "798,000")
    assert stands_in("798,000.", "798,000")  # the full stop ending a sentence is no decimal point


def test_every_line_of_the_report_has_its_english():
    report = edition().report
    assert [line.text if line.kind == "heading" else line.id for line in report.lines] == list(edition().english.lines)
    assert all(edition().english.lines.values())


def test_a_new_name_in_the_chinese_without_english_stops_the_strict_build_naming_the_paragraph(tmp_path):
    """The fixture report's last paragraph gains a mention of 《公共图书馆法》 in its Chinese (page and seed, the seed's
    checksum updated); its English is left as it was."""
    project = copy_project(tmp_path / "tests" / "fixture", root=ROOT / "tests" / "fixture")
    for shared in ("overrides", "macros", "hooks", "edition"):  # the fixture's mkdocs.yml names them as ../../<name>
        shutil.copytree(ROOT / shared, tmp_path / shared, ignore=shutil.ignore_patterns("__pycache__"))
    old = "与浙江等地图书馆开展馆际互借,共建共享数字资源。"
    new = "依照《公共图书馆法》与浙江等地图书馆开展馆际互借,共建共享数字资源。"
    for name in ("docs/part-1.md", "seeds/fixture.txt"):
        path = project / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    particulars = project / "data" / "edition.yml"
    text = particulars.read_text(encoding="utf-8")
    digest = hashlib.sha256((project / "seeds" / "fixture.txt").read_bytes()).hexdigest()
    particulars.write_text("\n".join(
        f"seed_sha256: {digest}" if line.startswith("seed_sha256:") else line for line in text.split("\n")), encoding="utf-8")
    result = build_copy(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert ("data/translation.yml: s1-3: the English lacks the name 'Public Library Law of the People's Republic of China' "
            "or 'Public Library Law' (public-library-law, data/entities.yml)") in result.stderr
