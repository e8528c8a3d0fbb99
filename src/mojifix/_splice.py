"""Apply non-overlapping, ordered replacements to a string (shared by detection, the
pipeline and Repair.apply)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
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


def splice_mapped(text: str, replacements: Sequence[Replacement]) -> tuple[str, Callable[[int], int]]:
    """``splice(text, replacements)`` and a map from an offset of ``text`` that no
    replacement covers to the same place in the result."""
    ends: list[int] = []
    shifts: list[int] = []
    shift = 0
    for r in replacements:
        shift += len(r.after) - (r.end - r.start)
        ends.append(r.end)
        shifts.append(shift)

    def moved(offset: int) -> int:
        k = bisect.bisect_right(ends, offset)
        return offset + (shifts[k - 1] if k else 0)

    return splice(text, replacements), moved
