"""Make mojibake on purpose: the inverse of what mojifix repairs (used by the tests)."""

from __future__ import annotations

from collections.abc import Iterable

from mojifix.codepages import CODEPAGES, by_name

CODEPAGE_NAMES = tuple(cp.name for cp in CODEPAGES)
HOLE_POLICIES = ("c1", "windows-1252")


def damage(text: str, codepage: str, holes: str = "c1") -> str | None:
    """``text`` encoded as UTF-8 and decoded with ``codepage``; holes filled per ``holes``.

    Returns None when the result could not be undone unambiguously (a hole filled with a
    character the code page already has elsewhere).
    """
    cp = by_name(codepage)
    cp1252 = by_name("windows-1252")
    out = []
    for byte in text.encode("utf-8", "surrogatepass"):
        char = cp.decode_byte(byte)
        if char is None:
            fill = cp1252.decode_byte(byte) if holes == "windows-1252" else None
            char = fill if fill is not None else chr(byte)
            if cp.to_byte.get(char) != byte:
                return None
        out.append(char)
    return "".join(out)


def real_lines(lang: str, count: int) -> list[str]:
    """The first ``count`` non-ASCII lines of a real-text fixture (``fixtures/multilingual``)."""
    from conftest import FIXTURES

    text = (FIXTURES / "multilingual" / f"{lang}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if not line.isascii()][:count]


def repaired_exactly(pairs: Iterable[tuple[str, str | None]]) -> tuple[int, int]:
    """For (clean, damaged) pairs (damaged None where the damage could not be made), how
    many damaged texts mojifix turns back into the clean one, and how many there were.
    Every repair must undo exactly."""
    import mojifix

    total = exact = 0
    for clean, damaged in pairs:
        if damaged is None or damaged == clean:
            continue
        total += 1
        result = mojifix.repair(damaged)
        exact += result.text == clean
        assert result.undo() == damaged
    return exact, total
