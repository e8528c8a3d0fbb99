"""One file, start to finish: read, decode, repair, honour suppressions, write.

This runs in worker processes, so its input (:class:`Job`) and output
(:class:`Outcome`) are plain picklable data. Nothing here prints.
"""

from __future__ import annotations

import functools
import os
import pathlib
import re
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from . import _files
from ._settings import Settings

if TYPE_CHECKING:
    from ..config import Config
    from ..model import Repair, Segment
    from ._walk import Excluder

_SKIP_FILE = "mojifix: skip-file"
_IGNORE_NEXT = "mojifix: ignore-next-line"
_IGNORE_LINE = re.compile(r"mojifix: ignore(?!-)")


class Job(NamedTuple):
    path: str  # as shown; "-" for standard input
    real: str  # where to read and write
    explicit: bool
    mode: str  # "check", "fix" or "diff"
    settings: Settings
    convert: bool = False
    data: bytes | None = None  # given for standard input


class Outcome:
    """What happened to one file. ``status`` is one of clean, damage, fixed, not-utf8,
    binary, skipped, error."""

    def __init__(
        self,
        path: str,
        status: str,
        message: str | None = None,
        repair: Repair | None = None,
        applied: Repair | None = None,
        encoding: str = "utf-8",
    ) -> None:
        self.path = path
        self.status = status
        self.message = message
        self.repair = repair  # reported changes (some may be below the fix threshold)
        self.applied = applied  # what was (or would be) written
        self.encoding = encoding
        self.new_data: bytes | None = None  # the bytes written (or, for stdin and --diff, to write)
        self.diff = ""
        self.record: dict[str, Any] = {}  # undo information for --report
        self.segments: list[dict[str, Any]] = []  # byte ranges and their encodings (non-UTF-8 files)
        self.unrepairable = 0  # C1 controls that no fixer could read back


def process(job: Job) -> Outcome:
    try:
        return _process(job)
    except _files.FileProblem as exc:
        return Outcome(job.path, "error", str(exc))


def _process(job: Job) -> Outcome:
    if job.data is None and _size(job.real) > STREAM_BYTES:
        return _process_stream(job)
    data = job.data if job.data is not None else _files.read(job.real)
    if _files.is_binary(data):
        if job.explicit:
            return Outcome(job.path, "error", "looks like a binary file, not text")
        return Outcome(job.path, "binary", "skipped: binary file")
    decoded = _files.decode_utf8(data)
    converted = False
    if decoded is None:
        from ..decode import BinaryInputError, decode_bytes

        try:
            bom, segments, text = decode_bytes(data)
        except BinaryInputError:
            return Outcome(job.path, "not-utf8", "not valid UTF-8, and not in any encoding it could detect")
        names = list(dict.fromkeys(s.encoding for s in segments))
        if len(names) > 1:
            looks = "mixed encodings: " + ", ".join(
                f"{name} ({_share(segments, name)} of the bytes)" for name in names
            )
        else:
            looks = f"looks like {names[0]}"
        found = [{"start": s.start, "end": s.end, "encoding": s.encoding} for s in segments]
        if not (job.convert and job.mode != "check"):
            outcome = Outcome(
                job.path,
                "not-utf8",
                f"not valid UTF-8; {looks} — `mojifix fix --convert-to-utf8` converts it",
                encoding=names[0] if len(names) == 1 else "mixed",
            )
            outcome.segments = found
            return outcome
        decoded = _files.Decoded(text, names[0] if len(names) == 1 else "mixed", bom)
        converted = True
    text = decoded.text
    if _SKIP_FILE in text:
        return Outcome(job.path, "skipped", "skipped: mojifix: skip-file", encoding=decoded.encoding)
    settings = job.settings
    escapes = settings.format != "text" and ("&" in text or "\\u" in text)
    if text.isascii() and not converted and not escapes:
        return Outcome(job.path, "clean", encoding=decoded.encoding)  # nothing to repair in ASCII

    from ..formats import format_for_path
    from ..pipeline import repair

    fmt = format_for_path(str(job.path)) if settings.format == "auto" else settings.format
    config = _config(settings, _file_ignores(settings, job.path))
    reported = _suppress(repair(text, config=config, format=fmt))
    applied = reported.select(lambda c: c.confidence >= settings.min_confidence)
    outcome = Outcome(job.path, "damage" if reported.changes else "clean", None, reported, applied)
    outcome.encoding = decoded.encoding
    left, first = _controls_left(reported) if "c1-controls" in config.fixer_names() else (0, 0)
    if left:
        outcome.status = "damage"
        outcome.unrepairable = left
        outcome.message = (
            f"{left} C1 control character{'s' if left > 1 else ''} (first on line {first}) that no "
            "fixer can repair: UTF-8 read as Latin-1 with bytes lost"
        )
    if converted:
        outcome.segments = found
        outcome.status = "damage"
        outcome.message = f"converted from {decoded.encoding} to UTF-8"
    if job.mode == "check" or not (applied.changes or converted):
        return outcome
    # A converted file is written as UTF-8 without its old byte-order mark.
    new_data = (b"" if converted else decoded.bom) + applied.text.encode("utf-8")
    outcome.new_data = new_data
    if job.mode == "diff":
        from ..report import unified_diff

        outcome.diff = unified_diff(job.path, text, applied.text)
        if converted and not outcome.diff:
            outcome.diff = (
                f"--- a/{job.path}\n+++ b/{job.path}\n(encoding only: {decoded.encoding} → utf-8)\n"
            )
        return outcome
    outcome.record = _undo_record(job, data, new_data, decoded, applied, converted)
    if job.data is None:
        _files.write_atomic(job.real, new_data)
        outcome.record["written"] = True
    outcome.status = "fixed"
    return outcome


