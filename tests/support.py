"""Helpers several test modules need, in one place: building, serving, copying the project, reading pages.

The constants of this report (its pages, its paragraphs) come from the loaded edition, never typed here.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = ROOT / "test-artefacts"
PROJECT_PARTS = ["mkdocs.yml", "docs", "hooks", "macros", "edition", "data", "overrides", "seeds"]


def mkdocs_build(dest: Path, config: Path = ROOT / "mkdocs.yml", extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """The real strict build, as a reader's host would run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(dest)],
        cwd=config.parent, env=env, capture_output=True, text=True,
    )


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """A copy of the project's sources (what a build reads), to change on purpose."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest


def build_copy(project: Path) -> subprocess.CompletedProcess:
    return mkdocs_build(project / "site", config=project / "mkdocs.yml")


def edit_yaml(project: Path, name: str, change) -> None:
    """Apply `change` to data/<name> (loaded as YAML) in a project copy, and write it back."""
    import yaml

    path = project / "data" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def error_with_broken_data(project: Path, name: str, change) -> str:
    """Apply `change` to data/<name> in a project copy and load it as the build's first step does: the message."""
    from edition import EditionError

    edit_yaml(project, name, change)
    try:
        load_project(project)
    except EditionError as error:
        return str(error)
    return ""


def nav_of(project: Path) -> list:
    """mkdocs.yml's nav, read as plain YAML (its other tags, !ENV and python objects, are not needed here)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["nav"]


def load_project(project: Path = ROOT):
    """The edition of a project (the real one by default), loaded as the build loads it, without MkDocs."""
    from edition import load_edition
    from edition.report import nav_sources

    return load_edition(project, project / "docs", nav_sources(nav_of(project)))


def page_url(src: str) -> str:
    """The URL MkDocs gives a page source (use_directory_urls), below the site root."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


@functools.cache
def edition():
    return load_project()


def report_pages() -> list[str]:
    """The report pages' URLs in report order, from the loaded edition."""
    return [page_url(page.src) for page in edition().report.pages]


def chromium_path() -> str:
    """Debian's Chromium: $CHROMIUM if set, else `chromium` on PATH. Never a downloaded browser."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "Chromium is missing: run `make setup` (installs Debian's chromium) or set CHROMIUM"
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_directory(directory: Path, handler=QuietHandler, port: int = 0):
    """Serve a built site on 127.0.0.1 while the block runs; yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def site_path(site: Path, page: str, href: str) -> str:
    """Where a link on `page` (a URL below the site root) points, as a URL below the site root (anchor dropped)."""
    target = (site / page / urlparse(href).path).resolve().relative_to(site.resolve()).as_posix()
    return "" if target == "." else target + "/"
