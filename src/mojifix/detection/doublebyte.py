"""UTF-8 bytes that were decoded with an East Asian double-byte code page.

``it’s café`` written as UTF-8 and read as GBK is ``it鈥檚 caf茅``: the bytes of each UTF-8
sequence are paired off by the double-byte decoder, so one damaged span is a run of CJK
characters, and an ASCII letter after an odd byte is swallowed as a trail byte
(``檚`` is 0x99 0x73, the last byte of ``’`` and ``s``). A lead byte followed by a byte
that cannot be a trail (a space, a digit) is lost: the decoder writes U+FFFD, and the
character it belonged to cannot be restored.

The search, per text:

1. prefilter: does the text hold a CJK, kana, Hangul or full-width character at all (one
   stdlib ``re`` scan of its non-ASCII characters);
2. where a damaged run may start: one ``re`` scan for characters that some page makes of
   a UTF-8 lead byte, at the start of a run of non-ASCII characters; their first three
   characters are joined and encoded with each page (in C), and one bytes regex per page
   keeps those that begin as UTF-8 does. In clean CJK text under one run in ten is
   left, and only those are looked at in Python;
3. exact test, per page: the whole run is encoded with the page and a bytes regex checks
   that the bytes are UTF-8 multi-byte sequences from end to end (U+FFFD standing for
   one lost byte);
4. the plausibility model (:mod:`mojifix.plausibility`) compares the run with its
   decoding, with a prior for the page and for lost bytes.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import NamedTuple

from .._nonascii import lacks
from .._splice import splice_mapped
from ..model import Layer
from ..plausibility import PRIOR, cost
from .legacy import _QUOTE_PAIRS, native_letters
from .natural import _LONE_LATIN, _LONE_WINDOW, _LONE_WORD
from .utf8 import Candidate  # the same proposal as for single-byte pages

__all__ = ["Candidate", "find"]

#: (name in reports, Python codec, extra prior). GBK first: it is by far the most common.
_PAGES = (
    ("gbk", "gbk", 0),
    ("shift_jis", "cp932", 20),
    ("big5", "cp950", 30),
    ("euc-kr", "cp949", 30),
    ("euc-jp", "euc_jp", 40),
)
_LOST_EXTRA = 30  # per lost byte
_REPLACEMENT_MARGIN = 60
_WEAK_CHARS = 2
_SUPPORT_BONUS = 100
_DOMINANT_PRIOR = -50
_WEAK_PRIOR = 60
_SUPPORT = 30
_CONTEXT = 2

# Characters a double-byte decoder produces for byte pairs >= 0x80: CJK, kana, Hangul,
# full-width and half-width forms.
_WIDE = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef"
_RUN = re.compile("[^\\x00-\\x7f]+")
_WIDE_RE = re.compile(f"[{_WIDE}]")
_ANY_WIDE = _WIDE_RE.search
_WIDE_RUN = re.compile(f"[{_WIDE}][^\\x00-\\x7f]*")

_LOST_BYTE = 0xFF  # never valid in UTF-8 nor produced by these pages for a character
_SEQ = (
    rb"(?:[\xc2-\xdf][\x80-\xbf\xff]"
    rb"|\xe0[\xa0-\xbf\xff][\x80-\xbf\xff]|[\xe1-\xec\xee\xef][\x80-\xbf\xff]{2}"
    rb"|\xed[\x80-\x9f\xff][\x80-\xbf\xff]"
    rb"|\xf0[\x90-\xbf\xff][\x80-\xbf\xff]{2}|[\xf1-\xf3][\x80-\xbf\xff]{3}|\xf4[\x80-\x8f\xff][\x80-\xbf\xff]{2})"
)
# Multi-byte sequences, with the ASCII letters a decoder swallowed as trail bytes between
# them; it must start and end with a sequence (or a swallowed letter after the last one).
_VALID = re.compile(rb"(?:" + _SEQ + rb")(?:" + _SEQ + rb"|[\x40-\x7e])*")


def _lost(error: UnicodeError) -> tuple[str | bytes, int]:
    # U+FFFD stands for one lost byte; any other character the page lacks ends the match.
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    fill = bytes([_LOST_BYTE]) if text == "\ufffd" * len(text) else b"\x00"
    return fill * (error.end - error.start), error.end


codecs.register_error("mojifix-lost", _lost)


def _mark(error: UnicodeError) -> tuple[str | bytes, int]:
    # As "mojifix-lost", but a character the page lacks becomes "?" (NUL separates).
    fill, end = _lost(error)
    return (fill if fill[:1] == bytes([_LOST_BYTE]) else b"?" * len(fill)), end


codecs.register_error("mojifix-mark", _mark)


def _starts() -> dict[str, int]:
    """For each character that a page produces from a UTF-8 lead byte (C2-F4) and, for a
    double-byte character, a continuation byte (80-BF): a bit per page. A damaged run must
    begin with one, so most runs of clean CJK text are rejected by one dict lookup."""
    table: dict[str, int] = {}
    for bit, (_, codec, _) in enumerate(_PAGES):
        for lead in range(0xC2, 0xF5):
            for raw in [bytes([lead])] + [bytes([lead, cont]) for cont in range(0x80, 0xC0)]:
                try:
                    char = raw.decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(char) == 1 and ord(char) > 0x7F:
                    table[char] = table.get(char, 0) | (1 << bit)
    return table


_START = _starts()
_HEAD_CHARS = 3
# Where a damaged run may start, and its first characters: a character of _START that no
# CJK character precedes. A CJK one there starts a run, or follows characters that are
# not CJK (whether those start no damage is checked in Python); its head is it and up to
# two more CJK characters (none of which may start a run, so none is swallowed). Another
# one must start its run, and the run must hold a CJK character. The class comes first,
# so that the regex engine skips to its characters in C, and most of the CJK ones in clean
# text fail at the first test, which looks one character back.
_HEADS = re.compile(
    f"[{''.join(re.escape(c) for c in sorted(_START))}](?<![{_WIDE}].)"
    f"(?:(?<=[{_WIDE}])(?:[{_WIDE}]{{1,{_HEAD_CHARS - 1}}})?"
    f"|(?<![^\\x00-\\x7f].)(?=[^\\x00-\\x7f]*?[{_WIDE}]))"
)


class _Decoded(NamedTuple):
    after: str
    lost: int


# A head of :func:`_may_start` that begins as a valid run does: after a NUL, sequences,
# then perhaps the first bytes of one more, up to the next NUL.
_CUT = rb"[\xc2-\xf4][\x80-\xbf\xff]{0,2}"
_HEAD_AMONG = re.compile(
    # (The lookahead turns most heads away at their first byte, before the alternatives.)
    rb"\x00(?=[\xc2-\xf4])"
    rb"(?:(?:" + _SEQ + rb")(?:" + _SEQ + rb"|[\x40-\x7e])*(?:" + _CUT + rb")?|" + _CUT + rb")(?=\x00)"
)

_PIECE = re.compile(_SEQ + rb"|[\x00-\x7f]")


def _decode(raw: bytes) -> _Decoded:
    """The UTF-8 text of ``raw`` (U+FFFD for each sequence with a lost byte), and how many
    bytes were lost."""
    lost = raw.count(_LOST_BYTE)
    if not lost:
        return _Decoded(raw.decode("utf-8"), 0)
    pieces = []
    for piece in _PIECE.findall(raw):
        pieces.append("\ufffd" if _LOST_BYTE in piece else piece.decode("utf-8"))
    return _Decoded("".join(pieces), lost)


def find(text: str) -> list[Candidate]:
    """Accepted repairs of double-byte mojibake in ``text``, in order, non-overlapping.

    A candidate is a whole run of non-ASCII characters (less any characters at its edges
    that no double-byte page produces, such as curly quotes around it) whose bytes under
    some page are UTF-8 from end to end.
    """
    if lacks(text, _ANY_WIDE):
        return []
    found: list[Candidate] = []
    rejected: list[_Rejected] = []
    starts, clean_cjk = _may_start(text)
    valid_runs = 0
    for start in starts:
        if start and text[start - 1] > "\x7f":
            # Inside a run: only where the run's first character starts no damage and
            # this is its first CJK character ("“鏃ユ湰": the quote is never part of it).
            first = start - 1
            while first and text[first - 1] > "\x7f":
                first -= 1
            wide = _ANY_WIDE(text, first, start + 1)
            if wide is None or wide.start() != start or text[first] in _START:
                continue
        end = _RUN.match(text, start).end()  # type: ignore[union-attr]
        if _ANY_WIDE(text, start, end) is None:
            continue  # no CJK character in the run (Cyrillic, accented Latin words)
        if clean_cjk and end - start <= _WEAK_CHARS:
            continue  # next to clean CJK text, short spans are no evidence (see below)
        pages = _START[text[start]]
        best, valid = _best(text, start, end, pages, rejected)
        while not valid and end > start + 1 and text[end - 1] < "\u3000":
            # Punctuation after the run ("鏃ユ湰”") is never part of it.
            end -= 1
            best, valid = _best(text, start, end, pages, rejected)
        if best is not None:
            found.append(best)
        valid_runs += valid
        clean_cjk = clean_cjk or not valid
    if not found:
        return []
    # Runs that start with no character of _START are clean CJK too.
    clean_cjk = clean_cjk or len(_WIDE_RUN.findall(text)) > valid_runs
    if rejected:
        found = _supported(text, found, rejected, dominant=not clean_cjk)
    found = _weak_need_support(found)
    if clean_cjk:
        # Chinese, Japanese and Korean text puts CJK characters next to ASCII words all the
        # time ("serialnoがcert"), and one or two of them decode as UTF-8 by chance: next
        # to clean CJK text, short spans are not evidence.
        found = [c for c in found if c.end - c.start > _WEAK_CHARS]
    return found


def _may_start(text: str) -> tuple[list[int], bool]:
    """Where a damaged run may start in ``text``: a superset of the starts of the runs
    :func:`find` accepts, found in C. The candidates' first characters are joined, each
    after a NUL, encoded once per page, and one bytes regex keeps those whose bytes begin
    as UTF-8 does (in clean CJK text, under one in ten). Also whether the text surely
    holds clean CJK: a run that starts after ASCII and begins as UTF-8 under no page."""
    heads = list(_HEADS.finditer(text))
    joined = "\x00" + "\x00".join(map(re.Match.group, heads)) + "\x00"
    errors = "mojifix-mark" if "\ufffd" in joined else "replace"
    keep: set[int] = set()
    for _, codec, _ in _PAGES:
        raw = joined.encode(codec, errors)
        at = index = 0
        for match in _HEAD_AMONG.finditer(raw):
            index += raw.count(b"\x00", at, match.start())
            at = match.start()
            keep.add(index)
    clean = False
    for index, head in enumerate(heads):
        if index not in keep and (not head.start() or text[head.start() - 1] < "\x80"):
            clean = True
            break
    return [heads[index].start() for index in sorted(keep)], clean


class _Rejected(NamedTuple):
    start: int
    end: int
    raw: bytes
    name: str
    extra: int


def _best(
    text: str, start: int, end: int, pages: int, rejected: list[_Rejected]
) -> tuple[Candidate | None, bool]:
    """The best repair of ``text[start:end]`` over the pages in the bit mask ``pages``, and
    whether the span was valid UTF-8 under any of them. Valid spans that the model
    rejected are added to ``rejected`` for a second look."""
    best: Candidate | None = None
    valid = False
    run = text[start:end]
    for bit, (name, codec, extra) in enumerate(_PAGES):
        if not pages >> bit & 1:
            continue
        raw = run.encode(codec, "mojifix-lost")
        if not _VALID.fullmatch(raw):
            continue
        valid = True
        cand = _judge(text, start, end, raw, name, extra)
        if cand is None:
            rejected.append(_Rejected(start, end, raw, name, extra))
        elif best is None or cand.margin > best.margin:
            best = cand
    return best, valid


def _weak_need_support(found: list[Candidate]) -> list[Candidate]:
    """A weak span (one two-byte sequence inside an ASCII word) needs a margin above
    :data:`_WEAK_PRIOR`, less
    :data:`_SUPPORT` for each other span repaired through the same page (as in the
    single-byte rules of docs/plausibility.md)."""
    if not any(c.weak for c in found):
        return found
    pages: dict[str, int] = {}
    for cand in found:
        pages[cand.layers[0].decoded_as] = pages.get(cand.layers[0].decoded_as, 0) + 1
    kept = []
    for cand in found:
        others = pages[cand.layers[0].decoded_as] - 1
        if not cand.weak or cand.margin > max(_WEAK_PRIOR - _SUPPORT * others, 0):
            kept.append(cand)
    return kept


def _supported(
    text: str, found: list[Candidate], rejected: list[_Rejected], *, dominant: bool
) -> list[Candidate]:
    """A second look at valid spans the model rejected, through pages that repaired other
    spans of the same text: one decoder went over all of it, so the prior drops by
    :data:`_SUPPORT_BONUS` (a lone "芦" between spaces is "«" when "禄" was "»"). When every
    CJK run of the text is valid under some page (``dominant``) and two or more were
    repaired through this one, the prior is :data:`_DOMINANT_PRIOR`: the rest of the runs
    are decoded unless that makes them clearly less plausible."""
    support: dict[str, int] = {}
    for cand in found:
        support[cand.layers[0].decoded_as] = support.get(cand.layers[0].decoded_as, 0) + 1
    taken = {(c.start, c.end) for c in found}
    # Judge in the repaired text: "胁" between two repaired words is "в" among Cyrillic.
    repaired, moved = splice_mapped(text, found)
    more: dict[tuple[int, int], Candidate] = {}
    for r in rejected:
        if r.name not in support or (r.start, r.end) in taken:
            continue
        extra = _DOMINANT_PRIOR - PRIOR if dominant and support[r.name] >= 2 else r.extra - _SUPPORT_BONUS
        again = _judge(repaired, moved(r.start), moved(r.end), r.raw, r.name, extra)
        key = (r.start, r.end)
        if again is not None and (key not in more or again.margin > more[key].margin):
            more[key] = again._replace(start=r.start, end=r.end)
    if not more:
        return found
    return sorted([*found, *more.values()], key=lambda c: c.start)


def _judge(text: str, start: int, end: int, raw: bytes, name: str, extra: int) -> Candidate | None:
    before = text[start:end]
    after, lost = _decode(raw)
    if after.isascii():
        return None
    left = text[max(0, start - _CONTEXT) : start]
    right = text[end : end + _CONTEXT]
    if not lost and len(raw) >= 6 and set(after) == {"\ufffd"}:
        # Every byte is the UTF-8 of U+FFFD ("锟斤拷" in GBK): the text had already lost
        # its characters before it was read with the wrong page. Nothing else decodes
        # to that by chance; the repair is to the replacement characters, marked lossy.
        return Candidate(start, end, after, (Layer("utf-8", name, "lost"),), False, _REPLACEMENT_MARGIN)
    prior = PRIOR + extra + _LOST_EXTRA * lost
    alone = not lost and _alone_among_latin(text, start, end, after)
    if alone:
        prior -= _LONE_WORD  # "compilaci坦" is Catalan "compilació" read as EUC-JP
    value = cost(before, left, right) - cost(after, left, right) - prior
    if value <= 0:
        return None
    holes = "lost" if lost else None
    lossless = not lost and "\ufffd" not in after
    # Inside an ASCII word ("ENDSEG%sがSTARTSEG") one CJK character that decodes to a
    # letter is a coincidence more often than damage, unless the margin is clear.
    weak = len(raw) == 2 and text[start - 1 : start].isalpha() and text[end : end + 1].isalpha() and not alone
    return Candidate(start, end, after, (Layer("utf-8", name, holes),), lossless, value, weak)


def _alone_among_latin(text: str, start: int, end: int, after: str) -> bool:
    """Whether ``text[start:end]``, East Asian characters glued to a Latin letter that
    read back as cased letters, or reading back as quotes, has no East Asian character
    within :data:`~.natural._LONE_WINDOW` of it (a quote: but one, its partner) but Latin letters, and
    reads back into letters of the language of those letters (EUC-JP "compilaci坦" is
    Catalan "compilació", "束%s損" is "«%s»"; a kanji quoted in Spanish text, "la palabra
    坦", stays)."""
    letters = "".join(c for c in after if c.isalpha())
    glued = text[start - 1 : start].isalpha() or text[end : end + 1].isalpha()
    if letters:
        if not glued or not all(unicodedata.category(c) in ("Ll", "Lu") for c in letters):
            return False
    elif not all(any(c in pair for pair in _QUOTE_PAIRS) for c in after):
        return False
    around = text[max(0, start - _LONE_WINDOW) : start] + " " + text[end : end + _LONE_WINDOW]
    # (A quote needs its partner near, "束%s損"; letters stand alone.)
    if len(_WIDE_RE.findall(around)) != (0 if letters else 1):
        return False
    latin = sum(c.isascii() and c.isalpha() for c in around)
    return latin >= _LONE_LATIN and native_letters(around, letters)
