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


#: What stresses the detector most: runs of lead characters, leads that are also
#: continuations, scripts alternating letter by letter, sequences cut short (a lead, then
#: a space), three-byte sequences missing their last byte, one accented letter over and
#: over, box drawing and odd symbols glued to text, layers of Ã and Â, CJK mojibake,
#: lost bytes, dropped bytes.
ADVERSARIAL_PIECES = (
    "Ã" * 200 + " ",
    "ÃÂÃÂÃÂÃÂ" * 20 + " ",
    "aбαאaбαאaбαא " * 5,
    "Ð¿Ñ Ð Ñ Ð¿ Ñ€ " * 5,
    "â€ â€ â€ â€ " * 5,
    "é" * 100 + " ",
    "╗½╗½╗½ ‡‹‡‹ " * 5,
    "ÃƒÂ" * 50 + " ",
    "こんにちは鈥檚縺ョ" * 10 + " ",
    "Ã?" * 100 + " ",
    "Ð±Ñ." * 50 + " ",  # leads that lost their last byte, in a word without end
    "ÑÑÑ‹" * 40 + " ",
)


def adversarial(size: int, seed: int = 3) -> str:
    """About ``size`` bytes (UTF-8) of :data:`ADVERSARIAL_PIECES` in a seeded random order,
    with paragraph breaks between some of them."""
    import random

    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        piece = rng.choice(ADVERSARIAL_PIECES)
        out.append(piece)
        total += len(piece.encode("utf-8"))
        if rng.random() < 0.2:
            out.append("\n\n")
    return "".join(out)
