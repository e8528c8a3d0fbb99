"""Legacy text read with the wrong legacy code page (no UTF-8 involved).

``СЕКРЕТ`` written in Windows-1251 and read as Windows-1252 is ``ÑÅÊÐÅÒ``; ``テスト`` in
Shift_JIS read as Windows-1252 is ``ƒeƒXƒg``. There is no validity signal as strong as
UTF-8's here: almost any byte string decodes under almost any single-byte page. What
decides is the language-plausibility model (:mod:`mojifix.plausibility`: per-character
frequencies from ~125 languages, script changes, case shapes) applied to whole words and
whole paragraphs, over a short documented list of realistic mixups (:data:`MIXUPS`),
never all n² pairs.

Per paragraph and mixup ``(true, read_as)``:

1. the paragraph's non-ASCII letters must *not* all belong to one language's alphabet
   (generated table :mod:`mojifix._alphabets`): ``Áåñïå÷íûé`` mixes letters of French,
   Nordic and Icelandic, ``áéýúíóþæðö`` is plain Icelandic. Then every word with a
   non-ASCII character must be representable in ``read_as`` and decode strictly in
   ``true`` (the whole paragraph went through one wrong decoder, or none of it did), and
   the repaired letters must belong to one alphabet;
2. words that are UTF-8 mojibake (most of their non-ASCII characters in spans the UTF-8
   detector repairs) are left to that fixer;
3. the paragraph's total gain in plausibility must exceed the prior of the mixup; then
   every word the mixup changes is repaired, unless that makes it clearly less plausible
   (by more than :data:`_WORSE`): the decoder went over all of them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from .._charmap import Encoder
from .._chars import LETTER, MARK, info
from .._nonascii import lacks, non_ascii
from .._splice import splice, splice_mapped
from ..bigrams import (
    UNSEEN,
    AsciiLanguages,
    _ascii_pair_tables,
    ascii_alphabets,
    ascii_common,
    ascii_languages,
    best_joint,
    has_pairs,
    judgeable,
    natural,
    naturalness,
    pairs,
    strange,
)
from ..codepages import by_name
from ..model import Layer
from ..plausibility import _WORD_INTERNAL, PRIOR, cost
from . import lost
from .natural import _two_capitals_start
from .sequences import _NON_ASCII_RUN, _pages_for

__all__ = ["MIXUPS", "Candidate", "find"]


class Mixup(NamedTuple):
    """Bytes in ``true`` were decoded as ``read_as``."""

    true: str  # name in reports
    codec: str  # Python codec for ``true``
    read_as: str  # a page of :mod:`mojifix.codepages`
    extra: int  # added to the prior: rarer mixups need more evidence
    #: Double-byte targets must produce real CJK text, not runs of half-width katakana.
    cjk: bool = False


#: The realistic mixups, most common first (ftfy's issue tracker, legacy Windows locales,
#: DOS consoles, old Macs).
MIXUPS: tuple[Mixup, ...] = (
    Mixup("windows-1251", "cp1251", "windows-1252", 0),
    Mixup("windows-1250", "cp1250", "windows-1252", 20),
    Mixup("iso-8859-2", "iso8859_2", "windows-1252", 20),
    Mixup("windows-1253", "cp1253", "windows-1252", 20),
    Mixup("windows-1254", "cp1254", "windows-1252", 30),
    Mixup("windows-1255", "cp1255", "windows-1252", 30),
    Mixup("windows-1256", "cp1256", "windows-1252", 30),
    Mixup("windows-1257", "cp1257", "windows-1252", 30),
    Mixup("koi8-r", "koi8_r", "windows-1251", 0),
    Mixup("koi8-r", "koi8_r", "windows-1252", 30),
    Mixup("windows-1251", "cp1251", "koi8-r", 30),
    Mixup("cp866", "cp866", "windows-1251", 30),
    Mixup("windows-1252", "cp1252", "cp850", 20),
    Mixup("windows-1252", "cp1252", "cp437", 30),
    Mixup("mac-roman", "mac_roman", "windows-1252", 40),
    Mixup("shift_jis", "cp932", "windows-1252", 20, True),
    Mixup("shift_jis", "cp932", "cp850", 30, True),
    Mixup("gbk", "gbk", "windows-1252", 20, True),
    Mixup("big5", "cp950", "windows-1252", 30, True),
    Mixup("euc-kr", "cp949", "windows-1252", 30, True),
)

_BLOCK_BREAK = re.compile(r"\n[ \t\r]*\n")


def _utf8_signature() -> re.Pattern[str]:
    """A Windows-1252 character of a UTF-8 lead byte followed by one of a continuation byte:
    the commonest mojibake of all, and the UTF-8 fixer's, not this one's. A continuation
    byte may also be a C1 control: what a decoder leaves for Windows-1252's holes, and what
    Latin-1 makes of bytes 80-9F."""
    leads = bytes(range(0xC2, 0xF5)).decode("cp1252", "ignore")
    conts = bytes(range(0x80, 0xC0)).decode("cp1252", "ignore") + bytes(range(0x80, 0xA0)).decode("latin-1")
    return re.compile(f"[{re.escape(leads)}][{re.escape(conts)}]+")


_UTF8_SIGNATURE = _utf8_signature()


def _embedded() -> re.Pattern[str]:
    """A UTF-8 signature (here replaced by a NUL) next to a character of a UTF-8 lead byte
    in Windows-1252 that it does not begin, or to two characters of other bytes: the
    signature is part of a longer run of other damage (Big5 "«ØÄ³¨Ï" read as
    Windows-1252 is "建議", "«¬«Ê¦" is "型封"), where UTF-8 mojibake is only leads each
    followed by continuations ("Ã§Ã£", "â€™")."""
    chars = bytes(range(0x80, 0x100)).decode("cp1252", "ignore")
    stray = re.escape(chars.replace("\xa0", "").replace("\xad", ""))  # (spaces and hyphens aside)
    return re.compile(f"[\xc0-\xff]\0|\0[\xc0-\xff]|[{stray}]{{2}}\0|\0[{stray}]{{2}}")


_EMBEDDED = _embedded()
_SPACE = re.compile(r"[^\S\xa0]")  # whitespace that ends a word
_CONTEXT = 2
_UTF8_SHARE = 0.5
_WORSE = 60
_AFTER_SHARE = 0.75
_FULL_WIDTH_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")
_HALF_WIDTH = re.compile("[\uff61-\uff9f]")

# Character -> byte maps of the pages text is read as (holes filled as C1 controls, as
# real decoders do), encoding in C.
_ENCODE: dict[str, Encoder] = {}


def _encoder(page: str) -> Encoder:
    encoder = _ENCODE.get(page)
    if encoder is None:
        cp = by_name(page)
        table = {c: c for c in range(0x80)}
        for char, byte in cp.to_byte.items():
            # A C1 control comes only from a hole: where the page defines the byte, a
            # decoder with this page never produced the control.
            if len(char) == 1 and not ("\x80" <= char <= "\x9f" and byte not in cp.holes):
                table.setdefault(ord(char), byte)
        encoder = _ENCODE[page] = Encoder(table)
    return encoder


class Candidate(NamedTuple):
    """A repair proposal for ``text[start:end]``."""

    start: int
    end: int
    after: str
    layers: tuple[Layer, ...]
    margin: int


def _read_back(word: str, mixup: Mixup) -> str | None:
    """``word`` as the text it was before ``mixup``, or None if it cannot have been."""
    try:
        raw = _encoder(mixup.read_as).encode(word)
        return raw.decode(mixup.codec)
    except UnicodeError:
        return None


def _read_word(word: str, mixup: Mixup) -> str | None:
    """:func:`_read_back` of a whole word, None also where a capital would read back as
    punctuation inside it that is no apostrophe before a small letter: Mac Roman "nÕest"
    is "n’est", but "OPCIÓN" was never "OPCI”N", nor Estonian "SÕNA" "S’NA"."""
    after = _read_back(word, mixup)
    if after is None or len(after) != len(word):
        return after
    for i in range(1, len(word) - 1):
        inside = word[i] != after[i] and after[i] in _TEXT_PUNCTUATION and after[i - 1].isalpha()
        apostrophe = after[i] == "’" and after[i + 1].islower()
        if inside and after[i + 1].isalpha() and not apostrophe:
            return None
    return after


def find(text: str) -> list[Candidate]:
    """Accepted repairs of legacy-as-legacy damage, in order, non-overlapping."""
    # A paragraph with a character that no mixup's page produces (Arabic, Thai, CJK ...) is
    # ruled out by one regex scan; text made of such paragraphs costs nothing more.
    unreadable = _unreadable().search
    blocks: list[tuple[int, int]] | None = None
    if not lacks(text, unreadable):
        blocks = [(start, end) for start, end in _blocks(text) if not unreadable(text, start, end)]
        if not blocks:
            return []
    # Where the whole text's letters pass the gate, no paragraph's can fail it: only the
    # order of their letters is left to look at, paragraph by paragraph.
    rest = text if lacks(text, _UTF8_SIGNATURE.search) else _UTF8_SIGNATURE.sub(" ", text)
    letters_plain = _letters_plain(rest)
    if (
        letters_plain
        and not has_pairs(non_ascii(text))
        and lacks(text, _MARKS_RE.search)
        and not _has_inside_mark(text)
    ):
        return []  # nothing for the order of letters to say (clean English), no box glued
    found: list[Candidate] = []
    for start, end in _blocks(text) if blocks is None else blocks:
        block = text[start:end]
        rest = _UTF8_SIGNATURE.sub(" ", block)
        plain = (letters_plain or _letters_plain(rest)) and (not has_pairs(block) or _natural(rest))
        if plain and rest != block and _EMBEDDED.search(_UTF8_SIGNATURE.sub("\0", block)):
            plain = False  # the signatures stand inside longer runs: judge them there
        more = [] if plain else _block(text, start, end)
        found.extend(more or _foreign(text, start, end))
    return found


def _blocks(text: str) -> list[tuple[int, int]]:
    """Where each paragraph of ``text`` starts and ends."""
    ends = [m.start() for m in _BLOCK_BREAK.finditer(text)] + [len(text)]
    return list(zip([0, *ends[:-1]], ends, strict=True))


def _foreign(text: str, start: int, end: int) -> list[Candidate]:
    """Letters foreign to the language the ASCII letters of ``text[start:end]`` are in,
    read back into letters of it: Slovenian "Ni mogoèe prebrati" is "mogoče" (Windows-1250
    read as Windows-1252), Hungarian "Különbözõ" is "Különböző".

    Legacy mixups leave ASCII as it was, so the pairs of ASCII letters name the language
    (:func:`mojifix.bigrams.ascii_languages`). Where no language near the best may use
    the paragraph's non-ASCII letters (:data:`_ASCII_SURE`), each mixup's reading is
    scored as the paragraph is, by ASCII pairs and letter pairs together, in the near
    languages (:data:`_ASCII_NEAR`) that write its letters; a reading that beats the
    paragraph as it is by :data:`_FOREIGN_GAIN` and the mixup's prior is taken. Text in a
    language written with few ASCII letters (Greek, Russian) has too few pairs to say
    (:data:`_ASCII_FEWEST`; a reading of a short paragraph needs more gain). Box drawing
    glued to words and symbols inside words count against the text they stand in
    (:func:`_odd_marks`)."""
    block = text[start:end]
    letters = _letters(block)
    wraps = _odd_wraps(block)
    glued = _odd_marks(block, wraps)
    if not letters - _ORDINALS and not glued:
        return []
    mixups = _may_read_into_one_alphabet(non_ascii(block), tuple(sorted(set(wraps))))
    if not mixups or _utf8_like(block):
        return []  # (UTF-8 read through some page is the UTF-8 fixer's to judge)
    costs, count, alphabets, seen = ascii_languages(block)
    if count < _ASCII_FEWEST:
        return []
    # (A short paragraph names its language less surely: each pair it lacks of
    # _ASCII_LEAST raises the gain its reading needs.)
    short = max(0, _ASCII_LEAST - count) * _SHORT_GAIN
    near, sure = _near(costs, _ASCII_NEAR), _near(costs, _ASCII_SURE)
    if not glued and any(letters <= seen[lang] and _writes_here(lang, letters, block) for lang in sure):
        return []  # letters the language may use (names, loanwords)
    words = _words(text, start, end)
    chosen: tuple[tuple[int, int, int, int], list[Candidate]] | None = None
    as_is: int | None = None
    for mixup in mixups:
        # (Every character of the paragraph reads back through these mixups, no letter as
        # a symbol or a capital: pages are single-byte, so every word does too.)
        readings = [(a, b, _read_word(text[a:b], mixup)) for a, b in words]
        # (Marks at a word's edge say nothing until the paragraph is judged without them.)
        changed: list[tuple[int, int, str]] = []
        ends: list[tuple[int, int, str]] = []
        for a, b, after in readings:
            if after is not None and after != text[a:b]:
                word = text[a:b]
                # (A mark that stands where a letter would, "j‡", makes a word changed.)
                edge = _punctuation_only(word) and not _INSIDE_MARK.search(word)
                (ends if edge else changed).append((a, b, after))
        if not changed or not all(_into_text(text[a:b], after) for a, b, after in changed):
            continue
        ends = [(a, b, after) for a, b, after in ends if _edge_reads_as_letter(text[a:b], after)]
        layers = (Layer(mixup.true, mixup.read_as),)
        edits = [Candidate(a, b, after, layers, 0) for a, b, after in changed]
        whole = splice(block, [e._replace(start=e.start - start, end=e.end - start) for e in edits])
        edge_letters = {c.lower() for _, _, after in ends for c in after if c > "\x7f" and c.isalpha()}
        after_letters = _letters(whole) | edge_letters
        native = [lang for lang in near if after_letters <= alphabets[lang]]
        made = _made_at_end(text, changed)
        if made:
            native = [lang for lang in native if made <= ascii_common()[lang]]
        repaired = " ".join(after for _, _, after in changed)
        if not native or not natural(repaired, _NATURAL_AFTER):
            continue
        # The reading, in the near language that writes its letters and fits it best: it
        # must fit that much better than the paragraph as it is fits any language.
        if as_is is None:
            # The paragraph as it is, in the language its ASCII and other pairs fit best.
            as_is = best_joint(costs, pairs(block)) + glued
        gain = as_is - best_joint(costs, pairs(whole), native) - _odd_marks(whole)
        if gain <= _FOREIGN_GAIN + mixup.extra + short:
            continue
        # Of several readings, the one that leaves fewest characters the language does not
        # write ("ºi" is Romanian "şi" in Windows-1250, not in Windows-1254), then the one
        # that reads fewest letters as punctuation (Swedish "kvarstÕr" is "kvarstår" read
        # as cp850, not Mac Roman "kvarst’r"), then the one that gains most (Italian "Þ"
        # is "è" read as cp850, not "Ţ" of Windows-1250), then the commoner mixup.
        own = frozenset().union(*(alphabets[lang] for lang in native))
        left = sum(1 for c in set(whole) if c > "\x7f" and c.isalnum() and c.lower() not in own)
        marks = sum(
            1
            for a, b, after in changed
            for x, y in zip(text[a:b], after, strict=False)
            if x.isalpha() and y in _TEXT_PUNCTUATION
        )
        order = (left, marks, _page_rank(mixup, native), -gain)
        if chosen is None or order < chosen[0]:
            more = [Candidate(a, b, after, layers, 0) for a, b, after in ends]
            chosen = (order, sorted(e._replace(margin=gain) for e in edits + more))
    return chosen[1] if chosen else []


def _made_at_end(text: str, changed: list[tuple[int, int, str]]) -> set[str]:
    """The letters that readings (``changed``: start, end, reading) make of a footnote
    mark after the last letter of a word: Mac Roman "est‡" is "está". A footnote is marked
    so too ("Smith‡"), so the language must write the letter commonly
    (:func:`mojifix.bigrams.ascii_common`), not just now and then (Dutch "dát")."""
    made: set[str] = set()
    for a, _, after in changed:
        last = next((i for i in range(len(after) - 1, -1, -1) if after[i].isalpha()), None)
        if last is not None and text[a + last] in _FOOTNOTE:
            made.add(after[last].lower())
    return made


#: Marks that follow a word as footnote marks.
_FOOTNOTE = "*†‡§¶"


@functools.cache
def _own_latin(codec: str) -> frozenset[str]:
    """The small Latin letters that a single-byte page encodes and Windows-1252 does not
    (Windows-1257 "ą č ė ...", Windows-1254 "ğ ı ş"; Mac Roman "ı" alone, ligatures
    aside)."""

    def letters(name: str) -> set[str]:
        chars = bytes(range(0x80, 0x100)).decode(name, errors="ignore")
        return {
            c.lower()
            for c in chars
            if c.isalpha() and info(c).script == "LATIN" and not unicodedata.decomposition(c).startswith("<")
        } - {"i\u0307"}  # (capital I with a dot above, lower-cased)

    return frozenset(letters(codec) - letters("cp1252"))


def _page_rank(mixup: Mixup, langs: list[int]) -> int:
    """How well the mixup's true page suits text in the languages ``langs`` (of
    :func:`ascii_languages`), lower first. A page made for some languages encodes three
    Latin letters or more that Windows-1252 lacks: the more of them a language writes,
    the better it suits it (Turkish text is Windows-1254's, with "ğ ı ş", before
    Windows-1250's, with "ş" alone), and with none, it suits it worse
    than any other page (Danish "r¿rledningen" is Mac Roman "rørledningen", not
    Windows-1257 "rærledningen"). Other pages, and any page where no language is named,
    rank 0."""
    own = _own_latin(mixup.codec)
    if len(own) < 3 or not langs:
        return 0
    alphabets = ascii_alphabets()
    shared = max((len(own & alphabets[lang]) for lang in langs), default=0)
    return -shared if shared else 1


def _near(costs: list[int], within: int) -> list[int]:
    """The languages of :func:`ascii_languages` whose ASCII pairs cost at most ``within``
    more than the best one's (``costs``)."""
    best = min(costs)
    return [lang for lang, value in enumerate(costs) if value <= best + within]


@functools.lru_cache(maxsize=256)
def _languages_near(text: str) -> AsciiLanguages:
    """:func:`ascii_languages` of the text around a span, kept: each page's reading of the
    span, and its letters as they are, ask about the same text."""
    return ascii_languages(text)


def native_letters(text: str, letters: str) -> bool:
    """Whether ``letters`` are all letters that a language near the one of ``text``'s
    ASCII letters writes (as :func:`_foreign` names it); False where the text has too
    few ASCII pairs to tell."""
    if not all(c.isalpha() for c in letters):
        return False
    costs, count, alphabets, _ = _languages_near(text)
    wanted = set(letters.lower())
    return count >= _ASCII_LEAST and any(wanted <= alphabets[lang] for lang in _near(costs, _ASCII_NEAR))


def _writes_here(lang: int, letters: set[str], block: str) -> bool:
    """Whether the language of :func:`ascii_languages` number ``lang``, which may use
    ``letters``, writes them next to the letters they stand beside in ``block``: some
    pair of them costs at most :data:`_WRITTEN` there, or it has no table to tell
    (Danish catalogs hold "š" in names, never "hš", "šv": Swedish "behšver" is Mac Roman
    "behöver")."""
    table = _ascii_pair_tables()[lang]
    around = [pair for pair in pairs(block) if letters & set(pair)]
    return not table or not around or any(table.get(pair, UNSEEN) <= _WRITTEN for pair in around)


#: The most a pair may cost in a language (tenths of a nat: one pair in 20,000) that the
#: language writes, not just once showed (German "šv" of a Czech name).
_WRITTEN = 100


def _into_text(word: str, after: str) -> bool:
    """Whether reading ``word`` back puts only letters, punctuation, spaces and currency
    signs where it changes it (not "Fall╬", "pu™": the reading of a symbol inside a word
    must be a letter of some text, or punctuation), and leaves no quote standing alone
    between spaces, as quotes never do ("Õ is used" is not "’ is used")."""
    if after in _LONE_QUOTES and word != after:
        return False
    return all(y.isalpha() or _plain_sign(y) for x, y in zip(word, after, strict=False) if x != y)


#: Quotes, which are glued to the words they quote (French guillemets stand apart).
_LONE_QUOTES = frozenset("‘’“”‚„")


def _edge_reads_as_letter(word: str, after: str) -> bool:
    """Whether a mark glued to the end or the start of a word reads back as a letter: in
    a paragraph read back whole, "report—", "Brazili‘" and "—rdenes" are Mac Roman
    "reportó", "Brazilië" and "órdenes". A mark before a capital is none ("¿Qué"), nor
    are marks at both ends (quotes: “hello”)."""
    begin = len(word) - len(word.lstrip(_LEADING))
    end = len(word.rstrip(_TRAILING))
    if begin >= end or not (word[begin].isalnum() or word[end - 1].isalnum()):
        return False
    mark = end
    while mark > 0 and word[mark - 1] > "\x7f" and not word[mark - 1].isalpha():
        mark -= 1
    if 0 < mark < end and word[mark - 1].isalpha() and after[mark:end].isalpha():
        return True
    mark = begin
    while mark < len(word) and word[mark] > "\x7f" and not word[mark].isalpha():
        mark += 1
    return begin < mark < len(word) and word[mark].islower() and after[begin:mark].isalpha()


#: Punctuation that follows a word without belonging to it.
_TRAILING = ".,:;!?)]\"'"
#: Punctuation that opens a word without belonging to it.
_LEADING = "([\"'"


def _own_punctuation(word: str, after: str, scripts: set[str]) -> bool:
    """Whether the characters that reading ``word`` back brings are all punctuation of one
    of ``scripts``: by its Unicode name ("ARABIC COMMA"), or East Asian punctuation and
    full-width forms for East Asian scripts (Big5 "¡C" is "。")."""
    brought = set(after) - set(word)
    if not brought:
        return False
    east_asian = bool(scripts & {"CJK", "HANGUL"})
    return all(
        unicodedata.name(c, "").split(" ")[0] in scripts or (east_asian and _EAST_ASIAN_PUNCTUATION.match(c))
        for c in brought
    )


_EAST_ASIAN_PUNCTUATION = re.compile("[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")


def _may_read_into_one_alphabet(chars: str, wrappers: tuple[tuple[str, str], ...] = ()) -> tuple[Mixup, ...]:
    """The single-byte mixups through which the characters ``chars`` all read back, no
    letter as a symbol or a capital ("Brazilië" is not "Brazili‰"), with the letters
    among them those of one language (any whose ASCII is modelled): character by
    character, a cheap first look. The pairs of characters that wrap a placeholder or a
    word (:func:`_odd_wraps`) must read back as quotes instead, letters or not (cp850
    "æ%sÆ" is Dutch ‘%s’)."""
    if not wrappers:
        return _mixups_for("".join(sorted(set(chars))))
    inside = {c for pair in wrappers for c in pair}
    rest = "".join(sorted(set(chars) - inside))
    found = _mixups_for(rest) if rest else tuple(m for m in MIXUPS if not m.cjk)
    return tuple(
        m for m in found if all((_read_back(a, m), _read_back(b, m)) in _QUOTE_PAIRS for a, b in wrappers)
    )


@functools.lru_cache(maxsize=4096)
def _mixups_for(distinct: str) -> tuple[Mixup, ...]:
    found = []
    for mixup in MIXUPS:
        if mixup.cjk:
            continue
        after = _read_back(distinct, mixup)
        if after is None or after == distinct or _worse_shape(distinct, after):
            continue
        letters = {c.lower() for c in after if _real_letter(c) and len(c.lower()) == 1}
        if any(letters <= alphabet for alphabet in ascii_alphabets()):
            found.append(mixup)
    return tuple(found)


def _odd_marks(text: str, wraps: list[tuple[str, str]] | None = None) -> int:
    """What the marks words never hold cost ``text`` (tenths of a nat): box drawing glued
    to something else than box drawing or a space ("╗%s½" is »%s« read as cp850: frames
    and tables never touch words) and the two characters of each of ``wraps``, those that
    wrap a placeholder or a word as quotes do and are none (:func:`_odd_wraps` of ``text``
    unless given), :data:`_GLUED_BOX` each; a run of symbols standing inside a word as a
    letter would (:data:`_INSIDE_MARK`: Mac Roman "c—digo", "v‡lido"), a pair that no
    language writes (:data:`UNSEEN`) on each side of each of its characters; a word that
    begins with two capitals, one of them not ASCII, then small letters (Mac Roman "één"
    read as Windows-1252 is "ŽŽn"), or a capital after two small letters ("giÓ"), one
    such pair (:func:`_odd_capitals`)."""
    if wraps is None:
        wraps = _odd_wraps(text)
    # (A plain character class finds none of the marks in clean text fast; the patterns
    # with look-behinds step over every character.)
    marks = _ANY_MARK.search(text) is not None
    inside = sum(_unseen_pairs(text, m.start(), m.end()) for m in _INSIDE_MARK.finditer(text)) if marks else 0
    boxes = len(_GLUED_BOX_RE.findall(text)) if marks and _ANY_BOX.search(text) else 0
    return (boxes + 2 * len(wraps)) * _GLUED_BOX + (inside + _odd_capitals(text)) * UNSEEN


#: Two Latin capitals (or letters of Latin Extended, which :func:`_odd_capitals` checks)
#: that begin a word: one search in C finds where they may.
_CAPITAL = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f"
_WORD_CAPITALS = re.compile(f"[{_CAPITAL}](?<![^\\W_].)[{_CAPITAL}]")


def _odd_capitals(text: str) -> int:
    """The words of ``text`` that begin with two Latin capitals, one of them not ASCII,
    then small letters other than a plural's "s", and the non-ASCII Latin capitals after
    two small letters that end a word or go on in small letters: no language writes a
    word so (Dutch "IJs" is ASCII, "CDs" a plural; cp850 "giÓ" is Italian "già",
    "parÔmetro" Portuguese "parâmetro"; Irish "nÉireann" has one small letter before)."""
    if text.isascii() or not any(c.isupper() for c in non_ascii(text)):
        return 0
    # (The UTF-8 fixer's rule for a span that begins a word: one rule for both.)
    starts = sum(1 for m in _WORD_CAPITALS.finditer(text) if _two_capitals_start(text, m.start(), m.end()))
    return starts + sum(1 for m in _CAPITAL_INSIDE.finditer(text) if m.group(1).isupper())


#: A non-ASCII Latin letter after two small letters, at a word's end or before a small one.
_CAPITAL_INSIDE = re.compile(
    "([\u00c0-\u00de\u0100-\u024f])(?<=[a-z\u00df-\u00f6\u00f8-\u00ff]{2}.)(?![A-Z\u00c0-\u00de\\d])"
)


def _unseen_pairs(text: str, start: int, end: int) -> int:
    """The pairs no language writes that the marks ``text[start:end]`` make inside a word:
    one on each side of each mark, but only one for a dash or an ellipsis between two
    fragments of two letters or more, which may join two words ("Nord–Süd", "wait…what"),
    not one ("direcci—n"), and for a bullet between fragments of three letters or more
    ("werd•een"; Mac Roman "ge•nstalleerd" is "geïnstalleerd")."""
    mark = text[start:end]
    least = 3 if mark == "•" else 2
    before, after = text[max(0, start - least) : start], text[end : end + least]
    joins = len(before) == len(after) == least and before.isalpha() and after.isalpha()
    if joins and mark in ("—", "–", "…", "•"):
        return 1
    return end - start + 1


#: A placeholder or an ASCII word wrapped in two non-ASCII characters glued to it (or a
#: space apart, as French writes "« %s »"), alone between spaces or punctuation: how
#: quotes look ("«%s»", "“eject”").
_WRAPPED = re.compile(
    r"([^\x00-\x7f])(?<![^\s(\[].)[ \xa0]?"  # an opening character after a space or a bracket
    r"(%[a-z]|%\d*\$?[a-z]|\{\w*\}|[A-Za-z_.%-]+)"  # a placeholder or an ASCII word
    r"[ \xa0]?([^\x00-\x7f])(?![^\s)\].,:;!?])"  # a closing character before a space or punctuation
)
#: Opening and closing quotes that pair up, in the languages that write them.
_QUOTE_PAIRS = frozenset(
    [
        ("«", "»"), ("»", "«"), ("“", "”"), ("”", "”"), ("„", "“"), ("„", "”"), ("‘", "’"),
        ("’", "’"), ("‚", "‘"), ("‹", "›"), ("›", "‹"), ("「", "」"), ("『", "』"), ("¿", "?"),
    ]
)  # fmt: skip


def _odd_wraps(text: str) -> list[tuple[str, str]]:
    """The pairs of characters that wrap a placeholder or an ASCII word in ``text`` as
    quotes do (:data:`_WRAPPED`) and are no pair of quotes ("æ%sÆ", "ôejectö": Dutch ‘%s’
    and “eject” read as cp850), one for each place."""
    if text.isascii():
        return []
    found = [(m.group(1), m.group(3)) for m in _WRAPPED.finditer(text)]
    found += [(m.group(1), "?") for m in _QUESTION.finditer(text) if not m.group(1).isalpha()]
    return [pair for pair in found if pair not in _QUOTE_PAIRS]


#: A character glued to the start of a word, after a space or a bracket, in a clause that
#: a question mark closes: where Spanish opens a question with "¿" ("┐no montado?" is
#: "¿no montado?" read as cp850). (Bounded: a clause is read at most 200 characters on.)
_QUESTION = re.compile(r"([^\x00-\x7f])(?<![^\s(\[].)(?=[^\W\d_])[^?.!\n]{0,200}\?")


_BOX = "\u2500-\u259f"
#: Symbols that no word holds: inside one, a letter was read as them (Mac Roman "á" read
#: as Windows-1252 is "‡": "v‡lido"). Dashes and quotes are left out: "well—known".
_ODD = "†‹›‰™§¶ˆ˜"
_MARKS_RE = re.compile(f"[{_BOX}{_ODD}]")
#: Dashes and bullets that stand between words, not inside one: "c—digo", "ge•nstalleerd"
#: are Mac Roman "código", "geïnstalleerd" read as Windows-1252. (Not double quotes, which
#: clean English holds by the thousand, for too little: "ì" and "î".)
_BETWEEN = "—–•…„‚"
_LETTER = "[^\\W\\d_]"
#: Spacing accents, fractions and signs that no word ends in.
_AFTER_LETTER = "ˆ˜‗¼½¾≤≥‡"


def _inside_mark_patterns() -> dict[str, str]:
    """For each mark, a pattern for it standing inside a word as a letter would, that
    begins with the mark itself (a literal: the scan of clean text is a fast search):
    a run of :data:`_ODD` and :data:`_BETWEEN` between two letters; an apostrophe inside
    a word that neither elides a vowel or "h" ("l’homme", "aujourd’hui") nor begins a
    short ending ("don’t", "we’ll"): "dispon’veis" is "disponíveis"; the symbols that
    never follow a letter (:data:`_AFTER_LETTER`) after one, inside a word or at its end
    ("unitˆ" is Mac Roman "unità", "acci¾" cp850 "acció", "pu≥" cp437 "può"); and
    those of :data:`_BEFORE_WORD` at the start of a word of small letters."""
    run = f"[{_ODD}{_BETWEEN}]*(?={_LETTER})"
    found = {mark: f"{re.escape(mark)}(?<={_LETTER}.){run}" for mark in _ODD + _BETWEEN}
    for mark in _AFTER_LETTER:
        found[mark] = f"{mark}(?<={_LETTER}.)(?:{run}|)"
    for mark in "‘’":
        found[mark] = f"{mark}(?<={_LETTER}.)(?=[b-df-gj-np-tv-xz]{_LETTER}{{2}})"
    for mark in _BEFORE_WORD:
        start = f"{mark}(?<![^\\W_].)(?=[a-z\\xdf-\\xff]{{2}})"
        found[mark] = f"{found[mark]}|{start}" if mark in found else start
    return found


#: Superscripts and fractions, which begin no word of small letters: "³berein" is cp850
#: "überein", "¾rdenes" "órdenes" (not "½ cup", "²H", "m²").
_BEFORE_WORD = "¹²³¼½¾"


_INSIDE_PATTERNS = _inside_mark_patterns()
#: Every mark of :func:`_inside_mark_patterns`, in one pattern.
_INSIDE_MARK = re.compile("|".join(_INSIDE_PATTERNS.values()))
_INSIDE_SCANS = tuple((mark, re.compile(pattern).search) for mark, pattern in _INSIDE_PATTERNS.items())


def _has_inside_mark(text: str) -> bool:
    """Whether some mark stands inside a word of ``text`` (:data:`_INSIDE_MARK`): one
    fast search for each mark the text holds at all."""
    if text.isascii():
        return False
    held = non_ascii(text)
    return any(mark in held and scan(text) for mark, scan in _INSIDE_SCANS)


#: Any mark of :data:`_INSIDE_MARK` or box drawing: the cheap first look.
_ANY_MARK = re.compile(f"[{_BOX}{re.escape(''.join(_INSIDE_PATTERNS))}]")
_ANY_BOX = re.compile(f"[{_BOX}]")
_GLUED_BOX_RE = re.compile(f"(?<=[^\\s{_BOX}])[{_BOX}]|[{_BOX}](?=[^\\s{_BOX}])")
#: What a box-drawing character glued to text, or a character wrapping a word as quotes
#: do, costs (tenths of a nat): two such, or one and a letter pair, outweigh a mixup's
#: prior.
_GLUED_BOX = 60


#: The ordinal indicators of "nº" and "1ª": symbols in practice, never evidence alone.
_ORDINALS = frozenset("ºª")


#: Punctuation of running text, which some pages hold where others hold capitals: Mac
#: Roman "n’est" and "¿no" read as Windows-1252 are "nÕest" and "Àno".
_TEXT_PUNCTUATION = frozenset("‘’‚“”„«»…¿¡–—")


def _worse_shape(word: str, after: str) -> bool:
    """A letter read back as something else than a letter, or a lower-case letter as a
    capital ("ê" as Mac Roman "Í"): single-byte mixups put symbols and capitals where
    letters were, never the other way round; only a capital may have been punctuation
    (:data:`_TEXT_PUNCTUATION`)."""
    for a, b in zip(word, after, strict=False):
        if a == b or not a.isalpha() or (a.isupper() and b in _TEXT_PUNCTUATION):
            continue
        if not _real_letter(b) or (a.islower() and b.isupper()):
            return True
    return len(after) != len(word)


def _real_letter(char: str) -> bool:
    """A letter, not a modifier letter ("ˆ", "ˇ": accents standing alone)."""
    return char.isalpha() and unicodedata.category(char) != "Lm"


#: ASCII pairs a paragraph needs for its language to be told (a short sentence has 30).
_ASCII_LEAST = 20
#: ASCII pairs a paragraph needs at the least, paying :data:`_SHORT_GAIN` (tenths of a
#: nat) more gain for each it lacks of :data:`_ASCII_LEAST` ("Naèin preloma vrstic").
_ASCII_FEWEST = 12
_SHORT_GAIN = 8
#: Languages whose ASCII pairs cost at most this much more in all (tenths of a nat: 6
#: nats, odds of 400 to 1) than the best language's count as the paragraph's language
#: too (Czech and Slovak, Bosnian and Croatian are near: their letters are allowed).
_ASCII_NEAR = 60
#: Languages this close to the best (2 nats) may be the paragraph's as well as it: if one
#: of them may use its letters (names, loanwords), they are left as they are.
_ASCII_SURE = 20
#: How much better (tenths of a nat) a reading must fit the language of its ASCII letters
#: than the paragraph as it is fits any language, letter pairs and ASCII pairs together.
_FOREIGN_GAIN = 80


def _letters(text: str) -> set[str]:
    """The non-ASCII letters of ``text``, lower-cased, and any other non-ASCII character
    standing between two letters ("v¾¾r"), leaving out East Asian scripts (which the
    alphabet table does not describe) and general punctuation (``don’t``, ``well—known``)."""
    out: set[str] = set()
    others = []
    held = non_ascii(text)
    for char in set(held):  # (a set of 200 KB of English is slow)
        if char in _KIND:
            kind = _KIND[char]
        else:
            kind = _kind(char)
            if len(_KIND) < 100_000:
                _KIND[char] = kind
        if kind:
            out.add(kind)
        elif kind is not None:
            others.append(char)
    # A non-letter counts where its non-ASCII run stands between two letters ("v¾¾r"):
    # each occurrence is looked at, not every word of the text; in a short text, or where
    # there are many (Thai vowel signs), the runs between two ASCII letters are found in C.
    if others and (len(text) < _SHORT or sum(map(held.count, others)) > _FEW_OCCURRENCES):
        inside = set("".join(_ASCII_FLANKED.findall(text)))
        out.update(c for c in others if c in inside)
        return out
    for char in others:
        at = text.find(char)
        while at >= 0:
            a = b = at
            while a > 0 and text[a - 1] > "\x7f":
                a -= 1
            while b + 1 < len(text) and text[b + 1] > "\x7f":
                b += 1
            if a > 0 and b + 1 < len(text) and text[a - 1].isalpha() and text[b + 1].isalpha():
                out.add(char)
                break
            at = text.find(char, b + 1)
    return out


#: Occurrences of non-letters that :func:`_letters` looks at one by one, at most.
_FEW_OCCURRENCES = 64
_SHORT = 4096
#: A run of non-ASCII characters between two ASCII letters (the run alone is kept).
_ASCII_FLANKED = re.compile(r"[A-Za-z]([^\x00-\x7f]+)(?=[A-Za-z])")


#: For each character seen: its lower case if it is a letter the alphabets describe, ""
#: if it is a non-letter that may count, None if it never counts (East Asian scripts,
#: general punctuation, the few non-letters words contain).
_KIND: dict[str, str | None] = {}


#: A letter this rare in text (cost as in :mod:`mojifix._chars`: never seen) is a symbol
#: where it stands alone.
_NO_LETTER = 110


def _kind(char: str) -> str | None:
    if char >= "\u2e80" or "\u2000" <= char <= "\u206f":
        return None
    if char.isalpha() and (char >= "\u0370" or char.lower() != char.upper()):
        # (Turkish "İ" is "i" and a dot in lower case: the ASCII "i" says enough.)
        return char.lower() if len(char.lower()) == 1 else None
    # (The caseless letters of the Latin range, the ordinal indicators of "2º" and "1ª"
    # above all, are symbols in practice.)
    return None if char in _WORD_INTERNAL else ""


_INSIDE = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f]+(?=[^\W\d_])")


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _case_classes() -> tuple[str, str]:
    lower, upper = [], []
    for code in (*range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x370, 0x530)):
        char = chr(code)
        if char.islower():
            lower.append(char)
        elif char.isupper() and code > 0x7F:
            upper.append(char)
    return "".join(lower), "".join(upper)


