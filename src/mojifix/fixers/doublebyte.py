"""UTF-8 read through an East Asian double-byte code page (GBK, Shift_JIS, Big5, EUC-KR, EUC-JP)."""

from __future__ import annotations

from ..detection import doublebyte
from ..model import Damage
from ..plausibility import confidence
from .base import Edit
from .mojibake import LOSSY_CONFIDENCE


class DoubleByteFixer:
    """Repairs spans such as ``it鈥檚 caf茅`` (UTF-8 read as GBK) or ``繧ｹ繝ｩ`` (as Shift_JIS).

    >>> DoubleByteFixer().find("it鈥檚 caf茅")[0].after
    '’s'
    """

    name = "double-byte"
    default = True
    description = "UTF-8 text decoded with a double-byte code page (GBK, Shift_JIS, Big5, EUC-KR, EUC-JP)"

    def find(self, text: str) -> list[Edit]:
        if text.isascii():
            return []
        edits = []
        for cand in doublebyte.find(text):
            layer = cand.layers[0]
            damage = Damage("double-byte mojibake", cand.layers)
            if "\ufffd" in cand.after:
                lost = "; original bytes lost: the replacement characters cannot be restored"
            else:
                lost = ""
            reason = f"UTF-8 bytes decoded as {layer.decoded_as.upper().replace('_', '-')}{lost}"
            sure = confidence(cand.margin)
            if not cand.lossless:
                sure = min(sure, LOSSY_CONFIDENCE)
            edits.append(Edit(cand.start, cand.end, cand.after, damage, reason, sure, cand.lossless))
        return edits
