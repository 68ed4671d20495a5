"""How the edition reports bad input: one exception, messages that name the file, the entry and the fault."""

from __future__ import annotations

import unicodedata


class EditionError(ValueError):
    """Bad data, a bad page or a report that drifted from the seed. The message is for a person."""


def looks_odd(char: str) -> bool:
    """A character a reader cannot tell apart from another one, or cannot see at all."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp")
        or (unicodedata.category(char) == "Zs" and char != " ")
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs: 﨟 looks like 隷
        or 0x2F800 <= code <= 0x2FA1F
        or 0x2E80 <= code <= 0x2FDF  # CJK and Kangxi radicals: ⻚ looks like 页
    )


def not_utf8(name: str, data: bytes, error: UnicodeDecodeError) -> str:
    """The message for a file that is not UTF-8: its name, the line and the byte where decoding stopped."""
    line = data[: error.start].count(b"\n") + 1
    return f"{name}:{line}: not UTF-8 (byte {data[error.start]:#04x}); save the file as UTF-8"


def shown(text: str) -> str:
    """Text as a message shows it: quoted, with invisible and look-alike characters escaped (\\u200b)."""
    escaped = "".join(
        (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") if looks_odd(c) else c for c in text
    )
    return f"'{escaped}'"
