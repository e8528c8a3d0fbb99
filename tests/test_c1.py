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
