"""detect → plan → apply: run the fixers and turn their edits into :class:`Change`\\ s.

Fixers run in order, each on the output of the previous ones. Their edits are mapped back
to offsets in the original text; an edit that touches an earlier change is merged with it,
so changes never overlap and ``undo`` is always exact.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._splice import splice
from .config import Config
from .model import Change, Damage, Diagnosis, Finding, Repair

if TYPE_CHECKING:
    from .fixers import Edit

# The fixers (code-page tables, character costs, ftfy) are imported on first use, after
# the ASCII fast path: `mojifix check` on a clean ASCII file never loads them.

__all__ = ["detect", "fix_text", "repair"]

_DEFAULT: Config | None = None


def _default_config() -> Config:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Config()
    return _DEFAULT


@dataclass
class _Pending:
    """A change under construction, in original coordinates."""

    start: int
    end: int
    after: str
    edits: list[tuple[str, Edit]] = field(default_factory=list)


def _compose(current: str, pending: list[_Pending], edits: list[tuple[str, Edit]]) -> list[_Pending]:
    """Merge ``edits`` (offsets in ``current``) into ``pending`` (offsets in the original).

    One walk over both sorted lists: an edit that touches no pending change becomes a new
    one; an edit that overlaps pending changes is merged with them into one change.
    """
    spans: list[tuple[int, int]] = []
    delta = 0
    for p in pending:
        spans.append((p.start + delta, p.start + delta + len(p.after)))
        delta += len(p.after) - (p.end - p.start)
    result: list[_Pending] = []
    shift = 0  # current offset minus original offset, after the changes passed so far
    pi = ei = 0
    while pi < len(pending) or ei < len(edits):
        edit = edits[ei][1] if ei < len(edits) else None
        if edit is None or (pi < len(pending) and spans[pi][1] <= edit.start):
            result.append(pending[pi])  # this pending change lies before every edit left
            shift = spans[pi][1] - pending[pi].end
            pi += 1
            continue
        if pi >= len(pending) or edit.end <= spans[pi][0]:
            result.append(_Pending(edit.start - shift, edit.end - shift, edit.after, [edits[ei]]))
            ei += 1
            continue
        # Overlap: gather every pending change and edit that chains into this group.
        start = min(edit.start, spans[pi][0])
        end = max(edit.end, spans[pi][1])
        group_edits: list[tuple[str, Edit]] = []
        group_pending: list[_Pending] = []
        moved = True
        while moved:
            moved = False
            while pi < len(pending) and spans[pi][0] < end:
                end = max(end, spans[pi][1])
                group_pending.append(pending[pi])
                pi += 1
                moved = True
            while ei < len(edits) and edits[ei][1].start < end:
                end = max(end, edits[ei][1].end)
                group_edits.append(edits[ei])
                ei += 1
                moved = True
        pieces: list[str] = []
        cursor = start
        for _, e in group_edits:
            pieces.append(current[cursor : e.start])
            pieces.append(e.after)
            cursor = e.end
        pieces.append(current[cursor:end])
        group_delta = sum(len(p.after) - (p.end - p.start) for p in group_pending)
        ostart, oend = start - shift, end - shift - group_delta
        history = [e for p in group_pending for e in p.edits] + group_edits
        result.append(_Pending(ostart, oend, "".join(pieces), history))
        shift += group_delta
    return result


def _render(original: str, pending: list[_Pending]) -> str:
    return splice(original, pending)


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0]
        index = text.find("\n")
        while index != -1:
            self.starts.append(index + 1)
            index = text.find("\n", index + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _finish(original: str, pending: list[_Pending]) -> tuple[Change, ...]:
    if not pending:
        return ()
    lines = _Lines(original)
    changes = []
    delta = 0
    for p in pending:
        before = original[p.start : p.end]
        new_start = p.start + delta
        delta += len(p.after) - len(before)
        if before == p.after:
            continue
        names = [n for n, _ in p.edits]
        edits = [e for _, e in p.edits]
        line, column = lines.position(p.start)
        primary = edits[0]
        changes.append(
            Change(
                start=p.start,
                end=p.end,
                new_start=new_start,
                new_end=new_start + len(p.after),
                line=line,
                column=column,
                before=before,
                after=p.after,
                fixer="+".join(dict.fromkeys(names)),
                damage=primary.damage
                if len(edits) == 1
                else Damage(
                    "+".join(dict.fromkeys(e.damage.kind for e in edits)),
                    tuple(layer for e in edits for layer in e.damage.layers),
                ),
                reason="; ".join(dict.fromkeys(e.reason for e in edits)),
                confidence=min(e.confidence for e in edits),
                lossless=all(e.lossless for e in edits),
            )
        )
    return tuple(changes)


def _changes(original: str, edits: list[tuple[int, int, str, Change, str]]) -> Repair:
    """A Repair of ``original`` from ordered, non-overlapping replacements, each described
    by an existing change (of another text) and a reason: the same bookkeeping as fixers'
    edits get."""
    from .fixers import Edit

    pending = [
        _Pending(
            a,
            b,
            after,
            [(like.fixer, Edit(a, b, after, like.damage, reason, like.confidence, like.lossless))],
        )
        for a, b, after, like, reason in edits
    ]
    return Repair(original, _render(original, pending), _finish(original, pending))


def repair(text: str, *, config: Config | None = None, format: str = "auto") -> Repair:
    """Find and repair encoding damage in ``text``; every edit is recorded.

    ``format`` says how to read the text: ``"text"``, ``"html"`` (repairs inside character
    references, never in markup), ``"json"`` (inside string escapes; the document still
    parses) or ``"auto"`` (the default: chosen from the content, see
    :func:`mojifix.formats.sniff`).

    >>> r = repair("Syriaâ€™s")
    >>> r.text, r.changes[0].before, r.undo()
    ('Syria’s', 'â€™', 'Syriaâ€™s')
    >>> repair("It&acirc;&#128;&#153;s", format="html").text
    'It’s'
    """
    if not isinstance(text, str):
        raise TypeError(f"repair() takes str, not {type(text).__name__}; decode bytes to str first")
    fmt = format
    if fmt == "auto":
        if text.isascii() and "&" not in text and "\\u" not in text:
            return Repair(text, text, ())
        from .formats import sniff

        fmt = sniff(text)
    if fmt != "text":
        from .formats import FORMATS, repair_format

        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
        return repair_format(text, fmt, lambda view: repair(view, config=config, format="text"))
    if text.isascii():
        return Repair(text, text, ())
    config = config or _default_config()
    from ._nonascii import forget
    from .detection.sequences import forget as forget_runs
    from .fixers import REGISTRY

    pending: list[_Pending] = []
    current = text
    try:
        for name in config.fixer_names():
            edits = REGISTRY[name].find(current)
            if config.min_confidence:
                edits = [e for e in edits if e.confidence >= config.min_confidence]
            if config.allow and edits:
                allowed = config.allowed_spans(current)
                edits = [e for e in edits if not any(s < e.end and e.start < t for s, t in allowed)]
            if edits:
                pending = _compose(current, pending, [(name, e) for e in edits])
                current = _render(text, pending)
    finally:
        forget()  # the fixers' shared look at the text's non-ASCII characters
        forget_runs()  # runs read past lost bytes
    return Repair(text, current, _finish(text, pending))


def fix_text(text: str, *, config: Config | None = None, format: str = "auto") -> str:
    """The repaired text, nothing else: ``fix_text("cafÃ©") == "café"``."""
    return repair(text, config=config, format=format).text


def detect(text: str, *, config: Config | None = None, format: str = "auto") -> Diagnosis:
    """Findings without editing: each damaged span, its damage and whether it is repairable.

    Repairable findings are the changes :func:`repair` would make. Text that still looks
    like mojibake after repair (by ftfy's ``badness`` patterns) is reported as damaged but
    not repairable, with low confidence.
    """
    result = repair(text, config=config, format=format)
    findings = [
        Finding(c.start, c.end, c.line, c.column, c.before, c.damage, c.confidence, True, c.lossless, c.after)
        for c in result.changes
    ]
    if not result.text.isascii():
        from ftfy.badness import BADNESS_RE

        lines = _Lines(text)
        spans: list[tuple[int, int]] = []
        for match in BADNESS_RE.finditer(result.text):
            start, end = _to_original(result, *match.span())
            if start is None or end is None:
                continue
            # Matches in one run of non-space characters are one finding.
            if spans and start <= spans[-1][1] + 1 and not text[spans[-1][1] : start].isspace():
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        for start, end in spans:
            # The finding covers the whole run of non-ASCII characters it sits in.
            while start > 0 and not text[start - 1].isascii() and not text[start - 1].isspace():
                start -= 1
            while end < len(text) and not text[end].isascii() and not text[end].isspace():
                end += 1
            line, column = lines.position(start)
            findings.append(
                Finding(start, end, line, column, text[start:end], Damage("suspicious"), 0.3, False, False)
            )
    findings.sort(key=lambda f: (f.start, f.end))
    return Diagnosis(tuple(findings))


def _to_original(result: Repair, start: int, end: int) -> tuple[int | None, int | None]:
    """Map a span of the repaired text back to the original, or None if it touches a change."""
    delta = 0
    for change in result.changes:
        if change.new_start < end and start < change.new_end:
            return None, None
        if change.new_end <= start:
            delta = change.end - change.new_end
    return start + delta, end + delta
