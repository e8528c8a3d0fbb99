"""Fixers: one module per damage family, all with the same interface (:class:`Fixer`).

A fixer looks at text and proposes :class:`Edit`\\ s; it never prints and never applies
anything itself. The pipeline (:mod:`mojifix.pipeline`) runs the enabled fixers in order,
maps their edits back to the original text and records them as :class:`~mojifix.Change`.
"""

from __future__ import annotations

from .base import Edit, Fixer
from .c1 import C1ControlFixer
from .doublebyte import DoubleByteFixer
from .legacy import LegacyFixer
from .mojibake import MojibakeFixer
from .typography import LigatureFixer, QuoteFixer, WidthFixer

__all__ = ["DEFAULT_FIXERS", "REGISTRY", "Edit", "Fixer"]

#: Every fixer by name, in the order the pipeline runs them.
REGISTRY: dict[str, Fixer] = {
    fixer.name: fixer
    for fixer in (
        LegacyFixer(),
        MojibakeFixer(),
        DoubleByteFixer(),
        C1ControlFixer(),
        QuoteFixer(),
        WidthFixer(),
        LigatureFixer(),
    )
}

#: Fixers that run unless configured otherwise: they repair damage only.
DEFAULT_FIXERS: tuple[str, ...] = tuple(name for name, f in REGISTRY.items() if f.default)