_LOWER, _UPPER = _case_classes()
# A non-ASCII capital right after a lower-case letter, in Latin script / in any script.
_UPPER_RE = re.compile(f"[{re.escape(_UPPER)}]")
_LOWER_SET = frozenset(_LOWER)


def _capital_inside(text: str) -> bool:
    """A non-ASCII capital after a lower-case letter ("dÚfaut", "indiquÚ"): words are not
    written so, but cp1252 text read as cp850 is. Outside Latin script it takes two
    ("рТЙЧЕФ" and "чУЈ" in KOI8-R read as Windows-1251; "кБ" alone is a unit)."""
    if lacks(text, _UPPER_RE.search):
        return False
    seen = 0.0
    for match in _UPPER_RE.finditer(text, 1):
        i = match.start()
        if text[i - 1] in _LOWER_SET:
            seen += 1.0 if text[i] < "\u0250" else 0.5
            if seen >= 1.0:
                return True
    return False


def _punctuation_only(word: str) -> bool:
    """Only quotes, dashes or controls around the word ("‘rgba’"), or a letter no text
    writes standing alone (the florin sign: "ƒ 10"); "mo¿e" is not."""
    if all(unicodedata.category(c)[0] in "PC" for c in word if c > "\x7f") and not _INSIDE.search(word):
        return True
    alone = word.strip(_LEADING + _TRAILING)
    return len(alone) == 1 and alone.isalpha() and info(alone).cost >= _NO_LETTER


