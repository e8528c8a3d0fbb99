"""How natural a text's letter pairs are in the language they fit best.

Legacy text read with the wrong legacy page (``ВПМШЫЕ ОЕФ`` for ``больше нет``, KOI8-R
read as Windows-1251; ``praneðimø`` for ``pranešimų``, Windows-1257 read as Windows-1252)
is made of real letters, often of one alphabet: only their *order* gives it away. The
model (generated table :mod:`mojifix._bigrams`, ``scripts/gen_bigrams.py``) knows how
often each pair of adjacent letters occurs in ~80 languages; :func:`naturalness` is the
mean cost of a text's pairs in the language that explains them best, so that a text mixing
the pairs of two languages (Icelandic ``ð`` and Danish ``ø``) is not natural either.

Only pairs with a non-ASCII letter below U+0800 count (see the generator); the table is
read on first use.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

__all__ = [
    "ASCII_PAIRS",
    "UNSEEN",
    "AsciiLanguages",
    "ascii_alphabets",
    "ascii_languages",
    "ascii_pairs",
    "best_joint",
    "has_pairs",
    "judgeable",
    "natural",
    "naturalness",
    "pair_cost",
    "pairs",
    "strange",
    "unwritten",
]

#: Cost (tenths of a nat) of a pair the language was never seen to use.
UNSEEN = 120
#: Cost of a pair no language of the model uses: rarer than one a given language lacks.
NOWHERE = 160
#: Pairs looked at, at most: enough to tell, and long texts stay cheap.
_MOST = 400


def _tables() -> tuple[dict[str, int], ...]:
    """Each language's pair -> cost map."""
    from ._bigrams import TABLES

    return TABLES


@functools.cache
def _alphabets() -> tuple[frozenset[str], ...]:
    """The modelled letters each language uses, leaving out the Latin letters of names and
    loanwords (French catalogs have the "ñ" of "España"): a Latin letter counts if it is
    in at least 1 % of the language's pairs, a letter of another script if it was seen at
    all (computed by the generator)."""
    from ._bigrams import ALPHABETS

    return tuple(frozenset(a) for a in ALPHABETS)


def judgeable(letters: set[str]) -> bool:
    """Whether some language of the model uses all of ``letters`` (lower case): only then
    can the model tell that a text of them is in no language's order. A text in a
    language the catalogs hold too little of (Breton ``ñ`` and ``ù``) is not judged."""
    return any(letters <= alphabet for alphabet in _alphabets())


@functools.cache
def _postings() -> dict[str, tuple[tuple[int, int], ...]]:
    """For each pair, the (language, cost) of every language that uses it."""
    found: dict[str, list[tuple[int, int]]] = {}
    for index, table in enumerate(_tables()):
        for pair, value in table.items():
            found.setdefault(pair, []).append((index, value))
    return {pair: tuple(v) for pair, v in found.items()}


#: The letters the model describes: non-ASCII letters below U+0800, leaving out the
#: caseless ones of the cased scripts (the ordinal indicators in "2º", "1ª" are symbols).
_MODELLED = frozenset(
    c for c in map(chr, range(0x80, 0x800)) if c.isalpha() and (c >= "\u0370" or c.lower() != c.upper())
)
#: Letters that continue a word; anything else ends it.
_LETTERS = _MODELLED | frozenset("abcdefghijklmnopqrstuvwxyz")


def pairs(text: str, most: int = _MOST) -> list[str]:
    """The pairs of ``text`` the model describes, in order (about ``most``): in the
    lower-cased text, with every character that is not an ASCII letter or a modelled
    letter taken as a space (unless it is a non-ASCII character below U+0800 between two
    letters), each two adjacent characters of which one is modelled or such a character."""
    out: list[str] = []
    for token in _tokens(text):
        out.extend(_token_pairs(token))
        if len(out) >= most:
            break
    return out


