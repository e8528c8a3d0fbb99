"""Stray C1 control characters that stand for Windows-1252 punctuation."""

from __future__ import annotations

import re

from ..model import Damage, Layer
from .base import Edit

# C1 controls (U+0080-U+009F) for which Windows-1252 defines a character. The five
# Windows-1252 holes (81 8D 8F 90 9D) have no better reading and are left alone.
_C1 = re.compile("[\x80\x82-\x8c\x8e\x91-\x9c\x9e\x9f]")


class C1ControlFixer:
    """Text decoded as Latin-1 where the bytes were Windows-1252: ``\\x93`` → ``“``.

    >>> C1ControlFixer().find("\\x84Hallo\\x93")[1].after
    '“'
    """

    name = "c1-controls"
    default = True
    description = "C1 control characters that were Windows-1252 punctuation"

    def find(self, text: str) -> list[Edit]:
        if text.isascii():
            return []
        damage = Damage("c1-control", (Layer("windows-1252", "iso-8859-1"),))
        edits = []
        for match in _C1.finditer(text):
            char = match.group()
            after = char.encode("latin-1").decode("cp1252")
            reason = f"C1 control U+{ord(char):04X} is Windows-1252 byte 0x{ord(char):02X} read as Latin-1"
            edits.append(Edit(match.start(), match.end(), after, damage, reason, 0.95))
        return edits
