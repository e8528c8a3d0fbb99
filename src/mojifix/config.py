"""What a repair run should do: which fixers, how sure it must be, what never to touch."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Config"]


@dataclass(frozen=True)
class Config:
    """Options for :func:`mojifix.repair`. The default repairs damage and nothing else.

    ``select`` replaces the default fixer list, ``extend_select`` adds to it (e.g.
    ``("quotes",)``), ``ignore`` removes from it. ``min_confidence`` drops changes the
    model is less sure of. ``allow`` holds regular expressions whose matches are never
    changed.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_confidence: float = 0.0
    allow: tuple[str, ...] = ()
    _allow_re: tuple[re.Pattern[str], ...] = field(default=(), init=False, repr=False, compare=False)
    _fixer_names: tuple[str, ...] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from .fixers import REGISTRY

        for name in (*(self.select or ()), *self.extend_select, *self.ignore):
            if name not in REGISTRY:
                known = ", ".join(REGISTRY)
                raise ValueError(f"unknown fixer {name!r} (known: {known})")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError("min_confidence must be between 0 and 1")
        try:
            compiled = tuple(re.compile(p) for p in self.allow)
        except re.error as exc:
            raise ValueError(f"invalid allow pattern: {exc}") from None
        object.__setattr__(self, "_allow_re", compiled)

    def fixer_names(self) -> tuple[str, ...]:
        """The fixers to run, in pipeline order (computed once per Config)."""
        if self._fixer_names is None:
            from .fixers import DEFAULT_FIXERS, REGISTRY

            chosen = set(self.select if self.select is not None else DEFAULT_FIXERS)
            chosen |= set(self.extend_select)
            chosen -= set(self.ignore)
            names = tuple(name for name in REGISTRY if name in chosen)
            object.__setattr__(self, "_fixer_names", names)
            return names
        return self._fixer_names

    def allowed_spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for pattern in self._allow_re for m in pattern.finditer(text)]
