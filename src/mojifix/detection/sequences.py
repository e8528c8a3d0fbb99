"""UTF-8 sequences seen through a single-byte code page: the prefilter, parsing a run of
sequences (in C where possible), lost bytes and flattened no-break spaces, coverage."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from .._charmap import Encoder
from .._chars import MARK, info
from .._nonascii import lacks, non_ascii
from ..codepages import CODEPAGES, FILL_C1, CodePage
from . import lost

_NBSP_IS_A0 = {cp.name: cp.to_byte.get("\xa0") == 0xA0 for cp in CODEPAGES}

#: Placeholders a decoder leaves for a byte it could not map: the byte is lost.
_LOST = "\ufffd?"
_PLACEHOLDERS = frozenset(_LOST + " ")
_LOST_SET = frozenset(_LOST)
_FILL_NBSP = "nbsp→space"
_FILL_LOST = "lost"
#: Marks a flattened no-break space with evidence of its own (see :func:`_space_evident`,
#: :func:`_joins_word`): lowers the prior, never a label of its own.
_JOINED = "joined"


def _build_tables() -> tuple[dict[str, tuple[CodePage, ...]], re.Pattern[str], frozenset[str]]:
    leads: dict[str, list[CodePage]] = {}
    conts: set[str] = set()
    for cp in CODEPAGES:
        for char, byte in cp.to_byte.items():
            if 0xC2 <= byte <= 0xF4:
                leads.setdefault(char, []).append(cp)
            elif 0x80 <= byte <= 0xBF:
                conts.add(char)
    lead_class = "".join(re.escape(c) for c in sorted(leads))
    cont_class = "".join(re.escape(c) for c in sorted(conts | set(_LOST)))
    # A space may stand for a no-break space (0xA0) that was turned into a plain space.
    pattern = re.compile(f"[{lead_class}][{cont_class} ]")
    return {c: tuple(v) for c, v in leads.items()}, pattern, frozenset(conts | set(_LOST) | {" "})


_LEADS, PREFILTER, _SECOND = _build_tables()
_LEAD_SET = frozenset(_LEADS)
#: Text with at most one non-ASCII character in this many (about where the two ways cost
#: the same), and few distinct leads, is
#: searched with ``str.find`` for each lead it holds (in C, skipping ASCII at memchr speed).
_SPARSE = 32
_FEW_LEADS = 8


def pair_positions(text: str) -> list[int] | None:
    """Where the prefilter matches in ``text``: every position of a lead followed by a
    continuation character (or a space), overlapping pairs included, in order; None where
    non-ASCII text is dense (there the regex finds them faster, as they are needed).

    >>> pair_positions("cafÃ© " + "x" * 200)
    [3]
    >>> pair_positions("cafÃ© ok") is None  # dense
    True
    """
    rest = non_ascii(text)
    if not rest:
        return []
    if len(rest) * _SPARSE <= len(text):
        leads = _LEAD_SET.intersection(rest)
        if len(leads) <= _FEW_LEADS:
            found: list[int] = []
            for lead in leads:
                i = text.find(lead)
                while i >= 0:
                    if text[i + 1 : i + 2] in _SECOND:
                        found.append(i)
                    i = text.find(lead, i + 1)
            found.sort()
            return found
    return None


_PREFILTER_ANY = PREFILTER.search
_BY_NAME = {cp.name: cp for cp in CODEPAGES}


def _word_follows(text: str, k: int) -> bool:
    """True if ``text[k:]`` starts a word: two letters, or one and an elision (``l’``)."""
    return k + 1 < len(text) and text[k].isalpha() and (text[k + 1].isalpha() or text[k + 1] in "'’")


# Strictly valid UTF-8 multi-byte sequences, plus CESU-8 surrogate pairs.
_UTF8_RUN = re.compile(
    rb"(?:[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xed[\xa0-\xaf][\x80-\xbf]\xed[\xb0-\xbf][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})+"
)

#: Each page's character -> byte map (hole fills included), encoding in C.
_ENCODERS = {
    cp.name: Encoder({**{c: c for c in range(0x80)}, **{ord(ch): b for ch, b in cp.to_byte.items()}})
    for cp in CODEPAGES
}

_FILL_RE = {
    cp.name: re.compile("[" + "".join(re.escape(c) for c in cp.fill_of) + "]") if cp.fill_of else None
    for cp in CODEPAGES
}

# For coverage, a hole filled with its C1 control is no worse than a page that defines the
# C1 controls (Latin-9 would otherwise beat Windows-1252 on "â€\x9d"); C1 controls leaked
# for bytes the page defines, and Windows-1252 fills, still count as fills.
_COVER_FILL_RE = {
    cp.name: re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else None
    for cp in CODEPAGES
    for chars in [[c for c, f in cp.fill_of.items() if not (f == FILL_C1 and ord(c) in cp.holes)]]
}
_WINDOW = 48
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")
#: A non-ASCII run with the space after it, which may be a flattened no-break space ("Ă i").
_RUN_AND_SPACE = re.compile("[^\x00-\x7f]+ ?")


class Run(NamedTuple):
    """A run of UTF-8 sequences read through a code page (:func:`_parse`)."""

    end: int
    decoded: str
    #: How each unusual byte was obtained (hole fills, flattened no-break spaces, lost).
    fills: list[str]
    nbytes: int
    #: ``decoded`` with each lost character that stayed U+FFFD given its likeliest option:
    #: what the text most probably said, for judging whether the run is damage at all.
    likely: str


def _parse(text: str, i: int, cp: CodePage) -> Run | None:
    """The longest run of valid UTF-8 sequences read through ``cp`` from ``text[i]``.

    The common case runs in C: the text is encoded with the code page's map (hole fills
    included) up to the first character it cannot represent, and a bytes regex finds the
    run. Runs that stop at a placeholder for a lost byte or a flattened no-break space go
    through :func:`_parse_slow`, which knows about those.
    """
    encode = _ENCODERS[cp.name].encode
    size = _WINDOW
    while True:
        # Characters the page cannot encode become "?", which ends the run.
        raw = encode(text[i : i + size], "replace")
        run = _UTF8_RUN.match(raw)
        length = run.end() if run else 0
        if length < size - 3 or i + size >= len(text):  # a window may cut a sequence
            break
        size *= 4
    # A placeholder can only matter right after a lead that the run could not complete.
    lead = cp.to_byte.get(text[i + length]) if i + length < len(text) else None
    if lead is not None and 0xC2 <= lead <= 0xF4:
        need = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
        tail = text[i + length + 1 : i + length + 2 + need]
        if any(c in _PLACEHOLDERS for c in tail) or (cp.holes and _one_short(tail, need, cp)):
            return _parse_slow(text, i, cp)
    if not length:
        return None
    body = raw[:length]
    decoded = body.decode("utf-8", "surrogatepass")
    if max(decoded) >= "\ud800" and any("\ud800" <= c <= "\udfff" for c in decoded):
        decoded = decoded.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    fill_re = _FILL_RE[cp.name]
    fills = [cp.fill_of[c] for c in fill_re.findall(text, i, i + length)] if fill_re else []
    return Run(i + length, decoded, fills, length, decoded)


def _one_short(tail: str, need: int, cp: CodePage) -> bool:
    """Whether ``tail``, the characters after a lead that wants ``need`` continuation
    bytes, holds all but the last of them, and then no continuation; for a two-byte
    sequence, whether what follows its lead shows it ended (:func:`_ends_short`)."""
    if need == 1:
        return _ends_short(tail, 0, cp)
    for position in range(need):
        byte = cp.to_byte.get(tail[position]) if position < len(tail) else None
        continues = byte is not None and 0x80 <= byte <= 0xBF
        if continues != (position < need - 1):
            return False
    return True


def _stripped(
    seq: list[int | None],
    need: int,
    cp: CodePage,
    space: bool,
    c1_kept: bool,
    ended: bool,
    around: tuple[str, str] = ("", ""),
) -> bool:
    """Whether a sequence that stops one byte short (``seq``, ``need`` continuation bytes
    wanted) lost its last byte to a decoder that drops the bytes its page leaves
    undefined: some hole of the page completes it into a character real text uses. Not
    in a text that kept C1 controls (``c1_kept``): its decoder mapped the undefined bytes
    instead of dropping them (``â\x80â\x80\x9c`` is damage twice over, not two dropped
    bytes). A two-byte sequence, a lead alone, only where its sequence shows it ended
    (``ended``, :func:`_ends_short`: another lead follows, as in Arabic ``Ù`` before
    ``Ø±`` in ``الÙراغات``, Russian ``ÑÑ`` for ``сс``, or punctuation closing a word) or
    before a space, as follows (a lead before a letter is no evidence, clean text is full
    of them).
    Before a space (``space``) that may be a flattened no-break space (byte A0), only
    where that reading is a rare character, not a digit (``â€ `` is not "†", ``Ñ `` not
    "Ѡ" but "я ", ``Ù `` is "٠" among digits), or, for a longer sequence or a digit
    after a letter, where the characters ``around`` (the one before the sequence, the one
    after the space) make a lost character before a space clearly likelier than that
    reading glued to what follows (Georgian "áƒ“áƒ áƒ¤" is "და ფ" with 0x90 dropped, not
    "დრფ"; Arabic "Ø±Ù Ù…" is "رف م", not "ر٠م")."""
    if len(seq) != need or None in seq or not cp.holes or c1_kept:
        return False
    if need == 1 and not (ended or space):
        return False
    if not lost.options((*seq, None), cp):
        return False
    if space:
        read = bytes((*(b for b in seq if b is not None), 0xA0)).decode("utf-8", "replace")
        # (Digits are rare in the catalogs the costs come from, not in text: Arabic-Indic
        # "Ù " is "٠".)
        if read == "\ufffd" or (info(read).cost > _LOST_COMMON and not read.isdigit()):
            return True
        if read.isdigit():
            # A digit glued to the end of a word is rare: "Ù " after a letter may be "ف ".
            return around[0].isalpha() and _space_was_text(seq, cp, read, around)
        return need > 1 and read.isalpha() and _space_was_text(seq, cp, read, around)
    return True


def _space_was_text(seq: list[int | None], cp: CodePage, read: str, around: tuple[str, str]) -> bool:
    """Whether, between the characters ``around`` (the one before, and the text after the
    space, read back), a character a lost byte completes ``seq`` into, then a space, is
    clearly likelier (by :mod:`.lost`'s all-scripts model) than ``read`` (the sequence
    with a no-break space) glued to the next character. Not where the next character is a
    mark, which no word starts with, nor in scripts written without spaces."""
    before, after = around[0], _read_context(around[1], cp)[:1]  # (what follows, read back)
    if not before or not after or after.isspace() or info(read).script in _UNSPACED:
        return False
    if info(after).kind == MARK:
        return False  # no word starts with a mark: the space was inside one
    glued = lost.chain(before, (read,), after)
    spaced = max(lost.chain(before, (char,), " ") for char in lost.options((*seq, None), cp))
    return spaced - glued >= _SPACE_CLEAR


#: Scripts written without spaces between words: a space in them says nothing of a word's
#: end.
_UNSPACED = frozenset(("THAI", "KHMER", "LAO", "MYANMAR", "CJK", "TIBETAN"))
#: How much likelier (natural log) a lost character before a real space must be than a
#: flattened no-break space's reading glued to the next word.
_SPACE_CLEAR = 2.5


def _read_context(context: str, cp: CodePage) -> str:
    """``context`` (text next to a damaged run) as it read before the damage, where it is
    damaged the same way (a whole line through one page), else as it is."""
    if context.isascii():
        return context
    try:
        raw = _ENCODERS[cp.name].encode(context.replace("\ufffd", "?"))
    except UnicodeError:
        return context
    decoded = raw.decode("utf-8", "replace")
    # The window may cut a sequence at its edges; inside, a character is unknown only
    # where a byte was lost, which few are (clean text read so is unknown throughout).
    unknown = decoded.strip("\ufffd").count("\ufffd")
    if unknown and unknown * _KNOWN_SHARE > sum(1 for c in decoded if c > "\x7f"):
        return context
    return decoded


#: A context read back may have at most one in this many of its non-ASCII characters
#: unknown (bytes dropped) inside.
_KNOWN_SHARE = 4


_C1 = re.compile("[\x80-\x9f]")
#: Sequences a run read by :func:`_parse_slow` holds at most: a longer run is read on from
#: where this one stops, so that text full of placeholders costs the same per character
#: however long its runs are.
_SLOW_MOST = 16
#: Lost characters a run may have, more than half of its characters, and still be restored.
_FEW_LOST = 4


class _Kept(NamedTuple):
    """What :func:`_parse_slow` keeps of one text."""

    text: str
    #: Whether the text holds C1 controls (its decoder kept undefined bytes as them).
    c1_kept: bool
    runs: dict[tuple[int, str], Run | None]


#: Runs read by :func:`_parse_slow`, per text (the last few texts; :func:`forget`): each
#: prefilter hit reads on from itself and looks back over the sequences before it, so the
#: same runs are asked for again and again where a run of damage is not repaired.
_SLOW_RUNS: dict[int, _Kept] = {}
_SLOW_TEXTS = 4


def forget() -> None:
    """Drop the runs kept for the texts of one repair (and the references to the texts)."""
    _SLOW_RUNS.clear()


def _kept(text: str) -> _Kept:
    """What is kept of ``text`` (made on first use)."""
    kept = _SLOW_RUNS.get(id(text))
    if kept is None or kept.text is not text:
        if len(_SLOW_RUNS) >= _SLOW_TEXTS:
            del _SLOW_RUNS[next(iter(_SLOW_RUNS))]
        kept = _SLOW_RUNS[id(text)] = _Kept(text, not lacks(text, _C1.search), {})
    return kept


def _parse_slow(text: str, i: int, cp: CodePage) -> Run | None:
    """:func:`_read_slow`, kept per text."""
    kept = _kept(text)
    key = (i, cp.name)
    if key not in kept.runs:
        kept.runs[key] = _read_slow(text, i, cp, kept.c1_kept)
    return kept.runs[key]


def _read_slow(text: str, i: int, cp: CodePage, c1_kept: bool) -> Run | None:
    """The longest run of valid UTF-8 sequences read through ``cp`` from ``text[i]``.

    Knows lost bytes (restored where the neighbours tell, :mod:`.lost`), bytes dropped
    where the text holds no C1 control (``c1_kept``), and flattened no-break spaces.
    """
    to_byte, fill_of = cp.to_byte, cp.fill_of
    nbsp = _NBSP_IS_A0[cp.name]
    n = len(text)
    j = i
    out: list[str] = []
    ambiguous: list[tuple[int, tuple[str, ...]]] = []
    fills: list[str] = []
    nbytes = 0
    while j < n and len(out) < _SLOW_MOST:
        lead = to_byte.get(text[j])
        if lead is None or lead < 0xC2 or lead > 0xF4:
            break
        need = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
        seq: list[int | None] = [lead]
        seq_fills: list[str] = []
        if text[j] in fill_of:
            seq_fills.append(fill_of[text[j]])
        k = j + 1
        dropped_nbsp = False
        while len(seq) <= need and k < n:
            char = text[k]
            byte = to_byte.get(char)
            if byte is not None and 0x80 <= byte <= 0xBF:
                seq.append(byte)
                if char in fill_of:
                    seq_fills.append(fill_of[char])
            elif char not in _LOST_SET and _stripped(
                seq,
                need,
                cp,
                char == " " and nbsp,
                c1_kept,
                need == 1 and _ends_short(text, k, cp),
                (out[-1][-1:] if out else text[j - 1 : j], text[k + 1 : k + 4]),
            ):
                # The decoder dropped the sequence's last byte, undefined in its page
                # ("â€œnoâ€ " for “no” with 0x9D dropped); the character after is text.
                seq.append(None)
                seq_fills.append(_FILL_LOST)
                break
            elif char == " " and nbsp:
                vowel = need == 1 and _is_vowel(bytes((lead, 0xA0)).decode("utf-8", "replace"))
                if _space_evident(text, k, cp, len(seq) < need) or (
                    vowel and _joins_word(text, j, k + 1, bytes((lead, 0xA0)).decode("utf-8"))
                ):
                    seq_fills.append(_JOINED)
                elif vowel and _word_follows(text, k + 1) and not _starts_sequence(text, k + 1, cp):
                    # "Ã le": the no-break space after "Ã" was dropped, the space is real.
                    dropped_nbsp = True
                    seq.append(0xA0)
                    seq_fills.append(_FILL_LOST)
                    break
                seq.append(0xA0)
                seq_fills.append(_FILL_NBSP)
            elif char in _LOST:
                seq.append(None)
                seq_fills.append(_FILL_LOST)
            else:
                break
            k += 1
        if k == n and _stripped(seq, need, cp, False, c1_kept, False):  # (nothing follows)
            seq.append(None)  # ... at the very end of the text
            seq_fills.append(_FILL_LOST)
        if len(seq) <= need:
            break
        decoded = _decode(seq, cp)
        if decoded is not None and None in seq:
            choices = lost.options(tuple(seq), cp)
            if len(choices) > 1:
                ambiguous.append((len(out), choices))
        if decoded is None:
            # A CESU-8 surrogate pair needs the next sequence too.
            pair = _cesu_pair(text, j, k, seq, to_byte)
            if pair is None:
                break
            decoded, k = pair
        out.append(decoded)
        fills.extend(seq_fills)
        nbytes += k - j if not dropped_nbsp else 2
        j = k
        if dropped_nbsp:
            break
    if j == i:
        return None
    likely: str | None = None
    # Where most characters of a long run were lost, their neighbours are unknown too.
    if ambiguous and (len(ambiguous) <= _FEW_LOST or 2 * len(ambiguous) <= len(out)):
        left = _read_context(text[max(0, i - lost.CONTEXT) : i], cp)
        likely = lost.restore(out, ambiguous, left, _read_context(text[j : j + lost.CONTEXT], cp))
    decoded = "".join(out)
    return Run(j, decoded, fills, nbytes, likely or decoded)


_COMPLETES: dict[tuple[str, str, str], bool] = {}


#: Where the punctuation and symbols of every script begin (general punctuation, arrows,
#: Braille, dingbats ...): those below belong to the scripts of their blocks (Samaritan,
#: Mongolian), and no real text has them after a flattened no-break space.
_COMMON_SYMBOLS = "\u2000"


def space_completes(a: str, b: str, c: str) -> bool:
    """True if the three characters, one of them a space standing for a flattened no-break
    space (byte A0), form a three-byte UTF-8 sequence in some code page whose no-break space
    is A0, decoding to punctuation or a symbol from U+2000 on: the characters real
    mojibake with flattened spaces is made of (``âš `` is ⚠, ``â €`` is ⠀; Serbian
    "да ја" is no Samaritan punctuation read as Windows-1251). Cached."""
    key = (a, b, c)
    known = _COMPLETES.get(key)
    if known is None:
        known = False
        for cp in _LEADS.get(a, ()):
            if not _NBSP_IS_A0[cp.name]:
                continue
            raw = [0xA0 if ch == " " else cp.to_byte.get(ch) for ch in key]
            if None in raw or not 0xE0 <= raw[0] <= 0xEF:  # type: ignore[operator]
                continue
            try:
                char = bytes(raw).decode("utf-8")  # type: ignore[arg-type]
            except UnicodeDecodeError:
                continue
            if char >= _COMMON_SYMBOLS and unicodedata.category(char)[0] in "PS":
                known = True
                break
        if len(_COMPLETES) < 100_000:
            _COMPLETES[key] = known
    return known


def _scan_prefilter() -> re.Pattern[str]:
    """The prefilter without the pairs that are never worth a look, left out in C (the
    first look at a text, :func:`mojifix.detection.utf8._scan_words`, would set them
    aside in Python one by one; the pattern starts with the lead class, so ``re`` skips
    other characters at C speed):

    * two lower-case Cyrillic letters inside a Cyrillic word ("ра" in "правда"): pairs in
      cp866, KOI8 and Mac Cyrillic, never evidence on their own;
    * a lead followed by a space that ends its word ("в ", "ā ", "» "): a flattened
      no-break space is only suspected after a lone capital (a capital after another
      capital is an acronym), or where the space may complete a sequence of punctuation
      or a symbol ("â €" is ⠀; :func:`space_completes`).
    """
    # Leads whose space may complete punctuation or a symbol (E2 A0 xx is Braille): found
    # from the bytes, once, not by trying every lead with every continuation.
    completing_bytes = {
        lead
        for lead in range(0xE0, 0xF0)
        if any(
            (char := bytes((lead, 0xA0, c)).decode("utf-8", "surrogatepass")) >= _COMMON_SYMBOLS
            and unicodedata.category(char)[0] in "PS"
            for c in range(0x80, 0xC0)
        )
    }
    completing = {
        a
        for a, pages in _LEADS.items()
        if any(_NBSP_IS_A0[cp.name] and cp.to_byte[a] in completing_bytes for cp in pages)
    }
    capitals = [a for a in _LEADS if info(a).case > 0 and a not in completing]
    quiet = [a for a in _LEADS if info(a).case <= 0 and a not in completing]
    # Capitals before a capital lead (an acronym): those of the alphabetic scripts suffice
    # (a hit the pattern keeps is judged again in Python).
    every_capital = [
        chr(c)
        for c in (*range(0x41, 0x5B), *range(0xC0, 0x2000))
        if unicodedata.category(chr(c)) in ("Lu", "Lt")
    ]

    def cls(chars: list[str] | set[str]) -> str:
        return "".join(re.escape(c) for c in sorted(chars))

    lower = "\u0430-\u044f"
    cont = PREFILTER.pattern[PREFILTER.pattern.index("][") + 1 : -2] + "]"  # without the space
    lead = PREFILTER.pattern[: PREFILTER.pattern.index("][") + 1]
    # After a pair of lower-case Cyrillic letters preceded by a space or a Cyrillic letter,
    # the next character must be something else (as a lookahead at the start, the
    # lookaround would defeat re's fast skip over characters that are no lead).
    cyrillic_pair = f"(?<![^\\s\u0410-\u044f])[{lower}]{{2}}"
    pair = f"{cont}(?:(?<!{cyrillic_pair})|(?=[^\\s{lower}]))"
    space = f"(?<![{cls(quiet)}])(?<![{cls(every_capital)}][{cls(capitals)}]) "
    return re.compile(f"{lead}(?:{pair}|{space})")


def _space_evident(text: str, k: int, cp: CodePage, inside: bool) -> bool:
    """Evidence that the space at ``text[k]`` stands for a no-break space: a second space
    follows ("Ã  bien": the flattened one and the real one), the space sits inside a
    sequence, between its lead and a continuation ("â €"), or another sequence follows it
    at once."""
    following = text[k + 1 : k + 2]
    if following == " ":
        return True
    byte = cp.to_byte.get(following) if following else None
    if byte is None:
        return False
    if inside:
        # (A C1 control is no such continuation: "está \x93próximo" is Latin-1 text whose
        # quotes leaked as C1 controls, not U+1813.)
        return 0x80 <= byte <= 0xBF and not "\x80" <= following <= "\x9f"
    # The next sequence starts right after it ("Ù Ù Ù¡": ٠٠١), its own space included.
    after = text[k + 2 : k + 3]
    if after == " ":
        return 0xC2 <= byte <= 0xDF  # a two-byte lead completed by its own space
    return 0xC2 <= byte <= 0xF4 and _starts_sequence(text, k + 1, cp)


def _joins_word(text: str, j: int, k: int, char: str) -> bool:
    """True if the letters before ``text[j]`` and from ``text[k]`` on, joined by ``char``,
    form a word that real text uses ("àquele", "vàlids", "hài")."""
    from .._words import A_GRAVE_WORDS

    begin = j
    while begin > 0 and text[begin - 1].isalpha() and j - begin < _WORD_LIMIT:
        begin -= 1
    end = k
    while end < len(text) and text[end].isalpha() and end - k < _WORD_LIMIT:
        end += 1
    if text[end : end + 1] in ("'", "’"):
        return False  # an elided word follows ("Ã s'éloigner": "à s'éloigner")
    return (text[begin:j] + char + text[k:end]).lower() in A_GRAVE_WORDS


_WORD_LIMIT = 40


def _is_vowel(char: str) -> bool:
    """A letter that can stand alone as a word (à, é, ó...): its base letter is a vowel."""
    base = unicodedata.normalize("NFD", char)[:1]
    return char.isalpha() and char.islower() and base in "aeiouy"


def _ends_short(text: str, k: int, cp: CodePage) -> bool:
    """Whether ``text[k]``, right after a two-byte lead, shows that the lead's sequence
    ended there: another lead (no valid UTF-8 has two side by side) or ASCII punctuation
    closing a word (``КОГДÐ]``), never a letter or a digit."""
    return _is_lead(text, k, cp) or (k < len(text) and text[k] in _CLOSING)


#: ASCII punctuation that closes a word.
_CLOSING = frozenset(".,:;!?)]}>\"'")


def _is_lead(text: str, k: int, cp: CodePage) -> bool:
    """Whether ``text[k]`` is a lead of a multi-byte sequence in ``cp``."""
    lead = cp.to_byte.get(text[k]) if k < len(text) else None
    return lead is not None and 0xC2 <= lead <= 0xF4


def _starts_sequence(text: str, k: int, cp: CodePage) -> bool:
    if k + 1 >= len(text):
        return False
    lead, cont = cp.to_byte.get(text[k]), cp.to_byte.get(text[k + 1])
    return lead is not None and 0xC2 <= lead <= 0xF4 and cont is not None and 0x80 <= cont <= 0xBF


def _decode(seq: list[int | None], cp: CodePage | None = None) -> str | None:
    """Decode one sequence; None if invalid (or a surrogate). A lost byte is guessed from
    the page's holes (see :func:`_guess_lost`), else the sequence becomes U+FFFD."""
    lead, second = seq[0], seq[1]
    assert lead is not None
    if second is not None:
        if (lead == 0xE0 and second < 0xA0) or (lead == 0xF0 and second < 0x90):
            return None  # overlong
        if lead == 0xF4 and second > 0x8F:
            return None  # beyond U+10FFFF
        if lead == 0xED and second > 0x9F:
            return None  # surrogate: only valid as a CESU-8 pair
    if None in seq:
        return _guess_lost(tuple(seq), cp) if cp is not None else "\ufffd"
    return bytes(b for b in seq if b is not None).decode("utf-8")


