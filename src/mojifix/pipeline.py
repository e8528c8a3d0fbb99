"""detect → plan → apply: run the fixers and turn their edits into :class:`Change`\\ s.

Fixers run in order, each on the output of the previous ones. Their edits are mapped back
to offsets in the original text; an edit that touches an earlier change is merged with it,
so changes never overlap and ``undo`` is always exact.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ftfy.badness import BADNESS_RE

from .config import Config
from .fixers import REGISTRY, Edit
from .model import Change, Damage, Diagnosis, Finding, Repair

__all__ = ["detect", "fix_text", "repair"]

_DEFAULT = Config()


@dataclass
class _Pending:
    """A change under construction, in original coordinates."""

    start: int
    end: int
    after: str
    edits: list[tuple[str, Edit]] = field(default_factory=list)


def _compose(
    original: str, current: str, pending: list[_Pending], edits: list[tuple[str, Edit]]
) -> list[_Pending]:
    # Where each pending change sits in ``current``.
    spans: list[tuple[int, int]] = []
    delta = 0
    for p in pending:
        spans.append((p.start + delta, p.start + delta + len(p.after)))
        delta += len(p.after) - (p.end - p.start)
    result = list(pending)
    cur_spans = list(spans)
    for name, edit in reversed(edits):  # right to left keeps left coordinates valid
        overlap = [
            k
            for k, (s, e) in enumerate(cur_spans)
            if (s < edit.end and edit.start < e) or (s == e == edit.start)
        ]
        if overlap:
            first, last = overlap[0], overlap[-1]
            cs = min(edit.start, cur_spans[first][0])
            ce = max(edit.end, cur_spans[last][1])
            ostart = result[first].start - (cur_spans[first][0] - cs)
            oend = result[last].end + (ce - cur_spans[last][1])
            after = current[cs : edit.start] + edit.after + current[edit.end : ce]
            merged = _Pending(
                ostart, oend, after, [e for k in overlap for e in result[k].edits] + [(name, edit)]
            )
            result[first : last + 1] = [merged]
            cur_spans[first : last + 1] = [(cs, cs + len(after))]
        else:
            k = bisect.bisect_left([s for s, _ in cur_spans], edit.start)
            shift = 0 if k == 0 else cur_spans[k - 1][1] - result[k - 1].end
            ostart, oend = edit.start - shift, edit.end - shift
            result.insert(k, _Pending(ostart, oend, edit.after, [(name, edit)]))
            cur_spans.insert(k, (edit.start, edit.start + len(edit.after)))
    return result


def _render(original: str, pending: list[_Pending]) -> str:
    parts: list[str] = []
    cursor = 0
    for p in pending:
        parts.append(original[cursor : p.start])
        parts.append(p.after)
        cursor = p.end
    parts.append(original[cursor:])
    return "".join(parts)


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


def repair(text: str, *, config: Config | None = None) -> Repair:
    """Find and repair encoding damage in ``text``; every edit is recorded.

    >>> r = repair("Syriaâ€™s")
    >>> r.text, r.changes[0].before, r.undo()
    ('Syria’s', 'â€™', 'Syriaâ€™s')
    """
    if not isinstance(text, str):
        raise TypeError(f"repair() takes str, not {type(text).__name__}; use repair_bytes for bytes")
    config = config or _DEFAULT
    if text.isascii():
        return Repair(text, text, ())
    pending: list[_Pending] = []
    current = text
    for name in config.fixer_names():
        edits = REGISTRY[name].find(current)
        if config.min_confidence:
            edits = [e for e in edits if e.confidence >= config.min_confidence]
        if config.allow and edits:
            allowed = config.allowed_spans(current)
            edits = [e for e in edits if not any(s < e.end and e.start < t for s, t in allowed)]
        if edits:
            pending = _compose(text, current, pending, [(name, e) for e in edits])
            current = _render(text, pending)
    return Repair(text, current, _finish(text, pending))


def fix_text(text: str, *, config: Config | None = None) -> str:
    """The repaired text, nothing else: ``fix_text("cafÃ©") == "café"``."""
    return repair(text, config=config).text


def detect(text: str, *, config: Config | None = None) -> Diagnosis:
    """Findings without editing: each damaged span, its damage and whether it is repairable.

    Repairable findings are the changes :func:`repair` would make. Text that still looks
    like mojibake after repair (by ftfy's ``badness`` patterns) is reported as damaged but
    not repairable, with low confidence.
    """
    result = repair(text, config=config)
    findings = [
        Finding(c.start, c.end, c.line, c.column, c.before, c.damage, c.confidence, True, c.lossless, c.after)
        for c in result.changes
    ]
    if not result.text.isascii():
        lines = _Lines(text)
        for match in BADNESS_RE.finditer(result.text):
            start, end = _to_original(result, *match.span())
            if start is None or end is None:
                continue
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
