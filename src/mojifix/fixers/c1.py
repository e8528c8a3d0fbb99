"""Stray C1 control characters that stand for bytes of another code page.

Text decoded as Latin-1 keeps bytes 0x80-0x9F as C1 controls (U+0080-U+009F). Almost always
the bytes were Windows-1252 (``\\x93`` → ``“``); sometimes Mac Roman (``\\x87`` → ``á``).
The page is chosen once per text, by the plausibility model over all its C1 controls.
"""

from __future__ import annotations

import re

from .._nonascii import lacks
from ..detection.legacy import _INSIDE_MARK, native_letters
from ..model import Damage, Layer
from .base import Edit

_C1 = re.compile("[\x80-\x9f]")
# Reading a C1 control through a page other than Windows-1252 needs evidence.
_PAGES = (("windows-1252", "cp1252", 0), ("mac-roman", "mac_roman", 60))
_CONTEXT = 2


def _read(char: str, codec: str) -> str | None:
    try:
        return char.encode("latin-1").decode(codec)
    except UnicodeDecodeError:
        return None  # a hole in that page (0x81, 0x8D, 0x8F, 0x90, 0x9D in Windows-1252)


#: What a mark standing inside a word as a letter would costs a reading (tenths of a nat):
#: a pair no language writes on each side, as in the legacy fixer.
_INSIDE_COST = 240


def _inside_word(text: str, i: int, after: str) -> bool:
    """Whether ``after`` in place of ``text[i]`` is a mark standing inside a word as a
    letter would (``detection.legacy``'s rule): Windows-1252 reads "tur\x92stico" as
    "tur’stico", Mac Roman as "turístico"; "don\x92t" is an apostrophe either way."""

    window = text[max(0, i - 1) : i] + after + text[i + 1 : i + 4]
    found = _INSIDE_MARK.search(window)
    return found is not None and found.start() == min(i, 1)


class C1ControlFixer:
    """Text decoded as Latin-1 where the bytes were Windows-1252 (or Mac Roman).

    >>> C1ControlFixer().find("\\x84Hallo\\x93")[1].after
    '“'
    >>> C1ControlFixer().find("Coatl\\x87n conf\\x92an")[0].after
    'á'
    """

    name = "c1-controls"
    default = True
    description = "C1 control characters that were Windows-1252 (or Mac Roman) bytes"

    def find(self, text: str) -> list[Edit]:
        if lacks(text, _C1.search):
            return []
        hits = [m.start() for m in _C1.finditer(text)]
        if not hits:
            return []
        from ..plausibility import confidence, cost

        inside_words = all(
            0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha() for i in hits
        )
        best: tuple[int, str, str] | None = None
        # A mark inside a word counts against Windows-1252 only where Mac Roman reads the
        # controls into letters of the language of the text's ASCII letters ("o\x92clock"
        # is English "o’clock", "tur\x92stico" Spanish "turístico").
        mac = [_read(text[i], "mac_roman") or "?" for i in hits]  # (Mac Roman has no holes there)
        mac_native = inside_words and native_letters(text, "".join(mac))
        for name, codec, prior in _PAGES:
            if name == "mac-roman" and not inside_words:
                continue  # Mac Roman's 0x80-0x9F are accented letters: they sit inside words
            total = prior
            for i in hits:
                after = _read(text[i], codec)
                if after is not None:
                    left, right = text[max(0, i - _CONTEXT) : i], text[i + 1 : i + 1 + _CONTEXT]
                    total += cost(after, left, right) - cost(text[i], left, right)
                    if _inside_word(text, i, after) and mac_native:
                        total += _INSIDE_COST
            if best is None or total < best[0]:
                best = (total, name, codec)
        assert best is not None
        score, name, codec = best
        damage = Damage("c1-control", (Layer(name, "iso-8859-1"),))
        sure = confidence(-score // max(1, len(hits))) if score < 0 else 0.6
        edits = []
        for i in hits:
            after = _read(text[i], codec)
            if after is None:
                continue
            reason = f"C1 control U+{ord(text[i]):04X} is {name} byte 0x{ord(text[i]):02X} read as Latin-1"
            edits.append(Edit(i, i + 1, after, damage, reason, sure))
        return edits