def _one_language(letters: set[str], share: float = 1.0) -> bool:
    """True if one language's alphabet has all of ``letters`` (trivially, if none), or at
    least ``share`` of them (the generated alphabets leave out a language's rarest letters)."""
    if not letters:
        return True
    if share >= 1.0:
        masks = _alphabet_masks()
        common = -1
        for letter in letters:
            common &= masks.get(letter, 0)
            if not common:
                return False
        return True
    from .encoding import _alphabet_sets

    need = share * len(letters)
    return any(len(letters & alphabet) >= need for alphabet in _alphabet_sets())


@functools.cache
def _alphabet_masks() -> dict[str, int]:
    """For each letter, a bit for every alphabet that has it: a subset test is then a few
    integer ANDs instead of a pass over 108 alphabets."""
    from .encoding import _alphabet_sets

    masks: dict[str, int] = {}
    for bit, alphabet in enumerate(_alphabet_sets()):
        for letter in alphabet:
            masks[letter] = masks.get(letter, 0) | (1 << bit)
    return masks


@functools.cache
def _unreadable() -> re.Pattern[str]:
    """Search for a character that none of the pages text is read as can produce
    (Arabic, Thai, CJK ...): such paragraphs are left at the cost of one regex scan."""
    chars: set[str] = set()
    for page in {m.read_as for m in MIXUPS}:
        chars.update(chr(c) for c in _encoder(page).table)
    readable = "".join(sorted(c for c in chars if c > "\x7f"))
    return re.compile(f"[^\\x00-\\x7f{re.escape(readable)}]")


