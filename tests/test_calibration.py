"""Confidence means something: changes reported at 0.9 or more are right 99 % of the time
(issue #3), over real text damaged in every family mojifix repairs."""

from __future__ import annotations

import contextlib
import random

from conftest import FIXTURES
from damage import CODEPAGE_NAMES, damage

import mojifix

# (true encoding, read as) for the legacy family: Python codecs.
LEGACY = (("cp1251", "cp1252"), ("cp1253", "cp1252"), ("gbk", "cp1252"), ("cp1252", "cp850"),
          ("iso8859_2", "cp1252"), ("mac_roman", "cp1252"), ("koi8_r", "cp1252"))  # fmt: skip
DOUBLE_BYTE = ("gbk", "cp932", "cp950", "cp949", "euc_jp")


def _sample() -> list[str]:
    rng = random.Random(3)
    lines: list[str] = []
    for path in sorted((FIXTURES / "multilingual").glob("*.txt")):
        text = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.isascii()]
        lines += rng.sample(text, min(4, len(text)))
    return lines


def _right(change: mojifix.Change, result: mojifix.Repair, clean: str) -> bool:
    """The change put the clean text's characters in place: aligned from the start of the
    line (all earlier changes exact) or from its end (all later ones exact)."""
    if clean[change.new_start : change.new_end] == change.after:
        return True
    tail = len(result.text) - change.new_end
    return (
        tail <= len(clean)
        and clean[len(clean) - tail - len(change.after) : len(clean) - tail] == change.after
    )


def _cases(lines: list[str]) -> list[tuple[str, str]]:
    cases = []
    for page in CODEPAGE_NAMES:
        cases += [(d, line) for line in lines[::4] if (d := damage(line, page)) and d != line]
    for codec in DOUBLE_BYTE:
        for line in lines:
            with contextlib.suppress(UnicodeDecodeError):  # lossy damage is not measured here
                cases.append((line.encode().decode(codec), line))
    for codec, read_as in LEGACY:
        for line in lines:
            try:
                d = line.encode(codec).decode(read_as)
            except UnicodeError:
                continue
            if d != line:
                cases.append((d, line))
    return cases


def test_findings_at_ninety_percent_are_right_ninety_nine_percent_of_the_time() -> None:
    right = wrong = 0
    for damaged, clean in _cases(_sample()):
        result = mojifix.repair(damaged)
        for change in result.changes:
            if change.confidence >= 0.9:
                if _right(change, result, clean):
                    right += 1
                else:
                    wrong += 1
    assert right + wrong >= 5000
    assert right / (right + wrong) >= 0.99, (right, wrong)
