"""What the emitters format: one :class:`FileReport` per input (file or stdin)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Change, Repair


@dataclass(frozen=True)
class FileReport:
    """The findings for one input.

    ``repair`` holds every reported change (and the original text, for context lines);
    changes below ``fix_threshold`` are reported but not fixed. ``notice`` is a problem
    with the file as a whole (not UTF-8, unreadable); ``level`` says whether that notice
    is damage (``"warning"``) or an error. ``meta`` adds fields to the JSON entry.
    """

    path: str
    repair: Repair | None = None
    notice: str | None = None
    level: str = "warning"
    fix_threshold: float = 0.0
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.repair.changes if self.repair is not None else ()

    def is_fixed(self, change: Change) -> bool:
        """Whether ``change`` is (or would be) applied, not only reported."""
        return change.confidence >= self.fix_threshold


def summary(reports: list[FileReport]) -> dict[str, int]:
    return {
        "files": len(reports),
        "files_with_damage": sum(1 for r in reports if r.changes or (r.notice and r.level == "warning")),
        "changes": sum(len(r.changes) for r in reports),
        "errors": sum(1 for r in reports if r.notice and r.level == "error"),
    }