def _plain(text: str) -> bool:
    """The gate: ``text``'s letters are those of one real language ("áéýúíóþæðö" is
    Icelandic; curly quotes alone are no language's damage), cased as words are, in an
    order that language writes them ("ВПМШЫЕ ОЕФ" has Russian letters in no Russian
    order; see :mod:`mojifix.bigrams`, which judges only letters some language it knows
    uses), once the pairs that are UTF-8 read as Windows-1252 ("Ã©") are set aside: it
    is read as it is."""
    rest = _UTF8_SIGNATURE.sub(" ", text)
    return _letters_plain(rest) and _natural(rest)


def _letters_plain(rest: str) -> bool:
    """The gate's test of letters and case, on a text whose UTF-8 pairs are set aside.

    A long text is tried on its beginning first: the test can only fail on more text (its
    letters are a superset, its capitals inside words too), and most texts that fail it,
    fail it early."""
    if len(rest) > 2 * _LETTERS_FIRST and not _letters_plain(rest[:_LETTERS_FIRST]):
        return False
    return _one_language(_letters(rest)) and not _capital_inside(rest)


_LETTERS_FIRST = 1 << 15


def _natural(rest: str) -> bool:
    """The gate's test of letter order, on a text whose UTF-8 pairs are set aside."""
    return natural(rest, _NATURAL_GATE, _FEWEST_PAIRS) or not judgeable(_letters(rest))