#: How much rarer the runner-up must be before a lost byte is restored.
_LOST_CLEAR = 20
#: A restored character must be one that real text uses (cost as in :mod:`mojifix._chars`).
_LOST_COMMON = 80


@functools.lru_cache(maxsize=4096)
def _guess_lost(seq: tuple[int | None, ...], cp: CodePage) -> str:
    """The character of a sequence with one lost byte, where the page determines it.

    A decoder only loses the bytes its code page leaves undefined, so the lost byte is one
    of the page's holes (``â€?``: 0x9D, a hole in Windows-1252, so ``”`` rather than the
    rare U+2010). The cheapest printable candidate is taken when it is clearly more common
    than the next; otherwise the character is unknown (U+FFFD).
    """
    # Letters, marks and punctuation are restored, never symbols (nor joiners: alone,
    # nothing shows that one was there).
    found = sorted((value, char) for char, value in lost.completions(seq, cp) if char not in lost.JOINERS)
    if not found or found[0][0] > _LOST_COMMON:
        return "\ufffd"  # a rare character: the decoder probably lost other bytes too
    if len(found) == 1 or found[1][0] - found[0][0] >= _LOST_CLEAR:
        return found[0][1]
    return "\ufffd"


def _cesu_pair(
    text: str, j: int, k: int, seq: list[int | None], to_byte: dict[str, int]
) -> tuple[str, int] | None:
    if None in seq or seq[0] != 0xED or not 0xA0 <= (seq[1] or 0) <= 0xAF:
        return None
    if k + 3 > len(text):
        return None
    low = [to_byte.get(c) for c in text[k : k + 3]]
    if low[0] != 0xED or low[1] is None or not 0xB0 <= low[1] <= 0xBF:
        return None
    if low[2] is None or not 0x80 <= low[2] <= 0xBF:
        return None
    raw = bytes(b for b in (*seq, *low) if b is not None)
    pair = raw.decode("utf-8", "surrogatepass")
    return pair.encode("utf-16-le", "surrogatepass").decode("utf-16-le"), k + 3


