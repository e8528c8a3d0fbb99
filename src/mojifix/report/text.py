"""The human-readable report: ``path:line:col: before → after  reason (confidence)``."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ..model import Change


def escape(text: str) -> str:
    """Show invisible and confusable characters as escapes (``\\u00a0``, ``\\x9d``).

    >>> escape("a\\u00a0b\\x9d")
    'a\\\\u00a0b\\\\x9d'
    """
    out = []
    for char in text:
        code = ord(char)
        category = unicodedata.category(char)
        if char == " " or (code > 0x20 and code != 0x7F and category[0] not in "CZM"):
            out.append(char)
        elif char == "\\":
            out.append("\\\\")
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}" if category[0] == "C" else f"\\u{code:04x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out)


def format_change(change: Change, path: str = "<text>") -> str:
    """One line for one change."""
    return (
        f"{path}:{change.line}:{change.column}: {escape(change.before)} → {escape(change.after)}"
        f"  {change.reason} ({change.confidence:.2f})"
    )


def format_changes(changes: Iterable[Change], path: str = "<text>") -> str:
    """One line per change, newline-terminated; empty when there are none."""
    return "".join(format_change(c, path) + "\n" for c in changes)
