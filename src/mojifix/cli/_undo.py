"""``mojifix undo REPORT``: put back, byte for byte, every file a ``fix --report`` run wrote.

Every file is checked before any is written: its current bytes must be exactly what the
fix wrote (by SHA-256), and the original rebuilt from them must hash to what was there
before. If any file fails, nothing is written.
"""

from __future__ import annotations

import base64
import binascii
import json
import sys
from typing import Any

from . import _files
from ._errors import UsageError


def undo(report_path: str, *, dry_run: bool = False, quiet: bool = False) -> int:
    entries = _load(report_path)
    plan: list[tuple[str, bytes]] = []
    refusals: list[str] = []
    for shown, info in entries:
        target = info["absolute_path"]
        try:
            current = _files.read(target)
        except _files.FileProblem as exc:
            refusals.append(f"{shown}: {exc}")
            continue
        if _files.sha256(current) != info["sha256_after"]:
            refusals.append(f"{shown}: changed since `mojifix fix` wrote it; not restoring")
            continue
        original = _rebuild(current, info)
        if original is None or _files.sha256(original) != info["sha256_before"]:
            refusals.append(f"{shown}: the report does not rebuild the original bytes; not restoring")
            continue
        plan.append((target, original))
    if refusals:
        for line in refusals:
            print(f"mojifix: {line}", file=sys.stderr)
        print(f"mojifix: undo refused; no file was written ({report_path})", file=sys.stderr)
        return 2
    if not dry_run:
        for target, original in plan:
            try:
                _files.write_atomic(target, original)
            except _files.FileProblem as exc:
                raise UsageError(f"{target}: {exc}") from None
    if not quiet:
        verb = "would restore" if dry_run else "restored"
        print(f"mojifix: {verb} {len(plan)} file{'' if len(plan) == 1 else 's'}", file=sys.stderr)
    return 0


def _load(report_path: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        with open(report_path, encoding="utf-8") as stream:
            doc = json.load(stream)
    except FileNotFoundError:
        raise UsageError(f"{report_path}: no such report") from None
    except IsADirectoryError:
        raise UsageError(f"{report_path}: is a directory, not a report") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{report_path}: cannot read report ({exc})") from None
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{report_path}: not a mojifix report (invalid JSON: {exc.msg}, line {exc.lineno})"
        ) from None
    if not isinstance(doc, dict) or doc.get("schema") != "mojifix.report":
        raise UsageError(f"{report_path}: not a mojifix report (no 'schema': 'mojifix.report')")
    if doc.get("version") != 1:
        raise UsageError(f"{report_path}: unsupported report version {doc.get('version')!r}")
    files = doc.get("files")
    if not isinstance(files, dict):
        raise UsageError(f"{report_path}: malformed report ('files' must be an object)")
    entries: list[tuple[str, dict[str, Any]]] = []
    for shown, entry in files.items():
        info = entry.get("undo") if isinstance(entry, dict) else None
        if info is None:
            continue
        if not _valid(info):
            raise UsageError(f"{report_path}: malformed report (entry {shown!r} lacks undo information)")
        if info["written"]:
            entries.append((shown, info))
    return entries


def _valid(info: Any) -> bool:
    return (
        isinstance(info, dict)
        and all(
            isinstance(info.get(k), str)
            for k in ("absolute_path", "encoding", "sha256_before", "sha256_after")
        )
        and isinstance(info.get("bom"), bool)
        and isinstance(info.get("written"), bool)
        and isinstance(info.get("changes"), list)
    )


def _rebuild(current: bytes, info: dict[str, Any]) -> bytes | None:
    if "original_base64" in info:
        try:
            return base64.b64decode(info["original_base64"], validate=True)
        except (binascii.Error, TypeError):
            return None
    from ..model import Change, Repair

    bom = _files.UTF8_BOM if info["bom"] else b""
    if not current.startswith(bom):
        return None
    try:
        text = current[len(bom) :].decode("utf-8")
        changes = tuple(Change.from_dict(c) for c in info["changes"])
        rebuilt = Repair("", text, changes).undo()
        return bom + rebuilt.encode(info["encoding"])
    except (UnicodeError, LookupError, KeyError, TypeError, ValueError):
        return None
