"""The one model that decides whether a repair is more plausible than the text it replaces.

See docs/plausibility.md for the reasoning. In short, every string gets a *cost*, roughly
``-ln P(string)`` in tenths of a nat under a simple model of real text:

* each character costs ``-ln`` of its highest frequency in any of ~125 languages
  (generated table, :mod:`mojifix._charcost`); ASCII is free, controls are very dear;
* each adjacent pair that real text rarely has costs extra: letters of two scripts side
  by side, a lower-case letter followed by an upper-case one, a letter glued to a symbol,
  a combining mark after a non-letter;
* ftfy's hand-tuned ``badness`` patterns (typical mojibake sequences) add a fixed amount each.

A repair is accepted when ``cost(before) - cost(after) > prior``, where the prior is the
cost of believing that damage happened at all (more for rare code pages, extra layers,
hole fills and lost bytes). The difference above the prior is the *margin*;
:func:`confidence` maps it to 0..1.
"""

from __future__ import annotations

import functools
import math
import re

from ftfy.badness import badness

from ._chars import (
    _CACHE,
    CONTROL,
    LETTER,
    MARK,
    NUMBER,
    ORTHOGRAPHIC_MODIFIERS,
    PUNCT,
    SPACE,
    SYMBOL,
    CharInfo,
    info,
)
from .bigrams import unwritten

__all__ = ["PRIOR", "confidence", "cost", "margin"]

#: Base cost of assuming a span was damaged.
PRIOR = 100
_SCRIPT_CHANGE = 100
_SCIENCE_GREEK = 50
_LATIN_GREEK = frozenset(("LATIN", "GREEK"))
_LOWER_UPPER = 40
#: Two letters side by side that no language of the letter-pair model writes ("ăł").
_UNWRITTEN = 60
#: ... where one of them is an ASCII letter (small languages' catalogs miss more of those).
_UNWRITTEN_ASCII = 30
_LETTER_SYMBOL = 30
_STRAY_MARK = 60
#: Marks that go on any base character (accents, variation selectors, keycaps).
_ANY_BASE = frozenset(("COMBINING", "VARIATION", "VEDIC", "MUSICAL", "SIGNWRITING", "ZNAMENNY", ""))
_BADNESS = 80
_INSIDE_WORD = 40
_CAPITAL_AT_END = 60
_LONE_CAPITAL = 100
_CAPITAL_INSIDE = 40
_CAPITALS_INSIDE = 60
#: Non-letters that real words do contain: apostrophes, hyphens, the middle dot.
_WORD_INTERNAL = frozenset("’'‐‑·‧ʼ")
_NON_LETTERS = frozenset((PUNCT, SYMBOL, NUMBER))


def _pair(ia: CharInfo, ib: CharInfo, a: str, b: str) -> int:
    ka, kb = ia.kind, ib.kind
    if ka == LETTER and kb == LETTER:
        if ia.script != ib.script:
            # Science writes lower-case Greek letters into Latin words ("IL2Rγc", "TNFα").
            if {ia.script, ib.script} == _LATIN_GREEK and (ia if ia.script == "GREEK" else ib).case < 0:
                return _SCIENCE_GREEK
            return _SCRIPT_CHANGE
        extra = 0
        if a < "\u0800" > b and unwritten(a, b):  # (never two ASCII letters)
            extra = _UNWRITTEN if a > "\x7f" and b > "\x7f" else _UNWRITTEN_ASCII
        if ia.case < 0 and ib.case > 0:
            return _LOWER_UPPER + extra
        return extra
    if kb == MARK:
        # (The same mark twice over is stacking, not writing: "۬۬۬"; a mark of one script
        # belongs after a letter or mark of that script, not after "4" or "a".)
        if ka in (SPACE, CONTROL) or a == "" or a == b:
            return _STRAY_MARK
        if ib.script not in _ANY_BASE and not (ka in (LETTER, MARK) and ia.script == ib.script):
            return _STRAY_MARK
        return 0
    if (ka == LETTER and kb in (SYMBOL, NUMBER) and ord(b) > 0x7F) or (
        ka in (SYMBOL, NUMBER) and kb == LETTER and ord(a) > 0x7F
    ):
        return _LETTER_SYMBOL
    return 0


def _inside_words(window: str, facts: list[CharInfo]) -> int:
    """Non-ASCII punctuation, a symbol or a digit between two letters ("CÃ™IS"), apart
    from the few that words contain (apostrophes, hyphens, middle dot), and a question
    mark there, which stands for a lost byte ("naÄ?ini")."""
    extra = 0
    for i in range(1, len(window) - 1):
        mid = window[i]
        if (
            facts[i].kind in _NON_LETTERS
            and (ord(mid) > 0x7F or mid == "?")
            and mid not in _WORD_INTERNAL
            and facts[i - 1].kind == LETTER
            and facts[i + 1].kind == LETTER
        ):
            extra += _INSIDE_WORD
    return extra


_MODIFIER = re.compile("[{}-{}]".format(*ORTHOGRAPHIC_MODIFIERS))


