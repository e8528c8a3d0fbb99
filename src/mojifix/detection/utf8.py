"""Spans of UTF-8 bytes that were decoded with a single-byte code page.

Under a wrong code page every UTF-8 multi-byte sequence becomes a *lead* character (the
code page's character for byte C2-F4) followed by one to three *continuation* characters
(bytes 80-BF). The search has two stages:

1. a prefilter, one stdlib ``re`` scan for "a lead character of any code page followed by
   a continuation character of any code page" (or by the placeholders that stand for a
   lost byte); clean ASCII-heavy text costs one scan and nothing more;
2. an exact test at each hit: for each code page in which the character is a lead, the
   longest run of strictly valid UTF-8 sequences from there, decoded, then judged by
   :mod:`mojifix.plausibility`. Decoded spans are searched again for a further layer.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from typing import NamedTuple

from .._chars import LETTER, CharInfo, info
from .._splice import splice
from ..codepages import CODEPAGES, FILL_C1, FILL_CP1252, CodePage
from ..model import Layer
from ..plausibility import PRIOR, cost

__all__ = ["Candidate", "find"]

#: Placeholders a decoder leaves for a byte it could not map: the byte is lost.
_LOST = "\ufffd?"
_PLACEHOLDERS = frozenset(_LOST + " ")
_LOST_SET = frozenset(_LOST)
_FILL_NBSP = "nbsp→space"
_FILL_LOST = "lost"
_MAX_DEPTH = 3
_CONTEXT = 2  # characters of context on each side that the plausibility model sees

# Extra prior cost: a rarer code page, a hole fill, a lost byte, one more layer.
_CODEPAGE_EXTRA = {"windows-1252": 0, "iso-8859-1": 0}
_WINDOWS_EXTRA = 20
_ISO_EXTRA = 30
_LEGACY_EXTRA = 40  # DOS, Mac and KOI8 pages
_FILL_EXTRA = {FILL_CP1252: 10, FILL_C1: 0, _FILL_NBSP: 25, _FILL_LOST: 10}
_LAYER_EXTRA = 30
_WEAK_PRIOR = 60
_DOCUMENT_BONUS = 100
_DOCUMENT_COVERAGE = 0.8
_CONTENDERS = 4
_NATURAL_COST = 90
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
_NBSP_IS_A0 = {cp.name: cp.to_byte.get("\xa0") == 0xA0 for cp in CODEPAGES}


def _build_tables() -> tuple[dict[str, tuple[CodePage, ...]], re.Pattern[str]]:
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
    return {c: tuple(v) for c, v in leads.items()}, pattern


_LEADS, PREFILTER = _build_tables()
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
_ENCODE_MAPS = {
    cp.name: {**{c: c for c in range(0x80)}, **{ord(ch): b for ch, b in cp.to_byte.items()}}
    for cp in CODEPAGES
}
_FILL_RE = {
    cp.name: re.compile("[" + "".join(re.escape(c) for c in cp.fill_of) + "]") if cp.fill_of else None
    for cp in CODEPAGES
}
_WINDOW = 48
_BLOCK_BREAK = re.compile(r"\n[ \t\r]*\n")
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")


def _parse(text: str, i: int, cp: CodePage) -> tuple[int, str, list[str], int] | None:
    """The longest run of valid UTF-8 sequences read through ``cp`` from ``text[i]``.

    The common case runs in C: the text is encoded with the code page's map (hole fills
    included) up to the first character it cannot represent, and a bytes regex finds the
    run. Runs that stop at a placeholder for a lost byte or a flattened no-break space go
    through :func:`_parse_slow`, which knows about those.
    """
    mapping = _ENCODE_MAPS[cp.name]
    size = _WINDOW
    while True:
        # Characters the page cannot encode become "?", which ends the run.
        raw = codecs.charmap_encode(text[i : i + size], "replace", mapping)[0]
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
        if any(c in _PLACEHOLDERS for c in tail):
            return _parse_slow(text, i, cp)
    if not length:
        return None
    body = raw[:length]
    decoded = body.decode("utf-8", "surrogatepass")
    if max(decoded) >= "\ud800" and any("\ud800" <= c <= "\udfff" for c in decoded):
        decoded = decoded.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    fill_re = _FILL_RE[cp.name]
    fills = [cp.fill_of[c] for c in fill_re.findall(text, i, i + length)] if fill_re else []
    return i + length, decoded, fills, length


def _parse_slow(text: str, i: int, cp: CodePage) -> tuple[int, str, list[str], int] | None:
    """The longest run of valid UTF-8 sequences read through ``cp`` from ``text[i]``.

    Returns (end, decoded, fills, nbytes), where fills lists how each unusual byte was
    obtained (hole fills, no-break spaces turned into spaces, lost bytes).
    """
    to_byte, fill_of = cp.to_byte, cp.fill_of
    nbsp = _NBSP_IS_A0[cp.name]
    n = len(text)
    j = i
    out: list[str] = []
    fills: list[str] = []
    nbytes = 0
    while j < n:
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
            elif char == " " and nbsp:
                if (
                    need == 1
                    and _is_vowel(bytes((lead, 0xA0)).decode("utf-8", "replace"))
                    and _word_follows(text, k + 1)
                    and not _starts_sequence(text, k + 1, cp)
                ):
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
        if len(seq) <= need:
            break
        decoded = _decode(seq)
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
    return j, "".join(out), fills, nbytes


def _is_vowel(char: str) -> bool:
    """A letter that can stand alone as a word (à, é, ó...): its base letter is a vowel."""
    base = unicodedata.normalize("NFD", char)[:1]
    return char.isalpha() and char.islower() and base in "aeiouy"


def _starts_sequence(text: str, k: int, cp: CodePage) -> bool:
    if k + 1 >= len(text):
        return False
    lead, cont = cp.to_byte.get(text[k]), cp.to_byte.get(text[k + 1])
    return lead is not None and 0xC2 <= lead <= 0xF4 and cont is not None and 0x80 <= cont <= 0xBF


def _decode(seq: list[int | None]) -> str | None:
    """Decode one sequence; U+FFFD if a byte was lost; None if invalid (or a surrogate)."""
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
        return "\ufffd"
    return bytes(b for b in seq if b is not None).decode("utf-8")


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
) -> Candidate | None:
    pages = _pages_for(text[i : i + 2])
    if not pages:
        return None  # no single code page has this lead and this continuation
    seen: dict[tuple[int, int, str], tuple[int | None, int]] = {}
    best: Candidate | None = None
    strict = not bonus and depth == 0
    before_costs: dict[tuple[int, int], int] = {}
    for cp, need in pages:
        if only is not None and cp is not only:
            continue
        if strict and _looks_natural(text, i, i + need + 1):
            continue
        parsed = _parse(text, i, cp)
        if parsed is None:
            continue
        start = i
        if strict and limit < i:
            # Sequences just before the hit that looked natural on their own belong to
            # the same damaged span ("ไฝฟ็”จ"): take them in rather than half-fix a word.
            start = _extend_back(text, i, cp, max(limit, i - _LONGEST_WORD))
            if start < i:
                parsed = _parse(text, start, cp) or parsed
        end, decoded, fills, nbytes = parsed
        if depth and _FILL_LOST in fills and start and _continues_word(text[start - 1], text[start]):
            continue  # an inner layer may not swallow a letter that continues its word
        # Below the outermost layer the prior was already paid: judge by cost alone, except
        # where a byte was lost: throwing characters away needs evidence at every layer.
        base = PRIOR if depth == 0 or _FILL_LOST in fills else 0
        prior = base + _EXTRA[cp.name] + sum(_FILL_EXTRA.get(f, 0) for f in fills)
        if bonus:
            prior -= bonus.get(cp.name, 0)
        key = (start, end, decoded)
        earlier = seen.get(key)
        if earlier is not None:
            # Same repair as a page tried before: it counts as evidence for this page too.
            if tally is not None and earlier[0] is not None:
                value = earlier[0] + earlier[1] - prior
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
        value = cost_before - cost(after, left, right) - prior
        # A further layer is looked for only where this one already made the text more plausible.
        if depth < _MAX_DEPTH and value + prior > 0 and not decoded.isascii() and not _plain_word(decoded):
            inner = find(decoded, depth + 1)
            if inner:
                deeper = _apply(decoded, inner)
                extra = _LAYER_EXTRA * max(len(c.layers) for c in inner)
                deeper_value = cost_before - cost(deeper, left, right) - prior - extra
                if deeper_value > value:
                    after, value = deeper, deeper_value
                    layers += _merge_layers(inner)
                    lossless = lossless and all(c.lossless for c in inner)
        weak = (
            len(layers) == 1
            and (nbytes == 2 or (nbytes == 4 and len(decoded) == 2 and before.isalpha()))
            and not _structural_break(text, start, end)
        )
        seen[key] = (value, prior)
        if tally is not None and value > floor:
            tally[cp.name] = tally.get(cp.name, 0) + value - floor
        if value > floor and (best is None or value > best.margin):
            best = Candidate(start, end, after, layers, lossless, value, weak)
    return best


def _plain_word(text: str) -> bool:
    """Three or more common letters of one script, cased as words are ("дороге"): nothing
    for a further layer to find. (Two letters, "Рё", may well be another layer's mojibake.)"""
    if len(text) < 3:
        return False
    script = ""
    previous = 0
    for char in text:
        facts = info(char)
        if not _natural_letter(facts) or (script and facts.script != script) or previous < 0 < facts.case:
            return False
        script = facts.script
        previous = facts.case
    # In scripts without case (Thai, Arabic...) mojibake of one layer can look plain.
    return script in _CASED_SCRIPTS


def _extend_back(text: str, i: int, cp: CodePage, limit: int) -> int:
    """The earliest start >= ``limit`` from which valid sequences under ``cp`` run up to ``i``."""
    start = i
    moved = True
    while moved:
        moved = False
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
            parsed = _parse(text, begin, cp)
            if parsed is not None and parsed[0] >= start:
                start = begin
                moved = True
                break
    return start


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


def _continues_word(previous: str, char: str) -> bool:
    a, b = info(previous), info(char)
    return _natural_letter(b) and a.kind == LETTER and a.script == b.script


def _looks_natural(text: str, start: int, end: int) -> bool:
    """True for a span of common letters of one script, cased as words are, in a context of
    the same script (``Рік`` in Ukrainian, ``เธอ`` in Thai). Such a span is never repaired on
    its own evidence; it can only be repaired as part of a text shown to be damaged."""
    script = ""
    previous_case = 0
    for k in range(max(0, start - 1), min(len(text), end + 1)):
        facts = info(text[k])
        inside = start <= k < end
        if facts.kind != LETTER:
            if inside:
                return False
            previous_case = 0
            continue
        if inside and not _natural_letter(facts):
            return False
        if script and facts.script != script:
            return False
        script = facts.script
        if previous_case < 0 < facts.case:
            return False
        previous_case = facts.case
    # The word the span sits in must be of that script too ("รฉรฉn" is not Thai).
    return _word_script_is(text, start, end, script)


def _word_script_is(text: str, start: int, end: int, script: str) -> bool:
    for k, step in ((end, 1), (start - 1, -1)):
        for _ in range(_LONGEST_WORD):
            if not 0 <= k < len(text):
                break
            facts = info(text[k])
            if facts.kind != LETTER:
                break
            if facts.script != script:
                return False
            k += step
    return True


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


def _scan_words(text: str, floor: int, tally: dict[str, int] | None, depth: int = 0) -> list[Candidate]:
    """The first look at a text: only words that contain a suspicious pair are examined.

    A pair of common letters of one script, cased as words are (``ра``, ``Ві``, ``เธ``), is
    never evidence on its own; clean text in any script is made of such pairs, so skipping
    words that contain nothing else keeps clean text at the cost of one regex scan.
    """
    found: list[Candidate] = []
    pos = 0
    for hit in PREFILTER.finditer(text):
        start = hit.start()
        if start < pos:
            continue
        pair = hit.group()
        if pair[1] == " ":
            # A space may be a no-break space that was flattened ("voilÃ le"), but nearly
            # always it ends a word; only a lone capital after a non-capital is suspect.
            if info(pair[0]).case <= 0 or (start and info(text[start - 1]).case > 0):
                continue
        elif _quiet(text, start, pair):
            continue
        word_start = max(pos, _word_start(text, start))
        word_end = _word_end(text, start + 2)
        more, pos = _scan(text, depth, floor, None, tally, stop=word_end, pos=word_start)
        found.extend(more)
        pos = max(pos, word_end)
    return found


_WHITESPACE = re.compile(r"\s")
_LONGEST_WORD = 64
_QUIET: dict[str, bool] = {}


def _quiet(text: str, start: int, pair: str) -> bool:
    """A natural pair in a context that continues it: nothing to look at here.

    Cached on the four characters around the pair when its neighbours are letters or
    spaces (the common case, and all that the answer then depends on)."""
    if not _natural_pair(pair):
        return False
    window = text[start - 1 : start + 3] if start else ""
    cacheable = len(window) == 4 and _plain_neighbour(window[0]) and _plain_neighbour(window[3])
    if cacheable:
        known = _QUIET.get(window)
        if known is not None:
            return known
    # ("เธ?": a natural pair followed by a lost byte is suspect.)
    answer = _fits_context(text, start) and text[start + 2 : start + 3] not in _LOST_SET
    if cacheable and len(_QUIET) < 200_000:
        _QUIET[window] = answer
    return answer


def _plain_neighbour(char: str) -> bool:
    return char.isalpha() or char.isspace()


def _word_start(text: str, i: int) -> int:
    """Start of the word around ``i`` (looking back at most :data:`_LONGEST_WORD`)."""
    low = max(0, i - _LONGEST_WORD)
    found = max(text.rfind(" ", low, i), text.rfind("\n", low, i), text.rfind("\t", low, i))
    return low if found < 0 else found + 1


def _word_end(text: str, i: int) -> int:
    found = _WHITESPACE.search(text, i)
    return len(text) if found is None else found.start()


def _structural_break(text: str, start: int, end: int) -> bool:
    """Evidence beyond the pair itself: a script break at the span's edges, or capitals
    inside a lower-case word ("parĂĄmetro", "utjeÄŤe")."""
    if _script_break(text, start, end):
        return True
    if start and end < len(text) and info(text[start - 1]).case < 0 and info(text[end]).case < 0:
        cases = [info(c).case for c in text[start:end]]
        if any(a > 0 and b > 0 for a, b in itertools.pairwise(cases)):
            return True  # two capitals in a row
        # A capital deep inside a lower-case word ("secciĂłn"); word-initial prefixes such
        # as Irish "nÉireann" have fewer than three letters before it.
        return cases[0] > 0 and start >= 3 and all(info(c).case < 0 for c in text[start - 3 : start])
    return False


def _script_break(text: str, start: int, end: int) -> bool:
    """A letter of the span sits next to a letter of another script ("anvรคnder")."""
    for k in (start - 1, end - 1):
        if k >= 0 and k + 1 < len(text):
            a, b = info(text[k]), info(text[k + 1])
            if a.kind == LETTER and b.kind == LETTER and a.script != b.script:
                return True
    return False


def _nearest_letter(text: str, k: int, step: int) -> str:
    """The first letter from ``text[k]`` in direction ``step``, skipping up to two marks of
    punctuation (``c'è``) but never whitespace; "" if there is none."""
    for _ in range(3):
        if not 0 <= k < len(text) or text[k].isspace():
            return ""
        if info(text[k]).kind == LETTER:
            return text[k]
        k += step
    return ""


def _fits_context(text: str, start: int) -> bool:
    """The letters on either side of a natural pair continue it: same script, and no
    capital after a lower-case letter ("NomÃŠs", "informaciรณn" are suspect)."""
    first = info(text[start])
    if start:
        prev = text[start - 1]
        facts = info(prev)
        if facts.kind == LETTER:
            if facts.script != first.script or facts.case < 0 < first.case:
                return False
        elif not prev.isspace():
            letter = _nearest_letter(text, start - 2, -1)
            if letter and info(letter).script != first.script:
                return False
    if start + 2 < len(text):
        following = text[start + 2]
        facts = info(following)
        if facts.kind == LETTER:
            # Two capitals then a lower-case letter ("ĂŠĂŠn") is no word's shape either.
            if first.case > 0 and info(text[start + 1]).case > 0 and facts.case < 0:
                return False
            return facts.script == first.script
        if not following.isspace():
            letter = _nearest_letter(text, start + 3, 1)
            return not letter or info(letter).script == first.script
    return True


_NATURAL_PAIRS: dict[str, bool] = {}
# Scripts with letter case: a caseless "letter" in them (ª, º) is punctuation in practice.
_CASED_SCRIPTS = frozenset(("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN"))


def _natural_letter(fact: CharInfo) -> bool:
    return (
        fact.kind == LETTER
        and fact.cost < _NATURAL_COST
        and (fact.case != 0 or fact.script not in _CASED_SCRIPTS)
    )


def _natural_pair(pair: str) -> bool:
    """Two common letters of one script, not lower case followed by upper case (cached)."""
    known = _NATURAL_PAIRS.get(pair)
    if known is None:
        a, b = info(pair[0]), info(pair[1])
        known = (
            _natural_letter(a) and _natural_letter(b) and a.script == b.script and not (a.case < 0 < b.case)
        )
        _NATURAL_PAIRS[pair] = known
    return known


def _coverage(text: str, cp: CodePage) -> tuple[float, float, int]:
    """For ``text``, the non-ASCII runs of a text joined by NUL: the share of its characters
    that lie in UTF-8 sequences under ``cp``,
    counting all of them and counting only those the code page itself defines (no fills),
    and the number of separate spans they form.

    Near 1 when the whole text went through that decoder; low for clean text (where only
    the odd pair of letters happens to form a sequence) and for mixed text. Runs in C:
    characters the page cannot encode become ``?``, which ends any run.
    """
    raw = codecs.charmap_encode(text, "replace", _ENCODE_MAPS[cp.name])[0]
    covered = spans = 0
    for run in _UTF8_RUN.finditer(raw):
        covered += run.end() - run.start()
        spans += 1
    total = len(text) - text.count("\x00")
    if not total:
        return 0.0, 0.0, 0
    fill_re = _FILL_RE[cp.name]
    filled = len(fill_re.findall(text)) if fill_re else 0
    return covered / total, max(0, covered - filled) / total, spans


def find(text: str, depth: int = 0) -> list[Candidate]:
    """All accepted repair candidates in ``text``, left to right, non-overlapping.

    Damage is judged per span first, in each block (paragraph) of the text. When the spans
    found show that (nearly) all of a block's non-ASCII characters went through one code
    page, the prior for that page drops by :data:`_DOCUMENT_BONUS` and the block is scanned
    again: short spans such as ``Рё`` (и) that are ambiguous alone are then repaired too.
    A page that explains the whole document also counts for its shorter blocks.
    """
    if depth > 0:
        return _scan(text, depth, 0)[0]
    blocks: list[tuple[int, str, list[Candidate], dict[str, int]]] = []
    doc_tally: dict[str, int] = {}
    start = 0
    for end in [m.start() for m in _BLOCK_BREAK.finditer(text)] + [len(text)]:
        block = text[start:end]
        tally: dict[str, int] = {}
        found = _scan_words(block, -_WEAK_PRIOR, tally) if _PREFILTER_ANY(block) else []
        blocks.append((start, block, found, tally))
        for name, value in tally.items():
            doc_tally[name] = doc_tally.get(name, 0) + value
        start = end
    if not any(c.margin > 0 for _, _, found, _ in blocks for c in found):
        return _judge_document(text, [c for start, _, found, _ in blocks for c in _shift(found, start)])
    document_page = _dominant(text, doc_tally) if len(blocks) > 1 else None
    result: list[Candidate] = []
    for start, block, found, tally in blocks:
        if found:
            page = _dominant(block, tally, document_page, lenient=document_page is not None)
            if page is not None:
                found = _rescan(block, found, page)
        result.extend(_shift(found, start))
    return _judge_document(text, result)


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
    compact = "\x00".join(_NON_ASCII_RUN.findall(text))
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
            return result
        result.append(kept[k])
        pos = kept[k].end
        k += 1


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
    return _name_hole_policy(_no_half_fixes(text, accepted))


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
        word_start = _word_start(repaired, start)
        word_end = _word_end(repaired, end)
        word = repaired[word_start:word_end]
        if is_bad(word.replace("\ufffd", " ")):  # lost bytes are reported, not "bad"
            continue
        kept.append(cand)
    return kept


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
