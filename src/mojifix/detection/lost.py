"""Which character a lost byte was, where its neighbours tell.

A decoder that meets a byte its code page leaves undefined writes ``?`` or U+FFFD in its
place, and the byte is gone (``Ã?rabes``: UTF-8 ``C3 81`` read as Windows-1252, where
0x81 is undefined). Since only the page's holes are lost, a sequence with one lost byte
was one of a handful of characters (``Á Í Ï Ð Ý``). Two models say which, their log
likelihoods added (lost characters are decided left to right, two side by side together,
those already decided in place):

* one model for every script (generated table :mod:`mojifix._lostchars`,
  ``scripts/gen_lostchars.py``): how often the option stands between the character before
  it and the one after, otherwise how often it follows the one and precedes the other,
  across all catalogs (Bengali ``প?র``: virama, not vowel sign u; Hebrew ``?`` before a
  space: final mem, not alef);
* for the likeliest readings by that model, the letter pair model of
  :mod:`mojifix.bigrams` (per language, alphabets below U+0800): what the letter pairs of
  the 40 characters on each side cost in the language that fits them best.

The best option is taken when it is at least :data:`_CLEAR` (natural log) likelier than
the next; otherwise the character stays U+FFFD (see docs/plausibility.md, "lost bytes").
"""

from __future__ import annotations

import functools
import itertools
import math
import unicodedata
from collections.abc import Callable

from ..codepages import CODEPAGES, CodePage

__all__ = ["JOINERS", "candidate", "chain", "char_class", "completions", "options", "restore"]

#: Bytes after a sequence's first that some supported page leaves undefined.
_HOLES = frozenset(b for cp in CODEPAGES for b in cp.holes if 0x80 <= b <= 0xBF)
#: A restored character must be one that real text uses (cost as in :mod:`mojifix._chars`).
_COMMON = 80
#: How much likelier (natural log) the best option must be than the next best, by both
#: models together.
_CLEAR = 2.5
#: Format characters that words are written with (Indic conjuncts, Persian).
JOINERS = frozenset("\u200c\u200d")
#: Characters of text on each side that the letter pair model looks at.
CONTEXT = 40


def char_class(char: str) -> str:
    """The class the all-scripts model counts ``char`` as (lower-cased already): one for
    whitespace, one for digits, one for ASCII punctuation, every other character itself."""
    if char.isspace():
        return " "
    if char < "\x80" and not char.isalpha():
        return "0" if char.isdigit() else "."
    return char


@functools.cache
def candidate(char: str) -> bool:
    """Whether ``char`` (lower-cased), or its other case, is a character a lost byte may
    have been: its UTF-8 form has a byte some page leaves undefined after the first."""
    if len(char) != 1 or char < "\x80":
        return False
    for form in {char, char.upper()}:
        if len(form) == 1 and any(b in _HOLES for b in form.encode("utf-8", "surrogatepass")[1:]):
            return True
    return False


@functools.lru_cache(maxsize=1024)
def completions(seq: tuple[int | None, ...], cp: CodePage) -> tuple[tuple[str, int], ...]:
    """Each letter, mark, punctuation mark or joiner that a UTF-8 sequence with one lost
    byte (None) read through ``cp`` becomes when a hole of the page fills it (a decoder
    loses only those), with its cost (:mod:`mojifix._chars`), in the order of the holes."""
    if seq.count(None) != 1 or not cp.holes:
        return ()
    from .._chars import info

    found = []
    for hole in sorted(cp.holes):
        try:
            char = bytes(hole if b is None else b for b in seq).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if unicodedata.category(char)[0] in "LMP" or char in JOINERS:
            found.append((char, info(char).cost))
    return tuple(found)


@functools.lru_cache(maxsize=1024)
def options(seq: tuple[int | None, ...], cp: CodePage) -> tuple[str, ...]:
    """The :func:`completions` of a sequence with one lost byte that real text uses."""
    return tuple(char for char, value in completions(seq, cp) if value <= _COMMON)


