"""Character -> byte encoding through a code page's map, fast.

``codecs.charmap_encode`` with a ``dict`` looks every character up as a Python object
(about 0.1 µs each); with the ``EncodingMap`` that ``codecs.charmap_build`` makes from a
256-character decoding table it stays in C, ten times faster. An ``EncodingMap`` maps one
character to each byte, while the detector's maps send two to some bytes: the character a
Windows page defines and the C1 control a "sloppy" decoder leaks for it (U+0080 as well
as "€"). :class:`Encoder` encodes with the ``EncodingMap``, after replacing each extra
character in the text (C1 controls: rare in any text) by the one that has its byte.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

_UNDEFINED = "\ufffe"  # charmap_build's "no character for this byte"


class Encoder:
    """Encodes text with a character -> byte map (``errors`` as for ``str.encode``:
    "strict" raises ``UnicodeEncodeError``, "replace" writes ``?``)."""

    __slots__ = ("_alias", "_fast", "_others", "table")

    def __init__(self, table: dict[int, int]) -> None:
        decoding = [_UNDEFINED] * 256
        # One character per byte: the first one that is no C1 control, else the control.
        alias: dict[str, str] = {}
        for char, byte in sorted(table.items(), key=lambda item: (0x80 <= item[0] <= 0x9F, item[0])):
            if decoding[byte] == _UNDEFINED:
                decoding[byte] = chr(char)
            else:
                alias[chr(char)] = decoding[byte]
        self._fast: Any = codecs.charmap_build("".join(decoding))
        #: The character -> byte map, as given.
        self.table = table
        self._others = re.compile("[" + "".join(map(re.escape, alias)) + "]") if alias else None
        self._alias = alias

    def encode(self, text: str, errors: str = "strict") -> bytes:
        """``text`` encoded: exactly as ``codecs.charmap_encode(text, errors, table)``."""
        if self._others is not None and self._others.search(text) is not None:
            text = self._others.sub(self._swap, text)
        return codecs.charmap_encode(text, errors, self._fast)[0]

    def _swap(self, match: re.Match[str]) -> str:
        return self._alias[match.group()]
