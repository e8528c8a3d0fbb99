"""Stray C1 controls: Windows-1252 bytes read as Latin-1, sometimes Mac Roman bytes."""

from __future__ import annotations

import pytest

import mojifix


@pytest.mark.parametrize(
    ("damaged", "fixed"),
    [
        ("It\x92s \x93fine\x94", "It’s “fine”"),  # Windows-1252, the common case
        ("I don\x92t know what you mean", "I don’t know what you mean"),
        # English: an apostrophe before "clock" has the shape of no contraction, but
        # Mac Roman's "í" is no English letter
        (
            "It was four o\x92clock in the afternoon when we arrived",
            "It was four o’clock in the afternoon when we arrived",
        ),
        # Mac Roman letters inside words
        ("Habitantes de Coatl\x87n conf\x92an en proyecto", "Habitantes de Coatlán confían en proyecto"),
        # One control inside a Spanish word: Windows-1252 would put an apostrophe where
        # none goes ("tur’stico"); Mac Roman reads a Spanish letter
        (
            "Deja dos heridos hundimiento de barco tur\x92stico en Acapulco.",
            "Deja dos heridos hundimiento de barco turístico en Acapulco.",
        ),
    ],
)
def test_c1_controls(damaged: str, fixed: str) -> None:
    result = mojifix.repair(damaged)
    assert result.text == fixed
    assert result.undo() == damaged
    assert {c.fixer for c in result.changes} == {"c1-controls"}


def test_controls_wrapped_in_their_own_utf8() -> None:
    # Windows-1252 read as Latin-1, then written as UTF-8 and read as Latin-1 once more:
    # "Â\x93" is the control's UTF-8; both go back to "“" in one change of two layers.
    damaged = "He said Â\x93hiÂ\x94 and left, José\x92s car"
    result = mojifix.repair(damaged)
    assert result.text == "He said “hi” and left, José’s car"
    assert result.undo() == damaged
    layers = [str(c.damage) for c in result.changes]
    twice = "windows-1252 → iso-8859-1, then utf-8 → iso-8859-1"
    assert layers == [twice, twice, "windows-1252 → iso-8859-1"]
    assert [c.before for c in result.changes] == ["Â\x93", "Â\x94", "\x92"]


def test_controls_of_other_utf8_are_left_and_reported() -> None:
    # "â\x80" lost its last byte before "â\x80\x9c": UTF-8 read as Latin-1 that no reading
    # explains. Its controls read as Windows-1252 would only be other mojibake ("â€â€œ").
    damaged = "pre-season friendly â\x80â\x80\x9c live!"
    assert mojifix.fix_text(damaged) == damaged
    diagnosis = mojifix.detect(damaged)
    assert diagnosis.verdict == "damaged"
    assert [f.text for f in diagnosis.findings] == ["â\x80â\x80\x9c"]
