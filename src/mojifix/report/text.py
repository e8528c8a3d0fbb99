"""Human-readable reports: ``full`` (with a context line, optionally coloured) and ``concise``.

A line reads ``path:line:col: before → after  reason (confidence)``. Invisible and
confusable characters are always escaped, so a no-break space or a C1 control is visible.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from ..model import Change
from .base import FileReport

_CONTEXT = 36  # characters of context shown either side of a change


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
    """One line for one change.

    >>> from mojifix import repair
    >>> format_change(repair("cafÃ©").changes[0], "menu.txt")
    'menu.txt:1:4: Ã© → é  UTF-8 bytes decoded as Windows-1252 (1.00)'
    """
    return (
        f"{path}:{change.line}:{change.column}: {escape(change.before)} → {escape(change.after)}"
        f"  {change.reason} ({change.confidence:.2f})"
    )


def format_changes(changes: Iterable[Change], path: str = "<text>") -> str:
    """One line per change, newline-terminated; empty when there are none."""
    return "".join(format_change(c, path) + "\n" for c in changes)


Paint = Callable[[str, str], str]


def _plain(text: str, _style: str) -> str:
    return text


def _ansi() -> Paint:
    from termcolor import colored

    styles: dict[str, dict[str, object]] = {
        "path": {"attrs": ["bold"]},
        "before": {"color": "red"},
        "after": {"color": "green"},
        "dim": {"attrs": ["dark"]},
        "notice": {"color": "yellow"},
        "error": {"color": "red", "attrs": ["bold"]},
    }

    def paint(text: str, style: str) -> str:
        return colored(text, force_color=True, **styles[style])  # type: ignore[arg-type]

    return paint


def format_full(reports: Iterable[FileReport], *, color: bool = False) -> str:
    """Each change with its reason and a line of context; file-level notices."""
    paint = _ansi() if color else _plain
    out: list[str] = []
    for report in reports:
        if report.notice:
            style = "error" if report.level == "error" else "notice"
            out.append(f"{paint(report.path, 'path')}: {paint(report.notice, style)}\n")
        for change in report.changes:
            note = "" if report.is_fixed(change) else ", below min-confidence: not fixed"
            out.append(
                f"{paint(report.path, 'path')}:{change.line}:{change.column}: "
                f"{paint(escape(change.before), 'before')} → {paint(escape(change.after), 'after')}"
                f"  {change.reason} {paint(f'({change.confidence:.2f}{note})', 'dim')}\n"
            )
            assert report.repair is not None
            out.append(_context(report.repair.original, change, paint))
    return "".join(out)


def format_concise(reports: Iterable[FileReport]) -> str:
    """One line per change or notice, no context."""
    out: list[str] = []
    for report in reports:
        if report.notice:
            out.append(f"{report.path}: {report.notice}\n")
        out.extend(
            f"{report.path}:{c.line}:{c.column}: {escape(c.before)} → {escape(c.after)}\n"
            for c in report.changes
        )
    return "".join(out)


def _context(original: str, change: Change, paint: Paint) -> str:
    line_start = original.rfind("\n", 0, change.start) + 1
    line_end = original.find("\n", change.end)
    if line_end == -1:
        line_end = len(original)
    left_start = max(line_start, change.start - _CONTEXT)
    right_end = min(line_end, change.end + _CONTEXT)
    left = escape(original[left_start : change.start].lstrip())
    right = escape(original[change.end : right_end].rstrip("\r"))
    left = ("…" if left_start > line_start else "") + left
    right = right + ("…" if right_end < line_end else "")
    return f"    {paint('|', 'dim')} {left}{paint(escape(change.before), 'before')}{right}\n"