def _extend_back(text: str, i: int, cp: CodePage, limit: int) -> int:
    """The earliest start >= ``limit`` from which valid sequences under ``cp`` run up to
    ``i``, a two-byte lead whose last byte was dropped included (:func:`_stripped`)."""
    start = i
    moved = True
    while moved:
        moved = False
        if start > limit and _dropped_before(text, start, cp):
            start -= 1
            moved = True
            continue
        for size in (2, 3, 4):
            begin = start - size
            if begin < limit:
                break
            lead = cp.to_byte.get(text[begin])
            if (
                lead is None
                or not 0xC2 <= lead <= 0xF4
                or (1 if lead < 0xE0 else 2 if lead < 0xF0 else 3) != size - 1
            ):
                continue
            if _one_sequence(text, begin, start, cp):
                start = begin
                moved = True
                break
    return start


def _dropped_before(text: str, start: int, cp: CodePage) -> bool:
    """Whether ``text[start - 1]`` is a two-byte lead that lost its last byte to a decoder
    that drops undefined bytes, a run beginning at ``start`` with a lead (:func:`_stripped`)."""
    lead = cp.to_byte.get(text[start - 1])
    if lead is None or not 0xC2 <= lead <= 0xDF or not cp.holes or not _is_lead(text, start, cp):
        return False
    return bool(lost.options((lead, None), cp)) and not _kept(text).c1_kept


