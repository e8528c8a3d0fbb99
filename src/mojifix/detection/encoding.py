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
import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["EncodingGuess", "guess_encoding"]

#: Byte-order marks and the codec that reads what follows them, longest first.
#: One well-formed multi-byte UTF-8 sequence (no overlongs, no surrogates).
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE_BYTES = 1 << 15
_MAX_CANDIDATES = 8
# Encodings so common that they are always among the candidates when the bytes decode.
_ALWAYS: tuple[str, ...] = ("cp1252",)
_SHORT = 2048
_COHERENCE_MARGIN = 0.02
# Legacy encodings by how much text is written in them (web and file surveys), for ties.
_POPULAR = (
    "cp1252", "iso8859_1", "iso8859_15", "cp1251", "gb18030", "gb2312", "shift_jis", "cp932",
    "euc_kr", "cp949", "big5", "euc_jp", "cp1250", "iso8859_2", "cp1256", "cp1254", "iso8859_9",
    "koi8_r", "cp1253", "iso8859_7", "cp1255", "iso8859_8", "cp874", "tis_620", "cp1257",
    "iso8859_4", "iso8859_13", "cp1258", "koi8_u", "iso8859_5", "cp866", "mac_roman",
)  # fmt: skip
_OVERRIDE = 1.0  # per non-ASCII character, in nats
_FEW_BYTES = 3
#: The widely used Latin single-byte pages, always compared with a single-byte guess.
_LATIN_SIBLINGS = ("cp1252", "iso8859_2", "cp1250", "iso8859_15", "cp1257", "iso8859_9")


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
    for bom, name in BOMS:
        if data.startswith(bom) and decodes(data[len(bom) :], name):
            # the codec that reads the whole input, BOM included
            return EncodingGuess("utf-8-sig" if name == "utf-8" else name[:6], 1.0)
    wide = b"\x00" in data  # UTF-16/32 without a BOM, or binary
    escaped = data.isascii() and b"\x1b" in data  # perhaps ISO-2022, which is 7-bit
    if not wide and not escaped and decodes(data, "utf-8"):
        return EncodingGuess("ascii" if data.isascii() else "utf-8", 1.0)
    from charset_normalizer import from_bytes

    names: list[str] = []
    ranks: dict[str, tuple[float, float]] = {}
    for match in from_bytes(data):
        name = str(match.encoding)
        # Without a BOM, single-byte text can pass for UTF-16/32; we do not believe it.
        if (wide or not name.startswith(("utf_16", "utf_32"))) and name not in names:
            names.append(name)
            ranks[name] = (round(float(match.chaos), 6), -round(float(match.coherence), 6))
    if names and len(data) < _SHORT:
        # On short text charset-normalizer often ties (same chaos, same coherence); then
        # the more widely used encoding is the better bet. (On long text its order holds.)
        top = ranks[names[0]]
        tied = [n for n in names if ranks[n] == top]
        tied.sort(key=_popularity)
        names = tied + [n for n in names if n not in tied]
    names = names[:_MAX_CANDIDATES]
    if len(data) < _SHORT:
        # Byte statistics say little about a few lines; let the reading judge common pages too.
        names += [n for n in _ALWAYS if n not in names and decodes(data, n)]
    if names and single_byte(names[0]) and not data.isascii():
        # Neighbouring pages that byte statistics rank arbitrarily: the reading judges them.
        names += [n for n in _LATIN_SIBLINGS if n not in names and decodes(data, n)]
    if not names:
        return None
    if len(names) == 1:
        only = _family_member(data, _japanese_if_kana(data, _distinctive_lines(data), names[0]))
        return EncodingGuess(only, 0.5, ((only, 0.0),))
    sample = _distinctive_lines(data)
    names = _most_coherent_first(sample, names)
    scores = {name: _score(sample, name) for name in names}
    ranked = sorted(names, key=lambda n: (scores[n], _popularity(n), names.index(n)))
    # charset-normalizer's first choice stands unless its reading is clearly less like
    # real text than another: the plausibility model knows characters, not languages,
    # so it cannot tell Windows-1250 Polish from Windows-1252 French by itself.
    chosen = names[0]
    if scores[chosen] - scores[ranked[0]] > _OVERRIDE:
        chosen = ranked[0]
    if single_byte(chosen) and 0 < len({b for b in sample if b > 0x7F}) <= _FEW_BYTES:
        # A handful of distinct non-ASCII bytes says little (one "…" or "à" for 0x85).
        # Where the most widely used page reads them all as punctuation or symbols, the
        # typography of an English-keyboard text, it is the better bet.
        popular = min(names, key=_popularity)
        if single_byte(popular) and _symbols_only(sample, popular):
            chosen = popular
    chosen = _japanese_if_kana(data, sample, chosen)
    chosen = _family_member(data, chosen)
    if chosen not in scores:
        scores[chosen] = _score(sample, chosen)
    runner_up = min((scores[n] for n in names if n != chosen), default=scores[chosen])
    confidence = round(min(0.99, max(0.05, 0.5 + (runner_up - scores[chosen]) / 4)), 3)
    return EncodingGuess(chosen, confidence, tuple((n, round(scores[n], 3)) for n in ranked))


