"""Legacy text read with the wrong legacy code page: Windows-1251 as Windows-1252, Shift_JIS
as Windows-1252, KOI8-R as Windows-1251 ... (see :data:`mojifix.detection.legacy.MIXUPS`)."""

from __future__ import annotations

from ..model import Damage
from ..plausibility import confidence
from .base import Edit

#: Without UTF-8's validity check, a legacy mixup is never more than this sure: below the
#: 0.9 at which reported findings must be right 99 % of the time.
LEGACY_CONFIDENCE = 0.89


class LegacyFixer:
    """Repairs paragraphs such as ``ÑÅÊÐÅÒ - Áåñïå÷íûé Åçäîê`` (Windows-1251 read as
    Windows-1252).

    >>> [e.after for e in LegacyFixer().find("ÑÅÊÐÅÒ - Áåñïå÷íûé Åçäîê")]
    ['СЕКРЕТ', 'Беспечный', 'Ездок']
    """

    name = "legacy"
    default = True
    description = "legacy text decoded with another legacy code page (no UTF-8 involved)"

    def find(self, text: str) -> list[Edit]:
        if text.isascii():
            return []
        from ..detection import legacy

        edits = []
        for cand in legacy.find(text):
            layer = cand.layers[0]
            damage = Damage("legacy mixup", cand.layers)
            reason = f"{layer.encoding} text read as {layer.decoded_as}"
            sure = min(confidence(cand.margin), LEGACY_CONFIDENCE)
            edits.append(Edit(cand.start, cand.end, cand.after, damage, reason, sure))
        return edits
