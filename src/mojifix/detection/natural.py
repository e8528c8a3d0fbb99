"""What natural text looks like, cheaply: common letters of one script cased as words are.
Natural spans are never repaired on their own evidence (see docs/plausibility.md)."""

from __future__ import annotations

import itertools
import re

from .._chars import LETTER, MARK, SYMBOL, CharInfo, info
from ..bigrams import unwritten
from .lost import JOINERS
from .sequences import _LOST_SET, space_completes

_NATURAL_COST = 90


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
    # The word the span sits in must be of that script too ("รฉรฉn" is not Thai), the span
    # no pair of letters that no language writes ("CĂłdigo"), nor two capitals that begin a
    # word of small letters ("ÄŤita").
    return (
        _word_script_is(text, start, end, script)
        and not _unwritten_inside(text, start, end)
        and not _two_capitals_start(text, start, end)
    )


def _unwritten_inside(text: str, start: int, end: int) -> bool:
    """Whether two adjacent letters of ``text[start:end]`` are a pair no language writes
    (:func:`mojifix.bigrams.unwritten`: "ăł" in "FallĂł")."""
    return any(unwritten(text[k], text[k + 1]) for k in range(start, min(end, len(text)) - 1))


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


_WHITESPACE = re.compile(r"\s")
_LONGEST_WORD = 64


def _quiet(text: str, start: int, pair: str) -> bool:
    """A natural pair in a context that continues it: nothing to look at here.

    The answer depends only on the four characters around the pair when its neighbours
    are letters or spaces (:func:`_plain_neighbour`): its caller caches it on them."""
    # ("เธ?": a natural pair followed by a lost byte is suspect, so is one followed by a C1
    # control, which no text has ("เผ\x8b" is Tibetan "་" read as Windows-874), one
    # followed by a space that may be a flattened no-break space completing its sequence
    # ("âš "), and one of letters no language writes side by side ("CĂłdigo").)
    following = text[start + 2 : start + 3]
    if (
        following in _LOST_SET
        or "\x80" <= following <= "\x9f"
        or (following == " " and space_completes(pair[0], pair[1], " "))
    ):
        return False
    if _written_with(text, start, pair):
        return True
    if not _natural_pair(pair) or (info(pair[0]).kind == MARK and not _after_base(text, start)):
        return False
    return not unwritten(pair[0], pair[1]) and _fits_context(text, start)


#: Punctuation of the Arabic script: comma, semicolon, question mark.
_ARABIC_PUNCTUATION = frozenset("\u060c\u061b\u061f")


def _written_with(text: str, start: int, pair: str) -> bool:
    """A letter and what its script writes after it: a zero-width (non-)joiner between two
    letters of one script without case (Persian "به\u200cطور", Indic conjuncts), an
    Arabic comma, semicolon or question mark after an Arabic letter that ends its word
    ("هنا، "), neither after a letter of another script. Such text is everyday Persian
    and Arabic; after a Latin letter it is damage ("Bogotأ،" is "Bogotá" read as
    Windows-1256)."""
    first = info(pair[0])
    if first.kind != LETTER or first.script in _CASED_SCRIPTS:
        return False
    before = info(text[start - 1]) if start else None
    if before is not None and before.kind == LETTER and before.script != first.script:
        return False  # inside a word of another script: "á" read as Windows-1256 is "أ،"
    following = info(text[start + 2]) if start + 2 < len(text) else None
    if pair[1] in JOINERS:
        return following is not None and following.kind == LETTER and following.script == first.script
    if pair[1] in _ARABIC_PUNCTUATION:
        return first.script == "ARABIC" and (following is None or following.kind != LETTER)
    return False


def _plain_neighbour(char: str) -> bool:
    return char.isalpha() or char.isspace()


def _word_start(text: str, i: int) -> int:
    """Start of the word around ``i`` (looking back at most :data:`_LONGEST_WORD`)."""
    low = max(0, i - _LONGEST_WORD)
    found = max(text.rfind(" ", low, i), text.rfind("\n", low, i), text.rfind("\t", low, i))
    return low if found < 0 else found + 1


