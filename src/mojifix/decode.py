"""From bytes to repaired text: :func:`repair_bytes` and :func:`repair_file`.

1. A byte-order mark decides (UTF-8, UTF-16, UTF-32), else strict UTF-8 if the whole
   input is valid, else UTF-16/32 without a BOM when NUL bytes say so; other input with
   NUL bytes is refused as binary.
2. Otherwise the input is cut into lines. Lines that are valid UTF-8 and hold non-ASCII
   characters are UTF-8; the other non-ASCII lines are read in the encoding that
   :mod:`mojifix.detection.encoding` finds for all of them together (a file exported from
   one legacy system with lines added by another). Where that encoding is single-byte,
   a line holding both is split finer: well-formed UTF-8 sequences are UTF-8, the other
   bytes are legacy. Each run of one encoding is a :class:`~mojifix.model.Segment`.
3. The decoded text is repaired like any text (a UTF-8 file full of ``Ã©`` is damaged
   text, not Latin-1).

``undo()`` of the result gives back the input bytes exactly.
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import os
from collections.abc import Iterator
from typing import BinaryIO

from .config import Config
from .detection.encoding import BOMS, EncodingGuess, decodes, single_byte
from .detection.encoding import UTF8_SEQUENCE as _UTF8_SEQUENCE
from .model import BytesRepair, Change, Repair, Segment
from .pipeline import repair

__all__ = ["BinaryInputError", "StreamResult", "decode_bytes", "repair_bytes", "repair_file", "repair_stream"]

#: A valid UTF-8 line that also reads in the file's legacy encoding (when that is not a
#: Latin page) with fewer multi-byte sequences than this must read clearly better as UTF-8.
_MIN_SEQUENCES = 3
_FEW_MARGIN = 60  # tenths of a nat (see docs/plausibility.md)
#: Lines up to this long are never cut by streaming, whatever the chunk size.
_LONGEST_LINE = 1 << 16


class BinaryInputError(ValueError):
    """The input is binary data, not text in any encoding."""


def repair_bytes(data: bytes, *, encoding: str | None = None, config: Config | None = None) -> BytesRepair:
    """Decode ``data`` (finding its encoding, or encodings, unless ``encoding`` is given)
    and repair the text.

    >>> r = repair_bytes("Le café coûte 2 € — cafÃ©".encode("utf-8"))
    >>> r.text, r.encoding, r.undo() == "Le café coûte 2 € — cafÃ©".encode("utf-8")
    ('Le café coûte 2 € — café', 'utf-8', True)
    >>> mixed = "naïve UTF-8\\n".encode() + "naïve cp1252 « ok »\\n".encode("cp1252")
    >>> r = repair_bytes(mixed)
    >>> r.text, [s.encoding for s in r.segments]
    ('naïve UTF-8\\nnaïve cp1252 « ok »\\n', ['utf-8', 'cp1252'])
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"repair_bytes() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    try:
        bom, segments, text = _decode(data, encoding)
    except BinaryInputError:
        # Never an exception for odd input: binary data is read byte for byte (Latin-1)
        # and left alone; ``binary`` tells the caller to refuse it.
        text = data.decode("latin-1")
        return BytesRepair(
            data, Repair(text, text), (Segment(0, len(data), "latin-1", 0.0, 0, len(text)),), binary=True
        )
    return BytesRepair(data, repair(text, config=config), segments, bom)


def repair_file(
    path: str | os.PathLike[str], *, encoding: str | None = None, config: Config | None = None
) -> BytesRepair:
    """:func:`repair_bytes` of a file's content."""
    with open(path, "rb") as stream:
        data = stream.read()
    return repair_bytes(data, encoding=encoding, config=config)


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[bytes, tuple[Segment, ...], str]:
    """Decoding only, no repair: the BOM, the segments and the decoded text.

    Raises :class:`BinaryInputError` for binary data, ``ValueError`` when ``encoding`` is
    given and does not decode ``data``.
    """
    return _decode(bytes(data), encoding)


