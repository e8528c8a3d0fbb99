"""Generated tables are reproducible from their scripts."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from mojifix.codepages import CODEPAGES, by_name


def test_codepage_tables_match_pythons_codecs() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_codepages.py"), "--check"], check=False
    )
    assert done.returncode == 0, "run scripts/gen_codepages.py: the checked-in tables are stale"


def test_holes_and_fills() -> None:
    cp874 = by_name("windows-874")
    assert 0x99 in cp874.holes
    assert cp874.to_byte["™"] == 0x99 and cp874.fill_of["™"] == "windows-1252"
    assert cp874.to_byte["\x99"] == 0x99 and cp874.fill_of["\x99"] == "latin-1 C1"
    cp1252 = by_name("windows-1252")
    assert sorted(cp1252.holes) == [0x81, 0x8D, 0x8F, 0x90, 0x9D]
    assert cp1252.to_byte["\x9d"] == 0x9D
    assert len(CODEPAGES) == 26
