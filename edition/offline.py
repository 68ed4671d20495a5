"""The offline copy (`make offline`): the whole site as one zip, to unzip and read from file:// with no network.

    python -m edition.offline [ZIP]      (default: site/cnipa-2023-report-offline.zip)

A separate build: `mkdocs build --strict` with mkdocs.offline.yml (mkdocs.yml with every link ending in .html and
a local worker shim), into a temporary folder, so the hosted site and its URLs stay as they are, and nothing is
written into docs/, data/ or seeds/; its pages still name their hosted address as canonical (hooks/events.py,
on_pre_page). Then what Material's offline plugin would do, done here because it must come
after the edition has put its own search index in place of Material's (hooks/events.py, on_post_build):

- search/search_index.js: the index as a script (`var __index = …`), which Material's bundle loads from file://
  by a <script> tag (a fetch of search_index.json fails there);
- javascripts/frame-worker.js: edition/frame_worker.js, the search worker in a hidden frame (Chromium runs no
  Web Worker from file://); the plugin would load its shim from unpkg.com instead.

Left out: the files for crawlers and hosts (robots.txt, sitemap.xml, 404.html), which hold the hosted address,
Material's source maps (*.map, 1.3 MB for developer tools), and the home page's links to the files only the hosted
site holds: this zip and the PDFs of `make pdf` (paragraphs of the classes in DOWNLOADS, docs/index.md; the copy
has the whole-report page, print.html, to print).
The zip holds one folder, FOLDER, its files in a fixed order, dated SOURCE_DATE_EPOCH if set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.offline.yml"
SHIM = Path(__file__).with_name("frame_worker.js")
SHIM_IN_SITE = "javascripts/frame-worker.js"  # as mkdocs.offline.yml's extra.polyfills names it
FOLDER = "cnipa-2023-report-offline"
ZIP_NAME = f"{FOLDER}.zip"  # its name in the built site, which the home page links
ZIP = ROOT / "site" / ZIP_NAME
LEFT_OUT = ["robots.txt", "sitemap.xml", "sitemap.xml.gz", "404.html"]
DOWNLOADS = ["offline-download", "pdf-download"]


class OfflineBuildFailed(RuntimeError):
    pass


def build(site: Path) -> None:
    """The strict build with mkdocs.offline.yml into `site`, then the index as a script and the shim."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(CONFIG), "--site-dir", str(site)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise OfflineBuildFailed(f"the offline build failed:\n{result.stderr}")
    index = site / "search" / "search_index.json"
    (site / "search" / "search_index.js").write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copyfile(SHIM, site / SHIM_IN_SITE)
    for path in [site / name for name in LEFT_OUT] + list(site.rglob("*.map")):
        path.unlink(missing_ok=True)
    home = site / "index.html"
    home.write_text(without_downloads(home.read_text(encoding="utf-8")), encoding="utf-8")


def without_downloads(html: str) -> str:
    classes = "|".join(map(re.escape, DOWNLOADS))
    return re.sub(rf'<p class="[^"]*\b(?:{classes})\b[^"]*"[^>]*>.*?</p>\n?', "", html, flags=re.S)


def write_zip(site: Path, dest: Path) -> None:
    stamp = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH") or time.time()))[:6]
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(dest)  # never a half-written zip where the site links it


def offline_copy(dest: Path = ZIP) -> Path:
    with tempfile.TemporaryDirectory(prefix="offline-") as folder:
        site = Path(folder) / FOLDER
        build(site)
        write_zip(site, dest)
    return dest


if __name__ == "__main__":
    started = time.monotonic()
    try:
        written = offline_copy(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ZIP)
    except OfflineBuildFailed as error:
        sys.exit(str(error))
    with zipfile.ZipFile(written) as archive:
        count = len(archive.namelist())
    print(f"{written}: {written.stat().st_size / 1024:.0f} KiB, {count} files, {time.monotonic() - started:.1f} s")