def _decode(
    data: bytes, encoding: str | None, hint: EncodingGuess | None = None
) -> tuple[bytes, tuple[Segment, ...], str]:
    """The BOM, the segments and the decoded text."""
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise ValueError(f"the input is not valid {encoding} (byte offset {exc.start})") from None
        return b"", (Segment(0, len(data), encoding, 1.0, 0, len(text)),), text
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError:
                continue  # not this BOM after all (FF FE 00 00 starts UTF-16 text too)
            return bom, (Segment(len(bom), len(data), name, 1.0, 0, len(text)),), text
    if b"\x00" in data and not _stray_nuls(data):  # valid UTF-8 perhaps, but text holds no NULs
        name = _wide_encoding(data)
        text = data.decode(name)
        return b"", (Segment(0, len(data), name, 0.9, 0, len(text)),), text
    if data.isascii() and b"\x1b" in data:  # 7-bit ISO-2022 (Japanese, Korean, Chinese)?
        from .detection.encoding import guess_encoding

        guess = guess_encoding(data)
        if guess is not None and guess.encoding.startswith("iso2022") and decodes(data, guess.encoding):
            text = data.decode(guess.encoding)
            return b"", (Segment(0, len(data), guess.encoding, guess.confidence, 0, len(text)),), text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        name = "ascii" if data.isascii() else "utf-8"
        return b"", (Segment(0, len(data), name, 1.0, 0, len(text)),), text
    segments, text = _segments(data, hint)
    return b"", segments, text


