"""`mkdocs serve` a writer can live in: it follows data, code and theme; an error shows in the page, the server lives on."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from support import copy_project, edit_yaml

pytestmark = pytest.mark.slow


@pytest.fixture
def serving(tmp_path):
    project = copy_project(tmp_path / "project")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/annotated/"
    try:
        wait_for(lambda: "质押融资" in fetch(base + "part-1/utilization/"), proc)
        yield project, base, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, proc, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "mkdocs serve has stopped"
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError("no rebuild showed what was expected")


def test_a_data_error_shows_in_the_page_and_fixing_it_recovers_without_a_restart(serving):
    project, base, proc = serving
    page = base + "part-1/utilization/"
    edit_yaml(project, "entities.yml", lambda d: next(e for e in d["entities"] if e["id"] == "guangdong")["aliases"].append("的"))
    wait_for(lambda: "The build stopped" in fetch(page), proc)
    assert "data/entities.yml: guangdong: alias" in fetch(page)
    edit_yaml(project, "entities.yml", lambda d: next(e for e in d["entities"] if e["id"] == "guangdong")["aliases"].remove("的"))
    wait_for(lambda: "The build stopped" not in fetch(page) and "质押融资" in fetch(page), proc)


def test_an_unknown_macro_in_a_page_shows_in_the_page_and_the_server_lives_on(serving):
    project, base, proc = serving
    source = project / "docs" / "part-1" / "utilization.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + '\n{{ indicator("no-such-figure") }}\n', encoding="utf-8")
    wait_for(lambda: "no-such-figure" in fetch(base), proc)
    assert "docs/part-1/utilization.md:" in fetch(base)
    source.write_text(text, encoding="utf-8")
    wait_for(lambda: "The build stopped" not in fetch(base) and "报告目录" in fetch(base), proc)


def test_edits_to_the_theme_overrides_and_the_code_rebuild_the_site(serving):
    project, base, proc = serving
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace('content="website"', 'content="website-edited"'), encoding="utf-8")
    wait_for(lambda: "website-edited" in fetch(base), proc)
    strings = project / "data" / "edition.yml"
    strings.write_text(strings.read_text(encoding="utf-8").replace("print_button: 打印本节", "print_button: 打印这一节"), encoding="utf-8")
    wait_for(lambda: "打印这一节" in fetch(base + "part-1/utilization/"), proc)
    code = project / "edition" / "notes.py"
    code.write_text(code.read_text(encoding="utf-8").replace('class_="ed editor-note"', 'class_="ed editor-note edited"'), encoding="utf-8")
    wait_for(lambda: "editor-note edited" in fetch(base + "part-1/examination/"), proc)
