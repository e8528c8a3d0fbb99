"""Repair objects: undo, selective apply, JSON round trip."""

from __future__ import annotations

import itertools
import json

import pytest

import mojifix
from mojifix import Config, Repair

TEXT = "Ã‰cole: cafÃ© â€” \x93quoted\x94 and Ð¿Ñ€Ð¸Ð²ÐµÑ‚"


def test_repair_fixes_each_span_once() -> None:
    result = mojifix.repair(TEXT)
    assert result.text == "École: café — “quoted” and привет"
    assert [c.fixer for c in result.changes] == ["mojibake"] * 3 + ["c1-controls"] * 2 + ["mojibake"]
    offsets = [(c.start, c.end) for c in result.changes]
    assert offsets == sorted(offsets)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(offsets))


def test_undo_and_apply_subsets() -> None:
    result = mojifix.repair(TEXT)
    assert result.undo() == TEXT
    assert result.apply([]) == TEXT
    assert result.apply() == result.text
    only_mojibake = result.apply(lambda c: c.fixer == "mojibake")
    assert only_mojibake == "École: café — \x93quoted\x94 and привет"
    first = result.changes[0]
    assert result.apply([first]) == "École" + TEXT[len("Ã‰cole") :]


def test_json_round_trip_and_schema() -> None:
    result = mojifix.repair(TEXT)
    data = json.loads(result.to_json())
    assert data["schema"] == "mojifix.repair" and data["version"] == mojifix.SCHEMA_VERSION
    change = data["changes"][0]
    assert change["damage"]["layers"][0] == {"encoding": "utf-8", "decoded_as": "windows-1252", "holes": None}
    assert change["line"] == 1 and change["column"] == 1
    loaded = Repair.from_json(result.to_json())
    assert loaded == result
    without_text = Repair.from_json(result.to_json(include_text=False), text=result.text)
    assert without_text.undo() == TEXT


def test_from_json_rejects_other_documents() -> None:
    with pytest.raises(ValueError, match="not a mojifix repair report"):
        Repair.from_json('{"changes": []}')
    with pytest.raises(ValueError, match="unsupported report version"):
        Repair.from_json('{"schema": "mojifix.repair", "version": 99, "changes": []}')


def test_opt_in_fixers_merge_with_repairs() -> None:
    config = Config(extend_select=("quotes",))
    result = mojifix.repair("Itâ€™s “fine”", config=config)
    assert result.text == 'It\'s "fine"'
    assert result.changes[0].before == "â€™" and result.changes[0].after == "'"
    assert result.changes[0].fixer == "mojibake+quotes"
    assert result.undo() == "Itâ€™s “fine”"


def test_defaults_leave_typography_alone() -> None:
    text = "“Quotes”, ﬁne ligatures and ＷＩＤＥ letters stay."
    assert mojifix.fix_text(text) == text


def test_config_errors_are_clear() -> None:
    with pytest.raises(ValueError, match="unknown fixer 'nope'"):
        Config(select=("nope",))
    with pytest.raises(ValueError, match="min_confidence"):
        Config(min_confidence=2)


def test_allow_list_is_never_changed() -> None:
    config = Config(allow=(r"cafÃ©",))
    assert mojifix.fix_text("cafÃ© and naÃ¯ve", config=config) == "cafÃ© and naïve"


def test_repair_rejects_bytes_with_a_clear_message() -> None:
    with pytest.raises(TypeError, match="takes str, not bytes; decode bytes to str first"):
        mojifix.repair(b"caf\xc3\xa9")  # type: ignore[arg-type]


def test_detect_reports_repairable_and_clean() -> None:
    assert mojifix.detect("plain text, naïve café").verdict == "clean"
    diagnosis = mojifix.detect("cafÃ© is here")
    assert diagnosis.verdict == "repairable"
    (finding,) = diagnosis.findings
    assert finding.text == "Ã©" and finding.suggestion == "é" and finding.repairable


def test_detect_reports_unrepairable_damage_as_one_finding_per_run() -> None:
    text = "ã†â€™ãƒâ€ stays, but cafÃ© is repaired"
    diagnosis = mojifix.detect(text)
    assert diagnosis.verdict == "damaged"
    suspicious = [f for f in diagnosis.findings if not f.repairable]
    assert [f.text for f in suspicious] == ["ã†â€™ãƒâ€"]
    assert suspicious[0].damage.kind == "suspicious" and suspicious[0].confidence < 0.5
    assert mojifix.fix_text(text) == "ã†â€™ãƒâ€ stays, but café is repaired"
