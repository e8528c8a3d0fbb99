"""Spans of UTF-8 bytes that were decoded with a single-byte code page: candidates and the
decision on them.

Under a wrong code page every UTF-8 multi-byte sequence becomes a *lead* character (the
code page's character for byte C2-F4) followed by one to three *continuation* characters
(bytes 80-BF). The search has two stages:

1. a prefilter (:mod:`.sequences`), one stdlib ``re`` scan for "a lead character of any code
   page followed by a continuation character of any code page"; pairs of common letters in
   a natural context (:mod:`.natural`) are skipped, so clean text costs about one scan;
2. an exact test at each remaining hit: for each code page in which the character is a
   lead, the longest run of strictly valid UTF-8 sequences from there, decoded, then judged
   by :mod:`mojifix.plausibility`; decoded spans are searched again for a further layer;
   then the document-level rules of docs/plausibility.md.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from .._chars import info
from .._nonascii import lacks
from .._splice import splice
from ..bigrams import judgeable, natural, naturalness
from ..codepages import CODEPAGES, FILL_C1, FILL_CP1252, CodePage, by_name
from ..model import Layer
from ..plausibility import PRIOR, cost
from .legacy import _NATURAL_GATE, _QUOTE_PAIRS, _letters, _one_language, native_letters
from .natural import (
    _LONE_WINDOW,
    _LONE_WORD,
    _LONGEST_WORD,
    _continues_word,
    _lone_among,
    _lone_script_glued,
    _lone_script_word,
    _looks_natural,
    _plain_neighbour,
    _plain_word,
    _quiet,
    _structural_break,
    _unwritten_inside,
    _word_end,
    _word_start,
)
from .sequences import (
    _BY_NAME,
    _C1,
    _ENCODERS,
    _FILL_LOST,
    _FILL_NBSP,
    _JOINED,
    _NON_ASCII_RUN,
    _RUN_AND_SPACE,
    PREFILTER,
    SCAN_PREFILTER,
    _coverage,
    _dropped_before,
    _extend_back,
    _pages_for,
    _parse,
    _read_context,
    pair_positions,
    space_completes,
)

__all__ = ["Candidate", "find"]


_MAX_DEPTH = 3
_CONTEXT = 2  # characters of context on each side that the plausibility model sees

# Extra prior cost: a rarer code page, a hole fill, a lost byte, one more layer.
_CODEPAGE_EXTRA = {"windows-1252": 0, "iso-8859-1": 0}
_WINDOWS_EXTRA = 20
_ISO_EXTRA = 30
_LEGACY_EXTRA = 40  # DOS, Mac and KOI8 pages
_FILL_EXTRA = {FILL_CP1252: 10, FILL_C1: 0, _FILL_NBSP: 25, _FILL_LOST: 10, _JOINED: -60}
_LAYER_EXTRA = 30
_WEAK_PRIOR = 60
_DOCUMENT_BONUS = 100
_DOCUMENT_COVERAGE = 0.8
_CONTENDERS = 4
_DOCUMENT_SPANS = 2
_SUPPORT = 30


class Candidate(NamedTuple):
    """A repair proposal for ``text[start:end]``."""

    start: int
    end: int
    after: str
    layers: tuple[Layer, ...]
    lossless: bool
    margin: int
    #: Evidence is one two-byte sequence, or two made only of letters: such pairs occur by
    #: chance in real text ("Ві", "аНаЗ" in camelCase identifiers).
    weak: bool = False


def _extra(cp: CodePage) -> int:
    if cp.name in _CODEPAGE_EXTRA:
        return _CODEPAGE_EXTRA[cp.name]
    if cp.name.startswith("windows-"):
        return _WINDOWS_EXTRA
    if cp.name.startswith("iso-"):
        return _ISO_EXTRA
    return _LEGACY_EXTRA


_EXTRA = {cp.name: _extra(cp) for cp in CODEPAGES}
_BLOCK_BREAK = re.compile(r"\n[ \t\r]*\n")


def _unassigned(decoded: str) -> bool:
    """A character that no text uses: unassigned (cp850 "ÕÇáÍÉ" is no "倠\u0590"), or
    private use outside the BMP (inside it, fonts put icons there: Mac Roman's Apple logo
    is U+F8FF)."""
    import unicodedata

    return any(
        (category := unicodedata.category(c)) == "Cn" or (category == "Co" and c > "\uffff") for c in decoded
    )


def _holes_label(fills: list[str]) -> str | None:
    labels = [f for f in (FILL_CP1252, FILL_C1, _FILL_NBSP, _FILL_LOST) if f in fills]
    return "; ".join(labels) if labels else None


def _best_at(
    text: str,
    i: int,
    depth: int,
    floor: int,
    bonus: dict[str, int] | None = None,
    tally: dict[str, int] | None = None,
    only: CodePage | None = None,
    limit: int = 0,
    natural_too: bool = False,
) -> Candidate | None:
    """The best repair of the span at ``text[i]``, if any beats ``floor``. A first look
    (no ``bonus``, outermost layer) skips spans that look natural, unless ``natural_too``
    (the partner of a repaired quote is looked for in Thai letters too)."""
    pages = _pages_for(text[i : i + 2])
    if not pages:
        return None  # no single code page has this lead and this continuation
    seen: dict[tuple[int, int, str], tuple[int | None, int]] = {}
    options: list[Candidate] = []
    top: tuple[int, Candidate] | None = None  # the likeliest reading, by rank
    strict = not bonus and depth == 0 and not natural_too
    before_costs: dict[tuple[int, int], int] = {}
    for cp, need in pages:
        if only is not None and cp is not only:
            continue
        if strict and _looks_natural(text, i, i + need + 1) and not _lone_script_word(text, i, i + need + 1):
            continue
        parsed = _parse(text, i, cp)
        if parsed is None:
            continue
        start = i
        if strict and limit < i:
            # Sequences just before the hit that looked natural on their own belong to
            # the same damaged span ("ไฝฟ็”จ"): take them in rather than half-fix a word.
            start = _extend_back(text, i, cp, max(limit, i - _LONGEST_WORD))
        else:
            while start > max(limit, i - _LONGEST_WORD) and _dropped_before(text, start, cp):
                start -= 1  # a lead whose last byte was dropped ("ÐÐ±" is "Аб")
        if start < i:
            parsed = _parse(text, start, cp) or parsed
        end, decoded, fills, nbytes, likely = parsed
        if decoded and _unassigned(decoded):
            continue  # unassigned characters, private-use planes: no text is made of them
        if depth and _FILL_LOST in fills and start and _continues_word(text[start - 1], text[start]):
            continue  # an inner layer may not swallow a letter that continues its word
        # Below the outermost layer the prior was already paid: judge by cost alone, except
        # where a byte was lost: throwing characters away needs evidence at every layer.
        base = PRIOR if depth == 0 or _FILL_LOST in fills else 0
        prior = base + _EXTRA[cp.name] + sum(_FILL_EXTRA.get(f, 0) for f in fills)
        if bonus:
            prior -= bonus.get(cp.name, 0)
        lone = (
            _into_latin(decoded)
            and (
                _lone_script_word(text, start, end)
                or (_glued_letters(text, end, decoded) and _lone_script_glued(text, start, end))
            )
            and _native_here(text, start, decoded)
        ) or (not _into_latin(decoded) and _into_script(decoded, _lone_among(text, start, end)))
        if lone:
            # A word in a script no letter near it is in ("ГЁ" is "è"), or such letters
            # glued to a Latin word ("Pajennoรน" is "Pajennoù").
            prior -= _LONE_WORD
        # Letters foreign to the language around read back into its own: as a lone word's,
        # but a prior of the language, no evidence that the page read the text (tally).
        foreign = 0
        if not lone and _foreign_into_native(text, start, end, decoded):
            foreign = _LONE_WORD
            prior -= foreign
        key = (start, end, decoded)
        earlier = seen.get(key)
        if earlier is not None:
            # Same repair as a page tried before: it counts as evidence for this page too.
            if tally is not None and earlier[0] is not None:
                value = earlier[0] + earlier[1] - prior - foreign
                if value > floor:
                    tally[cp.name] = tally.get(cp.name, 0) + value - floor
            continue
        seen[key] = (None, prior)
        left = text[max(0, start - _CONTEXT) : start]
        right = text[end : end + _CONTEXT]
        before = text[start:end]
        cost_before = before_costs.get((start, end))
        if cost_before is None:
            cost_before = before_costs[(start, end)] = cost(before, left, right)
        if cost_before <= prior + floor:
            continue  # even a free repair could not win
        layers: tuple[Layer, ...] = (Layer("utf-8", cp.name, _holes_label(fills)),)
        lossless = _FILL_LOST not in fills and _FILL_NBSP not in fills
        after = decoded
        known_page = bool(bonus and bonus.get(cp.name))
        if not known_page and not lossless and not _guess_fits(text, start, end, decoded):
            continue
        if known_page and nbytes == 2:
            # A short span in a block known to have gone through this page sits between
            # neighbours that read through it too ("Ñ?" between Cyrillic words is "с",
            # not a Latin capital and a question mark).
            left, right = _read_around(text, start, end, cp)
        as_is = cost_before - cost(decoded, left, right) - prior
        as_likely = as_is if likely == decoded else cost_before - cost(likely, left, right) - prior
        # Where the block is known to have gone through this page, a character lost beyond
        # telling is still damage: it is judged as its likeliest option ("Ñ?" is "с" or
        # "я", and U+FFFD is the repair). Elsewhere U+FFFD is judged as it is: a "?"
        # after a capital is not enough to call a word damaged.
        value = as_likely if known_page else as_is
        # Pages are ranked by what each most probably read, a lost character as its
        # likeliest option: "Ä?" is "č" in Windows-1252 even where the neighbours leave
        # it unknown, and that beats Windows-1250's sure "Ĉ" (0x88 is its hole, not 0x8D).
        rank = as_likely
        # A further layer is looked for only where this one already made the text more plausible.
        if depth < _MAX_DEPTH and value + prior > 0 and not decoded.isascii() and not _plain_word(decoded):
            # Layers are weighed against this one's reading as it is, not as its likeliest
            # option.
            inner = find(decoded, depth + 1)
            if inner:
                deeper = _apply(decoded, inner)
                extra = _LAYER_EXTRA * max(len(c.layers) for c in inner)
                deeper_value = cost_before - cost(deeper, left, right) - prior - extra
                if deeper_value > as_is:
                    rank += max(0, deeper_value - value)
                    after, value = deeper, max(value, deeper_value)
                    layers += _merge_layers(inner)
                    lossless = lossless and all(c.lossless for c in inner)
        weak = (
            len(layers) == 1
            and (nbytes == 2 or (nbytes == 4 and len(decoded) == 2 and before.isalpha()))
            and not _structural_break(text, start, end)
            and not _unwritten_evidence(before, after)
            and _JOINED not in fills
        )
        seen[key] = (value, prior)
        if tally is not None and value - foreign > floor:
            tally[cp.name] = tally.get(cp.name, 0) + value - foreign - floor
        cand = Candidate(start, end, after, layers, lossless, value, weak)
        if value > floor:
            options.append(cand)
        if top is None or rank > top[0]:
            top = (rank, cand)
    best = max(options, key=lambda c: c.margin, default=None)
    if top is not None and best is not None and top[1] is not best and not (top[1].lossless or best.lossless):
        # The likeliest reading guessed its lost characters differently: no other guess.
        best = top[1] if top[1] in options else None
    if best is not None and len(options) > 1:
        best = _fitting(text, best, options)
    return best


#: Characters read back through a page to find the two on each side of a span.
_READ_AROUND = 12


def _read_around(text: str, start: int, end: int, cp: CodePage) -> tuple[str, str]:
    """The characters on each side of ``text[start:end]`` as they read through ``cp``,
    where they do (:data:`_CONTEXT` of them)."""
    left = _read_context(text[max(0, start - _READ_AROUND) : start], cp).lstrip("\ufffd")
    right = _read_context(text[end : end + _READ_AROUND], cp).rstrip("\ufffd")
    return left[-_CONTEXT:], right[:_CONTEXT]


def _unwritten_evidence(before: str, after: str) -> bool:
    """Two letters of ``before`` that no language writes side by side ("ĂŠ" in "DuployĂŠ":
    Romanian ă, Czech š), read as letters of one language's alphabet: evidence beyond
    the pair's own rarity, as a script break is. (Read into two scripts, "иЁаЁ" as
    ISO-8859-5 "ءС", or into a letter no modelled language uses, "ǽ", it is none.)"""
    if not _unwritten_inside(before, 0, len(before)):
        return False
    letters = {c.lower() for c in after if c.isalpha() and c > "\x7f"}
    return bool(letters) and judgeable(letters)


#: How much margin a reading may give up to be written in the alphabet around it.
_ALPHABET_SWITCH = 80
_AROUND = 80


def _fitting(text: str, best: Candidate, options: list[Candidate]) -> Candidate:
    """Among readings through different pages ("ÐŽÐ°" is "да" in ISO-8859-15 and "Ўа" in
    Windows-1252), prefer one whose letters belong to the same alphabet as the letters
    around the span, when the best one's do not. A reading with a lost byte is no rival:
    its letter is a guess, not a reading (``Ä?`` is "č" in Windows-1252, whose hole 0x8D
    it is, and "Đ" in Windows-1250, which lacks 0x90)."""
    rivals = [
        c
        for c in options
        if c.after != best.after and c.margin > best.margin - _ALPHABET_SWITCH and c.lossless
    ]
    if not rivals:
        return best
    before = text[max(0, best.start - _AROUND) : best.start]
    around = _letters(before + " " + text[best.end : best.end + _AROUND])
    if around and not _one_language(around | _letters(best.after)):
        fitting = [c for c in rivals if _one_language(around | _letters(c.after))]
        if fitting:
            return max(fitting, key=lambda c: c.margin)
    return _best_order(text, best, rivals)


def _best_order(text: str, best: Candidate, rivals: list[Candidate]) -> Candidate:
    """Among readings in one alphabet ("ĐąĐ¸Ń\x82" is "бит" in ISO-8859-2 and "йит" in
    Windows-1250, "ĂĄ" is "á" and "å"), the one with most margin once the order of the
    letters of its word counts too: the letter-pair cost (:mod:`mojifix.bigrams`) is
    in the same units as the margin."""
    start = _word_start(text, min(c.start for c in (best, *rivals)))
    end = _word_end(text, max(c.end for c in (best, *rivals)))
    orders = [naturalness(text[start : c.start] + c.after + text[c.end : end]) for c in (best, *rivals)]
    fewest = min(count for _, count in orders)
    if not fewest:
        return best
    scores = [c.margin - mean * fewest for c, (mean, _) in zip((best, *rivals), orders, strict=True)]
    chosen = max(range(len(scores)), key=scores.__getitem__)
    return best if scores[chosen] <= scores[0] else rivals[chosen - 1]


def _merge_layers(inner: list[Candidate]) -> tuple[Layer, ...]:
    out: list[Layer] = []
    for cand in inner:
        for layer in cand.layers:
            if layer not in out:
                out.append(layer)
    return tuple(out)


def _apply(text: str, candidates: list[Candidate]) -> str:
    return splice(text, candidates)


def _scan(
    text: str,
    depth: int,
    floor: int,
    bonus: dict[str, int] | None = None,
    tally: dict[str, int] | None = None,
    stop: int | None = None,
    pos: int = 0,
    only: CodePage | None = None,
) -> tuple[list[Candidate], int]:
    """Every candidate from ``pos`` on; hits must start before ``stop``. Returns the
    candidates and the position after the last one."""
    found: list[Candidate] = []
    search = PREFILTER.search
    end = len(text) if stop is None else stop
    last = pos  # a span may reach back to here, never over an earlier one
    while True:
        hit = search(text, pos, end + 1)
        if hit is None or hit.start() >= end:
            return found, pos
        start = hit.start()
        cand = _best_at(text, start, depth, floor, bonus, tally, only, last)
        if cand is None:
            pos = start + 1
        else:
            found.append(cand)
            pos = last = cand.end


def _suspect(text: str, start: int, pair: str) -> bool:
    """Whether a prefilter hit is worth a look (see :func:`_scan_words`).

    Cached on the four characters around the pair when its neighbours are letters or
    spaces: the answer then depends on nothing else, and clean text repeats them."""
    window = text[start - 1 : start + 3] if start else ""
    if len(window) == 4:
        known = _SUSPECT.get(window)
        if known is not None:
            return known or (_whole_word(window) and _lone_script_word(text, start, start + 2))
    if pair[1] == " ":
        # A space may be a no-break space that was flattened ("voilÃ le"), but nearly
        # always it ends a word; only a lone capital after a non-capital is suspect, or a
        # space inside a sequence, before its next continuation ("â €").
        answer = (info(pair[0]).case > 0 and not (start and info(text[start - 1]).case > 0)) or (
            start + 2 < len(text) and space_completes(pair[0], " ", text[start + 2])
        )
    else:
        answer = not _quiet(text, start, pair)
    cacheable = len(window) == 4 and _plain_neighbour(window[0]) and _plain_neighbour(window[3])
    if cacheable and len(_SUSPECT) < _SUSPECT_CACHE:
        _SUSPECT[window] = answer
        if not answer and not _whole_word(window):
            _QUIET.add(window)
    # (A pair that is a word of its own, in a script no letter near it is in, is suspect
    # whatever its four characters: "transazione ГЁ stata".)
    return answer or (_whole_word(window) and _lone_script_word(text, start, start + 2))


def _guess_fits(text: str, start: int, end: int, decoded: str) -> bool:
    """Whether a reading that guessed a lost or flattened byte of a word of one letter
    ("Ã " alone, "Ψ" before a space) guessed a letter of the script of the letters nearest
    it, the letter itself of that script too: "Ã la carte" is "à la carte", but the Greek
    capitals of "the letters Ψ and Ω" are no Arabic digit, no Armenian letter, no U+FFFD,
    "la fonction Γ" is no "à", "Символ Đ" no "Р" (outside a block known to have gone
    through the page, where the neighbours read through it too)."""
    before = text[start:end].rstrip(" ")
    if len(before) != 1 or not before.isalpha() or (start and text[start - 1].isalnum()):
        return True
    letters = [c for c in decoded if c.isalpha()]
    if not letters:
        return False
    near = set()
    for k, step in ((start - 1, -1), (end, 1)):
        for _ in range(_GUESS_LOOK):
            if not 0 <= k < len(text):
                break
            if text[k].isalpha():
                near.add(info(text[k]).script)
                break
            k += step
    return info(before).script in near and all(info(c).script in near for c in letters)


#: How far :func:`_guess_fits` looks on each side for the nearest letter.
_GUESS_LOOK = 20


def _into_script(decoded: str, script: str | None) -> bool:
    """Whether ``decoded`` has letters, all of them of ``script`` (if any)."""
    letters = [c for c in decoded if c.isalpha()]
    return script is not None and bool(letters) and all(info(c).script == script for c in letters)


def _into_latin(decoded: str) -> bool:
    """Whether the letters of ``decoded``, if any, are all Latin."""
    return all(info(c).script == "LATIN" for c in decoded if c.isalpha())


#: The letters of Windows-1252 (Latin-1's and "šžœŸƒ"...): Western text holds them in names.
_WESTERN = frozenset(c for c in bytes(range(0x80, 0x100)).decode("cp1252", "ignore") if c.isalpha())


def _foreign_into_native(text: str, start: int, end: int, decoded: str) -> bool:
    """Whether ``text[start:end]`` holds Latin letters that Windows-1252 lacks and the
    language of the ASCII letters around does not write, and reads back into letters it
    does (Portuguese "nĂşmero" is "número" read as Windows-1250: "ă" and "ş" are
    Romanian). Letters of Windows-1252 ("š" in "Ãš") are no evidence: Western text holds
    them, and the language of text full of code is no sure guide between pages."""
    letters = [c for c in text[start:end] if c.isalpha()]
    if not any(c not in _WESTERN for c in letters) or not all(info(c).script == "LATIN" for c in letters):
        return False
    read = [c for c in decoded if c.isalpha()]
    if not read or not all(info(c).script == "LATIN" for c in read):
        return False
    return not _native_here(text, start, "".join(letters)) and _native_here(text, start, decoded)


def _glued_letters(text: str, end: int, decoded: str) -> bool:
    """Whether ``decoded`` is letters that, before ``text[end:]``, begin a word cased as
    words are ("Ó" before "nverwachte", not "ü" before "PackageKit")."""
    if not decoded.isalpha():
        return False
    following = text[end : end + 1]
    return not (following.isalpha() and decoded[-1].islower() and following.isupper())


def _native_here(text: str, start: int, decoded: str) -> bool:
    """Whether the letters of ``decoded`` are letters of the language of the ASCII letters
    around ``text[start]`` (Italian "è", not "ú" for the acronym "УК" in English)."""
    around = text[max(0, start - _LONE_WINDOW) : start + _LONE_WINDOW]
    return native_letters(around, "".join(c for c in decoded if c.isalpha()))


def _whole_word(window: str) -> bool:
    """Whether the pair in the middle of a four-character window is a word of its own."""
    return len(window) == 4 and not window[0].isalnum() and not window[3].isalnum()


_SUSPECT: dict[str, bool] = {}
_SUSPECT_CACHE = 200_000
#: The windows whose pair is not worth a look whatever the text around them: the pair is
#: no word of its own (:func:`_whole_word`). The first look skips their hits with one
#: set lookup (clean Cyrillic, Greek or Thai text repeats them by the thousand).
_QUIET: set[str] = set()


def _worth_a_look(text: str, start: int, pair: str) -> bool:
    """Whether a prefilter hit is :func:`_suspect`, where it may be part of a sequence in
    some page. A lead of one page and a continuation of another are no sequence, but the
    pair that begins at its second character may be one, which the scan passes over (its
    hits do not overlap): "τ╬╖" is "τη" read as cp437."""
    if not _pages_for(pair) and not _pages_for(text[start + 1 : start + 3]):
        # Neither: nothing but these three characters decides, set it aside for good.
        if start and len(_QUIET) < _SUSPECT_CACHE:
            _QUIET.add(text[start - 1 : start + 3])
        return False
    return _suspect(text, start, pair)


def _first_suspect(text: str, positions: list[int] | None) -> re.Match[str] | None:
    """The first hit of the scan's prefilter in ``text`` (as ``finditer`` finds them) that
    is worth a look; ``positions`` are those of the prefilter, where all its hits start
    (None: unknown)."""
    quiet = _QUIET
    if positions is None:
        for hit in SCAN_PREFILTER.finditer(text):
            start = hit.start()
            pair = hit.group()
            if not (start and text[start - 1 : start + 3] in quiet) and _worth_a_look(text, start, pair):
                return hit
        return None
    end = 0
    for i in positions:
        if i < end:
            continue
        at = SCAN_PREFILTER.match(text, i)
        if at is not None:
            pair = at.group()
            if not (i and text[i - 1 : i + 3] in quiet) and _worth_a_look(text, i, pair):
                return at
            end = at.end()
    return None


def _scan_words(
    text: str, floor: int, tally: dict[str, int] | None, depth: int = 0, first: int = 0
) -> list[Candidate]:
    """The first look at a text: only words that contain a suspicious pair are examined.

    A pair of common letters of one script, cased as words are (``ра``, ``Ві``, ``เธ``), is
    never evidence on its own; clean text in any script is made of such pairs, so skipping
    words that contain nothing else keeps clean text at the cost of one regex scan.
    """
    found: list[Candidate] = []
    pos = 0
    quiet = _QUIET
    for hit in SCAN_PREFILTER.finditer(text, first):
        start = hit.start()
        if start < pos or (start and text[start - 1 : start + 3] in quiet):
            continue
        if not _worth_a_look(text, start, hit.group()):
            continue
        word_start = max(pos, _word_start(text, start))
        word_end = _word_end(text, start + 2)
        more, pos = _scan(text, depth, floor, None, tally, stop=word_end, pos=word_start)
        found.extend(more)
        pos = max(pos, word_end)
    return found


@functools.lru_cache(maxsize=4096)
def _inner(text: str, depth: int) -> tuple[Candidate, ...]:
    """Further layers inside a decoded span: a pure function of the span, and several code
    pages often decode a span alike (Windows-1252, Latin-1, Latin-9 …), so it is cached."""
    return tuple(_scan(text, depth, 0)[0])


def find(text: str, depth: int = 0) -> list[Candidate]:
    """All accepted repair candidates in ``text``, left to right, non-overlapping.

    Damage is judged per span first, in each block (paragraph) of the text. When the spans
    found show that (nearly) all of a block's non-ASCII characters went through one code
    page, the prior for that page drops by :data:`_DOCUMENT_BONUS` and the block is scanned
    again: short spans such as ``Рё`` (и) that are ambiguous alone are then repaired too.
    A page that explains the whole document also counts for its shorter blocks.
    """
    if depth > 0:
        return list(_inner(text, depth))
    blocks: list[tuple[int, str, list[Candidate], dict[str, int]]] = []
    doc_tally: dict[str, int] = {}
    whole: set[int] = set()  # blocks that one page read from end to end
    positions = pair_positions(text)
    if positions == []:
        return []  # no sequence anywhere (clean text with a few curly quotes)
    # Blocks without a hit of the prefilter hold no sequence: they are never looked at.
    ends = [m.start() for m in _BLOCK_BREAK.finditer(text)] + [len(text)]
    any_c1 = not lacks(text, _C1.search)
    k = end = 0
    while True:
        if positions is not None:
            if k == len(positions):
                break
            at = positions[k]
        else:
            after = PREFILTER.search(text, end)  # the next block with a hit
            if after is None:
                break
            at = after.start()
        index = bisect.bisect_right(ends, at)
        start, end = ends[index - 1] if index else 0, ends[index]
        block = text[start:end]
        here = None
        if positions is not None:
            here = []
            while k < len(positions) and positions[k] < end:
                here.append(positions[k] - start)
                k += 1
        tally: dict[str, int] = {}
        # A page that read the block whole has the lead of its first sequence, the first
        # hit of the prefilter. Where a pair is worth a look, or a C1 control shows that
        # some decoder went wrong, a page that read most of the block is looked for too.
        hit = _first_suspect(block, here)
        suspicious = hit is not None or (any_c1 and _C1.search(block) is not None)
        page = _reads_whole(block, text[at : at + 2], suspicious)
        found: list[Candidate] = []
        if page is not None:
            # (Nearly) every non-ASCII character lies in a UTF-8 sequence of this page:
            # scan as the rescan for a dominant page does, without first trying every page
            # at every hit. It needs a span that is a repair without the bonus, as there.
            found, _ = _scan(block, 0, -_WEAK_PRIOR, {page.name: _DOCUMENT_BONUS}, None, only=page)
            if any(c.margin > _DOCUMENT_BONUS for c in found):
                tally[page.name] = sum(c.margin for c in found if c.margin > 0)
                whole.add(start)
                found = _and_the_rest(block, found)
            else:
                found = []
        if hit and start not in whole:
            found = _scan_words(block, -_WEAK_PRIOR, tally, first=hit.start())
        blocks.append((start, block, found, tally))
        for name, value in tally.items():
            doc_tally[name] = doc_tally.get(name, 0) + value
    if not any(c.margin > 0 for _, _, found, _ in blocks for c in found):
        return _judge_document(text, [c for start, _, found, _ in blocks for c in _shift(found, start)])
    document_page = _dominant(text, doc_tally) if len(ends) > 1 else None
    result: list[Candidate] = []
    for start, block, found, tally in blocks:
        if found and start not in whole:
            page = _dominant(block, tally, document_page, lenient=document_page is not None)
            if page is not None:
                found = _rescan(block, found, page)
        result.extend(_shift(found, start))
    return _judge_document(text, result)


#: A long block's first characters, and the share of them a page must cover before all
#: of the block is looked at.
_SAMPLE = 1000
_SAMPLE_COVERAGE = 0.5
#: Characters in sequences a block needs before one page is taken to have read all of it:
#: two sequences ("Ø±Ø³" has more evidence than one accidental pair).
_WHOLE_LEAST = 4


def _reads_whole(block: str, pair: str, thorough: bool) -> CodePage | None:
    """The code page that went over (nearly) all of ``block``, judged before any span is:
    as in :func:`_dominant`, the page with the largest share of non-ASCII characters in
    UTF-8 sequences, then the largest share without hole fills ("ĂĄ" is "á" in ISO-8859-2,
    where Windows-1250 needs a leaked C1 control), then a reading whose letters are one
    language's ("ÄŒe" is "Če" in Windows-1252, "ļe" in Latin-9), then the most plausible
    reading, the page's prior included (Czech read through Windows-1250 and through
    ISO-8859-2 differs in a few letters).

    Only pages in which ``pair``, the block's first prefilter hit, is a sequence are
    tried: a page that went over the whole block has that lead. Unless ``thorough``, a
    page must read every non-ASCII run as valid UTF-8 (in C, failing at the first byte
    that is not: clean text costs next to nothing); ``thorough`` also takes a page that
    reads most of them (for blocks where a pair already looks suspicious, or a C1 control
    shows that some decoder went wrong)."""
    pages = _pages_for(pair)
    if not thorough:
        # The first run decides for most blocks, and costs least.
        first = _NON_ASCII_RUN.search(block)
        pages = _reading_first(pair, first.group()) if first else ()
        if not pages:
            return None
    # The runs are joined as far as the sample needs them; all of them only for a page
    # that passes it (a long block of clean text costs a look at its beginning).
    head, long = _compact_head(block, 2 * _SAMPLE)
    compact: str | None = None if long else head
    size = 0  # (of compact: its characters less the NULs and the spaces after runs)
    ranked: list[tuple[tuple[float, float, bool], int, str, CodePage]] = []
    context: str | None = None  # each run with the character on either side, for cost
    for cp, _ in pages:
        if long and _coverage(head[:_SAMPLE], cp)[0] < _SAMPLE_COVERAGE:
            continue  # a long block: its beginning shows soon enough that it is mostly clean
        if compact is None:
            compact = "\x00".join(_RUN_AND_SPACE.findall(block))
        if not size:
            size = len(compact) - compact.count("\x00") - compact.count(" ")
        if not thorough and not _all_utf8(compact, cp):
            continue
        covered, unfilled, _ = _coverage(compact, cp)
        if covered < _DOCUMENT_COVERAGE or covered * size < _WHOLE_LEAST:
            continue
        if ranked and (covered, unfilled) < ranked[0][0][:2]:
            continue
        if context is None:
            context = " ".join(_RUN_IN_CONTEXT.findall(block))
        reading = _read(context, cp)
        key = (covered, unfilled, _one_alphabet(reading))
        if ranked and key < ranked[0][0]:
            continue
        if ranked and key > ranked[0][0]:
            ranked.clear()
        ranked.append((key, cost(reading) + _EXTRA[cp.name], reading, cp))
    if len(ranked) < 2:
        return ranked[0][3] if ranked else None
    # Pages tied so far: the cost of their readings, and the order of the letters of the
    # words that hold the runs (each distinct reading judged once).
    words = _words_with_runs(block)
    orders: dict[str, int] = {}
    best: tuple[int, CodePage] | None = None
    for _, value, reading, cp in ranked:
        if reading not in orders:
            mean, count = naturalness(_read(words, cp))
            orders[reading] = round(mean * count) if count else 0
        value += orders[reading]
        if best is None or value < best[0]:
            best = (value, cp)
    return best[1] if best else None


def _compact_head(block: str, most: int) -> tuple[str, bool]:
    """The non-ASCII runs of ``block`` (each with the space after it, if any) joined by NUL,
    as far as they come to more than ``most`` characters, and whether there are more.
    (The runs of a slice of the block, joined, begin the runs of the block, joined: a run
    the slice cuts is cut at its end.)"""
    limit = 4 * most
    while True:
        head = "\x00".join(_RUN_AND_SPACE.findall(block, 0, limit))
        if len(head) > most or limit >= len(block):
            return head, len(head) > most
        limit *= 4


@functools.lru_cache(maxsize=1024)
def _reading_first(pair: str, run: str) -> tuple[tuple[CodePage, int], ...]:
    """The pages in which ``pair`` is a sequence that read ``run`` as UTF-8 (the same few
    runs, a curly quote or a dash, open block after block of clean text)."""
    return tuple(p for p in _pages_for(pair) if _all_utf8(run, p[0]))


#: Words of a block whose letter order :func:`_reads_whole` looks at, at most.
_ORDER_WORDS = 100


def _words_with_runs(block: str) -> str:
    """The words of ``block`` that hold non-ASCII runs (the first :data:`_ORDER_WORDS`)."""
    words: list[str] = []
    end = 0
    for run in _NON_ASCII_RUN.finditer(block):
        if run.start() < end:
            continue
        start = _word_start(block, run.start())
        end = _word_end(block, run.end())
        words.append(block[start:end])
        if len(words) >= _ORDER_WORDS:
            break
    return " ".join(words)


def _all_utf8(text: str, cp: CodePage) -> bool:
    try:
        _ENCODERS[cp.name].encode(text).decode("utf-8")
    except UnicodeError:
        return False
    return True


def _one_alphabet(text: str) -> bool:
    return _one_language(_letters(text))


_RUN_IN_CONTEXT = re.compile("(?s).?[^\x00-\x7f]+.?")


def _read(text: str, cp: CodePage) -> str:
    """``text`` read back through ``cp`` as UTF-8, where it can be."""
    raw = _ENCODERS[cp.name].encode(text, "replace")
    return raw.decode("utf-8", "replace")


def _and_the_rest(block: str, found: list[Candidate]) -> list[Candidate]:
    """``found`` and, where a pair worth a look lies outside its spans, what a first look
    finds there through other pages on its own merit (one line of a paragraph may have
    gone through another decoder)."""
    k = 0
    for hit in SCAN_PREFILTER.finditer(block):
        i = hit.start()
        while k < len(found) and found[k].end <= i:
            k += 1
        if (k < len(found) and found[k].start <= i) or not _suspect(block, i, hit.group()):
            continue
        more = _scan_words(block, -_WEAK_PRIOR, None, first=i)
        others = [c for c in more if c.margin > 0 and not _overlaps(c, found)]
        return sorted(found + others, key=lambda c: c.start) if others else found
    return found


def _dominant(
    text: str, tally: dict[str, int], also: CodePage | None = None, lenient: bool = False
) -> CodePage | None:
    """The decoder that went over the whole of ``text``, if one did: among the pages with
    most evidence, the one covering most of the non-ASCII characters (then most without
    hole fills, then most evidence). ``also`` (the document's page) is always considered
    and, with ``lenient``, needs only one span in this block."""
    contenders = sorted(tally, key=lambda n: -tally[n])[:_CONTENDERS]
    if also is not None and also.name not in contenders:
        contenders.append(also.name)
    if not contenders:
        return None
    # Only the non-ASCII runs matter; joining them keeps mostly-ASCII text cheap.
    compact = "\x00".join(_RUN_AND_SPACE.findall(text))
    coverage = {name: _coverage(compact, _BY_NAME[name]) for name in contenders}
    preferred = also.name if also is not None else ""
    best = max(contenders, key=lambda n: (coverage[n][0], coverage[n][1], n == preferred, tally.get(n, 0)))
    covered, _, spans = coverage[best]
    # One span alone corroborates nothing, unless the whole document was shown to be damaged.
    needed = 1 if lenient and also is not None and best == also.name else _DOCUMENT_SPANS
    if covered >= _DOCUMENT_COVERAGE and spans >= needed:
        return _BY_NAME[best]
    return None


def _shift(found: list[Candidate], offset: int) -> list[Candidate]:
    if not offset:
        return found
    return [c._replace(start=c.start + offset, end=c.end + offset) for c in found]


def _rescan(text: str, found: list[Candidate], page: CodePage) -> list[Candidate]:
    """Scan again with the prior for ``page`` lowered, keeping what the first pass already
    repaired through that page and looking only at the text between those spans. A new
    span that runs into a kept one (the first pass started mid-word) replaces it."""
    bonus = {page.name: _DOCUMENT_BONUS}
    # A kept span's prior drops like any other through this page.
    kept = [
        c._replace(margin=c.margin + _DOCUMENT_BONUS)
        for c in found
        if c.margin > 0 and c.layers[0].decoded_as == page.name
    ]
    result: list[Candidate] = []
    pos = 0
    k = 0
    while True:
        while k < len(kept) and kept[k].start < pos:
            k += 1
        stop = kept[k].start if k < len(kept) else len(text)
        if pos < stop:
            more, _ = _scan(text, 0, -_WEAK_PRIOR, bonus, None, stop=stop, pos=pos, only=page)
            result.extend(more)
            if more and more[-1].end > stop:
                pos = more[-1].end
                continue
        if k >= len(kept):
            break
        result.append(kept[k])
        pos = kept[k].end
        k += 1
    # Spans repaired through another page on their own merit stay repaired: one line of a
    # paragraph may have gone through a different decoder than the rest.
    others = [
        c for c in found if c.margin > 0 and c.layers[0].decoded_as != page.name and not _overlaps(c, result)
    ]
    return sorted(result + others, key=lambda c: c.start) if others else result


def _overlaps(cand: Candidate, spans: list[Candidate]) -> bool:
    return any(s.start < cand.end and cand.start < s.end for s in spans)


def _judge_document(text: str, found: list[Candidate]) -> list[Candidate]:
    support: dict[str, int] = {}
    for cand in found:
        if cand.margin > 0:
            key = cand.layers[0].decoded_as
            support[key] = support.get(key, 0) + 1
    accepted = []
    for cand in found:
        others = support.get(cand.layers[0].decoded_as, 0) - (cand.margin > 0)
        # Weak spans need a margin above _WEAK_PRIOR, others above 0; support lowers both.
        bar = _WEAK_PRIOR if cand.weak else 0
        need = max(bar - _SUPPORT * others, 0 if cand.weak else -_WEAK_PRIOR)
        if cand.margin > need:
            accepted.append(cand)
    return _name_hole_policy(_no_half_fixes(text, _partner_quotes(text, accepted)))


#: How far from a repaired quote its partner is looked for (within its line), and what
#: finding it through the same page takes off the partner's prior.
_PARTNER_REACH = 80
_PARTNER_BONUS = 100


def _partner_quotes(text: str, accepted: list[Candidate]) -> list[Candidate]:
    """``accepted`` and the partners of the quotes among them: where a repair reads as one
    of a pair of quotes, a sequence of the same page on its line that reads as the other,
    on the side it stands on, is repaired with it (Windows-1257 "Tabelle Ā»%sĀ«": "Ā«"
    after a lower-case letter is clearly "«"; "Ā»" after a space alone is not, but it
    is its partner). Its prior drops by :data:`_PARTNER_BONUS`. (Where the nearest repair
    on that side already reads as the partner, nothing is looked for.)"""
    starts = [c.start for c in accepted]
    more: list[Candidate] = []
    for cand in accepted:
        if len(cand.after) != 1 or len(cand.layers) != 1 or cand.margin <= 0:
            continue
        before = {a for a, b in _QUOTE_PAIRS if b == cand.after}
        after = {b for a, b in _QUOTE_PAIRS if a == cand.after}
        if not before and not after:
            continue
        line_start = text.rfind("\n", 0, cand.start) + 1
        line_end = text.find("\n", cand.end)
        line_end = len(text) if line_end < 0 else line_end
        page = by_name(cand.layers[0].decoded_as)
        for wanted, lo, hi in (
            (before, max(line_start, cand.start - _PARTNER_REACH), cand.start),
            (after, cand.end, min(line_end, cand.end + _PARTNER_REACH)),
        ):
            if not wanted:
                continue
            hits = [m.start() for m in PREFILTER.finditer(text, lo, hi)]
            for at in reversed(hits) if hi == cand.start else hits:
                k = bisect.bisect_right(starts, at) - 1
                if k >= 0 and accepted[k].end > at:
                    if accepted[k].after in wanted:
                        break  # the partner is repaired already
                    continue
                partner = _best_at(text, at, 0, -_PARTNER_BONUS, only=page, natural_too=True)
                if partner is None or partner.end > hi or partner.after not in wanted:
                    continue
                if _free(partner, accepted, starts) and not _overlaps(partner, more):
                    more.append(partner._replace(margin=partner.margin + _PARTNER_BONUS))
                break
    return sorted(accepted + more, key=lambda c: c.start) if more else accepted


def _free(cand: Candidate, spans: list[Candidate], starts: list[int]) -> bool:
    """Whether ``cand`` overlaps none of ``spans`` (ordered; ``starts``: their starts)."""
    k = bisect.bisect_right(starts, cand.start) - 1
    if k >= 0 and spans[k].end > cand.start:
        return False
    return k + 1 >= len(spans) or spans[k + 1].start >= cand.end


def _no_half_fixes(text: str, accepted: list[Candidate]) -> list[Candidate]:
    """Drop repairs that leave their word still looking like mojibake (by ftfy's badness):
    a span is repaired to plausible text or left alone, never half-fixed."""
    if not accepted:
        return accepted
    from ftfy.badness import is_bad

    repaired = _apply(text, accepted)
    kept = []
    shift = 0
    for cand in accepted:
        start = cand.start + shift
        end = start + len(cand.after)
        shift += len(cand.after) - (cand.end - cand.start)
        # (Words are looked at as far as _word_start looks back: text without spaces
        # would make every span's word the whole text.)
        word_start = _word_start(repaired, start)
        word_end = _word_end(repaired, end, _LONGEST_WORD)
        word = repaired[word_start:word_end]
        if is_bad(word.replace("\ufffd", " ")):  # lost bytes are reported, not "bad"
            continue
        if _line_art(text[_word_start(text, cand.start) : _word_end(text, cand.end, _LONGEST_WORD)], word):
            continue
        kept.append(cand)
    return kept


#: With fewer pairs than this, only pairs that no language writes count against a reading.
_LINE_ART_FEWEST = 4


def _line_art(word: str, reading: str) -> bool:
    """Box drawing is text too (frames, tables, line art such as ``├┤a┼┐a┼┐a``). A word
    whose non-ASCII characters are all box drawing is read as mojibake only where the
    reading puts its letters in some language's order (``caf├⌐`` is ``café``; the line
    art above would be ``ôaſaſa``, pairs that no language writes). The limit on the
    letter order is the legacy gate's (plausibility.md §8)."""
    rest = [c for c in word if c > "\x7f"]
    if not rest or not all("\u2500" <= c <= "\u259f" for c in rest):
        return False
    if natural(reading, _NATURAL_GATE, fewest=_LINE_ART_FEWEST):
        return False
    # Letters the model does not know make pairs "no language writes" (Welsh "grŵp" is
    # "gr┼╡p" read as cp437): then only a word that is mostly box drawing is line art.
    return judgeable(_letters(reading)) or 2 * len(rest) >= len(word)


def _name_hole_policy(accepted: list[Candidate]) -> list[Candidate]:
    """Give every span the hole policy its decoder showed anywhere in the text.

    A decoder fills holes the same way throughout a document; a span that happens to
    contain no hole byte (``โ€”``) was still produced by the decoder that filled ``โ€™``.
    """
    policy: dict[str, str] = {}
    for cand in accepted:
        outer = cand.layers[0]
        if outer.holes:
            policy.setdefault(outer.decoded_as, outer.holes)
    out = []
    for cand in accepted:
        outer = cand.layers[0]
        holes = policy.get(outer.decoded_as)
        if holes and not outer.holes:
            layer = Layer(outer.encoding, outer.decoded_as, holes)
            cand = cand._replace(layers=(layer, *cand.layers[1:]))
        out.append(cand)
    return out
