"""Fixtures shared by the test modules: the real strict build, the site served on 127.0.0.1, Debian's Chromium.

Any test that uses the `browser` fixture is marked `browser` by itself: `make test-fast` leaves those out.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support import ARTEFACTS, chromium_path, mkdocs_build, serve_directory  # noqa: E402


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture(scope="session")
def served(site):
    """The built site on 127.0.0.1, as a reader's browser gets it."""
    with serve_directory(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def artefacts():
    ARTEFACTS.mkdir(exist_ok=True)
    return ARTEFACTS


@pytest.fixture
def project_copy(tmp_path):
    """A throwaway copy of the project, to break on purpose and build."""
    from support import copy_project

    return copy_project(tmp_path / "project")
