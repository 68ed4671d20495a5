"""A Content-Security-Policy for every page: the site's own scripts, styles, images and search worker only.

Material puts a few small scripts inline (its palette and path set-up); they are allowed by their
SHA-256, computed from the page as built, so no other inline script (an injected one) can run.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script>", re.S)
_HEAD = re.compile(r"<head[^>]*>")


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if "src=" in attrs or "application/json" in attrs:
            continue  # a file of the site, or data that never runs
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return list(dict.fromkeys(hashes))


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def add_content_security_policy(html: str) -> str:
    """The page with its policy as the first element of <head> (before anything it governs)."""
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: head.end()] + meta + html[head.end():]
