"""UTF-8 read through a single-byte code page (one or more layers), span by span."""

from __future__ import annotations

from ..detection import utf8
from ..model import Damage
from ..plausibility import confidence
from .base import Edit


class MojibakeFixer:
    """Repairs spans such as ``Syriaâ€™s`` or ``Syriaโ€™s`` (UTF-8 read as cp1252 / cp874).

    >>> MojibakeFixer().find("Syriaโ€™s")[0].after
    '’'
    """

    name = "mojibake"
    default = True
    description = "UTF-8 text decoded with a single-byte code page, one or more times"

    def find(self, text: str) -> list[Edit]:
        if text.isascii():
            return []
        edits = []
        for cand in utf8.find(text):
            damage = Damage("mojibake", cand.layers)
            lossy = "" if cand.lossless else "; some bytes were lost"
            reason = f"UTF-8 bytes decoded as {_names(cand)}{lossy}"
            sure = confidence(cand.margin)
            if not cand.lossless:
                sure = min(sure, LOSSY_CONFIDENCE)  # a lost byte was guessed or left unknown
            edits.append(Edit(cand.start, cand.end, cand.after, damage, reason, sure, cand.lossless))
        return edits


#: The most a repair that lost bytes on the way can be trusted.
LOSSY_CONFIDENCE = 0.85


def _names(cand: utf8.Candidate) -> str:
    parts = []
    for layer in cand.layers:
        notes = [_FILL_NOTES.get(f, f"holes filled from {f}") for f in (layer.holes or "").split("; ") if f]
        holes = f" ({', '.join(notes)})" if notes else ""
        parts.append(f"{_display(layer.decoded_as)}{holes}")
    return ", then ".join(parts)


_FILL_NOTES = {"lost": "undefined bytes lost", "nbsp→space": "no-break spaces flattened"}


def _display(name: str) -> str:
    return name[0].upper() + name[1:] if name.startswith("windows") else name