def _word_end(text: str, i: int, most: int | None = None) -> int:
    """End of the word around ``i`` (looking on at most ``most`` characters if given)."""
    stop = len(text) if most is None else min(len(text), i + most)
    found = _WHITESPACE.search(text, i, stop)
    return stop if found is None else found.start()


def _structural_break(text: str, start: int, end: int) -> bool:
    """Evidence beyond the pair itself: a script break at the span's edges, a lost byte's
    placeholder followed by a letter ("Ã?rabes"), capitals inside a lower-case word
    ("parĂĄmetro", "utjeÄŤe"), or box drawing glued to a letter ("┬┐que": tables and
    frames never touch words)."""
    if _script_break(text, start, end):
        return True
    if text[end - 1] in _LOST_SET and end < len(text) and text[end].isalpha():
        return True  # a placeholder for a lost byte inside a word ("Ã?rabes")
    if _odd_in_word(text, start, end) or _odd_word_start(text, start, end):
        return True
    if _two_capitals_start(text, start, end):
        return True
    if _lone_script_word(text, start, end):
        return True
    for k, other in ((start, start - 1), (end - 1, end)):
        if 0 <= other < len(text) and "\u2500" <= text[k] <= "\u259f" and text[other].isalpha():
            return True
    if start and end < len(text) and info(text[start - 1]).case < 0 and info(text[end]).case < 0:
        cases = [info(c).case for c in text[start:end]]
        if any(a > 0 and b > 0 for a, b in itertools.pairwise(cases)):
            return True  # two capitals in a row
        # A capital deep inside a lower-case word ("secciĂłn", or "RepĂşblica" after the
        # word's own capital); word-initial prefixes such as Irish "nÉireann" have fewer
        # than three letters before it, and start with a small one.
        return cases[0] > 0 and start >= 3 and _deep_inside(text, start)
    return False


def _deep_inside(text: str, start: int) -> bool:
    """Whether the three letters before ``text[start]`` are small ones, or a capital that
    begins the word and two small ones ("Rep" in "RepĂşblica")."""
    if not all(info(c).case < 0 for c in text[start - 2 : start]):
        return False
    first = info(text[start - 3]).case
    return first < 0 or (first > 0 and (start == 3 or not text[start - 4].isalpha()))


def _lone_script_word(text: str, start: int, end: int) -> bool:
    """The span is a word of its own (punctuation glued to it aside) whose letters are of
    a script that no other letter near it is in, among Latin words ("l'ultima transazione
    ГЁ stata completata": Italian "è" read as Windows-1251, a Cyrillic word of two
    letters alone in Italian is no word; "В«%s»": "«" read so)."""
    return _own_word(text, start, end) and _alone_in_script(text, start, end)


