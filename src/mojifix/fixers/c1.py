"""Stray C1 control characters that stand for bytes of another code page.

Text decoded as Latin-1 keeps bytes 0x80-0x9F as C1 controls (U+0080-U+009F). Almost always
the bytes were Windows-1252 (``\\x93`` → ``“``); sometimes Mac Roman (``\\x87`` → ``á``).
The page is chosen once per text, by the plausibility model over all its C1 controls.
"""

from __future__ import annotations

import bisect
import re

from .._nonascii import lacks
from ..detection.encoding import UTF8_SEQUENCE
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


_LATIN1_RUN = re.compile("[\x80-\xff]+")
_C1_BYTE = re.compile(rb"[\x80-\x9f]")


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
        hits, wrapped = _controls(text)
        if not hits:
            return []
        # The page is chosen on the text with each wrapping "Â" taken out (the control it
        # wraps then stands among its real neighbours).
        if wrapped:
            view = "".join(c for k, c in enumerate(text) if k + 1 not in wrapped)
            order = sorted(wrapped)
            name, codec, sure = _page(view, [i - bisect.bisect_right(order, i) for i in hits])
        else:
            name, codec, sure = _page(text, hits)
        damage = Damage("c1-control", (Layer(name, "iso-8859-1"),))
        edits = []
        for i in hits:
            after = _read(text[i], codec)
            if after is None:
                continue
            reason = f"C1 control U+{ord(text[i]):04X} is {name} byte 0x{ord(text[i]):02X} read as Latin-1"
            if i in wrapped:
                layers = (Layer(name, "iso-8859-1"), Layer("utf-8", "iso-8859-1"))
                reason += ", then its UTF-8 read as Latin-1"
                edits.append(Edit(i - 1, i + 1, after, Damage("c1-control", layers), reason, sure))
            else:
                edits.append(Edit(i, i + 1, after, damage, reason, sure))
        return edits


def _controls(text: str) -> tuple[list[int], set[int]]:
    """The C1 controls of ``text`` to read back, and those of them wrapped in their own
    UTF-8 read as Latin-1 ("Â\x93": the "Â" goes with the control).

    A run of Latin-1 characters that holds a well-formed UTF-8 sequence with a control in
    it is UTF-8 read as Latin-1, which the mojibake fixer repairs or, where it cannot tell
    ("â\x80â\x80\x9c", a dash whose bytes are half lost), leaves to be reported: reading
    its controls as Windows-1252 would only turn it into other mojibake ("â€â€œ"). Its
    controls are read back only where every one of them is such a sequence's second
    byte, and then those after "Â". "José\x92s" holds no UTF-8: "é\x92" lacks a byte."""
    hits: list[int] = []
    wrapped: set[int] = set()
    for run in _LATIN1_RUN.finditer(text):
        start = run.start()
        controls = [k for k in range(start, run.end()) if text[k] <= "\x9f"]
        if not controls:
            continue
        raw = run.group().encode("latin-1")
        leads = {start + m.start() for m in UTF8_SEQUENCE.finditer(raw) if _C1_BYTE.search(m.group())}
        if not leads:
            hits += controls
        elif all(k - 1 in leads for k in controls):
            own = [k for k in controls if text[k - 1] == "\xc2"]
            hits += own
            wrapped.update(own)
    return hits, wrapped


def _page(text: str, hits: list[int]) -> tuple[str, str, float]:
    """The page the C1 controls at ``hits`` were bytes of (name, codec), and how sure."""
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
    return name, codec, confidence(-score // max(1, len(hits))) if score < 0 else 0.6
