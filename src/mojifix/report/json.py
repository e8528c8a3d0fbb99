"""The machine-readable report (schema in docs/report-format.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..model import SCHEMA_VERSION, Repair
from .base import FileReport, summary


def report_json(results: Mapping[str, Repair], *, include_text: bool = False, indent: int | None = 2) -> str:
    """A JSON report of several named repairs (files, ``-``): ``{path: Repair}``."""
    return format_json([FileReport(path, repair) for path, repair in results.items()], indent=indent)


def report_document(reports: Iterable[FileReport], *, include_text: bool = False) -> dict[str, Any]:
    """The report as a JSON-ready dict: one entry per input under ``"files"``."""
    from .. import __version__

    reports = list(reports)
    files: dict[str, Any] = {}
    for report in reports:
        entry: dict[str, Any] = {}
        if report.repair is not None:
            entry = report.repair.to_dict(include_text=include_text)
            for change, data in zip(report.repair.changes, entry["changes"], strict=True):
                data["fixed"] = report.is_fixed(change)
        if report.notice:
            entry["notice"] = {"level": report.level, "message": report.notice}
        entry.update(report.meta)
        files[report.path] = entry
    return {
        "schema": "mojifix.report",
        "version": SCHEMA_VERSION,
        "tool": {"name": "mojifix", "version": __version__},
        "files": files,
        "summary": summary(reports),
    }


def format_json(reports: Iterable[FileReport], *, indent: int | None = 2) -> str:
    return json.dumps(report_document(reports), ensure_ascii=False, indent=indent) + "\n"