def restore(out: list[str], ambiguous: list[tuple[int, tuple[str, ...]]], left: str, right: str) -> str:
    """Restore, in place, each lost character of ``out`` (a decoded run) that its
    neighbours determine; ``ambiguous`` lists the index of each and its options. Where the
    neighbours do not tell, the character is U+FFFD, even where one option is the
    commonest character on its own (``я`` and ``с`` are both common in Russian: a guess
    would be wrong four times in ten). Lost characters side by side (``ЗНАК``: Н and А
    both lost) are decided together. ``left`` and ``right`` are the text on each side of
    the run. Returns the run with every lost character given its likeliest option, which
    tells what the text most probably said where a character stays unknown."""
    for index, _ in ambiguous:
        out[index] = "\ufffd"
    likely = list(out)
    for group in _groups(ambiguous):
        indices = [index for index, _ in group]
        # The stretch: CONTEXT characters on each side of the group, within the run or
        # beyond it, the group's characters unknown.
        low, high = indices[0] - CONTEXT, indices[-1] + CONTEXT + 1
        head = left[low:] if low < 0 else ""
        tail = right[: high - len(out)] if high > len(out) else ""
        stretch = head + "".join(out[max(0, low) : high]) + tail
        reading, clear = _decide(stretch, indices[0] - max(0, low) + len(head), tuple(c for _, c in group))
        for index, char in zip(indices, reading, strict=True):
            likely[index] = char
            if clear:
                out[index] = char
    return "".join(likely)


Reading = tuple[str, ...]


@functools.lru_cache(maxsize=4096)
def _decide(stretch: str, at: int, choices: tuple[tuple[str, ...], ...]) -> tuple[Reading, bool]:
    """The likeliest reading of the lost characters at ``stretch[at:]`` (one per entry of
    ``choices``, each with its options), and whether it is clear. Cached: a run is parsed
    again from each of its sequences and through each page."""
    from ..bigrams import UNSEEN, has_pairs, naturalness

    size = len(choices)
    # The text's edges are word boundaries, as a space is.
    before = stretch[at - 1] if at else " "
    after = stretch[at + size] if at + size < len(stretch) else " "
    readings = list(itertools.product(*choices))
    context = _context_model(before, readings, after)
    scored = sorted(((context(chars), chars) for chars in readings), reverse=True)[:_PAIRED]
    if has_pairs("".join(itertools.chain.from_iterable(choices))):
        # The letter pairs of the stretch, for the readings the context leaves in the race.
        # A reading the pair model sees fewer pairs in (a mark it takes for a word's edge:
        # Arabic kasra for "ف") pays for each pair it lacks as for one no language showed.
        pieces = list(stretch)
        found = []
        for value, chars in scored:
            pieces[at : at + size] = chars
            found.append((value, chars, naturalness("".join(pieces))))
        most = max(count for _, _, (_, count) in found)
        paid = [(value - (mean * n + (most - n) * UNSEEN) / 10, chars) for value, chars, (mean, n) in found]
        scored = sorted(paid, reverse=True)
    # (Every entry of ``choices`` has two options at least: so has ``scored``.)
    if scored[0][0] - scored[1][0] < _CLEAR:
        # Unclear by the characters next to it: a wider look, where the model has one.
        # (The stretch ends only where the text does, and its edges are boundaries too.)
        around = f"  {stretch[max(0, at - 2) : at]}"[-2:], f"{stretch[at + size : at + size + 2]}  "[:2]
        wide = _wide_model(around, readings)
        if wide is not None:
            scored = sorted(((wide(chars), chars) for chars in readings), reverse=True)
    return scored[0][1], scored[0][0] - scored[1][0] >= _CLEAR


#: Lost characters side by side decided together, at most (5 options each: 25 readings).
_GROUP = 2
#: Readings, the likeliest by their neighbours, that the letter pair model then weighs.
_PAIRED = 4


