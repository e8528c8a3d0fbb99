"""The one interface every fixer implements."""

from __future__ import annotations

from typing import NamedTuple, Protocol

from ..model import Damage


class Edit(NamedTuple):
    """A proposed replacement of ``text[start:end]`` by ``after``."""

    start: int
    end: int
    after: str
    damage: Damage
    reason: str
    confidence: float
    lossless: bool = True


class Fixer(Protocol):
    """Text in, edits out. ``default`` says whether it runs without being asked for."""

    name: str
    default: bool
    description: str

    def find(self, text: str) -> list[Edit]:
        """Non-overlapping edits for ``text``, in order."""
        ...
