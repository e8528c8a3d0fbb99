"""A text's non-ASCII characters, found in C: the cheap first look every fixer shares.

Clean English is mostly ASCII with a few curly quotes and dashes. Each fixer looks for a
kind of non-ASCII character (C1 controls, CJK, a lead of some code page); a regex over the
whole text pays for every ASCII character it steps over, about 8 ms per MB here, while
dropping the ASCII bytes of the text's UTF-8 (``bytes.translate``) costs about 3 ms, once,
and leaves a string a few thousand characters long that all of them can search instead.

The shortcut holds for a pattern whose every match is a run of adjacent non-ASCII
characters: adjacent in the text means adjacent here too. (Not the converse: characters
that were apart in the text may meet here, so a match here proves nothing; no match here
proves there is none in the text.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

_ASCII = bytes(range(0x80))

Search = Callable[[str], "re.Match[str] | None"]


@functools.lru_cache(maxsize=2)
def non_ascii(text: str) -> str:
    """The non-ASCII characters of ``text``, in order, and nothing else.

    >>> non_ascii("It’s “fine” — café")
    '’“”—é'

    The answers for the last two texts are kept (the fixers of one repair all ask about
    the same text, some also about a variant of it); :func:`forget` lets them go.
    """
    # "surrogatepass" carries lone surrogates through both steps unchanged.
    return text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass")


def lacks(text: str, search: Search) -> bool:
    """True if ``search`` (a compiled pattern's ``search``, matching only runs of non-ASCII
    characters) surely finds nothing in ``text``. False means: look in the text itself."""
    return text.isascii() or search(non_ascii(text)) is None


def forget() -> None:
    """Drop the kept answer (and the reference to its text)."""
    non_ascii.cache_clear()