#: Codecs that read most bytes alike, each family in order of preference: the first that
#: reads the whole input is chosen (the later ones are supersets or revisions; where they
#: differ, e.g. WAVE DASH against FULLWIDTH TILDE for 0x8160, the older one is the norm).
_FAMILIES = (
    ("shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"),
    ("euc_jp", "euc_jis_2004", "euc_jisx0213"),
)
_CHINESE = frozenset(("gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950"))
#: Share of kana among the non-ASCII characters that marks a reading as Japanese.
_KANA_SHARE = 0.2


def _first_reading(data: bytes, family: tuple[str, ...]) -> str | None:
    """The first codec of ``family`` that reads the whole of ``data``."""
    return next((name for name in family if decodes(data, name)), None)


def _family_member(data: bytes, chosen: str) -> str:
    for family in _FAMILIES:
        if chosen in family:
            return _first_reading(data, family) or chosen
    return chosen


def _japanese_if_kana(data: bytes, sample: bytes, chosen: str) -> str:
    """Japanese text read as Chinese loses its kana (``ブログ`` becomes ``僽儘僌``): where a
    Japanese codec reads the input and its reading is full of kana that the Chinese one
    lacks, the text is Japanese."""
    if chosen not in _CHINESE:
        return chosen
    mine = _kana_share(sample, chosen)
    for family in _FAMILIES:
        name = _first_reading(data, family)
        if name is not None:
            theirs = _kana_share(sample, name)
            if theirs >= _KANA_SHARE and mine < theirs / 2:
                return name
    return chosen


def _kana_share(sample: bytes, encoding: str) -> float:
    text = sample.decode(encoding, errors="ignore")
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return 0.0
    return sum(1 for c in wide if "\u3041" <= c <= "\u30ff") / len(wide)


def _most_coherent_first(sample: bytes, names: list[str]) -> list[str]:
    """Among single-byte pages, prefer the reading written in one language's alphabet.

    Neighbouring code pages (Windows-1250/1252/1257, ISO-8859-2/-10 …) differ in a few
    letters only; read in the wrong one, text mixes alphabets (Spanish ``año`` as ``ańo``).
    The first candidate stays first unless another reading leaves clearly fewer letters
    outside the best-fitting alphabet.
    """
    if len(names) < 2 or not single_byte(names[0]):
        return names
    first = _coherence(sample, names[0])
    best, best_value = names[0], first
    for name in names[1:]:
        if single_byte(name):
            value = _coherence(sample, name)
            if value > best_value:
                best, best_value = name, value
    if best_value - first < _COHERENCE_MARGIN:
        return names
    return [best] + [n for n in names if n != best]


def _symbols_only(sample: bytes, encoding: str) -> bool:
    text = sample.decode(encoding, errors="replace")
    return all(unicodedata.category(c)[0] in "PSZ" for c in text if ord(c) > 0x7F)


def _coherence(sample: bytes, encoding: str) -> float:
    """The share of non-ASCII letters that the best-fitting alphabet contains."""
    try:
        text = unicodedata.normalize("NFC", sample.decode(encoding))
    except (UnicodeDecodeError, LookupError):
        return 0.0
    letters: dict[str, int] = {}
    for char in text:
        # A combining mark left over after composition belongs to no alphabet ("sì" read
        # as Windows-1258 is "ś" or "s" and U+0301).
        if ord(char) > 0x7F and (char.isalpha() or unicodedata.category(char) == "Mn"):
            key = char.lower()[:1]
            letters[key] = letters.get(key, 0) + 1
    total = sum(letters.values())
    if not total:
        return 1.0
    return max(sum(n for c, n in letters.items() if c in alphabet) for alphabet in _alphabet_sets()) / total


@functools.lru_cache(maxsize=1)
def _alphabet_sets() -> tuple[frozenset[str], ...]:
    from .._alphabets import ALPHABETS

    return tuple(frozenset(a) for a in ALPHABETS)


@functools.lru_cache(maxsize=256)
def single_byte(encoding: str) -> bool:
    """Whether ``encoding`` maps every byte to one character (a code page)."""
    try:
        return len(bytes(range(0x80, 0x100)).decode(encoding, errors="replace")) == 0x80
    except LookupError:
        return False


def _popularity(encoding: str) -> int:
    return _POPULAR.index(encoding) if encoding in _POPULAR else len(_POPULAR)


def decodes(data: bytes, encoding: str) -> bool:
    """Whether ``data`` is valid in ``encoding`` (False for an unknown codec)."""
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
