"""Which encoding undecoded bytes are in.

Byte-order marks and strict UTF-8 decide first. Otherwise charset-normalizer proposes
candidate encodings, and mojifix's own plausibility model (:func:`mojifix.plausibility.cost`,
trained on text in ~125 languages) chooses among them by reading the lines that contain
non-ASCII bytes in each candidate: the reading that looks most like real text wins.
Byte-level detectors rank by byte statistics; on short or ambiguous input (``œ`` in
Windows-1252 is ``ś`` in Windows-1250) the reading itself is the better judge.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

__all__ = ["EncodingGuess", "guess_encoding"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE_BYTES = 1 << 15
_MAX_CANDIDATES = 8
# Encodings so common that they are always among the candidates when the bytes decode.
_ALWAYS: tuple[str, ...] = ()
_OVERRIDE = 1.0  # per non-ASCII character, in nats


@dataclass(frozen=True)
class EncodingGuess:
    """The chosen encoding, how sure the choice is (0–1), and the runners-up by score."""

    encoding: str
    confidence: float
    candidates: tuple[tuple[str, float], ...] = ()


def guess_encoding(data: bytes) -> EncodingGuess | None:
    """The most plausible encoding of ``data``, or None when nothing decodes it.

    >>> guess_encoding("Ελληνικά: καλημέρα σας, τι κάνετε;".encode("cp1253")).encoding
    'cp1253'
    >>> guess_encoding("Привет! Как у тебя дела? Сегодня хорошая погода.".encode("cp1251")).encoding
    'cp1251'
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return EncodingGuess(name, 1.0) if _decodes(data, name) else None
    wide = b"\x00" in data  # UTF-16/32 without a BOM, or binary
    escaped = data.isascii() and b"\x1b" in data  # perhaps ISO-2022, which is 7-bit
    if not wide and not escaped and _decodes(data, "utf-8"):
        return EncodingGuess("ascii" if data.isascii() else "utf-8", 1.0)
    from charset_normalizer import from_bytes

    names: list[str] = []
    for match in from_bytes(data):
        name = str(match.encoding)
        # Without a BOM, single-byte text can pass for UTF-16/32; we do not believe it.
        if (wide or not name.startswith(("utf_16", "utf_32"))) and name not in names:
            names.append(name)
    names = names[:_MAX_CANDIDATES]
    names += [n for n in _ALWAYS if n not in names and _decodes(data, n)]
    if not names:
        return None
    if len(names) == 1:
        return EncodingGuess(names[0], 0.5, ((names[0], 0.0),))
    sample = _distinctive_lines(data)
    scores = {name: _score(sample, name) for name in names}
    ranked = sorted(names, key=lambda n: (scores[n], names.index(n)))
    # charset-normalizer's first choice stands unless its reading is clearly less like
    # real text than another: the plausibility model knows characters, not languages,
    # so it cannot tell Windows-1250 Polish from Windows-1252 French by itself.
    chosen = names[0]
    if scores[chosen] - scores[ranked[0]] > _OVERRIDE:
        chosen = ranked[0]
    runner_up = min(scores[n] for n in names if n != chosen)
    confidence = round(min(0.99, max(0.05, 0.5 + (runner_up - scores[chosen]) / 4)), 3)
    return EncodingGuess(chosen, confidence, tuple((n, round(scores[n], 3)) for n in ranked))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _distinctive_lines(data: bytes) -> bytes:
    """Lines that contain non-ASCII bytes: only they tell encodings apart."""
    out: list[bytes] = []
    size = 0
    for line in data.splitlines(keepends=True):
        if not line.isascii():
            out.append(line)
            size += len(line)
            if size >= _SAMPLE_BYTES:
                break
    return b"".join(out) or data[:_SAMPLE_BYTES]


def _score(sample: bytes, encoding: str) -> float:
    """Plausibility cost per non-ASCII character of ``sample`` read as ``encoding``."""
    from ..plausibility import cost

    try:
        text = sample.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        # A sample cut inside a multi-byte character; the ending does not matter.
        text = sample.decode(encoding, errors="ignore")
    non_ascii = sum(1 for ch in text if ord(ch) > 0x7F) or 1
    total = 0
    for start in range(0, len(text), 2048):
        total += cost(text[start : start + 2048])
    return total / non_ascii / 10