def _wide_encoding(data: bytes) -> str:
    """UTF-16/32 without a BOM, told by where the NUL bytes are; else binary."""
    sample = data[:65536]
    n = len(sample) // 4 * 4
    if n >= 4:
        columns = [sample[k:n:4].count(0) / (n // 4) for k in range(4)]
        for name, zeros in (
            ("utf-32-le", (1, 2, 3)),
            ("utf-32-be", (0, 1, 2)),
        ):
            if all(columns[k] > 0.9 for k in zeros) and decodes(data, name):
                return name
        even = (columns[0] + columns[2]) / 2
        odd = (columns[1] + columns[3]) / 2
        if odd > 0.3 and odd > 4 * even and decodes(data, "utf-16-le"):
            return "utf-16-le"
        if even > 0.3 and even > 4 * odd and decodes(data, "utf-16-be"):
            return "utf-16-be"
    # CJK text in UTF-16/32 has few NUL bytes in fixed places; ask the byte detector.
    from .detection.encoding import guess_encoding

    guess = guess_encoding(data)
    if (
        guess is not None
        and guess.encoding.startswith(("utf_16", "utf_32"))
        and decodes(data, guess.encoding)
    ):
        return guess.encoding
    raise BinaryInputError("the input looks like binary data (NUL bytes), not text")


def _stray_nuls(data: bytes) -> bool:
    """A few NUL bytes in otherwise ordinary UTF-8 text (a stray terminator, say)."""
    return data.count(0) * 200 < len(data) and decodes(data, "utf-8")


def _segments(data: bytes, hint: EncodingGuess | None = None) -> tuple[tuple[Segment, ...], str]:
    """Line by line; ``hint`` (the legacy encoding found for a whole stream) replaces
    guessing from this part alone."""
    from .detection.encoding import guess_encoding

    lines = data.splitlines(keepends=True)
    kinds: list[str] = []  # "ascii", "utf-8" or "legacy", per line
    for line in lines:
        if line.isascii():
            kinds.append("ascii")
        elif decodes(line, "utf-8"):
            kinds.append("utf-8")
        else:
            kinds.append("legacy")
    legacy = b"".join(line for line, kind in zip(lines, kinds, strict=True) if kind == "legacy")
    mixed = "utf-8" in kinds
    # With UTF-8 lines, the legacy lines alone say which page the rest is in.
    guess = hint or guess_encoding(legacy if mixed else data)
    whole = guess is not None and decodes(data, guess.encoding)
    if whole and guess is not None and not _ascii_compatible(guess.encoding):
        # EBCDIC and the like: lines that look like ASCII or UTF-8 mean something else there.
        text = data.decode(guess.encoding)
        return (Segment(0, len(data), guess.encoding, guess.confidence, 0, len(text)),), text
    if not mixed:
        # One legacy encoding for the whole file, unless it is a Latin page and the file
        # also holds UTF-8 sequences (a few UTF-8 words among legacy ones): split those.
        if whole and guess is not None and not (_latin_page(guess.encoding) and _UTF8_SEQUENCE.search(data)):
            text = data.decode(guess.encoding)
            return (Segment(0, len(data), guess.encoding, guess.confidence, 0, len(text)),), text
        guess = hint or guess_encoding(legacy)
    page, confidence = ("latin-1", 0.0) if guess is None else (guess.encoding, guess.confidence)
    # Splitting inside a line is safe only where the page reads UTF-8 lead bytes as the
    # Latin letters of classic mojibake (0xC3 as "Ã" or "Ă"): elsewhere legacy byte pairs
    # form well-formed UTF-8 too often.
    split_lines = single_byte(page) and _latin_page(page)
    pieces: list[tuple[bytes, str, float]] = []
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "utf-8" and _reads_better_as(line, page):
            pieces.append((line, page, confidence))  # valid UTF-8 by chance: the file's page reads it better
        elif kind != "legacy":
            pieces.append((line, kind, 1.0))
        elif decodes(line, page):
            pieces.extend(_split_line(line, page, confidence) if split_lines else [(line, page, confidence)])
        else:
            pieces.extend(_fallback(line))
    return _join(pieces)


def _reads_better_as(line: bytes, page: str) -> bool:
    """Whether a line that is valid UTF-8 belongs to the file's legacy ``page`` after all:
    it reads there too, and either holds too few multi-byte sequences to be evidence
    (legacy encodings make short valid UTF-8 by chance) or reads better there."""
    from .plausibility import cost

    try:
        legacy = line.decode(page)
    except (UnicodeDecodeError, LookupError):
        return False
    # A short UTF-8 reading is weak evidence outside Latin pages: it must win clearly.
    few = not _latin_page(page) and len(_UTF8_SEQUENCE.findall(line)) < _MIN_SEQUENCES
    return cost(legacy) <= cost(line.decode("utf-8")) + (_FEW_MARGIN if few else 0)


@functools.lru_cache(maxsize=256)
def _latin_page(page: str) -> bool:
    """Whether ``page`` reads the UTF-8 lead byte 0xC3 as a Latin letter (Windows-1252 "Ã",
    Windows-1250 "Ă", ...): there, UTF-8 read as legacy is classic mojibake, which the
    plausibility model recognises."""
    import unicodedata

    try:
        return unicodedata.name(b"\xc3".decode(page), "").startswith("LATIN")
    except (UnicodeDecodeError, LookupError):
        return False


def _split_line(line: bytes, page: str, confidence: float) -> list[tuple[bytes, str, float]]:
    """A single-byte legacy line that also holds well-formed UTF-8 sequences, split."""
    out: list[tuple[bytes, str, float]] = []
    pos = 0
    from .plausibility import cost

    for match in _UTF8_SEQUENCE.finditer(line):
        if cost(match.group().decode(page)) <= cost(match.group().decode("utf-8")):
            continue  # a legacy byte pair that happens to be well-formed UTF-8
        if match.start() > pos:
            out.append((line[pos : match.start()], page, confidence))
        out.append((match.group(), "utf-8", 0.8))
        pos = match.end()
    if pos < len(line):
        out.append((line[pos:], page, confidence))
    return out


def _fallback(line: bytes) -> list[tuple[bytes, str, float]]:
    """A line that neither UTF-8 nor the file's legacy encoding reads: its own guess, else
    Latin-1 (which reads any byte, so that nothing is lost and undo stays exact)."""
    from .detection.encoding import guess_encoding

    guess = guess_encoding(line)
    if guess is not None and decodes(line, guess.encoding):
        return [(line, guess.encoding, guess.confidence / 2)]
    return [(line, "latin-1", 0.0)]


def _join(pieces: list[tuple[bytes, str, float]]) -> tuple[tuple[Segment, ...], str]:
    """Merge neighbouring pieces of one encoding (ASCII joins its neighbour when that
    encoding reads ASCII as ASCII) into segments."""
    runs: list[tuple[bytearray, str, float]] = []
    for chunk, name, confidence in pieces:
        if runs and name == "ascii" and _ascii_compatible(runs[-1][1]):
            runs[-1][0].extend(chunk)
        elif runs and runs[-1][1] == "ascii" and _ascii_compatible(name):
            buffer = runs.pop()[0]
            buffer.extend(chunk)
            runs.append((buffer, name, confidence))
        elif runs and runs[-1][1] == name:
            runs[-1][0].extend(chunk)
        else:
            runs.append((bytearray(chunk), name, confidence))
    segments: list[Segment] = []
    texts: list[str] = []
    byte_pos = text_pos = 0
    for buffer, name, confidence in runs:
        codec = "utf-8" if name == "ascii" else name
        piece = bytes(buffer).decode(codec)
        end_byte, end_text = byte_pos + len(buffer), text_pos + len(piece)
        segments.append(Segment(byte_pos, end_byte, codec, confidence, text_pos, end_text))
        texts.append(piece)
        byte_pos, text_pos = end_byte, end_text
    return tuple(segments), "".join(texts)


@functools.lru_cache(maxsize=256)
def _ascii_compatible(encoding: str) -> bool:
    return encoding in ("ascii", "utf-8") or _decodes_as(bytes(range(0x20, 0x7F)), encoding)


def _decodes_as(data: bytes, encoding: str) -> bool:
    try:
        return data.decode(encoding) == data.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


# ----------------------------------------------------------------------------- streaming


class StreamResult:
    """What :func:`repair_stream` did: bytes read and written, the encodings met, and
    the changes (offsets into the whole repaired output's text; line numbers global)."""

    def __init__(self) -> None:
        self.bytes_read = 0
        self.bytes_written = 0
        self.encodings: dict[str, int] = {}  # encoding -> bytes read in it
        self.changes: list[Change] = []
        self.binary = False

    @property
    def encoding(self) -> str:
        names = set(self.encodings) - {"ascii"}
        if not names:
            return "ascii" if self.encodings else "utf-8"
        return names.pop() if len(names) == 1 else "mixed"


def repair_stream(
    source: BinaryIO,
    sink: BinaryIO,
    *,
    config: Config | None = None,
    chunk_size: int = 1 << 20,
    keep_changes: bool = True,
) -> StreamResult:
    """Repair a byte stream of any size into UTF-8, in bounded memory.

    The input is read in chunks of about ``chunk_size`` bytes, cut after a blank line
    where there is one, else after a line break, else at a space that follows an ASCII
    byte: never inside a character or a damaged span. Each chunk is decoded segment by
    segment (UTF-16/32 input is decoded incrementally) and repaired; a UTF-8 BOM is kept.
    ``keep_changes=False`` keeps only counts. Raises :class:`BinaryInputError` for
    binary data.
    """
    result = StreamResult()
    head = source.read(chunk_size)
    if head.startswith(codecs.BOM_UTF8):
        sink.write(codecs.BOM_UTF8)
        result.bytes_read = result.bytes_written = 3
        head = head[3:]
    wide = _wide_name(head)
    pieces = _wide_pieces(head, source, wide, chunk_size) if wide else _byte_pieces(head, source, chunk_size)
    line_base = text_base = 0
    for text, encodings, size in pieces:
        for name, count in encodings.items():
            result.encodings[name] = result.encodings.get(name, 0) + count
        repaired = repair(text, config=config)
        out = repaired.text.encode("utf-8")
        sink.write(out)
        result.bytes_read += size
        result.bytes_written += len(out)
        if keep_changes:
            result.changes.extend(
                dataclasses.replace(
                    change,
                    start=change.start + text_base,
                    end=change.end + text_base,
                    new_start=change.new_start + text_base,
                    new_end=change.new_end + text_base,
                    line=change.line + line_base,
                )
                for change in repaired.changes
            )
        line_base += text.count("\n")
        text_base += len(repaired.text)
    return result


_Piece = tuple[str, dict[str, int], int]


def _byte_pieces(head: bytes, source: BinaryIO, chunk_size: int) -> Iterator[_Piece]:
    from .detection.encoding import guess_encoding

    buffer, eof = head, False
    hint: EncodingGuess | None = None
    while True:
        if not eof and len(buffer) < chunk_size:
            block = source.read(chunk_size)
            eof = not block
            buffer += block
            continue
        if not buffer:
            return
        cut = len(buffer) if eof else _cut(buffer, hard_limit=max(4 * chunk_size, _LONGEST_LINE))
        if cut == 0:  # no safe place to cut yet
            block = source.read(chunk_size)
            eof = not block
            buffer += block
            continue
        buffer_at_start = buffer
        piece, buffer = buffer[:cut], buffer[cut:]
        if hint is None and not decodes(piece, "utf-8"):
            # The legacy encoding is judged once, on the first chunk that needs one,
            # from the whole of it: a later chunk may hold too little to tell.
            hint = guess_encoding(_legacy_lines(buffer_at_start or piece))
        _, segments, text = _decode(piece, None, hint)
        counts: dict[str, int] = {}
        for segment in segments:
            counts[segment.encoding] = counts.get(segment.encoding, 0) + segment.end - segment.start
        yield text, counts, len(piece)


def _legacy_lines(data: bytes) -> bytes:
    """The lines of ``data`` that are not UTF-8 (a sample for guessing their encoding)."""
    return b"".join(line for line in data.splitlines(keepends=True) if not decodes(line, "utf-8")) or data


def _wide_name(head: bytes) -> str | None:
    """The UTF-16/32 codec of a stream that starts with ``head``, or None."""
    for bom, name in BOMS:
        if head.startswith(bom) and name != "utf-8":
            return name[:6]  # "utf-16" / "utf-32": the incremental decoder reads the BOM
    if b"\x00" not in head or _stray_nuls(head):
        return None
    try:
        return _wide_encoding(head[: len(head) // 4 * 4])
    except BinaryInputError:
        return None


def _wide_pieces(head: bytes, source: BinaryIO, name: str, chunk_size: int) -> Iterator[_Piece]:
    decoder = codecs.getincrementaldecoder(name)()
    pending = ""
    data = head
    while True:
        eof = not data
        try:
            pending += decoder.decode(data, final=eof)
        except UnicodeDecodeError as exc:
            raise BinaryInputError(f"the input is not valid {name} ({exc.reason})") from None
        if eof:
            piece, pending = pending, ""
        else:
            cut = pending.rfind("\n") + 1
            piece, pending = (pending[:cut], pending[cut:]) if cut else ("", pending)
            if not piece and len(pending) > 4 * chunk_size:
                piece, pending = pending, ""
        if piece:
            yield piece, {name: len(data)}, len(data)
        elif data:
            yield "", {name: len(data)}, len(data)
        if eof:
            return
        data = source.read(chunk_size)


def _cut(data: bytes, *, hard_limit: int) -> int:
    """Where to end a chunk of ``data``: after its last blank line, else after its last
    line break; for a line longer than ``hard_limit``, after a space that follows an
    ASCII byte, else before a UTF-8 lead byte. 0 means "read more first"."""
    for boundary in (b"\n\n", b"\n"):
        index = data.rfind(boundary)
        if index != -1:
            return index + len(boundary)
    if len(data) < hard_limit:
        return 0
    index = len(data)
    while True:
        index = data.rfind(b" ", 0, index)
        if index <= 0:
            break
        if data[index - 1] < 0x80:
            return index + 1
    index = len(data) - 1
    while index > 0 and 0x80 <= data[index] < 0xC0:
        index -= 1
    return index or len(data)
