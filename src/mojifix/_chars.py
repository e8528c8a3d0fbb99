"""Per-character facts the plausibility model needs: cost, script, case, broad kind.

Computed lazily from :mod:`unicodedata` and the generated frequency table, then cached:
text is made of few distinct characters, so each is looked at once.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from ._charcost import COST

__all__ = ["CharInfo", "info"]

# Kinds (first letter of the Unicode general category, with controls split off).
LETTER, MARK, NUMBER, PUNCT, SYMBOL, SPACE, CONTROL, FORMAT = "LMNPSZCF"

#: Cost (tenths of a nat) of a character the frequency table never saw, by kind.
_UNSEEN = {LETTER: 110, MARK: 110, NUMBER: 100, PUNCT: 110, SYMBOL: 120, SPACE: 90, FORMAT: 120}
_CONTROL_COST = 200  # C0/C1 controls, unassigned, private use, surrogates: never natural
_REPLACEMENT_COST = 120
_CAPITAL_SURCHARGE = 10

# Scripts that are written together without it being a sign of damage.
_SCRIPT_ALIASES = {
    "HIRAGANA": "CJK",
    "KATAKANA": "CJK",
    "HALFWIDTH": "CJK",
    "FULLWIDTH": "CJK",
    "IDEOGRAPHIC": "CJK",
    "BOPOMOFO": "CJK",
    "HANGUL": "HANGUL",
}


class CharInfo(NamedTuple):
    cost: int
    kind: str
    #: Script name for letters and marks (``"LATIN"``, ``"CYRILLIC"``, ``"CJK"``...), else "".
    script: str
    #: 1 upper case, -1 lower case, 0 neither.
    case: int


_CACHE: dict[str, CharInfo] = {}


#: The modifier letters that Latin orthographies write inside words (Uzbek "oʻ", Hawaiian
#: ʻokina, the glottal stop "ʼ", "ʰ"): letters of Latin script there, not of a script of
#: their own. (None of them is in a single-byte code page: no mojibake is made of them.)
ORTHOGRAPHIC_MODIFIERS = ("\u02b0", "\u02c1")


def _script(char: str, name: str) -> str:
    if ord(char) < 0x250 or ORTHOGRAPHIC_MODIFIERS[0] <= char <= ORTHOGRAPHIC_MODIFIERS[1]:
        return "LATIN"
    word = name.split(" ", 1)[0].split("-", 1)[0]  # "KATAKANA-HIRAGANA PROLONGED SOUND MARK"
    if word == "CJK":
        return "CJK"
    return _SCRIPT_ALIASES.get(word, word)


def _compute(char: str) -> CharInfo:
    code = ord(char)
    if code < 0x80:
        kind = LETTER if char.isalpha() else NUMBER if char.isdigit() else SPACE if char.isspace() else PUNCT
        case = 1 if char.isupper() else -1 if char.islower() else 0
        return CharInfo(0, kind, "LATIN" if kind == LETTER else "", case)
    category = unicodedata.category(char)
    if char == "\ufffd":
        return CharInfo(_REPLACEMENT_COST, SYMBOL, "", 0)
    if category in ("Cc", "Cn", "Co", "Cs"):
        return CharInfo(_CONTROL_COST, CONTROL, "", 0)
    kind = FORMAT if category == "Cf" else category[0]
    # Capitals are judged by their lower-case letter: how often a text is in capitals
    # says nothing about damage. A small surcharge keeps ties on the lower-case side.
    lower = char.lower() if category == "Lu" else char
    if len(lower) != 1:
        lower = char
    cost = COST.get(lower, COST.get(char, _UNSEEN[kind]))
    if lower != char:
        cost += _CAPITAL_SURCHARGE
    script = ""
    if kind in (LETTER, MARK):
        script = _script(char, unicodedata.name(char, ""))
    case = 1 if category == "Lu" or category == "Lt" else -1 if category == "Ll" else 0
    return CharInfo(cost, kind, script, case)


def info(char: str) -> CharInfo:
    """Facts about one character (cached)."""
    found = _CACHE.get(char)
    if found is None:
        found = _CACHE[char] = _compute(char)
    return found
