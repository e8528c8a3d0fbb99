"""The article that started the project: six spans of UTF-8 read as Windows-874."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

import mojifix

SEED = (FIXTURES / "seed-article.txt").read_text(encoding="utf-8")
REPAIRED = (FIXTURES / "seed-article.repaired.txt").read_text(encoding="utf-8")


def test_fix_text_gives_the_published_repair() -> None:
    assert mojifix.fix_text(SEED) == REPAIRED


def test_exactly_six_changes_naming_windows_874_with_windows_1252_holes() -> None:
    result = mojifix.repair(SEED)
    assert [c.before for c in result.changes] == ["โ€”", "โ€”", "โ€™", "โ€™", "โ€”", "โ€™"]
    assert [c.after for c in result.changes] == ["—", "—", "’", "’", "—", "’"]
    for change in result.changes:
        assert "Windows-874" in change.reason and "windows-1252" in change.reason
        assert str(change.damage) == "utf-8 → windows-874 (holes: windows-1252)"
        assert change.lossless
        assert SEED[change.start : change.end] == change.before
        assert result.text[change.new_start : change.new_end] == change.after


def test_good_curly_quotes_are_untouched() -> None:
    result = mojifix.repair(SEED)
    # The damaged dashes "โ€”" contain a "”" of their own (0x94 in Windows-874).
    assert result.text.count("’") == SEED.count("’") + 3
    assert result.text.count("“") == SEED.count("“") > 0
    assert result.text.count("”") == SEED.count("”") - 3 > 0


def test_line_and_column_point_at_the_damage() -> None:
    result = mojifix.repair(SEED)
    lines = SEED.split("\n")
    for change in result.changes:
        line = lines[change.line - 1]
        assert line[change.column - 1 :].startswith(change.before)


@pytest.mark.parametrize("config", [mojifix.Config(), mojifix.Config(min_confidence=0.5)])
def test_undo_restores_the_article(config: mojifix.Config) -> None:
    result = mojifix.repair(SEED, config=config)
    assert result.undo() == SEED
    assert mojifix.Repair.from_json(result.to_json()).undo() == SEED
