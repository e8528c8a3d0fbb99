"""Opt-in normalisations. They change legitimate text, so none runs by default."""

from __future__ import annotations

import re
import unicodedata

from ..model import Damage
from .base import Edit

_QUOTES = re.compile("[‘’‚‛“”„‟]")
_QUOTE_MAP = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
_WIDE = re.compile("[\u3000\uff01-\uff5e]")
_LIGATURES = re.compile("[\ufb00-\ufb06]")


def _edits(
    pattern: re.Pattern[str], text: str, replace: dict[str, str] | None, kind: str, why: str
) -> list[Edit]:
    damage = Damage(kind)
    out = []
    for match in pattern.finditer(text):
        char = match.group()
        after = replace[char] if replace else unicodedata.normalize("NFKC", char)
        if after != char:
            out.append(Edit(match.start(), match.end(), after, damage, why, 1.0))
    return out


class QuoteFixer:
    """Curly quotes to straight ones (``uncurl_quotes`` in ftfy). Off by default."""

    name = "quotes"
    default = False
    description = "straighten curly quotes (changes legitimate text)"

    def find(self, text: str) -> list[Edit]:
        return _edits(_QUOTES, text, _QUOTE_MAP, "typography", "curly quote straightened (opt-in)")


class WidthFixer:
    """Full-width ASCII forms to ASCII (``fix_character_width``). Off by default."""

    name = "width"
    default = False
    description = "fold full-width Latin letters, digits and punctuation to ASCII"

    def find(self, text: str) -> list[Edit]:
        return _edits(_WIDE, text, None, "typography", "full-width form folded (opt-in)")


class LigatureFixer:
    """Latin ligatures such as ``ﬁ`` to letters (``fix_latin_ligatures``). Off by default."""

    name = "ligatures"
    default = False
    description = "expand Latin ligatures such as ﬁ into separate letters"

    def find(self, text: str) -> list[Edit]:
        return _edits(_LIGATURES, text, None, "typography", "ligature expanded (opt-in)")