def _own_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word of its own: no letter or digit glued to it."""
    return not ((start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()))


def _lone_script_glued(text: str, start: int, end: int) -> bool:
    """The span is glued to a Latin word, its letters of a script that no other letter
    near it is in, among Latin words (Breton "Pajennoรน": "Pajennoù" read as
    Windows-874; Thai text glues Latin words to Thai ones, but has other Thai letters)."""
    edges = [text[k] for k in (start - 1, end) if 0 <= k < len(text) and text[k].isalnum()]
    if not edges or not all(info(c).script == "LATIN" for c in edges):
        return False
    return _alone_in_script(text, start, end)


def _alone_in_script(text: str, start: int, end: int) -> bool:
    """The letters of ``text[start:end]`` are of one script, not Latin, that no other
    letter within :data:`_LONE_WINDOW` is in (but for lone letters of the span's shape),
    with :data:`_LONE_LATIN` Latin letters or more around."""
    return _script_around(text, start, end) == "LATIN"


def _lone_among(text: str, start: int, end: int) -> str | None:
    """The script of the words around a span that is a word of its own (punctuation glued
    to it aside) in a script that no other letter near it is in, if those words are in
    one script other than Latin (Greek "ή" read as Windows-1251 is "О®" among Greek
    words): :func:`_lone_script_word`, among words of any script."""
    if not _own_word(text, start, end):
        return None
    found = _script_around(text, start, end)
    return None if found == "LATIN" else found


def _script_around(text: str, start: int, end: int) -> str | None:
    """The script of the letters within :data:`_LONE_WINDOW` of ``text[start:end]``, if
    the span's letters are of one script, not Latin, that none of them is in (but for
    lone letters of the span's shape), and :data:`_LONE_LATIN` of them or more, nine in
    ten at least, are of one script."""
    word = text[start:end]
    if any(c.isdigit() or c.isspace() for c in word):
        return None
    scripts = {info(c).script for c in word if c.isalpha()}
    if len(scripts) != 1 or "LATIN" in scripts:
        return None
    script = scripts.pop()
    counts: dict[str, int] = {}
    # (Outwards from the span: in text of that script, the next word ends the look.)
    right = range(end, min(len(text), end + _LONE_WINDOW))
    left = range(start - 1, max(-1, start - 1 - _LONE_WINDOW), -1)
    for k in itertools.chain(right, left):
        char = text[k]
        if char.isalpha():
            found = info(char).script
            if found == script and not _lone_letter(text, k):
                return None
            counts[found] = counts.get(found, 0) + 1
    if counts.get("LATIN", 0) >= _LONE_LATIN:
        return "LATIN"
    best = max(counts, key=counts.__getitem__, default=None)
    if best is None or counts[best] < _LONE_LATIN or counts[best] * 10 < 9 * sum(counts.values()):
        return None
    return best


def _lone_letter(text: str, k: int) -> bool:
    """A letter with no letter of its script before it and a non-ASCII mark after it ("В"
    in "%sВ«"): the shape of a span like the one looked at, not a word of its script."""
    after = text[k + 1 : k + 2]
    before = info(text[k - 1]) if k else None
    own = before is not None and before.kind == LETTER and before.script == info(text[k]).script
    return not own and after > "\x7f" and not after.isalnum()


#: How far on each side :func:`_lone_script_word` looks, and the Latin letters it needs
#: (the double-byte fixer's lone characters too).
_LONE_WINDOW = 200
_LONE_LATIN = 12
#: What a word alone among Latin words, read back into letters of their language, takes
#: off the prior: as much as a script change costs.
_LONE_WORD = 100


#: A letter this rare (cost as in :mod:`mojifix._chars`) is no letter of words ("ƒ").
_RARE_LETTER = 100


def _odd_word_start(text: str, start: int, end: int) -> bool:
    """A symbol, or a letter words never hold, that begins the span and a word whose next
    letter after the span is a small one (Mac Roman "ƒçita", "≈ùelon", "√§nnern": "čita",
    "ŝelon", "ännern"; not the florin in "ƒ 10", nor "ƒ(x)")."""
    if (start and text[start - 1].isalnum()) or end >= len(text) or info(text[end]).case >= 0:
        return False
    found = info(text[start])
    return found.kind == SYMBOL or (found.kind == LETTER and found.cost >= _RARE_LETTER)


def _two_capitals_start(text: str, start: int, end: int) -> bool:
    """The span begins a word with two Latin capitals, one of them not ASCII, and the word
    goes on in small letters other than a plural's "s" (Windows-1250 "ÄŤita" is "čita"; not
    "CDs", Dutch "IJssel" or "ÉTAT")."""
    if end < start + 2 or (start and text[start - 1].isalnum()):
        return False
    pair = text[start : start + 2]
    if pair.isascii() or not all(info(c).case > 0 and info(c).script == "LATIN" for c in pair):
        return False
    stop = start + 2
    while stop < len(text) and info(text[stop]).case < 0:
        stop += 1
    rest = text[start + 2 : stop]
    return bool(rest) and rest not in ("s", "es") and (stop == len(text) or not text[stop].isalnum())


def _odd_in_word(text: str, start: int, end: int) -> bool:
    """A symbol, or a letter words never hold, standing in the span as a letter would,
    between two small letters ("naƒçini", "retƒõzc": Slovenian "načini", Czech "řetězc"
    read as Mac Roman; not a kaomoji's "Ō¬o", nor "Å™" at a word's end)."""
    for k in range(max(start, 1), min(end, len(text) - 1)):
        found = info(text[k])
        odd = found.kind == SYMBOL or (found.kind == LETTER and found.cost >= _RARE_LETTER)
        if odd and info(text[k - 1]).case < 0 and info(text[k + 1]).case < 0:
            return True
    return False


def _script_break(text: str, start: int, end: int) -> bool:
    """A letter of the span sits next to a letter of another script ("anvรคnder"), or the
    span begins with a mark of a script other than Latin on a Latin letter (Latvian
    "arhīvs" read as Windows-1255 is "arhִ«vs", a Hebrew point on "h")."""
    mark = info(text[start])
    foreign_mark = mark.kind == MARK and mark.script not in _MARK_FREE_SCRIPTS
    if start and foreign_mark and info(text[start - 1]).script == "LATIN":
        return True
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


#: Characters that end a word's context, besides whitespace: the ASCII punctuation that
#: sets a value or a placeholder apart ("--file=ФАЙЛ", "dir=<ไดเรกทอรี>", "[ИМЕ]"), where a
#: word of one script follows one of another all the time. (Apostrophes, hyphens and
#: the like join the parts of one word: "l'Ã©tÃ©" stays suspect.)
_SEPARATORS = frozenset("=<>[](){}|/:;,")


def _fits_context(text: str, start: int) -> bool:
    """The letters on either side of a natural pair continue it: same script, no capital
    after a lower-case letter ("NomÃŠs", "informaciรณn", "ржЕ" are suspect), and no
    box drawing glued after it ("рж╕")."""
    first = info(text[start])
    if start:
        prev = text[start - 1]
        facts = info(prev)
        if facts.kind == LETTER:
            if facts.script != first.script or facts.case < 0 < first.case:
                return False
        elif not prev.isspace() and prev not in _SEPARATORS:
            letter = _nearest_letter(text, start - 2, -1)
            if letter and info(letter).script != first.script:
                return False
    if start + 2 < len(text):
        following = text[start + 2]
        facts = info(following)
        if facts.kind == LETTER:
            # Two capitals then a lower-case letter ("ĂŠĂŠn") is no word's shape either,
            # nor a capital after the pair's lower-case letter ("ржЕржм": Bengali read as cp866).
            second = info(text[start + 1]).case
            if (first.case > 0 and second > 0 and facts.case < 0) or second < 0 < facts.case:
                return False
            return facts.script == first.script
        if "\u2500" <= following <= "\u259f":
            return False  # box drawing glued to the pair ("рж╕рзЗ": Bengali read as cp866)
        if not following.isspace() and following not in _SEPARATORS:
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
    """Two common letters of one script, not lower case followed by upper case, or a
    common mark of a caseless script followed by a letter of it (Thai "้น": tone marks are
    UTF-8 leads in Windows-874). Cached."""
    known = _NATURAL_PAIRS.get(pair)
    if known is None:
        a, b = info(pair[0]), info(pair[1])
        known = (
            (_natural_letter(a) or _natural_mark(a))
            and _natural_letter(b)
            and a.script == b.script
            and not (a.case < 0 < b.case)
        )
        _NATURAL_PAIRS[pair] = known
    return known


def _natural_mark(fact: CharInfo) -> bool:
    return fact.kind == MARK and fact.cost < _NATURAL_COST and fact.script not in _MARK_FREE_SCRIPTS


#: Marks of these are accents on any letter, not part of a caseless script's writing.
_MARK_FREE_SCRIPTS = _CASED_SCRIPTS | {"COMBINING", ""}


def _after_base(text: str, start: int) -> bool:
    """A mark at ``text[start]`` sits on a letter or mark of its own script."""
    if not start:
        return False
    base, mark = info(text[start - 1]), info(text[start])
    return base.kind in (LETTER, MARK) and base.script == mark.script