def _in_lines_not_plain(
    text: str, start: int, end: int, words: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The ``words`` that lie in lines of ``text[start:end]`` failing the gate on their own."""
    kept: list[tuple[int, int]] = []
    line_start = start
    k = 0
    while k < len(words) and line_start < end:
        newline = text.find("\n", line_start, end)
        line_end = end if newline < 0 else newline
        inside = []
        while k < len(words) and words[k][0] < line_end:
            inside.append(words[k])
            k += 1
        if inside and not _plain(text[line_start:line_end]):
            kept.extend(inside)
        line_start = line_end + 1
    return kept


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The whitespace-delimited words of ``text[start:end]`` that have a non-ASCII
    character; only those are visited (clean English is mostly ASCII words). A no-break
    space does not end a word: it is a letter in some pages ("а" in cp866 read as
    Windows-1251)."""
    words: list[tuple[int, int]] = []
    pos = start
    while True:
        hit = _NON_ASCII.search(text, pos, end)
        if hit is None:
            return words
        i = hit.start()
        if text[i].isspace() and text[i] != "\xa0":  # an ideographic space is not a word
            pos = i + 1
            continue
        a = i
        while a > pos and not _SPACE.match(text[a - 1]):
            a -= 1
        space = _SPACE.search(text, i, end)
        b = space.start() if space else end
        words.append((a, b))
        pos = b


def _block(text: str, start: int, end: int) -> list[Candidate]:
    """The repairs in a paragraph that fails the gate (:func:`find` has checked)."""
    words = _words(text, start, end)
    if "\n" in text[start:end]:
        # A paragraph of lines in several languages fails the gate as a whole; a line that
        # passes it on its own is read as it is, as it would be alone.
        words = _in_lines_not_plain(text, start, end, words)
    if not words:
        return []
    passed: list[tuple[int, list[Candidate], Mixup]] = []
    utf8_words: set[tuple[int, int]] | None = None
    for mixup in MIXUPS:
        scored = _judged(text, words, mixup)
        if scored is None:
            continue
        gain, edits = scored
        prior = PRIOR + mixup.extra
        if not any(e.margin for e in edits) or gain <= prior or (mixup.cjk and not _real_cjk(edits)):
            continue
        if not _one_language(_letters(" ".join(e.after for e in edits)), _AFTER_SHARE):
            continue  # the repair would not be any one language either
        if _islands(text, start, end, edits) or any(_stray_mark(e.after) for e in edits):
            continue
        if _still_mojibake(edits):
            continue  # "â\x80â\x80\x9c" read as Windows-1251 is "вЂвЂњ": UTF-8 damage again
        if utf8_words is None:
            utf8_words = _utf8_mojibake(text, words, edits)
        if utf8_words:
            # UTF-8 mojibake is the UTF-8 fixer's; judge the paragraph without it.
            rest = [w for w in words if w not in utf8_words]
            joined = " ".join(text[a:b] for a, b in rest)
            if _one_language(_letters(joined)) and not _capital_inside(joined):
                return []
            rescored = _judged(text, rest, mixup) if rest else None
            if rescored is None:
                continue
            gain, edits = rescored
            if not any(e.margin for e in edits) or gain <= prior:
                continue
        passed.append((gain - prior, edits, mixup))
    if not passed:
        return []
    block = text[start:end]
    wraps = tuple(sorted(set(_odd_wraps(block))))
    margin, edits, mixup = _likeliest(text, start, end, passed, wraps)
    if wraps and mixup not in (quoting := _may_read_into_one_alphabet(non_ascii(block), wraps)) and quoting:
        return []  # another mixup reads the wrapping characters back into quotes: _foreign's
    edits = _second_look(text, words, edits, mixup, utf8_words or set())
    return [e._replace(margin=min(margin, e.margin)) for e in edits]


def _likeliest(
    text: str,
    start: int,
    end: int,
    passed: list[tuple[int, list[Candidate], Mixup]],
    wraps: tuple[tuple[str, str], ...],
) -> tuple[int, list[Candidate], Mixup]:
    """Of the mixups whose reading of a paragraph passed, the likeliest: the one that gains
    most over its prior, with two kinds of evidence first. Readings that turn the
    characters wrapping a word back into quotes come before any (Mac Roman "Ô%sÕ" is
    ‘%s’, not cp850 "â%så"). Where the paragraph's ASCII letters name its language
    (:func:`_foreign`), readings into letters that language writes come next ("n¾ste" in
    Danish is Mac Roman "næste", not cp850 "nóste"), and of those that gain about as much
    (:data:`_TIE`), the one whose letter pairs fit it best ("understøttes", not
    Windows-1257 "understættes"). ``wraps``: the paragraph's :func:`_odd_wraps`."""
    if len(passed) == 1:
        return passed[0]
    block = text[start:end]
    costs, count, alphabets, _ = ascii_languages(block)
    near = _near(costs, _ASCII_NEAR)

    def native(edits: list[Candidate]) -> list[int]:
        read = non_ascii("".join(e.after for e in edits))
        if count < _ASCII_FEWEST or not all(c.isalpha() or _plain_sign(c) for c in read):
            return []
        letters = {c.lower() for c in read if c.isalpha()}
        return [lang for lang in near if letters <= alphabets[lang]] if letters else []

    def unquoted(mixup: Mixup) -> int:
        return sum(1 for a, b in wraps if (_read_back(a, mixup), _read_back(b, mixup)) not in _QUOTE_PAIRS)

    graded = sorted(
        (
            (unquoted(m), (not langs, _page_rank(m, langs)), -margin, langs, i)
            for i, (margin, edits, m) in enumerate(passed)
            for langs in [native(edits)]
        )
    )
    first = graded[0]
    if not first[3]:
        return passed[first[4]]
    ties = [g for g in graded if g[:2] == first[:2] and g[2] <= first[2] + _TIE]

    def fit(entry: tuple[int, list[Candidate], Mixup], langs: list[int]) -> int:
        edits = entry[1]
        whole = splice(block, [e._replace(start=e.start - start, end=e.end - start) for e in edits])
        return best_joint(costs, pairs(whole), langs)

    return passed[min(ties, key=lambda g: fit(passed[g[4]], g[3]))[4]]


#: Gains over the prior (tenths of a nat) this close count as a tie between readings.
_TIE = 60


def _plain_sign(char: str) -> bool:
    """Punctuation, a space or a currency sign: what text in a Latin alphabet holds
    besides its letters (not box drawing, not East Asian script)."""
    return unicodedata.category(char)[0] in "PZ" or unicodedata.category(char) == "Sc"


def _islands(text: str, start: int, end: int, edits: list[Candidate]) -> bool:
    """True if the words read back are in another script than the Latin script and make
    up little of the paragraph's letters ("ГЁ" read back as KOI8-R "зі" twice in an
    Italian sentence): a decoder that read the paragraph in Cyrillic, Greek, Hebrew or
    Arabic leaves more of it in that script, or whole words of it (:func:`_whole_words`)."""
    changed = [e for e in edits if e.after != text[e.start : e.end]]
    after = [c for e in changed for c in e.after if c.isalpha()]
    latin = sum(1 for c in after if info(c).script == "LATIN")
    letters = len(after)
    if not letters or latin * 2 >= letters:
        return False
    total = sum(1 for c in text[start:end] if c.isalpha())
    return letters < _SCRIPT_SHARE * total and not _whole_words(text, changed)


def _stray_mark(word: str) -> bool:
    """Whether a mark of a script stands in ``word`` on no letter of that script (Windows-1256
    "ِâ", a kasra before a Latin letter: Hebrew "öâ" read through the wrong page)."""
    for i, char in enumerate(word):
        fact = info(char)
        if fact.kind != MARK or fact.script == "COMBINING":
            continue
        base = info(word[i - 1]) if i else None
        if base is None or base.kind not in (LETTER, MARK) or base.script != fact.script:
            return True
    return False


def _whole_words(text: str, edits: list[Candidate]) -> bool:
    """Whether every word of ``edits`` that changes reads back as a word of one script's
    letters, three or more, cased as words are, punctuation around it aside: Hebrew "ציור"
    before the product names "Office Open XML Visio" is no island, nor GBK "名称" in
    "[-n] [名称 ...]"; "‚ִת" (UTF-8 quotes read as Windows-1255) is one."""
    for edit in edits:
        if edit.after == text[edit.start : edit.end]:
            continue
        word = edit.after.strip(_LEADING + _TRAILING)
        scripts = {info(c).script for c in word if c.isalpha()}
        cased = word in (word.lower(), word.upper(), word.capitalize())
        least = _WHOLE_WORD_EAST_ASIAN if scripts <= {"CJK", "HANGUL"} else _WHOLE_WORD
        if len(word) < least or not word.isalpha() or len(scripts) != 1 or not cased:
            return False
    return True


#: Letters a word read back into another script needs to stand alone (:func:`_whole_words`).
_WHOLE_WORD = 3
#: ... in ideographs and Hangul syllables, which say more each (GBK "名称", "禁用").
_WHOLE_WORD_EAST_ASIAN = 2


#: The least share of a paragraph's letters that words read back into a non-Latin script
#: must make up.
_SCRIPT_SHARE = 0.2


def _second_look(
    text: str, words: list[tuple[int, int]], edits: list[Candidate], mixup: Mixup, skip: set[tuple[int, int]]
) -> list[Candidate]:
    """Words the mixup changes but that looked worse in their damaged surroundings ("â"
    among Latin-looking words) are judged again among the repaired words ("в"); a word
    that is only marks around letters goes with the paragraph where its one edge's marks
    read as letters (:func:`_edge_reads_as_letter`: Polish "poka¿" is "pokaż"), and so
    does one whose marks read as punctuation of the script read back into (Windows-1256
    "¡" between Arabic words is the Arabic comma "،")."""
    done = {(e.start, e.end) for e in edits}
    rest = [(a, b) for a, b in words if (a, b) not in done and (a, b) not in skip]
    if not rest:
        return edits
    more: list[Candidate] = []
    layers = (Layer(mixup.true, mixup.read_as),)
    scripts = _scripts(" ".join(e.after for e in edits))
    readings: list[tuple[int, int, str]] = []
    for a, b in rest:
        word = text[a:b]
        after = _read_word(word, mixup)
        if after is None or after == word:
            continue
        if _punctuation_only(word):
            if _edge_reads_as_letter(word, after) or _own_punctuation(word, after, scripts):
                more.append(Candidate(a, b, after, layers, 0))
            continue
        readings.append((a, b, after))
    # A word is judged among the repaired words around it; a word repaired on this look
    # is a neighbour of the next ones too ("МЕ ЛНФЕ" is "не може" wherever "МЕ" was
    # judged only on this look), until no more words come.
    added = True
    while readings and added:
        repaired, moved = splice_mapped(text, sorted(edits + more, key=lambda c: c.start))
        kept = []
        added = False
        for a, b, after in readings:
            word = text[a:b]
            left = repaired[max(0, moved(a) - _CONTEXT) : moved(a)]
            right = repaired[moved(b) : moved(b) + _CONTEXT]
            value = cost(word, left, right) - cost(after, left, right)
            if value > -_WORSE or _orderly(word, after):
                more.append(Candidate(a, b, after, layers, max(value, 0)))
                added = True
            else:
                kept.append((a, b, after))
        readings = kept
    return sorted(edits + more, key=lambda c: c.start) if more else edits


def _judged(text: str, words: list[tuple[int, int]], mixup: Mixup) -> tuple[int, list[Candidate]] | None:
    """:func:`_score`, with the order of the letters counted in (:mod:`mojifix.bigrams`):
    the gain grows by what the words' letter pairs gain in naturalness, and a reading
    whose pairs are no language's (more than :data:`_NATURAL_AFTER` per pair) is refused."""
    scored = _score(text, words, mixup)
    if scored is None:
        return None
    gain, edits = scored
    changed = [e for e in edits if e.after != text[e.start : e.end]]
    repaired = " ".join(e.after for e in changed)
    if not natural(repaired, _NATURAL_AFTER):
        return None  # (the cheap test first: most readings are in no language's order)
    after, pairs_after = naturalness(repaired)
    if not pairs_after and not mixup.cjk:
        return scored  # no letters the model describes: unigrams alone
    if pairs_after and after > _NATURAL_AFTER:
        return None
    damaged = " ".join(text[e.start : e.end] for e in changed)
    letters = _letters(damaged)
    if _one_language(letters) and not judgeable(letters):
        return scored  # letters of a language the model does not know: it cannot judge
    before, pairs_before = naturalness(damaged)
    if pairs_before < _FEWEST_PAIRS and not _second_evidence(damaged, repaired):
        # A word or two: one rare pair of a real word would decide ("Mõõdukas"), unless
        # the damaged words also show damage of another kind, which the repair removes.
        return scored
    if not pairs_after:
        # East Asian text, which the model does not describe (whether it is real text is
        # _real_cjk's to say): the damaged pairs count as made natural.
        after, pairs_after = _TYPICAL, pairs_before
    return gain + round((before - after) * min(pairs_before, pairs_after)), edits


def _second_evidence(damaged: str, repaired: str) -> bool:
    """Damage the pair costs alone do not show, gone after the repair: a pair no language
    writes ("otevøít"), or a capital inside a lower-case word ("indÚfinis"). Not where a
    run of the damaged words is UTF-8 read through some page ("GRUPƒñ" is "GRUPĖ" read
    as Mac Roman): that damage is the UTF-8 fixer's to judge."""
    if _utf8_like(damaged):
        return False
    if strange(pairs(damaged)) and not strange(pairs(repaired)):
        return True
    return _capital_inside(damaged) and not _capital_inside(repaired)


@functools.lru_cache(maxsize=16384)
def _orderly(word: str, after: str) -> bool:
    """True if reading ``word`` back puts its letters in a language's order where they
    were in none: capitals cost more letter by letter ("ртедхртецдеойе" is
    "ПРЕДУПРЕЖДЕНИЕ"), but pairs of letters do not care about case."""
    before, count = naturalness(word)
    if count < _FEWEST_PAIRS // 2:
        return False
    repaired, _ = naturalness(after)
    return repaired <= _NATURAL_AFTER < before


def _utf8_like(text: str) -> bool:
    """Whether a run of non-ASCII characters of ``text`` reads back as UTF-8 through some
    page, into no letter of another script glued between two ASCII letters (Mac Roman
    "dÕŽcrire" is "d’écrire"; "ÕŽ" as UTF-8 is Armenian "Վ", and no word is "dՎcrire"),
    or a lead stands before a question mark inside a word (a lost byte, "naÄ?ini"), or
    is a word of its own before a space, once a no-break space ("Ã la carte")."""
    from .utf8 import _read  # (utf8 imports this module)

    for mark in _LEAD_THEN_MARK.finditer(text):
        # A lead, then a question mark inside a word: a sequence whose last byte was lost
        # ("naÄ?ini" is Slovene "načini", 0x8D lost), where some page's hole completes it.
        seq = mark.group()[:2]
        if any(lost.options((cp.to_byte[seq[0]], None), cp) for cp, need in _pages_for(seq) if need == 1):
            return True
    for run in _NON_ASCII_RUN.finditer(text):
        seq = run.group()
        alone = run.start() == 0 or text[run.start() - 1].isspace()
        if len(seq) == 1 and alone and text[run.end() : run.end() + 1] == " ":
            seq += "\xa0"  # a word of a lead before a no-break space ("Ã la" is "à la")
        for cp, _ in _pages_for(seq[:2]):
            read = _read(seq, cp)  # ("?" where the page lacks a character)
            dropped = "\ufffd" in read or "?" in read
            if dropped or _glued_foreign(text, run.start(), run.end(), read):
                continue
            # (A word of one lead is UTF-8 only where it reads as a letter of the language
            # around it: Italian "è" read as cp850 is "Þ", which would be Thaana "ޠ", and
            # Mac Roman "«" is "Ç", which would be "Ǡ".)
            if len(seq) == 2 and seq[1] == "\xa0" and not native_letters(text, read):
                continue
            return True
    return False


#: A non-ASCII character, then a question mark, then a letter.
_LEAD_THEN_MARK = re.compile(r"[^\x00-\x7f]\?(?=[^\W\d_])")


def _glued_foreign(text: str, start: int, end: int, read: str) -> bool:
    """Whether ``read``, standing for ``text[start:end]`` between two ASCII letters, has a
    letter of a script other than Latin."""
    inside = start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()
    if not inside or not (text[start - 1].isascii() and text[end].isascii()):
        return False
    return any(c.isalpha() and info(c).script != "LATIN" for c in read)


#: What real text's letter pairs cost on average.
_TYPICAL = 50
#: Pairs the damaged words need before their order counts as evidence.
_FEWEST_PAIRS = 6
#: The most a repaired reading's letter pairs may cost on average (real text: 40-60).
_NATURAL_AFTER = 72
#: The most a text's letter pairs may cost on average for it to pass the gate unjudged
#: (with fewer than _FEWEST_PAIRS pairs, only a pair no language has fails it).
_NATURAL_GATE = 72


def _score(text: str, words: list[tuple[int, int]], mixup: Mixup) -> tuple[int, list[Candidate]] | None:
    """The total gain in plausibility of reading ``words`` back through ``mixup`` and the
    words that gain; None if some word cannot have gone through it."""
    edits: list[Candidate] = []
    gain = 0
    layers = (Layer(mixup.true, mixup.read_as),)
    for a, b in words:
        word = text[a:b]
        after = _read_word(word, mixup)
        if after is None:
            return None
        if after == word or _punctuation_only(word):
            continue  # quotes, dashes and C1 controls alone say nothing of the page
        left, right = text[max(0, a - _CONTEXT) : a], text[b : b + _CONTEXT]
        value = cost(word, left, right) - cost(after, left, right)
        gain += value
        if value > -_WORSE or _orderly(word, after):
            # Once the paragraph is judged, every word that went through the decoder is
            # read back, unless that makes it clearly worse ("kùò" is "kůň"), letter by
            # letter and in the order of its letters ("РПНПЭША" is "помощью").
            edits.append(Candidate(a, b, after, layers, max(value, 0)))
    return gain, edits


def _still_mojibake(edits: list[Candidate]) -> bool:
    """True if the words read back are UTF-8 mojibake in another guise: then the damage
    was UTF-8 all along, and this mixup only moved it."""
    from . import utf8

    return bool(utf8.find(" ".join(e.after for e in edits)))


def _real_cjk(edits: list[Candidate]) -> bool:
    """Decoded East Asian text is mostly full-width: runs of half-width katakana or
    scattered symbols are what box-drawing and other legacy symbols turn into."""
    text = "".join(e.after for e in edits)
    full = len(_FULL_WIDTH_CJK.findall(text))
    return full >= 2 and full > 2 * len(_HALF_WIDTH.findall(text))


def _utf8_mojibake(text: str, words: list[tuple[int, int]], edits: list[Candidate]) -> set[tuple[int, int]]:
    """Words that are better read as UTF-8 mojibake: the UTF-8 fixer repairs them. The
    paragraph is searched as a whole, so that "Ã¥" alone counts when "Ã¸" elsewhere was
    repaired. A word is the UTF-8 fixer's when its spans there cover most of its non-ASCII
    characters and either lost bytes on the way ("Ã?Â¢", typical of UTF-8 damage, never of
    legacy text) or gain, with the UTF-8 prior added back, at least as much as reading the
    word back through the mixup (whose prior is paid once per paragraph)."""
    from . import utf8

    # (A sequence may run past the last word: "modalitΓ\xa0" is "modalità" read as
    # Windows-1253, its no-break space the continuation byte.)
    start, end = words[0][0], min(len(text), words[-1][1] + 3)
    found = [c._replace(start=c.start + start, end=c.end + start) for c in utf8.find(text[start:end])]
    gains = {(e.start, e.end): e.margin for e in edits}
    out = set()
    guessed: set[tuple[int, int]] = set()
    readings = {}
    for a, b in words:
        inside = [c for c in found if c.start < b and a < c.end]
        covered = sum(min(b, c.end) - max(a, c.start) for c in inside)
        non_ascii = sum(1 for ch in text[a:b] if ch > "\x7f")
        if not covered or covered < _UTF8_SHARE * non_ascii:
            continue
        # (A placeholder shows the loss; a byte read as dropped is the reading's guess.)
        lossy = not all(c.lossless for c in inside) and any(ch in "?\ufffd" for ch in text[a:b])
        if lossy or sum(c.margin for c in inside) + PRIOR >= gains.get((a, b), 0):
            out.add((a, b))
            readings[(a, b)] = "".join(c.after for c in inside)
            if not lossy and not all(c.lossless for c in inside):
                guessed.add((a, b))
    if out and len(out) <= _UTF8_SHARE * len(words):
        # A few words (half at most) of a paragraph the mixup reads back: those whose UTF-8
        # reading is in none of the scripts of the reading back ("в\xa0Є" is Braille as
        # UTF-8, "так" in cp866 among Russian words), or guesses a byte lost where nothing
        # shows a loss (Greek "Ï " before "äéÜëïãïò" is "Ο", not "ύ"), are the mixup's.
        scripts = _scripts(" ".join(e.after for e in edits))
        out = {w for w in out if _scripts(readings[w]) & scripts and w not in guessed}
    return out


def _scripts(text: str) -> set[str]:
    """The scripts of the non-ASCII letters of ``text`` (ASCII passes through every
    mixup unchanged: it tells nothing of the reading)."""
    return {info(c).script for c in text if c > "\x7f" and c.isalpha()}