@functools.lru_cache(maxsize=65536)
def _token_pairs(token: str) -> tuple[str, ...]:
    """The pairs of one lower-cased token (:func:`pairs`; words come back all the time)."""
    out: list[str] = []
    modelled, letters = _MODELLED, _LETTERS
    previous = " "
    counted = False  # whether the previous character makes its pairs count
    last = len(token) - 1
    for i, char in enumerate(token):
        counts = char in modelled
        if char not in letters:
            # A non-letter below U+0800 between two letters stands as itself ("l·l" in
            # Catalan; "u¿y", Polish "ż" read as Windows-1252): words hold few such.
            counts = (
                "\x80" <= char < "\u0800"
                and 0 < i < last
                and token[i - 1] in letters
                and token[i + 1] in letters
            )
            if not counts:
                char = " "
        if counted or counts:
            out.append(previous + char)
        previous, counted = char, counts
    if counted:
        out.append(previous + " ")
    return tuple(out)


_NON_ASCII = re.compile("[^\x00-\x7f]")
_ANY_MODELLED = re.compile("[" + "".join(re.escape(c) for c in sorted(_MODELLED)) + "]")


#: The ASCII letter model's alphabet: 26 letters and a space for a word's edge.
_ASCII_ALPHABET = "abcdefghijklmnopqrstuvwxyz "
_ASCII_INDEX = {c: i for i, c in enumerate(_ASCII_ALPHABET)}
_EDGE = len(_ASCII_ALPHABET) - 1
#: How many ASCII pairs there are (the length of each generated ASCII table).
ASCII_PAIRS = len(_ASCII_ALPHABET) ** 2
_ASCII_RUN = re.compile("[A-Za-z]+")
#: ASCII pairs :func:`ascii_languages` looks at, at most: plenty to name a language.
_ASCII_MOST = 200
#: Bits per language in the packed vectors of :func:`_ascii_vectors`: a cost of at most
#: 200 times at most _MOST pairs fits.
_FIELD = 24


def ascii_pairs(text: str, most: int = _MOST) -> list[int]:
    """The pairs of ASCII letters of ``text`` (about ``most``), as indices into an ASCII
    table: each two adjacent letters of a run of ASCII letters, lower-cased, and a space
    with its first and last letter, unless a non-ASCII character stands there ("mogo" in
    "mogoèe" does not end a word)."""
    out: list[int] = []
    for run in _ASCII_RUN_IN_CONTEXT.finditer(text):
        before, word, after = run.groups()
        out.extend(_word_pairs(word, not before, not after))
        if len(out) >= most:
            break
    return out


#: A run of ASCII letters, with the non-ASCII character before and after it, if any.
_ASCII_RUN_IN_CONTEXT = re.compile("([^\x00-\x7f]?)([A-Za-z]+)(?=([^\x00-\x7f]?))")


@functools.lru_cache(maxsize=16384)
def _word_pairs(word: str, starts: bool, ends: bool) -> tuple[int, ...]:
    """The pairs of an ASCII word, with its edges where it ``starts`` and ``ends`` a word."""
    size = len(_ASCII_ALPHABET)
    lower = word.lower()
    inner = _inner_pairs(lower)
    head = (_EDGE * size + _ASCII_INDEX[lower[0]],) if starts else ()
    tail = (_ASCII_INDEX[lower[-1]] * size + _EDGE,) if ends else ()
    return head + inner + tail


@functools.lru_cache(maxsize=8192)
def _inner_pairs(word: str) -> tuple[int, ...]:
    """The pairs inside a lower-case ASCII word (words come back all the time)."""
    size = len(_ASCII_ALPHABET)
    index = [_ASCII_INDEX[c] for c in word]
    return tuple(a * size + b for a, b in itertools.pairwise(index))


class AsciiLanguages(NamedTuple):
    """What a text's ASCII letter pairs say of its language (:func:`ascii_languages`)."""

    #: Per language written mostly in ASCII letters, the cost of the pairs.
    costs: list[int]
    #: How many pairs there are.
    found: int
    #: Per language, its non-ASCII letters (in at least 1 % of its pairs) ...
    alphabets: tuple[frozenset[str], ...]
    #: ... and those it may use (names, loanwords, rare letters: in at least 0.1 %).
    seen: tuple[frozenset[str], ...]