def _one_sequence(text: str, begin: int, start: int, cp: CodePage) -> bool:
    """Whether a run read through ``cp`` from ``text[begin]`` (a lead) reaches ``start``,
    valid sequences running from there: ``text[begin:start]`` is one sequence. Checked
    byte by byte; a space, which may stand for a no-break space, is left to :func:`_parse`."""
    piece = text[begin:start]
    if " " in piece:
        parsed = _parse(text, begin, cp)
        return parsed is not None and parsed[0] >= start
    seq: list[int | None] = []
    for char in piece:
        byte = cp.to_byte.get(char)
        if char in _LOST_SET:
            seq.append(None)
        elif byte is None or (seq and not 0x80 <= byte <= 0xBF):
            return False
        else:
            seq.append(byte)
    return _decode(seq) is not None or _cesu_high(seq)


def _cesu_high(seq: list[int | None]) -> bool:
    """The first half of a CESU-8 surrogate pair (:func:`_cesu_pair` reads it with the
    next)."""
    return None not in seq and seq[0] == 0xED and 0xA0 <= (seq[1] or 0) <= 0xAF


_PAGES_FOR: dict[str, tuple[tuple[CodePage, int], ...]] = {}


def _pages_for(pair: str) -> tuple[tuple[CodePage, int], ...]:
    """The code pages in which ``pair`` starts a UTF-8 sequence, each with the number of
    continuation bytes its lead needs (cached: text repeats its character pairs)."""
    found = _PAGES_FOR.get(pair)
    if found is None:
        pages = []
        if len(pair) == 2:
            for cp in _LEADS.get(pair[0], ()):
                cont = cp.to_byte.get(pair[1])
                if (cont is not None and 0x80 <= cont <= 0xBF) or pair[1] in _PLACEHOLDERS:
                    lead = cp.to_byte[pair[0]]
                    pages.append((cp, 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3))
        found = _PAGES_FOR[pair] = tuple(pages)
    return found


