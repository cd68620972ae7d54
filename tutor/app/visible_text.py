"""Make learner-typed text safe to show: control characters become visible, nothing is interpreted."""

from __future__ import annotations

import unicodedata

# Bidirectional overrides can make shown text read differently from what was typed.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def printable(text: str, limit: int = 2000) -> str:
    """Text with control characters (not newline or tab) shown as U+FFFD, cut to `limit` characters."""
    cleaned = "".join(
        "\ufffd"
        if (ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cs")) or ch in _BIDI_CONTROLS
        else ch
        for ch in text[:limit]
    )
    if len(text) > limit:
        cleaned += f"… ({len(text):,} characters in all)"
    return cleaned
