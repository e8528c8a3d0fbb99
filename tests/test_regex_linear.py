"""No regex of mojifix backtracks super-linearly (issue #6): each compiled pattern of the
package scans adversarial text, and four times as much of it, in time that grows about
four times. A pattern that backtracks catastrophically takes seconds to hours on such
text; the bounds here are loose enough for a busy machine."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest
from damage import adversarial

import mojifix


def _patterns() -> dict[str, re.Pattern[str] | re.Pattern[bytes]]:
    found: dict[str, re.Pattern[str] | re.Pattern[bytes]] = {}
    for info in pkgutil.walk_packages(mojifix.__path__, "mojifix."):
        if ".integrations" in info.name or info.name.endswith(
            ("__main__", "_bigrams", "_charcost", "_words")
        ):
            continue  # optional dependencies; generated tables hold no patterns
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            pattern = getattr(value, "__self__", value)  # bound .search of a pattern too
            if isinstance(pattern, re.Pattern):
                found.setdefault(f"{info.name}.{name}", pattern)
    return found


PATTERNS = _patterns()
TEXT = adversarial(60_000) + "".join(chr(c) for c in range(0x80, 0x800)) + " a&b<c\\u00e9 \x80\x9d"


def test_the_package_has_patterns_to_check() -> None:
    assert len(PATTERNS) >= 30


def _scan_time(pattern: re.Pattern[str] | re.Pattern[bytes], text: str) -> float:
    subject: str | bytes = text if isinstance(pattern.pattern, str) else text.encode("utf-8", "surrogatepass")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        pattern.findall(subject)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_scans_grow_linearly(name: str) -> None:
    pattern = PATTERNS[name]
    small = _scan_time(pattern, TEXT)
    large = _scan_time(pattern, TEXT * 4)
    assert large < 2.0, f"{large:.2f} s for {4 * len(TEXT)} characters"
    # Linear is 4x; quadratic would be 16x. Small times are noisy: 20 ms of slack.
    assert large < 8 * small + 0.02, (small, large)


@pytest.mark.parametrize("piece", ["Ð±Ñ.", "ÑÑÑ‹", "Ã?"])
def test_repairs_of_long_words_grow_linearly(piece: str) -> None:
    """A word without end made of damage (here, sequences that lost a byte) is looked at
    piece by piece, never as a whole for each of its spans."""

    def timed(text: str) -> float:
        start = time.perf_counter()
        mojifix.fix_text(text)
        return time.perf_counter() - start

    timed(piece * 10)  # (tables load on first use)
    small = timed(piece * 500)
    large = timed(piece * 2000)
    assert large < 8 * small + 0.5, (small, large)