def _groups(ambiguous: list[tuple[int, tuple[str, ...]]]) -> list[list[tuple[int, tuple[str, ...]]]]:
    groups: list[list[tuple[int, tuple[str, ...]]]] = []
    for entry in ambiguous:
        if groups and groups[-1][-1][0] + 1 == entry[0] and len(groups[-1]) < _GROUP:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def _wide_model(wide: tuple[str, str], readings: list[Reading]) -> Callable[[Reading], float] | None:
    """For a lost character its neighbours leave unclear: log P(a reading of it) by the
    four-class stretches around it (two
    characters before it and one after, one before and two after; the mean of the two, or
    the one the model has seen with some reading),
    where the model has seen one with some reading and the two characters on each side
    are known; None otherwise. (Characters above U+0800 only: Georgian "აღმ?ჩენა" is
    "აღმოჩენა", though "მაჩ" and "მოჩ" are about as common.)"""
    head, tail = wide
    if len(head) < 2 or len(tail) < 2 or "\ufffd" in head + tail:
        return None
    if any(len(chars) != 1 or chars[0] < "\u0800" for chars in readings):
        return None
    lefts, rights, scale = _quads()
    b2, b1, a1, a2 = (char_class(c.lower()) for c in head + tail)
    keys = {
        chars: (b2 + b1 + char_class(chars[0].lower()) + a1, b1 + char_class(chars[0].lower()) + a1 + a2)
        for chars in readings
    }
    # A side that the model has seen with no reading tells nothing: the other one decides.
    sides = [
        (table, side)
        for side, table in enumerate((lefts, rights))
        if any(key[side] in table for key in keys.values())
    ]
    if not sides:
        return None
    unseen = math.log(0.5) * scale
    weight = len(sides) * scale
    return lambda chars: sum(table.get(keys[chars][side], unseen) for table, side in sides) / weight


@functools.cache
def _quads() -> tuple[dict[str, int], dict[str, int], int]:
    from .._lostchars import LEFT_QUAD_LOGS, LEFT_QUADS, RIGHT_QUAD_LOGS, RIGHT_QUADS, SCALE

    def table(keys: str, logs: str) -> dict[str, int]:
        return {keys[4 * i : 4 * i + 4]: ord(v) - 48 for i, v in enumerate(logs)}

    return table(LEFT_QUADS, LEFT_QUAD_LOGS), table(RIGHT_QUADS, RIGHT_QUAD_LOGS), SCALE


def _context_model(before: str, readings: list[Reading], after: str) -> Callable[[Reading], float]:
    """log P(a reading between ``before`` and ``after``), up to a constant, in the
    all-scripts model: for one character between two known ones, how often the three
    occur together, where the model has seen them with some reading; otherwise a chain
    of pairs (a neighbour missing or itself unknown is left out)."""
    known = before and after and "\ufffd" not in (before, after)
    if known and all(len(chars) == 1 for chars in readings):
        triples, scale = _triples(), _tables()[2]
        outer = char_class(before.lower()), char_class(after.lower())
        keys = {chars: outer[0] + char_class(chars[0].lower()) + outer[1] for chars in readings}
        if any(key in triples for key in keys.values()):
            unseen = math.log(0.5) * scale
            return lambda chars: triples.get(keys[chars], unseen) / scale
    return lambda chars: chain(before, chars, after)


def chain(before: str, chars: tuple[str, ...], after: str) -> float:
    """log P(``chars``, then ``after``, given ``before``), up to a constant, in the
    all-scripts pair model (a bigram chain); a neighbour that is missing or itself
    unknown (U+FFFD) is left out of the chain."""
    singles, pairs, scale = _tables()
    unseen = math.log(0.5) * scale
    chain = [char_class(c.lower()) for c in chars]
    total = -sum(singles.get(c, unseen) for c in chain)
    if before and before != "\ufffd":
        chain.insert(0, char_class(before.lower()))
    else:
        total += singles.get(chain[0], unseen)
    if after and after != "\ufffd":
        chain.append(char_class(after.lower()))
    else:
        total += singles.get(chain[-1], unseen)
    total += sum(pairs.get(a + b, unseen) for a, b in itertools.pairwise(chain))
    return total / scale


@functools.cache
def _triples() -> dict[str, int]:
    from .._lostchars import TRIPLE_LOGS, TRIPLES

    return {TRIPLES[3 * i : 3 * i + 3]: ord(v) - 48 for i, v in enumerate(TRIPLE_LOGS)}


@functools.cache
def _tables() -> tuple[dict[str, int], dict[str, int], int]:
    from .._lostchars import CHAR_LOGS, CHARS, PAIR_LOGS, PAIRS, SCALE

    chars = {c: ord(v) - 48 for c, v in zip(CHARS, CHAR_LOGS, strict=True)}
    pairs = {PAIRS[2 * i : 2 * i + 2]: ord(v) - 48 for i, v in enumerate(PAIR_LOGS)}
    return chars, pairs, SCALE
