"""GitHub Actions workflow commands: each change becomes an annotation on the pull request.

``::warning file=notes.md,line=3,col=7,endColumn=10,title=mojifix (mojibake)::Ã© → é …``
"""

from __future__ import annotations

from collections.abc import Iterable

from .base import FileReport
from .text import escape


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(reports: Iterable[FileReport]) -> str:
    """One workflow command per change or file-level notice.

    >>> from mojifix import repair
    >>> command, properties, message = format_github([FileReport("a.txt", repair("cafÃ©"))]).split(" ", 2)
    >>> command, properties
    ('::warning', 'file=a.txt,line=1,col=4,endLine=1,endColumn=6,title=mojifix')
    >>> message.rstrip()
    '(mojibake)::Ã© → é  UTF-8 bytes decoded as Windows-1252 (1.00)'
    """
    out: list[str] = []
    for report in reports:
        path = _property(report.path)
        if report.notice:
            level = "error" if report.level == "error" else "warning"
            out.append(f"::{level} file={path},title=mojifix::{_data(report.notice)}\n")
        for c in report.changes:
            end_line = c.line + c.before.count("\n")
            end_col = len(c.before) - c.before.rfind("\n") if "\n" in c.before else c.column + len(c.before)
            title = _property(f"mojifix ({c.fixer})")
            note = "" if report.is_fixed(c) else ", below min-confidence: not fixed"
            message = f"{escape(c.before)} → {escape(c.after)}  {c.reason} ({c.confidence:.2f}{note})"
            out.append(
                f"::warning file={path},line={c.line},col={c.column},endLine={end_line},"
                f"endColumn={end_col},title={title}::{_data(message)}\n"
            )
    return "".join(out)