def _stranded_modifiers(window: str, facts: list[CharInfo]) -> int:
    """A modifier letter of the kind Latin orthographies write before a letter (Uzbek
    "oʻz", Hawaiian "ʻokina"; :mod:`mojifix._chars` counts them as Latin) followed by
    something else than a letter ("gamleʼ fila"): as dear as a script change."""
    if _MODIFIER.search(window) is None:
        return 0
    low, high = ORTHOGRAPHIC_MODIFIERS
    extra = 0
    for i in range(len(window) - 1):
        if low <= window[i] <= high and facts[i + 1].kind != LETTER:
            extra += _SCRIPT_CHANGE
    return extra


def _script_islands(window: str, facts: list[CharInfo]) -> int:
    """A one-letter word in a script other than that of the words around it ("attention Г
    bien")."""
    extra = 0
    for i in range(2, len(facts) - 2):
        fact = facts[i]
        if (
            fact.kind == LETTER
            and facts[i - 1].kind != LETTER
            and facts[i + 1].kind != LETTER
            and facts[i - 2].kind == LETTER
            and facts[i + 2].kind == LETTER
            and facts[i - 2].script == facts[i + 2].script != fact.script
        ):
            extra += _SCRIPT_CHANGE
    return extra


def _capital_shapes(window: str, facts: list[CharInfo]) -> int:
    """Capitals where words do not have them: glued to the end of a lower-case word,
    alone or as a run ("voilÃ", "compilaciУГ"), deep inside one ("secciĂłn"), or standing
    alone between lower-case words ("jusqu'Ã nos")."""
    extra = 0
    last = len(window) - 1
    for i, fact in enumerate(facts):
        if fact.case <= 0 or fact.kind != LETTER or ord(window[i]) < 0x80:
            continue
        before = facts[i - 1] if i else None
        after = facts[i + 1] if i < last else None
        if after is not None and after.kind == LETTER:
            # Two capitals between lower-case letters ("lĂŞer", "tambiĂŠn"): no word and
            # no camelCase identifier is shaped so with non-ASCII capitals.
            if (
                after.case > 0
                and 0 < i < last - 1
                and facts[i - 1].case < 0
                and facts[i + 2].case < 0
                and facts[i - 1].kind == LETTER
                and ord(window[i + 1]) > 0x7F
            ):
                extra += _CAPITALS_INSIDE
            # Deep inside a lower-case Latin word ("secciĂłn"); camelCase identifiers in
            # other scripts are left out of this one.
            if (
                fact.script == "LATIN"
                and after.case < 0
                and i >= 2
                and facts[i - 1].case < 0
                and facts[i - 2].case < 0
            ):
                extra += _CAPITAL_INSIDE
            # Capitals glued to the end of a lower-case word ("compilaciУГ 32").
            if before is not None and before.kind == LETTER and before.case < 0 and after.case > 0:
                k = i + 1
                while k <= last and facts[k].kind == LETTER and facts[k].case > 0:
                    k += 1
                if k <= last and facts[k].kind != LETTER:
                    extra += _CAPITAL_AT_END
            continue
        if before is not None and before.kind == LETTER:
            if before.case < 0:
                extra += _CAPITAL_AT_END
        elif (i < 2 or facts[i - 2].case < 0) and i + 2 <= last and facts[i + 2].case < 0:
            extra += _LONE_CAPITAL
    return extra


#: What each pair of adjacent characters costs (a function of the two characters only),
#: remembered: the same pairs come back all the time. Cleared when it grows too large.
_PAIRS: dict[str, int] = {}
_PAIRS_LIMIT = 500_000


@functools.lru_cache(maxsize=32768)
def cost(text: str, left: str = "", right: str = "") -> int:
    """Cost of ``text`` standing between the context strings ``left`` and ``right``."""
    window = left + text + right
    known = _CACHE.get
    facts = [known(char) or info(char) for char in window]
    total = sum(f.cost for f in facts[len(left) : len(left) + len(text)])
    pairs = _PAIRS
    if len(pairs) > _PAIRS_LIMIT:
        pairs.clear()
    for i in range(len(window) - 1):
        key = window[i : i + 2]
        value = pairs.get(key)
        if value is None:
            value = pairs[key] = _pair(facts[i], facts[i + 1], window[i], window[i + 1])
        total += value
    total += _inside_words(window, facts)
    total += _stranded_modifiers(window, facts)
    total += _capital_shapes(window, facts)
    total += _script_islands(window, facts)
    if window.isascii():
        return total
    return total + _BADNESS * badness(window)


def margin(before: str, after: str, left: str, right: str, prior: int = PRIOR) -> int:
    """How much more plausible ``after`` is than ``before``, beyond ``prior``. > 0 means repair."""
    return cost(before, left, right) - cost(after, left, right) - prior


def confidence(value: int) -> float:
    """Map a margin to a confidence in 0..1 (0.5 at the decision boundary)."""
    return round(1.0 / (1.0 + math.exp(-value / 40.0)), 3)
