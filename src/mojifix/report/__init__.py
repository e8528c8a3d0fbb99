"""Emitters over a list of :class:`FileReport`. They format; they never decide and never print.

Formats: ``full`` and ``concise`` (text), ``json`` (versioned schema), ``sarif`` (2.1.0),
``github`` (workflow annotations); :func:`unified_diff` for ``fix --diff``.
"""

from .base import FileReport, summary
from .diff import unified_diff
from .github import format_github
from .json import format_json, report_document, report_json
from .sarif import format_sarif, sarif_document
from .text import escape, format_change, format_changes, format_concise, format_full

__all__ = [
    "FileReport",
    "escape",
    "format_change",
    "format_changes",
    "format_concise",
    "format_full",
    "format_github",
    "format_json",
    "format_sarif",
    "report_document",
    "report_json",
    "sarif_document",
    "summary",
    "unified_diff",
]
