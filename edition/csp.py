"""A Content-Security-Policy for every page: the site's own scripts, styles, images and search worker only.

Material puts a few small scripts inline (its palette and path set-up), and a report page carries its running
head as a few bytes of print CSS; they are allowed by their SHA-256, computed from the page as built, so no
other inline script or style (an injected one) can apply.
The 404 page loads nothing at all (a host serves it at any address): its one inline style is allowed
by its SHA-256 in the same way, and its search form may go to the site's home only.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script>", re.S)
_INLINE_STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style>", re.S)
_HEAD = re.compile(r"<head[^>]*>")
_HOST = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]+)?$")  # what a source expression may hold, written as it is


def sha256_source(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
            continue  # a file of the site, or data that never runs
        hashes.append(sha256_source(match.group("body")))
    return list(dict.fromkeys(hashes))


def inline_style_hashes(html: str) -> list[str]:
    return list(dict.fromkeys(sha256_source(m.group("body")) for m in _INLINE_STYLE.finditer(html)))


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    styles = " ".join(["'self'", *inline_style_hashes(html)])
    return (
        # fonts, fetches and the search worker fall back to default-src: the site's own only
        f"default-src 'self'; script-src {scripts}; style-src {styles}; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def standalone_policy(html: str, home: str) -> str:
    """A page that asks for nothing (the 404): no script, its inline style by hash, forms to the site's home only."""
    parts = urlsplit(home)
    plain = parts.scheme in ("http", "https") and _HOST.match(parts.netloc)
    target = f"{parts.scheme}://{parts.netloc}" if plain else "'self'"
    styles = " ".join(inline_style_hashes(html)) or "'none'"
    return (f"default-src 'none'; style-src {styles}; img-src data:; form-action {target}; "
            "base-uri 'none'; object-src 'none'")


def add_content_security_policy(html: str, page_policy: str | None = None) -> str:
    """The page with its policy as the first element of <head> (before anything it governs)."""
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{page_policy or policy(html)}">'
    return html[: head.end()] + meta + html[head.end():]