#: Files larger than this are streamed in bounded memory (no inline suppressions, no diff).
STREAM_BYTES = 64 << 20


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # reading will report the problem


class _Discard(Exception):
    """Raised inside a streamed write to leave the file untouched."""


class _Hashing:
    """A binary reader or writer that hashes what passes through it."""

    def __init__(self, stream: BinaryIO) -> None:
        import hashlib

        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        return data

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.stream.write(data)


def _process_stream(job: Job) -> Outcome:
    """A large file, chunk by chunk: check counts, fix writes through a temporary file."""
    from ..decode import BinaryInputError, StreamResult, repair_stream
    from ..model import Repair

    settings = job.settings
    import dataclasses

    # Streaming applies what it finds at once: the fix threshold, not the report one.
    config = dataclasses.replace(
        _config(settings, _file_ignores(settings, job.path)), min_confidence=settings.min_confidence
    )
    holder: list[StreamResult] = []
    hashes: list[str] = []

    def produce(sink: BinaryIO) -> None:
        try:
            with open(job.real, "rb") as raw:
                source, out = _Hashing(raw), _Hashing(sink)
                result = repair_stream(source, out, config=config)  # type: ignore[arg-type]
        except OSError as exc:
            raise _files.FileProblem(exc.strerror or str(exc)) from None
        holder.append(result)
        hashes.extend([source.digest.hexdigest(), out.digest.hexdigest()])
        plain = result.encoding in ("utf-8", "ascii")
        if job.mode != "fix" or (not result.changes and plain) or (not plain and not job.convert):
            raise _Discard

    try:
        if job.mode == "fix":
            _files.write_atomic_with(job.real, produce)
        else:
            produce(_NullSink())  # type: ignore[arg-type]
    except _Discard:
        pass
    except BinaryInputError:
        if job.explicit:
            return Outcome(job.path, "error", "looks like a binary file, not text")
        return Outcome(job.path, "binary", "skipped: binary file")
    result = holder[0]
    changes = tuple(result.changes)
    record = Repair("", "", changes)
    outcome = Outcome(job.path, "damage" if changes else "clean", None, record, record, result.encoding)
    if result.encoding not in ("utf-8", "ascii"):
        outcome.status = "not-utf8" if not job.convert or job.mode == "check" else "damage"
        outcome.message = f"not valid UTF-8; looks like {result.encoding}"
    if job.mode == "diff" and (changes or outcome.status == "not-utf8"):
        outcome.message = "too large for --diff (streamed); use check to list the changes"
    if job.mode == "fix" and (changes or (job.convert and outcome.status != "clean")):
        outcome.status = "fixed"
        outcome.new_data = b""
        outcome.record = {
            "absolute_path": str(pathlib.Path(job.real).resolve()),
            "encoding": result.encoding,
            "bom": _starts_with_bom(job.real),
            "sha256_before": hashes[0],
            "sha256_after": hashes[1],
            "written": True,
            "changes": [c.to_dict() for c in changes],
            "streamed": True,
        }
    return outcome


