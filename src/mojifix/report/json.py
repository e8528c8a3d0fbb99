"""The machine-readable report (schema in docs/report-format.md)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..model import SCHEMA_VERSION, Repair


def report_json(results: Mapping[str, Repair], *, include_text: bool = False, indent: int | None = 2) -> str:
    """A JSON document describing repairs of several named inputs (files, ``-``).

    Each entry is :meth:`Repair.to_dict`, keyed by path, under ``"files"``.
    """
    doc = {
        "schema": "mojifix.report",
        "version": SCHEMA_VERSION,
        "files": {path: r.to_dict(include_text=include_text) for path, r in results.items()},
        "summary": {
            "files": len(results),
            "files_changed": sum(1 for r in results.values() if r.changes),
            "changes": sum(len(r.changes) for r in results.values()),
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=indent)