@functools.cache
def _ascii_vectors() -> tuple[tuple[int, ...], tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
    """For each ASCII pair, the costs of all ASCII languages packed into one integer
    (:data:`_FIELD` bits each), so that a text's totals in every language are a few
    integer additions; and each language's non-ASCII letters, strictly and inclusively."""
    from ._bigrams import ASCII_ALPHABETS, ASCII_SEEN, ASCII_TABLES

    vectors = tuple(
        sum((ord(table[i]) - 48) << (_FIELD * lang) for lang, table in enumerate(ASCII_TABLES))
        for i in range(ASCII_PAIRS)
    )
    return vectors, tuple(frozenset(a) for a in ASCII_ALPHABETS), tuple(frozenset(a) for a in ASCII_SEEN)


def ascii_alphabets() -> tuple[frozenset[str], ...]:
    """The non-ASCII letters of each language of :func:`ascii_languages`, in its order."""
    return _ascii_vectors()[1]


@functools.cache
def ascii_common() -> tuple[frozenset[str], ...]:
    """The letters of :func:`ascii_alphabets` that each language writes commonly (at least
    one letter in a thousand: Portuguese "á", not Dutch "á", an emphasis)."""
    from ._bigrams import ASCII_COMMON

    return tuple(frozenset(a) for a in ASCII_COMMON)


def ascii_languages(text: str) -> AsciiLanguages:
    """What ``text``'s ASCII letter pairs cost in each language written mostly in ASCII
    letters (a legacy mixup leaves them as they were), and those languages' letters."""
    found = ascii_pairs(text, _ASCII_MOST)
    vectors, alphabets, seen = _ascii_vectors()
    counts: dict[int, int] = {}
    for i in found:
        counts[i] = counts.get(i, 0) + 1
    total = sum(vectors[i] * n for i, n in counts.items())
    mask = (1 << _FIELD) - 1
    costs = [(total >> (_FIELD * lang)) & mask for lang in range(len(alphabets))]
    return AsciiLanguages(costs, len(found), alphabets, seen)


def best_joint(costs: list[int], found: list[str], among: Iterable[int] | None = None) -> int:
    """The least total, over the languages of :func:`ascii_languages` (those ``among``),
    of a text's ASCII pair cost there (``costs``) and of its other letter pairs ``found``:
    :data:`UNSEEN` each where the language has no pair table (too few non-ASCII letters to
    make one, English) or lacks the pair. Languages are tried from the cheapest ASCII
    cost up, until that alone costs more than the best total."""
    columns = _ascii_pair_tables()
    unseen = UNSEEN * len(found)
    best: int | None = None
    for lang in sorted(range(len(costs)) if among is None else among, key=costs.__getitem__):
        if best is not None and costs[lang] >= best:
            break
        table = columns[lang]
        total = costs[lang] + (sum(table.get(pair, UNSEEN) for pair in found) if table else unseen)
        if best is None or total < best:
            best = total
    return UNSEEN * (len(found) + 1) + max(costs) if best is None else best


@functools.cache
def _ascii_pair_tables() -> tuple[dict[str, int], ...]:
    from ._bigrams import ASCII_LANGUAGES, LANGUAGES

    tables = _tables()
    where = {name: i for i, name in enumerate(LANGUAGES)}
    return tuple(tables[where[name]] if name in where else {} for name in ASCII_LANGUAGES)


def has_pairs(text: str) -> bool:
    """Whether ``text`` has a letter the model describes (in C)."""
    return _ANY_MODELLED.search(text) is not None


_SPACE = re.compile(r"\s")


def _tokens(text: str) -> Iterator[str]:
    """The lower-cased whitespace-separated tokens of ``text`` that are not all ASCII,
    found without splitting the whole text (clean English has few)."""
    pos = 0
    while True:
        hit = _NON_ASCII.search(text, pos)
        if hit is None:
            return
        i = hit.start()
        if text[i].isspace():
            pos = i + 1
            continue
        start = i
        while start > pos and not text[start - 1].isspace():
            start -= 1
        space = _SPACE.search(text, i)
        end = space.start() if space else len(text)
        yield text[start:end].lower()
        pos = end


def natural(text: str, limit: float, fewest: int = 1) -> bool:
    """Whether ``text``'s pairs cost at most ``limit`` on average in some language (True
    without pairs); with fewer than ``fewest`` pairs, whether every pair is used by some
    language (a word or two may be a name or a unit, "10 кБ"; "indΘfinis" has a pair no
    language writes). Cheap either way: text whose pairs cost too much even each in the
    language it is commonest in is not natural; otherwise the three languages in which
    most of its pairs are commonest are tried, and nearly always suffice."""
    found = pairs(text, _GATE_PAIRS)
    if not found:
        return True
    if len(found) < fewest:
        return not strange(found)
    best = _best()
    votes: dict[int, int] = {}
    floor = 0
    for pair in found:
        lang, value = best.get(pair, _NOWHERE)
        floor += value
        if lang >= 0:
            votes[lang] = votes.get(lang, 0) + 1
    bound = limit * len(found)
    if floor > bound:
        return False  # not even each pair in the language it is commonest in
    tables = _tables()
    for lang in sorted(votes, key=votes.__getitem__, reverse=True)[:_TRIED]:
        table = tables[lang]
        if sum(table.get(pair, UNSEEN) for pair in found) <= bound:
            return True
    return _mean_cost(found) <= limit


_NOWHERE = (-1, UNSEEN)
#: Languages the cheap test tries, those in which most of the pairs are commonest.
_TRIED = 3


def _best() -> dict[str, tuple[int, int]]:
    """For each pair, the language in which it is commonest, and its cost there."""
    from ._bigrams import BEST

    return BEST


def unwritten(a: str, b: str) -> bool:
    """Whether the letters ``a`` and ``b`` side by side, one of them non-ASCII, are a pair
    no language of the catalogs writes ("ăł": Romanian has the one, Polish the other,
    none both), each of them a letter some language writes (a letter never seen is not
    judged). The catalogs of small languages miss more of the pairs with an ASCII letter
    (Yoruba "òk") than of the others: callers should weigh those less."""
    pair = (a + b).lower()
    if len(pair) != 2 or pair.isascii() or not pair.isalpha():
        return False
    written, letters = _written()
    return pair not in written and pair[0] in letters and pair[1] in letters


@functools.cache
def _written() -> tuple[frozenset[str], frozenset[str]]:
    """Every pair some language writes (languages with too little text for a table of
    their own included), and the letters of those pairs."""
    from ._bigrams import WRITTEN

    found = frozenset(WRITTEN[i : i + 2] for i in range(0, len(WRITTEN), 2))
    return found, frozenset(WRITTEN) - frozenset(" ")


def strange(found: list[str]) -> int:
    """How many of the pairs ``found`` no language of the model uses."""
    best = _best()
    return sum(1 for pair in found if pair not in best)


#: Pairs the cheap test looks at.
_GATE_PAIRS = 32


def naturalness(text: str, most: int = _MOST) -> tuple[float, int]:
    """Mean cost per pair (tenths of a nat) of ``text``'s letter pairs in the language
    that explains them best, and the number of pairs. ``(UNSEEN, 0)`` without pairs.

    Real text scores about 40-60; letters put in the wrong order by a wrong code page
    score near :data:`UNSEEN`, more where they make pairs no language has (:data:`NOWHERE`).

    >>> naturalness("больше нет")[0] < naturalness("ВПМШЫЕ ОЕФ")[0]
    True
    """
    found = pairs(text, most)
    if not found:
        return float(UNSEEN), 0
    return _mean_cost(found), len(found)


def pair_cost(text: str) -> int | None:
    """The total cost of ``text``'s letter pairs (:func:`pairs`) in the language that
    explains them best; None where it has none (text in scripts the model does not
    describe: Bengali, Thai, CJK)."""
    mean, count = naturalness(text)
    return round(mean * count) if count else None


def _mean_cost(found: list[str]) -> float:
    """Mean cost of the pairs ``found`` in the language that explains them best."""
    postings = _postings()
    saving: dict[int, int] = {}
    nowhere = 0
    for pair in found:
        langs = postings.get(pair)
        if langs is None:
            nowhere += 1
            continue
        for lang, value in langs:
            saving[lang] = saving.get(lang, 0) + UNSEEN - value
    best = max(saving.values(), default=0)
    return UNSEEN + (nowhere * (NOWHERE - UNSEEN) - best) / len(found)
