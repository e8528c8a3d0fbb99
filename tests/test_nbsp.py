"""No-break spaces flattened to spaces inside mojibake (issue #3, lossy leftovers).

UTF-8 puts byte A0 in many characters (à is C3 A0, ⠀ is E2 A0 80, ٠ is D9 A0); read as
Windows-1252 that byte is a no-break space, which pipelines often turn into a plain space.
The space then stands for the byte: "vÃ lids" is "vàlids". Whether a space after "Ã" is the
lost byte or a real space ("voilÃ le") is decided by evidence (docs/plausibility.md).
"""

from __future__ import annotations

import pytest
from damage import damage, real_lines, repaired_exactly

import mojifix

LANGUAGES = ("ca", "fr", "it", "pt", "vi", "ar", "ru", "el", "ja", "hi", "ga", "es")


def _flattened(line: str) -> str | None:
    bad = damage(line, "windows-1252")
    if bad is None or "\xa0" not in bad:
        return None
    return bad.replace("\xa0", " ")


def test_real_lines_with_flattened_no_break_spaces_come_back() -> None:
    pairs = [(line, _flattened(line)) for lang in LANGUAGES for line in real_lines(lang, 80)]
    exact, total = repaired_exactly(pairs)
    assert total >= 100
    assert exact / total >= 0.9, (exact, total)


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        # The letters on both sides make a word real text uses.
        ("Els valors vÃ lids sÃ³n:", "Els valors vàlids són:"),
        ("semelhante Ã quele observado", "semelhante àquele observado"),
        # ... but not when an elided word follows.
        ("et signe Ã s'Ã©loigner des grands axes", "et signe à s'éloigner des grands axes"),
        # Two spaces: the flattened one and the real one.
        ("abandon Ã  %s:%d", "abandon à %s:%d"),
        # A space inside a sequence, between its lead and a continuation.
        ("â € Boa sorte, âš ï¸\x8f atenÃ§Ã£o", "⠀ Boa sorte, ⚠️ atenção"),
        # Sequences that follow one another through their spaces.
        ("أكثر Ù…Ù† Ù Ù Ù¡ Ø¨Ù„Ø¯", "أكثر من ٠٠١ بلد"),
        # Word-final à keeps the real space after it.
        ("la cittÃ di Roma e la libertÃ di stampa", "la città di Roma e la libertà di stampa"),
    ],
)
def test_flattened_spaces(damaged: str, expected: str) -> None:
    result = mojifix.repair(damaged)
    assert result.text == expected
    assert result.undo() == damaged


@pytest.mark.parametrize(
    "clean",
    ["NÃO É", "SÃO PAULO", "â € ", "ROMÂNIA É", "Ù Ù Ù", "MISUTÂ\xa0AJIKKO", "Voilà le plan, à bientôt"],
)
def test_clean_text_with_lone_leads_is_left_alone(clean: str) -> None:
    assert mojifix.fix_text(clean) == clean
