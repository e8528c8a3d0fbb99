"""Plain data: what damage was found, what was changed, and how to undo it.

Nothing in this module knows anything about encodings; it only stores and replays edits.
Offsets are Python string indices (code points). ``Change.start``/``end`` index the
original text, ``new_start``/``new_end`` the repaired text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from ._splice import splice

__all__ = [
    "SCHEMA_VERSION",
    "BytesRepair",
    "Change",
    "Damage",
    "Diagnosis",
    "Finding",
    "Layer",
    "Repair",
    "Segment",
]

#: Version of the JSON report schema (docs/report-format.md). Bump on incompatible change.
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Layer:
    """One wrong decode: bytes in ``encoding`` were read as ``decoded_as``.

    ``holes`` says how the bytes that ``decoded_as`` leaves undefined were filled:
    ``"windows-1252"``, ``"latin-1 C1"``, ``"lost"`` (U+FFFD or ``?``), or ``None``
    when no hole was involved.
    """

    encoding: str
    decoded_as: str
    holes: str | None = None

    def __str__(self) -> str:
        holes = f" (holes: {self.holes})" if self.holes else ""
        return f"{self.encoding} → {self.decoded_as}{holes}"


@dataclass(frozen=True)
class Damage:
    """What happened to a span: a family name and the wrong decodes, outermost last."""

    kind: str
    layers: tuple[Layer, ...] = ()

    def __str__(self) -> str:
        if not self.layers:
            return self.kind
        return ", then ".join(str(layer) for layer in self.layers)


@dataclass(frozen=True)
class Change:
    """One edit: ``before`` at ``start:end`` of the original became ``after``."""

    start: int
    end: int
    new_start: int
    new_end: int
    line: int
    column: int
    before: str
    after: str
    fixer: str
    damage: Damage
    reason: str
    confidence: float
    lossless: bool = True

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["damage"] = {
            "kind": self.damage.kind,
            "description": str(self.damage),
            "layers": [asdict(layer) for layer in self.damage.layers],
        }
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Change:
        damage = data["damage"]
        layers = tuple(Layer(**layer) for layer in damage.get("layers", ()))
        known = cls.__dataclass_fields__
        fields = {k: v for k, v in data.items() if k in known and k != "damage"}
        return cls(**fields, damage=Damage(damage["kind"], layers))


@dataclass(frozen=True)
class Repair:
    """The result of :func:`mojifix.repair`: the repaired text and every change made.

    ``undo()`` returns ``original`` exactly; ``apply(...)`` replays only some changes.
    """

    original: str
    text: str
    changes: tuple[Change, ...] = field(default=())
    #: For results built from bytes: the encoding the bytes were read as.
    encoding: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def undo(self) -> str:
        """The original text, rebuilt from the repaired text and the changes."""
        parts: list[str] = []
        cursor = 0
        for change in self.changes:
            parts.append(self.text[cursor : change.new_start])
            parts.append(change.before)
            cursor = change.new_end
        parts.append(self.text[cursor:])
        return "".join(parts)

    def apply(self, changes: Iterable[Change] | Callable[[Change], bool] | None = None) -> str:
        """The original text with only some changes applied.

        ``changes`` is a subset of :attr:`changes` or a predicate over them, e.g.
        ``r.apply(lambda c: c.confidence >= 0.9)``. ``None`` applies all.
        """
        if changes is None:
            chosen = list(self.changes)
        elif callable(changes):
            chosen = [c for c in self.changes if changes(c)]
        else:
            wanted = set(changes)
            chosen = [c for c in self.changes if c in wanted]
        return splice(self.original, chosen)

    def select(self, changes: Iterable[Change] | Callable[[Change], bool]) -> Repair:
        """A new :class:`Repair` of the same original keeping only some changes.

        Unlike :meth:`apply`, the result keeps the record: its ``changes`` carry offsets
        into the new text, so it can be undone, reported and saved like any repair.

        >>> from mojifix import repair
        >>> r = repair("cafÃ© and naÃ¯ve")
        >>> kept = r.select(lambda c: c.after == "é")
        >>> kept.text, kept.undo() == r.original
        ('café and naÃ¯ve', True)
        """
        if callable(changes):
            chosen = [c for c in self.changes if changes(c)]
        else:
            wanted = set(changes)
            chosen = [c for c in self.changes if c in wanted]
        shifted: list[Change] = []
        delta = 0
        for c in chosen:
            start = c.start + delta
            shifted.append(replace(c, new_start=start, new_end=start + len(c.after)))
            delta += len(c.after) - len(c.before)
        return Repair(self.original, splice(self.original, chosen), tuple(shifted), self.encoding)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"schema": "mojifix.repair", "version": SCHEMA_VERSION}
        if self.encoding is not None:
            data["encoding"] = self.encoding
        if include_text:
            data["original"] = self.original
            data["text"] = self.text
        data["changes"] = [c.to_dict() for c in self.changes]
        return data

    def to_json(self, *, include_text: bool = True, indent: int | None = None) -> str:
        """Serialise to the versioned JSON report format (docs/report-format.md)."""
        return json.dumps(self.to_dict(include_text=include_text), ensure_ascii=True, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, text: str | None = None) -> Repair:
        if data.get("schema") != "mojifix.repair":
            raise ValueError("not a mojifix repair report (missing schema 'mojifix.repair')")
        if data.get("version") != SCHEMA_VERSION:
            raise ValueError(f"unsupported report version {data.get('version')!r}")
        changes = tuple(Change.from_dict(c) for c in data["changes"])
        repaired = data.get("text", text)
        if repaired is None:
            raise ValueError("the report has no text; pass the repaired text explicitly")
        partial = cls("", repaired, changes, data.get("encoding"))
        original = data.get("original")
        if original is None:
            original = partial.undo()
        return cls(original, repaired, changes, data.get("encoding"))

    @classmethod
    def from_json(cls, payload: str, *, text: str | None = None) -> Repair:
        """Load a report written by :meth:`to_json`. ``text`` supplies the repaired
        text when the report was saved without it."""
        return cls.from_dict(json.loads(payload), text=text)


@dataclass(frozen=True)
class Segment:
    """A run of input bytes read in one encoding: ``data[start:end]`` became
    ``decoded[text_start:text_end]`` (offsets into the text before repairs)."""

    start: int
    end: int
    encoding: str
    confidence: float
    text_start: int
    text_end: int


@dataclass(frozen=True)
class BytesRepair:
    """The result of :func:`mojifix.repair_bytes`: how the bytes were decoded, segment by
    segment, and the repair of the decoded text.

    It reads like a :class:`Repair` (``text``, ``changes``, ``to_json()``); ``undo()``
    gives back the original **bytes**, rebuilt from the text, the changes and the segments.
    """

    original: bytes
    repair: Repair
    segments: tuple[Segment, ...]
    bom: bytes = b""
    #: True when the input is binary data, not text: it was read byte for byte and not repaired.
    binary: bool = False

    @property
    def text(self) -> str:
        return self.repair.text

    @property
    def decoded(self) -> str:
        """The text as decoded, before any repair."""
        return self.repair.original

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.repair.changes

    @property
    def changed(self) -> bool:
        """Whether the text differs from a plain UTF-8 reading of the bytes."""
        return bool(self.changes) or self.encoding not in ("utf-8", "ascii") or bool(self.bom)

    @property
    def encoding(self) -> str:
        """The encoding of the input, ``"mixed"`` when segments differ."""
        names = {s.encoding for s in self.segments} - {"ascii"}
        if not names:
            return "ascii" if self.segments else "utf-8"
        return names.pop() if len(names) == 1 else "mixed"

    @property
    def confidence(self) -> float:
        """How sure the decoding is: the least sure segment's confidence."""
        return min((s.confidence for s in self.segments), default=1.0)

    def undo(self) -> bytes:
        """The original bytes, rebuilt; equal to :attr:`original`."""
        decoded = self.repair.undo()
        parts = [self.bom]
        for segment in self.segments:
            parts.append(decoded[segment.text_start : segment.text_end].encode(segment.encoding))
        rebuilt = b"".join(parts)
        # Encodings with two spellings of one character cannot always be rebuilt; the
        # original is kept for them.
        return rebuilt if rebuilt == self.original else self.original

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        data = self.repair.to_dict(include_text=include_text)
        data["encoding"] = self.encoding
        data["confidence"] = round(self.confidence, 4)
        data["bom"] = self.bom.hex()
        data["segments"] = [asdict(s) for s in self.segments]
        data["binary"] = self.binary
        return data

    def to_json(self, *, include_text: bool = True, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(include_text=include_text), ensure_ascii=True, indent=indent)


@dataclass(frozen=True)
class Finding:
    """A span that looks damaged, whether or not it could be repaired."""

    start: int
    end: int
    line: int
    column: int
    text: str
    damage: Damage
    confidence: float
    repairable: bool
    lossless: bool
    suggestion: str | None = None


@dataclass(frozen=True)
class Diagnosis:
    """The result of :func:`mojifix.detect`: findings and an overall verdict."""

    findings: tuple[Finding, ...]

    @property
    def verdict(self) -> str:
        """``"clean"``, ``"repairable"`` or ``"damaged"`` (some damage cannot be repaired)."""
        if not self.findings:
            return "clean"
        if all(f.repairable for f in self.findings):
            return "repairable"
        return "damaged"
