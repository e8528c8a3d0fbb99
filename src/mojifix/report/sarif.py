"""SARIF 2.1.0 output, for code-scanning dashboards (validated against the OASIS schema in tests).

Columns are counted in Unicode code points (``columnKind: unicodeCodePoints``), as in
every other mojifix report. Each change carries its fix as a SARIF replacement.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterable
from typing import Any

from ..model import Change
from .base import FileReport
from .text import escape

#: One rule per fixer, and one for files that are not UTF-8 at all.
RULES: tuple[tuple[str, str], ...] = (
    ("mojibake", "Text whose bytes were decoded with the wrong encoding (mojibake)."),
    ("c1-controls", "C1 control characters left where Windows-1252 or Mac Roman bytes were read as Latin-1."),
    ("double-byte", "UTF-8 text decoded with a double-byte page (GBK, Shift_JIS, Big5, EUC-KR, EUC-JP)."),
    ("quotes", "Curly quotes that are replaced by straight ones (opt-in)."),
    ("width", "Full-width or half-width forms that are normalised (opt-in)."),
    ("ligatures", "Typographic ligatures that are expanded (opt-in)."),
    ("not-utf8", "A file that is not valid UTF-8."),
)
_INDEX = {rule: i for i, (rule, _) in enumerate(RULES)}


def format_sarif(reports: Iterable[FileReport], *, indent: int | None = 2) -> str:
    return json.dumps(sarif_document(reports), ensure_ascii=False, indent=indent) + "\n"


def sarif_document(reports: Iterable[FileReport]) -> dict[str, Any]:
    from .. import __version__

    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        uri = urllib.parse.quote(report.path.replace("\\", "/"))
        if report.notice and report.level == "error":
            notifications.append({"level": "error", "message": {"text": f"{report.path}: {report.notice}"}})
        elif report.notice:
            results.append(
                {
                    "ruleId": "not-utf8",
                    "ruleIndex": _INDEX["not-utf8"],
                    "level": "warning",
                    "message": {"text": report.notice},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
        results.extend(_result(report, change, uri) for change in report.changes)
    driver = {
        "name": "mojifix",
        "version": __version__,
        "informationUri": "https://pypi.org/project/mojifix/",
        "rules": [
            {
                "id": rule,
                "shortDescription": {"text": text},
                "defaultConfiguration": {"level": "warning"},
            }
            for rule, text in RULES
        ],
    }
    invocation = {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "invocations": [invocation],
                "results": results,
            }
        ],
    }


def _result(report: FileReport, change: Change, uri: str) -> dict[str, Any]:
    rule = change.fixer.split("+")[0]
    region = _region(change)
    fixed = report.is_fixed(change)
    message = f"{escape(change.before)} → {escape(change.after)}: {change.reason}"
    if not fixed:
        message += " (below min-confidence: not fixed)"
    result: dict[str, Any] = {
        "ruleId": rule,
        "ruleIndex": _INDEX.get(rule, 0),
        "level": "warning",
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        "properties": {
            "confidence": round(change.confidence, 4),
            "lossless": change.lossless,
            "damage": str(change.damage),
        },
    }
    if fixed:
        result["fixes"] = [
            {
                "description": {"text": f"Replace with {escape(change.after)}"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {
                                "deletedRegion": {k: v for k, v in region.items() if k != "snippet"},
                                "insertedContent": {"text": change.after},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def _region(change: Change) -> dict[str, Any]:
    newlines = change.before.count("\n")
    if newlines:
        end_line = change.line + newlines
        end_column = len(change.before) - change.before.rfind("\n")
    else:
        end_line, end_column = change.line, change.column + len(change.before)
    return {
        "startLine": change.line,
        "startColumn": change.column,
        "endLine": end_line,
        "endColumn": end_column,
        "snippet": {"text": change.before},
    }
