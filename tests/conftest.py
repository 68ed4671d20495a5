from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def mkdocs_build(dest: Path, config: Path = ROOT / "mkdocs.yml", extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """The real strict build, as a reader's host would run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    dest = tmp_path_factory.mktemp("site")
    result = mkdocs_build(dest)
    return dest, result


@pytest.fixture(scope="session")
def site(build):
    dest, result = build
    assert result.returncode == 0, result.stderr
    return dest


ARTEFACTS = ROOT / "test-artefacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def served(site):
    """The built site on 127.0.0.1, as a reader's browser gets it."""
    import functools
    import http.server
    import threading

    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


class QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make setup` (installs Debian's chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def artefacts():
    ARTEFACTS.mkdir(exist_ok=True)
    return ARTEFACTS


PROJECT_PARTS = ["mkdocs.yml", "docs", "hooks", "macros", "data", "overrides", "seeds"]


@pytest.fixture
def project_copy(tmp_path):
    """A throwaway copy of the project, to break on purpose and build."""
    import shutil

    dest = tmp_path / "project"
    dest.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


def build_copy(project: Path) -> subprocess.CompletedProcess:
    return mkdocs_build(project / "site", config=project / "mkdocs.yml")


def build_with_broken_data(project: Path, name: str, change) -> subprocess.CompletedProcess:
    """Apply `change` to data/<name> (loaded as YAML) in a project copy, then build it."""
    import yaml

    path = project / "data" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_copy(project)