def _coverage(text: str, cp: CodePage) -> tuple[float, float, int]:
    """For ``text``, the non-ASCII runs of a text joined by NUL (each with the space after
    it, if any, which counts as a no-break space where the page has one and is not counted
    itself): the share of its characters
    that lie in UTF-8 sequences under ``cp``,
    counting all of them and counting only those the code page itself defines (no fills),
    and the number of separate spans they form.

    Near 1 when the whole text went through that decoder; low for clean text (where only
    the odd pair of letters happens to form a sequence) and for mixed text. Runs in C:
    characters the page cannot encode become ``?``, which ends any run.
    """
    raw = _ENCODERS[cp.name].encode(text, "replace")
    spaces = raw.count(b" ")
    if spaces and _NBSP_IS_A0[cp.name]:
        raw = raw.replace(b" ", b"\xa0")  # a space after a run may be a flattened A0
    runs, spans = _utf8_runs(raw)
    total = len(text) - text.count("\x00") - spaces
    covered = min(total, runs)
    if total <= 0:
        return 0.0, 0.0, 0
    fill_re = _COVER_FILL_RE[cp.name]
    filled = len(fill_re.findall(text)) if fill_re else 0
    return covered / total, max(0, covered - filled) / total, spans


def _utf8_runs(raw: bytes) -> tuple[int, int]:
    """How many bytes of ``raw`` lie in runs of :data:`_UTF8_RUN`, and how many runs there
    are, in C. Python's UTF-8 decoder reads the same well-formed sequences as the pattern
    and no others (a byte it replaces never starts one), four times faster than the
    pattern: it is used unless ``raw`` holds surrogates (CESU-8 pairs, which only the
    pattern reads). A U+FFFD of its own is read as U+FFFC, three bytes of the same kinds,
    so that only the decoder's replacements stand for bytes outside the runs."""
    if _SURROGATE.search(raw) is not None:
        rest, spans = _UTF8_RUN.subn(b"", raw)
        return len(raw) - len(rest), spans
    runs = _DECODED_RUN.findall(raw.replace(b"\xef\xbf\xbd", b"\xef\xbf\xbc").decode("utf-8", "replace"))
    return len("".join(runs).encode("utf-8")), len(runs)


_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")
_DECODED_RUN = re.compile("[^\x00-\x7f\ufffd]+")


SCAN_PREFILTER = _scan_prefilter()
