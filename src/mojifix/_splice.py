"""Apply non-overlapping, ordered replacements to a string (shared by detection, the
pipeline and Repair.apply)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Replacement(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def after(self) -> str: ...


def splice(text: str, replacements: Iterable[Replacement]) -> str:
    """``text`` with each ``text[r.start:r.end]`` replaced by ``r.after``."""
    parts: list[str] = []
    cursor = 0
    for r in replacements:
        parts.append(text[cursor : r.start])
        parts.append(r.after)
        cursor = r.end
    parts.append(text[cursor:])
    return "".join(parts)