def _starts_with_bom(path: str) -> bool:
    with open(path, "rb") as stream:
        return stream.read(3) == _files.UTF8_BOM


class _NullSink:
    def write(self, data: bytes) -> int:
        return len(data)


def _share(segments: tuple[Segment, ...], name: str) -> str:
    total = segments[-1].end - segments[0].start or 1
    part = sum(s.end - s.start for s in segments if s.encoding == name)
    return f"{100 * part / total:.0f} %"


def _undo_record(
    job: Job, data: bytes, new_data: bytes, decoded: _files.Decoded, applied: Repair, converted: bool
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "absolute_path": str(pathlib.Path(job.real).resolve()),
        "encoding": decoded.encoding,
        "bom": bool(decoded.bom) and not converted,
        "sha256_before": _files.sha256(data),
        "sha256_after": _files.sha256(new_data),
        "written": False,
        # the changes as applied, with offsets into the written text
        "changes": [c.to_dict() for c in applied.changes],
    }
    # Undo rebuilds the original from the written text and the changes; a converted file
    # (perhaps of several encodings) keeps its original bytes in the report instead.
    try:
        rebuilt = b"" if converted else decoded.bom + applied.undo().encode(decoded.encoding)
    except (UnicodeEncodeError, LookupError):
        rebuilt = b""
    if rebuilt != data:
        import base64

        record["original_base64"] = base64.b64encode(data).decode("ascii")
    return record


def _controls_left(result: Repair) -> tuple[int, int]:
    """How many C1 controls (U+0080-U+009F, never text) the repair leaves outside lines
    marked ``mojifix: ignore``, and the first line that holds one: damage that no fixer
    could read back."""
    if not _C1.search(result.text):
        return 0, 0
    quiet = _quiet_lines(result.text)
    found = [
        (number, len(_C1.findall(line)))
        for number, line in enumerate(result.text.split("\n"), start=1)
        if number not in quiet and _C1.search(line)
    ]
    return sum(n for _, n in found), found[0][0] if found else 0


_C1 = re.compile("[\x80-\x9f]")


def _quiet_lines(text: str) -> set[int]:
    """The lines marked ``mojifix: ignore``, and those after ``mojifix: ignore-next-line``."""
    quiet: set[int] = set()
    if "mojifix: ignore" not in text:
        return quiet
    for number, line in enumerate(text.split("\n"), start=1):
        if _IGNORE_NEXT in line:
            quiet.add(number + 1)
        if _IGNORE_LINE.search(line):
            quiet.add(number)
    return quiet


def _suppress(result: Repair) -> Repair:
    """Drop changes on lines marked ``mojifix: ignore`` or after ``mojifix: ignore-next-line``."""
    if not result.changes or "mojifix: ignore" not in result.original:
        return result
    quiet = _quiet_lines(result.original)
    return result.select(
        lambda c: not any(n in quiet for n in range(c.line, c.line + c.before.count("\n") + 1))
    )


def _file_ignores(settings: Settings, path: str) -> tuple[str, ...]:
    if not settings.per_file_ignores or path == "-":
        return ()
    names: list[str] = []
    for matcher, fixers in _per_file_matchers(settings):
        if matcher.excluded(pathlib.Path(path)):
            names.extend(fixers)
    return tuple(names)


@functools.lru_cache(maxsize=16)
def _per_file_matchers(settings: Settings) -> tuple[tuple[Excluder, tuple[str, ...]], ...]:
    """One matcher per per-file-ignores glob, built once rather than for every file."""
    from ._walk import Excluder

    return tuple(
        (Excluder(Settings(root=settings.root, exclude=(glob,))), fixers)
        for glob, fixers in settings.per_file_ignores
    )


@functools.lru_cache(maxsize=64)
def _config(settings: Settings, extra_ignores: tuple[str, ...]) -> Config:
    from ..config import Config

    allow = tuple(re.escape(s) for s in settings.allow) + settings.allow_patterns
    return Config(
        select=settings.select,
        extend_select=settings.extend_select,
        ignore=settings.ignore + extra_ignores,
        min_confidence=settings.report_threshold,
        allow=allow,
    )
